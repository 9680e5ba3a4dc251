import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { isolatedDatabase, type TestDatabase } from '@kim/test-support/db';
import { APP_ROLE } from '../tenant-context.js';
import { declaredStatements } from './statement.js';

/**
 * The status writer's lookup (inboundMessageRepository.knownAndPending) under the conditions of a
 * large status import: the worker's fenced login (kim_app, row-level security), the statement
 * prepared and run with its cached generic plan, and inbound_messages grown without statistics
 * (never analysed, as on a fresh table or with autovacuum behind). Its generic plan filtered
 * every message of the agency against the array of event ids (5–9 s per chunk of 5,000 lines):
 * each id must be an index probe.
 */
describe('inbound messages: the status writer lookup', () => {
  let db: TestDatabase;
  let client: pg.Client;
  const tenantId = randomUUID();
  const agencyId = randomUUID();
  const STORED = 20_000;
  // The oracle: what the table holds, written here apart from the statement.
  const eventId = (n: number) => `ev-${n}`;
  const referralOf = (n: number) => `00000000-0000-4000-8000-${String(Math.floor(n / 4)).padStart(12, '0')}`;
  const pendingLine = (n: number) => n % 4 === 3 && n < 400;

  const text = declaredStatements().find(
    (s) => s.repository === 'inbound-message' && s.name === 'knownAndPending',
  )!.text;

  beforeAll(async () => {
    db = await isolatedDatabase('inboundlookup');
    await db.ds.query(`INSERT INTO tenants (id, slug, name) VALUES ($1, $2, 'Lookup')`, [tenantId, `lk-${tenantId}`]);
    await db.ds.query(
      `INSERT INTO agencies (tenant_id, id, name, kind, legal_domain, channel, webhook_secret)
       VALUES ($1, $2, 'Ausländerbehörde', 'foreigners-authority', 'aufenthg', 'file', 'whsec_x')`,
      [tenantId, agencyId],
    );
    await db.ds.query(
      `INSERT INTO inbound_messages (tenant_id, agency_id, event_id, referral_id, occurred_at, body, state)
       SELECT $1, $2, 'ev-' || n, ('00000000-0000-4000-8000-' || lpad((n / 4)::text, 12, '0'))::uuid, now(),
              jsonb_build_object('data', jsonb_build_object('n', n)),
              CASE WHEN n % 4 = 3 AND n < 400 THEN 'pending' ELSE 'applied' END
         FROM generate_series(0, $3 - 1) AS n`,
      [tenantId, agencyId, STORED],
    );
    // The statistics a fresh table has: none.
    const [{ analysed }] = await db.ds.query(
      `SELECT count(*)::int AS analysed FROM pg_stats WHERE tablename = 'inbound_messages'`,
    );
    if (analysed !== 0) throw new Error('inbound_messages was analysed: the test would not see the plan it guards');
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    // The worker's connection: the application role and the tenant fence (tenant-context.ts).
    await client.query(`SELECT set_config('role', $1, false), set_config('kim.tenant_id', $2, false)`, [
      APP_ROLE,
      tenantId,
    ]);
    await client.query(`SET plan_cache_mode = force_generic_plan`);
    // As the SQL PREPARE (so that EXPLAIN can show its plan) and as the hub runs it, a named
    // statement of the protocol (preparedQuery): both with the generic plan.
    await client.query(`PREPARE lookup(uuid, uuid, text[], uuid[]) AS ${text}`);
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  // A chunk of 5,000 lines: 2,500 seen before, 2,500 new; their 1,250 referrals.
  const chunk = Array.from({ length: 5000 }, (_, i) => eventId(STORED - 2500 + i));
  const referrals = [...new Set(Array.from({ length: 5000 }, (_, i) => referralOf(i)))];

  it('probes the index once per id in its generic plan, whatever the statistics', async () => {
    const array = (items: string[], type: string) => `${client.escapeLiteral(`{${items.join(',')}}`)}::${type}[]`;
    const { rows } = await client.query(
      `EXPLAIN (FORMAT JSON) EXECUTE lookup('${tenantId}', '${agencyId}', ${array(chunk, 'text')}, ${array(referrals, 'uuid')})`,
    );
    const scans: { type: string; cond: string }[] = [];
    const walk = (node: Record<string, unknown>) => {
      if (node['Relation Name'] === 'inbound_messages')
        scans.push({ type: node['Node Type'] as string, cond: (node['Index Cond'] as string | undefined) ?? '' });
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk((rows[0]['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0]!.Plan);
    expect(scans).toEqual([
      { type: 'Index Scan', cond: expect.stringContaining('(event_id = e.event_id)') },
      { type: 'Index Scan', cond: expect.stringContaining('(referral_id = r.referral_id)') },
    ]);
  });

  it('answers which ids are known and what waits, under the fence', async () => {
    const lookup = () =>
      client.query({ name: 'lookup_as_the_hub', text, values: [tenantId, agencyId, chunk, referrals] });
    const { rows } = await lookup();
    const known = rows.filter((r) => r.known).map((r) => r.eventId as string);
    const expected = chunk.filter((_, i) => STORED - 2500 + i < STORED);
    expect(known.sort()).toEqual([...expected].sort());
    const pending = rows.filter((r) => !r.known).map((r) => `${r.eventId} ${r.referralId} ${r.data.n}`);
    const waiting = Array.from({ length: STORED }, (_, n) => n)
      .filter((n) => pendingLine(n) && referrals.includes(referralOf(n)))
      .map((n) => `${eventId(n)} ${referralOf(n)} ${n}`);
    expect(pending.sort()).toEqual(waiting.sort());
    // Another tenant's fence sees nothing of it.
    await client.query(`SELECT set_config('kim.tenant_id', $1, false)`, [randomUUID()]);
    try {
      const other = await lookup();
      expect(other.rows).toEqual([]);
    } finally {
      await client.query(`SELECT set_config('kim.tenant_id', $1, false)`, [tenantId]);
    }
  });
});
