import { tenantRepository, type Db, type TenantRow } from '@kim/persistence';

/** Every tenant, by slug: for operators' commands that run per tenant. */
export const listTenants = (db: Db): Promise<TenantRow[]> => tenantRepository.list(db);
