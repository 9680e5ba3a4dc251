import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index } from 'typeorm';
import { TenantScoped } from './tenant-scoped.js';

export interface NameVariant {
  givenNames: string;
  familyName: string;
  originalScript?: string;
}

/** The client: names as given (aliases and original script kept), birth date with its precision. */
@Entity('persons')
@Index(['tenantId', 'familyName'])
@Index(['tenantId', 'mergedIntoId'])
@Check('CHK_persons_not_merged_into_self', `merged_into_id IS NULL OR merged_into_id <> id`)
@ForeignKey(() => PersonEntity, ['tenantId', 'mergedIntoId'], ['tenantId', 'id'])
export class PersonEntity extends TenantScoped {
  @Column('text')
  givenNames!: string;

  @Column('text')
  familyName!: string;

  @Column('text', { nullable: true })
  nameOriginalScript!: string | null;

  @Column('jsonb')
  aliases!: NameVariant[];

  @Column('date', { nullable: true })
  birthDate!: string | null;

  @Column('text')
  birthDatePrecision!: string;

  @Column('text', { default: 'unknown' })
  sex!: string;

  @Column('text', { nullable: true })
  nationality!: string | null;

  @Column('text', { array: true })
  languages!: string[];

  @Column('text', { nullable: true })
  residenceStatus!: string | null;

  @Column('text')
  municipality!: string;

  @Column('date', { nullable: true })
  arrivalDate!: string | null;

  /** The person asked not to be contacted by agencies; referrals must not be sent. */
  @Column('boolean', { default: false })
  doNotContact!: boolean;

  /** Set when personal data was erased (Art. 17 GDPR); statistics stay. */
  @Column('timestamptz', { nullable: true })
  erasedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /**
   * Set while this person is merged into another (identity linkage): the row, its cases,
   * identifiers and consents stay as they are, so an unmerge only clears this pointer.
   */
  @Column('uuid', { nullable: true })
  mergedIntoId!: string | null;
}

/** The link map: the identifier each agency (or register, e.g. AZR) uses for the person. */
@Entity('person_identifiers')
@Index(['tenantId', 'kind', 'issuer', 'value'], { unique: true })
@Index(['tenantId', 'personId'])
@ForeignKey(() => PersonEntity, ['tenantId', 'personId'], ['tenantId', 'id'])
export class PersonIdentifierEntity extends TenantScoped {
  @Column('uuid')
  personId!: string;

  @Column('text')
  kind!: string;

  /** Issuing agency id, or the register's name (e.g. 'AZR'); part of the uniqueness. */
  @Column('text')
  issuer!: string;

  @Column('text')
  value!: string;
}

/** Issuer of an identifier: the agency's id, or the register's name (AZR) where no agency issued it. */
export const identifierIssuer = (agencyId: string | undefined, kind: string): string => agencyId ?? kind.toUpperCase();
