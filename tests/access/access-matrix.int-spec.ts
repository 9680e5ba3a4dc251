/**
 * The access matrix as a test (`npm run test:access`, and part of `npm test`): the fixture is
 * set up once, the matrix probes it (tests/access/matrix.ts), and every leak and mismatch is
 * printed and fails the test. Then the ablation (tests/access/ablation.ts) switches each rule of
 * the access policy off in turn and requires the matrix to report a leak for it.
 */
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { describeAblation, runAblation } from './ablation.js';
import { setupFixture, type MatrixFixture } from './fixture.js';
import { describe as findings, runMatrix } from './matrix.js';

describe('access matrix', () => {
  let hub: TestHub;
  let fixture: MatrixFixture;

  beforeAll(async () => {
    hub = await startTestHub('access_matrix', { persons: 8 });
    fixture = await setupFixture(hub);
  }, 180_000);

  afterAll(async () => {
    await hub?.close();
  });

  it('answers every principal exactly as the policy table says', async () => {
    const result = await runMatrix(hub, fixture);
    process.stdout.write(
      `${findings(result)}\naccess matrix mismatches: ${result.mismatches.length}\naccess matrix: ${result.probes} probes, ${result.leaks.length} leaks\n`,
    );
    expect(result.leaks).toEqual([]);
    expect(result.mismatches).toEqual([]);
    expect(result.probes).toBeGreaterThanOrEqual(2500);
  }, 300_000);

  it('reports a leak for every access rule switched off (ablation)', async () => {
    const ablation = await runAblation(hub, fixture);
    process.stdout.write(
      `${describeAblation(ablation)}\naccess ablation: ${ablation.verdicts.length} rules, ${ablation.caught} caught\n`,
    );
    expect(ablation.verdicts.filter((v) => v.caughtBy === null).map((v) => v.rule)).toEqual([]);
    expect(ablation.control.leaks).toEqual([]);
    expect(ablation.control.mismatches).toEqual([]);
    expect(ablation.verdicts.length).toBeGreaterThan(0);
  }, 1_200_000);
});
