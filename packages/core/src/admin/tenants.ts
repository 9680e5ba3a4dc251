import type { DataSource } from 'typeorm';
import { privacyContactsInputSchema, tenantInputSchema } from '@kim/contracts';
import { tenantRepository, type Db, type PrivacyContacts, type TenantRow } from '@kim/persistence';
import { audit } from '../ledger/audit.js';
import type { Principal } from '../common/principal.js';
import { assertAdministers, parse, refusal } from './authority.js';

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

/** The controller and data protection officer the tenant's Art. 15 letters name (nulls until set). */
export async function privacyContacts(db: Db, tenantId: string): Promise<PrivacyContacts> {
  return (
    (await tenantRepository.privacyContacts(db, tenantId)) ?? {
      controllerName: null,
      controllerAddress: null,
      dpoName: null,
      dpoContact: null,
    }
  );
}

/** The tenant administrator sets them (all four at once: a letter names both or is incomplete). */
export async function setPrivacyContacts(ds: DataSource, p: Principal, input: unknown): Promise<PrivacyContacts> {
  assertAdministers(p);
  const c = parse(privacyContactsInputSchema, input, 'privacy contacts');
  return ds.transaction(async (m) => {
    await tenantRepository.setPrivacyContacts(m, p.tenantId, c);
    await audit(m, p, {
      action: 'tenant.privacy-contacts-updated',
      subjectType: 'tenant',
      subjectId: p.tenantId,
      allowed: true,
    });
    return c;
  });
}
