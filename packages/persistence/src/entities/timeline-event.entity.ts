import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantScoped } from './tenant-scoped.js';
import { CaseEntity } from './case.entity.js';

/** One entry of a case's merged cross-agency timeline. Append-only. */
@Entity('timeline_events')
@Index(['tenantId', 'caseId', 'occurredAt'])
@ForeignKey(() => CaseEntity, ['tenantId', 'caseId'], ['tenantId', 'id'])
export class TimelineEventEntity extends TenantScoped {
  @Column('uuid')
  caseId!: string;

  @Column('uuid', { nullable: true })
  referralId!: string | null;

  /** e.g. case.opened, case.phase-changed, consent.recorded, referral.status-changed */
  @Column('text')
  kind!: string;

  @Column('timestamptz')
  occurredAt!: Date;

  @Column('timestamptz', { default: () => 'now()' })
  recordedAt!: Date;

  @Column('text')
  actorRole!: string;

  /** Staff user or agency id; null for the system. */
  @Column('uuid', { nullable: true })
  actorId!: string | null;

  @Column('text')
  summary!: string;

  @Column('jsonb')
  data!: Record<string, unknown>;
}
