/** One bar of a waiting-time histogram: so many referrals waited so many days. */
export interface HistogramBar {
  days: number;
  count: number;
}

/**
 * The q-quantile (0 < q ≤ 1) of the days in a histogram, by the nearest-rank method: the
 * smallest value with at least q·n observations at or below it. Null for an empty histogram.
 */
export function histogramQuantile(bars: readonly HistogramBar[], q: number): number | null {
  const sorted = [...bars].filter((b) => b.count > 0).sort((a, b) => a.days - b.days);
  const n = sorted.reduce((a, b) => a + b.count, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(q * n));
  let seen = 0;
  for (const b of sorted) {
    seen += b.count;
    if (seen >= rank) return b.days;
  }
  return sorted[sorted.length - 1]!.days;
}
