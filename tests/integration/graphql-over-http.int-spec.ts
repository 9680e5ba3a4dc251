/**
 * The gateway against the GraphQL-over-HTTP specification's audit suite (graphql-http's
 * serverAudits). Any failed MUST fails the test; SHOULD and MAY findings are printed. The known
 * ones are choices: Apollo answers request errors with 400 also for application/json (the spec
 * prefers 200 there), and GET needs a CSRF-preflight header, so plain GETs get 400.
 */
import { serverAudits, type AuditResult } from 'graphql-http';
import { startTestHub, type TestHub } from '@kim/test-support/hub';

describe('GraphQL over HTTP', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub('gql_http', { persons: 2 });
  });
  afterAll(async () => {
    await hub.close();
  });

  it('passes every MUST of the graphql-http audit', async () => {
    const token = hub.token('cm-rheine-1');
    // The audit speaks for a signed-in client: the protocol is what is audited, not the login.
    const fetchFn: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${token}`);
      return fetch(input, { ...init, headers });
    };
    const results: AuditResult[] = [];
    for (const audit of serverAudits({ url: `${hub.url}/graphql`, fetchFn })) results.push(await audit.fn());
    const failedMust = results.filter((r) => r.status === 'error' && r.name.startsWith('MUST'));
    const notes = results.filter((r) => r.status !== 'ok' && !failedMust.includes(r));
    const line = (r: AuditResult) =>
      `  ${r.status.toUpperCase()} ${r.name}${r.status === 'ok' ? '' : `: ${r.reason} (HTTP ${'response' in r ? r.response.status : '?'})`}`;
    process.stdout.write(
      `GRAPHQL_HTTP_AUDIT: audits=${results.length} ok=${results.filter((r) => r.status === 'ok').length} ` +
        `must_failed=${failedMust.length} other_findings=${notes.length}\n${[...failedMust, ...notes].map(line).join('\n')}\n`,
    );
    expect(failedMust.map(line)).toEqual([]);
    // A client's malformed request is never reported as a server fault.
    expect(results.filter((r) => 'response' in r && r.response.status >= 500).map(line)).toEqual([]);
  });
});
