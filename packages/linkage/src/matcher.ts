/**
 * Pairwise matching of a set of records among themselves: prepare, block, compare, estimate m,
 * weigh, decide. Pure: takes records, returns decisions; the caller does any I/O and timing.
 *
 * Every decision is a direct pair decision: two records are linked only when their own
 * comparison is above the link threshold (or they carry the same person-level identifier) and no
 * rule stops it; nothing is linked "through" a third record.
 */
import {
  blockingKeys as blockingKeysOf,
  forEachCandidatePair,
  isCandidate,
  DEFAULT_BLOCKING,
  type BlockingOptions,
  type BlockingStats,
} from './blocking.js';
import {
  compareOtherFields,
  compareRecords,
  FIELD_LEVELS,
  FIELD_NAMES,
  ID_SAME,
  MISSING,
  PERSONAL_NAME_LAST,
  prepareRecord,
  type ComparisonVector,
  type FieldName,
  type PreparedRecord,
} from './comparison.js';
import { identifierKey } from './identifiers.js';
import { createRng } from './prng.js';
import { clearMismatch, givenNamesCompatible, keepApart, linkGuard, rareNameRecords, REASONS } from './rules.js';
import { TokenTable } from './similarity.js';
import { spellingNeighbours, STRONG_SIMILARITY } from './spelling.js';
import type { Decision, PersonRecord } from './types.js';
import {
  buildModel,
  DEFAULT_EM,
  DEFAULT_M,
  DEFAULT_SESSIONS,
  DEFAULT_TF,
  estimateM,
  fieldWeights,
  levelWeightSum,
  tfAdjustments,
  TYPICAL_U,
  uFromCounts,
  withM,
  type EmOptions,
  type LevelProbabilities,
  type MatchModel,
  type TermFrequencyOptions,
} from './weights.js';

export interface Thresholds {
  /** Score (bits of posterior log-odds) at or above which a pair links automatically. */
  readonly link: number;
  /** Score at or above which a pair goes to the review queue. */
  readonly review: number;
  /**
   * Persons known to share a name (spelling classes of given and family name) and a birth year
   * from which agreement on just name and year (an estimated date on either side) is review,
   * never link.
   */
  readonly crowd: number;
}

/**
 * Thresholds in bits of posterior log-odds. A link needs odds of about 30:1 after every field
 * has spoken, and the guards on top; chosen on the tuning seed of the independent evaluation
 * for precision ≥ 0.995 (see README).
 */
export const DEFAULT_THRESHOLDS: Thresholds = { link: 0, review: -4, crowd: 2 };

export interface MatchOptions {
  readonly thresholds?: Thresholds;
  /** Prior m-probabilities (the start and anchor of EM). */
  readonly m?: LevelProbabilities;
  /** Re-estimate m by EM on the candidate pairs (default true); false keeps the prior m. */
  readonly estimateM?: boolean;
  readonly em?: EmOptions;
  readonly tf?: TermFrequencyOptions;
  readonly blocking?: BlockingOptions;
  /**
   * Expected number of other records of the same person per record; sets the prior odds. By
   * default it is estimated from the data (see `estimatePrior`), starting from 1.
   */
  readonly expectedDuplicatesPerRecord?: number;
  /** Random pairs drawn to measure u-probabilities of the name fields (ten times as many for the others). */
  readonly uSampleSize?: number;
  /**
   * u-probabilities measured before on (nearly) the same population, e.g. kept by a caller that
   * matches one new record at a time: skips the sampling, which costs the same however few
   * records there are.
   */
  readonly u?: LevelProbabilities;
  /** Seed of the u sampling, so results are reproducible. */
  readonly seed?: number;
  /** Which decided pairs carry per-field evidence: review pairs only (default), all or none. */
  readonly evidence?: 'review' | 'all' | 'none';
}

/** One field's contribution to a pair's score, as shown to a reviewer. */
export interface FieldEvidence {
  readonly field: FieldName;
  /** Comparison level, or `missing` when a side has no value. */
  readonly level: string;
  readonly valueA: string;
  readonly valueB: string;
  /** Bits of evidence, including term-frequency adjustment. */
  readonly weight: number;
}

/**
 * What a decision rests on: `identifier` (both records carry the same person-level identifier),
 * `score` (the pair's own score is above the link threshold), `review` (a person decides).
 */
export type DecisionBasis = 'identifier' | 'score' | 'review';

export interface PairDecision {
  /** Record ids; `a` comes first in the input. */
  readonly a: string;
  readonly b: string;
  readonly decision: Exclude<Decision, 'new'>;
  /** Posterior log-odds in bits (prior plus field weights). */
  readonly score: number;
  readonly basis: DecisionBasis;
  /** Why a pair that would have linked (by score or identifier) was only sent to review. */
  readonly capped?: string;
  readonly swappedNames?: boolean;
  readonly evidence?: readonly FieldEvidence[];
}

export interface MatchStats extends BlockingStats {
  readonly records: number;
  readonly links: number;
  readonly reviews: number;
  readonly identifierLinks: number;
  /** Links refused because one person would have held records that cannot be one person. */
  readonly refusedMerges: number;
  readonly emIterations: number;
}

