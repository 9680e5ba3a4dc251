import os from 'node:os';
import { loadConfig } from '@kim/config';
import { createGateway } from '@kim/gateway';
import { BoardAggregates } from '@kim/core';
import {
  Cleanup,
  benchDatabase,
  dropRedisPrefix,
  hubEnv,
  logFile,
  productionLogin,
  seedTenant,
  suffix,
  tokenOf,
} from '../lib/env.js';
import { round, type BenchContext, type BenchResult } from '../lib/results.js';

/** The board as the console asks for it: every section. */
const BOARD = /* GraphQL */ `
  query Board {
    statusBoard {
      asOf
      openCases
      phases {
        phase
        cases
      }
      regions {
        name
        posts
        capacity
        openCases
        utilisation
        byPhase {
          phase
          cases
        }
      }
      caseManagers {
        name
        fte
        capacity
        openCases
        utilisation
      }
      funnel {
        agencyName
        serviceName
        requested
        awaitingAnswer
        accepted
        inProgress
        completed
        rejected
        failed
        cancelled
        overdue
        openLoops
      }
      funnelTotal {
        requested
        completed
        rejected
        overdue
        openLoops
      }
      rejectionReasons {
        serviceName
        status
        reason
        referrals
      }
      waitingTimes {
        scope
        serviceName
        measure
        referrals
        medianDays
        p90Days
      }
      trends {
        month
        casesOpened
        casesClosed
        referralsRequested
        referralsCompleted
        referralsRejected
        medianDaysToAcceptance
      }
    }
  }
`;

const CASES = Number(process.env.BENCH_BOARD_CASES ?? 1_000_000);
const REFERRALS_PER_CASE = Number(process.env.BENCH_BOARD_REFERRALS_PER_CASE ?? 5);
const REQUESTS = Number(process.env.BENCH_BOARD_REQUESTS ?? 200);

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

/**
 * Set-based generation in one session: persons, cases, needs and referrals of the demo
 * tenant's structure, from generate_series and a seeded random(). Ids are md5 of the row
 * number, so a run is reproducible. Foreign-key and milestone triggers are off for the load
 * (session_replication_role = replica): the generator writes the milestones itself.
 */
