import { Column, CreateDateColumn, Entity, ForeignKey, Index } from 'typeorm';
import { TenantScoped } from './tenant-scoped.js';
import { CaseEntity } from './case.entity.js';
import { AgencyEntity } from './agency.entity.js';

/**
 * A dossier of chosen achievements for the foreigners' or naturalisation authority (issue 19):
 * which achievements, to whom, by whom. Its message is an outbox row (outbox_id) whose body is
 * built at send time, after consent is checked again.
 */
@Entity('dossiers')
@Index(['tenantId', 'caseId'])
@Index(['tenantId', 'outboxId'], { unique: true })
@ForeignKey(() => CaseEntity, ['tenantId', 'caseId'], ['tenantId', 'id'])
@ForeignKey(() => AgencyEntity, ['tenantId', 'agencyId'], ['tenantId', 'id'])
export class DossierEntity extends TenantScoped {
  @Column('uuid')
  caseId!: string;

  @Column('uuid')
  agencyId!: string;

  @Column('uuid', { array: true })
  achievementIds!: string[];

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('uuid')
  outboxId!: string;

  @Column('uuid')
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
