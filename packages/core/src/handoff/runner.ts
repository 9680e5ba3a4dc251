import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AgencyChannel } from '@kim/contracts';
import { AgencyEntity, HandoffRunEntity } from '@kim/persistence';
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
    const rows = await this.ds.getRepository(AgencyEntity).find({
      where: { channel: AgencyChannel.FILE },
      order: { tenantId: 'ASC', name: 'ASC' },
    });
    return rows.map((a) => ({ tenantId: a.tenantId, agencyId: a.id, name: a.name }));
  }

  async run(tenantId: string, agencyId: string, opts: HandoffRunOptions = {}): Promise<HandoffRunEntity[]> {
    const agency = await this.ds.getRepository(AgencyEntity).findOneBy({ tenantId, id: agencyId });
    if (!agency) throw new Error(`no agency ${agencyId} in tenant ${tenantId}`);
    if (agency.channel !== AgencyChannel.FILE) throw new Error(`agency ${agency.name} receives webhooks, not files`);
    const traceId = opts.traceId ?? randomUUID();
    const runs: HandoffRunEntity[] = [];
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
      const [{ ok }] = (await qr.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok`, [
        lockKey(tenantId, agencyId, kind),
      ])) as [{ ok: boolean }];
      if (!ok) return null;
      try {
        // Holding the lock, any run of this kind still "running" belongs to a process that died.
        await this.ds.query(
          `UPDATE handoff_runs SET state = 'failed', error = 'interrupted (the process running it stopped)', finished_at = now()
            WHERE tenant_id = $1 AND agency_id = $2 AND kind = $3 AND state = 'running'`,
          [tenantId, agencyId, kind],
        );
        return await fn();
      } finally {
        await qr.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [lockKey(tenantId, agencyId, kind)]);
      }
    } finally {
      await qr.release();
    }
  }

  private async startRun(agency: AgencyEntity, kind: HandoffKind, traceId: string): Promise<HandoffRunEntity> {
    return this.ds.getRepository(HandoffRunEntity).save({
      tenantId: agency.tenantId,
      agencyId: agency.id,
      kind,
      state: 'running',
      traceId: traceId.slice(0, 64),
    });
  }

  private async finish(run: HandoffRunEntity, patch: Partial<HandoffRunEntity>): Promise<HandoffRunEntity> {
    const finishedAt = new Date();
    Object.assign(
      run,
      { state: 'finished', finishedAt, durationMs: finishedAt.getTime() - run.startedAt.getTime() },
      patch,
    );
    return this.ds.getRepository(HandoffRunEntity).save(run);
  }

  private async fail(run: HandoffRunEntity, e: unknown): Promise<never> {
    const finishedAt = new Date();
    await this.ds.getRepository(HandoffRunEntity).update(
      { tenantId: run.tenantId, id: run.id },
      {
        state: 'failed',
        finishedAt,
        durationMs: finishedAt.getTime() - run.startedAt.getTime(),
        error: (e as Error).message.slice(0, 2000),
      },
    );
    throw e;
  }

  private async runExport(agency: AgencyEntity, traceId: string, opts: HandoffRunOptions): Promise<HandoffRunEntity> {
    const { tenantId, id: agencyId } = agency;
    // First what a crashed run claimed but never published: its messages are promised to it.
    const prepared: { id: string }[] = await this.ds.query(
      `SELECT id FROM handoff_runs WHERE tenant_id = $1 AND agency_id = $2 AND kind = 'export' AND state = 'prepared' ORDER BY started_at`,
      [tenantId, agencyId],
    );
    for (const p of prepared) {
      const published = await this.exporter.publish(tenantId, agencyId, p.id);
      const run = await this.ds.getRepository(HandoffRunEntity).findOneByOrFail({ tenantId, id: p.id });
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
      const [row] = await this.ds.query<{ state: string }[]>(
        `SELECT state FROM handoff_runs WHERE tenant_id = $1 AND id = $2`,
        [tenantId, run.id],
      );
      if (row?.state === 'prepared') throw e;
      return this.fail(run, e);
    }
  }

  private async runImport(agency: AgencyEntity, traceId: string, opts: HandoffRunOptions): Promise<HandoffRunEntity> {
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