export interface MatchResult {
  /** Direct pair decisions `link` or `review`; every other pair is implicitly `new`. */
  readonly pairs: readonly PairDecision[];
  /** Persons found: record ids of every group of two or more records joined by direct links. */
  readonly clusters: readonly (readonly string[])[];
  readonly stats: MatchStats;
  readonly model: MatchModel;
}

/** A direct decision on one compared pair. */
export interface DirectDecision {
  readonly decision: Decision;
  readonly basis: DecisionBasis;
  readonly capped?: string;
}

/** The words behind a compared pair's name agreement (see ComparisonVector). */
export type NameWords = Pick<ComparisonVector, 'givenWord' | 'familyWord' | 'givenWordB' | 'familyWordB'>;

/** Prepared records with their token table, frequencies and model: everything needed to score. */
export class MatchContext {
  readonly table = new TokenTable();
  readonly prepared: PreparedRecord[];
  model: MatchModel;
  /** The u-probabilities the model was built with (given, or measured on these records). */
  readonly u: LevelProbabilities;
  readonly thresholds: Thresholds;
  /** Spellings of each interned word (itself included): the words a reader takes for the same name. */
  readonly spellings: readonly (readonly number[])[];
  private readonly municipalityFrequency = new Map<string, number>();
  /** Share of records with a spelling of the word, within a nationality when one is given. */
  readonly frequency: (id: number, nationality?: string) => number;
  /** Record indices per name word (given or family), each record once. */
  private readonly recordsOfWord = new Map<number, number[]>();
  /** Record indices per name word and birth year (records with a known year), for crowds. */
  private readonly recordsOfWordYear = new Map<number, number[]>();
  /** Records with a spelling of a word, overall (index 0) and per nationality group, by word (cached). */
  private readonly spellingCounts: (Int32Array | undefined)[] = [];
  /** Nationality group of each record (0: none of the large ones), and the number of groups. */
  private readonly groupOf: Int32Array;
  private readonly groups: number;
  /** Crowd sizes by (word, word, year) (cached). */
  private readonly crowds = new Map<number, number>();
  /** Scratch marks over records for counting each record once; `markStamp` makes resets free. */
  private readonly marks: Int32Array;
  private markStamp = 0;

  private blockIndex: Map<string, number[]> | undefined;
  /** Records from which a given name is no longer rare in this population. */
  private readonly rareNameRecords: number;

  constructor(
    readonly records: readonly PersonRecord[],
    options: MatchOptions = {},
  ) {
    this.thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
    this.rareNameRecords = rareNameRecords(records.length);
    this.prepared = records.map((r, i) => prepareRecord(r, i, this.table));
    this.spellings = spellingNeighbours(this.table);
    this.marks = new Int32Array(this.prepared.length);
    // Term frequencies: the share of records with a spelling of a name word, pooled across given
    // and family names (names move between the fields), overall and within each nationality.
    const recordCount = this.prepared.length;
    const groupRecords = new Map<string, number>();
    for (const p of this.prepared) {
      groupRecords.set(p.nationality, (groupRecords.get(p.nationality) ?? 0) + 1);
      for (const w of new Set([...p.given, ...p.family])) {
        const list = this.recordsOfWord.get(w);
        if (list) list.push(p.index);
        else this.recordsOfWord.set(w, [p.index]);
        if (p.birth.precision === 'unknown') continue;
        const key = wordYearKey(w, p.birth.year);
        const byYear = this.recordsOfWordYear.get(key);
        if (byYear) byYear.push(p.index);
        else this.recordsOfWordYear.set(key, [p.index]);
      }
    }
    const floor = 1 / Math.max(recordCount, 1);
    // Frequencies are shrunk towards a typical name's share by this many pseudo-records, so
    // that in a small file a name is not "common" merely for occurring twice.
    const shrinkRecords = 100;
    const typicalShare = TYPICAL_U.given[0]!;
    // Small groups say little about their own name distribution: below this, use the overall one.
    const minGroupRecords = 200;
    const groupIndex = new Map<string, number>();
    const groupTotals: number[] = [0];
    for (const [nat, k] of groupRecords) {
      if (nat && k >= minGroupRecords) {
        groupIndex.set(nat, groupTotals.length);
        groupTotals.push(k);
      }
    }
    this.groupOf = new Int32Array(recordCount);
    this.prepared.forEach((p, i) => (this.groupOf[i] = groupIndex.get(p.nationality) ?? 0));
    this.groups = groupTotals.length;
    const frequencies: (Float64Array | undefined)[] = [];
    // Asked several times per compared pair, nearly always for the nationality asked last.
    let lastNationality = '';
    let lastGroup = 0;
    this.frequency = (id: number, nationality = ''): number => {
      if (nationality !== lastNationality) {
        lastNationality = nationality;
        lastGroup = nationality ? (groupIndex.get(nationality) ?? 0) : 0;
      }
      const gi = lastGroup;
      let f = frequencies[id];
      if (f === undefined) {
        const counts = this.countsOf(id);
        f = new Float64Array(this.groups);
        for (let g = 0; g < this.groups; g++) {
          const total = g > 0 ? groupTotals[g]! : recordCount;
          f[g] = Math.max(floor, (counts[g]! + shrinkRecords * typicalShare) / (total + shrinkRecords));
        }
        frequencies[id] = f;
      }
      return f[gi]!;
    };
    let municipalityReference = 0;
    let withMunicipality = 0;
    for (const p of this.prepared) {
      if (!p.municipality) continue;
      withMunicipality++;
      this.municipalityFrequency.set(p.municipality, (this.municipalityFrequency.get(p.municipality) ?? 0) + 1);
    }
    for (const [k, c] of this.municipalityFrequency) {
      const share = c / withMunicipality;
      this.municipalityFrequency.set(k, share);
      municipalityReference += share * share;
    }
    const u = options.u ?? this.estimateU(options.uSampleSize ?? 30000, options.seed ?? 20240229);
    this.u = u;
    const n = Math.max(this.prepared.length, 2);
    const prior = Math.log2((options.expectedDuplicatesPerRecord ?? 1) / (n - 1));
    const nameReference: [number, number] = [u.given[0]!, u.family[0]!];
    this.model = buildModel(
      options.m ?? DEFAULT_M,
      u,
      nameReference,
      municipalityReference,
      prior,
      options.tf ?? DEFAULT_TF,
    );
  }

