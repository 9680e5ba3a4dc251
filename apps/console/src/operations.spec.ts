import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(dirname(createRequire(import.meta.url).resolve('@graphql-codegen/cli')), 'bin.js');

describe("the console's operations against the gateway's schema", () => {
  it('every graphql(`...`) in src is valid against schema.graphql, and src/gql is what the generator makes of them', () => {
    // The generator's plugins are CommonJS requiring ES modules, which jest's module system
    // cannot load: run its CLI in check mode. It exits 1 on an operation the schema does not
    // have (a renamed field, a missing argument) and on a checked-in src/gql that would change.
    const run = spawnSync(process.execPath, [bin, '--config', 'codegen.ts', '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    const problem =
      run.status === 0
        ? 'none'
        : 'see `npm run codegen -w @kim/console`: fix the operation the schema refuses, or commit the regenerated src/gql';
    expect({ exit: run.status, problem }).toEqual({ exit: 0, problem: 'none' });
  });
});
