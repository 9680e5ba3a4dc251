import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { TenantScoped } from './tenant-scoped.js';

/** A partner agency of the network (Jobcenter, Ausländerbehörde, course provider ...). */
@Entity('agencies')
export class AgencyEntity extends TenantScoped {
  @Column('text')
  name!: string;

  @Column('text')
  kind!: string;

  @Column('text')
  legalDomain!: string;

  /** 'webhook' or 'file'. */
  @Column('text')
  channel!: string;

  @Column('text', { nullable: true })
  webhookUrl!: string | null;

  /** Standard Webhooks secret ("whsec_..."); used to sign outbound and verify inbound messages. */
  @Column('text')
  webhookSecret!: string;

  /** During a rotation: the secret that replaces `webhookSecret`; both are valid until it is finished. */
  @Column('text', { nullable: true })
  nextWebhookSecret!: string | null;

  @Column('timestamptz', { nullable: true })
  secretRotationStartedAt!: Date | null;

  /**
   * SHA-256 of the agency's first API key (the demo seed's); the key itself is never stored. Every
   * sign-in goes through `credentials`: this column is mirrored there by a trigger.
   */
  @Column('text', { unique: true, nullable: true })
  apiKeyHash!: string | null;

  /** How case managers reach the agency: shown in the agency directory. */
  @Column('text', { nullable: true })
  contactPhone!: string | null;

  @Column('text', { nullable: true })
  contactEmail!: string | null;

  @Column('text', { nullable: true })
  contactAddress!: string | null;

  /** Opening or telephone hours, as the agency words them ("Mo–Fr 8–12 Uhr"). */
  @Column('text', { nullable: true })
  contactHours!: string | null;
}

/** A service an agency offers, with its deadlines in working days. */
@Entity('services')
@ForeignKey(() => AgencyEntity, ['tenantId', 'agencyId'], ['tenantId', 'id'])
@Index(['tenantId', 'agencyId'])
@Index(['tenantId', 'code'], { unique: true })
export class ServiceEntity extends TenantScoped {
  @Column('uuid')
  agencyId!: string;

  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('text')
  lifeDomain!: string;

  /** Working days the agency has to answer a referral (accept or reject). */
  @Column('integer', { default: 5 })
  responseDays!: number;

  /** An integration course (BAMF): its waiting times are reported on their own. */
  @Column('boolean', { default: false })
  integrationCourse!: boolean;

  /**
   * The funding line the service is paid from (e.g. 'bamf-sprachkurs'), where it is a funded
   * programme: two at once from one line for one person is double funding.
   */
  @Column('text', { nullable: true })
  fundingLine!: string | null;
}
