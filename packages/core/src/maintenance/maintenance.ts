import type { DataSource } from 'typeorm';
import { audit } from '../ledger/audit.js';
import { returning } from '../common/sql.js';
import { berlinDay } from '../common/calendar.js';
import { legalBasisInEffect } from '../consent/consent-check.js';
import { appendTimeline } from '../ledger/timeline.js';
import { consentInForceSql } from '../access/consent-sql.js';
import type { Principal } from '../common/principal.js';

export interface ExpirySweepResult {
  expired: number;
  suppressedMessages: number;
}

export interface RetentionResult {
  erasedPersons: number;
}

/**
 * Nightly work on consent and retention. Expiry is decided at every use anyway; the sweep
 * makes it visible (timeline, ledger) and stops messages still waiting on an expired consent.
 */
export class PrivacyMaintenance {
  constructor(private readonly ds: DataSource) {}

  async sweepExpiredConsents(now: Date = new Date()): Promise<ExpirySweepResult> {
    const today = berlinDay(now);
    return this.ds.transaction(async (m) => {
      const expired = await returning<{
        tenant_id: string;
        id: string;
        case_id: string;
        person_id: string;
        recipient_agency_id: string;
        categories: string[];
      }>(
        m,
        `UPDATE consents SET expired_at = $2
            WHERE revoked_at IS NULL AND expired_at IS NULL AND valid_until < $1::date
            RETURNING tenant_id, id, case_id, person_id, recipient_agency_id, categories`,
        [today, now],
      );
      let suppressed = 0;
      for (const c of expired) {
        const system: Principal = { kind: 'system', tenantId: c.tenant_id };
        // Waiting messages to that agency for that person that no other consent or legal basis still covers
        // are left to the send-time check; here they are stopped at once when nothing valid remains at all.
        const rows = await returning<{ id: string }>(
          m,
          `UPDATE outbox_messages o SET delivery_state = 'suppressed', last_error = $4
             FROM referrals r
            WHERE o.tenant_id = $1 AND o.delivery_state = 'queued' AND o.agency_id = $2 AND o.event_type = 'de.kim-hub.referral.requested.v1'
              AND r.tenant_id = o.tenant_id AND r.id = o.referral_id AND r.case_id = $3
              AND NOT EXISTS (SELECT 1 FROM consents k WHERE k.tenant_id = o.tenant_id AND k.person_id = $5 AND k.recipient_agency_id = $2
                                AND k.kind = 'disclosure' AND ${consentInForceSql('k', { today: '$6', now: '$7' })})
              AND NOT EXISTS (SELECT 1 FROM legal_bases b WHERE b.tenant_id = o.tenant_id AND b.recipient_agency_id = $2
                                AND ${legalBasisInEffect('b', 'r.case_id', '$6::date')})
            RETURNING o.id`,
          [
            c.tenant_id,
            c.recipient_agency_id,
            c.case_id,
            `suppressed: consent ${c.id} expired`,
            c.person_id,
            today,
            now,
          ],
        );
        suppressed += rows.length;
        await audit(m, system, {
          action: 'consent.expired',
          subjectType: 'consent',
          subjectId: c.id,
          categories: c.categories,
          allowed: true,
          personId: c.person_id,
          agencyId: c.recipient_agency_id,
          reason: rows.length ? `suppressed ${rows.length} waiting message(s)` : null,
        });
        await appendTimeline(m, system, {
          caseId: c.case_id,
          kind: 'consent.expired',
          summary: 'Consent expired',
          data: { consentId: c.id, suppressedMessages: rows.length },
        });
      }
      return { expired: expired.length, suppressedMessages: suppressed };
    });
  }

