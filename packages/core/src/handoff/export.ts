import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { stringify } from 'csv-stringify/sync';
import {
  DeliveryState,
  EventType,
  HANDOFF_CSV_COLUMNS,
  HANDOFF_FORMAT,
  HandoffFile,
  type ConsentRevokedData,
  type HandoffManifest,
  type ReferralCancelledData,
  type ReferralRequestedData,
} from '@kim/contracts';
import { AgencyEntity, OutboxMessageEntity } from '@kim/persistence';
import { OutboundDelivery } from '../outbox/delivery.js';
import type { HandoffStore } from './store.js';
import { stamp } from './store.js';
import { signManifest } from './signature.js';

export interface ExportClaim {
  runId: string;
  exported: number;
  suppressed: number;
  /** Messages left queued (e.g. a revocation notice whose consent is not revoked). */
  skipped: number;
}

export interface PublishedExport {
  name: string;
  files: string[];
  lines: number;
}

/** The folder name of an export: its time (UTC) and run id, so exports sort by time. */
export const exportName = (run: { id: string; startedAt: Date }) => `${stamp(run.startedAt)}-${run.id.slice(0, 8)}`;

/**
 * The batch channel's outbound half. Two steps, each safe to repeat:
 * 1. claim: in one transaction, build every queued message of the agency at export time
 *    (consent checked again, exactly as before a webhook is sent), mark it sent by this run,
 *    and record the suppressed ones; a message is claimed by one run only, once.
 * 2. publish: write the run's messages (as stored when claimed) to the agency's outbox folder,
 *    all files at once. A crash between the two leaves the run "prepared"; the next run
 *    publishes it first, so nothing is lost and nothing is exported twice.
 */
export class HandoffExporter {
  private readonly delivery: OutboundDelivery;

  constructor(
    private readonly ds: DataSource,
    private readonly store: HandoffStore,
    source: string,
  ) {
    this.delivery = new OutboundDelivery(ds, source);
  }

  async claim(tenantId: string, agencyId: string, runId: string): Promise<ExportClaim> {
    return this.ds.transaction(async (m) => {
      const agency = await m.findOneOrFail(AgencyEntity, { where: { tenantId, id: agencyId } });
      const messages = await m
        .createQueryBuilder(OutboxMessageEntity, 'o')
        .where('o.tenant_id = :tenantId AND o.agency_id = :agencyId AND o.delivery_state = :queued', {
          tenantId,
          agencyId,
          queued: DeliveryState.QUEUED,
        })
        .orderBy('o.created_at')
        .addOrderBy('o.id')
        .setLock('pessimistic_write')
        .getMany();
      const claim: ExportClaim = { runId, exported: 0, suppressed: 0, skipped: 0 };
      for (const msg of messages) {
        const built = await this.delivery.build(m, msg, agency);
        if (built.kind === 'skip') {
          if (built.suppressed) claim.suppressed++;
          else claim.skipped++;
          continue;
        }
        await m.query(
          `UPDATE outbox_messages SET delivery_state = $3, handoff_run_id = $4, sent_at = now(), sent_body = $5,
                  attempts = attempts + 1, last_error = NULL
            WHERE tenant_id = $1 AND id = $2 AND delivery_state = 'queued' AND handoff_run_id IS NULL`,
          [tenantId, msg.id, DeliveryState.SENT, runId, built.body],
        );
        claim.exported++;
      }
      await m.query(
        `UPDATE handoff_runs SET state = 'prepared', exported = $3, suppressed = $4 WHERE tenant_id = $1 AND id = $2`,
        [tenantId, runId, claim.exported, claim.suppressed],
      );
      return claim;
    });
  }