  /** u-probabilities from random record pairs (nearly all of which are different persons). */
  private estimateU(samples: number, seed: number): LevelProbabilities {
    const rng = createRng(seed);
    const counts = {} as Record<FieldName, number[]>;
    for (const f of FIELD_NAMES) counts[f] = FIELD_LEVELS[f].map(() => 0);
    const n = this.prepared.length;
    if (n < 2) return uFromCounts(counts);
    // Cheap fields get more samples than names: exact birth dates agree rarely.
    const cheapSamples = samples * 10;
    const scratch = new Int8Array(FIELD_NAMES.length);
    for (let s = 0; s < cheapSamples; s++) {
      const i = rng.int(n);
      let j = rng.int(n - 1);
      if (j >= i) j++;
      const full = s < samples;
      // Random pairs rarely repeat: computing without the memo keeps it small for the real work.
      // Beyond the name samples only the other fields are counted: their levels alone are computed.
      const v = scratch;
      if (full) compareRecords(this.table, this.prepared[i]!, this.prepared[j]!, this.frequency, false, scratch);
      else compareOtherFields(this.prepared[i]!, this.prepared[j]!, scratch);
      for (let f = full ? 0 : 3; f < FIELD_NAMES.length; f++) {
        const level = v[f]!;
        if (level !== MISSING) counts[FIELD_NAMES[f]!][level]!++;
      }
    }
    // A small file has fewer distinct pairs than draws: count each at most once on average.
    const pairs = (n * (n - 1)) / 2;
    for (const f of FIELD_NAMES) {
      const drawn = f === 'given' || f === 'family' || f === 'originalScript' ? samples : cheapSamples;
      const scale = Math.min(1, pairs / drawn);
      counts[f] = counts[f].map((c) => c * scale);
    }
    return uFromCounts(counts);
  }

  comparison(i: number, j: number, out?: Int8Array): ComparisonVector {
    return compareRecords(this.table, this.prepared[i]!, this.prepared[j]!, this.frequency, true, out);
  }

  /** Records with a spelling of the word (as given or family name). */
  nameRecords(word: number): number {
    return word < 0 ? 0 : this.countsOf(word)[0]!;
  }

  /** Records that carry a spelling of the word, each counted once: overall, then per nationality group. */
  private countsOf(word: number): Int32Array {
    let counts = this.spellingCounts[word];
    if (counts) return counts;
    counts = new Int32Array(this.groups);
    const stamp = ++this.markStamp;
    for (const w of this.spellings[word] ?? [word]) {
      for (const r of this.recordsOfWord.get(w) ?? []) {
        if (this.marks[r] === stamp) continue;
        this.marks[r] = stamp;
        counts[0]!++;
        const g = this.groupOf[r]!;
        if (g > 0) counts[g]!++;
      }
    }
    this.spellingCounts[word] = counts;
    return counts;
  }

  /**
   * Records with a spelling of each compared given name; -1 for both when the
   * two are known names of the name table and different ones (Oleksii, Oleksandr).
   */
  givenNameRecords(v: NameWords): [number, number] {
    if (v.givenWord >= 0 && v.givenWordB >= 0) {
      const ea = this.table.words[v.givenWord]!.equivalence;
      const eb = this.table.words[v.givenWordB]!.equivalence;
      if (ea >= 0 && eb >= 0 && ea !== eb) return [-1, -1];
    }
    return [this.nameRecords(v.givenWord), this.nameRecords(v.givenWordB)];
  }

  municipalityShare(i: number): number {
    return this.municipalityFrequency.get(this.prepared[i]!.municipality) ?? 0;
  }

  /**
   * Persons known to share the pair's agreeing names (any of their spellings) and a birth year, at
   * least: the most persons one agency holds with them (an agency rarely keeps one person twice;
   * records with one person-level number or one real date count once), the larger for the two
   * records' years and for the two records' spellings. 0 when the pair has no agreeing name, or
   * its dates are not compared by year only. The pair's own records count too: in the hub, whose
   * records are persons, two persons of one name and year are two namesakes until someone decides
   * otherwise.
   */
  crowdSize(i: number, j: number, v: NameWords, birthLevel: number): number {
    // Only asked when a side's date is a year or a placeholder; real dates speak for themselves.
    if (birthLevel !== YEAR_AGREE && birthLevel !== YEAR_NEAR) return 0;
    if (v.givenWord < 0) return 0;
    const names: [number, number][] = [
      [v.givenWord, v.familyWord >= 0 ? v.familyWord : v.givenWord],
      [v.givenWordB, v.familyWordB >= 0 ? v.familyWordB : v.givenWordB],
    ];
    let size = 0;
    for (const r of [this.prepared[i]!, this.prepared[j]!]) {
      if (r.birth.precision === 'unknown') continue;
      for (const [g, f] of names) if (g >= 0) size = Math.max(size, this.crowd(g, f, r.birth.year));
    }
    return size;
  }

