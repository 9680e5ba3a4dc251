import { rows, statement, type Db } from './statement.js';

/** A tenant: a Kreis or kreisfreie Stadt. */
export interface TenantRow {
  id: string;
  slug: string;
  name: string;
  createdAt: Date;
}

const list = statement<TenantRow, []>(
  'tenant',
  'list',
  `
  SELECT id, slug, name, created_at AS "createdAt" FROM tenants ORDER BY slug`,
);

export const tenantRepository = {
  list: (db: Db) => rows(db, list, []),
};
