/**
 * One evaluation line end to end, on small populations: the hub's matcher runs through its
 * public function, and the line carries what `npm run linkage:eval` promises.
 */
import { evaluatePopulation } from './run.js';

describe('evaluatePopulation', () => {
  it('matches an independent population and reports look-alikes per kind', () => {
    const line = evaluatePopulation('independent', 4711, 300);
    expect(line).toMatchObject({ generator: 'independent', seed: 4711, role: 'tuning', persons: 300 });
    expect(line.records).toBeGreaterThan(500);
    expect(line.truePairs).toBeGreaterThan(200);
    expect(line.links).toBeGreaterThan(0);
    expect(line.falseLinks).toBeLessThanOrEqual(line.links);
    expect(line.precision).toBeCloseTo((line.links - line.falseLinks) / line.links, 3);
    expect(line.lookalike?.pairs).toBeGreaterThan(0);
    expect(Object.keys(line.lookalike?.byKind ?? {})).toHaveLength(9);
    const shares = Object.values(line.lookalike?.byKind ?? {})
      .filter((k) => k.pairs > 0)
      .map((k) => k.share);
    expect(line.lookalike?.worstKind.share).toBe(Math.max(...shares));
    expect(line.goalsMet.lookalikeEveryKind).toBe((line.lookalike?.worstKind.share ?? 1) <= 0.005);
    expect(line.goalsMet.seconds).toBe(line.seconds < 10);
    expect(line.kimMetrics).toBeUndefined();
    expect(JSON.parse(JSON.stringify(line))).toEqual(line);
  });

  it("keeps the hub CLI's metrics for the hub's own generator, on a held-out seed", () => {
    const line = evaluatePopulation('kim', 2024, 300);
    expect(line).toMatchObject({ generator: 'kim', seed: 2024, role: 'held-out', lookalike: null });
    expect(line.kimMetrics).toEqual(
      expect.objectContaining({
        precision: expect.any(Number),
        recall: expect.any(Number),
        f1: expect.any(Number),
        reviewShare: expect.any(Number),
      }),
    );
    // Both evaluators count the same links and false links.
    expect(line.kimMetrics?.links).toBe(line.links);
    expect(line.kimMetrics?.falseLinks).toBe(line.falseLinks);
  });
});
