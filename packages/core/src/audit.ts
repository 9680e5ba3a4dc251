import type { EntityManager } from 'typeorm';
import { AuditEventEntity } from '@kim/persistence';
import { actorIdOf, type Principal } from './principal.js';

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string;
  categories?: string[];
  basis?: string | null;
  allowed: boolean;
  reason?: string | null;
}

/** Record a decision (who, what, on which basis, allowed or denied). Append-only. */
export async function audit(m: EntityManager, p: Principal, e: AuditEntry): Promise<void> {
  await m.insert(AuditEventEntity, {
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
  });
}
