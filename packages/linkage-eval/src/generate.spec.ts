/**
 * The independent population: deterministic, realistic proportions, every designed look-alike
 * kind present, and a truth that agrees with what the records themselves show. The checks read
 * the records (names, dates, identifiers, agencies) rather than the generator's internals.
 */
import { parseClientRow, recordToRow, type PersonRecord } from '@kim/linkage';
import { generateEvalPopulation, type EvalPopulation } from './generate.js';
import { populationHash } from './hash.js';
import { LOOKALIKE_KINDS, type LookalikeKind } from './lookalikes.js';

let pop: EvalPopulation;
const recordsOf = new Map<string, PersonRecord[]>();

beforeAll(() => {
  pop = generateEvalPopulation({ seed: 2718, persons: 3000 });
  pop.records.forEach((r, i) => {
    const p = pop.personOf[i]!;
    let list = recordsOf.get(p);
    if (!list) recordsOf.set(p, (list = []));
    list.push(r);
  });
});

const pairsOf = (kind: LookalikeKind) => pop.lookalikes.filter((l) => l.kinds.includes(kind));
const share = (n: number, d: number): number => (d === 0 ? 0 : n / d);
const letters = (s: string): string => s.toLowerCase().replace(/[^\p{L}]/gu, '');
/** Base letters only (test-side folding: Unicode decomposition, marks dropped, dotless ı as i). */
const base = (s: string): string => letters(s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ı/g, 'i'));

describe('determinism', () => {
  it('gives the same population for the same seed and another for another seed', () => {
    const a = generateEvalPopulation({ seed: 11, persons: 400 });
    const b = generateEvalPopulation({ seed: 11, persons: 400 });
    const c = generateEvalPopulation({ seed: 12, persons: 400 });
    expect(b.records).toEqual(a.records);
    expect(b.personOf).toEqual(a.personOf);
    expect(b.lookalikes).toEqual(a.lookalikes);
    expect(populationHash(b)).toBe(populationHash(a));
    expect(populationHash(c)).not.toBe(populationHash(a));
  });

  it('has exactly the persons asked for', () => {
    expect(pop.persons).toBe(3000);
    expect(new Set(pop.personOf).size).toBe(3000);
  });
});

describe('truth', () => {
  it('names one person per record, record ids unique', () => {
    expect(pop.personOf).toHaveLength(pop.records.length);
    expect(new Set(pop.records.map((r) => r.recordId)).size).toBe(pop.records.length);
  });

  it('lists each look-alike pair once, of two different existing persons, with kinds', () => {
    const keys = new Set<string>();
    for (const l of pop.lookalikes) {
      expect(l.a).not.toBe(l.b);
      expect(recordsOf.has(l.a)).toBe(true);
      expect(recordsOf.has(l.b)).toBe(true);
      expect(l.kinds.length).toBeGreaterThan(0);
      keys.add(`${l.a}|${l.b}`);
    }
    expect(keys.size).toBe(pop.lookalikes.length);
  });

  it('writes every record in the onboarding CSV format the hub accepts', () => {
    for (const [i, r] of pop.records.entries()) {
      const parsed = parseClientRow(recordToRow(r), i + 2, 2025);
      expect('errors' in parsed ? parsed.errors : []).toEqual([]);
    }
  });

  it('gives an agency number to one person only, except the household Bedarfsgemeinschaft number', () => {
    const holders = new Map<string, Set<string>>();
    pop.records.forEach((r, i) => {
      if (!r.agencyIdentifier || /^azr/i.test(r.agencyIdentifier)) return;
      const key = `${r.sourceAgency}|${r.agencyIdentifier}`;
      let s = holders.get(key);
      if (!s) holders.set(key, (s = new Set()));
      s.add(pop.personOf[i]!);
    });
    let shared = 0;
    for (const [key, persons] of holders) {
      if (persons.size === 1) continue;
      expect(key).toMatch(/^jobcenter-kreis-steinfurt\|\d{5}BG\d{7}$/);
      shared++;
    }
    expect(shared).toBeGreaterThan(10);
  });

  it('gives an AZR number to one person (but for rare keying errors)', () => {
    const byNumber = new Map<string, Set<string>>();
    pop.records.forEach((r, i) => {
      const m = /^azr[:\- ]?(\d+)$/i.exec(r.agencyIdentifier ?? '');
      if (!m) return;
      let s = byNumber.get(m[1]!);
      if (!s) byNumber.set(m[1]!, (s = new Set()));
      s.add(pop.personOf[i]!);
    });
    const shared = [...byNumber.values()].filter((s) => s.size > 1).length;
    expect(shared).toBe(0);
  });
});

