import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { ALLOW_KEY } from './allow.decorator.js';

/** Lists every query and mutation through Nest's discovery; each must declare its callers. */
describe('access declarations', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('allow');
  });
  afterAll(() => hub.close());

  it('exist on every query and mutation', () => {
    const discovery = hub.app.get(DiscoveryService);
    const scanner = hub.app.get(MetadataScanner);
    const operations: { name: string; allow: unknown }[] = [];
    for (const wrapper of discovery.getProviders()) {
      const instance = wrapper.instance as object | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const method of scanner.getAllMethodNames(proto)) {
        const handler = proto[method] as object;
        const type = Reflect.getMetadata('graphql:resolver_type', handler) as string | undefined;
        if (type === 'Query' || type === 'Mutation') {
          operations.push({ name: `${type}.${method}`, allow: Reflect.getMetadata(ALLOW_KEY, handler) });
        }
      }
    }
    expect(operations.length).toBeGreaterThanOrEqual(12);
    expect(operations.filter((o) => !Array.isArray(o.allow) || o.allow.length === 0).map((o) => o.name)).toEqual([]);
  });

  it('are enforced: an agency cannot open a case, an operator cannot read cases', async () => {
    const agencyKey = hub.creds.agencies.find((a) => a.key === 'jc')!.apiKey;
    const r = await hub.gql(
      agencyKey,
      `mutation { moveCasePhase(caseId: "00000000-0000-4000-8000-000000000000", phase: CLOSED) { id } }`,
    );
    expect(r.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const o = await hub.gql(hub.token('operator'), `{ cases(first: 1) { edges { node { id } } } }`);
    expect(o.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });
});
