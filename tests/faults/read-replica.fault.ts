/**
 * Scenario: board and report reads from a streaming replica (issue 21 item 3). A private
 * PostgreSQL primary with a replica made by pg_basebackup -R; the migrations and the demo seed
 * run on the primary; the gateway gets REPLICA_DATABASE_URL. Replay on the replica is paused,
 * cases are opened and the board refreshed on the primary: the board, the barriers and the
 * committee report must still show the replica's older figures (its asOf), with a lag that
 * grows, while the case just opened, and the consent just recorded for it, are read through the
 * same gateway from the primary (the replica does not have them yet). Replay resumed, the board
 * catches up and its lag returns to 0. Every figure of the line is counted from those answers.
 */
import { BoardAggregates } from '@kim/core';
import { expectEventually } from '@kim/test-support/eventually';
import { OPEN_CASE, RECORD_CONSENT, consentFor, newcomer } from '@kim/test-support/fixtures';
import { HubMetrics } from '@kim/gateway';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { parsePrometheus, sampleValue } from '@kim/test-support/prometheus';
import { startPostgresReplica, type TestPostgresReplica } from '@kim/test-support/postgres-replica';
import { figures } from './checker.js';

// The milestones field is resolved by its own read provider, also given the replica.
const BOARD = `{ statusBoard { asOf replicaLagSeconds openCases milestones { months { month } } } }`;
const BARRIERS = `{ barriers { asOf replicaLagSeconds flagCounts { kind cases } } }`;
const CASE = `query ($id: ID!) { case(id: $id) { id reference consents { id } } }`;

interface BoardAnswer {
  asOf: string | null;
  replicaLagSeconds: number | null;
  openCases: number | null;
}

