import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { outboxRepository, type OutboxInsert } from '@kim/persistence';

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

/**
 * Write a message to the outbox, queued, inside the caller's transaction. The body is not
 * stored here: it is built at send time, after consent is checked again (build.ts). After the
 * commit the command hands the write to the publisher.
 */
export async function writeOutbox(m: EntityManager, msg: OutboxMessage): Promise<OutboxWrite> {
  const { row, write } = outboxRow(msg);
  await outboxRepository.insert(m, row);
  return write;
}

/**
 * The outbox row of a message (fresh ids), for a caller that writes it in a statement of its
 * own making (sending writes it with the referral's state), and the write to publish after commit.
 */
export function outboxRow(msg: OutboxMessage): { row: OutboxInsert; write: OutboxWrite } {
  const row: OutboxInsert = {
    tenantId: msg.tenantId,
    id: randomUUID(),
    agencyId: msg.agencyId,
    referralId: msg.referralId ?? null,
    consentId: msg.consentId ?? null,
    eventType: msg.eventType,
    eventId: randomUUID(),
    traceId: msg.traceId,
  };
  return { row, write: { outboxId: row.id, tenantId: msg.tenantId, traceId: msg.traceId } };
}