  /**
   * Löschung (Art. 17 GDPR) once every case of a person has been closed for longer than the
   * retention period: names, exact dates and identifiers go; what statistics need stays
   * (year of birth, nationality, municipality, month of arrival, the cases and referrals).
   */
  async eraseAfterRetention(retentionDays: number, now: Date = new Date()): Promise<RetentionResult> {
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
    return this.ds.transaction(async (m) => {
      const persons: { tenant_id: string; id: string }[] = await m.query(
        `SELECT p.tenant_id, p.id FROM persons p
          WHERE p.erased_at IS NULL
            AND EXISTS (SELECT 1 FROM cases c WHERE c.tenant_id = p.tenant_id AND c.person_id = p.id)
            AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.tenant_id = p.tenant_id AND c.person_id = p.id
                              AND (c.closed_at IS NULL OR c.closed_at >= $1))
          FOR UPDATE OF p`,
        [cutoff],
      );
      for (const p of persons) {
        const args = [p.tenant_id, p.id];
        await m.query(
          `UPDATE persons SET given_names = '[gelöscht]', family_name = '[gelöscht]', name_original_script = NULL,
                  aliases = '[]'::jsonb,
                  birth_date = CASE WHEN birth_date IS NULL THEN NULL ELSE make_date(extract(year FROM birth_date)::int, 1, 1) END,
                  birth_date_precision = CASE WHEN birth_date IS NULL THEN birth_date_precision ELSE 'year-only' END,
                  arrival_date = date_trunc('month', arrival_date)::date, residence_status = NULL, erased_at = now()
            WHERE tenant_id = $1 AND id = $2`,
          args,
        );
        await m.query(`DELETE FROM person_identifiers WHERE tenant_id = $1 AND person_id = $2`, args);
        await m.query(
          `UPDATE consents SET evidence = evidence - 'documentReference' WHERE tenant_id = $1 AND person_id = $2`,
          args,
        );
        // Linkage review evidence quotes the person's data, and its levels and weights compare it
        // with the other person's (next to whose values they tell the erased ones): it goes. An
        // undecided item goes whole (nobody decides about an erased person); a decided one stays
        // as the bare fact who decided what when ("different persons" holds for good), without
        // evidence or note. Staff's free text on a merge of the person goes the same way.
        await m.query(
          `DELETE FROM link_reviews
            WHERE tenant_id = $1 AND (person_a_id = $2 OR person_b_id = $2) AND status IN ('open', 'withdrawn')`,
          args,
        );
        await m.query(
          `UPDATE link_reviews SET evidence = '[]'::jsonb, note = NULL
            WHERE tenant_id = $1 AND (person_a_id = $2 OR person_b_id = $2)`,
          args,
        );
        await m.query(
          `UPDATE person_merges SET reason = CASE WHEN basis = 'review' THEN '[gelöscht]' ELSE reason END,
                  undo_reason = CASE WHEN undo_reason IS NULL THEN NULL ELSE '[gelöscht]' END
            WHERE tenant_id = $1 AND (survivor_id = $2 OR merged_id = $2)`,
          args,
        );
        // Message bodies carried names; the delivery facts (who, when, state) stay.
        await m.query(
          `UPDATE outbox_messages o SET sent_body = NULL FROM referrals r, cases c
            WHERE o.tenant_id = $1 AND r.tenant_id = o.tenant_id AND r.id = o.referral_id
              AND c.tenant_id = r.tenant_id AND c.id = r.case_id AND c.person_id = $2`,
          args,
        );
        await m.query(
          `UPDATE inbound_messages i SET body = jsonb_build_object('erased', true) FROM referrals r, cases c
            WHERE i.tenant_id = $1 AND r.tenant_id = i.tenant_id AND r.id = i.referral_id
              AND c.tenant_id = r.tenant_id AND c.id = r.case_id AND c.person_id = $2`,
          args,
        );
        await audit(
          m,
          { kind: 'system', tenantId: p.tenant_id },
          {
            action: 'person.erased',
            subjectType: 'person',
            subjectId: p.id,
            allowed: true,
            personId: p.id,
            reason: `retention of ${retentionDays} days after case closure ended`,
          },
        );
      }
      return { erasedPersons: persons.length };
    });
  }
}
