#!/usr/bin/env node
// Writes the hub's published contracts from the code: schema.graphql (the gateway's GraphQL
// schema) and docs/schemas/*.json (JSON Schemas of the message contracts). Run through
// `npm run schema:print`, which builds the gateway first. Tests fail while these files and the
// code disagree.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { gatewaySchemaSdl } = await import('@kim/gateway');
const { messageJsonSchemas } = await import('@kim/contracts');

writeFileSync(path.join(root, 'schema.graphql'), await gatewaySchemaSdl());
console.log('wrote schema.graphql');

const dir = path.join(root, 'docs', 'schemas');
mkdirSync(dir, { recursive: true });
const schemas = messageJsonSchemas();
for (const file of readdirSync(dir)) {
  if (file.endsWith('.json') && !(file.slice(0, -5) in schemas)) rmSync(path.join(dir, file));
}
for (const [name, schema] of Object.entries(schemas)) {
  writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote docs/schemas/${name}.json`);
}
