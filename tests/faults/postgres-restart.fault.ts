/**
 * Scenario 3: PostgreSQL stopped immediately (a crash: open transactions cut off) and started
 * again while referrals are being sent and delivered. Runs on a private PostgreSQL server of
 * its own, with the queues on BullMQ's PostgreSQL backend, so the worker's dedicated LISTEN
 * connection breaks too. What must hold: no partial state (a referral is sent together with
 * its outbox message, or neither), the gateway's and the worker's pools reconnect, the worker
 * process survives its LISTEN client's error, failed jobs retry, and every sent referral
 * reaches the agency exactly once in effect.
 */
import { EventType } from '@kim/contracts';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '@kim/test-support/fixtures';
import { check, report } from './checker.js';
import {
  dedupingAgency,
  envOf,
  privatePostgres,
  spawnWorker,
  stopWorker,
  type DedupingAgency,
  type PrivatePostgres,
  type WorkerProcess,
} from './processes.js';

describe('PostgreSQL restart', () => {
  let pg: PrivatePostgres;
  let hub: TestHub;
  let agency: DedupingAgency;
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    pg = await privatePostgres();
    hub = await startTestHub('faults_pg', {
      persons: 4,
      backend: 'postgres',
      databaseServerUrl: pg.url,
      env: {
        DELIVERY_ATTEMPTS: '12',
        DELIVERY_BACKOFF_MS: '200',
        JOB_LOCK_MS: '2000',
        WORKER_CONCURRENCY: '4',
        OUTBOX_RECONCILE_MS: '1000',
        OUTBOX_RECONCILE_GRACE_MS: '5000',
        WORKER_WATCHDOG_MS: '1000',
      },
    });
    agency = await dedupingAgency(100);
    await hub.db.ds.query(`UPDATE agencies SET webhook_url = $1 WHERE channel = 'webhook'`, [agency.url]);
  });
  afterAll(async () => {
    await stopWorker(worker);
    await agency.close();
    await hub?.close().catch(() => undefined);
    await pg.close();
  });

  /** Prepare a referral (case, consent, draft) and return its id; sending is a separate step. */
  async function draftReferral(): Promise<string> {
    const cm = hub.token('cm-rheine-1');
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const caritas = hub.creds.agencies.find((a) => a.key === 'caritas')!;
    const c = await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
    await hub.gql(cm, RECORD_CONSENT, { input: consentFor(c.data.openCase.id, caritas.id) });
    const d = await hub.gql(cm, CREATE_REFERRAL, {
      input: {
        caseId: c.data.openCase.id,
        serviceId: hub.creds.services.find((s) => s.code === 'CARITAS-MBE')!.id,
        purpose: 'REFERRAL',
        categories: ['IDENTITY'],
      },
    });
    return d.data.createReferral.id as string;
  }

  /** Send, tolerating the outage: true when the gateway answered without errors. */
  async function send(id: string): Promise<boolean> {
    try {
      const r = await hub.gql(hub.token('cm-rheine-1'), SEND_REFERRAL, { id });
      // Confirmed means the mutation's answer came back: any other body is a refusal.
      return !r.errors && r.data?.sendReferral != null;
    } catch {
      return false;
    }
  }

  it('PG_RESTART: no partial state, pools and LISTEN reconnect, every sent referral applied exactly once', async () => {
    const drafts: string[] = [];
    for (let i = 0; i < 40; i += 4) drafts.push(...(await Promise.all([0, 1, 2, 3].map(() => draftReferral()))));
    const [queued, duringOutage, afterRestart] = [drafts.slice(0, 24), drafts.slice(24, 32), drafts.slice(32)];
    const answered = new Map<string, boolean>();
    for (const id of queued) answered.set(id, await send(id));

    worker = spawnWorker(envOf(hub.config));
    await expectEventually(
      () => {
        expect(agency.raw.length).toBeGreaterThanOrEqual(6);
        expect(agency.inFlight()).toBeGreaterThan(0);
      },
      { timeoutMs: 20000 },
    );
    // Sends in flight while the server goes down: each either commits whole or not at all.
    const sending = Promise.all(duringOutage.map(async (id) => answered.set(id, await send(id))));
    await pg.stopImmediately();
    const deliveredBeforeCrash = agency.raw.length;
    await new Promise((r) => setTimeout(r, 1500)); // the outage itself
    await pg.start();
    await sending;
    // After the restart the gateway's pool serves again without a restart of the gateway.
    await expectEventually(async () => {
      for (const id of afterRestart) if (!answered.get(id)) answered.set(id, await send(id));
      expect(afterRestart.every((id) => answered.get(id))).toBe(true);
    });

    type Row = { id: string; status: string; messages: number; acked: number };
    const rows = () =>
      hub.db.ds.query<Row[]>(
        `SELECT r.id, r.status, count(o.id)::int AS messages,
                count(o.id) FILTER (WHERE o.delivery_state = 'acknowledged')::int AS acked
           FROM referrals r LEFT JOIN outbox_messages o ON o.referral_id = r.id AND o.event_type = $2
          WHERE r.id = ANY($1::uuid[]) GROUP BY r.id, r.status`,
        [drafts, EventType.REFERRAL_REQUESTED],
      );
    const sent = await expectEventually(
      async () => {
        const all = await rows();
        const sentRows = all.filter((r) => r.status !== 'draft');
        expect(sentRows.filter((r) => r.acked !== 1)).toEqual([]);
        return all;
      },
      { timeoutMs: 45000, intervalMs: 250 },
    );
    // No partial state: a draft has no message; a sent referral has exactly one.
    expect(sent.filter((r) => r.status === 'draft' && r.messages !== 0)).toEqual([]);
    expect(sent.filter((r) => r.status !== 'draft' && r.messages !== 1)).toEqual([]);
    // Every send the gateway confirmed is there (no acknowledged write lost).
    const sentIds = sent.filter((r) => r.status !== 'draft').map((r) => r.id);
    const confirmed = [...answered].filter(([, ok]) => ok).map(([id]) => id);
    expect(confirmed.filter((id) => !sentIds.includes(id))).toEqual([]);

    // The worker process lived through the LISTEN client's error.
    expect(await Promise.race([worker.exited, new Promise((r) => setTimeout(() => r('running'), 10))])).toBe('running');
    const v = check(
      sentIds,
      [...agency.effects.values()].filter((e) => drafts.includes(e.referralId)).map((e) => e.referralId),
    );
    report('PG_RESTART', v, {
      raw_deliveries: agency.raw.length,
      redeliveries: agency.raw.length - new Set(agency.raw).size,
      delivered_before_crash: deliveredBeforeCrash,
      sends_refused_during_outage: duringOutage.filter((id) => !answered.get(id)).length,
      sends_committed_during_outage: duringOutage.filter((id) => sentIds.includes(id)).length,
    });
    expect(v).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
    expect(v.sent).toBeGreaterThanOrEqual(queued.length + afterRestart.length);
  });

  it('PG_RESTART_IDLE: a restart while the worker waits on its LISTEN connection; the next referral still arrives', async () => {
    const id = await draftReferral();
    await pg.stopImmediately();
    await new Promise((r) => setTimeout(r, 1000)); // the outage itself
    await pg.start();
    await expectEventually(async () => expect(await send(id)).toBe(true));
    await expectEventually(() => expect([...agency.effects.values()].some((e) => e.referralId === id)).toBe(true), {
      timeoutMs: 30000,
    });
    expect(await Promise.race([worker!.exited, new Promise((r) => setTimeout(() => r('running'), 10))])).toBe(
      'running',
    );
    report(
      'PG_RESTART_IDLE',
      check(
        [id],
        [...agency.effects.values()].map((e) => e.referralId).filter((r) => r === id),
      ),
    );
  });
});
