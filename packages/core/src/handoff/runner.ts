import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AgencyChannel } from '@kim/contracts';
import { handoffRepository, type HandoffAgency, type HandoffRunRow } from '@kim/persistence';
import { audit } from '../ledger/audit.js';
import { HandoffExporter } from './export.js';
import { StatusFileImporter, addCounts, emptyCounts, type ImportProgress } from './import.js';
import type { HandoffStore } from './store.js';

export type HandoffKind = 'export' | 'import';

export interface HandoffProgress {
  agencyId: string;
  kind: HandoffKind;
  /** 0..1 of the work known so far (import: bytes of the inbox files). */
  fraction: number;
  detail: string;
  import?: ImportProgress;
}

export interface HandoffRunOptions {
  traceId?: string;
  export?: boolean;
  import?: boolean;
  onProgress?: (p: HandoffProgress) => void;
}

export interface FileAgency {
  tenantId: string;
  agencyId: string;
  name: string;
}

/** The run reports of a tenant's handoffs, newest first (of one agency and kind when given). */
export function handoffRuns(
  ds: DataSource,
  tenantId: string,
  filter: { agencyId: string | null; kind: HandoffKind | null },
  limit: number,
): Promise<HandoffRunRow[]> {
  return handoffRepository.runs(ds, tenantId, filter, limit);
}

/** One lock per agency and kind: two workers never export or import for the same agency at once. */
const lockKey = (tenantId: string, agencyId: string, kind: HandoffKind) =>
  `kim-handoff:${kind}:${tenantId}:${agencyId}`;

/**
 * Runs an agency's overnight handoff (export, then status import), each as a run with its
 * record in handoff_runs: the run report that coordinators and operators read.
 */
export class HandoffRunner {
  private readonly exporter: HandoffExporter;
  private readonly importer: StatusFileImporter;

  constructor(
    private readonly ds: DataSource,
    private readonly store: HandoffStore,
    opts: { source: string; chunkSize?: number },
  ) {
    this.exporter = new HandoffExporter(ds, store, opts.source);
    this.importer = new StatusFileImporter(ds, store, opts.chunkSize ?? 5000);
  }

  /** Every file-channel agency of every tenant. */
  async fileAgencies(): Promise<FileAgency[]> {
    return handoffRepository.fileAgencies(this.ds);
  }

  async run(tenantId: string, agencyId: string, opts: HandoffRunOptions = {}): Promise<HandoffRunRow[]> {
    const agency = await handoffRepository.agency(this.ds, tenantId, agencyId);
    if (!agency) throw new Error(`no agency ${agencyId} in tenant ${tenantId}`);
    if (agency.channel !== AgencyChannel.FILE) throw new Error(`agency ${agency.name} receives webhooks, not files`);
    const traceId = opts.traceId ?? randomUUID();
    const runs: HandoffRunRow[] = [];
    if (opts.export !== false) {
      const r = await this.locked(tenantId, agencyId, 'export', () => this.runExport(agency, traceId, opts));
      if (r) runs.push(r);
    }
    if (opts.import !== false) {
      const r = await this.locked(tenantId, agencyId, 'import', () => this.runImport(agency, traceId, opts));
      if (r) runs.push(r);
    }
    return runs;
  }

  /** Runs fn under the agency's session lock; null when another process holds it (that run goes on). */
  private async locked<T>(
    tenantId: string,
    agencyId: string,
    kind: HandoffKind,
    fn: () => Promise<T>,
  ): Promise<T | null> {
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    try {
      if (!(await handoffRepository.tryLock(qr.manager, lockKey(tenantId, agencyId, kind)))) return null;
      try {
        // Holding the lock, any run of this kind still "running" belongs to a process that died.
        await handoffRepository.failInterrupted(this.ds, tenantId, agencyId, kind);
        return await fn();
      } finally {
        await handoffRepository.unlock(qr.manager, lockKey(tenantId, agencyId, kind));
      }
    } finally {
      await qr.release();
    }
  }

  private async startRun(agency: HandoffAgency, kind: HandoffKind, traceId: string): Promise<HandoffRunRow> {
    return handoffRepository.startRun(this.ds, agency.tenantId, agency.id, kind, traceId.slice(0, 64));
  }

