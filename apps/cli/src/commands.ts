import { chmodSync, writeFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { agencySchema, parseInput, uuidSchema } from '@kim/contracts';
import {
  OutboxDeadLetters,
  agencyInTenants,
  createAgency,
  relayOnly,
  finishSecretRotation,
  listTenants,
  startSecretRotation,
  verifyAuditChain,
  type Principal,
} from '@kim/core';
import { DemoSeedRefused, seedDemo } from '@kim/demo-data';
import { migrate, type TenantRow } from '@kim/persistence';

export type Out = (line: string) => void;

async function tenantsOf(ds: DataSource, tenant?: string): Promise<TenantRow[]> {
  const all = await listTenants(ds);
  if (!tenant) return all;
  const found = all.filter((t) => t.slug === tenant || t.id === tenant);
  if (found.length === 0) throw new Error(`no tenant ${tenant}; known: ${all.map((t) => t.slug).join(', ') || 'none'}`);
  return found;
}

export async function migrateCommand(ds: DataSource, out: Out): Promise<number> {
  const applied = await migrate(ds);
  out(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
  return 0;
}

/**
 * The demo data (refused when NODE_ENV=production). With `agenciesFile`, the agencies and their
 * webhook secrets (random, stored with each agency) are written there for the simulator, readable
 * by the file's owner only.
 */
export async function seedDemoCommand(
  ds: DataSource,
  out: Out,
  opts: { persons?: number; simulatorUrl: string; agenciesFile?: string; nodeEnv?: string },
): Promise<number> {
  if ((opts.nodeEnv ?? process.env.NODE_ENV) === 'production') throw new DemoSeedRefused();
  await migrate(ds);
  const creds = await seedDemo(ds, {
    simulatorUrl: opts.simulatorUrl,
    ...(opts.persons ? { persons: opts.persons } : {}),
    ...(opts.nodeEnv ? { nodeEnv: opts.nodeEnv } : {}),
  });
  out(`demo tenant ${creds.tenantId}: ${creds.staff.length} staff, ${creds.agencies.length} agencies`);
  if (opts.agenciesFile) {
    writeFileSync(opts.agenciesFile, JSON.stringify({ tenantId: creds.tenantId, agencies: creds.agencies }, null, 2), {
      mode: 0o600,
    });
    chmodSync(opts.agenciesFile, 0o600);
    out(`agencies and their webhook secrets for the simulator: ${opts.agenciesFile}`);
  }
  return 0;
}

/** Exit code 1 when any tenant's chain is broken. */
export async function verifyAuditCommand(ds: DataSource, out: Out, tenant?: string): Promise<number> {
  let broken = 0;
  for (const t of await tenantsOf(ds, tenant)) {
    const r = await verifyAuditChain(ds, t.id);
    if (r.ok)
      out(
        `${t.slug}: ok, ${r.checked} entries${r.unsealed ? ` (${r.unsealed} written in the last minutes, not sealed yet)` : ''}`,
      );
    else {
      broken++;
      out(`${t.slug}: BROKEN at entry ${r.broken!.entry} (${r.broken!.problem}), ${r.checked} entries checked`);
    }
  }
  return broken ? 1 : 0;
}

/** Put dead messages back on their way; the worker's relay picks them up. */
export async function replayDeadCommand(
  ds: DataSource,
  out: Out,
  opts: { tenant?: string; agency?: string },
): Promise<number> {
  let replayed = 0;
  for (const t of await tenantsOf(ds, opts.tenant)) {
    const operator: Principal = { kind: 'system', tenantId: t.id };
    // No queue here: the worker's relay puts the replayed messages on it.
    const deadLetters = new OutboxDeadLetters(ds, relayOnly(ds));
    const dead = await deadLetters.deadIds(t.id, opts.agency ?? null);
    for (const id of dead) await deadLetters.replay(operator, id);
    replayed += dead.length;
    out(`${t.slug}: ${dead.length} dead message(s) queued again`);
  }
  out(`${replayed} message(s) in all`);
  return 0;
}

/**
 * Give up on an agency's dead messages (e.g. the agency left the network, or the referrals were
 * settled by phone): each one is discarded as by the discardMessage mutation, audited with the
 * reason, and never delivered afterwards. The agency is named by id, since a discard cannot be undone.
 */
export async function discardDeadCommand(
  ds: DataSource,
  out: Out,
  opts: { tenant?: string; agency: string; reason: string },
): Promise<number> {
  if (!uuidSchema.safeParse(opts.agency).success) throw new Error('--agency must be the agency id (a UUID)');
  let discarded = 0;
  for (const t of await tenantsOf(ds, opts.tenant)) {
    const operator: Principal = { kind: 'system', tenantId: t.id };
    const deadLetters = new OutboxDeadLetters(ds, relayOnly(ds));
    const dead = await deadLetters.deadIds(t.id, opts.agency);
    for (const id of dead) await deadLetters.discard(operator, id, `${opts.reason} (npm run hub -- discard-dead)`);
    discarded += dead.length;
    if (dead.length) out(`${t.slug}: ${dead.length} dead message(s) discarded`);
  }
  out(`${discarded} message(s) in all`);
  return 0;
}

/** A new partner agency; its API key and webhook secret are shown once and stored only as needed. */
export async function createAgencyCommand(
  ds: DataSource,
  out: Out,
  opts: { tenant: string; name?: string; kind?: string; legalDomain?: string; channel?: string; webhookUrl?: string },
): Promise<number> {
  const [t] = await tenantsOf(ds, opts.tenant);
  const input = parseInput(
    agencySchema,
    {
      name: opts.name,
      kind: opts.kind,
      legalDomain: opts.legalDomain ?? 'none',
      channel: opts.channel ?? 'webhook',
      webhookUrl: opts.webhookUrl,
    },
    'agency',
  );
  if (input.channel === 'webhook' && !input.webhookUrl)
    throw new Error('--webhook-url is required for channel webhook');
  const { id, apiKey, webhookSecret } = await createAgency(ds, t!.id, {
    name: input.name,
    kind: input.kind,
    legalDomain: input.legalDomain,
    channel: input.channel,
    webhookUrl: input.webhookUrl ?? null,
  });
  out(`agency ${id} created in ${t!.slug}`);
  out(`API key (shown once): ${apiKey}`);
  out(`webhook secret (shown once): ${webhookSecret}`);
  out(`status messages go to: /webhooks/${t!.id}/agencies/${id}/status`);
  return 0;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Rotate an agency's webhook secret in two steps. The first creates the next secret: from then
 * on webhooks carry both signatures and status messages signed with either are accepted. Once
 * the agency has switched, `--finish` retires the old secret.
 */
export async function rotateWebhookSecretCommand(
  ds: DataSource,
  out: Out,
  opts: { agency: string; tenant?: string; finish?: boolean },
): Promise<number> {
  if (!UUID.test(opts.agency)) throw new Error(`--agency must be an agency id (a UUID), not ${opts.agency}`);
  const tenantIds = opts.tenant ? (await tenantsOf(ds, opts.tenant)).map((t) => t.id) : null;
  const rows = await agencyInTenants(ds, opts.agency, tenantIds);
  if (rows.length === 0) throw new Error(`no agency ${opts.agency}${opts.tenant ? ` in ${opts.tenant}` : ''}`);
  if (rows.length > 1) throw new Error(`agency id ${opts.agency} exists in several tenants; name one with --tenant`);
  const { tenantId, name } = rows[0]!;
  const operator: Principal = { kind: 'system', tenantId };
  if (opts.finish) {
    await finishSecretRotation(ds, operator, opts.agency);
    out(`${name}: rotation finished; the old webhook secret is no longer accepted`);
    return 0;
  }
  const started = await startSecretRotation(ds, operator, opts.agency);
  out(`${name}: rotation started ${started.startedAt.toISOString()}`);
  out(`next webhook secret (shown once): ${started.nextSecret}`);
  out('webhooks now carry a signature with each secret; status messages signed with either are accepted');
  out(`when the agency uses the new secret: npm run hub -- rotate-webhook-secret --agency ${opts.agency} --finish`);
  return 0;
}
