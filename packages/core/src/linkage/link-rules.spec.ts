import {
  asRecorded,
  chooseSurvivor,
  evidenceForViewer,
  orderedPair,
  swapEvidence,
  toMatchRecord,
} from './link-rules.js';

const person = {
  id: 'p1',
  givenNames: 'Mohammed',
  familyName: 'Al-Hassan',
  nameOriginalScript: null,
  birthDate: '1990-01-01',
  birthDatePrecision: 'placeholder',
  sex: 'male',
  nationality: 'SYR',
  municipality: 'Rheine',
  azr: null,
};

describe('link rules', () => {
  it('keeps a 01.01. placeholder a placeholder, and a year-only date a year', () => {
    expect(toMatchRecord(person)).toMatchObject({ birthDate: '1990-01-01', birthDatePrecision: 'placeholder' });
    expect(toMatchRecord({ ...person, birthDatePrecision: 'year-only' })).toMatchObject({
      birthDate: '1990',
      birthDatePrecision: 'year-only',
    });
    expect(toMatchRecord({ ...person, birthDate: null, birthDatePrecision: 'exact' })).toMatchObject({
      birthDate: undefined,
      birthDatePrecision: 'unknown',
    });
  });

  it('passes only the AZR number on, as a register identifier', () => {
    expect(toMatchRecord({ ...person, azr: '123456' }).agencyIdentifier).toBe('azr:123456');
    expect(toMatchRecord(person).agencyIdentifier).toBeUndefined();
  });

  it('stores a pair once, smaller id first', () => {
    expect(orderedPair('b', 'a')).toEqual({ a: 'a', b: 'b', swapped: true });
    expect(orderedPair('a', 'b')).toEqual({ a: 'a', b: 'b', swapped: false });
    expect(swapEvidence([{ field: 'given', level: 'exact', valueA: 'x', valueB: 'y', weight: 1 }])[0]).toMatchObject({
      valueA: 'y',
      valueB: 'x',
    });
  });

  it('lets the person known longer survive, whatever the order of the call', () => {
    const old = { id: 'z', createdAt: new Date('2025-01-01') };
    const young = { id: 'a', createdAt: new Date('2026-01-01') };
    expect(chooseSurvivor(old, young).survivor).toBe(old);
    expect(chooseSurvivor(young, old).survivor).toBe(old);
    const twin = { id: 'b', createdAt: new Date('2026-01-01') };
    expect(chooseSurvivor(twin, young).survivor).toBe(young);
  });

  it('shows a viewer the values of a side only for the categories it may see', () => {
    const evidence = [
      { field: 'given', level: 'variant', valueA: 'Mohammed', valueB: 'Muhammad', weight: 5.2 },
      { field: 'municipality', level: 'exact', valueA: 'Rheine', valueB: 'Rheine', weight: 1.1 },
    ];
    const view = evidenceForViewer(evidence, ['identity', 'contact'], []);
    expect(view).toEqual([
      { field: 'given', level: 'variant', weight: 5.2, category: 'identity', valueA: 'Mohammed', valueB: null },
      { field: 'municipality', level: 'exact', weight: 1.1, category: 'contact', valueA: 'Rheine', valueB: null },
    ]);
    expect(evidenceForViewer(evidence, ['identity'], ['identity'])[1]).toMatchObject({ valueA: null, valueB: null });
  });

  it('shows swapped names as recorded, marking the comparison crosswise', () => {
    const shown = [
      { field: 'given' as const, level: 'exact', valueA: 'Omar', valueB: 'Omar', weight: 3 },
      { field: 'family' as const, level: 'exact', valueA: 'Khalil', valueB: 'Khalil', weight: 3 },
    ];
    // B is recorded as given "Khalil", family "Omar"; the matcher showed B crosswise.
    expect(asRecorded(shown, true)).toEqual([
      { field: 'given', level: 'exact-crosswise', valueA: 'Omar', valueB: 'Khalil', weight: 3 },
      { field: 'family', level: 'exact-crosswise', valueA: 'Khalil', valueB: 'Omar', weight: 3 },
    ]);
    expect(asRecorded(shown, false)).toEqual(shown);
  });
});
