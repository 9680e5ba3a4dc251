import type { DataSource } from 'typeorm';
import { consentRepository, outboxRepository, retentionRepository } from '@kim/persistence';
import { audit } from '../ledger/audit.js';
import { berlinDay } from '../common/calendar.js';
import { appendTimeline } from '../ledger/timeline.js';
import { ruleSwitches } from '../access/rules.js';
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
      const expired = await consentRepository.expireDue(m, today, now);
      let suppressed = 0;
      for (const c of expired) {
        const system: Principal = { kind: 'system', tenantId: c.tenantId };
        // Waiting messages to that agency for that person that no other consent or legal basis still covers
        // are left to the send-time check; here they are stopped at once when nothing valid remains at all.
        const rows = await outboxRepository.suppressUncoveredAfterExpiry(m, c, today, now, ruleSwitches.current());
        suppressed += rows.length;
        await audit(m, system, {
          action: 'consent.expired',
          subjectType: 'consent',
          subjectId: c.id,
          categories: c.categories,
          allowed: true,
          personId: c.personId,
          agencyId: c.recipientAgencyId,
          reason: rows.length ? `suppressed ${rows.length} waiting message(s)` : null,
        });
        await appendTimeline(m, system, {
          caseId: c.caseId,
          kind: 'consent.expired',
          summary: { code: 'consent.expired', params: {} },
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
      const persons = await retentionRepository.due(m, cutoff);
      for (const p of persons) {
        await retentionRepository.erase(m, p.tenant_id, p.id);
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
