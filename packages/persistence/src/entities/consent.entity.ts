import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index } from 'typeorm';
import { TenantScoped } from './tenant-scoped.js';
import { PersonEntity } from './person.entity.js';
import { AgencyEntity } from './agency.entity.js';
import { CaseEntity } from './case.entity.js';
import { CoordinationAreaEntity, StaffUserEntity } from './organisation.entity.js';
import { TenantEntity } from './tenant.entity.js';

/** Who gave the consent: the person, or a guardian on their behalf. */
export interface ConsentGrantor {
  type: 'subject' | 'guardian';
  name?: string;
}

/** An exception inside a consent (after FHIR Consent.provision); absent lists mean "any". */
export interface ConsentProvisionRow {
  type: 'permit' | 'deny';
  agencyIds?: string[];
  purposes?: string[];
  categories?: string[];
  actions?: ('disclose' | 'access')[];
}

export interface ConsentEvidence {
  formVersion: string;
  signedOn: string;
  explainedInLanguage: string;
  interpreterUsed: boolean;
  documentReference?: string;
}

/**
 * The person's consent to disclose categories of data to one agency for purposes, for a period;
 * or (issue 19) to move their case to another Kreis of the hub: then it names that tenant
 * instead of an agency, and its only purpose is 'transfer'.
 */
@Entity('consents')
@Check('CHK_consents_one_recipient', `(recipient_agency_id IS NULL) <> (recipient_tenant_id IS NULL)`)
@Check(
  'CHK_consents_transfer',
  `recipient_tenant_id IS NULL OR (purposes = ARRAY['transfer']::text[] AND kind = 'disclosure' AND recipient_tenant_id <> tenant_id)`,
)
@Index(['tenantId', 'personId', 'recipientAgencyId'])
@ForeignKey(() => PersonEntity, ['tenantId', 'personId'], ['tenantId', 'id'])
@ForeignKey(() => CaseEntity, ['tenantId', 'caseId'], ['tenantId', 'id'])
@ForeignKey(() => AgencyEntity, ['tenantId', 'recipientAgencyId'], ['tenantId', 'id'])
@ForeignKey(() => StaffUserEntity, ['tenantId', 'capturedBy'], ['tenantId', 'id'])
@ForeignKey(() => TenantEntity, ['recipientTenantId'], ['id'])
export class ConsentEntity extends TenantScoped {
  @Column('uuid')
  personId!: string;

  @Column('uuid')
  caseId!: string;

  /** The agency the data may go to; null for a transfer consent. */
  @Column('uuid', { nullable: true })
  recipientAgencyId!: string | null;

  /** The receiving Kreis of a transfer consent (issue 19); null for a consent to an agency. */
  @Column('uuid', { nullable: true })
  recipientTenantId!: string | null;

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

  /** 'disclosure' (data may go to the agency) or 'service' (the person agrees to the service). */
  @Column('text', { default: 'disclosure' })
  kind!: string;

  @Column('jsonb', { nullable: true })
  grantor!: ConsentGrantor | null;

  @Column('jsonb', { nullable: true })
  provisions!: ConsentProvisionRow[] | null;

  /** Set by the nightly sweep once the validity has ended; decisions check the dates anyway. */
  @Column('timestamptz', { nullable: true })
  expiredAt!: Date | null;

  @Column('uuid')
  capturedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A statutory basis for disclosure (Rechtsgrundlage), recorded beside consent with its own
 * scope, e.g. § 87 AufenthG for the Ausländerbehörde: one case of its author's area, or the
 * author's coordination area. It takes effect only once a second coordinator has confirmed it.
 */
@Entity('legal_bases')
@Index(['tenantId', 'recipientAgencyId'])
@Check('CHK_legal_bases_review_status', `review_status IN ('pending', 'confirmed', 'rejected')`)
@Check(
  'CHK_legal_bases_confirmed',
  `review_status <> 'confirmed' OR ((case_id IS NULL) <> (coordination_area_id IS NULL) AND norm IS NOT NULL AND reviewed_by IS NOT NULL AND reviewed_by <> recorded_by)`,
)
@ForeignKey(() => AgencyEntity, ['tenantId', 'recipientAgencyId'], ['tenantId', 'id'])
@ForeignKey(() => PersonEntity, ['tenantId', 'personId'], ['tenantId', 'id'])
@ForeignKey(() => CaseEntity, ['tenantId', 'caseId'], ['tenantId', 'id'])
@ForeignKey(() => CoordinationAreaEntity, ['tenantId', 'coordinationAreaId'], ['tenantId', 'id'])
@ForeignKey(() => StaffUserEntity, ['tenantId', 'recordedBy'], ['tenantId', 'id'])
@ForeignKey(() => StaffUserEntity, ['tenantId', 'reviewedBy'], ['tenantId', 'id'])
export class LegalBasisEntity extends TenantScoped {
  @Column('uuid')
  recipientAgencyId!: string;

  /** The person of its case (for the Art. 15 report); null for an area-wide basis. */
  @Column('uuid', { nullable: true })
  personId!: string | null;

  /** The one case it applies to; null for an area-wide basis. */
  @Column('uuid', { nullable: true })
  caseId!: string | null;

  /** The coordination area it applies to (its author's); null for a basis of one case. */
  @Column('uuid', { nullable: true })
  coordinationAreaId!: string | null;

  /** Code of the norm in the maintained list (LEGAL_NORMS); null for bases recorded before the list. */
  @Column('text', { nullable: true })
  norm!: string | null;

  /** Four eyes: 'pending' until a second coordinator confirms or rejects it; only 'confirmed' takes effect. */
  @Column('text', { default: 'pending' })
  reviewStatus!: string;

  @Column('uuid', { nullable: true })
  reviewedBy!: string | null;

  @Column('timestamptz', { nullable: true })
  reviewedAt!: Date | null;

  @Column('text', { nullable: true })
  reviewNote!: string | null;

  @Column('text', { array: true })
  purposes!: string[];

  @Column('text', { array: true })
  categories!: string[];

  /** The norm, e.g. "§ 71 Abs. 1 AufenthG". */
  @Column('text')
  citation!: string;

  @Column('date')
  validFrom!: string;

  @Column('date', { nullable: true })
  validUntil!: string | null;

  @Column('uuid')
  recordedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
