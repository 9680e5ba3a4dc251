import { Column, CreateDateColumn, Entity, ForeignKey, Index } from 'typeorm';
import { TenantScoped } from './tenant-scoped.js';
import { AgencyEntity } from './agency.entity.js';

/**
 * Transactional outbox: written in the same transaction as the state change it announces.
 * The body is built at send time, after consent is checked again.
 */
@Entity('outbox_messages')
@Index(['tenantId', 'eventId'], { unique: true })
@Index(['tenantId', 'createdAt'], { where: 'enqueued = false' })
// The reconciliation sweep's view: messages on the queue that are not delivered yet.
@Index('IDX_outbox_messages_reconcile', ['tenantId', 'enqueuedAt'], {
  where: `"delivery_state" = 'queued' AND "enqueued"`,
})
@Index(['tenantId', 'handoffRunId'])
// The operators' lists: messages in one state (dead, discarded, failing), newest first.
@Index('IDX_outbox_messages_state', ['tenantId', 'deliveryState', 'createdAt'])
@ForeignKey(() => AgencyEntity, ['tenantId', 'agencyId'], ['tenantId', 'id'])
export class OutboxMessageEntity extends TenantScoped {
  @Column('uuid')
  agencyId!: string;

  /** The referral the message is about; null for notices about a consent. */
  @Column('uuid', { nullable: true })
  referralId!: string | null;

  /** The consent a consent-revoked notice is about. */
  @Column('uuid', { nullable: true })
  consentId!: string | null;

  @Column('text')
  eventType!: string;

  /** CloudEvents id and Standard Webhooks message id: the receiver's idempotency key. */
  @Column('text')
  eventId!: string;

  @Column('text')
  deliveryState!: string;

  /** True once the relay has put the message on the queue. */
  @Column('boolean', { default: false })
  enqueued!: boolean;

  /** When the message was last put on the queue; the reconciliation's grace period counts from here. */
  @Column('timestamptz', { nullable: true })
  enqueuedAt!: Date | null;

  @Column('integer', { default: 0 })
  attempts!: number;

  /** Times a person replayed the message after it went dead; part of the queue job id. */
  @Column('integer', { default: 0 })
  replays!: number;

  @Column('text', { nullable: true })
  lastError!: string | null;

  /** What was actually sent (after consent filtering), for the disclosure record. */
  @Column('jsonb', { nullable: true })
  sentBody!: Record<string, unknown> | null;

  @Column('text')
  traceId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  sentAt!: Date | null;

  /** The file export that carried the message to an agency without an API (set once, when claimed). */
  @Column('uuid', { nullable: true })
  handoffRunId!: string | null;

  /** When a person discarded the message (delivery state discarded); the ledger has the entry too. */
  @Column('timestamptz', { nullable: true })
  discardedAt!: Date | null;

  /** The staff user who discarded it. */
  @Column('uuid', { nullable: true })
  discardedBy!: string | null;

  /** Why it is not to be delivered (mandatory when discarding). */
  @Column('text', { nullable: true })
  discardReason!: string | null;
}

/** Every inbound agency message is stored, applied or not, idempotent by its event id. */
@Entity('inbound_messages')
@Index(['tenantId', 'agencyId', 'eventId'], { unique: true })
@Index(['tenantId', 'referralId', 'state'])
@ForeignKey(() => AgencyEntity, ['tenantId', 'agencyId'], ['tenantId', 'id'])
export class InboundMessageEntity extends TenantScoped {
  @Column('uuid')
  agencyId!: string;

  @Column('text')
  eventId!: string;

  @Column('uuid')
  referralId!: string;

  @Column('timestamptz')
  occurredAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt!: Date;

  @Column('jsonb')
  body!: Record<string, unknown>;

  /** pending (waits for an earlier status), applied, stale, rejected */
  @Column('text')
  state!: string;

  @Column('text', { nullable: true })
  error!: string | null;
}

/**
 * Who did or was refused what, on which basis. Append-only: a trigger refuses updates and
 * deletes (except the sealing of an unsealed row, which the trigger computes itself), and each
 * sealed row carries the hash of its predecessor in the tenant's chain, so a changed or removed
 * row is detected by the verify command.
 */
@Entity('audit_events')
@Index(['tenantId', 'subjectId', 'at'])
@Index(['tenantId', 'seq'], { unique: true })
@Index(['tenantId', 'personId', 'at'])
@Index('IDX_audit_events_link', ['tenantId', 'link'], { unique: true })
@Index('IDX_audit_events_unsealed', ['tenantId', 'seq'], { where: '"hash" IS NULL' })
export class AuditEventEntity extends TenantScoped {
  /** Insertion order (one sequence for all tenants, assigned by the database; gaps allowed). */
  @Column('bigint', { nullable: true })
  seq!: string | null;

  /** Position in the tenant's chain (1, 2, … without gaps), set when the row is sealed. */
  @Column('bigint', { nullable: true })
  link!: string | null;

  @Column('text', { nullable: true })
  prevHash!: string | null;

  @Column('text', { nullable: true })
  hash!: string | null;

  /** Person the entry concerns, for the Art. 15 report. */
  @Column('uuid', { nullable: true })
  personId!: string | null;

  /** Recipient agency of a disclosure or read. */
  @Column('uuid', { nullable: true })
  agencyId!: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  at!: Date;

  /** staff, agency, system */
  @Column('text')
  actorKind!: string;

  @Column('uuid', { nullable: true })
  actorId!: string | null;

  /** e.g. referral.disclose, referral.send-denied, case.read */
  @Column('text')
  action!: string;

  @Column('text')
  subjectType!: string;

  @Column('uuid')
  subjectId!: string;

  @Column('text', { array: true })
  categories!: string[];

  /** consent id or legal basis the decision rested on */
  @Column('text', { nullable: true })
  basis!: string | null;

  @Column('boolean')
  allowed!: boolean;

  @Column('text', { nullable: true })
  reason!: string | null;
}
