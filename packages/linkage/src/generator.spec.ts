import { generatePopulation } from './generator.js';

describe('generatePopulation', () => {
  it('is reproducible from its seed and never uses Math.random', () => {
    const original = Math.random;
    Math.random = () => {
      throw new Error('Math.random used');
    };
    try {
      const a = generatePopulation({ persons: 400, seed: 42 });
      const b = generatePopulation({ persons: 400, seed: 42 });
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      expect(JSON.stringify(generatePopulation({ persons: 400, seed: 43 }).records)).not.toBe(
        JSON.stringify(a.records),
      );
    } finally {
      Math.random = original;
    }
  });

  it('produces the requested persons with realistic variation', () => {
    const pop = generatePopulation({ persons: 3000, seed: 1 });
    expect(new Set(pop.personOf).size).toBe(3000);
    expect(pop.records.length).toBeGreaterThan(3000);
    const share = (pred: (i: number) => boolean): number =>
      pop.records.filter((_, i) => pred(i)).length / pop.records.length;
    const r = pop.records;
    expect(share((i) => r[i]!.birthDate?.endsWith('-01-01') === true)).toBeGreaterThan(0.05); // placeholders
    expect(share((i) => r[i]!.birthDatePrecision === 'unknown')).toBeGreaterThan(0.005);
    expect(share((i) => /^(Al|El)[- ]/i.test(r[i]!.familyName))).toBeGreaterThan(0.02); // article spellings
    expect(share((i) => r[i]!.nameOriginalScript !== undefined)).toBeGreaterThan(0.1);
    expect(new Set(r.map((x) => x.nationality)).size).toBeGreaterThanOrEqual(8);
    // Several spellings of Mohammed occur.
    const mohammed = new Set(
      r
        .flatMap((x) => x.givenNames.split(' '))
        .filter((g) => /^m[ou]+ha+m+[ae]d$/i.test(g))
        .map((g) => g.toLowerCase()),
    );
    expect(mohammed.size).toBeGreaterThanOrEqual(4);
  });
});