  /**
   * The most persons one agency holds with a spelling of word g and a spelling of word f in their
   * names (given or family: names move between the fields) and the birth year.
   */
  private crowd(g: number, f: number, year: number): number {
    const key = wordYearKey(g <= f ? g * 4194304 + f : f * 4194304 + g, year);
    let size = this.crowds.get(key);
    if (size !== undefined) return size;
    const others = new Set(this.spellings[f] ?? [f]);
    const stamp = ++this.markStamp;
    const byAgency = new Map<string, PersonTokens>();
    for (const w of this.spellings[g] ?? [g]) {
      for (const r of this.recordsOfWordYear.get(wordYearKey(w, year)) ?? []) {
        if (this.marks[r] === stamp) continue;
        this.marks[r] = stamp;
        const p = this.prepared[r]!;
        if (!p.given.some((x) => others.has(x)) && !p.family.some((x) => others.has(x))) continue;
        let persons = byAgency.get(p.agency);
        if (!persons) byAgency.set(p.agency, (persons = new PersonTokens()));
        persons.add(personTokens(p));
      }
    }
    size = 0;
    for (const persons of byAgency.values()) size = Math.max(size, persons.count());
    this.crowds.set(key, size);
    return size;
  }

  /** Some word of one record's full name is a spelling of some word of the other's. */
  shareNameWord(i: number, j: number): boolean {
    const a = this.prepared[i]!;
    const b = this.prepared[j]!;
    for (const x of [...a.given, ...a.family])
      for (const y of [...b.given, ...b.family])
        if (x === y || this.table.similarity(x, y) >= STRONG_SIMILARITY) return true;
    return false;
  }

  /**
   * The first given name of either record is no spelling of any word of the other's names (given
   * or family). Not asked for names whose personal name comes last (Vietnamese: the first given
   * word is a middle name agencies drop).
   */
  firstGivenNameUnmatched(i: number, j: number): boolean {
    const a = this.prepared[i]!;
    const b = this.prepared[j]!;
    if (PERSONAL_NAME_LAST.has(a.nationality) || PERSONAL_NAME_LAST.has(b.nationality)) return false;
    const matched = (x: PreparedRecord, y: PreparedRecord): boolean => {
      const first = x.given[0];
      if (first === undefined) return true;
      for (const w of y.given) if (w === first || this.table.similarity(first, w) >= STRONG_SIMILARITY) return true;
      for (const w of y.family) if (w === first || this.table.similarity(first, w) >= STRONG_SIMILARITY) return true;
      return false;
    };
    return !matched(a, b) || !matched(b, a);
  }

  /** Term-frequency bits of a compared pair: given, family, municipality (fixed while m is estimated). */
  tfBits(i: number, v: ComparisonVector): [number, number, number] {
    return tfAdjustments(this.model, v, this.municipalityShare(i));
  }

  tfOffset(i: number, v: ComparisonVector): number {
    const [g, f, m] = this.tfBits(i, v);
    return g + f + m;
  }

  score(levels: Int8Array, offset: number, tf: number): number {
    return this.model.priorLogOdds + levelWeightSum(this.model, levels, offset) + tf;
  }

  /**
   * The direct decision on a compared pair of records i, j with the given score: a clear mismatch
   * is never linked; the same person-level identifier links unless the given names share
   * nothing; otherwise the score decides, and the guard sends doubtful links to review.
   */
  decidePair(
    i: number,
    j: number,
    levels: Int8Array,
    offset: number,
    score: number,
    crowd: number,
    givenNameRecords: readonly [number, number] = [0, 0],
    swapped = false,
  ): DirectDecision {
    const a = this.prepared[i]!;
    const b = this.prepared[j]!;
    const th = this.thresholds;
    const sameIdentifier = levels[offset + 7] === ID_SAME;
    const mismatch = clearMismatch(levels, offset, a, b);
    if (mismatch) {
      if (sameIdentifier || score >= th.review) return { decision: 'review', basis: 'review', capped: mismatch };
      return { decision: 'new', basis: 'score' };
    }
    if (sameIdentifier) {
      // The register's number names one person; agencies file the words of a name differently
      // (Selam Yonas | Samuel, SELAM | YONAS), so a shared name word is enough beside it.
      if (givenNamesCompatible(levels, offset) || this.shareNameWord(i, j))
        return { decision: 'link', basis: 'identifier' };
      return { decision: 'review', basis: 'review', capped: REASONS.givenNamesDiffer };
    }
    if (score >= th.link) {
      const capped = linkGuard(levels, offset, {
        crowd,
        crowdLimit: th.crowd,
        givenNameRecords,
        givenKnownDistinct: givenNameRecords[0] < 0,
        rareNameRecords: this.rareNameRecords,
        firstGivenNameUnmatched: crosswiseThroughMiddle(levels, offset, swapped) && this.firstGivenNameUnmatched(i, j),
      });
      return capped ? { decision: 'review', basis: 'review', capped } : { decision: 'link', basis: 'score' };
    }
    return score >= th.review ? { decision: 'review', basis: 'review' } : { decision: 'new', basis: 'score' };
  }

