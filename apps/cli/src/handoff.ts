import cliProgress from 'cli-progress';
import type { DataSource } from 'typeorm';
import { HandoffRunner, LocalHandoffStore, tenantIdsNamed, type FileAgency } from '@kim/core';
import type { HandoffRunEntity } from '@kim/persistence';
import type { Out } from './commands.js';

export interface HandoffCommandOptions {
  agency?: string;
  all?: boolean;
  tenant?: string;
  now?: boolean;
  exportOnly?: boolean;
  importOnly?: boolean;
  dir: string;
  source: string;
  chunkSize: number;
  /** Draw a progress bar (a terminal); otherwise progress lines are not printed. */
  progress: boolean;
}

/**
 * Run the overnight file handoff now, for one file-channel agency (by id or name) or all of
 * them: export, then status import, with a progress bar and a summary per run.
 */
export async function handoffCommand(ds: DataSource, out: Out, opts: HandoffCommandOptions): Promise<number> {
  if (!opts.now)
    throw new Error('add --now: the handoff runs in this process, right away (the worker runs it nightly)');
  if (!opts.agency === !opts.all) throw new Error('name one agency with --agency <id|name>, or use --all');
  if (opts.exportOnly && opts.importOnly) throw new Error('--export-only and --import-only exclude each other');
  const store = new LocalHandoffStore(opts.dir);
  const runner = new HandoffRunner(ds, store, { source: opts.source, chunkSize: opts.chunkSize });
  let agencies: FileAgency[] = await runner.fileAgencies();
  if (opts.tenant) {
    const tenantIds = await tenantIdsNamed(ds, opts.tenant);
    agencies = agencies.filter((a) => tenantIds.includes(a.tenantId));
  }
  if (opts.agency) {
    const want = opts.agency.toLowerCase();
    const found = agencies.filter((a) => a.agencyId === want || a.name.toLowerCase() === want);
    const partial = found.length ? found : agencies.filter((a) => a.name.toLowerCase().includes(want));
    if (partial.length !== 1) {
      throw new Error(
        partial.length === 0
          ? `no file-channel agency ${opts.agency}; known: ${agencies.map((a) => a.name).join(', ') || 'none'}`
          : `${opts.agency} names ${partial.length} agencies (${partial.map((a) => a.name).join(', ')}): use the id`,
      );
    }
    agencies = partial;
  }
  if (agencies.length === 0) {
    out('no file-channel agencies');
    return 0;
  }

  const bars = opts.progress
    ? new cliProgress.MultiBar(
        { format: ' {agency} {kind} |{bar}| {percentage}% {detail}', hideCursor: true, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const runs: { agency: FileAgency; run: HandoffRunEntity }[] = [];
  let failed = 0;
  try {
    for (const a of agencies) {
      const bar = bars?.create(100, 0, { agency: a.name.slice(0, 32).padEnd(32), kind: 'export', detail: '' });
      try {
        const done = await runner.run(a.tenantId, a.agencyId, {
          traceId: `cli-handoff-${Date.now()}`,
          export: !opts.importOnly,
          import: !opts.exportOnly,
          onProgress: (p) =>
            bar?.update(Math.round(p.fraction * 100), { kind: p.kind.padEnd(6), detail: p.detail.slice(0, 60) }),
        });
        bar?.update(100, { detail: 'done' });
        for (const run of done) runs.push({ agency: a, run });
        if (!opts.importOnly && !opts.exportOnly && done.length < 2) {
          out(`${a.name}: another process is running its handoff; left to it`);
        }
      } catch (e) {
        failed++;
        bar?.update({ detail: `failed: ${(e as Error).message.slice(0, 60)}` });
        out(`${a.name}: failed: ${(e as Error).message}`);
      }
    }
  } finally {
    bars?.stop();
  }
  out('');
  out(
    'agency                                   kind    state     exported  suppressed  imported  applied  rejected  duplicates  seconds',
  );
  for (const { agency, run } of runs) {
    out(
      [
        agency.name.slice(0, 40).padEnd(40),
        run.kind.padEnd(6),
        run.state.padEnd(8),
        String(run.exported).padStart(9),
        String(run.suppressed).padStart(11),
        String(run.imported).padStart(9),
        String(run.outcomes?.applied ?? 0).padStart(8),
        String(run.rejected).padStart(9),
        String(run.duplicates).padStart(11),
        ((run.durationMs ?? 0) / 1000).toFixed(1).padStart(8),
      ].join(' '),
    );
    if (run.errorReport) out(`  refused lines: ${store.locate(agency)}/${run.errorReport}`);
    for (const f of run.files) out(`  ${store.locate(agency)}/${f}`);
  }
  return failed ? 1 : 0;
}
