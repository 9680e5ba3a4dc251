import { histogramQuantile } from './percentiles.js';

describe('quantiles from a day histogram', () => {
  it('gives the nearest-rank median and 90th percentile', () => {
    // days: 1,1,2,3,3,3,5,8,13,20
    const bars = [
      { days: 3, count: 3 },
      { days: 1, count: 2 },
      { days: 2, count: 1 },
      { days: 5, count: 1 },
      { days: 8, count: 1 },
      { days: 13, count: 1 },
      { days: 20, count: 1 },
    ];
    expect(histogramQuantile(bars, 0.5)).toBe(3);
    expect(histogramQuantile(bars, 0.9)).toBe(13);
    expect(histogramQuantile(bars, 1)).toBe(20);
  });

  it('is null for no observations', () => {
    expect(histogramQuantile([], 0.5)).toBeNull();
    expect(histogramQuantile([{ days: 4, count: 0 }], 0.5)).toBeNull();
  });
});
