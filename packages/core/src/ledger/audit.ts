import type { AuditAction } from '@kim/contracts';
import { auditRepository, type AuditInsert, type Db } from '@kim/persistence';
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

/**
 * Record a decision (who, what, on which basis, allowed or denied). Append-only: the
 * database chains each row to its predecessor and refuses updates and deletes.
 */
export async function audit(db: Db, p: Principal, e: AuditEntry): Promise<void> {
  await auditRepository.insert(db, auditRow(p, e));
}

/** Several entries in one statement, chained in the order given (a batch of deliveries' disclosures). */
export async function auditMany(db: Db, entries: readonly { by: Principal; entry: AuditEntry }[]): Promise<void> {
  await auditRepository.insertMany(
    db,
    entries.map((x) => auditRow(x.by, x.entry)),
  );
}

function auditRow(p: Principal, e: AuditEntry): AuditInsert {
  return {
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
  };
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  /** First entry that does not fit the chain, and why. */
  broken?: { seq: string; problem: 'hash-mismatch' | 'link-mismatch' | 'gap' };
}

/**
 * Recompute one tenant's audit chain. A changed row breaks its own hash, a removed row
 * leaves a gap in the sequence, a re-linked row breaks the link to its predecessor.
 */
export async function verifyAuditChain(db: Db, tenantId: string): Promise<ChainVerification> {
  const rows = await auditRepository.chain(db, tenantId);
  for (const r of rows) {
    if (r.seq !== r.expected_seq) return { ok: false, checked: rows.length, broken: { seq: r.seq, problem: 'gap' } };
    if (!r.ok_hash) return { ok: false, checked: rows.length, broken: { seq: r.seq, problem: 'hash-mismatch' } };
    if (!r.ok_link) return { ok: false, checked: rows.length, broken: { seq: r.seq, problem: 'link-mismatch' } };
  }
  return { ok: true, checked: rows.length };
}
