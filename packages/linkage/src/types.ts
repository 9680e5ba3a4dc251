/**
 * Shared types of the linkage package. Vocabulary follows @kim/contracts (birth-date precision,
 * sex, identifier kinds) so records can later be mapped onto the hub's Person without renaming.
 */

/** How far a recorded birth date can be trusted. A 01.01. placeholder only ever tells the year. */
export type BirthDatePrecision = 'exact' | 'placeholder' | 'year-only' | 'unknown';

export type Sex = 'female' | 'male' | 'diverse' | 'unknown';

/** One agency's record of a person, exactly as the agency supplied it. */
export interface PersonRecord {
  readonly recordId: string;
  /** Agency that supplied the record (also the namespace of its own identifiers). */
  readonly sourceAgency: string;
  readonly givenNames: string;
  readonly familyName: string;
  /** Full name in its original script (Arabic, Cyrillic, ...) where known. */
  readonly nameOriginalScript?: string;
  /** ISO date `YYYY-MM-DD`, or `YYYY` when only the year is known. */
  readonly birthDate?: string;
  readonly birthDatePrecision: BirthDatePrecision;
  readonly sex: Sex;
  /** ISO 3166-1 alpha-3 (XXA/XXB/XXC/XXX for stateless, refugee, unspecified). */
  readonly nationality?: string;
  readonly municipality?: string;
  /**
   * The agency's identifier for the person. `azr:<number>` marks an AZR number, which is
   * valid across agencies; anything else is an agency customer number in the agency's namespace.
   */
  readonly agencyIdentifier?: string;
}

export type Decision = 'link' | 'review' | 'new';
