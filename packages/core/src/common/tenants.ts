import { tenantRepository, type Db, type TenantRow } from '@kim/persistence';

/** Every tenant, by slug: for operators' commands that run per tenant. */
export const listTenants = (db: Db): Promise<TenantRow[]> => tenantRepository.list(db);

/** The ids of the tenants an operator names by slug or id (none when unknown). */
export const tenantIdsNamed = async (db: Db, slugOrId: string): Promise<string[]> =>
  (await tenantRepository.bySlugOrId(db, slugOrId)).map((t) => t.id);
