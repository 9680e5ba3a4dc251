import type { DataSource, EntityManager } from 'typeorm';
import { DeliveryState, StaffRole } from '@kim/contracts';
import {
  outboxRepository,
  type MessageOrderDirection,
  type MessageOrderField,
  type OutboxRow,
  type PositionedOutboxRow,
  type RelayItem,
} from '@kim/persistence';
import { orderedCursor, rowLeftList } from '../common/cursor.js';
import { audit } from '../ledger/audit.js';
import { DomainError, forbidden, notFound } from '../common/errors.js';
import { actorIdOf, type Principal } from '../common/principal.js';
import type { OutboxPublisher } from './publisher.js';

/**
 * An outbox row, locked for a person's decision about it (discard, replay). Operators (and their
 * command-line tools) reach every message of their tenant, coordinators those of their area; for
 * a coordinator outside their area it does not exist.
 */
async function lockedMessage(m: EntityManager, p: Principal, outboxId: string): Promise<OutboxRow> {
  // The system acts for operators' command-line tools (npm run hub -- replay-dead / discard-dead).
  const staffMayOperate = p.kind === 'staff' && (p.role === StaffRole.OPERATOR || p.role === StaffRole.COORDINATOR);
  if (p.kind !== 'system' && !staffMayOperate) throw forbidden('only operators and coordinators operate on messages');
  const msg = await outboxRepository.lock(m, p.tenantId, outboxId);
  if (!msg) throw notFound('message', outboxId);
  if (p.kind === 'staff' && p.role === StaffRole.COORDINATOR) {
    if (!(await outboxRepository.inCoordinationArea(m, p.tenantId, outboxId, p.coordinationAreaId)))
      throw notFound('message', outboxId);
  }
  return msg;
}

/**
 * Dead letters: messages whose delivery failed for good (or keeps failing). A person replays
 * them (they go out again, under a new job id) or discards them (never delivered, audited with
 * the reason).
 */
/** An order of a message list other than newest first. */
export interface MessageOrder {
  field: MessageOrderField;
  direction: MessageOrderDirection;
}
const messageOrderCursor = orderedCursor<MessageOrderField>('message-order');

export class OutboxDeadLetters {
  constructor(
    private readonly ds: DataSource,
    private readonly publisher: OutboxPublisher,
  ) {}

  /**
   * A page of messages in one delivery state, newest first, after a keyset position:
   * coordinators see the messages of cases of their area, operators the tenant's (messages
   * carry no case data).
   */
  page(
    p: Principal,
    q: {
      state: DeliveryState;
      agencyId: string | null;
      failing: boolean;
      after: { createdUs: string; id: string } | null;
      limit: number;
    },
  ): Promise<PositionedOutboxRow[]> {
    const coordinator = p.kind === 'staff' && p.role === StaffRole.COORDINATOR;
    return outboxRepository.page(this.ds, {
      tenantId: p.tenantId,
      ...q,
      coordinationArea: coordinator ? { id: p.coordinationAreaId } : null,
    });
  }

  /**
   * `page` in a chosen order: each message with its cursor (the order and the message's id only;
   * the key is read from the message, in the caller's scope). A cursor of another order, or of a
   * message the caller may not list, is refused.
   */
  async orderedPage(
    p: Principal,
    q: {
      state: DeliveryState;
      agencyId: string | null;
      failing: boolean;
      order: MessageOrder;
      after: string | null;
      limit: number;
    },
  ): Promise<(OutboxRow & { cursor: string })[]> {
    const coordinator = p.kind === 'staff' && p.role === StaffRole.COORDINATOR;
    const scope = { tenantId: p.tenantId, coordinationArea: coordinator ? { id: p.coordinationAreaId } : null };
    const afterId = q.after ? messageOrderCursor.decode(q.after, q.order) : null;
    const rows = await outboxRepository.orderedPage(this.ds, { ...scope, ...q, afterId });
    if (afterId && !rows.length && !(await outboxRepository.listed(this.ds, scope, afterId))) throw rowLeftList();
    return rows.map((r) => ({ ...r, cursor: messageOrderCursor.encode(q.order, r.id) }));
  }

