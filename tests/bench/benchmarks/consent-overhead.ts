import { berlinDay, consentMayGrantSql } from '@kim/core';
import {
  Cleanup,
  benchDatabase,
  cpuOf,
  dropRedisPrefix,
  hubEnv,
  productionLogin,
  seedTenant,
  startChild,
  statementsOf,
  suffix,
} from '../lib/env.js';
import { round, type BenchContext, type BenchResult } from '../lib/results.js';
import { CONNECTIONS, LINKED_CASE, load } from './linked-case.js';

const ROUNDS = Number(process.env.BENCH_CONSENT_ROUNDS ?? 4);
const ROUND_S = Number(process.env.BENCH_CONSENT_SECONDS ?? 5);

/**
 * What consent enforcement costs: the linked-case query asked by a partner agency (whose view
 * the consent engine decides field by field, and whose every read goes to the ledger) against
 * a gateway that enforces consent and one that does not (role gateway-unenforced: the bench
 * builds it with the access policy's reads replaced, child.ts; no setting of the hub can). Same database, same case, same agency;
 * the two are measured in alternating rounds so that machine noise falls on both.
 */
export async function consentOverhead(ctx: BenchContext): Promise<BenchResult> {
  const cleanup = new Cleanup();
  try {
    const db = await benchDatabase('consent');
    cleanup.add('database', () => db.drop());
    const creds = await seedTenant(db.ds, 'consent', 300);
    // A case an agency sees through an open referral and a valid disclosure consent that
    // covers some categories but not all (so enforcement has real work: some fields hidden).
    const [picked] = await db.ds.query<{ caseId: string; agencyId: string; categories: string[] }[]>(
      `SELECT c.id AS "caseId", f.agency_id AS "agencyId", k.categories
         FROM cases c
         JOIN referrals f ON f.tenant_id = c.tenant_id AND f.case_id = c.id
                         AND f.status IN ('requested', 'accepted', 'in-progress')
         JOIN consents k ON k.tenant_id = c.tenant_id AND k.person_id = c.person_id AND k.case_id = c.id
                        AND ${consentMayGrantSql('k', { agency: 'f.agency_id', today: '$2', now: '$3' })}
        WHERE c.tenant_id = $1 AND cardinality(k.categories) BETWEEN 1 AND 6
        ORDER BY cardinality(k.categories), c.reference LIMIT 1`,
      [creds.tenantId, berlinDay(new Date()), new Date()],
    );
    if (!picked) throw new Error('the seeded data has no case an agency sees under a partial consent');
    const agency = creds.agencies.find((a) => a.id === picked.agencyId)!;

    const prefix = `bench_c${suffix()}`;
    cleanup.add('redis keys', () => dropRedisPrefix(prefix));
    // Both as production runs the gateway: production mode, info logs, the fenced login.
    const env = hubEnv(await productionLogin(db, cleanup), 'redis', prefix);
    const enforced = await startChild('gateway', env);
    cleanup.add('gateway (enforced)', () => enforced.stop());
    const open = await startChild('gateway-unenforced', env);
    cleanup.add('gateway (not enforced)', () => open.stop());

    const body = JSON.stringify({ query: LINKED_CASE, variables: { id: picked.caseId } });
    const ask = async (url: string) => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${agency.apiKey}` },
        body,
      });
      const text = await res.text();
      return {
        text,
        ...(JSON.parse(text) as {
          data?: { case?: { person?: { hiddenCategories?: string[] } } };
          errors?: unknown[];
        }),
      };
    };
    // Each gateway must answer as it is meant to: the enforcing one hides what consent does not cover.
    const a = await ask(enforced.url!);
    const b = await ask(open.url!);
    const hidden = a.data?.case?.person?.hiddenCategories ?? [];
    if (!a.data?.case || hidden.length === 0) throw new Error(`enforcing gateway: ${JSON.stringify(a).slice(0, 400)}`);
    if (!b.data?.case || (b.data.case.person?.hiddenCategories ?? []).length !== 0)
      throw new Error(`non-enforcing gateway hid data: ${JSON.stringify(b).slice(0, 400)}`);
    ctx.log(
      `  agency ${agency.key}: consent covers ${picked.categories.join(', ')}; hidden under enforcement: ${hidden.join(', ')}`,
    );

    await load(enforced.url!, agency.apiKey, body, 2);
    await load(open.url!, agency.apiKey, body, 2);
    // With BENCH_COUNT_STATEMENTS=1: the statements each gateway sends per request, by text.
    const statementsOn = await statementsOf(enforced);
    const statementsOff = await statementsOf(open);
    // Every answer under load must be the one each gateway gave above, word for word.
    const on = { requests: 0, latencySum: 0, p99: [] as number[], cpuMs: 0, expect: a.text };
    const off = { requests: 0, latencySum: 0, p99: [] as number[], cpuMs: 0, expect: b.text };
    for (let i = 0; i < ROUNDS; i++) {
      // Alternate which goes first, so neither always meets the same moment of the machine.
      const pair = [
        [enforced, on],
        [open, off],
      ] as const;
      for (const [target, acc] of i % 2 === 0 ? pair : [pair[1], pair[0]]) {
        const cpu = await cpuOf([target]);
        const r = await load(target.url!, agency.apiKey, body, ROUND_S, acc.expect);
        acc.cpuMs += await cpu();
        if (r.non2xx || r.errors || r.timeouts || r.mismatches)
          throw new Error(
            `round ${i}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts, ${r.mismatches} mismatched bodies${r.mismatchSamples.map((m) => `\n    ${m}`).join('')}`,
          );
        acc.requests += r.requests.total;
        acc.latencySum += r.latency.average * r.requests.total;
        acc.p99.push(r.latency.p99);
      }
    }
    const statementsPerRequest = {
      enforced: await statementsOn(on.requests),
      notEnforced: await statementsOff(off.requests),
    };
    const meanOn = on.latencySum / on.requests;
    const meanOff = off.latencySum / off.requests;
    const seconds = ROUNDS * ROUND_S;
    ctx.log(
      `  enforced: ${round(on.requests / seconds, 0)} req/s, mean ${round(meanOn, 2)} ms; not enforced: ${round(off.requests / seconds, 0)} req/s, mean ${round(meanOff, 2)} ms`,
    );
    return {
      name: 'consent_overhead',
      value: round(meanOn, 3),
      unit: 'ms mean latency',
      baseline: round(meanOff, 3),
      ratio: round(meanOn / meanOff, 4),
      details: {
        connections: CONNECTIONS,
        rounds: ROUNDS,
        // The gateway's own CPU per request, steadier than latency on a shared machine.
        cpuMsPerRequest: {
          enforced: round(on.cpuMs / on.requests, 3),
          notEnforced: round(off.cpuMs / off.requests, 3),
        },
        cpuRatio: round(on.cpuMs / on.requests / (off.cpuMs / off.requests), 3),
        roundSeconds: ROUND_S,
        reqPerSecEnforced: round(on.requests / seconds, 1),
        reqPerSecNotEnforced: round(off.requests / seconds, 1),
        throughputRatio: round(off.requests / on.requests, 4),
        p99MsEnforced: on.p99,
        p99MsNotEnforced: off.p99,
        ...(statementsPerRequest.enforced && { statementsPerRequest }),
        caller: `agency ${agency.key} (open referral, consent for ${picked.categories.join(', ')})`,
        hiddenUnderEnforcement: hidden,
        note: 'ratio = mean latency with enforcement / without; both gateways as in production (NODE_ENV=production, info logs, the fenced login), the second built by the bench with the access policy’s reads replaced; same database and case, alternating rounds',
      },
    };
  } finally {
    await cleanup.run(ctx.log);
  }
}
