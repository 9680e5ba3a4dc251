import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { generateWebhookSecret } from '@kim/messaging';
import {
  agencyAdminInputSchema,
  agencyUpdateSchema,
  serviceInputSchema,
  serviceUpdateSchema,
  type AgencyUpdate,
} from '@kim/contracts';
import { agencyRepository, type AgencyRow, type Db, type ServiceRow } from '@kim/persistence';
import { audit } from '../ledger/audit.js';
import { DomainError, notFound } from '../common/errors.js';
import type { Principal } from '../common/principal.js';
import { assertAdministers, changedFields, parse, refusal } from './authority.js';

/**
 * Add a partner agency with its contact data. Its webhook secret comes back once (the agency
 * needs it to check our signatures and sign its status messages); API keys are issued as
 * credentials of their own.
 */
export async function addAgency(
  ds: DataSource,
  p: Principal,
  input: unknown,
): Promise<{ agency: AgencyRow; webhookSecret: string }> {
  assertAdministers(p);
  const a = parse(agencyAdminInputSchema, input, 'agency');
  const webhookSecret = generateWebhookSecret(randomBytes(32));
  return ds.transaction(async (m) => {
    const id = await agencyRepository.insertAdministered(
      m,
      p.tenantId,
      {
        name: a.name,
        kind: a.kind,
        legalDomain: a.legalDomain,
        channel: a.channel,
        webhookUrl: a.webhookUrl ?? null,
        contactPhone: a.contactPhone ?? null,
        contactEmail: a.contactEmail ?? null,
        contactAddress: a.contactAddress ?? null,
        contactHours: a.contactHours ?? null,
      },
      webhookSecret,
    );
    await audit(m, p, { action: 'agency.created', subjectType: 'agency', subjectId: id, allowed: true, agencyId: id });
    return { agency: (await agencyRepository.byId(m, p.tenantId, id))!, webhookSecret };
  });
}

/** Change an agency's details: name, kind, legal domain, channel, webhook URL, contact data. */
export async function updateAgency(ds: DataSource, p: Principal, id: string, patch: unknown): Promise<AgencyRow> {
  assertAdministers(p);
  const u = parse(agencyUpdateSchema, patch, 'agency');
  return ds.transaction(async (m) => {
    const old = await agencyRepository.lock(m, p.tenantId, id);
    if (!old) throw notFound('agency', id);
    const pick = <K extends keyof AgencyUpdate & keyof AgencyRow>(k: K) => (u[k] === undefined ? old[k] : u[k]);
    const next = {
      name: pick('name'),
      kind: pick('kind'),
      legalDomain: pick('legalDomain'),
      channel: pick('channel'),
      webhookUrl: pick('webhookUrl') ?? null,
      contactPhone: pick('contactPhone') ?? null,
      contactEmail: pick('contactEmail') ?? null,
      contactAddress: pick('contactAddress') ?? null,
      contactHours: pick('contactHours') ?? null,
    };
    if (next.channel === 'webhook' && !next.webhookUrl) {
      throw new DomainError('INVALID_INPUT', 'a webhook agency needs a webhook URL');
    }
    await agencyRepository.write(m, p.tenantId, id, next);
    await audit(m, p, {
      action: 'agency.updated',
      subjectType: 'agency',
      subjectId: id,
      allowed: true,
      agencyId: id,
      reason: changedFields(u),
    });
    return (await agencyRepository.byId(m, p.tenantId, id))!;
  });
}

/** Every service of a tenant, by code. */
export const listServices = (db: Db, tenantId: string): Promise<ServiceRow[]> =>
  agencyRepository.services(db, tenantId);

/** A service an agency takes referrals for: without one, an agency can never receive a referral. */
export async function addService(ds: DataSource, p: Principal, input: unknown): Promise<ServiceRow> {
  assertAdministers(p);
  const sv = parse(serviceInputSchema, input, 'service');
  return ds.transaction(async (m) => {
    const id = await agencyRepository
      .insertService(m, p.tenantId, sv.agencyId, sv.code, {
        name: sv.name,
        lifeDomain: sv.lifeDomain,
        responseDays: sv.responseDays,
        integrationCourse: sv.integrationCourse,
        fundingLine: sv.fundingLine ?? null,
      })
      .catch((e: unknown) => refusal(e, `a service with code ${sv.code} exists already`, `no agency ${sv.agencyId}`));
    await audit(m, p, {
      action: 'service.created',
      subjectType: 'service',
      subjectId: id,
      allowed: true,
      agencyId: sv.agencyId,
    });
    return (await agencyRepository.servicesByIds(m, p.tenantId, [id]))[0]!;
  });
}

export async function updateService(ds: DataSource, p: Principal, id: string, patch: unknown): Promise<ServiceRow> {
  assertAdministers(p);
  const u = parse(serviceUpdateSchema, patch, 'service');
  return ds.transaction(async (m) => {
    const old = await agencyRepository.lockService(m, p.tenantId, id);
    if (!old) throw notFound('service', id);
    await agencyRepository.writeService(m, p.tenantId, id, {
      name: u.name ?? old.name,
      lifeDomain: u.lifeDomain ?? old.lifeDomain,
      responseDays: u.responseDays ?? old.responseDays,
      integrationCourse: u.integrationCourse ?? old.integrationCourse,
      fundingLine: u.fundingLine === undefined ? old.fundingLine : u.fundingLine,
    });
    await audit(m, p, {
      action: 'service.updated',
      subjectType: 'service',
      subjectId: id,
      allowed: true,
      agencyId: old.agencyId,
      reason: changedFields(u),
    });
    return (await agencyRepository.servicesByIds(m, p.tenantId, [id]))[0]!;
  });
}
