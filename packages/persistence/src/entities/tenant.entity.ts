import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The grantee: a Kreis or kreisfreie Stadt. No data ever crosses tenants. */
@Entity('tenants')
export class TenantEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { unique: true })
  slug!: string;

  @Column('text')
  name!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** The controller (Art. 4(7) GDPR) as the Art. 15 letter names it: usually the Kreis itself. */
  @Column('text', { nullable: true })
  controllerName!: string | null;

  @Column('text', { nullable: true })
  controllerAddress!: string | null;

  /** The data protection officer (Art. 37 GDPR) and how to reach them. */
  @Column('text', { nullable: true })
  dpoName!: string | null;

  @Column('text', { nullable: true })
  dpoContact!: string | null;

  /** Whether this Kreis takes cases moved from other Kreise of the hub (docs/privacy.md, Moving to another Kreis). */
  @Column('boolean', { default: false })
  acceptsTransfers!: boolean;
}
