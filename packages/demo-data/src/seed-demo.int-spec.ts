import { createHash } from 'node:crypto';
import { signWebhook, verifyWebhook } from '@kim/messaging';
import { isolatedDatabase, type TestDatabase } from '@kim/test-support/db';
import { DemoSeedRefused, seedDemo } from './seed-demo.js';

describe('demo seed', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  const options = { simulatorUrl: 'http://127.0.0.1:9', persons: 0, credentialPrefix: 'demo' };

  beforeAll(async () => {
    [a, b] = await Promise.all([isolatedDatabase('seed_a'), isolatedDatabase('seed_b')]);
  });
  afterAll(async () => {
    await Promise.all([a?.drop(), b?.drop()]);
  });

  it('refuses to run in production, before it writes anything', async () => {
    await expect(seedDemo(a.ds, { ...options, nodeEnv: 'production' })).rejects.toThrow(DemoSeedRefused);
    await expect(seedDemo(a.ds, { ...options, nodeEnv: 'production' })).rejects.toThrow(/NODE_ENV=production/);
    const [tenants] = await a.ds.query(`SELECT count(*)::int AS n FROM tenants`);
    expect(tenants.n).toBe(0);
  });

  it('gives every agency a random webhook secret that nothing public determines, and keeps it', async () => {
    const first = await seedDemo(a.ds, options);
    // The same public inputs (slug, prefix, agency keys) in another database: other secrets.
    const elsewhere = await seedDemo(b.ds, options);
    expect(elsewhere.agencies.map((x) => x.key)).toEqual(first.agencies.map((x) => x.key));
    for (const [i, agency] of first.agencies.entries()) {
      expect(agency.webhookSecret).not.toBe(elsewhere.agencies[i]!.webhookSecret);
      // Not the old derivation from the prefix, the tenant slug and the agency key either.
      const derived = `whsec_${createHash('sha256').update(`demo|kreis-steinfurt|${agency.key}|webhook`).digest('base64')}`;
      expect(agency.webhookSecret).not.toBe(derived);
      expect(Buffer.from(agency.webhookSecret.replace(/^whsec_/, ''), 'base64')).toHaveLength(32);
    }
    expect(new Set(first.agencies.map((x) => x.webhookSecret)).size).toBe(first.agencies.length);

    // A second run (npm start every time) hands out the secrets the agencies already hold.
    const again = await seedDemo(a.ds, options);
    expect(again.agencies.map((x) => x.webhookSecret)).toEqual(first.agencies.map((x) => x.webhookSecret));
    const stored: { id: string; webhook_secret: string }[] = await a.ds.query(
      `SELECT id, webhook_secret FROM agencies WHERE tenant_id = $1`,
      [first.tenantId],
    );
    for (const row of stored) {
      const handedOut = again.agencies.find((x) => x.id === row.id)!;
      const signed = signWebhook(handedOut.webhookSecret, 'evt-1', '{}');
      expect(verifyWebhook([row.webhook_secret], '{}', signed.headers)).toEqual({ ok: true });
    }
  });
});