  /** Scores and decides one pair of record indices with the current model. */
  decide(
    i: number,
    j: number,
  ): DirectDecision & {
    score: number;
    vector: ComparisonVector;
  } {
    const v = this.comparison(i, j);
    const score = this.score(v.levels, 0, this.tfOffset(i, v));
    const names = this.givenNameRecords(v);
    return {
      ...this.decidePair(i, j, v.levels, 0, score, this.crowdSize(i, j, v, v.levels[3]!), names, v.swapped),
      score,
      vector: v,
    };
  }

  /** Indices of the records that share a blocking key with record i (i itself excluded). */
  candidatesOf(i: number, options: BlockingOptions = DEFAULT_BLOCKING): number[] {
    if (!this.blockIndex) {
      this.blockIndex = new Map();
      for (const p of this.prepared) {
        for (const k of blockingKeysOf(p, this.table)) {
          const list = this.blockIndex.get(k);
          if (list) list.push(p.index);
          else this.blockIndex.set(k, [p.index]);
        }
      }
    }
    // The keys each other record shares with i; whether that makes a candidate, as in matchRecords.
    const sharedKeys = new Map<number, string[]>();
    for (const k of blockingKeysOf(this.prepared[i]!, this.table)) {
      for (const j of this.blockIndex.get(k)!) {
        if (j === i) continue;
        const keys = sharedKeys.get(j);
        if (keys) {
          if (!keys.includes(k)) keys.push(k);
        } else sharedKeys.set(j, [k]);
      }
    }
    const sizeOf = (k: string): number => this.blockIndex!.get(k)!.length;
    const out = new Set<number>();
    for (const [j, keys] of sharedKeys) if (isCandidate(keys, sizeOf, options)) out.add(j);
    const id = this.prepared[i]!.identifier;
    if (id?.level === 'person') {
      const key = identifierKey(id);
      this.prepared.forEach((p, j) => {
        if (j !== i && p.identifier && identifierKey(p.identifier) === key) out.add(j);
      });
    }
    return [...out].sort((x, y) => x - y);
  }

  /** Per-field evidence of a pair, for the review queue. */
  explain(i: number, j: number): FieldEvidence[] {
    const a = this.prepared[i]!.record;
    const b = this.prepared[j]!.record;
    const v = this.comparison(i, j);
    const w = fieldWeights(this.model, v, this.municipalityShare(i));
    const values = (r: PersonRecord): Record<FieldName, string> => ({
      given: r.givenNames,
      family: r.familyName,
      originalScript: r.nameOriginalScript ?? '',
      birthDate: r.birthDate ? `${r.birthDate} (${r.birthDatePrecision})` : '',
      sex: r.sex,
      nationality: r.nationality ?? '',
      municipality: r.municipality ?? '',
      identifier: `${r.sourceAgency} ${r.agencyIdentifier ?? '(none)'}`,
    });
    const va = values(a);
    const vb = values(b);
    if (v.swapped) {
      // Show what was actually compared: B's names crosswise.
      [vb.given, vb.family] = [vb.family, vb.given];
    }
    return FIELD_NAMES.map((field, f) => ({
      field,
      level: v.levels[f] === MISSING ? 'missing' : FIELD_LEVELS[field][v.levels[f]!]!,
      valueA: va[field],
      valueB: vb[field],
      weight: Math.round(w[f]! * 100) / 100,
    }));
  }
}

/**
 * Within one agency, records with the same person-level number are one person, and so are
 * namesakes with the same real birth date (nothing could tell them apart anyway); any other
 * record may be another person.
 */
/** A numeric key of a word (or a pair of words, below 2^44) and a birth year (1800 to 2311). */
function wordYearKey(word: number, year: number): number {
  return word * 512 + Math.min(511, Math.max(0, year - 1800));
}

function personTokens(p: PreparedRecord): string[] {
  const tokens: string[] = [];
  if (p.identifier?.level === 'person') tokens.push(identifierKey(p.identifier));
  if (p.birth.precision === 'full') tokens.push(`d:${p.birth.year}-${p.birth.month}-${p.birth.day}`);
  return tokens.length > 0 ? tokens : [`r:${p.index}`];
}

/**
 * The persons among one agency's records: records that share a person-level number or a real
 * birth date are one person, also through each other (a customer number on one record, the same
 * number and a real date on the next, that date alone on a third).
 */
class PersonTokens {
  private readonly parent = new Map<string, string>();

  private find(x: string): string {
    let r = x;
    while (this.parent.get(r) !== r) r = this.parent.get(r)!;
    return r;
  }

  add(tokens: readonly string[]): void {
    for (const t of tokens) if (!this.parent.has(t)) this.parent.set(t, t);
    const root = this.find(tokens[0]!);
    for (const t of tokens.slice(1)) {
      const other = this.find(t);
      if (other !== root) this.parent.set(other, root);
    }
  }

  count(): number {
    let n = 0;
    for (const [t, p] of this.parent) if (t === p) n++;
    return n;
  }
}

