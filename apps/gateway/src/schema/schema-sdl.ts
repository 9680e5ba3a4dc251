import { MODULE_METADATA } from '@nestjs/common/constants.js';
import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { configSchema } from '@kim/config';
import { AppModule } from '../app.module.js';

export const SCHEMA_HEADER = `# KIM Hub GraphQL API: generated from the gateway's code-first schema by \`npm run schema:print\`.
# Do not edit by hand; a test fails when this file and the code disagree.
`;

type ModuleLike = Type | DynamicModule | Promise<DynamicModule> | undefined;

function isDynamic(m: unknown): m is DynamicModule {
  return typeof m === 'object' && m !== null && 'module' in m;
}

/**
 * Every class provider reachable from a module, as Nest's resolver explorer sees them in the
 * running gateway: the schema factory keeps those that carry resolver metadata.
 */
function providerClasses(root: ModuleLike): Type[] {
  const seen = new Set<unknown>();
  const classes = new Set<Type>();
  const addProvider = (p: Provider) => {
    if (typeof p === 'function') classes.add(p);
    else if (p && typeof p === 'object' && 'useClass' in p && typeof p.useClass === 'function') classes.add(p.useClass);
  };
  const visit = (m: ModuleLike) => {
    if (!m || m instanceof Promise || seen.has(m)) return;
    seen.add(m);
    const cls = isDynamic(m) ? m.module : m;
    if (typeof cls !== 'function') return;
    const meta = (key: string) => (Reflect.getMetadata(key, cls) as unknown[] | undefined) ?? [];
    const imports = [...meta(MODULE_METADATA.IMPORTS), ...(isDynamic(m) ? (m.imports ?? []) : [])];
    const providers = [...meta(MODULE_METADATA.PROVIDERS), ...(isDynamic(m) ? (m.providers ?? []) : [])];
    (providers as Provider[]).forEach(addProvider);
    (imports as ModuleLike[]).forEach(visit);
  };
  visit(root);
  return [...classes];
}

/**
 * The gateway's GraphQL schema as SDL, sorted as the running gateway sorts it. Built by the
 * GraphQL schema builder from the gateway's own module tree, so it needs neither a database
 * nor a queue.
 */
export async function gatewaySchemaSdl(): Promise<string> {
  // The module tree only; nothing connects. The URL is a placeholder the builder never uses.
  const config = configSchema.parse({
    DATABASE_URL: 'postgres://schema-print@127.0.0.1/none',
    QUEUE_BACKEND: 'postgres',
  });
  const resolvers = providerClasses(AppModule.forConfig(config));
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    const schema = await app.get(GraphQLSchemaFactory).create(resolvers);
    return `${SCHEMA_HEADER}\n${printSchema(lexicographicSortSchema(schema))}\n`;
  } finally {
    await app.close();
  }
}
