/**
 * Designed look-alike pairs: two different persons whose records resemble each other in the ways
 * that mislead a matcher. Every pair is labelled with the kinds of resemblance it was built with.
 */
import { sameWords, type Person } from './population.js';

export const LOOKALIKE_KINDS = [
  /** Children of one household, born at most six years apart: same family name, same town. */
  'sibling',
  /** Siblings born in the same calendar year who are not twins (or with placeholders of one year). */
  'same-year-sibling',
  /** Twins: same birth date, same family name and town, different given names. */
  'twin',
  /** Father and son with the same given and family names, 15–45 years apart (sen./jun.). */
  'father-son',
  /** Mother and daughter with the same given and family names, 15–45 years apart. */
  'mother-daughter',
  /** Members of a crowd of one very common name, with heaped placeholder dates. */
  'common-name',
  /** Namesakes (same given and family name) where at least one has no birth date on any record. */
  'namesake-undated',
  /** Members of one household whose Jobcenter records carry the same Bedarfsgemeinschaft number. */
  'shared-household-id',
  /** Same given name, nationality and town, birth dates a few days apart, unrelated family names. */
  'same-given-name',
] as const;

export type LookalikeKind = (typeof LOOKALIKE_KINDS)[number];

export interface LookalikePair {
  /** Person ids, `a` < `b`. */
  readonly a: string;
  readonly b: string;
  readonly kinds: readonly LookalikeKind[];
}

/** Collects kinds per unordered person pair. */
export class LookalikeSet {
  private readonly pairs = new Map<string, { a: Person; b: Person; kinds: Set<LookalikeKind> }>();

  add(x: Person, y: Person, kind: LookalikeKind): void {
    if (x === y) return;
    const [a, b] = x.index < y.index ? [x, y] : [y, x];
    const key = `${a.index}|${b.index}`;
    let entry = this.pairs.get(key);
    if (!entry) {
      entry = { a, b, kinds: new Set() };
      this.pairs.set(key, entry);
    }
    entry.kinds.add(kind);
  }

  /** Pairs of retained persons, sorted by person index, kinds in declaration order. */
  list(): LookalikePair[] {
    return [...this.pairs.values()]
      .filter((e) => e.a.index >= 0 && e.b.index >= 0)
      .sort((p, q) => p.a.index - q.a.index || p.b.index - q.b.index)
      .map((e) => ({ a: e.a.id, b: e.b.id, kinds: LOOKALIKE_KINDS.filter((k) => e.kinds.has(k)) }));
  }
}

const SIX_YEARS = 6 * 365;

function dayOf(p: Person): number {
  return Date.UTC(p.birth.y, p.birth.m - 1, p.birth.d) / 86_400_000;
}

function shownYear(p: Person): number {
  return p.birth.known ? p.birth.y : p.birth.estYear;
}

/** Sibling, same-year and twin pairs among the children of each household. */
export function labelSiblings(children: readonly Person[], set: LookalikeSet): void {
  for (let i = 0; i < children.length; i++) {
    for (let j = i + 1; j < children.length; j++) {
      const a = children[i]!;
      const b = children[j]!;
      if (a.birth === b.birth) {
        set.add(a, b, 'twin');
        continue;
      }
      if (Math.abs(dayOf(a) - dayOf(b)) > SIX_YEARS) continue;
      set.add(a, b, 'sibling');
      // The year the papers show: the real one, or the estimate behind a placeholder.
      if (shownYear(a) === shownYear(b)) set.add(a, b, 'same-year-sibling');
    }
  }
}

/**
 * A parent and a child of one household with the same given and family names, 15–45 years
 * apart: a father and son (or mother and daughter) of one name that the household brought about
 * by chance rather than by design. Labelled like the designed ones.
 */
export function labelParentChildNamesakes(members: readonly Person[], set: LookalikeSet): void {
  const parents = members.filter((m) => m.role === 'head' || m.role === 'spouse');
  const children = members.filter((m) => m.role === 'child');
  for (const p of parents) {
    for (const c of children) {
      if (p.sex !== c.sex || p.family.length === 0 || !sameWords(p.given, c.given) || !sameWords(p.family, c.family))
        continue;
      const gap = c.birth.y - p.birth.y;
      if (gap >= 15 && gap <= 45) set.add(p, c, p.sex === 'male' ? 'father-son' : 'mother-daughter');
    }
  }
}