/**
 * Prior log-odds that two records are the same person, estimated from the data: the expected
 * number of matching pairs is the sum of match probabilities over the candidate pairs (pairs
 * outside the blocks contribute next to nothing), which in turn depends on the prior; a few
 * fixed-point iterations settle it. Clamped to a sane range of 0.1 to 10 duplicates per record
 * and to even odds at most (tiny inputs).
 */
export function estimatePrior(base: Float64Array, known: Uint8Array, records: number, start: number): number {
  const totalPairs = (records * (records - 1)) / 2;
  if (totalPairs <= 0) return start;
  // Pool scores to 0.05 bits: the sum needs no more precision, and iterations get cheap.
  const pooled = new Map<number, number>();
  let knownCount = 0;
  for (let p = 0; p < base.length; p++) {
    if (known[p]) knownCount++;
    else {
      const key = Math.round(base[p]! * 20);
      pooled.set(key, (pooled.get(key) ?? 0) + 1);
    }
  }
  let prior = start;
  for (let it = 0; it < 20; it++) {
    let expected = knownCount;
    for (const [key, count] of pooled) expected += count / (1 + 2 ** -(prior + key / 20));
    const odds = (l: number): number => Math.log2(l / (1 - l));
    const lambda = Math.min(0.5, Math.max(expected, 1) / totalPairs);
    const lo = odds(Math.min(0.5, (0.1 * records) / 2 / totalPairs));
    const hi = odds(Math.min(0.5, (10 * records) / 2 / totalPairs));
    const clamped = Math.min(hi, Math.max(lo, odds(lambda)));
    if (Math.abs(clamped - prior) < 0.01) return clamped;
    prior = clamped;
  }
  return prior;
}

const NAME_MIDDLE = FIELD_LEVELS.given.indexOf('middle');

/** Names compared crosswise that agree in one field only through a later given name. */
function crosswiseThroughMiddle(levels: Int8Array, offset: number, swapped: boolean): boolean {
  return swapped && (levels[offset] === NAME_MIDDLE || levels[offset + 1] === NAME_MIDDLE);
}

const YEAR_AGREE = FIELD_LEVELS.birthDate.indexOf('yearAgree');
const YEAR_NEAR = FIELD_LEVELS.birthDate.indexOf('yearNear');

/** Growable store of compared candidate pairs. */
class PairStore {
  size = 0;
  i = new Int32Array(1024);
  j = new Int32Array(1024);
  levels = new Int8Array(1024 * FIELD_NAMES.length);
  nameTf = new Float32Array(1024);
  municipalityTf = new Float32Array(1024);
  known = new Uint8Array(1024);
  swapped = new Uint8Array(1024);
  /** The words behind the name agreement (ComparisonVector's), for the guard's facts: asked only above the link threshold. */
  givenWord = new Int32Array(1024);
  familyWord = new Int32Array(1024);
  givenWordB = new Int32Array(1024);
  familyWordB = new Int32Array(1024);

  push(i: number, j: number, v: ComparisonVector, tf: readonly [number, number, number], known: boolean): void {
    if (this.size === this.i.length) this.grow();
    const p = this.size++;
    this.i[p] = i;
    this.j[p] = j;
    this.levels.set(v.levels, p * FIELD_NAMES.length);
    this.nameTf[p] = tf[0] + tf[1];
    this.municipalityTf[p] = tf[2];
    this.known[p] = known ? 1 : 0;
    this.swapped[p] = v.swapped ? 1 : 0;
    this.givenWord[p] = v.givenWord;
    this.familyWord[p] = v.familyWord;
    this.givenWordB[p] = v.givenWordB;
    this.familyWordB[p] = v.familyWordB;
  }

  private grow(): void {
    const n = this.i.length * 2;
    const grow = <T extends Int32Array | Int8Array | Float32Array | Uint8Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.i = grow(this.i, n);
    this.j = grow(this.j, n);
    this.levels = grow(this.levels, n * FIELD_NAMES.length);
    this.nameTf = grow(this.nameTf, n);
    this.municipalityTf = grow(this.municipalityTf, n);
    this.known = grow(this.known, n);
    this.swapped = grow(this.swapped, n);
    this.givenWord = grow(this.givenWord, n);
    this.familyWord = grow(this.familyWord, n);
    this.givenWordB = grow(this.givenWordB, n);
    this.familyWordB = grow(this.familyWordB, n);
  }
}

