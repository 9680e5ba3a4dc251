import type { AuditAction } from '@kim/contracts';
import { auditRepository, type Db } from '@kim/persistence';
import { actorIdOf, type Principal } from '../common/principal.js';

export interface AuditEntry {
  /** One of the registry in @kim/contracts: a typo is a type error. */
  action: AuditAction;
  subjectType: string;
  subjectId: string;
  categories?: string[];
  basis?: string | null;
  allowed: boolean;
  reason?: string | null;
  /** The person the entry concerns (disclosures, reads, consent changes): for the Art. 15 report. */
  personId?: string | null;
  /** The agency that received or read data, or was refused. */
  agencyId?: string | null;
}

/** The ledger row of one decision of a principal. */
export const auditRow = (p: Principal, e: AuditEntry) => ({
  tenantId: p.tenantId,
  actorKind: p.kind,
  actorId: actorIdOf(p),
  action: e.action,
  subjectType: e.subjectType,
  subjectId: e.subjectId,
  categories: e.categories ?? [],
  basis: e.basis ?? null,
  allowed: e.allowed,
  reason: e.reason ?? null,
  personId: e.personId ?? null,
  agencyId: e.agencyId ?? (p.kind === 'agency' ? p.agencyId : null),
});

/**
 * Record a decision (who, what, on which basis, allowed or denied). Append-only: the
 * database refuses updates and deletes; the sealer chains the row to its predecessor once it
 * is committed (sealAuditChain, LedgerSealer).
 */
export async function audit(db: Db, p: Principal, e: AuditEntry): Promise<void> {
  await auditRepository.insert(db, auditRow(p, e));
}

/** Several decisions of one principal in one statement, in their order (atomic on its own). */
export async function auditAll(db: Db, p: Principal, entries: readonly AuditEntry[]): Promise<void> {
  await auditRepository.insertMany(
    db,
    entries.map((e) => auditRow(p, e)),
  );
}

/** Entries sealed per statement: the sealer goes on while a batch comes back full. */
const SEAL_BATCH = 5000;

/**
 * Chain a tenant's committed unsealed entries (null: every tenant's), in the order they were
 * written, each in a short transaction of its own under the tenant's lock. Returns how many.
 */
export async function sealAuditChain(db: Db, tenantId: string | null): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await auditRepository.seal(db, tenantId, SEAL_BATCH);
    total += n;
    if (n < SEAL_BATCH) return total;
  }
}

/** How long an entry may stay unsealed before verification calls the ledger broken. */
export const SEAL_GRACE_MS = 5 * 60_000;

export interface ChainVerification {
  ok: boolean;
  /** Sealed entries checked. */
  checked: number;
  /** Entries written but not chained yet (younger than the grace: not a fault). */
  unsealed: number;
  /**
   * First entry that does not fit the chain, and why: `entry` is its place in the chain (link);
   * for `unsealed`, the seq of the oldest entry left unsealed longer than the grace.
   */
  broken?: { entry: string; problem: 'hash-mismatch' | 'link-mismatch' | 'gap' | 'unsealed' };
}

/**
 * Recompute one tenant's audit chain. A changed row breaks its own hash, a removed row
 * leaves a gap in the chain's positions, a re-linked row breaks the link to its predecessor;
 * an entry the sealer has left unchained longer than graceMs is a fault too (the sealer is not
 * running, or a row was slipped in behind it).
 */
export async function verifyAuditChain(
  db: Db,
  tenantId: string,
  opts: { now?: Date; graceMs?: number } = {},
): Promise<ChainVerification> {
  const rows = await auditRepository.chain(db, tenantId);
  const pending = await auditRepository.unsealed(db, tenantId);
  const result = (broken?: ChainVerification['broken']): ChainVerification => ({
    ok: !broken,
    checked: rows.length,
    unsealed: pending.n,
    ...(broken && { broken }),
  });
  for (const r of rows) {
    if (r.link !== r.expected_link) return result({ entry: r.link, problem: 'gap' });
    if (!r.ok_hash) return result({ entry: r.link, problem: 'hash-mismatch' });
    if (!r.ok_link) return result({ entry: r.link, problem: 'link-mismatch' });
  }
  const now = (opts.now ?? new Date()).getTime();
  if (pending.oldestAt && now - new Date(pending.oldestAt).getTime() > (opts.graceMs ?? SEAL_GRACE_MS))
    return result({ entry: pending.firstSeq!, problem: 'unsealed' });
  return result();
}
