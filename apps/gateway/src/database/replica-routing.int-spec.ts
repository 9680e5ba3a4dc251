import { ModulesContainer } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import type { DataSource } from 'typeorm';
import type { HubConfig } from '@kim/config';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { openBoardReadSource } from './database.module.js';
import { parsePrometheus, sampleValue } from '@kim/test-support/prometheus';
import { HubMetrics } from '../metrics/hub-metrics.js';
import { BOARD_READ_DATA_SOURCE, DATA_SOURCE } from '../common/tokens.js';

/**
 * Who may read from the replica: the board's, its milestones' and the committee report's reads,
 * which serve aggregates and write nothing, and the database module, which closes it. Written here, apart
 * from the gateway's wiring: a case read, an access check, the ledger, the outbox or sign-in
 * that took the replica's data source would read stale consent or fail to write.
 */
const MAY_READ_THE_REPLICA = ['BoardQueries', 'CommitteeReports', 'DatabaseModule', 'MilestoneQueries'];

const nameOf = (w: InstanceWrapper): string =>
  typeof w.token === 'function' ? w.token.name : typeof w.token === 'symbol' ? String(w.token) : String(w.token);

/** Every provider, controller and injectable of the running gateway that was given `token`. */
function dependantsOf(hub: TestHub, token: symbol): string[] {
  const out = new Set<string>();
  for (const module of hub.app.get(ModulesContainer).values()) {
    const wrappers = [
      ...module.providers.values(),
      ...module.controllers.values(),
      ...module.injectables.values(),
      ...module.middlewares.values(),
    ];
    for (const w of wrappers) {
      const given = [...(w.getCtorMetadata() ?? []), ...(w.getPropertiesMetadata() ?? []).map((p) => p.wrapper)];
      if (given.some((d) => d?.token === token)) out.add(nameOf(w));
    }
  }
  return [...out].sort();
}

describe('the read replica is given to the board and report reads only', () => {
  let hub: TestHub;
  beforeAll(async () => {
    // The replica's URL names the primary here (a distinct pool to the same database): this
    // suite checks the wiring; tests/faults/read-replica.fault.ts runs a real streaming replica.
    hub = await startTestHub('replica_routing', { persons: 0, replicaUrlFor: (url) => url });
  });
  afterAll(() => hub?.close());

  it('opens a second data source for REPLICA_DATABASE_URL, read-only and fenced like the primary', async () => {
    const primary = hub.app.get<DataSource>(DATA_SOURCE);
    const replica = hub.app.get<DataSource>(BOARD_READ_DATA_SOURCE);
    expect(replica).not.toBe(primary);
    expect(replica.isInitialized).toBe(true);
    const [row] = await replica.query<{ role: string; readOnly: string }[]>(
      `SELECT current_setting('role') AS role, current_setting('transaction_read_only') AS "readOnly"`,
    );
    expect(row).toEqual({ role: 'kim_app', readOnly: 'on' });
  });

  it('injects that data source into the board and report read providers and nothing else', () => {
    const dependants = dependantsOf(hub, BOARD_READ_DATA_SOURCE);
    expect(dependants).toEqual([...MAY_READ_THE_REPLICA].sort());
  });

  it('leaves every other data-source user on the primary', () => {
    const onPrimary = dependantsOf(hub, DATA_SOURCE);
    // The consent-relevant ones by name (case reads, the access policy, consent, referrals, sign-in).
    for (const name of ['CaseWork', 'HubQueries', 'ConsentCommands', 'ReferralCommands', 'TypicalCases']) {
      expect(onPrimary).toContain(name);
    }
    expect(onPrimary.filter((n) => MAY_READ_THE_REPLICA.includes(n) && n !== 'DatabaseModule')).toEqual([]);
  });
});

/** The replica's series of a scrape of this gateway. */
async function replicaSeries(hub: TestHub) {
  const samples = parsePrometheus(await hub.app.get(HubMetrics).registry.metrics());
  return {
    lag: sampleValue(samples, 'kim_board_replica_lag_seconds'),
    up: sampleValue(samples, 'kim_metrics_source_up', { source: 'board-replica' }),
  };
}

describe('the replica in the metrics', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('replica_metrics', { persons: 0, replicaUrlFor: (url) => url });
  });
  afterAll(() => hub?.close());

  it('reports that the board replica answered, and no lag when it is in fact a primary', async () => {
    // A primary behind REPLICA_DATABASE_URL is behind nothing: no lag sample (the fault scenario sees real ones).
    expect(await replicaSeries(hub)).toEqual({ lag: undefined, up: 1 });
  });
});

describe('without REPLICA_DATABASE_URL', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('replica_unset', { persons: 0 });
  });
  afterAll(() => hub?.close());

  it('gives the board reads the primary itself', () => {
    expect(hub.app.get(BOARD_READ_DATA_SOURCE)).toBe(hub.app.get(DATA_SOURCE));
  });

  it('has no replica series in the metrics', async () => {
    expect(await replicaSeries(hub)).toEqual({ lag: undefined, up: undefined });
  });
});

describe('a replica that does not answer', () => {
  it('stops the start with a message naming REPLICA_DATABASE_URL and its host, not its password', async () => {
    // Port 9 (discard): nothing listens there on this machine.
    const config = { REPLICA_DATABASE_URL: 'postgres://kim:s3cret-replica@127.0.0.1:9/kim_hub' } as HubConfig;
    const opening = openBoardReadSource(config, null, {} as DataSource);
    await expect(opening).rejects.toThrow(/^REPLICA_DATABASE_URL \(127\.0\.0\.1:9\): cannot connect: .*ECONNREFUSED/);
    await expect(opening).rejects.not.toThrow(/s3cret-replica/);
  });
});
