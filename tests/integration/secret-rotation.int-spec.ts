import type { INestApplicationContext } from '@nestjs/common';
import { HubRequestError, WebhookVerificationError, sendStatus, verifyWebhook } from '@kim/agency-client';
import { rotateWebhookSecretCommand } from '@kim/cli';
import { signWebhook } from '@kim/messaging';
import { createWorkerApp } from '@kim/worker';
import { recordingAgency, type RecordingAgency } from '@kim/test-support/agency-endpoint';
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
 * `npm run hub -- rotate-webhook-secret`: while a rotation runs, webhooks carry a signature
 * for each secret and status messages signed with either are accepted; `--finish` leaves
 * only the new secret, in both directions.
 */
describe('webhook secret rotation', () => {
  let hub: TestHub;
  let worker: INestApplicationContext;
  let endpoint: RecordingAgency;
  let jobcenter: TestHub['creds']['agencies'][number];
  let caseId: string;
  const lines: string[] = [];
  const out = (l: string) => lines.push(l);

  beforeAll(async () => {
    hub = await startTestHub('secret_rotation');
    worker = await createWorkerApp(hub.config, false);
    endpoint = await recordingAgency();
    jobcenter = hub.creds.agencies.find((a) => a.key === 'jc')!;
    await hub.db.ds.query(`UPDATE agencies SET webhook_url = $1 WHERE id = $2`, [endpoint.url, jobcenter.id]);
    const cm = hub.token('cm-rheine-1');
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    caseId = (await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } })).data.openCase.id;
    await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, jobcenter.id) });
  });

  afterAll(async () => {
    await endpoint?.close();
    await worker?.close();
    await hub?.close();
  });

  /** Send a new referral to the Jobcenter and return the webhook it received (exact bytes and headers). */
  async function referralWebhook() {
    const cm = hub.token('cm-rheine-1');
    const service = hub.creds.services.find((s) => s.code === 'JC-VERMITTLUNG')!.id;
    const draft = await hub.gql(cm, CREATE_REFERRAL, {
      input: { caseId, serviceId: service, purpose: 'REFERRAL', categories: ['IDENTITY'] },
    });
    const referralId: string = draft.data.createReferral.id;
    expect((await hub.gql(cm, SEND_REFERRAL, { id: referralId })).errors).toBeUndefined();
    const raw = await expectEventually(() => {
      const hit = endpoint.raw.find(
        (r) => (JSON.parse(r.body) as { data: { referralId: string } }).data.referralId === referralId,
      );
      expect(hit).toBeDefined();
      return hit!;
    });
    return { referralId, ...raw };
  }

  const agencyWith = (secret: string) => ({
    hubUrl: hub.url,
    tenantId: hub.creds.tenantId,
    agencyId: jobcenter.id,
    secret,
  });
  const verifies = (w: { body: string; headers: Record<string, string | string[] | undefined> }, secret: string) => {
    try {
      verifyWebhook(w.body, w.headers, { secret });
      return true;
    } catch (e) {
      if (e instanceof WebhookVerificationError) return false;
      throw e;
    }
  };
  const statusWith = (secret: string, referralId: string, status: 'accepted' | 'in-progress' | 'completed') =>
    sendStatus(agencyWith(secret), {
      referralId,
      status,
      ...(status === 'completed' ? { servicesDelivered: ['Vermittlung'] } : {}),
    });

  /**
   * A body signed with `secret` that is no status message: 400 while the gateway takes the
   * secret, 401 once it refuses it; nothing is written either way.
   */
  const probe = async (secret: string) => {
    const body = JSON.stringify({ probe: true });
    const res = await fetch(`${hub.url}/webhooks/${hub.creds.tenantId}/agencies/${jobcenter.id}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signWebhook(secret, `probe-${Date.now()}`, body).headers },
      body,
    });
    await res.arrayBuffer();
    return res.status;
  };

  it('accepts both secrets in both directions while it runs, and only the new one after --finish', async () => {
    const oldSecret = jobcenter.webhookSecret;
    expect(await rotateWebhookSecretCommand(hub.db.ds, out, { agency: jobcenter.id })).toBe(0);
    const newSecret = /^next webhook secret \(shown once\): (whsec_\S+)$/.exec(
      lines.find((l) => l.startsWith('next'))!,
    )![1]!;
    expect(newSecret).not.toBe(oldSecret);

    // During the rotation: one webhook, two signatures, each secret alone verifies it.
    const during = await referralWebhook();
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifies(during, oldSecret)).toBe(true);
    expect(verifies(during, newSecret)).toBe(true);
    // ... and the hub takes status messages signed with either.
    expect(await statusWith(oldSecret, during.referralId, 'accepted')).toMatchObject({ outcome: 'applied' });
    expect(await statusWith(newSecret, during.referralId, 'in-progress')).toMatchObject({ outcome: 'applied' });

    // A second start is refused rather than silently replacing the secret the agency may hold already.
    await expect(rotateWebhookSecretCommand(hub.db.ds, out, { agency: jobcenter.id })).rejects.toThrow(
      /finish it first/,
    );

    expect(await rotateWebhookSecretCommand(hub.db.ds, out, { agency: jobcenter.id, finish: true })).toBe(0);
    expect(lines.at(-1)).toMatch(/rotation finished/);

    // After finishing: the old secret is refused inbound and no longer signs outbound. The
    // gateway keeps an agency's secrets until the database announces a change (milliseconds).
    await expectEventually(async () => expect(await probe(oldSecret)).toBe(401), { timeoutMs: 3000, intervalMs: 20 });
    const refused = statusWith(oldSecret, during.referralId, 'completed');
    await expect(refused).rejects.toBeInstanceOf(HubRequestError);
    await expect(refused).rejects.toMatchObject({ status: 401 });
    expect(await statusWith(newSecret, during.referralId, 'completed')).toMatchObject({
      outcome: 'applied',
      referralStatus: 'completed',
    });
    const after = await referralWebhook();
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verifies(after, newSecret)).toBe(true);
    expect(verifies(after, oldSecret)).toBe(false);

    const [row] = await hub.db.ds.query(
      `SELECT webhook_secret = $2 AS current_is_new, next_webhook_secret, secret_rotation_started_at FROM agencies WHERE id = $1`,
      [jobcenter.id, newSecret],
    );
    expect(row).toEqual({ current_is_new: true, next_webhook_secret: null, secret_rotation_started_at: null });
    const audited: { action: string }[] = await hub.db.ds.query(
      `SELECT action FROM audit_events WHERE subject_id = $1 AND action LIKE 'agency.secret-rotation.%' ORDER BY seq`,
      [jobcenter.id],
    );
    expect(audited.map((a) => a.action)).toEqual(['agency.secret-rotation.start', 'agency.secret-rotation.finish']);
  });

  it('refuses to finish a rotation that is not running, and names a bad agency id', async () => {
    await expect(rotateWebhookSecretCommand(hub.db.ds, out, { agency: jobcenter.id, finish: true })).rejects.toThrow(
      /no rotation .* is running/,
    );
    await expect(rotateWebhookSecretCommand(hub.db.ds, out, { agency: 'jobcenter' })).rejects.toThrow(
      /must be an agency id/,
    );
    await expect(
      rotateWebhookSecretCommand(hub.db.ds, out, { agency: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toThrow(/no agency/);
  });
});
