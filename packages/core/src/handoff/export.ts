import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { stringify } from 'csv-stringify/sync';
import {
  EventType,
  type DossierSubmittedData,
  HANDOFF_CSV_COLUMNS,
  HANDOFF_FORMAT,
  HandoffFile,
  type ConsentRevokedData,
  type HandoffManifest,
  type ReferralCancelledData,
  type ReferralRequestedData,
} from '@kim/contracts';
import { agencyRepository, handoffRepository, outboxRepository } from '@kim/persistence';
import { OutboxMessageBuilder } from '../outbox/index.js';
import { existing } from '../common/errors.js';
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
  private readonly builder: OutboxMessageBuilder;

  constructor(
    private readonly ds: DataSource,
    private readonly store: HandoffStore,
    source: string,
  ) {
    this.builder = new OutboxMessageBuilder(ds, source);
  }

  async claim(tenantId: string, agencyId: string, runId: string): Promise<ExportClaim> {
    return this.ds.transaction(async (m) => {
      const agency = existing(await agencyRepository.byId(m, tenantId, agencyId), 'agency', agencyId);
      const messages = await outboxRepository.lockQueuedOfAgency(m, tenantId, agencyId);
      const claim: ExportClaim = { runId, exported: 0, suppressed: 0, skipped: 0 };
      for (const msg of messages) {
        const built = await this.builder.build(m, msg, agency);
        if (built.kind === 'skip') {
          if (built.suppressed) claim.suppressed++;
          else claim.skipped++;
          continue;
        }
        await outboxRepository.claimForExport(m, tenantId, msg.id, runId, built.body);
        claim.exported++;
      }
      await handoffRepository.markPrepared(m, tenantId, runId, claim.exported, claim.suppressed);
      return claim;
    });
  }

  /** Write a claimed run's files; the same run always gives the same export (a published one is left alone). */
  async publish(tenantId: string, agencyId: string, runId: string): Promise<PublishedExport> {
    const run = await handoffRepository.runById(this.ds, tenantId, runId);
    if (!run) throw new Error(`no export run ${runId}`);
    const name = exportName(run);
    const files = [HandoffFile.EVENTS_JSONL, HandoffFile.EVENTS_CSV, HandoffFile.MANIFEST, HandoffFile.SIGNATURE];
    const folder = { tenantId, agencyId };
    const bodies = await outboxRepository.sentBodiesOfRun(this.ds, tenantId, runId);
    if (await this.store.isPublished(folder, name)) return { name, files, lines: bodies.length };
    const agency = await handoffRepository.agency(this.ds, tenantId, agencyId);
    if (!agency) throw new Error(`no agency ${agencyId} in tenant ${tenantId}`);
    const previous = await handoffRepository.previousExportStart(this.ds, tenantId, agencyId, run.startedAt);

    const jsonl = Buffer.from(bodies.map((b) => `${JSON.stringify(b)}\n`).join(''));
    const csv = Buffer.from(
      stringify(
        bodies.map((b) => csvRow(b)),
        // The file is for the agency's spreadsheet: a cell that begins with = + - @ (a note, a
        // name, a reason) would run as a formula there (CSV injection); it gets a leading
        // apostrophe, as spreadsheets mark text. events.jsonl carries every value as written.
        { header: true, columns: [...HANDOFF_CSV_COLUMNS], escape_formulas: true },
      ),
    );
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    const manifest: HandoffManifest = {
      format: HANDOFF_FORMAT,
      exportId: runId,
      tenantId,
      agency: { id: agency.id, name: agency.name },
      createdAt: new Date(run.startedAt).toISOString(),
      period: { from: previous ? new Date(previous).toISOString() : null, to: new Date(run.startedAt).toISOString() },
      files: [
        {
          name: HandoffFile.EVENTS_JSONL,
          mediaType: 'application/jsonl',
          lines: bodies.length,
          bytes: jsonl.length,
          sha256: sha(jsonl),
        },
        {
          name: HandoffFile.EVENTS_CSV,
          mediaType: 'text/csv',
          lines: bodies.length,
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
    return { name, files, lines: bodies.length };
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
  } else if (e.type === EventType.DOSSIER_SUBMITTED) {
    // The achievements themselves are in events.jsonl; the spreadsheet names the dossier and the person.
    const d = e.data as DossierSubmittedData;
    Object.assign(row, {
      case_reference: d.caseReference,
      categories: join(d.categories),
      given_names: d.person.identity?.givenNames ?? '',
      family_name: d.person.identity?.familyName ?? '',
      birth_date: d.person.identity?.birthDate ?? '',
      birth_date_precision: d.person.identity?.birthDatePrecision ?? '',
      nationality: d.person.identity?.nationality ?? '',
      agency_identifier: d.person.identity?.agencyIdentifier ?? '',
      note: d.note ?? '',
      requested_at: d.submittedAt,
    });
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
