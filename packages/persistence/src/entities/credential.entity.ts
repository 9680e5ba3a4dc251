import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index } from 'typeorm';
import { TenantScoped } from './tenant-scoped.js';
import { StaffUserEntity } from './organisation.entity.js';
import { AgencyEntity } from './agency.entity.js';

/**
 * A bearer credential: a staff user's token or an agency's API key. Only its SHA-256 is stored,
 * with a short prefix of the secret so people can tell their keys apart in a list. A credential
 * signs in while it is neither revoked nor past its expiry; a rotation gives the old one an
 * expiry (the overlap window) and records which credential replaced it.
 */
@Entity('credentials')
@Check('CHK_credentials_owner', `(staff_user_id IS NULL) <> (agency_id IS NULL)`)
@Check('CHK_credentials_origin', `origin IN ('issued', 'seed')`)
@Index(['hash'], { unique: true })
@Index(['tenantId', 'staffUserId'])
@Index(['tenantId', 'agencyId'])
@ForeignKey(() => StaffUserEntity, ['tenantId', 'staffUserId'], ['tenantId', 'id'])
@ForeignKey(() => AgencyEntity, ['tenantId', 'agencyId'], ['tenantId', 'id'])
export class CredentialEntity extends TenantScoped {
  @Column('uuid', { nullable: true })
  staffUserId!: string | null;

  @Column('uuid', { nullable: true })
  agencyId!: string | null;

  /** SHA-256 of the secret, hex. Looked up before any tenant is known (sign-in). */
  @Column('text')
  hash!: string;

  /** The first characters of the secret (e.g. "kim_Ab3x"): enough to recognise, never to use. */
  @Column('text', { nullable: true })
  prefix!: string | null;

  @Column('text', { nullable: true })
  label!: string | null;

  /** 'issued' by the administration, or 'seed': mirrored from the owner's first-credential column. */
  @Column('text', { default: 'issued' })
  origin!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** The staff user who issued it (null: the command line or the seed). */
  @Column('uuid', { nullable: true })
  createdBy!: string | null;

  @Column('timestamptz', { nullable: true })
  lastUsedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  expiresAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  /** The credential a rotation put in this one's place. */
  @Column('uuid', { nullable: true })
  replacedBy!: string | null;
}
