import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import { createSimulator, type Simulator } from './simulator.js';

/**
 * CLI entry of the partner-agency simulator.
 *
 *   SIMULATOR_AGENCIES_FILE=demo-credentials.json HUB_URL=http://127.0.0.1:3000 node apps/simulator/dist/main.js
 *
 * The agencies file is the demo seed's credentials output: `{ tenantId, agencies: [...] }`;
 * only agencies with channel "webhook" are simulated.
 */

/** Unset and empty variables both mean "use the default". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema);

const envSchema = z.object({
  SIMULATOR_PORT: optional(z.coerce.number({ error: 'expected a port number' }).int().min(0).max(65535).default(4100)),
  SIMULATOR_HOST: optional(z.string().default('127.0.0.1')),
  HUB_URL: optional(
    z
      .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as http://127.0.0.1:3000' })
      .default('http://127.0.0.1:3000'),
  ),
  SIMULATOR_AGENCIES_FILE: optional(z.string({ error: 'required: path to the agencies JSON file' })),
  SIMULATOR_DELAY_MS: optional(z.coerce.number().int().min(0).default(1500)),
  SIMULATOR_REJECT_SHARE: optional(z.coerce.number().min(0).max(1).default(0.15)),
  SIMULATOR_SEED: optional(z.string().optional()),
});

const webhookSecretSchema = z.string().refine(
  (secret) => {
    try {
      new Webhook(secret);
      return secret.length > 0;
    } catch {
      return false;
    }
  },
  { error: 'not a Standard Webhooks secret (expected whsec_<base64>)' },
);

const webhookAgencySchema = z.object({
  id: z.string().trim().min(1),
  name: z.string().trim().min(1),
  webhookSecret: webhookSecretSchema,
  channel: z.literal('webhook'),
});

/** Agencies on other channels (nightly file) are listed too; only webhook ones are checked and used. */
const agenciesFileSchema = z.object({
  tenantId: z.string().trim().min(1),
  agencies: z.array(z.looseObject({ channel: z.string() })),
});

function problems(error: z.ZodError): string {
  return error.issues.map((i) => `  - ${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('\n');
}

function fail(message: string): never {
  process.stderr.write(`simulator: ${message}\n`);
  process.exit(1);
}

function stamp(line: string): void {
  process.stdout.write(`${new Date().toISOString()} [simulator] ${line}\n`);
}

async function main(): Promise<void> {
  const env = envSchema.safeParse(process.env);
  if (!env.success) fail(`invalid environment:\n${problems(env.error)}`);
  const config = env.data;

  const file = resolve(config.SIMULATOR_AGENCIES_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    fail(`SIMULATOR_AGENCIES_FILE ${file} could not be read as JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = agenciesFileSchema.safeParse(raw);
  if (!parsed.success) fail(`SIMULATOR_AGENCIES_FILE ${file} is invalid:\n${problems(parsed.error)}`);
  const { tenantId } = parsed.data;
  const agencies: z.infer<typeof webhookAgencySchema>[] = [];
  const issues: z.core.$ZodIssue[] = [];
  parsed.data.agencies.forEach((entry, index) => {
    if (entry.channel !== 'webhook') return;
    const agency = webhookAgencySchema.safeParse(entry);
    if (agency.success) agencies.push(agency.data);
    else issues.push(...agency.error.issues.map((i) => ({ ...i, path: ['agencies', index, ...i.path] })));
  });
  if (issues.length > 0) fail(`SIMULATOR_AGENCIES_FILE ${file} is invalid:\n${problems(new z.ZodError(issues))}`);
  if (agencies.length === 0) fail(`SIMULATOR_AGENCIES_FILE ${file} lists no agency with channel "webhook"`);

  const hub = config.HUB_URL.replace(/\/+$/, '');
  const simulator: Simulator = await createSimulator({
    agencies: agencies.map(({ id, name, webhookSecret }) => ({ id, name, webhookSecret })),
    hubInboundUrl: (agencyId) =>
      `${hub}/webhooks/${encodeURIComponent(tenantId)}/agencies/${encodeURIComponent(agencyId)}/status`,
    port: config.SIMULATOR_PORT,
    host: config.SIMULATOR_HOST,
    delayMs: config.SIMULATOR_DELAY_MS,
    rejectShare: config.SIMULATOR_REJECT_SHARE,
    ...(config.SIMULATOR_SEED !== undefined ? { seed: config.SIMULATOR_SEED } : {}),
    log: stamp,
  }).catch((e: unknown) => fail(`could not start: ${e instanceof Error ? e.message : String(e)}`));

  stamp(`tenant ${tenantId}; answering to ${hub}; delay ${config.SIMULATOR_DELAY_MS} ms`);
  for (const a of agencies) stamp(`  ${a.name}: ${simulator.url}/agencies/${a.id}/webhook`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      stamp(`${signal} again; exiting now`);
      process.exit(1);
    }
    stopping = true;
    stamp(`${signal}: stopping`);
    simulator.close().then(
      () => process.exit(0),
      (e: unknown) => {
        stamp(`error while stopping: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => fail(e instanceof Error ? (e.stack ?? e.message) : String(e)));
