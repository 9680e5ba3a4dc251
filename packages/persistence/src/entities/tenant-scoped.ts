import { Generated, PrimaryColumn } from 'typeorm';

/**
 * Every row carries its tenant (the Kreis or kreisfreie Stadt) and the tenant leads every
 * primary key and index, so tables can later be distributed by tenant (Citus) and fenced
 * by row-level security.
 */
export abstract class TenantScoped {
  @PrimaryColumn('uuid')
  tenantId!: string;

  @PrimaryColumn('uuid')
  @Generated('uuid')
  id!: string;
}