/** Matches records among themselves and returns the direct pair decisions to link or review. */
export function matchRecords(records: readonly PersonRecord[], options: MatchOptions = {}): MatchResult {
  const ctx = new MatchContext(records, options);
  const n = records.length;
  const store = new PairStore();

  // Records sharing a person-level identifier are compared whatever blocking says; a household
  // number joins nobody (it is shared by the family).
  const byIdentifier = new Map<string, number[]>();
  ctx.prepared.forEach((p, i) => {
    if (p.identifier?.level !== 'person') return;
    const key = identifierKey(p.identifier);
    const list = byIdentifier.get(key);
    if (list) list.push(i);
    else byIdentifier.set(key, [i]);
  });
  const identifierPairs = new Set<number>();
  for (const list of byIdentifier.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x]!;
        const j = list[y]!;
        identifierPairs.add(i * n + j);
        const v = ctx.comparison(i, j);
        // A known match for EM only when nothing says otherwise.
        const known = clearMismatch(v.levels, 0, ctx.prepared[i]!, ctx.prepared[j]!) === undefined;
        store.push(i, j, v, ctx.tfBits(i, v), known);
      }
    }
  }

  const scratch = new Int8Array(FIELD_NAMES.length);
  const blockingStats = forEachCandidatePair(
    ctx.prepared,
    ctx.table,
    (i, j) => {
      if (identifierPairs.size > 0 && identifierPairs.has(i * n + j)) return;
      const v = ctx.comparison(i, j, scratch);
      store.push(i, j, v, ctx.tfBits(i, v), false);
    },
    options.blocking ?? DEFAULT_BLOCKING,
  );

  let emIterations = 0;
  if (options.estimateM !== false && store.size > 0) {
    const em = estimateM(
      ctx.model,
      {
        levels: store.levels.subarray(0, store.size * FIELD_NAMES.length),
        nameTf: store.nameTf.subarray(0, store.size),
        municipalityTf: store.municipalityTf.subarray(0, store.size),
        known: store.known.subarray(0, store.size),
      },
      DEFAULT_SESSIONS,
      options.em ?? DEFAULT_EM,
    );
    ctx.model = withM(ctx.model, em.m);
    emIterations = em.iterations.reduce((a, b) => a + b, 0);
  }

  // Scores without the prior, once; then the prior odds from the data unless given.
  const nf = FIELD_NAMES.length;
  const base = new Float64Array(store.size);
  for (let p = 0; p < store.size; p++) {
    base[p] = levelWeightSum(ctx.model, store.levels, p * nf) + store.nameTf[p]! + store.municipalityTf[p]!;
  }
  if (options.expectedDuplicatesPerRecord === undefined) {
    ctx.model = {
      ...ctx.model,
      priorLogOdds: estimatePrior(base, store.known.subarray(0, store.size), n, ctx.model.priorLogOdds),
    };
  }

  // Direct decisions, then the persons they form. Links are applied identifier links first, then
  // by falling score; a link that would put two records into one person that cannot be one
  // person (a clear mismatch, given names sharing nothing, years far apart) is refused and goes
  // to review: a namesake linked to one record of a person is stopped by the person's others.
  const decisions = new Array<DirectDecision | undefined>(store.size);
  const linkOrder: number[] = [];
  for (let p = 0; p < store.size; p++) {
    const score = ctx.model.priorLogOdds + base[p]!;
    const i = store.i[p]!;
    const j = store.j[p]!;
    // The guard's facts (crowds, how common the given names are) matter only to a would-be link:
    // counted for those pairs alone, not for every candidate.
    let crowd = 0;
    let givenNameRecords: [number, number] = [0, 0];
    if (score >= ctx.thresholds.link) {
      const words: NameWords = {
        givenWord: store.givenWord[p]!,
        familyWord: store.familyWord[p]!,
        givenWordB: store.givenWordB[p]!,
        familyWordB: store.familyWordB[p]!,
      };
      crowd = ctx.crowdSize(i, j, words, store.levels[p * nf + 3]!);
      givenNameRecords = ctx.givenNameRecords(words);
    }
    const d = ctx.decidePair(i, j, store.levels, p * nf, score, crowd, givenNameRecords, store.swapped[p] === 1);
    if (d.decision === 'new') continue;
    decisions[p] = d;
    if (d.decision === 'link') linkOrder.push(p);
  }
  const byBasis = (p: number): number => (decisions[p]!.basis === 'identifier' ? 1 : 0);
  linkOrder.sort((x, y) => byBasis(y) - byBasis(x) || base[y]! - base[x]!);
  const persons = new Persons(n);
  let refusedMerges = 0;
  for (const p of linkOrder) {
    const i = store.i[p]!;
    const j = store.j[p]!;
    const ci = persons.find(i);
    const cj = persons.find(j);
    if (ci === cj) continue;
    const reason = firstConflict(ctx, persons.members(ci), persons.members(cj));
    if (reason) {
      refusedMerges++;
      decisions[p] = { decision: 'review', basis: 'review', capped: `${REASONS.wouldJoin}: ${reason}` };
      continue;
    }
    persons.union(ci, cj);
  }

  const pairs: PairDecision[] = [];
  const evidenceFor = options.evidence ?? 'review';
  let links = 0;
  let reviews = 0;
  let identifierLinks = 0;
  for (let p = 0; p < store.size; p++) {
    const d = decisions[p];
    if (!d || d.decision === 'new') continue;
    const i = store.i[p]!;
    const j = store.j[p]!;
    if (d.decision === 'link') {
      links++;
      if (d.basis === 'identifier') identifierLinks++;
    } else reviews++;
    const withEvidence = evidenceFor === 'all' || (evidenceFor === 'review' && d.decision === 'review');
    pairs.push({
      a: records[i]!.recordId,
      b: records[j]!.recordId,
      decision: d.decision,
      score: Math.round((ctx.model.priorLogOdds + base[p]!) * 100) / 100,
      basis: d.basis,
      ...(d.capped ? { capped: d.capped } : {}),
      swappedNames: store.swapped[p] === 1,
      ...(withEvidence ? { evidence: ctx.explain(i, j) } : {}),
    });
  }
  const clusters: string[][] = [];
  for (const members of persons.all()) {
    if (members.length < 2) continue;
    clusters.push([...members].sort((x, y) => x - y).map((x) => records[x]!.recordId));
  }
  return {
    pairs,
    clusters,
    stats: { ...blockingStats, records: n, links, reviews, identifierLinks, refusedMerges, emIterations },
    model: ctx.model,
  };
}

