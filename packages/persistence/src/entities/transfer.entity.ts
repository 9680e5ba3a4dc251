import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantScoped } from './tenant-scoped.js';
import { TenantEntity } from './tenant.entity.js';
import { CaseEntity } from './case.entity.js';
import { PersonEntity } from './person.entity.js';
import { ConsentEntity } from './consent.entity.js';
import { StaffUserEntity } from './organisation.entity.js';

/**
 * The platform channel between two Kreise (issue 19): an offer to move a case, owned by the
 * sending tenant (`tenant_id`) and addressed to `to_tenant_id`. The receiving tenant may read
 * its row (a second row-level security policy), so it holds nothing personal: who sends, which
 * categories, when, and how it ended. Its state changes only through the kim_transfer_*
 * functions (migration 1765520000000), never by UPDATE from the application.
 */
@Entity('case_transfers')
@Check('CHK_case_transfers_status', `status IN ('offered', 'withdrawn', 'declined', 'accepted')`)
@Check('CHK_case_transfers_other_tenant', `to_tenant_id <> tenant_id`)
@Check('CHK_case_transfers_decided', `(status = 'offered') = (decided_at IS NULL)`)
@Check(
  'CHK_case_transfers_reason',
  `(status = 'declined') = (decline_reason IS NOT NULL) AND char_length(decline_reason) <= 500`,
)
@ForeignKey(() => TenantEntity, ['tenantId'], ['id'])
@ForeignKey(() => TenantEntity, ['toTenantId'], ['id'])
export class CaseTransferEntity extends TenantScoped {
  @Column('uuid')
  toTenantId!: string;

  /** The data categories offered (those the person's consent names). */
  @Column('text', { array: true })
  categories!: string[];

  /** offered, withdrawn (by the sender), declined (by the receiver, with a reason), accepted. */
  @Column('text', { default: 'offered' })
  status!: string;

  @Column('timestamptz', { default: () => 'now()' })
  offeredAt!: Date;

  @Column('timestamptz', { nullable: true })
  decidedAt!: Date | null;

  @Column('text', { nullable: true })
  declineReason!: string | null;
}

/**
 * The sender's own side of an offer (ordinary tenant isolation): which case, person and consent,
 * who offered it, and, until the offer ends, the package of consented data the receiver gets on
 * accepting (built when offering, under the consent; emptied when the offer ends).
 */
@Entity('case_transfer_sources')
@Index(['tenantId', 'caseId'])
@ForeignKey(() => CaseTransferEntity, ['tenantId', 'id'], ['tenantId', 'id'])
@ForeignKey(() => CaseEntity, ['tenantId', 'caseId'], ['tenantId', 'id'])
@ForeignKey(() => PersonEntity, ['tenantId', 'personId'], ['tenantId', 'id'])
@ForeignKey(() => ConsentEntity, ['tenantId', 'consentId'], ['tenantId', 'id'])
@ForeignKey(() => StaffUserEntity, ['tenantId', 'offeredBy'], ['tenantId', 'id'])
export class CaseTransferSourceEntity extends TenantScoped {
  @Column('uuid')
  caseId!: string;

  @Column('uuid')
  personId!: string;

  @Column('uuid')
  consentId!: string;

  @Column('uuid')
  offeredBy!: string;

  @Column('jsonb', { nullable: true })
  package!: Record<string, unknown> | null;

  /** When the sending case was closed as moved (after the receiver accepted). */
  @Column('timestamptz', { nullable: true })
  closedAt!: Date | null;
}
