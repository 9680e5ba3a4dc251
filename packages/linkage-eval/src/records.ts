/**
 * From persons to agency records: which agencies know a person, and what each writes down.
 * Every record is written afresh: spelling by the agency's writer or copied from the papers,
 * name structure, typos and OCR errors, date habits and slips, missing fields, identifiers.
 */
import type { PersonRecord } from '@kim/linkage';
import { AGENCIES, ageOf, type Agency } from './agencies.js';
import { originalScript, renderWord, type NameWord, type StyleSet } from './names.js';
import { digitSlip, isoDate, keyboardTypo, ocrError, swapDayMonth } from './noise.js';
import { REFERENCE_YEAR, type Person } from './population.js';
import { hashString, Random, type Weighted } from './random.js';
import { collapseSpaces, foldForSoftware, upper } from './text.js';

export type RecordDraft = Omit<PersonRecord, 'recordId'>;

export interface DraftWithTruth {
  readonly draft: RecordDraft;
  readonly person: Person;
}

const ADULT_RECORDS: Weighted<number> = [
  [1, 0.33],
  [2, 0.3],
  [3, 0.2],
  [4, 0.11],
  [5, 0.06],
];
const CHILD_RECORDS: Weighted<number> = [
  [1, 0.45],
  [2, 0.35],
  [3, 0.15],
  [4, 0.05],
];

/** Rates of the errors a record can carry (per record or per name field). */
export const NOISE = {
  typoEar: 0.02,
  typoDocument: 0.008,
  ocr: 0.012,
  dropSecondGiven: 0.25,
  fatherInGiven: 0.06,
  patronymicInGiven: 0.08,
  suffix: 0.15,
  placeholderThoughKnown: 0.04,
  dayMonthSwap: 0.015,
  digitSlip: 0.015,
  otherEstimate: 0.1,
  sexUnknown: 0.04,
  sexWrong: 0.003,
  nationalityMissing: 0.05,
  nationalityUnknown: 0.01,
  municipalityMissing: 0.04,
  previousMunicipality: 0.35,
  azrTypo: 0.005,
  duplicateInAgency: 0.04,
  sameNumberOnDuplicate: 0.5,
  bgNumber: 0.45,
} as const;

export class RecordWriter {
  private readonly numbers = new Map<string, string>();
  private readonly usedNumbers = new Map<string, Set<string>>();
  private readonly bgNumbers = new Map<number, string>();

  constructor(private readonly rng: Random) {}

  /** All records of one person. */
  recordsOf(p: Person): DraftWithTruth[] {
    const rng = this.rng;
    const age = ageOf(p);
    const k = rng.weighted(age < 16 ? CHILD_RECORDS : ADULT_RECORDS);
    const candidates = AGENCIES.map((a) => [a, a.weight(p, age)] as const).filter(([, wgt]) => wgt > 0);
    const chosen: Agency[] = [];
    for (let slot = 0; slot < k; slot++) {
      if (slot > 0 && rng.chance(NOISE.duplicateInAgency)) {
        chosen.push(rng.pick(chosen));
        continue;
      }
      const left = candidates.filter(([a]) => !chosen.includes(a));
      if (left.length === 0) break;
      chosen.push(rng.weighted(left));
    }
    const seen = new Set<string>();
    return chosen.map((a) => {
      const duplicate = seen.has(a.id);
      seen.add(a.id);
      return { draft: this.record(p, a, duplicate), person: p };
    });
  }

  private agencyNumber(a: Agency, p: Person, duplicate: boolean): string {
    const key = `${a.id}|${p.index}`;
    const existing = this.numbers.get(key);
    if (existing && (!duplicate || this.rng.chance(NOISE.sameNumberOnDuplicate))) return existing;
    let used = this.usedNumbers.get(a.id);
    if (!used) {
      used = new Set();
      this.usedNumbers.set(a.id, used);
    }
    let n = a.number(this.rng);
    while (used.has(n)) n = a.number(this.rng);
    used.add(n);
    if (!existing) this.numbers.set(key, n);
    return n;
  }

