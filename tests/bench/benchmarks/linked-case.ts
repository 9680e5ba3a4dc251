import { deepStrictEqual } from 'node:assert';
import autocannon, { type AutocannonResult } from 'autocannon';
import {
  Cleanup,
  cpuOf,
  benchDatabase,
  dropRedisPrefix,
  hubEnv,
  median,
  productionLogin,
  seedTenant,
  startChild,
  statementsOf,
  suffix,
  tokenOf,
} from '../lib/env.js';
import { round, type BenchContext, type BenchResult } from '../lib/results.js';
import { MismatchSamples } from '../lib/answers.js';

export const CONNECTIONS = 10;
/** Seconds per round (at least 5) and rounds per side, alternated ABBA so drift hits both alike. */
const ROUND_S = Math.max(5, Number(process.env.BENCH_QUERY_SECONDS ?? 5));
const ROUNDS = 4;
const WARMUP_S = 3;

/** The case manager's linked view of one case: case, person, plan, referrals, timeline. */
export const LINKED_CASE = /* GraphQL */ `
  query LinkedCase($id: ID!) {
    case(id: $id) {
      id
      reference
      phase
      openedAt
      closedAt
      person {
        id
        visibleCategories
        hiddenCategories
        givenNames
        familyName
        nameOriginalScript
        birthDate
        birthDatePrecision
        sex
        nationality
        identifiers {
          kind
          issuer
          value
        }
        municipality
        languages
        residenceStatus
        arrivalDate
      }
      plan {
        goals {
          id
          domain
          description
          targetDate
          status
        }
      }
      referrals {
        id
        status
        businessStatus
        statusReason
        purpose
        categories
        requestedAt
        respondBy
        service {
          code
          name
        }
        agency {
          name
        }
      }
      timeline {
        id
        kind
        occurredAt
        actorRole
        summary
        referralId
        referralStatus
      }
    }
  }
`;

async function post(url: string, token: string, body: string): Promise<{ text: string; json: unknown }> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  const text = await res.text();
  return { text, json: JSON.parse(text) as unknown };
}

/**
 * autocannon against a gateway's (or the baseline's) /graphql, 10 connections. With an expected
 * body, every answer is compared with it and the first few that differ are described in
 * `mismatchSamples` (the errors they carried, or where the text departs).
 */
export async function load(
  url: string,
  token: string,
  body: string,
  duration: number,
  expectBody?: string,
): Promise<AutocannonResult & { mismatchSamples: string[] }> {
  const samples = expectBody === undefined ? undefined : new MismatchSamples(expectBody);
  const result = await autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
    connections: CONNECTIONS,
    duration,
    ...(samples ? { verifyBody: samples.verify } : {}),
  });
  return { ...result, mismatchSamples: samples?.seen ?? [] };
}

/** Rounds of one side as one result: summed requests over summed seconds, median p99. */
function combine(rounds: AutocannonResult[]): AutocannonResult {
  const total = rounds.reduce((n, r) => n + r.requests.total, 0);
  const seconds = rounds.reduce((n, r) => n + r.duration, 0);
  const latencySum = rounds.reduce((n, r) => n + r.latency.average * r.requests.total, 0);
  const mid = (pick: (r: AutocannonResult) => number) => median(rounds.map(pick));
  return {
    ...rounds[0]!,
    duration: seconds,
    requests: { ...rounds[0]!.requests, total, average: total / seconds },
    latency: {
      ...rounds[0]!.latency,
      average: latencySum / total,
      p50: mid((r) => r.latency.p50),
      p99: mid((r) => r.latency.p99),
    },
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    mismatches: 0,
  };
}

const summary = (r: AutocannonResult) => ({
  requests: r.requests.total,
  reqPerSec: round(r.requests.average, 1),
  latencyMeanMs: round(r.latency.average, 2),
  latencyP50Ms: r.latency.p50,
  latencyP99Ms: r.latency.p99,
  errors: r.errors,
  timeouts: r.timeouts,
  non2xx: r.non2xx,
  mismatchedBodies: r.mismatches,
});