  /** Write a claimed run's files; the same run always gives the same export (a published one is left alone). */
  async publish(tenantId: string, agencyId: string, runId: string): Promise<PublishedExport> {
    const [run] = await this.ds.query<{ id: string; startedAt: Date }[]>(
      `SELECT id, started_at AS "startedAt" FROM handoff_runs WHERE tenant_id = $1 AND id = $2`,
      [tenantId, runId],
    );
    if (!run) throw new Error(`no export run ${runId}`);
    const name = exportName(run);
    const files = [HandoffFile.EVENTS_JSONL, HandoffFile.EVENTS_CSV, HandoffFile.MANIFEST, HandoffFile.SIGNATURE];
    const folder = { tenantId, agencyId };
    const rows: { sent_body: Record<string, unknown> }[] = await this.ds.query(
      `SELECT sent_body FROM outbox_messages WHERE tenant_id = $1 AND handoff_run_id = $2 ORDER BY created_at, id`,
      [tenantId, runId],
    );
    if (await this.store.isPublished(folder, name)) return { name, files, lines: rows.length };
    const agency = await this.ds.getRepository(AgencyEntity).findOneByOrFail({ tenantId, id: agencyId });
    const [prev] = await this.ds.query<{ at: Date | null }[]>(
      `SELECT max(started_at) AS at FROM handoff_runs
        WHERE tenant_id = $1 AND agency_id = $2 AND kind = 'export' AND started_at < $3 AND state <> 'failed'`,
      [tenantId, agencyId, run.startedAt],
    );

    const jsonl = Buffer.from(rows.map((r) => `${JSON.stringify(r.sent_body)}\n`).join(''));
    const csv = Buffer.from(
      stringify(
        rows.map((r) => csvRow(r.sent_body)),
        { header: true, columns: [...HANDOFF_CSV_COLUMNS] },
      ),
    );
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const manifest: HandoffManifest = {
      format: HANDOFF_FORMAT,
      exportId: runId,
      tenantId,
      agency: { id: agency.id, name: agency.name },
      createdAt: new Date(run.startedAt).toISOString(),
      period: { from: prev?.at ? new Date(prev.at).toISOString() : null, to: new Date(run.startedAt).toISOString() },
      files: [
        {
          name: HandoffFile.EVENTS_JSONL,
          mediaType: 'application/jsonl',
          lines: rows.length,
          bytes: jsonl.length,
          sha256: sha(jsonl),
        },
        {
          name: HandoffFile.EVENTS_CSV,
          mediaType: 'text/csv',
          lines: rows.length,
          bytes: csv.length,
          sha256: sha(csv),
        },
      ],
      signature: { file: HandoffFile.SIGNATURE, algorithm: 'HMAC-SHA256', encoding: 'v1,<base64>' },
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    await this.store.publish(folder, name, [
      { name: HandoffFile.EVENTS_JSONL, content: jsonl },
      { name: HandoffFile.EVENTS_CSV, content: csv },
      { name: HandoffFile.MANIFEST, content: manifestBytes },
      { name: HandoffFile.SIGNATURE, content: Buffer.from(`${signManifest(agency.webhookSecret, manifestBytes)}\n`) },
    ]);
    return { name, files, lines: rows.length };
  }
}

/** One CSV row: the event flattened for a spreadsheet; lists joined with " | ". */
function csvRow(event: Record<string, unknown>): Record<string, string> {
  const e = event as { id: string; type: string; time?: string; data: unknown };
  const row: Record<string, string> = { event_id: e.id, type: e.type, time: e.time ?? '' };
  const join = (xs: readonly string[] | undefined) => (xs ?? []).join(' | ');
  if (e.type === EventType.REFERRAL_REQUESTED) {
    const d = e.data as ReferralRequestedData;
    Object.assign(row, {
      referral_id: d.referralId,
      case_reference: d.caseReference,
      service_code: d.service.code,
      service_name: d.service.name,
      purpose: d.purpose,
      categories: join(d.categories),
      given_names: d.person.identity?.givenNames ?? '',
      family_name: d.person.identity?.familyName ?? '',
      birth_date: d.person.identity?.birthDate ?? '',
      birth_date_precision: d.person.identity?.birthDatePrecision ?? '',
      nationality: d.person.identity?.nationality ?? '',
      agency_identifier: d.person.identity?.agencyIdentifier ?? '',
      municipality: d.person.contact?.municipality ?? '',
      languages: join(d.person.contact?.languages),
      residence_status: d.person.residenceStatus?.residenceStatus ?? '',
      arrival_date: d.person.residenceStatus?.arrivalDate ?? '',
      note: d.note ?? '',
      requested_at: d.requestedAt,
      respond_by: d.respondBy ?? '',
    });
  } else if (e.type === EventType.REFERRAL_CANCELLED) {
    const d = e.data as ReferralCancelledData;
    Object.assign(row, { referral_id: d.referralId, reason: d.reason, cancelled_at: d.cancelledAt });
  } else if (e.type === EventType.CONSENT_REVOKED) {
    const d = e.data as ConsentRevokedData;
    Object.assign(row, {
      consent_id: d.consentId,
      case_reference: d.caseReference,
      cancelled_referral_ids: join(d.cancelledReferralIds),
      revoked_at: d.revokedAt,
      instruction: d.instruction,
    });
  }
  return row;
}
