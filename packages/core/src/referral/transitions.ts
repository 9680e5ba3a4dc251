import type { EntityManager } from 'typeorm';
import { transition, type TransitionCommand } from '@kim/referral-workflow';
import { referralRepository, type ReferralRow } from '@kim/persistence';
import { DomainError, notFound } from '../common/errors.js';

export async function lockReferral(m: EntityManager, tenantId: string, referralId: string): Promise<ReferralRow> {
  const r = await referralRepository.lock(m, tenantId, referralId);
  if (!r) throw notFound('referral', referralId);
  return r;
}

/** Apply one state-machine move to a locked referral row, or fail with the machine's reason. */
export function applyTransition(
  r: Pick<ReferralRow, 'status' | 'businessStatus' | 'statusReason' | 'servicesDelivered' | 'outcome'>,
  command: TransitionCommand,
): void {
  const result = transition({ status: r.status, businessStatus: r.businessStatus ?? undefined }, command);
  if (!result.ok) {
    throw new DomainError('INVALID_TRANSITION', result.error.message, { reason: result.error.code });
  }
  r.status = result.next.status;
  r.businessStatus = result.next.businessStatus ?? null;
  if (command.reason !== undefined) r.statusReason = command.reason;
  if (command.servicesDelivered !== undefined) r.servicesDelivered = [...command.servicesDelivered];
  if (command.outcome !== undefined) r.outcome = command.outcome;
}
