#!/usr/bin/env node
// Breaking-change check of the published GraphQL schema: compares schema.graphql with the last
// released schema in contracts/released/ (GraphQL Inspector's rules). Exits 1 on a breaking
// change that CHANGELOG.md does not record under [Unreleased] → ### Breaking; prints dangerous
// changes either way. Run through `npm run schema:check`, which builds the gateway first.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { schemaCompatibility, sortReleases } = await import('@kim/gateway');
const read = (file) => readFileSync(path.join(root, file), 'utf8');

const last = sortReleases(readdirSync(path.join(root, 'contracts', 'released'))).at(-1);
if (!last) {
  console.error('no released schema in contracts/released/ (schema-<version>.graphql)');
  process.exit(1);
}
const result = await schemaCompatibility(
  read(`contracts/released/${last.file}`),
  read('schema.graphql'),
  read('CHANGELOG.md'),
);
const show = (label, changes) => {
  if (changes.length === 0) return;
  console.log(`\n${label} (${changes.length}):`);
  for (const c of changes) console.log(`  ${c.path}: ${c.message}${c.reason ? `\n      ${c.reason}` : ''}`);
};
console.log(`schema.graphql against release ${last.version}`);
show('BREAKING, not recorded in CHANGELOG.md', result.unrecorded);
show('breaking, recorded as intended for the next major release', result.recorded);
show('dangerous', result.dangerous);
show('safe', result.safe);
const total = result.unrecorded.length + result.recorded.length + result.dangerous.length + result.safe.length;
if (total === 0) console.log('no changes');
if (result.unrecorded.length > 0) {
  console.error(
    '\nRestore compatibility, or record each change intended for the next major release as `Type.field` under' +
      ' "### Breaking" in the [Unreleased] section of CHANGELOG.md, with what clients have to do.',
  );
  process.exit(1);
}
