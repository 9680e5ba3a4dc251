/**
 * What a record's identifier is, and whom its issuer assigns it to. Only an identifier its issuer
 * gives to one person can say that two records are one person (AZR number, an agency's customer
 * number); a household number (a Jobcenter's Bedarfsgemeinschaft number) is shared by everyone in
 * the household and never links persons. Vocabulary as in @kim/contracts (IdentifierKind,
 * IdentifierLevel).
 */
import type { PersonRecord } from './types.js';

export type IdentifierKind = 'azr' | 'agency-customer-number' | 'household-number' | 'case-file-number';
/** `case`: a file number (Aktenzeichen) names a case, not a person (see CASE_FILE_NUMBER). */
export type IdentifierLevel = 'person' | 'household' | 'case';

export interface ExternalIdentifier {
  readonly kind: IdentifierKind;
  readonly level: IdentifierLevel;
  /**
   * Who assigns the number: `azr` for the register (valid across agencies), otherwise the
   * supplying agency (its customer and household numbers are its own namespace).
   */
  readonly issuer: string;
  readonly value: string;
}

/** Explicit kind prefixes: `AZR:` (also `AZR-`, `azr `), household prefixes `household:`, `hh:`, `bg:`. */
const AZR_PREFIX = /^azr[:\s-]\s*(.+)$/i;
const HOUSEHOLD_PREFIX = /^(?:household|haushalt|hh|bg|bg-nr\.?|bgnr)\s*[:\s-]\s*(.+)$/i;
/**
 * Bedarfsgemeinschaft numbers as Jobcenters print them: the office number (five digits), `BG`,
 * seven digits, with or without separators (12345BG0012345, 12345 BG 0012345, 12345-BG-0012345).
 */
const BG_NUMBER = /^\d{5}[\s-]?BG[\s-]?\d{7}$/i;

/**
 * A file number (Aktenzeichen) as German offices write it: the office's number in the
 * municipal filing plan, the year the file was opened, a serial (51-2024/9349: Amt 51, the
 * Jugendamt, 2024, file 9349). It names a case: one child has a new file for each case over the
 * years, and one case may concern several children of a family. So two different file numbers
 * do not say two persons, and one file number does not say one person.
 */
const CASE_FILE_NUMBER = /^\d{2,3}(?:\.\d{1,2})?\s*-\s*(?:19|20)\d{2}\s*\/\s*\d{1,6}$/;

function compact(value: string): string {
  return value.replace(/[\s-]+/g, '').toUpperCase();
}

/** Reads a record's identifier: kind, level, issuer and a canonical value. */
export function recordIdentifier(record: PersonRecord): ExternalIdentifier | undefined {
  const raw = record.agencyIdentifier?.trim();
  if (!raw) return undefined;
  const agency = record.sourceAgency.trim().toLowerCase();
  const azr = AZR_PREFIX.exec(raw);
  if (azr) return { kind: 'azr', level: 'person', issuer: 'azr', value: compact(azr[1]!) };
  const household = HOUSEHOLD_PREFIX.exec(raw);
  if (household) return { kind: 'household-number', level: 'household', issuer: agency, value: compact(household[1]!) };
  if (BG_NUMBER.test(raw)) return { kind: 'household-number', level: 'household', issuer: agency, value: compact(raw) };
  if (CASE_FILE_NUMBER.test(raw))
    return { kind: 'case-file-number', level: 'case', issuer: agency, value: compact(raw) };
  return { kind: 'agency-customer-number', level: 'person', issuer: agency, value: raw };
}

/** Canonical string of an identifier: equal keys mean the same number from the same issuer. */
export function identifierKey(id: ExternalIdentifier): string {
  const prefix =
    id.kind === 'azr' ? 'azr' : id.kind === 'household-number' ? 'hh' : id.kind === 'case-file-number' ? 'case' : 'acn';
  return id.kind === 'azr' ? `${prefix}:${id.value}` : `${prefix}:${id.issuer}:${id.value}`;
}
