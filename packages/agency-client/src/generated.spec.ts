import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('checked-in artefacts of the agency client', () => {
  it('src/generated/graphql.ts is what GraphQL Code Generator makes of schema.graphql and the operations', () => {
    // The generator's plugins are CommonJS requiring ES modules, which jest's module system
    // cannot load: run its CLI in check mode (exit 1 when the file would change).
    const bin = join(dirname(createRequire(import.meta.url).resolve('@graphql-codegen/cli')), 'bin.js');
    const run = spawnSync(process.execPath, [bin, '--config', 'codegen.ts', '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    const fix =
      run.status === 0 ? 'none needed' : 'run `npm run codegen -w @kim/agency-client` and commit src/generated';
    expect({ exit: run.status, fix }).toEqual({ exit: 0, fix: 'none needed' });
  });

  it('the README shows examples/agency.ts exactly (the file the integration test runs)', () => {
    const block = /<!-- example: examples\/agency\.ts -->\n+```ts\n([\s\S]*?)```\n+<!-- \/example -->/.exec(
      read('README.md'),
    );
    expect(block?.[1]).toBe(read('examples/agency.ts'));
    expect(read('examples/agency.ts').split('\n').filter(Boolean).length).toBeLessThan(50);
  });
});
