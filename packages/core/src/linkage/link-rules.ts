/**
 * Pure rules of identity linkage in the hub: how a stored person becomes a matcher record,
 * which side of a pair survives a merge, and what of a review's evidence a viewer may see.
 */
import type { FieldEvidence, PersonRecord } from '@kim/linkage';
import type { BirthDatePrecision, Sex } from '@kim/linkage';

/** The columns of a person the matcher needs (a subset of persons, plus the AZR number if any). */
export interface LinkablePerson {
  id: string;
  givenNames: string;
  familyName: string;
  nameOriginalScript: string | null;
  birthDate: string | null;
  birthDatePrecision: string;
  sex: string;
  nationality: string | null;
  municipality: string | null;
  azr: string | null;
}

const PRECISIONS = new Set<BirthDatePrecision>(['exact', 'placeholder', 'year-only', 'unknown']);
const SEXES = new Set<Sex>(['female', 'male', 'diverse', 'unknown']);

/**
 * A person as the matcher sees it. Only the AZR number goes along as identifier: it is valid
 * across agencies, so two different AZR numbers are strong evidence of two persons. Agency
 * customer numbers are handled before scoring (the link map links them deterministically).
 */
export function toMatchRecord(p: LinkablePerson): PersonRecord {
  const precision = PRECISIONS.has(p.birthDatePrecision as BirthDatePrecision)
    ? (p.birthDatePrecision as BirthDatePrecision)
    : 'unknown';
  const birthDate = p.birthDate
    ? precision === 'year-only'
      ? p.birthDate.slice(0, 4)
      : p.birthDate.slice(0, 10)
    : undefined;
  return {
    recordId: p.id,
    sourceAgency: 'hub',
    givenNames: p.givenNames,
    familyName: p.familyName,
    nameOriginalScript: p.nameOriginalScript ?? undefined,
    birthDate: precision === 'unknown' ? undefined : birthDate,
    birthDatePrecision: birthDate ? precision : 'unknown',
    sex: SEXES.has(p.sex as Sex) ? (p.sex as Sex) : 'unknown',
    nationality: p.nationality ?? undefined,
    municipality: p.municipality ?? undefined,
    agencyIdentifier: p.azr ? `azr:${p.azr}` : undefined,
  };
}

/** A pair stored once: the smaller id first, as the table's check demands. */
export function orderedPair(x: string, y: string): { a: string; b: string; swapped: boolean } {
  return x < y ? { a: x, b: y, swapped: false } : { a: y, b: x, swapped: true };
}

/** Evidence with sides exchanged, for a pair whose stored order is the reverse of the compared one. */
export function swapEvidence(evidence: readonly FieldEvidence[]): FieldEvidence[] {
  return evidence.map((e) => ({ ...e, valueA: e.valueB, valueB: e.valueA }));
}

/**
 * Which person survives a merge: the one known longer (its cases and the case managers' habits
 * refer to it); on a tie the smaller id, so the choice does not depend on the order of the call.
 */
export function chooseSurvivor<T extends { id: string; createdAt: Date }>(x: T, y: T): { survivor: T; merged: T } {
  const xFirst =
    x.createdAt.getTime() < y.createdAt.getTime() || (x.createdAt.getTime() === y.createdAt.getTime() && x.id < y.id);
  return xFirst ? { survivor: x, merged: y } : { survivor: y, merged: x };
}

/** Data category of each compared field (municipality is contact data, the rest identity). */
export const EVIDENCE_CATEGORY: Record<string, 'identity' | 'contact'> = {
  given: 'identity',
  family: 'identity',
  originalScript: 'identity',
  birthDate: 'identity',
  sex: 'identity',
  nationality: 'identity',
  municipality: 'contact',
  identifier: 'identity',
};

export interface EvidenceView {
  field: string;
  /** Null where either person has no case in the viewer's area: the level compares both sides. */
  level: string | null;
  weight: number | null;
  /** Null where the viewer may not see this side's data of the field's category. */
  valueA: string | null;
  valueB: string | null;
  category: 'identity' | 'contact';
}

/**
 * The evidence as one viewer may see it: levels and weights always (they name nobody), values of
 * a side only if the viewer may see that person's data of the field's category.
 */
export function evidenceForViewer(
  evidence: readonly { field: string; level: string; weight: number; valueA: string; valueB: string }[],
  visibleA: readonly string[],
  visibleB: readonly string[],
): EvidenceView[] {
  return evidence.map((e) => {
    const category = EVIDENCE_CATEGORY[e.field] ?? 'identity';
    return {
      field: e.field,
      level: e.level,
      weight: e.weight,
      category,
      valueA: visibleA.includes(category) ? e.valueA : null,
      valueB: visibleB.includes(category) ? e.valueB : null,
    };
  });
}

/**
 * Evidence with the names as each person has them recorded. The matcher shows a pair compared
 * crosswise (given and family names swapped) with B's names exchanged; a reviewer should read
 * the names as recorded, with the level telling that they matched crosswise.
 */
export function asRecorded(evidence: readonly FieldEvidence[], swapped: boolean): FieldEvidence[] {
  if (!swapped) return [...evidence];
  const given = evidence.find((e) => e.field === 'given');
  const family = evidence.find((e) => e.field === 'family');
  return evidence.map((e) => {
    if (e.field === 'given' && family) return { ...e, valueB: family.valueB, level: `${e.level}-crosswise` };
    if (e.field === 'family' && given) return { ...e, valueB: given.valueB, level: `${e.level}-crosswise` };
    return e;
  });
}
