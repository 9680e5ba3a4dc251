import { loadConfig } from '@kim/config';
import { createGateway } from '@kim/gateway';
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
import { tapStatements } from '../lib/statements.js';
import { FULL_CASE_PAGE } from '@kim/test-support/fixtures';

/**
 * A page of 50 cases with their referrals and timelines. Nesting depth in list levels:
 * cases (1) → referrals, timeline (2); the objects under a referral are not lists.
 */
const PAGE = /* GraphQL */ `
  query CasePage($first: Int!) {
    cases(first: $first) {
      edges {
        node {
          id
          reference
          phase
          referrals {
            id
            status
          }
          timeline {
            kind
            occurredAt
            summary
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
const PAGE_DEPTH = 2;

const FULL_DEPTH = 2;

/** What a statement reads, for the details: its first table. */
function label(sql: string): string {
  const from = /\bFROM\s+(?:"?\w+"?\.)?"?(\w+)"?/i.exec(sql)?.[1];
  return from ?? sql.trim().split(/\s+/).slice(0, 3).join(' ');
}

export async function caseListStatements(ctx: BenchContext): Promise<BenchResult> {
  const cleanup = new Cleanup();
  try {
    const db = await benchDatabase('caselist');
    cleanup.add('database', () => db.drop());
    const creds = await seedTenant(db.ds, 'caselist', 240);
    const prefix = `bench_s${suffix()}`;
    cleanup.add('redis keys', () => dropRedisPrefix(prefix));
    // Counted where statements leave for the server: every query of every pg client in this
    // process, so the tenant fence's set_config (sent beside TypeORM, not through it) and
    // transaction control count too. The gateway runs in this process for that reason only.
    let statements: string[] = [];
    const appUrl = await productionLogin(db, cleanup);
    const appUser = new URL(appUrl).username;
    const untap = tapStatements((text, client) => {
      if ((client as unknown as { user?: string }).user === appUser) statements.push(text);
    });
    cleanup.add('statement counter', () => Promise.resolve(untap()));
    const log = logFile('caselist-gateway');
    cleanup.add('log', () => new Promise((r) => log.stream.end(r)));
    const app = await createGateway(loadConfig(hubEnv(appUrl, 'redis', prefix)), {
      runMigrations: false,
      logDestination: log.stream,
    });
    cleanup.add('gateway', () => app.close());
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const token = tokenOf(creds, 'coordinator-kreis');

    const count = async (query: string, first: number) => {
      statements = [];
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables: { first } }),
      });
      const json = (await res.json()) as {
        data?: { cases: { edges: { node: { referrals: unknown[]; timeline: unknown[] } }[] } };
        errors?: { message: string }[];
      };
      if (json.errors?.length || !json.data)
        throw new Error(`case list failed: ${json.errors?.[0]?.message ?? res.status}`);
      const edges = json.data.cases.edges;
      return {
        statements: statements.length,
        tables: statements.map(label),
        cases: edges.length,
        withReferrals: edges.filter((e) => e.node.referrals.length > 0).length,
        referrals: edges.reduce((n, e) => n + e.node.referrals.length, 0),
        timelineEvents: edges.reduce((n, e) => n + e.node.timeline.length, 0),
      };
    };

    // The first request opens the pool's connections, and each is fenced to the tenant once.
    const first = await count(PAGE, 50);
    const page = await count(PAGE, 50);
    const five = await count(PAGE, 5);
    const full = await count(FULL_CASE_PAGE, 50);
    if (page.cases !== 50) throw new Error(`expected a page of 50 cases, got ${page.cases}`);
    ctx.log(
      `  page of ${page.cases} cases (${page.referrals} referrals, ${page.timelineEvents} timeline events): ${page.statements} statements`,
    );

    const allowed = PAGE_DEPTH + 1;
    return {
      name: 'case_list_statements',
      value: page.statements,
      unit: 'statements',
      baseline: allowed,
      ratio: round(page.statements / allowed, 3),
      details: {
        caller: 'coordinator of Kreis Steinfurt (four regional areas, 240 seeded persons)',
        query: 'cases(first: 50) { id reference phase referrals { id status } timeline { kind occurredAt summary } }',
        depth: PAGE_DEPTH,
        depthDefinition:
          'nested list levels of the selection: cases = 1, referrals and timeline (siblings) = 2; baseline = depth + 1',
        statementTables: page.tables,
        page: {
          cases: page.cases,
          withReferrals: page.withReferrals,
          referrals: page.referrals,
          timelineEvents: page.timelineEvents,
        },
        firstRequest: {
          note: 'on fresh connections: includes the tenant fence (set_config of role and tenant) per connection',
          statements: first.statements,
          statementTables: first.tables,
        },
        statementsForFirst5: five.statements,
        fullPage: {
          query:
            'the case-list query of apps/gateway/src/cases/cases.int-spec.ts (person, caseManager, region, plan.goals, needs, referrals.service.agency, deliveryState, timeline)',
          statements: full.statements,
          allowed: FULL_DEPTH + 1,
          ratio: round(full.statements / (FULL_DEPTH + 1), 3),
          statementTables: full.tables,
        },
      },
    };
  } finally {
    await cleanup.run(ctx.log);
  }
}
