import type { DataSource } from 'typeorm';
import {
  DomainError,
  addAgency,
  addService,
  createCoordinationArea,
  createRegion,
  createStaffUser,
  createTenant,
  credentialState,
  expireCredential,
  issueCredential,
  listAgencies,
  listAreas,
  listCredentials,
  listServices,
  listStaff,
  listTenants,
  pickByName,
  renameCoordinationArea,
  revokeCredential,
  setTakesTransfers,
  rotateCredential,
  updateAgency,
  updateRegion,
  updateService,
  updateStaffUser,
  type Principal,
} from '@kim/core';
import type { TenantRow } from '@kim/persistence';
import type { Out } from './commands.js';

/**
 * The tenant administration on the command line: the same verbs as the GraphQL administration
 * (same use-cases, same checks, same ledger entries), run as the platform operator. List commands
 * print ids; wherever a command takes a tenant, area, staff user, agency, service or credential,
 * a name (slug, e-mail, code, prefix) is accepted when exactly one thing has it.
 */
export const ADMIN_OPTIONS = {
  slug: { type: 'string' },
  role: { type: 'string' },
  email: { type: 'string' },
  phone: { type: 'string' },
  address: { type: 'string' },
  hours: { type: 'string' },
  region: { type: 'string' },
  'coordination-area': { type: 'string' },
  fte: { type: 'string' },
  'caseload-key': { type: 'string' },
  staff: { type: 'string' },
  service: { type: 'string' },
  code: { type: 'string' },
  'life-domain': { type: 'string' },
  'response-days': { type: 'string' },
  'integration-course': { type: 'boolean' },
  'funding-line': { type: 'string' },
  credential: { type: 'string' },
  label: { type: 'string' },
  'valid-days': { type: 'string' },
  overlap: { type: 'string' },
  at: { type: 'string' },
  deactivate: { type: 'boolean' },
  activate: { type: 'boolean' },
  accept: { type: 'boolean' },
  refuse: { type: 'boolean' },
} as const;

export const ADMIN_USAGE = `
administration (the platform operator; names are accepted where unique, lists print ids):
  create-tenant --slug S --name N       a new tenant (Kreis or kreisfreie Stadt)
  list-tenants
  set-transfers --tenant T --accept|--refuse   whether the Kreis takes cases moved from other Kreise (issue 19)
  create-coordination-area --tenant T --name N --kind kreis|municipality
  rename-coordination-area --tenant T --coordination-area A --name N
  create-region --tenant T --coordination-area A --name N --fte F [--caseload-key K] [--phone P] [--email E]
  update-region --tenant T --region R [--name N] [--fte F] [--caseload-key K] [--phone P] [--email E]
  list-areas --tenant T
  create-staff --tenant T --name N --email E --role case-manager|coordinator|operator|tenant-admin
               [--region R] [--coordination-area A] [--fte F]
  update-staff --tenant T --staff S [--name N] [--email E] [--role R] [--region R]
               [--coordination-area A] [--fte F] [--deactivate | --activate]
  list-staff --tenant T
  create-agency --tenant T --name N --kind K [--legal-domain D] [--channel webhook|file] [--webhook-url U]
               [--phone P] [--email E] [--address A] [--hours H]
                                        prints the webhook secret once (issue an API key with issue-credential)
  update-agency --tenant T --agency A [--name N] [--webhook-url U] [--channel C] [--phone P] [--email E]
               [--address A] [--hours H] [--kind K] [--legal-domain D]
  list-agencies --tenant T
  create-service --tenant T --agency A --code C --name N --life-domain D [--response-days N]
               [--integration-course] [--funding-line F]
  update-service --tenant T --service S [--name N] [--life-domain D] [--response-days N] [--funding-line F]
  list-services --tenant T
  issue-credential --tenant T (--staff S | --agency A) [--label L] [--valid-days N]
                                        a staff token or agency API key, printed once
  list-credentials --tenant T [--staff S | --agency A]
  revoke-credential --tenant T --credential C   refused by every gateway at once
  expire-credential --tenant T --credential C [--at ISO-TIME]
  rotate-credential --tenant T --credential C --overlap SECONDS
                                        a new secret (printed once); the old one works SECONDS more`;