async function generate(db: { ds: import('typeorm').DataSource }, tenantId: string, log: (l: string) => void) {
  const q = db.ds.createQueryRunner();
  await q.connect();
  try {
    await q.query(`SET session_replication_role = replica`);
    await q.query(`SET max_parallel_workers_per_gather = 0`);
    await q.query(`SET work_mem = '256MB'`);
    await q.query(`SELECT setseed(0.20210228)`);
    const step = async (what: string, sql: string, params: unknown[] = []) => {
      const t = Date.now();
      await q.query(sql, params);
      log(`  ${what}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    };
    // Regions with their case managers, 30 % of cases in Rheine (as in the demo).
    await q.query(
      `CREATE TEMP TABLE gen_cm AS
         SELECT r.id AS region_id, r.name = 'Rheine' AS rheine, u.id AS cm_id,
                row_number() OVER (PARTITION BY r.id ORDER BY u.id) - 1 AS k, count(*) OVER (PARTITION BY r.id) AS n
           FROM regions r JOIN staff_users u ON u.tenant_id = r.tenant_id AND u.region_id = r.id
          WHERE r.tenant_id = $1`,
      [tenantId],
    );
    await q.query(
      `CREATE TEMP TABLE gen_region AS SELECT DISTINCT region_id, rheine, n, dense_rank() OVER (PARTITION BY rheine ORDER BY region_id) - 1 AS r FROM gen_cm`,
    );
    await q.query(
      `CREATE TEMP TABLE gen_service AS SELECT id, agency_id, row_number() OVER (ORDER BY code) - 1 AS k FROM services WHERE tenant_id = $1`,
      [tenantId],
    );
    await step(
      `${CASES.toLocaleString('en')} persons`,
      `INSERT INTO persons (tenant_id, id, given_names, family_name, aliases, birth_date, birth_date_precision, sex, nationality, languages, municipality, arrival_date)
       SELECT $1, md5('p' || i)::uuid, 'Given' || (i % 997), 'Family' || (i % 7919), '[]'::jsonb,
              date '1960-01-01' + (random() * 15000)::int, 'exact', CASE WHEN random() < 0.45 THEN 'female' ELSE 'male' END,
              'SY', '{ar}', 'Rheine', current_date - (30 + random() * 1800)::int
         FROM generate_series(1, $2) i`,
      [tenantId, CASES],
    );
    await step(
      `${CASES.toLocaleString('en')} cases`,
      `INSERT INTO cases (tenant_id, id, reference, person_id, case_manager_id, region_id, phase, opened_at, closed_at, updated_at, version)
       SELECT $1, md5('c' || g.i)::uuid, 'B-' || g.i, md5('p' || g.i)::uuid, cm.cm_id, cm.region_id, g.phase, g.opened,
              CASE WHEN g.phase = 'closed' THEN g.opened + interval '1 day' * (random() * 300) END, now(), 1
         FROM (SELECT i, random() < 0.3 AS rheine, random() AS rr, random() AS rc,
                      (ARRAY['intake','assessment','planning','linking','linking','monitoring','monitoring','reassessment','closed'])[1 + floor(random() * 9)::int] AS phase,
                      now() - interval '1 day' * (random() * 1000) AS opened
                 FROM generate_series(1, $2) i) g
         JOIN gen_region gr ON gr.rheine = g.rheine AND gr.r = floor(g.rr * (SELECT count(*) FROM gen_region x WHERE x.rheine = g.rheine))
         JOIN gen_cm cm ON cm.region_id = gr.region_id AND cm.k = floor(g.rc * gr.n)`,
      [tenantId, CASES],
    );
    await step(
      `${CASES.toLocaleString('en')} needs`,
      `INSERT INTO case_needs (tenant_id, case_id, domain, description)
       SELECT $1, md5('c' || i)::uuid, (ARRAY['language','work','education','housing','health','residence','family','money'])[1 + floor(random() * 8)::int], 'generated'
         FROM generate_series(1, $2) i`,
      [tenantId, CASES],
    );
    await step(
      `${(CASES * REFERRALS_PER_CASE).toLocaleString('en')} referrals`,
      `INSERT INTO referrals (tenant_id, id, case_id, service_id, agency_id, purpose, categories, status, status_reason, created_by,
                              requested_at, respond_by, accepted_at, started_at, finished_at, outcome_acknowledged_at,
                              created_at, updated_at, version)
       SELECT $1, md5(x.case_id::text || '-' || x.j)::uuid, x.case_id, s.id, s.agency_id, 'referral', '{identity,contact}', x.status,
              CASE WHEN x.status IN ('rejected', 'failed') THEN (ARRAY['Kursplätze belegt','Zuständigkeit liegt beim Jobcenter','Voraussetzungen nicht erfüllt','Termin nicht wahrgenommen'])[1 + floor(random() * 4)::int] END,
              x.cm_id, x.requested, (x.requested + interval '14 days')::date,
              CASE WHEN x.status IN ('accepted','in-progress','on-hold','completed','failed') THEN x.requested + x.wait END,
              CASE WHEN x.status IN ('in-progress','completed','failed') THEN x.requested + x.wait * 2 END,
              CASE WHEN x.status IN ('completed','failed','rejected','cancelled') THEN x.requested + x.wait * 3 END,
              CASE WHEN x.status IN ('completed','failed','rejected') AND random() < 0.7 THEN x.requested + x.wait * 4 END,
              x.requested, x.requested, 1
         FROM (SELECT c.id AS case_id, j, c.case_manager_id AS cm_id,
                      floor(random() * (SELECT count(*) FROM gen_service))::int AS sk,
                      least(c.opened_at + interval '1 day' * (random() * 400), now()) AS requested,
                      interval '1 day' * (1 + floor(-ln(1 - random() * 0.999) * 8)) AS wait,
                      (ARRAY['requested','accepted','in-progress','in-progress','completed','completed','completed','rejected','failed','cancelled'])[1 + floor(random() * 10)::int] AS status
                 FROM cases c CROSS JOIN generate_series(1, $2) j WHERE c.tenant_id = $1) x
         JOIN gen_service s ON s.k = x.sk`,
      [tenantId, REFERRALS_PER_CASE],
    );
    await q.query(`ANALYZE`);
  } finally {
    await q.release();
  }
}

export async function boardQuery(ctx: BenchContext): Promise<BenchResult> {
  const cleanup = new Cleanup();
  try {
    const db = await benchDatabase('board');
    // BENCH_BOARD_KEEP_DB=1 leaves the database for EXPLAIN ANALYZE (its URL is printed).
    if (process.env.BENCH_BOARD_KEEP_DB === '1') ctx.log(`  database kept: ${db.url}`);
    else cleanup.add('database', () => db.drop());
    const creds = await seedTenant(db.ds, 'board', 0);
    const t0 = Date.now();
    await generate(db, creds.tenantId, ctx.log);
    const generationS = (Date.now() - t0) / 1000;
    const counts = (
      await db.ds.query<{ cases: number; referrals: number }[]>(
        `SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM referrals)::int AS referrals`,
      )
    )[0]!;
    ctx.log(`  generated ${counts.cases} cases and ${counts.referrals} referrals in ${generationS.toFixed(0)} s`);

    const board = new BoardAggregates(db.ds);
    let t = Date.now();
    await board.refresh();
    const firstRefreshS = (Date.now() - t) / 1000;
    t = Date.now();
    await board.refresh();
    const steadyRefreshS = (Date.now() - t) / 1000;
    const viewRows = (
      await db.ds.query<{ v: string; n: number }[]>(
        `SELECT 'board_referrals' AS v, count(*)::int AS n FROM board_referrals UNION ALL SELECT 'board_waits', count(*)::int FROM board_waits
         UNION ALL SELECT 'board_case_counts', count(*)::int FROM board_case_counts UNION ALL SELECT 'board_flags', count(*)::int FROM board_flags
         UNION ALL SELECT 'board_deadlines', count(*)::int FROM board_deadlines`,
      )
    ).reduce<Record<string, number>>((a, r) => ({ ...a, [r.v]: r.n }), {});
    ctx.log(
      `  refresh: first ${firstRefreshS.toFixed(1)} s, again ${steadyRefreshS.toFixed(1)} s; view rows ${JSON.stringify(viewRows)}`,
    );

    const prefix = `bench_b${suffix()}`;
    cleanup.add('redis keys', () => dropRedisPrefix(prefix));
    const log = logFile('board-gateway');
    cleanup.add('log', () => new Promise((r) => log.stream.end(r)));
    const app = await createGateway(loadConfig(hubEnv(await productionLogin(db, cleanup), 'redis', prefix)), {
      runMigrations: false,
      logDestination: log.stream,
    });
    cleanup.add('gateway', () => app.close());
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');

    const measure = async (token: string) => {
      const once = async () => {
        const start = performance.now();
        const res = await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: BOARD }),
        });
        const json = (await res.json()) as {
          data?: { statusBoard: { openCases: number | null } };
          errors?: { message: string }[];
        };
        if (json.errors?.length || !json.data)
          throw new Error(`board failed: ${json.errors?.[0]?.message ?? res.status}`);
        return { ms: performance.now() - start, openCases: json.data.statusBoard.openCases };
      };
      for (let i = 0; i < 10; i++) await once();
      const times: number[] = [];
      let openCases: number | null = null;
      for (let i = 0; i < REQUESTS; i++) {
        const r = await once();
        times.push(r.ms);
        openCases = r.openCases;
      }
      times.sort((a, b) => a - b);
      return {
        p50: round(percentile(times, 0.5), 1),
        p95: round(percentile(times, 0.95), 1),
        p99: round(percentile(times, 0.99), 1),
        openCases,
      };
    };
    const kreis = await measure(tokenOf(creds, 'coordinator-kreis'));
    const rheine = await measure(tokenOf(creds, 'coordinator-rheine'));
    const operator = await measure(tokenOf(creds, 'operator'));
    ctx.log(
      `  Kreis p50 ${kreis.p50} p95 ${kreis.p95} ms; Rheine p95 ${rheine.p95} ms; whole tenant p95 ${operator.p95} ms`,
    );
    return {
      name: 'board_query',
      value: kreis.p95,
      unit: 'ms (p95)',
      baseline: null,
      ratio: null,
      details: {
        caller:
          'coordinator of Kreis Steinfurt (four regional areas, about 70 % of the cases), whole board, default period (12 months)',
        data: { cases: counts.cases, referrals: counts.referrals, generationSeconds: round(generationS, 1) },
        requests: REQUESTS,
        sequential: true,
        kreis,
        rheine,
        wholeTenantOperator: operator,
        refreshSeconds: { first: round(firstRefreshS, 1), again: round(steadyRefreshS, 1) },
        // The machine is shared: the load average during the measurement says how noisy it was.
        loadAverage: os.loadavg().map((x) => round(x, 1)),
        viewRows,
      },
    };
  } finally {
    await cleanup.run(ctx.log);
  }
}