  /** A message as it is now, with its keyset position (after a replay or discard). */
  async positioned(tenantId: string, outboxId: string): Promise<PositionedOutboxRow> {
    const msg = await outboxRepository.positioned(this.ds, tenantId, outboxId);
    if (!msg) throw notFound('message', outboxId);
    return msg;
  }

  /**
   * A person decided that a dead message, or one still failing its retries, is not to be
   * delivered at all. Idempotent: discarding a discarded message changes nothing and records
   * nothing again. Delivery, the relay, the reconciliation, the file export and replay all
   * act only on queued or dead messages, so a discarded one stays where it is. (An attempt
   * already on the wire when a failing message is discarded may still arrive; its answer is
   * then recorded as the truth: acknowledged.)
   */
  async discard(p: Principal, outboxId: string, reason: string): Promise<OutboxRow> {
    const why = reason.trim();
    if (why.length < 3 || why.length > 500) {
      throw new DomainError('INVALID_INPUT', 'a discard needs a reason of 3 to 500 characters', {
        problems: [{ path: 'reason', message: 'say why the message is not to be delivered (3 to 500 characters)' }],
      });
    }
    return this.ds.transaction(async (m) => {
      const msg = await lockedMessage(m, p, outboxId);
      if (msg.deliveryState === DeliveryState.DISCARDED) return msg;
      const failing = msg.deliveryState === DeliveryState.QUEUED && msg.lastError !== null;
      if (msg.deliveryState !== DeliveryState.DEAD && !failing) {
        throw new DomainError(
          'CONFLICT',
          `message ${outboxId} is ${msg.deliveryState}${msg.deliveryState === DeliveryState.QUEUED ? ' without a failed attempt' : ''}; only dead or failing messages can be discarded`,
        );
      }
      const from = msg.deliveryState;
      msg.deliveryState = DeliveryState.DISCARDED;
      msg.discardedAt = new Date();
      msg.discardedBy = actorIdOf(p);
      msg.discardReason = why;
      await outboxRepository.discard(m, msg.tenantId, msg.id, msg.discardedAt, msg.discardedBy, why);
      await audit(m, p, {
        action: 'message.discard',
        subjectType: 'outbox_message',
        subjectId: msg.id,
        allowed: true,
        reason: `${from}: ${why}`,
        agencyId: msg.agencyId,
      });
      return msg;
    });
  }

  /** Put a dead message back on its way (a person decided to); published after the commit. */
  async replay(p: Principal, outboxId: string): Promise<RelayItem> {
    const item = await this.ds.transaction(async (m) => {
      const msg = await lockedMessage(m, p, outboxId);
      if (msg.deliveryState !== DeliveryState.DEAD) {
        throw new DomainError(
          'CONFLICT',
          `message ${outboxId} is ${msg.deliveryState}; only dead messages can be replayed`,
        );
      }
      msg.replays = await outboxRepository.replay(m, msg.tenantId, msg.id);
      await audit(m, p, {
        action: 'message.replay',
        subjectType: 'outbox_message',
        subjectId: msg.id,
        allowed: true,
        reason: `replay ${msg.replays} after: ${(msg.lastError ?? 'no error recorded').slice(0, 200)}`,
        agencyId: msg.agencyId,
      });
      return { tenantId: p.tenantId, outboxId: msg.id, traceId: msg.traceId, replays: msg.replays };
    });
    await this.publisher.publish([item]);
    return item;
  }

  /** Every dead message of the tenant (of one agency, if named), oldest first: for the command-line tools. */
  async deadIds(tenantId: string, agencyId: string | null): Promise<string[]> {
    return outboxRepository.deadIds(this.ds, tenantId, agencyId);
  }
}