describe('proportions', () => {
  it('has one to five records per person, two on average', () => {
    const counts = [...recordsOf.values()].map((l) => l.length);
    expect(Math.min(...counts)).toBe(1);
    expect(Math.max(...counts)).toBeLessThanOrEqual(5);
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(mean).toBeGreaterThan(1.9);
    expect(mean).toBeLessThan(2.6);
    expect(share(counts.filter((c) => c === 1).length, counts.length)).toBeGreaterThan(0.25);
    expect(share(counts.filter((c) => c >= 4).length, counts.length)).toBeGreaterThan(0.08);
  });

  it('draws records from at least five agencies, none negligible', () => {
    const byAgency = new Map<string, number>();
    for (const r of pop.records) byAgency.set(r.sourceAgency, (byAgency.get(r.sourceAgency) ?? 0) + 1);
    const substantial = [...byAgency.values()].filter((n) => n / pop.records.length >= 0.03);
    expect(substantial.length).toBeGreaterThanOrEqual(5);
  });

  it('carries the AZR number on some records only, and agency numbers in their own formats', () => {
    const azr = pop.records.filter((r) => /^azr/i.test(r.agencyIdentifier ?? '')).length;
    const none = pop.records.filter((r) => !r.agencyIdentifier).length;
    expect(share(azr, pop.records.length)).toBeGreaterThan(0.15);
    expect(share(azr, pop.records.length)).toBeLessThan(0.5);
    expect(share(none, pop.records.length)).toBeGreaterThan(0.15);
    const withAzrSomewhere = [...recordsOf.values()].filter((l) =>
      l.some((r) => /^azr/i.test(r.agencyIdentifier ?? '')),
    ).length;
    expect(share(withAzrSomewhere, recordsOf.size)).toBeLessThan(0.8);
  });

  it('mixes the origins of a Kreis, with cultures outside the matcher’s design', () => {
    const byCulture = new Map<string, number>();
    for (const c of pop.cultureOf.values()) byCulture.set(c, (byCulture.get(c) ?? 0) + 1);
    expect(share(byCulture.get('ukraine') ?? 0, pop.persons)).toBeGreaterThan(0.22);
    expect(share(byCulture.get('ukraine') ?? 0, pop.persons)).toBeLessThan(0.4);
    for (const c of ['vietnam', 'china', 'sri-lanka-tamil', 'georgia', 'balkan-romani', 'ethiopia', 'guinea', 'russia'])
      expect(byCulture.get(c) ?? 0).toBeGreaterThan(5);
  });

  it('writes names in original script on some records (Arabic, Cyrillic, Georgian)', () => {
    const scripts = pop.records.map((r) => r.nameOriginalScript ?? '');
    expect(scripts.some((s) => /\p{Script=Arabic}/u.test(s))).toBe(true);
    expect(scripts.some((s) => /\p{Script=Cyrillic}/u.test(s))).toBe(true);
    expect(scripts.some((s) => /\p{Script=Georgian}/u.test(s))).toBe(true);
    expect(share(scripts.filter((s) => s).length, scripts.length)).toBeLessThan(0.2);
  });

  it('spells one person differently at different agencies', () => {
    const ukrainians = [...recordsOf].filter(([p, l]) => pop.cultureOf.get(p) === 'ukraine' && l.length >= 3);
    const varied = ukrainians.filter(([, l]) => new Set(l.map((r) => r.familyName.toLowerCase())).size > 1).length;
    expect(share(varied, ukrainians.length)).toBeGreaterThan(0.2);
    const arabs = [...recordsOf].filter(([p, l]) => pop.cultureOf.get(p) === 'syria-arab' && l.length >= 3);
    const variedArabs = arabs.filter(([, l]) => new Set(l.map((r) => r.givenNames.toLowerCase())).size > 1).length;
    expect(share(variedArabs, arabs.length)).toBeGreaterThan(0.2);
  });

  it('has placeholders flagged and unflagged, 31.12. and year-only dates, and missing ones', () => {
    const dates = pop.records;
    expect(dates.some((r) => r.birthDate?.endsWith('-01-01') && r.birthDatePrecision === 'exact')).toBe(true);
    expect(dates.some((r) => r.birthDatePrecision === 'placeholder')).toBe(true);
    expect(dates.some((r) => r.birthDate?.endsWith('-12-31'))).toBe(true);
    expect(dates.some((r) => r.birthDatePrecision === 'year-only' && /^\d{4}$/.test(r.birthDate ?? ''))).toBe(true);
    expect(dates.some((r) => !r.birthDate)).toBe(true);
    const exact = dates.filter((r) => r.birthDatePrecision === 'exact').length;
    expect(share(exact, dates.length)).toBeGreaterThan(0.75);
  });
});

