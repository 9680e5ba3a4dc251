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

/** Who answers for the tenant's data; null where the administrator has not said yet. */
export interface PrivacyContacts {
  controllerName: string | null;
  controllerAddress: string | null;
  dpoName: string | null;
  dpoContact: string | null;
}

const privacyContacts = statement<PrivacyContacts, [string]>(
  'tenant',
  'privacyContacts',
  `
  SELECT controller_name AS "controllerName", controller_address AS "controllerAddress",
         dpo_name AS "dpoName", dpo_contact AS "dpoContact"
    FROM tenants WHERE id = $1`,
);

const setPrivacyContacts = statement<{ id: string }, [string, string, string, string, string]>(
  'tenant',
  'setPrivacyContacts',
  `
  UPDATE tenants SET controller_name = $2, controller_address = $3, dpo_name = $4, dpo_contact = $5
   WHERE id = $1 RETURNING id`,
);

/** Tenants. The table has no tenant column; a tenant is made by the platform operator. */
export const tenantRepository = {
  list: (db: Db) => rows(db, list, []),
  insert: async (db: Db, slug: string, name: string) => (await rows(db, insert, [slug, name]))[0]!,
  byId: async (db: Db, id: string) => (await rows(db, byId, [id]))[0] ?? null,
  /** The tenant an operator names on the command line, by slug or id (none when unknown). */
  bySlugOrId: (db: Db, slugOrId: string) => rows(db, bySlugOrId, [slugOrId]),
  privacyContacts: async (db: Db, tenantId: string) => (await rows(db, privacyContacts, [tenantId]))[0] ?? null,
  setPrivacyContacts: async (db: Db, tenantId: string, c: { [K in keyof PrivacyContacts]: string }) =>
    (await rows(db, setPrivacyContacts, [tenantId, c.controllerName, c.controllerAddress, c.dpoName, c.dpoContact]))
      .length === 1,
};
