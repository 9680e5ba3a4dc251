/**
 * The ablation (tests/access/ablation.ts), part 1 of 2: every second rule of the access policy
 * switched off in turn, and the matrix must report a leak for each. Two parts, so that jest's two
 * workers share the longest work of the suite; each has a hub and fixture of its own.
 */
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { describeAblation, runAblation } from './ablation.js';
import { setupFixture, type MatrixFixture } from './fixture.js';

describe('access ablation, part 1 of 2', () => {
  let hub: TestHub;
  let fixture: MatrixFixture;

  beforeAll(async () => {
    hub = await startTestHub('access_ablation_1', { persons: 8 });
    fixture = await setupFixture(hub);
  }, 180_000);

  afterAll(async () => {
    await hub?.close();
  });

  it('reports a leak for every access rule of this part switched off', async () => {
    const ablation = await runAblation(hub, fixture, { index: 0, of: 2 });
    process.stdout.write(
      `${describeAblation(ablation)}\naccess ablation part 1/2: ${ablation.verdicts.length} rules, ${ablation.caught} caught\n`,
    );
    expect(ablation.verdicts.filter((v) => v.caughtBy === null).map((v) => v.rule)).toEqual([]);
    expect(ablation.control.leaks).toEqual([]);
    expect(ablation.control.mismatches).toEqual([]);
    expect(ablation.verdicts.length).toBeGreaterThan(0);
  }, 1_200_000);
});
