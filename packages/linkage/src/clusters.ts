/**
 * Persons as clusters of agency records, with pure merge and unmerge. Nothing is lost: a merged
 * cluster keeps the two clusters it was made of, so unmerging returns them exactly (the same
 * objects, deep-equal to what went in). Persistence comes later; these are values.
 */
import { identifierKey, recordIdentifier, type ExternalIdentifier } from './linkmap.js';
import type { PersonRecord } from './types.js';

export interface PersonCluster {
  readonly personId: string;
  /** The agencies' records of this person, exactly as supplied. */
  readonly records: readonly PersonRecord[];
  /** Identifiers of the link map, deduplicated. */
  readonly identifiers: readonly ExternalIdentifier[];
  /** The merge that made this cluster, if any; older merges are inside `left` and `right`. */
  readonly mergedFrom?: MergeRecord;
}

export interface MergeRecord {
  /** The surviving cluster as it was before the merge (its person id is kept). */
  readonly left: PersonCluster;
  /** The absorbed cluster as it was before the merge. */
  readonly right: PersonCluster;
  /** Records added after the merge, in the order added (they belong to neither side yet). */
  readonly addedAfter: readonly PersonRecord[];
  readonly at?: string;
  readonly reason?: string;
}

function identifiersOf(
  records: readonly PersonRecord[],
  start: readonly ExternalIdentifier[] = [],
): ExternalIdentifier[] {
  const seen = new Set(start.map(identifierKey));
  const out = [...start];
  for (const r of records) {
    const id = recordIdentifier(r);
    if (id && !seen.has(identifierKey(id))) {
      seen.add(identifierKey(id));
      out.push(id);
    }
  }
  return out;
}

export function createCluster(personId: string, records: readonly PersonRecord[]): PersonCluster {
  assertDistinct(records);
  return { personId, records: [...records], identifiers: identifiersOf(records) };
}

/** Adds a record to a person (a new agency record that linked). */
export function addRecord(cluster: PersonCluster, record: PersonRecord): PersonCluster {
  if (cluster.records.some((r) => r.recordId === record.recordId)) {
    throw new Error(`record ${record.recordId} is already in person ${cluster.personId}`);
  }
  return {
    personId: cluster.personId,
    records: [...cluster.records, record],
    identifiers: identifiersOf([record], cluster.identifiers),
    ...(cluster.mergedFrom
      ? { mergedFrom: { ...cluster.mergedFrom, addedAfter: [...cluster.mergedFrom.addedAfter, record] } }
      : {}),
  };
}

/** Merges two persons into one; the survivor's person id is kept. */
export function mergeClusters(
  survivor: PersonCluster,
  absorbed: PersonCluster,
  meta: { at?: string; reason?: string } = {},
): PersonCluster {
  if (survivor.personId === absorbed.personId) throw new Error(`cannot merge person ${survivor.personId} with itself`);
  const records = [...survivor.records, ...absorbed.records];
  assertDistinct(records);
  return {
    personId: survivor.personId,
    records,
    identifiers: identifiersOf(absorbed.records, survivor.identifiers),
    mergedFrom: {
      left: survivor,
      right: absorbed,
      addedAfter: [],
      ...(meta.at !== undefined ? { at: meta.at } : {}),
      ...(meta.reason !== undefined ? { reason: meta.reason } : {}),
    },
  };
}

export interface UnmergeResult {
  /** Exactly the clusters that were merged. */
  readonly left: PersonCluster;
  readonly right: PersonCluster;
  /** Records added to the merged person afterwards: they must be assigned again. */
  readonly unassigned: readonly PersonRecord[];
}

/** Undoes the most recent merge of a cluster. */
export function unmergeCluster(cluster: PersonCluster): UnmergeResult {
  const merge = cluster.mergedFrom;
  if (!merge) throw new Error(`person ${cluster.personId} is not the result of a merge`);
  return { left: merge.left, right: merge.right, unassigned: merge.addedAfter };
}

function assertDistinct(records: readonly PersonRecord[]): void {
  const ids = new Set<string>();
  for (const r of records) {
    if (ids.has(r.recordId)) throw new Error(`record ${r.recordId} appears twice`);
    ids.add(r.recordId);
  }
}

/**
 * Persons from a match: one cluster per group of linked records and one per remaining record.
 * `personId(i)` names the i-th person (the hub assigns real ids when it persists them).
 */
export function clustersFromGroups(
  records: readonly PersonRecord[],
  groups: readonly (readonly string[])[],
  personId: (index: number) => string,
): PersonCluster[] {
  const byId = new Map(records.map((r) => [r.recordId, r]));
  const grouped = new Set<string>();
  const out: PersonCluster[] = [];
  for (const g of groups) {
    const members = g.map((id) => {
      const r = byId.get(id);
      if (!r) throw new Error(`unknown record ${id}`);
      grouped.add(id);
      return r;
    });
    out.push(createCluster(personId(out.length), members));
  }
  for (const r of records) if (!grouped.has(r.recordId)) out.push(createCluster(personId(out.length), [r]));
  return out;
}