export async function linkedCaseQuery(ctx: BenchContext): Promise<BenchResult> {
  const cleanup = new Cleanup();
  try {
    const db = await benchDatabase('linked');
    cleanup.add('database', () => db.drop());
    // The demo Kreis at its real size: 300 persons and their cases.
    const creds = await seedTenant(db.ds, 'linked', 300);
    const rheine = creds.regions.find((r) => r.key === 'rheine')!.id;
    // The Rheine case with the most linked rows (referrals, timeline, goals); ties by reference.
    const [picked] = await db.ds.query<
      { id: string; personId: string; reference: string; referrals: number; timeline: number; goals: number }[]
    >(
      `SELECT c.id, c.person_id AS "personId", c.reference,
              (SELECT count(*) FROM referrals f WHERE f.tenant_id = c.tenant_id AND f.case_id = c.id)::int AS referrals,
              (SELECT count(*) FROM timeline_events e WHERE e.tenant_id = c.tenant_id AND e.case_id = c.id)::int AS timeline,
              (SELECT count(*) FROM goals g WHERE g.tenant_id = c.tenant_id AND g.case_id = c.id)::int AS goals
         FROM cases c WHERE c.tenant_id = $1 AND c.region_id = $2
        ORDER BY referrals DESC, timeline DESC, goals DESC, c.reference LIMIT 1`,
      [creds.tenantId, rheine],
    );
    if (!picked || picked.referrals === 0) throw new Error('the seeded data has no Rheine case with referrals');
    // Two entries in the person's link map, so identifiers are a real join too.
    const jc = creds.agencies.find((a) => a.key === 'jc')!.id;
    await db.ds.query(
      `INSERT INTO person_identifiers (tenant_id, person_id, kind, issuer, value)
       VALUES ($1, $2, 'agency-customer-number', $3, 'KD-48213'), ($1, $2, 'azr-number', 'AZR', '120034567890')`,
      [creds.tenantId, picked.personId, jc],
    );

    const prefix = `bench_q${suffix()}`;
    cleanup.add('redis keys', () => dropRedisPrefix(prefix));
    const gateway = await startChild('gateway', hubEnv(await productionLogin(db, cleanup), 'redis', prefix));
    cleanup.add('gateway', () => gateway.stop());
    // The raw handler logs in as the owner: it has no fence to pay (its queries name the tenant).
    const baseline = await startChild('baseline-http', hubEnv(db.url, 'redis', prefix));
    cleanup.add('baseline', () => baseline.stop());

    const token = tokenOf(creds, 'cm-rheine-1');
    const body = JSON.stringify({ query: LINKED_CASE, variables: { id: picked.id } });
    const hubAnswer = await post(gateway.url!, token, body);
    const baseAnswer = await post(baseline.url!, token, body);
    if ((hubAnswer.json as { errors?: unknown }).errors)
      throw new Error(`hub answered with errors: ${hubAnswer.text.slice(0, 500)}`);
    // The baseline must answer the same question with the same data, or the comparison means nothing.
    deepStrictEqual(baseAnswer.json, hubAnswer.json, 'the baseline does not return the same JSON as the hub');
    ctx.log(
      `  case ${picked.reference}: ${picked.referrals} referrals, ${picked.timeline} timeline events, ${picked.goals} goals; answers equal`,
    );

    await load(gateway.url!, token, body, WARMUP_S);
    await load(baseline.url!, token, body, WARMUP_S);
    const sides = {
      hub: { child: gateway, expect: hubAnswer.text, rounds: [] as AutocannonResult[], cpuMs: 0 },
      baseline: { child: baseline, expect: baseAnswer.text, rounds: [] as AutocannonResult[], cpuMs: 0 },
    };
    // With BENCH_COUNT_STATEMENTS=1: each side's statements per request, by text.
    const statementsHub = await statementsOf(gateway);
    const statementsBaseline = await statementsOf(baseline);
    // hub, baseline, baseline, hub, …: each side meets the machine's early and late moments alike.
    const order = Array.from({ length: ROUNDS }, (_, i) =>
      i % 2 === 0 ? (['hub', 'baseline'] as const) : (['baseline', 'hub'] as const),
    ).flat();
    for (const [i, name] of order.entries()) {
      const side = sides[name];
      const cpu = await cpuOf([side.child]);
      const r = await load(side.child.url!, token, body, ROUND_S, side.expect);
      side.cpuMs += await cpu();
      // Every answer must be a 2xx with the expected body: a fast wrong answer is no figure.
      if (r.errors || r.timeouts || r.non2xx || r.mismatches)
        throw new Error(
          `round ${i} (${name}): ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx, ${r.mismatches} mismatched bodies${r.mismatchSamples.map((m) => `\n    ${m}`).join('')}`,
        );
      side.rounds.push(r);
    }
    const hub = combine(sides.hub.rounds);
    const base = combine(sides.baseline.rounds);
    const statementsPerRequest = {
      hub: await statementsHub(hub.requests.total),
      baseline: await statementsBaseline(base.requests.total),
    };
    const hubCpuMs = sides.hub.cpuMs;
    const baseCpuMs = sides.baseline.cpuMs;
    ctx.log(`  hub: ${round(hub.requests.average, 0)} req/s, p99 ${hub.latency.p99} ms`);
    ctx.log(`  baseline: ${round(base.requests.average, 0)} req/s, p99 ${base.latency.p99} ms`);

    const p99Ratio = hub.latency.p99 / Math.max(base.latency.p99, 1);
    return {
      name: 'linked_case_query',
      value: round(hub.requests.average, 1),
      unit: 'req/s',
      baseline: round(base.requests.average, 1),
      ratio: round(hub.requests.average / base.requests.average, 4),
      details: {
        baselinePreparedStatements: process.env.BENCH_BASELINE_PREPARED !== '0',
        connections: CONNECTIONS,
        rounds: ROUNDS,
        roundSeconds: ROUND_S,
        roundOrder: order.join(' '),
        p99MsPerRound: {
          hub: sides.hub.rounds.map((r) => r.latency.p99),
          baseline: sides.baseline.rounds.map((r) => r.latency.p99),
        },
        logLines: gateway.logLines(),
        ...(statementsPerRequest.hub && { statementsPerRequest }),
        warmupSeconds: WARMUP_S,
        p99Ms: hub.latency.p99,
        baselineP99Ms: base.latency.p99,
        p99Ratio: round(p99Ratio, 3),
        cpuMsPerRequest: round(hubCpuMs / Math.max(hub.requests.total, 1), 3),
        baselineCpuMsPerRequest: round(baseCpuMs / Math.max(base.requests.total, 1), 3),
        case: {
          reference: picked.reference,
          referrals: picked.referrals,
          timeline: picked.timeline,
          goals: picked.goals,
          identifiers: 2,
        },
        caller: 'case manager (Bearer token), region Rheine',
        hub: summary(hub),
        baselineRun: summary(base),
        baselineWhat:
          'node:http + raw pg (pool 20, as the gateway): credential lookup, case ⋈ region ⋈ person with the area check, then identifiers, goals, referrals ⋈ service ⋈ agency and timeline in parallel; same JSON (checked deep-equal)',
        note: 'rounds alternate (hub, baseline, baseline, hub, …); throughput = all requests / all seconds of a side; p99 = median of the rounds’ p99 (autocannon reports whole milliseconds; a baseline p99 below 1 ms is counted as 1 ms); any error, timeout, non-2xx or mismatched body fails the entry',
      },
    };
  } finally {
    await cleanup.run(ctx.log);
  }
}
