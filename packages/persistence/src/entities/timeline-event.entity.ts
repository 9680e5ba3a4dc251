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

  /** The English sentence, for the API's plain-text field; readers put the code below into words. */
  @Column('text')
  summary!: string;

  /** What happened, as a code of @kim/contracts' TIMELINE_SUMMARY_PARAMS; null on entries it could not be read from. */
  @Column('text', { nullable: true })
  summaryCode!: string | null;

  /** The code's parameters (names and values as that registry says). */
  @Column('jsonb', { nullable: true })
  summaryParams!: Record<string, string | readonly string[]> | null;

  @Column('jsonb')
  data!: Record<string, unknown>;
}