  private bgNumber(p: Person): string {
    let n = this.bgNumbers.get(p.household.index);
    if (!n) {
      let d = '';
      for (let i = 0; i < 12; i++) d += String(this.rng.int(10));
      n = `${d.slice(0, 5)}BG${d.slice(5)}`;
      this.bgNumbers.set(p.household.index, n);
    }
    return n;
  }

  private record(p: Person, a: Agency, duplicate: boolean): RecordDraft {
    const rng = this.rng;
    const c = p.culture;
    const hh = p.household;
    const fromDocument = rng.chance(a.docCopy);
    const styles: StyleSet = fromDocument ? hh.docStyles : rng.weighted(c.earStyles);
    // Papers spell a word the same way every time: the choices are seeded by household and word.
    const render = (ws: readonly NameWord[]): string =>
      ws
        .map((w) =>
          renderWord(
            w,
            styles,
            fromDocument ? new Random(hashString(`${w.sys}:${w.text}`, hh.docSeed)) : rng,
            fromDocument,
          ),
        )
        .join(' ');

    let given: NameWord[] = [...p.given];
    let family: NameWord[] = [...p.family];
    let familyText: string | undefined;

    switch (c.naming) {
      case 'family':
        if (c.script === 'arabic' && rng.chance(c.id === 'iraq-arab' ? 0.15 : NOISE.fatherInGiven))
          given = [...given, ...p.father];
        if (c.slavic && p.patronymic && rng.chance(NOISE.patronymicInGiven)) given = [...given, p.patronymic];
        break;
      case 'patronymic': {
        const r = rng.float();
        if (c.id === 'sri-lanka-tamil') family = r < 0.9 ? [...p.father] : [];
        else if (r < 0.6) family = [...p.father];
        else if (r < 0.85) family = [...p.father, ...p.grandfather];
        else {
          given = [...given, ...p.father];
          family = [...p.grandfather];
        }
        break;
      }
      case 'afghan':
        if (family.length === 0) {
          const r = rng.float();
          if (r < 0.35) family = [...p.father];
          else if (r < 0.5) familyText = rng.pick(['FNU', 'NN', 'XXX', 'Unbekannt', '-']);
          else if (r < 0.6) family = [...given];
        } else if (rng.chance(0.15)) family = [...p.father];
        if (rng.chance(NOISE.fatherInGiven)) given = [...given, ...p.father];
        break;
      case 'vietnamese': {
        const r = rng.float();
        const [middle, own] = given;
        if (middle && own) {
          if (r < 0.15) {
            given = [own];
            family = [...family, middle];
          } else if (r < 0.3) given = [own];
        }
        break;
      }
      case 'chinese':
        break;
    }
    if (given.length >= 2 && c.naming !== 'vietnamese' && rng.chance(NOISE.dropSecondGiven)) given = given.slice(0, 1);

    let givenText = render(given);
    familyText ??= render(family);
    if (p.suffix && !fromDocument && rng.chance(NOISE.suffix)) givenText += ` ${p.suffix}`;
    if (rng.chance(c.swap)) [givenText, familyText] = [familyText, givenText];

    const typo = fromDocument ? NOISE.typoDocument : NOISE.typoEar;
    if (rng.chance(typo)) givenText = keyboardTypo(givenText, rng);
    if (rng.chance(typo)) familyText = keyboardTypo(familyText, rng);
    if (fromDocument && rng.chance(NOISE.ocr)) {
      if (rng.chance(0.5)) givenText = ocrError(givenText, rng);
      else familyText = ocrError(familyText, rng);
    }
    if (a.software !== 'unicode') {
      givenText = foldForSoftware(givenText, a.software === 'ascii' ? 'ascii' : 'keep-german');
      familyText = foldForSoftware(familyText, a.software === 'ascii' ? 'ascii' : 'keep-german');
    }
    if (rng.chance(a.upper)) {
      givenText = upper(givenText);
      familyText = upper(familyText);
    }
    givenText = collapseSpaces(givenText);
    familyText = collapseSpaces(familyText);
    if (!givenText && !familyText) givenText = render(p.given);

