import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index } from 'typeorm';
import { TenantScoped } from './tenant-scoped.js';
import { StaffUserEntity } from './organisation.entity.js';
import { CaseEntity } from './case.entity.js';

/**
 * Break-glass access: a case manager with the override permission reads one case outside
 * their area for a limited time, giving a reason. Read-only; every read under it is in the
 * ledger, and the coordinator of the case's area reviews it afterwards.
 */
@Entity('access_overrides')
@Check('CHK_access_overrides_verdict', `verdict IS NULL OR verdict IN ('justified', 'unjustified')`)
@Index(['tenantId', 'caseId', 'staffUserId'])
@Index(['tenantId', 'reviewedAt'])
@ForeignKey(() => StaffUserEntity, ['tenantId', 'staffUserId'], ['tenantId', 'id'])
@ForeignKey(() => CaseEntity, ['tenantId', 'caseId'], ['tenantId', 'id'])
@ForeignKey(() => StaffUserEntity, ['tenantId', 'reviewedBy'], ['tenantId', 'id'])
export class AccessOverrideEntity extends TenantScoped {
  @Column('uuid')
  staffUserId!: string;

  @Column('uuid')
  caseId!: string;

  @Column('text')
  reason!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  openedAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  /** justified or unjustified, once the coordinator has looked at it. */
  @Column('text', { nullable: true })
  verdict!: string | null;

  @Column('text', { nullable: true })
  reviewNote!: string | null;

  @Column('uuid', { nullable: true })
  reviewedBy!: string | null;

  @Column('timestamptz', { nullable: true })
  reviewedAt!: Date | null;
}
