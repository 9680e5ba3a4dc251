/**
 * What a record's identifier is, and whom its issuer assigns it to. Only an identifier its issuer
 * gives to one person can say that two records are one person (AZR number, an agency's customer
 * number); a household number (a Jobcenter's Bedarfsgemeinschaft number) is shared by everyone in
 * the household and never links persons. Vocabulary as in @kim/contracts (IdentifierKind,
 * IdentifierLevel).
 */
import type { PersonRecord } from './types.js';

export type IdentifierKind = 'azr' | 'agency-customer-number' | 'household-number';
export type IdentifierLevel = 'person' | 'household';

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
  return { kind: 'agency-customer-number', level: 'person', issuer: agency, value: raw };
}

/** Canonical string of an identifier: equal keys mean the same number from the same issuer. */
export function identifierKey(id: ExternalIdentifier): string {
  const prefix = id.kind === 'azr' ? 'azr' : id.kind === 'household-number' ? 'hh' : 'acn';
  return id.kind === 'azr' ? `${prefix}:${id.value}` : `${prefix}:${id.issuer}:${id.value}`;
}
