import { EventType } from '@kim/contracts';
import { buildCloudEvent, signWebhook } from '@kim/messaging';
import { rotateWebhookSecretCommand } from '@kim/cli';
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

/**
 * Issue 20: the gateway keeps each agency's webhook secrets across status messages (one
 * statement fewer per message), as it keeps signed-in principals: dropped the moment the
 * database announces a change to agencies, kept only while the announcements arrive, and a
 * signature the kept secrets refuse is checked once more against the agency as stored.
 * PRINCIPAL_CACHE_MS is ten minutes here, so that the lifetime can be ruled out.
 */
describe('webhook secrets kept across status messages', () => {
  let hub: TestHub;
  let lookups = 0;
  let jobcenter: TestHub['creds']['agencies'][number];
  let referralId: string;
  // One status event, posted again and again: the first is applied, every later one is a
  // duplicate that changes nothing, so a probe leaves the referral as it was.
  let event: ReturnType<typeof buildCloudEvent>;
  const lines: string[] = [];

  beforeAll(async () => {
    hub = await startTestHub('secretcache', {
      env: { PRINCIPAL_CACHE_MS: '600000' },
      onQuery: (sql) => {
        if (/FROM agencies WHERE tenant_id = \$1 AND id = ANY\(\$2\)/.test(sql)) lookups += 1;
      },
    });
    jobcenter = hub.creds.agencies.find((a) => a.key === 'jc')!;
    const cm = hub.token('cm-rheine-1');
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const caseId = (await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } })).data.openCase.id;
    await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, jobcenter.id) });
    const service = hub.creds.services.find((s) => s.code === 'JC-VERMITTLUNG')!.id;
    const draft = await hub.gql(cm, CREATE_REFERRAL, {
      input: { caseId, serviceId: service, purpose: 'REFERRAL', categories: ['IDENTITY'] },
    });
    referralId = draft.data.createReferral.id;
    const sent = await hub.gql(cm, SEND_REFERRAL, { id: referralId });
    if (sent.errors) throw new Error(`send failed: ${JSON.stringify(sent.errors)}`);
    event = buildCloudEvent({
      type: EventType.REFERRAL_STATUS_CHANGED,
      source: `urn:kim-agency:${jobcenter.id}`,
      data: { referralId, status: 'accepted', occurredAt: new Date().toISOString() },
    });
  });
  afterAll(() => hub?.close());

  /** The status posted with a signature by `secret`: the HTTP status and the agency lookups it cost. */
  async function post(secret: string): Promise<{ status: number; lookups: number }> {
    const before = lookups;
    const body = JSON.stringify(event);
    const res = await fetch(`${hub.url}/webhooks/${hub.creds.tenantId}/agencies/${jobcenter.id}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signWebhook(secret, event.id, body).headers },
      body,
    });
    await res.arrayBuffer();
    return { status: res.status, lookups: lookups - before };
  }

  const listenerPid = async () => {
    const [row] = await hub.db.ds.query<{ pid: number }[]>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'kim-gateway-principals'`,
    );
    return row?.pid;
  };

  /** Waits until a status with `secret` is taken without looking the agency up. */
  const kept = (secret: string) =>
    expectEventually(async () => expect(await post(secret)).toEqual({ status: 202, lookups: 0 }));

  it('takes a status message without looking the agency up once its secrets are kept', async () => {
    await kept(jobcenter.webhookSecret);
    expect(await post(jobcenter.webhookSecret)).toEqual({ status: 202, lookups: 0 });
    const [row] = await hub.db.ds.query<{ status: string }[]>(`SELECT status FROM referrals WHERE id = $1`, [referralId]);
    expect(row?.status).toBe('accepted');
    // Every later post was a duplicate: one message stored.
    const [stored] = await hub.db.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM inbound_messages WHERE event_id = $1`,
      [event.id],
    );
    expect(stored?.n).toBe(1);
  });

  it('takes a new secret at once even when no change was announced, by checking the stored agency again', async () => {
    const oldSecret = jobcenter.webhookSecret;
    await kept(oldSecret);
    const next = 'whsec_' + Buffer.alloc(32, 7).toString('base64');
    // The next secret written with the announcement switched off: the kept secrets are stale.
    await hub.db.ds.transaction(async (m) => {
      await m.query(`ALTER TABLE agencies DISABLE TRIGGER agencies_principals`);
      await m.query(`UPDATE agencies SET next_webhook_secret = $2, secret_rotation_started_at = now() WHERE id = $1`, [
        jobcenter.id,
        next,
      ]);
      await m.query(`ALTER TABLE agencies ENABLE TRIGGER agencies_principals`);
    });
    expect(await post(next)).toEqual({ status: 202, lookups: 1 });
    // What was stored replaced what was kept: both secrets are now taken from memory.
    expect(await post(next)).toEqual({ status: 202, lookups: 0 });
    expect(await post(oldSecret)).toEqual({ status: 202, lookups: 0 });
    await hub.db.ds.query(
      `UPDATE agencies SET next_webhook_secret = NULL, secret_rotation_started_at = NULL WHERE id = $1`,
      [jobcenter.id],
    );
    await expectEventually(async () => expect((await post(next)).status).toBe(401), { timeoutMs: 3000, intervalMs: 20 });
  });

  it('refuses the old secret within milliseconds of a finished rotation', async () => {
    const oldSecret = jobcenter.webhookSecret;
    await kept(oldSecret);
    expect(await rotateWebhookSecretCommand(hub.db.ds, (l) => lines.push(l), { agency: jobcenter.id })).toBe(0);
    const newSecret = /^next webhook secret \(shown once\): (whsec_\S+)$/.exec(
      lines.find((l) => l.startsWith('next'))!,
    )![1]!;
    expect((await post(newSecret)).status).toBe(202);
    await kept(oldSecret);

    expect(
      await rotateWebhookSecretCommand(hub.db.ds, (l) => lines.push(l), { agency: jobcenter.id, finish: true }),
    ).toBe(0);
    const finished = Date.now();
    await expectEventually(async () => expect((await post(oldSecret)).status).toBe(401), {
      timeoutMs: 3000,
      intervalMs: 20,
    });
    // Within milliseconds: the announcement, not the ten minutes the secrets may be kept.
    expect(Date.now() - finished).toBeLessThan(3000);
    expect(await post(oldSecret)).toMatchObject({ status: 401 });
    expect((await post(newSecret)).status).toBe(202);
    jobcenter = { ...jobcenter, webhookSecret: newSecret };
  });

  it('keeps nothing while its notification connection is down, and resumes after reconnecting', async () => {
    const secret = jobcenter.webhookSecret;
    await kept(secret);
    const pid = await listenerPid();
    expect(pid).toBeDefined();
    await hub.db.ds.query(`SELECT pg_terminate_backend($1)`, [pid]);
    // The gateway notices the loss, drops what it kept and looks the agency up for every message.
    await expectEventually(async () => expect(await post(secret)).toEqual({ status: 202, lookups: 1 }));
    expect(await post(secret)).toEqual({ status: 202, lookups: 1 });
    await expectEventually(
      async () => {
        expect(await listenerPid()).not.toBe(pid);
        await post(secret);
        expect(await post(secret)).toEqual({ status: 202, lookups: 0 });
      },
      { timeoutMs: 15000 },
    );
  });
});
