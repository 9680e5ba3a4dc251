import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantScoped } from './tenant-scoped.js';

/** A coordinating office's area: the Kreis, or a large town with its own office (Rheine). */
@Entity('coordination_areas')
export class CoordinationAreaEntity extends TenantScoped {
  @Column('text')
  name!: string;

  /** 'kreis' for the whole district, 'municipality' for a town with its own office. */
  @Column('text')
  kind!: string;
}

/** Regionalbereich: an area of case management with its share of posts. */
@Entity('regions')
@ForeignKey(() => CoordinationAreaEntity, ['tenantId', 'coordinationAreaId'], ['tenantId', 'id'])
@Index(['tenantId', 'coordinationAreaId'])
export class RegionEntity extends TenantScoped {
  @Column('text')
  name!: string;

  @Column('uuid')
  coordinationAreaId!: string;

  /** Full-time equivalents of case-manager posts (Stellenanteile). */
  @Column('numeric', { precision: 5, scale: 2 })
  fte!: string;

  /** Clients per full-time case manager (Betreuungsschlüssel), 100 in KIM. */
  @Column('integer', { default: 100 })
  caseloadKey!: number;

  /**
   * The area's work contact for partner agencies (a team phone and a functional mailbox): what a
   * referral carries to reach the referring case manager, never a person's own number.
   */
  @Column('text', { nullable: true })
  contactPhone!: string | null;

  @Column('text', { nullable: true })
  contactEmail!: string | null;
}

/** A person who signs in: case manager, coordinator or operator. */
@Entity('staff_users')
@ForeignKey(() => RegionEntity, ['tenantId', 'regionId'], ['tenantId', 'id'])
@ForeignKey(() => CoordinationAreaEntity, ['tenantId', 'coordinationAreaId'], ['tenantId', 'id'])
@Index(['tenantId', 'email'], { unique: true })
@Index(['tenantId', 'oidcIssuer', 'oidcSubject'], { unique: true })
export class StaffUserEntity extends TenantScoped {
  @Column('text')
  displayName!: string;

  @Column('text')
  email!: string;

  @Column('text')
  role!: string;

  @Column('uuid', { nullable: true })
  regionId!: string | null;

  @Column('uuid', { nullable: true })
  coordinationAreaId!: string | null;

  @Column('numeric', { precision: 4, scale: 2, nullable: true })
  fte!: string | null;

  /** May open a break-glass override on a case outside their area (granted per person, rarely). */
  @Column('boolean', { default: false })
  mayOverride!: boolean;

  /**
   * SHA-256 of the first bearer token (the demo seed's); the token itself is never stored. Every
   * sign-in goes through `credentials`: this column is mirrored there by a trigger. Staff made by
   * the administration have none here, only credentials.
   */
  @Column('text', { unique: true, nullable: true })
  tokenHash!: string | null;

  /** When the user was deactivated: no credential of theirs signs in from then on. */
  @Column('timestamptz', { nullable: true })
  deactivatedAt!: Date | null;

  /** Single sign-on: the identity provider (issuer) and the user's subject there; one user per pair. */
  @Column('text', { nullable: true })
  oidcIssuer!: string | null;

  @Column('text', { nullable: true })
  oidcSubject!: string | null;
}
