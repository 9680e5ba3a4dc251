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

const bySlugOrId = statement<{ id: string }, [string]>(
  'tenant',
  'bySlugOrId',
  `
  SELECT id FROM tenants WHERE slug = $1 OR id::text = $1`,
);

export const tenantRepository = {
  list: (db: Db) => rows(db, list, []),
  /** The tenant an operator names on the command line, by slug or id (none when unknown). */
  bySlugOrId: (db: Db, slugOrId: string) => rows(db, bySlugOrId, [slugOrId]),
};
