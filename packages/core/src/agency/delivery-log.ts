import { outboxRepository, type Db, type OutboxRow } from '@kim/persistence';
import { ruleSwitches } from '../access/rules.js';
import { DomainError, forbidden } from '../common/errors.js';
import type { Principal } from '../common/principal.js';

/**
 * What the hub sent an agency, as that agency sees it: its own messages with their state,
 * attempts and last error, newest first, so its developers can tell a failing endpoint from a
 * quiet one without calling the operator. Another agency's messages are never in it.
 */
export async function agencyDeliveryLog(db: Db, p: Principal, first: number): Promise<OutboxRow[]> {
  if (p.kind !== 'agency') throw forbidden('the delivery log is the agency’s own');
  if (!Number.isInteger(first) || first < 1 || first > 200)
    throw new DomainError('INVALID_INPUT', 'first must be a whole number from 1 to 200');
  return outboxRepository.ofAgency(db, p.tenantId, p.agencyId, first, ruleSwitches.current());
}