    let script: string | undefined;
    if (c.script && rng.chance(a.originalScript)) {
      script = originalScript([...p.given, ...p.family], c.script === 'persian');
      // Typists often leave out the hamza on an initial alif.
      if (script && (c.script === 'arabic' || c.script === 'persian') && rng.chance(0.3))
        script = script.replace(/[أإ]/g, 'ا');
    }

    const { birthDate, precision } = this.birthDate(p, a);
    const sex = rng.chance(NOISE.sexUnknown)
      ? 'unknown'
      : rng.chance(NOISE.sexWrong)
        ? p.sex === 'male'
          ? 'female'
          : 'male'
        : p.sex;
    let nationality: string | undefined = c.nationality;
    if (p.stateless && rng.chance(0.6)) nationality = 'XXA';
    if (rng.chance(NOISE.nationalityUnknown)) nationality = 'XXX';
    if (rng.chance(NOISE.nationalityMissing)) nationality = undefined;
    let municipality: string | undefined = hh.municipality;
    if (hh.previousMunicipality && rng.chance(NOISE.previousMunicipality)) municipality = hh.previousMunicipality;
    if (rng.chance(NOISE.municipalityMissing)) municipality = undefined;
    if (municipality && a.software === 'ascii') municipality = foldForSoftware(municipality, 'ascii');

    const identifier = this.identifier(p, a, duplicate);
    return {
      sourceAgency: a.id,
      givenNames: givenText,
      familyName: familyText,
      ...(script ? { nameOriginalScript: script } : {}),
      ...(birthDate ? { birthDate } : {}),
      birthDatePrecision: precision,
      sex,
      ...(nationality ? { nationality } : {}),
      ...(municipality ? { municipality } : {}),
      ...(identifier ? { agencyIdentifier: identifier } : {}),
    };
  }

  private birthDate(p: Person, a: Agency): { birthDate?: string; precision: PersonRecord['birthDatePrecision'] } {
    const rng = this.rng;
    if (p.undated || rng.chance(a.missingDate)) return { precision: 'unknown' };
    const b = p.birth;
    if (b.known && !rng.chance(NOISE.placeholderThoughKnown)) {
      let date = { y: b.y, m: b.m, d: b.d };
      if (rng.chance(NOISE.dayMonthSwap)) date = swapDayMonth(date) ?? date;
      else if (rng.chance(NOISE.digitSlip)) date = digitSlip(date, rng, REFERENCE_YEAR);
      return { birthDate: isoDate(date), precision: 'exact' };
    }
    let year = b.known ? b.y : b.estYear;
    if (!b.known && rng.chance(NOISE.otherEstimate)) year += rng.chance(0.5) ? 1 : -1;
    year = Math.min(year, REFERENCE_YEAR);
    const kind = b.known ? '0101' : b.placeholder;
    if (kind === 'year' || (kind === '0101' && rng.chance(a.yearOnly))) {
      if (a.yearOnly > 0) return { birthDate: String(year), precision: 'year-only' };
    }
    if (kind === '3112') return { birthDate: `${year}-12-31`, precision: 'exact' };
    return { birthDate: `${year}-01-01`, precision: rng.chance(a.flagPlaceholder) ? 'placeholder' : 'exact' };
  }

  private identifier(p: Person, a: Agency, duplicate: boolean): string | undefined {
    const rng = this.rng;
    if (rng.chance(a.azr)) {
      let n = p.azr;
      if (rng.chance(NOISE.azrTypo)) {
        const i = rng.int(n.length);
        n = n.slice(0, i) + String((Number(n[i]) + 1 + rng.int(8)) % 10) + n.slice(i + 1);
      }
      const prefix = rng.weighted<string>([
        ['AZR:', 0.7],
        ['AZR-', 0.2],
        ['azr:', 0.1],
      ]);
      return prefix + n;
    }
    if (!rng.chance(a.customerNumber)) return undefined;
    if (a.id === 'jobcenter-kreis-steinfurt' && p.household.sgb2 && rng.chance(NOISE.bgNumber)) return this.bgNumber(p);
    return this.agencyNumber(a, p, duplicate);
  }
}