describe('read replica', () => {
  let pg: TestPostgresReplica;
  let hub: TestHub;

  beforeAll(async () => {
    pg = await startPostgresReplica();
    hub = await startTestHub('faults_replica', {
      persons: 60,
      databaseServerUrl: pg.primary.url,
      replicaUrlFor: (url) => pg.onReplica(url),
      // The gateway opens the replica's copy of the database: it must be there first.
      beforeGateway: () => pg.waitForReplay(),
    });
  });
  afterAll(async () => {
    await hub?.close().catch(() => undefined);
    await pg?.close();
  });

  const coordinator = () => hub.token('coordinator-rheine');
  async function board(): Promise<BoardAnswer> {
    const r = await hub.gql<{ statusBoard: BoardAnswer }>(coordinator(), BOARD);
    if (r.errors || !r.data) throw new Error(`statusBoard: ${JSON.stringify(r.errors)}`);
    return r.data.statusBoard;
  }
  async function barriers(): Promise<{ asOf: string | null; replicaLagSeconds: number | null }> {
    const r = await hub.gql(coordinator(), BARRIERS);
    if (r.errors || !r.data) throw new Error(`barriers: ${JSON.stringify(r.errors)}`);
    return r.data.barriers;
  }
  async function committeeReport(): Promise<string> {
    const res = await fetch(`${hub.url}/reports/committee?format=html`, {
      headers: { authorization: `Bearer ${coordinator()}` },
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`committee report: ${res.status} ${text.slice(0, 300)}`);
    return text;
  }
  /** The gateway's replica lag gauge (undefined: no sample) and whether the replica answered the scrape. */
  async function lagMetric(): Promise<{ lag: number | undefined; up: number | undefined }> {
    const samples = parsePrometheus(await hub.app.get(HubMetrics).registry.metrics());
    return {
      lag: sampleValue(samples, 'kim_board_replica_lag_seconds'),
      up: sampleValue(samples, 'kim_metrics_source_up', { source: 'board-replica' }),
    };
  }
  /** The board's asOf of the demo tenant as the primary has it now (the owner's connection). */
  async function primaryAsOf(): Promise<string> {
    const [row] = await hub.db.ds.query<{ as_of: Date }[]>(`SELECT as_of FROM board_as_of WHERE tenant_id = $1`, [
      hub.creds.tenantId,
    ]);
    return row!.as_of.toISOString();
  }
  /** The opened cases the replica's copy of the database has (as the superuser, bypassing the fence). */
  const casesOnReplica = async (ids: string[]) => {
    const [row] = await pg.replica.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases WHERE id = ANY($1::uuid[])`,
      [ids],
      new URL(hub.db.url).pathname.slice(1),
    );
    return row!.n;
  };

  it('READ_REPLICA: board and reports from the replica, with their lag; cases and consent from the primary', async () => {
    await new BoardAggregates(hub.db.ds).refresh();
    await pg.waitForReplay();
    // Caught up and streaming: the replica answers with lag 0 (however idle the primary is).
    const before = await expectEventually(async () => {
      const b = await board();
      expect(b.asOf).toBe(await primaryAsOf());
      expect(b.replicaLagSeconds).toBe(0);
      return b;
    });

    await pg.pauseReplay();
    // Written on the primary while the replica stands still: new cases, a consent, a refresh.
    const cm = hub.token('cm-rheine-1');
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const caritas = hub.creds.agencies.find((a) => a.key === 'caritas')!;
    const opened: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
      if (c.errors) throw new Error(`openCase: ${JSON.stringify(c.errors)}`);
      opened.push(c.data.openCase.id as string);
    }
    const consent = await hub.gql(cm, RECORD_CONSENT, { input: consentFor(opened[0]!, caritas.id) });
    if (consent.errors) throw new Error(`recordConsent: ${JSON.stringify(consent.errors)}`);
    await new BoardAggregates(hub.db.ds).refresh();
    const newAsOf = await primaryAsOf();
    expect(newAsOf).not.toBe(before.asOf);

    // Board reads while paused: each answer is the replica's (its older asOf), none the primary's.
    const answers: { asOf: string | null; lag: number | null }[] = [];
    const reads = 6;
    for (let i = 0; i < reads; i++) {
      const b = i % 2 === 0 ? await board() : await barriers();
      answers.push({ asOf: b.asOf, lag: b.replicaLagSeconds });
      // The lag is the age of the last replayed commit: give it time to grow between reads.
      await new Promise((r) => setTimeout(r, 400));
    }
    const fromReplica = answers.filter((a) => a.asOf === before.asOf && a.asOf !== newAsOf).length;
    const lags = answers.map((a) => a.lag ?? -1);
    const lagGrew = lags.every((l, i) => l > 0 && (i === 0 || l >= lags[i - 1]!)) && lags.at(-1)! > lags[0]!;
    const metricWhilePaused = await lagMetric();
    const report = await committeeReport();
    const reportLag = /\(Replikat, (\d+) s hinter dem Primärsystem\)/.exec(report);
    const reportFromReplica = reportLag !== null && Number(reportLag[1]) >= Math.floor(lags[0]!) ? 1 : 0;

    // The same gateway reads the case and its consent from the primary: the replica has neither.
    const onReplicaNow = await casesOnReplica(opened);
    const caseReads = await Promise.all(opened.map((id) => hub.gql(cm, CASE, { id })));
    const casesFromPrimary = caseReads.filter((r) => !r.errors && opened.includes(r.data?.case?.id)).length;
    const consentFromPrimary = caseReads[0]!.data?.case?.consents?.length ?? 0;

    await pg.resumeReplay();
    const after = await expectEventually(
      async () => {
        const b = await board();
        expect(b.asOf).toBe(newAsOf);
        expect(b.replicaLagSeconds).toBe(0);
        return b;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const onReplicaAfter = await casesOnReplica(opened);
    const metricAfter = await expectEventually(async () => {
      const m = await lagMetric();
      expect(m.lag).toBe(0);
      return m;
    });

    figures('READ_REPLICA', {
      board_reads: reads,
      board_reads_on_replica: fromReplica,
      report_on_replica: reportFromReplica,
      stale_while_paused: fromReplica === reads ? 'yes' : 'no',
      lag_first_s: Math.round(lags[0]!),
      lag_last_s: Math.round(lags.at(-1)!),
      lag_grew: lagGrew ? 'yes' : 'no',
      metric_lag_while_paused_s: Math.round(metricWhilePaused.lag ?? -1),
      metric_lag_after_s: metricAfter.lag ?? -1,
      cases_opened_while_paused: opened.length,
      cases_on_replica_while_paused: onReplicaNow,
      case_reads_from_primary: casesFromPrimary,
      consents_read_from_primary: consentFromPrimary,
      caught_up: after.asOf === newAsOf && after.replicaLagSeconds === 0 ? 'yes' : 'no',
      open_cases_before: before.openCases ?? -1,
      open_cases_after: after.openCases ?? -1,
    });

    expect(fromReplica).toBe(reads);
    expect(lagGrew).toBe(true);
    expect(reportFromReplica).toBe(1);
    expect(metricWhilePaused).toEqual({ lag: expect.any(Number), up: 1 });
    expect(metricWhilePaused.lag).toBeGreaterThan(0);
    expect(onReplicaNow).toBe(0);
    expect(casesFromPrimary).toBe(opened.length);
    expect(consentFromPrimary).toBe(1);
    expect(onReplicaAfter).toBe(opened.length);
    expect(after.openCases! - before.openCases!).toBe(opened.length);
  });
});
