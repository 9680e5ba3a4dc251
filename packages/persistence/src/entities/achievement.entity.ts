import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index } from 'typeorm';
import { TenantScoped } from './tenant-scoped.js';
import { CaseEntity } from './case.entity.js';
import { PersonEntity } from './person.entity.js';

/**
 * An integration achievement of the person, recorded on a case (issue 19): a certificate, a
 * course, a test, school, training, recognition, employment, voluntary work. Its facts are never
 * overwritten: a correction is a new row that names the one it corrects, and the old row only
 * learns that it was superseded (a trigger refuses every other change).
 */
@Entity('achievements')
@Check(
  'CHK_achievements_source',
  `(source = 'agency' AND agency_id IS NOT NULL) OR (source = 'case-manager' AND agency_id IS NULL)`,
)
@Check('CHK_achievements_correction', `(corrects_id IS NULL) = (correction_reason IS NULL)`)
@Check('CHK_achievements_ended', `ended_on IS NULL OR ended_on >= achieved_on`)
@Index(['tenantId', 'caseId'])
@Index(['tenantId', 'personId'])
@Index(['tenantId', 'agencyId', 'inboundEventId'], { unique: true, where: 'inbound_event_id IS NOT NULL' })
@ForeignKey(() => CaseEntity, ['tenantId', 'caseId'], ['tenantId', 'id'])
@ForeignKey(() => PersonEntity, ['tenantId', 'personId'], ['tenantId', 'id'])
export class AchievementEntity extends TenantScoped {
  @Column('uuid')
  caseId!: string;

  @Column('uuid')
  personId!: string;

  /** One of AchievementKind (@kim/contracts). */
  @Column('text')
  kind!: string;

  @Column('date')
  achievedOn!: string;

  @Column('date', { nullable: true })
  endedOn!: string | null;

  /** The kind's own facts (level, test, provider, hours …), validated by the contract before they are written. */
  @Column('jsonb')
  details!: Record<string, unknown>;

  /** agency or case-manager */
  @Column('text')
  source!: string;

  /** The agency whose message brought it (source agency). */
  @Column('uuid', { nullable: true })
  agencyId!: string | null;

  @Column('uuid', { nullable: true })
  referralId!: string | null;

  /** The CloudEvent id of the status message that carried the certificate. */
  @Column('text', { nullable: true })
  inboundEventId!: string | null;

  /** What document the case manager saw (or `message` for an agency's). */
  @Column('text')
  evidenceKind!: string;

  @Column('text')
  evidenceReference!: string;

  @Column('date')
  evidenceSeenOn!: string;

  /** case-manager, coordinator, agency */
  @Column('text')
  recordedByKind!: string;

  @Column('uuid', { nullable: true })
  recordedById!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;

  /** The achievement this one corrects. */
  @Column('uuid', { nullable: true })
  correctsId!: string | null;

  @Column('text', { nullable: true })
  correctionReason!: string | null;

  /** Set once, when a correction replaces this row. */
  @Column('timestamptz', { nullable: true })
  supersededAt!: Date | null;

  @Column('uuid', { nullable: true })
  supersededById!: string | null;
}
