/**
 * The docs' tables from hand-made evaluation lines; expected cells worked out by hand.
 */
import { SCORE_BETWEEN_THRESHOLDS } from './run.js';
import { markdownTables } from './table.js';

const line = {
  generator: 'independent',
  seed: 4711,
  role: 'tuning',
  truePairs: 1000,
  precision: 0.99812,
  recall: 0.97,
  reviewShare: 0.06,
  reviewPairs: 90,
  falseReviews: 30,
  reviewReasons: { 'no birth date to compare': 40, [SCORE_BETWEEN_THRESHOLDS]: 15, 'different sex': 5 },
  reviewItems: {
    items: 50,
    trueItems: 45,
    share: 0.045,
    byReason: { 'no birth date to compare': 30, [SCORE_BETWEEN_THRESHOLDS]: 12, 'different sex': 3 },
  },
  lookalike: { pairs: 2000, linked: 3, share: 0.0015 },
  cpuSeconds: 4.04,
  seconds: 6.5,
};

describe('markdownTables', () => {
  const out = markdownTables([JSON.stringify(line), '']);
  const rows = out.split('\n').filter((r) => r.startsWith('| '));
  const cells = (r: string): string[] =>
    r
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());

  it('prints the goals of a population as the line says', () => {
    expect(cells(rows[2]!)).toEqual([
      'independent 4711 (tuning)',
      '0.9981',
      '0.9700',
      '60 (6.0 %)', // 90 reviews, 30 of them false
      '45 (4.5 %)',
      '3 / 2,000 (0.15 %)',
      '4.0',
      '6.5',
    ]);
  });

  it('lists the reasons largest first and sums the rules without the score between thresholds', () => {
    const records = rows.slice(3, 8).map(cells);
    expect(records[2]).toEqual(['no birth date to compare', '40 (4.0 %)']);
    expect(records[3]).toEqual([SCORE_BETWEEN_THRESHOLDS, '15 (1.5 %)']);
    expect(records[4]).toEqual(['different sex', '5 (0.5 %)']);
    expect(cells(rows[8]!)).toEqual(['**rules together**', '45 (4.5 %)']); // 40 + 5
    const persons = rows.slice(9).map(cells);
    expect(persons.at(-1)).toEqual(['**rules together**', '33 (3.3 %)']); // 30 + 3
  });
});