/** The first reason why the records of two persons cannot be one person, or undefined. */
function firstConflict(ctx: MatchContext, xs: readonly number[], ys: readonly number[]): string | undefined {
  for (const x of xs) {
    for (const y of ys) {
      const v = ctx.comparison(x, y);
      const reason = keepApart(v.levels, 0, ctx.prepared[x]!, ctx.prepared[y]!, () => ctx.shareNameWord(x, y));
      if (reason) return reason;
    }
  }
  return undefined;
}

/**
 * Matches one record (index `i` of the context) against all others, as an intake does: the
 * direct decision on every blocked candidate, best score first. At most one candidate is linked:
 * when several would link, none is (two persons that each match the new record are not linked to
 * each other by it); they all go to review.
 */
export function matchOne(ctx: MatchContext, i: number): (DirectDecision & { j: number; score: number })[] {
  const out: (DirectDecision & { j: number; score: number })[] = [];
  for (const j of ctx.candidatesOf(i)) {
    const d = ctx.decide(i, j);
    if (d.decision !== 'new') out.push({ j, score: d.score, decision: d.decision, basis: d.basis, ...cap(d.capped) });
  }
  out.sort((x, y) => y.score - x.score);
  const linked = out.filter((d) => d.decision === 'link');
  if (linked.length > 1) {
    for (let k = 0; k < out.length; k++) {
      if (out[k]!.decision === 'link')
        out[k] = { ...out[k]!, decision: 'review', basis: 'review', capped: REASONS.severalPersons };
    }
  }
  return out;
}

/** The decision on one candidate person (all its records) for a new record. */
export interface PersonDecision extends DirectDecision {
  readonly person: string;
  /** Index of the candidate's record that scored best (the evidence a reviewer sees). */
  readonly j: number;
  readonly score: number;
}

/**
 * Matches one record (index `i`) against candidate persons, each made of all its records
 * (`personOf` gives the person of every record index; records of i's own person are skipped), as
 * the hub's intake does. A person links when one of its records links directly with i and none
 * of its records must be kept apart from i (a clear mismatch, given names sharing nothing, years
 * far apart: a namesake who matches one record of a person is stopped by the person's others).
 * When several persons would link, none does: they all go to review. Best score first.
 */
export function matchOneToPersons(ctx: MatchContext, i: number, personOf: (j: number) => string): PersonDecision[] {
  const own = personOf(i);
  const recordsOf = new Map<string, number[]>();
  for (let j = 0; j < ctx.prepared.length; j++) {
    const person = personOf(j);
    if (j === i || person === own) continue;
    const list = recordsOf.get(person);
    if (list) list.push(j);
    else recordsOf.set(person, [j]);
  }
  const best = new Map<string, PersonDecision>();
  const linking = new Map<string, PersonDecision>();
  for (const j of ctx.candidatesOf(i)) {
    const person = personOf(j);
    if (person === own) continue;
    const d = ctx.decide(i, j);
    if (d.decision === 'new') continue;
    const decided: PersonDecision = {
      person,
      j,
      score: d.score,
      decision: d.decision,
      basis: d.basis,
      ...cap(d.capped),
    };
    const prev = best.get(person);
    if (!prev || d.score > prev.score) best.set(person, decided);
    const prevLink = linking.get(person);
    if (d.decision === 'link' && (!prevLink || d.score > prevLink.score)) linking.set(person, decided);
  }
  const out: PersonDecision[] = [];
  for (const [person, top] of best) {
    const link = linking.get(person);
    if (!link) {
      out.push(top);
      continue;
    }
    const reason = firstConflict(ctx, [i], recordsOf.get(person) ?? []);
    out.push(
      reason ? { ...link, decision: 'review', basis: 'review', capped: `${REASONS.wouldJoin}: ${reason}` } : link,
    );
  }
  out.sort((x, y) => y.score - x.score);
  if (out.filter((d) => d.decision === 'link').length > 1) {
    return out.map((d) =>
      d.decision === 'link' ? { ...d, decision: 'review', basis: 'review', capped: REASONS.severalPersons } : d,
    );
  }
  return out;
}

function cap(capped: string | undefined): { capped?: string } {
  return capped ? { capped } : {};
}

/** Union–find over record indices that also lists members, for the consistency check. */
class Persons {
  private readonly parent: Int32Array;
  private readonly lists: (number[] | undefined)[];

  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
    this.lists = new Array<number[] | undefined>(n);
  }

  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[x] !== r) {
      const next = this.parent[x]!;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }

  members(root: number): readonly number[] {
    return this.lists[root] ?? [root];
  }

  union(a: number, b: number): void {
    const [big, small] = this.members(a).length >= this.members(b).length ? [a, b] : [b, a];
    this.parent[small] = big;
    this.lists[big] = [...this.members(big), ...this.members(small)];
    this.lists[small] = undefined;
  }

  *all(): Iterable<readonly number[]> {
    for (let i = 0; i < this.parent.length; i++) if (this.parent[i] === i) yield this.members(i);
  }
}
