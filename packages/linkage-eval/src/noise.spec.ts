/**
 * Typing and scanning errors. The keyboard is the German QWERTZ layout (DIN 2137): z between t
 * and u, y at the bottom left beside x; expectations are read off that layout.
 */
import { digitSlip, isValidDate, keyboardTypo, ocrError, QWERTZ_NEIGHBOURS, swapDayMonth } from './noise.js';
import { Random } from './random.js';

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

describe('QWERTZ keyboard typos', () => {
  it('knows the German layout', () => {
    expect(QWERTZ_NEIGHBOURS.get('z')).toEqual(expect.stringContaining('t'));
    expect(QWERTZ_NEIGHBOURS.get('z')).toEqual(expect.stringContaining('u'));
    expect(QWERTZ_NEIGHBOURS.get('y')).toEqual(expect.stringContaining('x'));
    expect(QWERTZ_NEIGHBOURS.get('y')).toEqual(expect.stringContaining('a'));
    expect(QWERTZ_NEIGHBOURS.get('y')).not.toContain('t');
    expect(QWERTZ_NEIGHBOURS.get('ö')).toEqual(expect.stringContaining('ä'));
  });

  it('makes one keying error: a neighbour, a swap, a letter left out or doubled', () => {
    const rng = new Random(5);
    let changed = 0;
    for (let i = 0; i < 500; i++) {
      const typed = keyboardTypo('Mohammad', rng);
      if (typed !== 'Mohammad') changed++;
      // A swap of two letters is two substitutions; everything else one edit.
      expect(editDistance(typed, 'Mohammad')).toBeLessThanOrEqual(2);
    }
    expect(changed).toBeGreaterThan(400);
  });

  it('hits only keys touching the intended one', () => {
    // z on QWERTZ touches t and u beside it, g and h below it (and digits above).
    const rng = new Random(8);
    for (let i = 0; i < 300; i++) for (const ch of keyboardTypo('zzz', rng)) expect('ztugh').toContain(ch);
  });
});

describe('OCR confusions', () => {
  it('makes one confusion of rn/m, cl/d, l/1, O/0, e/c, h/b', () => {
    const rng = new Random(1);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(ocrError('Ahrned', rng));
    // rn → m, e → c, h → b, d → cl: every place one confusion applies to.
    expect(seen).toEqual(new Set(['Ahmed', 'Ahrncd', 'Abrned', 'Ahrnecl']));
    const olga = new Set<string>();
    for (let i = 0; i < 200; i++) olga.add(ocrError('OLGA', rng));
    expect(olga).toEqual(new Set(['0LGA']));
    expect(ocrError('xyz', rng)).toBe('xyz');
  });
});

describe('date slips', () => {
  it('swaps day and month only where both are months', () => {
    expect(swapDayMonth({ y: 1990, m: 11, d: 3 })).toEqual({ y: 1990, m: 3, d: 11 });
    expect(swapDayMonth({ y: 1990, m: 11, d: 23 })).toBeUndefined();
    expect(swapDayMonth({ y: 1990, m: 5, d: 5 })).toBeUndefined();
  });

  it('changes exactly one digit and stays a calendar date', () => {
    const rng = new Random(9);
    for (let i = 0; i < 300; i++) {
      const slip = digitSlip({ y: 1987, m: 6, d: 15 }, rng, 2025);
      const a = `${String(slip.d).padStart(2, '0')}${String(slip.m).padStart(2, '0')}${slip.y}`;
      const diff = [...a].filter((c, k) => c !== '15061987'[k]).length;
      expect(diff).toBe(1);
      expect(isValidDate(slip.y, slip.m, slip.d)).toBe(true);
    }
  });
});
