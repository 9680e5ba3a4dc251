import { Column, CreateDateColumn, Entity, ForeignKey, Index, UpdateDateColumn, VersionColumn } from 'typeorm';
import { TenantScoped } from './tenant-scoped.js';
import { PersonEntity } from './person.entity.js';
import { RegionEntity, StaffUserEntity } from './organisation.entity.js';

/** One person's case: one case manager, one regional area, a phase. */
@Entity('cases')
@Index(['tenantId', 'reference'], { unique: true })
@Index(['tenantId', 'regionId', 'phase'])
@Index(['tenantId', 'caseManagerId'])
@Index(['tenantId', 'personId'])
@ForeignKey(() => PersonEntity, ['tenantId', 'personId'], ['tenantId', 'id'])
@ForeignKey(() => StaffUserEntity, ['tenantId', 'caseManagerId'], ['tenantId', 'id'])
@ForeignKey(() => RegionEntity, ['tenantId', 'regionId'], ['tenantId', 'id'])
export class CaseEntity extends TenantScoped {
  /** Human-readable reference, e.g. ST-2026-00042; shared with agencies instead of names. */
  @Column('text')
  reference!: string;

  @Column('uuid')
  personId!: string;

  @Column('uuid')
  caseManagerId!: string;

  @Column('uuid')
  regionId!: string;

  @Column('text')
  phase!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  openedAt!: Date;

  @Column('timestamptz', { nullable: true })
  closedAt!: Date | null;

  /** Why a closed case closed, when the hub knows: 'moved' (transferred to another Kreis, issue 19). */
  @Column('text', { nullable: true })
  closingReason!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}

/** A need recorded in the assessment, by life domain. */
@Entity('case_needs')
@Index(['tenantId', 'caseId'])
@ForeignKey(() => CaseEntity, ['tenantId', 'caseId'], ['tenantId', 'id'])
export class CaseNeedEntity extends TenantScoped {
  @Column('uuid')
  caseId!: string;

  @Column('text')
  domain!: string;

  @Column('text')
  description!: string;
}

/** A goal of the integration plan (Integrationsvereinbarung). */
@Entity('goals')
@Index(['tenantId', 'caseId'])
@ForeignKey(() => CaseEntity, ['tenantId', 'caseId'], ['tenantId', 'id'])
export class GoalEntity extends TenantScoped {
  @Column('uuid')
  caseId!: string;

  @Column('text')
  domain!: string;

  @Column('text')
  description!: string;

  @Column('date', { nullable: true })
  targetDate!: string | null;

  /** open, achieved, dropped */
  @Column('text', { default: 'open' })
  status!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
