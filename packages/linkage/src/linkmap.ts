/**
 * The link map: every identifier an agency uses for a person, pointing at the hub's person.
 * A record that carries a known identifier links deterministically, without scoring.
 * Immutable: every change returns a new map, so callers can keep history and persist later.
 */
import type { PersonRecord } from './types.js';

/** Identifier kinds as in @kim/contracts: register numbers and agency customer numbers. */
export type IdentifierKind = 'azr' | 'agency-customer-number';

export interface ExternalIdentifier {
  readonly kind: IdentifierKind;
  /** Issuing agency for customer numbers; absent for register numbers such as the AZR number. */
  readonly agency?: string;
  readonly value: string;
}

/**
 * Reads a record's identifier. `azr:` (any case, also `AZR-`/`AZR `) marks an AZR number, valid
 * across agencies; anything else is the supplying agency's own customer number.
 */
export function recordIdentifier(record: PersonRecord): ExternalIdentifier | undefined {
  const raw = record.agencyIdentifier?.trim();
  if (!raw) return undefined;
  const azr = /^azr[:\s-]\s*(.+)$/i.exec(raw);
  if (azr) return { kind: 'azr', value: azr[1]!.replace(/\s+/g, '') };
  return { kind: 'agency-customer-number', agency: record.sourceAgency.trim().toLowerCase(), value: raw };
}

/** Canonical string of an identifier, the key of the link map. */
export function identifierKey(id: ExternalIdentifier): string {
  return id.kind === 'azr' ? `azr:${id.value}` : `acn:${id.agency ?? ''}:${id.value}`;
}

export interface LinkMap {
  /** identifier key → person id */
  readonly byIdentifier: ReadonlyMap<string, string>;
  /** person id → identifiers */
  readonly byPerson: ReadonlyMap<string, readonly ExternalIdentifier[]>;
}

export const EMPTY_LINK_MAP: LinkMap = { byIdentifier: new Map(), byPerson: new Map() };

export class IdentifierConflictError extends Error {
  constructor(
    readonly identifier: string,
    readonly existingPerson: string,
    readonly newPerson: string,
  ) {
    super(`identifier ${identifier} already belongs to person ${existingPerson}, not ${newPerson}`);
  }
}

/** Adds identifiers to a person. An identifier already held by another person is a conflict. */
export function addIdentifiers(map: LinkMap, personId: string, ids: readonly ExternalIdentifier[]): LinkMap {
  const byIdentifier = new Map(map.byIdentifier);
  const current = [...(map.byPerson.get(personId) ?? [])];
  for (const id of ids) {
    const key = identifierKey(id);
    const owner = byIdentifier.get(key);
    if (owner !== undefined && owner !== personId) throw new IdentifierConflictError(key, owner, personId);
    if (owner === undefined) {
      byIdentifier.set(key, personId);
      current.push(id);
    }
  }
  const byPerson = new Map(map.byPerson);
  byPerson.set(personId, current);
  return { byIdentifier, byPerson };
}

/** Removes a person's identifiers (used when a person is unmerged or erased). */
export function removePerson(map: LinkMap, personId: string): LinkMap {
  const ids = map.byPerson.get(personId);
  if (!ids) return map;
  const byIdentifier = new Map(map.byIdentifier);
  for (const id of ids) byIdentifier.delete(identifierKey(id));
  const byPerson = new Map(map.byPerson);
  byPerson.delete(personId);
  return { byIdentifier, byPerson };
}

/** The person a record belongs to by identifier, if its identifier is known. */
export function resolveByIdentifier(map: LinkMap, record: PersonRecord): string | undefined {
  const id = recordIdentifier(record);
  return id ? map.byIdentifier.get(identifierKey(id)) : undefined;
}
