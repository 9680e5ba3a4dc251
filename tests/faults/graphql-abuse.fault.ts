/**
 * GraphQL abuse (OWASP GraphQL cheat sheet): deep nesting, alias floods, batched operations,
 * huge pages, schema probing. Every one is refused with a clear error, and no stack trace
 * reaches the client.
 */
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { figures } from './checker.js';

describe('GraphQL abuse', () => {
  let hub: TestHub;
  let token: string;
  beforeAll(async () => {
    hub = await startTestHub('faults_graphql', { persons: 4, env: { NODE_ENV: 'production' } });
    token = hub.token('coordinator-rheine');
  });
  afterAll(() => hub.close());

  const post = async (body: unknown) => {
    const res = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  };

  it('GRAPHQL_ABUSE: depth 20, 1,000 aliases, batches, huge first, introspection and suggestions are refused', async () => {
    let nested = 'id';
    for (let i = 0; i < 10; i++) nested = `agency { services { ${nested} } }`;
    const attempts = {
      depth20: { query: `{ agencies { services { ${nested} } } }` },
      aliases1000: { query: `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: agencies { id }`).join(' ')} }` },
      batched: [{ query: '{ agencies { id } }' }, { query: '{ agencies { name } }' }],
      hugeFirst: { query: '{ cases(first: 1000000) { edges { node { id } } } }' },
      introspection: { query: '{ __schema { types { name } } }' },
      suggestion: { query: '{ agencie { id } }' },
    };
    const refused: string[] = [];
    const leakedStack: string[] = [];
    const suggested: string[] = [];
    for (const [name, body] of Object.entries(attempts)) {
      const r = await post(body);
      const parsed = JSON.parse(r.text) as { errors?: { message: string }[]; data?: unknown };
      const isRefused = r.status >= 400 || (Array.isArray(parsed.errors) && parsed.errors.length > 0 && !parsed.data);
      if (isRefused) refused.push(name);
      if (/stacktrace|at [A-Za-z]+ \(/.test(r.text)) leakedStack.push(name);
      if (/Did you mean/.test(r.text)) suggested.push(name);
    }
    figures('GRAPHQL_ABUSE', {
      attempts: Object.keys(attempts).length,
      refused: refused.length,
      stack_traces: leakedStack.length,
      suggestions: suggested.length,
    });
    expect(refused.sort()).toEqual(Object.keys(attempts).sort());
    expect(leakedStack).toEqual([]);
    expect(suggested).toEqual([]);
    // An ordinary query still works.
    const ok = JSON.parse((await post({ query: '{ agencies { id services { code } } }' })).text) as {
      data: { agencies: unknown[] };
    };
    expect(ok.data.agencies.length).toBeGreaterThan(0);
  });
});
