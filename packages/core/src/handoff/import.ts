import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { stringify } from 'csv-stringify/sync';
import { HANDOFF_ERROR_COLUMNS, type StatusMessageData } from '@kim/contracts';
import { writeAgencyStatuses } from '../referral/status-writer.js';
import { handoffRepository } from '@kim/persistence';
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
    const cp = await handoffRepository.importCheckpoint(this.ds, agency.tenantId, agency.agencyId, file.name, hash);
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
      return { ...result(cp.lastLine, true, cp.lastLine), errorReport: null, movedTo };
    }

    let checkpoint: number = cp.lastLine;
    const resumedAfter = checkpoint;
    let chunk: GoodLine[] = [];
    let errors: ErrorRow[] = [];
    let lastNo = checkpoint;
    let bytesRead = 0;
    // The chunk the database is applying while the next one is read and validated (issue 20):
    // at most one in flight, so memory holds two chunks at most and the chunks still commit one
    // after the other, each with its checkpoint.
    let applying: Promise<void> | null = null;
    const settle = async () => {
      const previous = applying;
      applying = null;
      if (previous) await previous;
    };
    const flush = async () => {
      if (lastNo === checkpoint && !applying) return;
      await settle();
      if (lastNo === checkpoint) return;
      const [from, to, lines, refused, read] = [checkpoint, lastNo, chunk, errors, bytesRead];
      checkpoint = lastNo;
      chunk = [];
      errors = [];
      applying = this.applyChunk(agency, importId, from, to, lines, refused).then((c) => {
        addCounts(counts, c);
        onProgress?.({ file: file.name, line: to, bytesRead: read, bytes: file.bytes, counts });
      });
      // Awaited by the next flush (or the end); until then a failure must not count as unhandled.
      applying.catch(() => undefined);
    };

    try {
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
    } finally {
      // A chunk in flight is waited for whatever happened (its failure, if any, is what throws).
      await settle();
    }

    await handoffRepository.finishImport(this.ds, agency.tenantId, importId);
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
    if ((await handoffRepository.countImportErrors(this.ds, agency.tenantId, importId)) === 0) return null;
    const parts: string[] = [stringify([[...HANDOFF_ERROR_COLUMNS]])];
    // Paged by line so that a file full of errors does not need them all in memory at once.
    let after = 0;
    for (;;) {
      const rows = await handoffRepository.importErrorPage(this.ds, agency.tenantId, importId, after, 5000);
      if (rows.length === 0) break;
      // A page ends on a whole line: the rows of the last line may continue on the next page.
      const lastLine = rows.length === 5000 ? rows[rows.length - 1]!.line : Infinity;
      const whole = rows.length === 5000 ? rows.filter((r) => r.line < lastLine) : rows;
      const page = whole.length > 0 ? whole : rows;
      parts.push(stringify(page.map((r) => [r.line, r.field, r.reason, r.eventId ?? ''])));
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
    const { tenantId } = agency;
    const counts = emptyCounts();
    const at = await handoffRepository.lockImportLine(m, tenantId, importId);
    if (at !== from) {
      throw new CheckpointMovedError(`import ${importId} is at line ${at}, expected ${from}: another run has it`);
    }

    // One writer for the webhook and the file: the same checks, the same plan, the same rows.
    const results = await writeAgencyStatuses(
      m,
      agency,
      lines.map((l) => ({ eventId: l.eventId, data: l.data, body: l.raw })),
    );
    const workflowErrors: ErrorRow[] = [];
    results.forEach((r, i) => {
      const l = lines[i]!;
      switch (r.kind) {
        case 'duplicate':
          counts.duplicates++;
          break;
        case 'not-yours':
          // Same answer for "unknown", "not yours" and "not sent yet", as at the webhook.
          errors.push({
            line: l.no,
            field: 'data.referralId',
            reason: 'not a referral to your agency',
            eventId: l.eventId,
          });
          break;
        case 'bad-time':
          errors.push({ line: l.no, field: 'data.occurredAt', reason: r.reason, eventId: l.eventId });
          break;
        case 'bad-certificate':
          errors.push({ line: l.no, field: 'data.certificate', reason: r.reason, eventId: l.eventId });
          break;
        case 'stored':
          counts.imported++;
          counts.outcomes[r.state]++;
          if (r.state === 'rejected')
            workflowErrors.push({
              line: l.no,
              field: 'data.status',
              reason: `kept, not applied: ${r.error}`,
              eventId: l.eventId,
            });
      }
    });
    counts.rejected = new Set(errors.map((e) => e.line)).size;
    // Lines the workflow refused are stored (kept, as at the webhook) and also listed for the agency.
    errors.push(...workflowErrors);
    await handoffRepository.insertImportErrors(
      m,
      tenantId,
      importId,
      errors.map((e) => ({ ...e, reason: e.reason.slice(0, 1000) })),
    );
    // The checkpoint moves in the same transaction as the lines it covers.
    await handoffRepository.advanceImport(m, tenantId, importId, to, counts);
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
