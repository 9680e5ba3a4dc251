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

const insert = statement<TenantRow, [string, string]>(
  'tenant',
  'insert',
  `
  INSERT INTO tenants (id, slug, name) VALUES (gen_random_uuid(), $1, $2)
  RETURNING id, slug, name, created_at AS "createdAt"`,
);

const byId = statement<TenantRow, [string]>(
  'tenant',
  'byId',
  `
  SELECT id, slug, name, created_at AS "createdAt" FROM tenants WHERE id = $1`,
);

const bySlugOrId = statement<{ id: string }, [string]>(
  'tenant',
  'bySlugOrId',
  `
  SELECT id FROM tenants WHERE slug = $1 OR id::text = $1`,
);

/** Tenants. The table has no tenant column; a tenant is made by the platform operator. */
export const tenantRepository = {
  list: (db: Db) => rows(db, list, []),
  insert: async (db: Db, slug: string, name: string) => (await rows(db, insert, [slug, name]))[0]!,
  byId: async (db: Db, id: string) => (await rows(db, byId, [id]))[0] ?? null,
  /** The tenant an operator names on the command line, by slug or id (none when unknown). */
  bySlugOrId: (db: Db, slugOrId: string) => rows(db, bySlugOrId, [slugOrId]),
};
