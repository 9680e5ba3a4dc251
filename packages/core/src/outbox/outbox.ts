import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DeliveryState } from '@kim/contracts';
import { OutboxMessageEntity, insertRow } from '@kim/persistence';

/** An outbox row written in the same transaction as the change it announces. */
export interface OutboxWrite {
  outboxId: string;
  tenantId: string;
  traceId: string;
}

export interface OutboxMessage {
  tenantId: string;
  agencyId: string;
  eventType: string;
  traceId: string;
  referralId?: string | null;
  consentId?: string | null;
}

/** The body is not stored here: the worker builds it at send time, after checking consent again. */
export async function writeOutbox(m: EntityManager, msg: OutboxMessage): Promise<OutboxWrite> {
  const outboxId = randomUUID();
  await insertRow(m, OutboxMessageEntity, {
    tenantId: msg.tenantId,
    id: outboxId,
    agencyId: msg.agencyId,
    referralId: msg.referralId ?? null,
    consentId: msg.consentId ?? null,
    eventType: msg.eventType,
    eventId: randomUUID(),
    deliveryState: DeliveryState.QUEUED,
    traceId: msg.traceId,
  });
  return { outboxId, tenantId: msg.tenantId, traceId: msg.traceId };
}