  private async finish(run: HandoffRunRow, patch: Partial<HandoffRunRow>): Promise<HandoffRunRow> {
    const finishedAt = new Date();
    Object.assign(
      run,
      { state: 'finished', finishedAt, durationMs: finishedAt.getTime() - run.startedAt.getTime() },
      patch,
    );
    return handoffRepository.finishRun(this.ds, run);
  }

  private async fail(run: HandoffRunRow, e: unknown): Promise<never> {
    const finishedAt = new Date();
    await handoffRepository.failRun(
      this.ds,
      run.tenantId,
      run.id,
      finishedAt,
      finishedAt.getTime() - run.startedAt.getTime(),
      (e as Error).message.slice(0, 2000),
    );
    throw e;
  }

  private async runExport(agency: HandoffAgency, traceId: string, opts: HandoffRunOptions): Promise<HandoffRunRow> {
    const { tenantId, id: agencyId } = agency;
    // First what a crashed run claimed but never published: its messages are promised to it.
    for (const id of await handoffRepository.preparedExports(this.ds, tenantId, agencyId)) {
      const published = await this.exporter.publish(tenantId, agencyId, id);
      const run = await handoffRepository.runById(this.ds, tenantId, id);
      if (!run) throw new Error(`no export run ${id}`);
      await this.finish(run, { files: published.files.map((f) => `outbox/${published.name}/${f}`) });
    }
    const run = await this.startRun(agency, 'export', traceId);
    try {
      opts.onProgress?.({ agencyId, kind: 'export', fraction: 0, detail: 'claiming queued messages' });
      const claim = await this.exporter.claim(tenantId, agencyId, run.id);
      opts.onProgress?.({ agencyId, kind: 'export', fraction: 0.5, detail: `${claim.exported} message(s) to write` });
      const published = await this.exporter.publish(tenantId, agencyId, run.id);
      opts.onProgress?.({ agencyId, kind: 'export', fraction: 1, detail: `${published.name} written` });
      return await this.finish(run, {
        exported: claim.exported,
        suppressed: claim.suppressed,
        files: published.files.map((f) => `outbox/${published.name}/${f}`),
      });
    } catch (e) {
      // A claimed run stays "prepared": the next run publishes it.
      if ((await handoffRepository.runById(this.ds, tenantId, run.id))?.state === 'prepared') throw e;
      return this.fail(run, e);
    }
  }

  private async runImport(agency: HandoffAgency, traceId: string, opts: HandoffRunOptions): Promise<HandoffRunRow> {
    const { tenantId, id: agencyId } = agency;
    const run = await this.startRun(agency, 'import', traceId);
    const folder = { tenantId, agencyId, name: agency.name };
    try {
      const files = await this.store.listInbox(folder);
      const total = files.reduce((n, f) => n + f.bytes, 0) || 1;
      let doneBytes = 0;
      const counts = emptyCounts();
      const names: string[] = [];
      const reports: string[] = [];
      for (const f of files) {
        const r = await this.importer.importFile(folder, f, (p) =>
          opts.onProgress?.({
            agencyId,
            kind: 'import',
            fraction: Math.min(1, (doneBytes + p.bytesRead) / total),
            detail: `${f.name}: line ${p.line}`,
            import: p,
          }),
        );
        doneBytes += f.bytes;
        addCounts(counts, r);
        names.push(r.movedTo);
        if (r.errorReport) reports.push(r.errorReport);
        await audit(
          this.ds.manager,
          { kind: 'system', tenantId },
          {
            action: 'handoff.import',
            subjectType: 'agency',
            subjectId: agencyId,
            allowed: true,
            agencyId,
            reason: r.alreadyImported
              ? `${f.name} (sha256 ${r.hash}) was imported before: nothing done`
              : `${f.name} (sha256 ${r.hash}): ${r.imported} line(s) stored, ${r.rejected} refused, ${r.duplicates} duplicate(s)`,
          },
        );
      }
      opts.onProgress?.({ agencyId, kind: 'import', fraction: 1, detail: `${files.length} file(s) imported` });
      return await this.finish(run, {
        imported: counts.imported,
        rejected: counts.rejected,
        duplicates: counts.duplicates,
        outcomes: counts.outcomes,
        files: names,
        errorReport: reports.length ? reports.join(', ') : null,
      });
    } catch (e) {
      return this.fail(run, e);
    }
  }
}
