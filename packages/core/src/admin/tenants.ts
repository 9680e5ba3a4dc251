import type { DataSource } from 'typeorm';
import { tenantInputSchema } from '@kim/contracts';
import { tenantRepository, type Db, type TenantRow } from '@kim/persistence';
import { audit } from '../ledger/audit.js';
import { parse, refusal } from './authority.js';

/**
 * A new tenant (a Kreis or kreisfreie Stadt), made by the platform operator on the command line
 * (as the database owner: the tenants table is outside every tenant's fence). Its ledger opens
 * with the entry of its creation.
 */
export async function createTenant(ds: DataSource, input: unknown): Promise<TenantRow> {
  const parsed = parse(tenantInputSchema, input, 'tenant');
  return ds.transaction(async (m) => {
    const tenant = await tenantRepository
      .insert(m, parsed.slug, parsed.name)
      .catch((e: unknown) => refusal(e, `a tenant with slug ${parsed.slug} exists already`));
    await audit(
      m,
      { kind: 'system', tenantId: tenant.id },
      {
        action: 'tenant.created',
        subjectType: 'tenant',
        subjectId: tenant.id,
        allowed: true,
      },
    );
    return tenant;
  });
}

/** A tenant by id (its own, for `viewer`). */
export const tenantById = (db: Db, id: string) => tenantRepository.byId(db, id);