describe('designed look-alikes', () => {
  it('has every kind', () => {
    for (const kind of LOOKALIKE_KINDS) expect(pairsOf(kind).length).toBeGreaterThan(0);
  });

  const dated = (p: string): PersonRecord[] =>
    (recordsOf.get(p) ?? []).filter((r) => r.birthDate && r.birthDatePrecision === 'exact');
  const years = (p: string): number[] => dated(p).map((r) => Number(r.birthDate!.slice(0, 4)));
  const mostCommon = (xs: readonly string[]): string | undefined => {
    const n = new Map<string, number>();
    for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
    return [...n].sort((a, b) => b[1] - a[1])[0]?.[0];
  };

  const modeYear = (p: string): number | undefined => {
    const y = mostCommon(years(p).map(String));
    return y === undefined ? undefined : Number(y);
  };

  it('twins: same birth date on their records, different given names', () => {
    const pairs = pairsOf('twin').filter((l) => dated(l.a).length > 0 && dated(l.b).length > 0);
    const same = pairs.filter(
      (l) => mostCommon(dated(l.a).map((r) => r.birthDate!)) === mostCommon(dated(l.b).map((r) => r.birthDate!)),
    );
    expect(share(same.length, pairs.length)).toBeGreaterThan(0.8);
    const given = (p: string) => mostCommon((recordsOf.get(p) ?? []).map((r) => letters(r.givenNames)));
    const differ = pairsOf('twin').filter((l) => given(l.a) !== given(l.b));
    expect(share(differ.length, pairsOf('twin').length)).toBeGreaterThan(0.8);
  });

  it('fathers and sons, mothers and daughters: one family name, 15 to 46 years apart', () => {
    for (const kind of ['father-son', 'mother-daughter'] as const) {
      const pairs = pairsOf(kind);
      const ok = pairs.filter((l) => {
        // Same first given name and same family name on some record of each (either order), read
        // loosely: the first three letters of each, as spellings differ further on (Tetiana/Tetyana).
        const head = (x: string): string => base(x.split(' ')[0] ?? '').slice(0, 3);
        const key = (r: PersonRecord): string[] => [
          `${head(r.givenNames)}|${head(r.familyName)}`,
          `${head(r.familyName)}|${head(r.givenNames)}`,
        ];
        const fa = new Set((recordsOf.get(l.a) ?? []).flatMap(key));
        const shareName = (recordsOf.get(l.b) ?? []).some((r) => key(r).some((k) => fa.has(k)));
        const ya = modeYear(l.a);
        const yb = modeYear(l.b);
        // Without an exact date on one side the gap cannot be read off the records.
        const gap = ya !== undefined && yb !== undefined ? Math.abs(ya - yb) : 30;
        return shareName && gap >= 14 && gap <= 47;
      });
      expect(share(ok.length, pairs.length)).toBeGreaterThan(0.8);
    }
  });

  it('crowds of one common name carry heaped dates: 01.01., 31.12., year only, round years', () => {
    const members = new Set(pairsOf('common-name').flatMap((l) => [l.a, l.b]));
    const recs = [...members].flatMap((p) => recordsOf.get(p) ?? []).filter((r) => r.birthDate);
    const heaped = recs.filter((r) => /^\d{4}$|-01-01$|-12-31$/.test(r.birthDate!));
    expect(share(heaped.length, recs.length)).toBeGreaterThan(0.5);
    const round = recs.filter((r) => Number(r.birthDate!.slice(0, 4)) % 5 === 0);
    expect(share(round.length, recs.length)).toBeGreaterThan(0.6);
    expect(members.size).toBeGreaterThan(30);
  });

  it('undated namesakes: one of the two never has a birth date', () => {
    for (const l of pairsOf('namesake-undated')) {
      const undated = [l.a, l.b].some((p) => (recordsOf.get(p) ?? []).every((r) => !r.birthDate));
      expect(undated).toBe(true);
    }
  });

  it('same given name: same town, exact dates at most ten days apart', () => {
    const pairs = pairsOf('same-given-name');
    const ok = pairs.filter((l) => {
      const da = dated(l.a).map((r) => Date.parse(r.birthDate!));
      const db = dated(l.b).map((r) => Date.parse(r.birthDate!));
      const close = da.some((x) => db.some((y) => Math.abs(x - y) <= 10 * 86_400_000 && x !== y));
      const ta = new Set((recordsOf.get(l.a) ?? []).map((r) => r.municipality));
      const sameTown = (recordsOf.get(l.b) ?? []).some((r) => r.municipality && ta.has(r.municipality));
      return close && sameTown;
    });
    expect(share(ok.length, pairs.length)).toBeGreaterThan(0.8);
  });

  it('shared household identifiers: both carry the same Jobcenter number', () => {
    for (const l of pairsOf('shared-household-id')) {
      const ids = (p: string) =>
        new Set(
          (recordsOf.get(p) ?? [])
            .filter((r) => r.sourceAgency === 'jobcenter-kreis-steinfurt')
            .map((r) => r.agencyIdentifier),
        );
      const b = ids(l.b);
      expect([...ids(l.a)].some((id) => id && b.has(id))).toBe(true);
    }
  });

  it('siblings: one town, birth years at most six apart', () => {
    const pairs = pairsOf('sibling').filter((l) => years(l.a).length && years(l.b).length);
    const ok = pairs.filter((l) => {
      const ta = new Set((recordsOf.get(l.a) ?? []).map((r) => r.municipality));
      const town = (recordsOf.get(l.b) ?? []).some((r) => !r.municipality || ta.has(r.municipality));
      const gap = Math.abs(Math.min(...years(l.a)) - Math.min(...years(l.b)));
      return town && gap <= 7;
    });
    expect(share(ok.length, pairs.length)).toBeGreaterThan(0.9);
  });
});
