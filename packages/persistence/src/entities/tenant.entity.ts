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
}
