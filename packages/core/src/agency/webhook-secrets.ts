import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { generateWebhookSecret } from '@kim/messaging';
import { agencyRepository } from '@kim/persistence';
import { audit } from '../ledger/audit.js';
import { DomainError, notFound } from '../common/errors.js';
import type { Principal } from '../common/principal.js';

export interface RotationStarted {
  agencyId: string;
  /** Shown once to the operator, who hands it to the agency. */
  nextSecret: string;
  startedAt: Date;
}

/**
 * Start rotating an agency's webhook secret. Until `finishSecretRotation`, outbound webhooks
 * carry a signature with each secret and inbound messages are accepted with either, so the
 * agency can switch over whenever it is ready without losing a message.
 */
export async function startSecretRotation(ds: DataSource, p: Principal, agencyId: string): Promise<RotationStarted> {
  return ds.transaction(async (m) => {
    const agency = await agencyRepository.lockRotation(m, p.tenantId, agencyId);
    if (!agency) throw notFound('agency', agencyId);
    if (agency.nextWebhookSecret) {
      throw new DomainError(
        'CONFLICT',
        `a rotation of agency ${agencyId}'s webhook secret has been running since ${agency.secretRotationStartedAt?.toISOString() ?? 'earlier'}; finish it first`,
      );
    }
    const nextSecret = generateWebhookSecret(randomBytes(32));
    const startedAt = new Date();
    await agencyRepository.startRotation(m, p.tenantId, agencyId, nextSecret, startedAt);
    await audit(m, p, {
      action: 'agency.secret-rotation.start',
      subjectType: 'agency',
      subjectId: agencyId,
      allowed: true,
      agencyId,
    });
    return { agencyId, nextSecret, startedAt };
  });
}

/** Retire the old secret: from now on only the new one signs and verifies. */
export async function finishSecretRotation(
  ds: DataSource,
  p: Principal,
  agencyId: string,
): Promise<{ agencyId: string }> {
  return ds.transaction(async (m) => {
    const agency = await agencyRepository.lockRotation(m, p.tenantId, agencyId);
    if (!agency) throw notFound('agency', agencyId);
    if (!agency.nextWebhookSecret) {
      throw new DomainError('CONFLICT', `no rotation of agency ${agencyId}'s webhook secret is running`);
    }
    await agencyRepository.finishRotation(m, p.tenantId, agencyId);
    await audit(m, p, {
      action: 'agency.secret-rotation.finish',
      subjectType: 'agency',
      subjectId: agencyId,
      allowed: true,
      agencyId,
    });
    return { agencyId };
  });
}
