/**
 * The access matrix as a test (`npm run test:access`, and part of `npm test`): the fixture is
 * set up once, the matrix probes it (tests/access/matrix.ts), and every leak and mismatch is
 * printed and fails the test. The ablation (every rule switched off in turn) is in
 * ablation-*.int-spec.ts, in parts that jest runs beside this file.
 */
import { startTestHub, type TestHub } from '@kim/test-support/hub';
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
});
