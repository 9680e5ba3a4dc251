import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@kim/config';
import { createDataSource } from '@kim/persistence';
import {
  migrateCommand,
  replayDeadCommand,
  discardDeadCommand,
  rotateWebhookSecretCommand,
  seedDemoCommand,
  verifyAuditCommand,
} from './commands.js';
import { handoffCommand } from './handoff.js';
import { ADMIN_OPTIONS, ADMIN_USAGE, describeAdminError, runAdminCommand } from './admin.js';

const USAGE = `usage: npm run hub -- <command> [options]

commands:
  migrate                               apply pending database migrations
  seed-demo [--persons N] [--simulator-url U] [--agencies-file F]
                                        load the Kreis Steinfurt demo data (idempotent; refused with
                                        NODE_ENV=production); F receives the agencies and their
                                        webhook secrets for the simulator
  replay-dead [--tenant T] [--agency ID] queue dead outbound messages again
  discard-dead --agency ID --reason R [--tenant T]
                                        give up on an agency's dead messages for good (audited with R)
  rotate-webhook-secret --agency ID [--tenant T] [--finish]
                                        start a webhook secret rotation (prints the next secret once;
                                        both secrets valid meanwhile), or finish it (old secret retired)
  verify-audit [--tenant T]             check the audit ledger's hash chain (exit 1 when broken)
  handoff --now (--agency ID|NAME | --all) [--tenant T] [--export-only | --import-only]
                                        run the file handoff (export, status import) of file-channel
                                        agencies now, with a progress bar (npm run handoff -- ...)
${ADMIN_USAGE}

DATABASE_URL must be set (see .env.example).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      tenant: { type: 'string' },
      agency: { type: 'string' },
      persons: { type: 'string' },
      name: { type: 'string' },
      kind: { type: 'string' },
      'legal-domain': { type: 'string' },
      channel: { type: 'string' },
      'webhook-url': { type: 'string' },
      finish: { type: 'boolean', default: false },
      'simulator-url': { type: 'string', default: 'http://127.0.0.1:4100' },
      'agencies-file': { type: 'string' },
      all: { type: 'boolean' },
      now: { type: 'boolean' },
      'export-only': { type: 'boolean' },
      'import-only': { type: 'boolean' },
      reason: { type: 'string' },
      ...ADMIN_OPTIONS,
    },
    strict: true,
  });
  const config = loadConfig({ QUEUE_BACKEND: 'postgres', ...process.env });
  // Operator commands run as the owner: migrations, seeding and verifying span tenants.
  const ds = createDataSource({
    url: config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL,
    poolSize: 2,
    applicationName: 'kim-cli',
  });
  await ds.initialize();
  const out = (line: string) => console.log(line);
  try {
    switch (command) {
      case 'migrate':
        return await migrateCommand(ds, out);
      case 'seed-demo':
        return await seedDemoCommand(ds, out, {
          simulatorUrl: values['simulator-url'],
          ...(values.persons ? { persons: Number(values.persons) } : {}),
          ...(values['agencies-file'] ? { agenciesFile: values['agencies-file'] } : {}),
        });
      case 'verify-audit':
        return await verifyAuditCommand(ds, out, values.tenant);
      case 'replay-dead':
        return await replayDeadCommand(ds, out, {
          ...(values.tenant ? { tenant: values.tenant } : {}),
          ...(values.agency ? { agency: values.agency } : {}),
        });
      case 'discard-dead':
        if (!values.agency) throw new Error('--agency is required');
        if (!values.reason) throw new Error('--reason is required: say why the messages are not to be delivered');
        return await discardDeadCommand(ds, out, {
          agency: values.agency,
          reason: values.reason,
          ...(values.tenant ? { tenant: values.tenant } : {}),
        });
      case 'handoff':
        return await handoffCommand(ds, out, {
          ...(values.agency ? { agency: values.agency } : {}),
          ...(values.tenant ? { tenant: values.tenant } : {}),
          all: values.all ?? false,
          now: values.now ?? false,
          exportOnly: values['export-only'] ?? false,
          importOnly: values['import-only'] ?? false,
          dir: config.HANDOFF_DIR,
          source: config.HUB_SOURCE,
          chunkSize: config.HANDOFF_IMPORT_CHUNK,
          progress: process.stderr.isTTY === true,
        });
      case 'rotate-webhook-secret':
        if (!values.agency) throw new Error('--agency is required');
        return await rotateWebhookSecretCommand(ds, out, {
          agency: values.agency,
          finish: values.finish,
          ...(values.tenant ? { tenant: values.tenant } : {}),
        });
      default: {
        // The administration's verbs (apps/cli/src/admin.ts), create-agency among them.
        const code = await runAdminCommand(ds, out, command, values);
        if (code !== null) return code;
        console.error(`unknown command ${command}\n\n${USAGE}`);
        return 2;
      }
    }
  } finally {
    await ds.destroy();
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((e: unknown) => {
    console.error(describeAdminError(e) ?? (e instanceof ConfigError || e instanceof Error ? e.message : e));
    process.exit(1);
  });