type Values = {
  [K in keyof typeof ADMIN_OPTIONS]?: (typeof ADMIN_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string;
} & {
  tenant?: string;
  name?: string;
  kind?: string;
  agency?: string;
  'legal-domain'?: string;
  channel?: string;
  'webhook-url'?: string;
};

function need<T>(value: T | undefined, flag: string): T {
  if (value === undefined || value === '') throw new Error(`--${flag} is required`);
  return value;
}

const num = (v: string | undefined, flag: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${flag} must be a number, not ${v}`);
  return n;
};

/** A contact flag: absent leaves it, an empty string clears it. */
const contact = (v: string | undefined): string | null | undefined =>
  v === undefined ? undefined : v === '' ? null : v;

async function tenantOf(ds: DataSource, ref: string | undefined): Promise<TenantRow> {
  const tenants = await listTenants(ds);
  return pickByName(tenants, need(ref, 'tenant'), 'tenant', (t) => [t.slug, t.name]);
}

const tab = (...cells: (string | number | null | undefined)[]) => cells.map((c) => (c ?? '–').toString()).join('\t');
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Run an administration command; null when the command is not one of them. */
export async function runAdminCommand(ds: DataSource, out: Out, command: string, v: Values): Promise<number | null> {
  if (command === 'create-tenant') {
    const t = await createTenant(ds, { slug: need(v.slug, 'slug'), name: need(v.name, 'name') });
    out(`tenant ${t.id} created: ${t.slug} (${t.name})`);
    out(`next: npm run hub -- create-staff --tenant ${t.slug} --role tenant-admin --name … --email …`);
    return 0;
  }
  if (command === 'list-tenants') {
    out(tab('id', 'slug', 'name'));
    for (const t of await listTenants(ds)) out(tab(t.id, t.slug, t.name));
    return 0;
  }
  if (command === 'set-transfers') {
    const t = await tenantOf(ds, v.tenant);
    if (v.accept === v.refuse) throw new Error('set-transfers: give exactly one of --accept and --refuse');
    await setTakesTransfers(ds, t.id, v.accept === true);
    out(`tenant ${t.slug} ${v.accept ? 'takes' : 'takes no'} cases from other Kreise`);
    return 0;
  }
  if (!ADMIN_COMMANDS.has(command)) return null;
  const tenant = await tenantOf(ds, v.tenant);
  // The command line acts for the platform operator: a system principal of that tenant.
  const op: Principal = { kind: 'system', tenantId: tenant.id };
  const areas = () => listAreas(ds, tenant.id);
  const coordinationArea = async (ref: string) =>
    pickByName((await areas()).coordinationAreas, ref, 'coordination area', (a) => [a.name]);
  const region = async (ref: string) => pickByName((await areas()).regions, ref, 'regional area', (r) => [r.name]);
  const staff = async (ref: string) =>
    pickByName(await listStaff(ds, tenant.id), ref, 'staff user', (s) => [s.email, s.displayName]);
  const agency = async (ref: string) => pickByName(await listAgencies(ds, tenant.id), ref, 'agency', (a) => [a.name]);
  const service = async (ref: string) =>
    pickByName(await listServices(ds, tenant.id), ref, 'service', (s) => [s.code, s.name]);
  const credential = async (ref: string) =>
    pickByName(await listCredentials(ds, op), ref, 'credential', (c) => [c.prefix, c.label]);
  const optionalRef = async (ref: string | undefined, find: (r: string) => Promise<{ id: string }>) =>
    ref === undefined ? undefined : ref === '' ? null : (await find(ref)).id;

  switch (command) {
    case 'create-coordination-area': {
      const a = await createCoordinationArea(ds, op, { name: v.name, kind: need(v.kind, 'kind') });
      out(`coordination area ${a.id} created: ${a.name}`);
      return 0;
    }
    case 'rename-coordination-area': {
      const a = await coordinationArea(need(v['coordination-area'], 'coordination-area'));
      await renameCoordinationArea(ds, op, a.id, need(v.name, 'name'));
      out(`coordination area ${a.id} renamed`);
      return 0;
    }
    case 'create-region': {
      const a = await coordinationArea(need(v['coordination-area'], 'coordination-area'));
      const r = await createRegion(ds, op, {
        name: v.name,
        coordinationAreaId: a.id,
        fte: num(need(v.fte, 'fte'), 'fte'),
        caseloadKey: num(v['caseload-key'], 'caseload-key'),
        contactPhone: contact(v.phone),
        contactEmail: contact(v.email),
      });
      out(`regional area ${r.id} created: ${r.name} in ${a.name}`);
      return 0;
    }
    case 'update-region': {
      const r = await region(need(v.region, 'region'));
      await updateRegion(ds, op, r.id, {
        name: v.name,
        fte: num(v.fte, 'fte'),
        caseloadKey: num(v['caseload-key'], 'caseload-key'),
        contactPhone: contact(v.phone),
        contactEmail: contact(v.email),
      });
      out(`regional area ${r.id} changed`);
      return 0;
    }
    case 'list-areas': {
      const { coordinationAreas, regions } = await areas();
      out(tab('id', 'coordination area', 'kind'));
      for (const a of coordinationAreas) out(tab(a.id, a.name, a.kind));
      out('');
      out(tab('id', 'regional area', 'coordination area', 'fte', 'caseload key', 'phone', 'e-mail'));
      for (const r of regions) {
        const ca = coordinationAreas.find((a) => a.id === r.coordinationAreaId);
        out(tab(r.id, r.name, ca?.name, r.fte, r.caseloadKey, r.contactPhone, r.contactEmail));
      }
      return 0;
    }
    case 'create-staff': {
      const s = await createStaffUser(ds, op, {
        displayName: v.name,
        email: v.email,
        role: need(v.role, 'role'),
        regionId: await optionalRef(v.region, region),
        coordinationAreaId: await optionalRef(v['coordination-area'], coordinationArea),
        fte: num(v.fte, 'fte'),
      });
      out(`staff user ${s.id} created: ${s.displayName} <${s.email}>, ${s.role}`);
      out(
        `they sign in by single sign-on, or with a token: npm run hub -- issue-credential --tenant ${tenant.slug} --staff ${s.email}`,
      );
      return 0;
    }
    case 'update-staff': {
      const s = await staff(need(v.staff, 'staff'));
      if (v.activate && v.deactivate) throw new Error('--activate or --deactivate, not both');
      await updateStaffUser(ds, op, s.id, {
        displayName: v.name,
        email: v.email,
        role: v.role,
        regionId: await optionalRef(v.region, region),
        coordinationAreaId: await optionalRef(v['coordination-area'], coordinationArea),
        fte: v.fte === '' ? null : num(v.fte, 'fte'),
        active: v.deactivate ? false : v.activate ? true : undefined,
      });
      out(`staff user ${s.id} changed`);
      return 0;
    }
    case 'list-staff': {
      const { coordinationAreas, regions } = await areas();
      out(tab('id', 'name', 'e-mail', 'role', 'area', 'active'));
      for (const s of await listStaff(ds, tenant.id)) {
        const area =
          regions.find((r) => r.id === s.regionId)?.name ??
          coordinationAreas.find((a) => a.id === s.coordinationAreaId)?.name;
        out(tab(s.id, s.displayName, s.email, s.role, area, s.deactivatedAt ? 'no' : 'yes'));
      }
      return 0;
    }
    case 'create-agency': {
      const { agency: a, webhookSecret } = await addAgency(ds, op, {
        name: v.name,
        kind: v.kind,
        legalDomain: v['legal-domain'],
        channel: v.channel,
        webhookUrl: v['webhook-url'],
        contactPhone: contact(v.phone),
        contactEmail: contact(v.email),
        contactAddress: contact(v.address),
        contactHours: contact(v.hours),
      });
      out(`agency ${a.id} created in ${tenant.slug}: ${a.name}`);
      out(`webhook secret (shown once): ${webhookSecret}`);
      out(`status messages go to: /webhooks/${tenant.id}/agencies/${a.id}/status`);
      out(`next: a service (create-service) and an API key (issue-credential --agency ${a.id})`);
      return 0;
    }
    case 'update-agency': {
      const a = await agency(need(v.agency, 'agency'));
      await updateAgency(ds, op, a.id, {
        name: v.name,
        kind: v.kind,
        legalDomain: v['legal-domain'],
        channel: v.channel,
        webhookUrl: contact(v['webhook-url']),
        contactPhone: contact(v.phone),
        contactEmail: contact(v.email),
        contactAddress: contact(v.address),
        contactHours: contact(v.hours),
      });
      out(`agency ${a.id} changed`);
      return 0;
    }
    case 'list-agencies': {
      out(tab('id', 'name', 'kind', 'channel', 'webhook URL', 'phone', 'e-mail', 'address', 'hours'));
      for (const a of await listAgencies(ds, tenant.id)) {
        out(
          tab(
            a.id,
            a.name,
            a.kind,
            a.channel,
            a.webhookUrl,
            a.contactPhone,
            a.contactEmail,
            a.contactAddress,
            a.contactHours,
          ),
        );
      }
      return 0;
    }
    case 'create-service': {
      const a = await agency(need(v.agency, 'agency'));
      const s = await addService(ds, op, {
        agencyId: a.id,
        code: v.code,
        name: v.name,
        lifeDomain: v['life-domain'],
        responseDays: num(v['response-days'], 'response-days'),
        integrationCourse: v['integration-course'],
        fundingLine: contact(v['funding-line']),
      });
      out(`service ${s.id} created: ${s.code} ${s.name} at ${a.name}`);
      return 0;
    }
    case 'update-service': {
      const s = await service(need(v.service, 'service'));
      await updateService(ds, op, s.id, {
        name: v.name,
        lifeDomain: v['life-domain'],
        responseDays: num(v['response-days'], 'response-days'),
        integrationCourse: v['integration-course'],
        fundingLine: contact(v['funding-line']),
      });
      out(`service ${s.id} changed`);
      return 0;
    }
    case 'list-services': {
      const agencies = await listAgencies(ds, tenant.id);
      out(tab('id', 'code', 'name', 'agency', 'life domain', 'response days', 'integration course', 'funding line'));
      for (const s of await listServices(ds, tenant.id)) {
        const a = agencies.find((x) => x.id === s.agencyId);
        out(
          tab(
            s.id,
            s.code,
            s.name,
            a?.name,
            s.lifeDomain,
            s.responseDays,
            s.integrationCourse ? 'yes' : 'no',
            s.fundingLine,
          ),
        );
      }
      return 0;
    }
    case 'issue-credential': {
      if (!!v.staff === !!v.agency) throw new Error('name either --staff or --agency');
      const owner = v.staff ? { staffUserId: (await staff(v.staff)).id } : { agencyId: (await agency(v.agency!)).id };
      const issued = await issueCredential(ds, op, owner, {
        label: v.label,
        validDays: num(v['valid-days'], 'valid-days'),
      });
      out(`credential ${issued.credential.id} issued (${issued.credential.prefix}…)`);
      out(`secret (shown once): ${issued.secret}`);
      return 0;
    }
    case 'list-credentials': {
      const owner = v.staff
        ? { staffUserId: (await staff(v.staff)).id }
        : v.agency
          ? { agencyId: (await agency(v.agency)).id }
          : undefined;
      const [staffUsers, agencies] = await Promise.all([listStaff(ds, tenant.id), listAgencies(ds, tenant.id)]);
      out(tab('id', 'prefix', 'owner', 'label', 'state', 'created', 'last used', 'expires'));
      for (const c of await listCredentials(ds, op, owner)) {
        const who = c.staffUserId
          ? staffUsers.find((s) => s.id === c.staffUserId)?.email
          : agencies.find((a) => a.id === c.agencyId)?.name;
        out(
          tab(c.id, c.prefix, who, c.label, credentialState(c), iso(c.createdAt), iso(c.lastUsedAt), iso(c.expiresAt)),
        );
      }
      return 0;
    }
    case 'revoke-credential': {
      const c = await credential(need(v.credential, 'credential'));
      await revokeCredential(ds, op, c.id);
      out(`credential ${c.id} revoked: every gateway refuses it from now on`);
      return 0;
    }
    case 'expire-credential': {
      const c = await credential(need(v.credential, 'credential'));
      const at = v.at ? new Date(v.at) : undefined;
      if (at && Number.isNaN(at.getTime())) throw new Error(`--at must be an ISO time, not ${v.at}`);
      const r = await expireCredential(ds, op, c.id, at);
      out(`credential ${c.id} expires ${iso(r.expiresAt)}`);
      return 0;
    }
    case 'rotate-credential': {
      const c = await credential(need(v.credential, 'credential'));
      const r = await rotateCredential(ds, op, c.id, num(need(v.overlap, 'overlap'), 'overlap'));
      out(`credential ${r.credential.id} issued (${r.credential.prefix}…) in place of ${c.id}`);
      out(`secret (shown once): ${r.secret}`);
      out(`the old credential works until ${iso(r.previous.expiresAt)}`);
      return 0;
    }
  }
  return null;
}

const ADMIN_COMMANDS = new Set([
  'create-coordination-area',
  'rename-coordination-area',
  'create-region',
  'update-region',
  'list-areas',
  'create-staff',
  'update-staff',
  'list-staff',
  'create-agency',
  'update-agency',
  'list-agencies',
  'create-service',
  'update-service',
  'list-services',
  'issue-credential',
  'list-credentials',
  'revoke-credential',
  'expire-credential',
  'rotate-credential',
]);

/** A domain refusal as one line for the person at the terminal. */
export const describeAdminError = (e: unknown): string | null => {
  if (!(e instanceof DomainError)) return null;
  const problems = (e.details.problems ?? []) as { path?: string; message?: string }[];
  return [`${e.code}: ${e.message}`, ...problems.map((p) => `  ${p.path ?? ''}: ${p.message ?? ''}`)].join('\n');
};
