import { createHash, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { stringify } from 'csv-stringify/sync';
import {
  ActorRole,
  HANDOFF_ERROR_COLUMNS,
  type BusinessStatus,
  type ReferralStatus,
  type StatusMessageData,
} from '@kim/contracts';
import { reconcile, type PendingMessage } from '@kim/referral-workflow';
import {
  linkAgencyIdentifier,
  occurredAtProblem,
  statusCommandOf,
  whyNotTheAgencysReferral,
} from '../referral/status-intake.js';
import type { HandoffStore } from './store.js';
import { parseImportLine, readLines, type LineProblem } from './lines.js';

export interface ImportAgency {
  tenantId: string;
  agencyId: string;
  name: string;
}

/** What became of a file's lines. */
export interface ImportCounts {
  /** Lines stored (each with one of the outcomes below). */
  imported: number;
  /** Lines refused: in the error report. */
  rejected: number;
  /** Lines whose event id was imported before. */
  duplicates: number;
  outcomes: Record<'applied' | 'pending' | 'stale' | 'rejected', number>;
}

export interface ImportFileResult extends ImportCounts {
  file: string;
  hash: string;
  lines: number;
  /** True when the file had been imported completely before: nothing was done. */
  alreadyImported: boolean;
  /** Resumed from this line's checkpoint (0: from the start). */
  resumedAfter: number;
  errorReport: string | null;
  movedTo: string;
}

export interface ImportProgress {
  file: string;
  line: number;
  bytesRead: number;
  bytes: number;
  counts: ImportCounts;
}

export const emptyCounts = (): ImportCounts => ({
  imported: 0,
  rejected: 0,
  duplicates: 0,
  outcomes: { applied: 0, pending: 0, stale: 0, rejected: 0 },
});

export function addCounts(into: ImportCounts, c: ImportCounts): void {
  into.imported += c.imported;
  into.rejected += c.rejected;
  into.duplicates += c.duplicates;
  for (const k of Object.keys(into.outcomes) as (keyof ImportCounts['outcomes'])[]) into.outcomes[k] += c.outcomes[k];
}

interface GoodLine {
  no: number;
  raw: string;
  eventId: string;
  data: StatusMessageData;
}
interface ErrorRow {
  line: number;
  field: string;
  reason: string;
  eventId: string | null;
}
interface Candidate extends PendingMessage {
  rowId: string;
  data: StatusMessageData;
  /** The new line, or null for a message stored earlier. */
  line: GoodLine | null;
}

/** Another process moved the checkpoint on: this one stops rather than apply lines twice. */
export class CheckpointMovedError extends Error {}

const RETRYABLE = new Set(['40001', '40P01', '23505']);

/**
 * Imports an agency's status files: streamed line by line, validated with the webhook's
 * contract, applied in chunks through the referral workflow's reconciliation (the same pure
 * code as the status webhook), each chunk in one transaction with its checkpoint.
 */
export class StatusFileImporter {
  constructor(
    private readonly ds: DataSource,
    private readonly store: HandoffStore,
    private readonly chunkSize = 5000,
  ) {}

  async importFile(
    agency: ImportAgency,
    file: { name: string; bytes: number },
    onProgress?: (p: ImportProgress) => void,
  ): Promise<ImportFileResult> {
    const hash = await this.hashOf(agency, file.name);
    await this.ds.query(
      `INSERT INTO handoff_imports (tenant_id, agency_id, file_name, file_hash, state)
       VALUES ($1, $2, $3, $4, 'importing') ON CONFLICT (tenant_id, agency_id, file_hash) DO NOTHING`,
      [agency.tenantId, agency.agencyId, file.name, hash],
    );
    const [cp] = await this.ds.query<{ id: string; state: string; last_line: number }[]>(
      `SELECT id, state, last_line FROM handoff_imports WHERE tenant_id = $1 AND agency_id = $2 AND file_hash = $3`,
      [agency.tenantId, agency.agencyId, hash],
    );
    if (!cp) throw new Error(`no checkpoint for ${file.name}`);
    const importId = cp.id;
    const counts = emptyCounts();
    const result = (lines: number, alreadyImported: boolean, resumedAfter: number) => ({
      file: file.name,
      hash,
      lines,
      alreadyImported,
      resumedAfter,
      ...counts,
    });

    if (cp.state === 'done') {
      const movedTo = await this.store.moveToDone(agency, file.name);
      return { ...result(cp.last_line, true, cp.last_line), errorReport: null, movedTo };
    }

    let checkpoint: number = cp.last_line;
    const resumedAfter = checkpoint;
    let chunk: GoodLine[] = [];
    let errors: ErrorRow[] = [];
    let lastNo = checkpoint;
    let bytesRead = 0;
    const flush = async () => {
      if (lastNo === checkpoint) return;
      const c = await this.applyChunk(agency, importId, checkpoint, lastNo, chunk, errors);
      addCounts(counts, c);
      checkpoint = lastNo;
      chunk = [];
      errors = [];
      onProgress?.({ file: file.name, line: checkpoint, bytesRead, bytes: file.bytes, counts });
    };

    for await (const raw of readLines(this.store.readInbox(agency, file.name))) {
      if (raw.no <= checkpoint) continue;
      lastNo = raw.no;
      bytesRead = raw.bytesRead;
      const parsed = parseImportLine(raw.text, raw.problem);
      if (parsed.ok === true)
        chunk.push({ no: raw.no, raw: raw.text!, eventId: parsed.event.id, data: parsed.event.data });
      else if (parsed.ok === false) errors.push(...problemsOf(raw.no, parsed.problems, parsed.eventId));
      if (raw.no - checkpoint >= this.chunkSize) await flush();
    }
    await flush();

    await this.ds.query(
      `UPDATE handoff_imports SET state = 'done', finished_at = now(), updated_at = now() WHERE tenant_id = $1 AND id = $2`,
      [agency.tenantId, importId],
    );
    const errorReport = await this.writeReport(agency, importId, file.name);
    const movedTo = await this.store.moveToDone(agency, file.name);
    return { ...result(checkpoint, false, resumedAfter), errorReport, movedTo };
  }

  private async hashOf(agency: ImportAgency, name: string): Promise<string> {
    const h = createHash('sha256');
    for await (const chunk of this.store.readInbox(agency, name)) h.update(chunk as Buffer);
    return h.digest('hex');
  }

  /** The report of every refused line, written from what the chunks committed (so a resumed import reports each line once). */
  private async writeReport(agency: ImportAgency, importId: string, fileName: string): Promise<string | null> {
    const [{ n }] = await this.ds.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM handoff_import_errors WHERE tenant_id = $1 AND import_id = $2`,
      [agency.tenantId, importId],
    );
    if (n === 0) return null;
    const parts: string[] = [stringify([[...HANDOFF_ERROR_COLUMNS]])];
    // Paged by line so that a file full of errors does not need them all in memory at once.
    let after = 0;
    for (;;) {
      const rows: { line: number; field: string; reason: string; event_id: string | null }[] = await this.ds.query(
        `SELECT line, field, reason, event_id FROM handoff_import_errors
          WHERE tenant_id = $1 AND import_id = $2 AND line > $3 ORDER BY line, field LIMIT 5000`,
        [agency.tenantId, importId, after],
      );
      if (rows.length === 0) break;
      // A page ends on a whole line: the rows of the last line may continue on the next page.
      const lastLine = rows.length === 5000 ? rows[rows.length - 1]!.line : Infinity;
      const whole = rows.length === 5000 ? rows.filter((r) => r.line < lastLine) : rows;
      const page = whole.length > 0 ? whole : rows;
      parts.push(stringify(page.map((r) => [r.line, r.field, r.reason, r.event_id ?? ''])));
      after = page[page.length - 1]!.line;
      if (rows.length < 5000) break;
    }
    return this.store.writeReport(agency, `${fileName}.errors.csv`, Buffer.from(parts.join('')));
  }

  private async applyChunk(
    agency: ImportAgency,
    importId: string,
    from: number,
    to: number,
    lines: GoodLine[],
    errors: ErrorRow[],
  ): Promise<ImportCounts> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ds.transaction((m) => this.applyIn(m, agency, importId, from, to, lines, [...errors]));
      } catch (e) {
        const code = (e as { code?: string }).code;
        // A webhook stored the same event id meanwhile, or a lock conflict: do the chunk again.
        if (attempt < 3 && code && RETRYABLE.has(code)) continue;
        throw e;
      }
    }
  }

  private async applyIn(
    m: EntityManager,
    agency: ImportAgency,
    importId: string,
    from: number,
    to: number,
    lines: GoodLine[],
    errors: ErrorRow[],
  ): Promise<ImportCounts> {
    const { tenantId, agencyId } = agency;
    const counts = emptyCounts();
    const [cp] = await m.query<{ last_line: number }[]>(
      `SELECT last_line FROM handoff_imports WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [tenantId, importId],
    );
    if (!cp || cp.last_line !== from) {
      throw new CheckpointMovedError(
        `import ${importId} is at line ${cp?.last_line}, expected ${from}: another run has it`,
      );
    }

    // The same event id twice in one chunk: the first counts.
    const seen = new Set<string>();
    const unique: GoodLine[] = [];
    for (const l of lines) {
      if (seen.has(l.eventId)) counts.duplicates++;
      else {
        seen.add(l.eventId);
        unique.push(l);
      }
    }

    // The referrals, locked in a fixed order (as the status webhook locks each one).
    const referralIds = [...new Set(unique.map((l) => l.data.referralId))];
    const referrals: {
      id: string;
      agency_id: string;
      case_id: string;
      status: string;
      business_status: string | null;
      last_agency_update_at: Date | null;
      last_agency_event_id: string | null;
      requested_at: Date | null;
      purpose: string;
      reference: string;
    }[] = referralIds.length
      ? await m.query(
          `SELECT r.id, r.agency_id, r.case_id, r.status, r.business_status, r.last_agency_update_at, r.last_agency_event_id,
                  r.requested_at, r.purpose, c.reference
             FROM referrals r JOIN cases c ON c.tenant_id = r.tenant_id AND c.id = r.case_id
            WHERE r.tenant_id = $1 AND r.id = ANY($2::uuid[]) ORDER BY r.id FOR UPDATE OF r`,
          [tenantId, referralIds],
        )
      : [];
    const byId = new Map(referrals.map((r) => [r.id, r]));

    const known = unique.length
      ? new Set(
          (
            await m.query<{ event_id: string }[]>(
              `SELECT event_id FROM inbound_messages WHERE tenant_id = $1 AND agency_id = $2 AND event_id = ANY($3::text[])`,
              [tenantId, agencyId, unique.map((l) => l.eventId)],
            )
          ).map((r) => r.event_id),
        )
      : new Set<string>();

    const fresh = new Map<string, GoodLine[]>();
    const now = new Date();
    for (const l of unique) {
      if (known.has(l.eventId)) {
        counts.duplicates++;
        continue;
      }
      const r = byId.get(l.data.referralId);
      if (!r || whyNotTheAgencysReferral({ agencyId: r.agency_id, status: r.status }, agencyId)) {
        // Same answer for "unknown", "not yours" and "not sent yet", as at the webhook.
        errors.push({
          line: l.no,
          field: 'data.referralId',
          reason: 'not a referral to your agency',
          eventId: l.eventId,
        });
        continue;
      }
      const when = occurredAtProblem(l.data.occurredAt, r.requested_at, now);
      if (when) {
        errors.push({ line: l.no, field: 'data.occurredAt', reason: when, eventId: l.eventId });
        continue;
      }
      const list = fresh.get(r.id) ?? [];
      list.push(l);
      fresh.set(r.id, list);
    }

    // Messages stored earlier that still wait for a predecessor take part in the reconciliation.
    const touched = [...fresh.keys()];
    const older: { id: string; event_id: string; referral_id: string; occurred_at: Date; data: StatusMessageData }[] =
      touched.length
        ? await m.query(
            `SELECT id, event_id, referral_id, occurred_at, body->'data' AS data FROM inbound_messages
              WHERE tenant_id = $1 AND referral_id = ANY($2::uuid[]) AND state = 'pending'`,
            [tenantId, touched],
          )
        : [];
    const olderBy = new Map<string, Candidate[]>();
    for (const o of older) {
      const list = olderBy.get(o.referral_id) ?? [];
      list.push({
        id: o.event_id,
        rowId: o.id,
        occurredAt: o.occurred_at,
        command: statusCommandOf(o.data),
        data: o.data,
        line: null,
      });
      olderBy.set(o.referral_id, list);
    }

    const ins = {
      id: [] as string[],
      eventId: [] as string[],
      referralId: [] as string[],
      occurredAt: [] as string[],
      body: [] as string[],
      state: [] as string[],
      error: [] as (string | null)[],
    };
    const upd = { id: [] as string[], state: [] as string[], error: [] as (string | null)[] };
    const ref = {
      id: [] as string[],
      status: [] as string[],
      business: [] as (string | null)[],
      reason: [] as (string | null)[],
      services: [] as (string | null)[],
      outcome: [] as (string | null)[],
      at: [] as string[],
      eventId: [] as string[],
    };
    const tl = {
      caseId: [] as string[],
      referralId: [] as string[],
      occurredAt: [] as string[],
      summary: [] as string[],
      data: [] as string[],
    };
    const workflowErrors: ErrorRow[] = [];
    const links: { referral: { id: string; caseId: string; purpose: string }; value: string }[] = [];

    for (const [referralId, newLines] of fresh) {
      const r = byId.get(referralId)!;
      const candidates: Candidate[] = [
        ...(olderBy.get(referralId) ?? []),
        ...newLines.map((l) => ({
          id: l.eventId,
          rowId: randomUUID(),
          occurredAt: l.data.occurredAt,
          command: statusCommandOf(l.data),
          data: l.data,
          line: l,
        })),
      ];
      const result = reconcile(
        {
          status: r.status as ReferralStatus,
          businessStatus: (r.business_status ?? undefined) as BusinessStatus | undefined,
          lastAppliedAt: r.last_agency_update_at,
          lastAppliedId: r.last_agency_event_id,
        },
        candidates,
      );
      const fate = new Map<Candidate, { state: string; error: string | null }>();
      let status = r.status;
      let reason: string | null = null;
      let services: string | null = null;
      let outcome: string | null = null;
      for (const step of result.apply) {
        const d = step.message.data;
        fate.set(step.message, { state: 'applied', error: null });
        tl.caseId.push(r.case_id);
        tl.referralId.push(r.id);
        tl.occurredAt.push(new Date(d.occurredAt).toISOString());
        tl.summary.push(`${agency.name}: ${status} → ${step.next.status}${d.reason ? ` (${d.reason})` : ''}`);
        tl.data.push(
          JSON.stringify({
            from: status,
            to: step.next.status,
            businessStatus: step.next.businessStatus ?? null,
            reason: d.reason ?? null,
            servicesDelivered: d.servicesDelivered ?? null,
            caseReference: r.reference,
            eventId: step.message.id,
          }),
        );
        status = step.next.status;
        if (d.reason !== undefined) reason = d.reason;
        if (d.servicesDelivered !== undefined) services = JSON.stringify(d.servicesDelivered);
        if (d.outcome !== undefined) outcome = d.outcome;
      }
      for (const s of result.stale) fate.set(s, { state: 'stale', error: null });
      for (const x of result.rejected) fate.set(x.message, { state: 'rejected', error: x.error.message });
      for (const p of result.pending) fate.set(p, { state: 'pending', error: null });
      if (result.apply.length > 0) {
        ref.id.push(r.id);
        ref.status.push(result.next.status);
        ref.business.push(result.next.businessStatus ?? null);
        ref.reason.push(reason);
        ref.services.push(services);
        ref.outcome.push(outcome);
        ref.at.push(new Date(result.next.lastAppliedAt!).toISOString());
        ref.eventId.push(result.next.lastAppliedId!);
      }
      for (const c of candidates) {
        const f = fate.get(c) ?? { state: 'pending', error: null };
        // Only a message the hub applied may add the agency's number to the link map.
        if (f.state === 'applied' && c.data.agencyPersonIdentifier)
          links.push({
            referral: { id: r.id, caseId: r.case_id, purpose: r.purpose },
            value: c.data.agencyPersonIdentifier,
          });
        if (c.line) {
          ins.id.push(c.rowId);
          ins.eventId.push(c.id);
          ins.referralId.push(referralId);
          ins.occurredAt.push(c.data.occurredAt);
          ins.body.push(c.line.raw);
          ins.state.push(f.state);
          ins.error.push(f.error);
          counts.imported++;
          if (f.state === 'rejected')
            workflowErrors.push({
              line: c.line.no,
              field: 'data.status',
              reason: `kept, not applied: ${f.error}`,
              eventId: c.id,
            });
          counts.outcomes[f.state as keyof ImportCounts['outcomes']]++;
        } else if (f.state !== 'pending') {
          upd.id.push(c.rowId);
          upd.state.push(f.state);
          upd.error.push(f.error);
        }
      }
    }

    // A handful of set-based statements per chunk, whatever its size.
    if (ins.id.length) {
      await m.query(
        `INSERT INTO inbound_messages (tenant_id, agency_id, id, event_id, referral_id, occurred_at, body, state, error)
         SELECT $1, $2, x.id, x.event_id, x.referral_id, x.occurred_at, x.body::jsonb, x.state, x.error
           FROM unnest($3::uuid[], $4::text[], $5::uuid[], $6::timestamptz[], $7::text[], $8::text[], $9::text[])
                AS x(id, event_id, referral_id, occurred_at, body, state, error)`,
        [tenantId, agencyId, ins.id, ins.eventId, ins.referralId, ins.occurredAt, ins.body, ins.state, ins.error],
      );
    }
    if (upd.id.length) {
      await m.query(
        `UPDATE inbound_messages i SET state = x.state, error = x.error
           FROM unnest($2::uuid[], $3::text[], $4::text[]) AS x(id, state, error)
          WHERE i.tenant_id = $1 AND i.id = x.id`,
        [tenantId, upd.id, upd.state, upd.error],
      );
    }
    if (ref.id.length) {
      await m.query(
        `UPDATE referrals r SET status = x.status, business_status = x.business,
                status_reason = coalesce(x.reason, r.status_reason),
                services_delivered = CASE WHEN x.services IS NULL THEN r.services_delivered
                                          ELSE ARRAY(SELECT jsonb_array_elements_text(x.services::jsonb)) END,
                outcome = coalesce(x.outcome, r.outcome),
                last_agency_update_at = x.at, last_agency_event_id = x.event_id,
                updated_at = now(), version = r.version + 1
           FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::text[])
                AS x(id, status, business, reason, services, outcome, at, event_id)
          WHERE r.tenant_id = $1 AND r.id = x.id`,
        [tenantId, ref.id, ref.status, ref.business, ref.reason, ref.services, ref.outcome, ref.at, ref.eventId],
      );
    }
    if (tl.caseId.length) {
      await m.query(
        `INSERT INTO timeline_events (tenant_id, case_id, referral_id, kind, occurred_at, actor_role, actor_id, summary, data)
         SELECT $1, x.case_id, x.referral_id, 'referral.status-changed', x.occurred_at, $2, $3, x.summary, x.data::jsonb
           FROM unnest($4::uuid[], $5::uuid[], $6::timestamptz[], $7::text[], $8::text[])
                AS x(case_id, referral_id, occurred_at, summary, data)`,
        [tenantId, ActorRole.AGENCY, agencyId, tl.caseId, tl.referralId, tl.occurredAt, tl.summary, tl.data],
      );
    }
    if (links.length) {
      const [row] = await m.query<{ kind: string }[]>(`SELECT kind FROM agencies WHERE tenant_id = $1 AND id = $2`, [
        tenantId,
        agencyId,
      ]);
      const actor = { kind: 'agency' as const, tenantId, agencyId, agencyKind: row!.kind, name: agency.name };
      for (const link of links) {
        await linkAgencyIdentifier(m, { tenantId, agencyId, kind: row!.kind }, link.referral, link.value, actor);
      }
    }
    counts.rejected = new Set(errors.map((e) => e.line)).size;
    // Lines the workflow refused are stored (kept, as at the webhook) and also listed for the agency.
    errors.push(...workflowErrors);
    if (errors.length) {
      await m.query(
        `INSERT INTO handoff_import_errors (tenant_id, import_id, line, field, reason, event_id)
         SELECT $1, $2, x.line, x.field, x.reason, x.event_id
           FROM unnest($3::int[], $4::text[], $5::text[], $6::text[]) AS x(line, field, reason, event_id)`,
        [
          tenantId,
          importId,
          errors.map((e) => e.line),
          errors.map((e) => e.field),
          errors.map((e) => e.reason.slice(0, 1000)),
          errors.map((e) => e.eventId),
        ],
      );
    }
    // The checkpoint moves in the same transaction as the lines it covers.
    await m.query(
      `UPDATE handoff_imports SET last_line = $3, imported = imported + $4, rejected = rejected + $5,
              duplicates = duplicates + $6, updated_at = now(),
              outcomes = jsonb_build_object(
                'applied', coalesce((outcomes->>'applied')::int, 0) + $7,
                'pending', coalesce((outcomes->>'pending')::int, 0) + $8,
                'stale', coalesce((outcomes->>'stale')::int, 0) + $9,
                'rejected', coalesce((outcomes->>'rejected')::int, 0) + $10)
        WHERE tenant_id = $1 AND id = $2`,
      [
        tenantId,
        importId,
        to,
        counts.imported,
        counts.rejected,
        counts.duplicates,
        counts.outcomes.applied,
        counts.outcomes.pending,
        counts.outcomes.stale,
        counts.outcomes.rejected,
      ],
    );
    return counts;
  }
}

/** Report text as PostgreSQL can store it (no NUL) and of bounded length. */
const clean = (s: string, max: number) => s.replace(/\u0000/g, '\uFFFD').slice(0, max);

function problemsOf(line: number, problems: LineProblem[], eventId: string | null): ErrorRow[] {
  return problems.map((p) => ({
    line,
    field: clean(p.field, 200),
    reason: clean(p.reason, 1000),
    eventId: eventId === null ? null : clean(eventId, 200),
  }));
}
