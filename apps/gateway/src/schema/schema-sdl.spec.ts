import { existsSync, readFileSync } from 'node:fs';
import { gatewaySchemaSdl } from './schema-sdl.js';

const PUBLISHED = new URL('../../../../schema.graphql', import.meta.url);

function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((line, n) => line !== y[n]);
  const at = i === -1 ? x.length : i;
  return `line ${at + 1}: published ${JSON.stringify(y[at] ?? '(end of file)')}, generated ${JSON.stringify(x[at] ?? '(end of file)')}`;
}

/** The published GraphQL contract at the repository root must be what the code serves. */
describe('schema.graphql', () => {
  it('matches the schema generated from the code', async () => {
    const generated = await gatewaySchemaSdl();
    const published = existsSync(PUBLISHED) ? readFileSync(PUBLISHED, 'utf8') : '';
    const verdict =
      published === generated
        ? 'in sync'
        : `schema.graphql is not the schema the gateway serves (${firstDifference(generated, published)}). ` +
          'Run `npm run schema:print`, review the change (breaking for clients?), note it in CHANGELOG.md and commit schema.graphql.';
    expect(verdict).toBe('in sync');
  });
});
