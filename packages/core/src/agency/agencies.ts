import { randomBytes } from 'node:crypto';
import { generateWebhookSecret } from '@kim/messaging';
import { agencyRepository, type AgencyRow, type Db } from '@kim/persistence';
import { hashCredential, newApiKey } from '../common/credentials.js';

/** The partner agencies of a tenant, by name. */
export const listAgencies = (db: Db, tenantId: string): Promise<AgencyRow[]> => agencyRepository.list(db, tenantId);

/** An agency by id in the given tenants (all when null): operators often know only the id. */
export const agencyInTenants = (db: Db, agencyId: string, tenantIds: readonly string[] | null) =>
  agencyRepository.byIdInTenants(db, agencyId, tenantIds);

/** How metrics name an agency: the tenant's slug and the agency's name, never ids. */
export const agencyLabels = (db: Db, tenantId: string, agencyId: string) =>
  agencyRepository.labels(db, tenantId, agencyId);

export interface NewAgency {
  name: string;
  kind: string;
  legalDomain: string;
  channel: string;
  webhookUrl: string | null;
}

/** Create an agency; its API key and webhook secret come back once and are stored only as needed. */
export async function createAgency(
  db: Db,
  tenantId: string,
  input: NewAgency,
): Promise<{ id: string; apiKey: string; webhookSecret: string }> {
  const apiKey = newApiKey();
  const webhookSecret = generateWebhookSecret(randomBytes(32));
  const id = await agencyRepository.insert(db, {
    tenantId,
    ...input,
    webhookSecret,
    apiKeyHash: hashCredential(apiKey),
  });
  return { id, apiKey, webhookSecret };
}
