import { Column, CreateDateColumn, Entity, ForeignKey, Index, UpdateDateColumn, VersionColumn } from 'typeorm';
import { TenantScoped } from './tenant-scoped.js';
import { CaseEntity } from './case.entity.js';
import { AgencyEntity, ServiceEntity } from './agency.entity.js';

/** A referral from a case to an agency's service; status after FHIR Task. */
@Entity('referrals')
@Index(['tenantId', 'caseId'])
@Index(['tenantId', 'agencyId', 'status'])
@ForeignKey(() => CaseEntity, ['tenantId', 'caseId'], ['tenantId', 'id'])
@ForeignKey(() => ServiceEntity, ['tenantId', 'serviceId'], ['tenantId', 'id'])
@ForeignKey(() => AgencyEntity, ['tenantId', 'agencyId'], ['tenantId', 'id'])
export class ReferralEntity extends TenantScoped {
  @Column('uuid')
  caseId!: string;

  @Column('uuid')
  serviceId!: string;

  /** Denormalised from the service: the recipient, checked on every agency message. */
  @Column('uuid')
  agencyId!: string;

  @Column('text')
  purpose!: string;

  @Column('text', { array: true })
  categories!: string[];

  @Column('text')
  status!: string;

  @Column('text', { nullable: true })
  businessStatus!: string | null;

  @Column('text', { nullable: true })
  statusReason!: string | null;

  @Column('text', { array: true, nullable: true })
  servicesDelivered!: string[] | null;

  @Column('text', { nullable: true })
  outcome!: string | null;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('date', { nullable: true })
  respondBy!: string | null;

  @Column('uuid')
  createdBy!: string;

  /** occurredAt of the last agency message applied; older ones are stale. */
  @Column('timestamptz', { nullable: true })
  lastAgencyUpdateAt!: Date | null;

  /** Event id of that message; breaks ties between equal timestamps. */
  @Column('text', { nullable: true })
  lastAgencyEventId!: string | null;

  @Column('timestamptz', { nullable: true })
  requestedAt!: Date | null;

  /** When the case manager took note of a finished referral's outcome: the loop is closed. */
  @Column('timestamptz', { nullable: true })
  outcomeAcknowledgedAt!: Date | null;

  /** First time the agency accepted (or went beyond); stamped by the referral_milestones trigger. */
  @Column('timestamptz', { nullable: true })
  acceptedAt!: Date | null;

  /** First time the service started (in progress or completed); stamped by the trigger. */
  @Column('timestamptz', { nullable: true })
  startedAt!: Date | null;

  /** When the referral reached a final status; stamped by the trigger. */
  @Column('timestamptz', { nullable: true })
  finishedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
