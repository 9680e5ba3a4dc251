import { Column, CreateDateColumn, Entity, ForeignKey, Index } from 'typeorm';
import { TenantScoped } from './tenant-scoped.js';
import { StaffUserEntity } from './organisation.entity.js';

/**
 * A staff user's session after single sign-on. The browser holds a random session id in an
 * HttpOnly cookie; only its SHA-256 is stored. It ends after `idleSeconds` without a request, at
 * `expiresAt` in any case, at sign-out, when ended by the user or a tenant administrator, and
 * when the user is deactivated.
 */
@Entity('staff_sessions')
@Index(['hash'], { unique: true })
@Index(['tenantId', 'staffUserId'])
@ForeignKey(() => StaffUserEntity, ['tenantId', 'staffUserId'], ['tenantId', 'id'])
export class StaffSessionEntity extends TenantScoped {
  @Column('uuid')
  staffUserId!: string;

  /** SHA-256 of the session id in the cookie, hex. Looked up before any tenant is known. */
  @Column('text')
  hash!: string;

  /** The provider that signed the user in. */
  @Column('text')
  issuer!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { default: () => 'now()' })
  lastSeenAt!: Date;

  /** Seconds without a request after which the session ends (the setting when it began). */
  @Column('integer')
  idleSeconds!: number;

  /** The absolute end. */
  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  endedAt!: Date | null;

  /** sign-out, ended-by-user, ended-by-admin, deactivated. */
  @Column('text', { nullable: true })
  endReason!: string | null;

  /** The browser that signed in (first 200 characters), so a user can tell their sessions apart. */
  @Column('text', { nullable: true })
  userAgent!: string | null;
}

/**
 * A sign-in under way: what the callback must check (state, nonce) and send (the PKCE verifier),
 * kept on the server for ten minutes and used once. The browser holds the tenant and a random
 * flow id in a short-lived cookie; only the id's SHA-256 is stored, so the callback belongs to the
 * browser that started the sign-in.
 */
@Entity('sign_in_flows')
@Index(['tenantId', 'hash'], { unique: true })
export class SignInFlowEntity extends TenantScoped {
  @Column('text')
  hash!: string;

  @Column('text')
  state!: string;

  @Column('text')
  nonce!: string;

  @Column('text')
  codeVerifier!: string;

  /** Where the console wanted to be after sign-in (a path of the hub). */
  @Column('text')
  returnTo!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;
}
