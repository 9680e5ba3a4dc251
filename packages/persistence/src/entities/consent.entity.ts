import { Column, CreateDateColumn, Entity, ForeignKey, Index } from 'typeorm';
import { TenantScoped } from './tenant-scoped.js';
import { PersonEntity } from './person.entity.js';
import { AgencyEntity } from './agency.entity.js';
import { CaseEntity } from './case.entity.js';
import { StaffUserEntity } from './organisation.entity.js';

export interface ConsentEvidence {
  formVersion: string;
  signedOn: string;
  explainedInLanguage: string;
  interpreterUsed: boolean;
  documentReference?: string;
}

/** The person's consent to disclose categories of data to one agency for purposes, for a period. */
@Entity('consents')
@Index(['tenantId', 'personId', 'recipientAgencyId'])
@ForeignKey(() => PersonEntity, ['tenantId', 'personId'], ['tenantId', 'id'])
@ForeignKey(() => CaseEntity, ['tenantId', 'caseId'], ['tenantId', 'id'])
@ForeignKey(() => AgencyEntity, ['tenantId', 'recipientAgencyId'], ['tenantId', 'id'])
@ForeignKey(() => StaffUserEntity, ['tenantId', 'capturedBy'], ['tenantId', 'id'])
export class ConsentEntity extends TenantScoped {
  @Column('uuid')
  personId!: string;

  @Column('uuid')
  caseId!: string;

  @Column('uuid')
  recipientAgencyId!: string;

  @Column('text', { array: true })
  purposes!: string[];

  @Column('text', { array: true })
  categories!: string[];

  @Column('date')
  validFrom!: string;

  @Column('date')
  validUntil!: string;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @Column('jsonb')
  evidence!: ConsentEvidence;

  @Column('uuid')
  capturedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
