import fc from 'fast-check';
import { oneTypoApart, tokenSimilarity } from './similarity.js';
import { nameParts } from './normalise.js';

const sim = (a: string, b: string): number => tokenSimilarity(nameParts(a)[0]!, nameParts(b)[0]!);
const word = fc.stringMatching(/^[a-z]{1,12}$/);

describe('tokenSimilarity', () => {
  it('is symmetric, bounded and 1 on identity', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const ab = tokenSimilarity(a, b);
        expect(ab).toBeCloseTo(tokenSimilarity(b, a), 12);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(1);
        expect(tokenSimilarity(a, a)).toBe(1);
      }),
    );
  });

  it('sees Mohammed, Muhammad and Mohamad as one name', () => {
    expect(sim('Mohammed', 'Muhammad')).toBeGreaterThanOrEqual(0.94);
    expect(sim('Mohammed', 'Mohamad')).toBeGreaterThanOrEqual(0.94);
    expect(sim('Muhammad', 'Mouhamad')).toBeGreaterThanOrEqual(0.94);
  });

  it('keeps different names apart', () => {
    expect(sim('Mohammed', 'Mahmoud')).toBeLessThan(0.88);
    expect(sim('Hassan', 'Hussein')).toBeLessThan(0.88);
    expect(sim('Omar', 'Amir')).toBeLessThan(0.88);
  });

  it('accepts one keying error but not a female ending', () => {
    expect(oneTypoApart('yusuf', 'yusuf'.replace('u', 'z'))).toBe(true); // u and z are neighbours on QWERTZ
    expect(oneTypoApart('hasan', 'hsaan')).toBe(true);
    expect(oneTypoApart('neda', 'nda')).toBe(true);
    expect(oneTypoApart('amir', 'amira')).toBe(false);
    expect(oneTypoApart('samer', 'samir')).toBe(false);
  });

  it('knows other readings and equivalent forms', () => {
    expect(sim('Othman', 'Osman')).toBeGreaterThanOrEqual(0.94);
    expect(sim('Kadhim', 'Kazem')).toBeGreaterThanOrEqual(0.94);
    expect(sim('Maxamed', 'Mohamed')).toBeGreaterThanOrEqual(0.94); // Somali x = ḥ
    expect(sim('Mykola', 'Nikolai')).toBeGreaterThanOrEqual(0.94); // Ukrainian / Russian form
  });
});
