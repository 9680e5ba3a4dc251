import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { messageJsonSchemas } from './json-schemas.js';
import { EventType } from './messages.js';

const DIR = new URL('../../../docs/schemas/', import.meta.url);
const HOW =
  'Run `npm run schema:print`, review the change (breaking for agencies?), note it in CHANGELOG.md and commit docs/schemas/.';

/** The published JSON Schemas in docs/schemas/ must be what the zod contracts say. */
describe('docs/schemas', () => {
  const generated = messageJsonSchemas();

  it('holds one file per message contract and nothing else', () => {
    const files = existsSync(DIR)
      ? readdirSync(DIR)
          .filter((f) => f.endsWith('.json'))
          .sort()
      : [];
    const expected = Object.keys(generated)
      .map((n) => `${n}.json`)
      .sort();
    expect({ files, fix: files.join() === expected.join() ? 'none needed' : HOW }).toEqual({
      files: expected,
      fix: 'none needed',
    });
  });

  it.each(Object.keys(messageJsonSchemas()))('%s.json matches its zod contract', (name) => {
    const file = new URL(`${name}.json`, DIR);
    const published = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const verdict =
      published === `${JSON.stringify(generated[name], null, 2)}\n`
        ? 'in sync'
        : `docs/schemas/${name}.json is out of date. ${HOW}`;
    expect(verdict).toBe('in sync');
  });

  it('covers every event type with its data and its whole event', () => {
    const titles = Object.values(generated).map((s) => s.title);
    const missing = Object.values(EventType).filter((t) => !titles.includes(t) || !titles.includes(`${t} data`));
    expect({ missing, fix: 'add the contract to CONTRACTS in json-schemas.ts' }).toEqual({
      missing: [],
      fix: expect.any(String),
    });
  });

  it('accepts what the contracts accept (a status message validates against its JSON Schema shape)', () => {
    const event = generated['referral-status-changed.event']!;
    expect(event).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { type: { const: 'de.kim-hub.referral.status-changed.v1' }, data: { additionalProperties: false } },
    });
    expect(event.required).toEqual(expect.arrayContaining(['specversion', 'id', 'source', 'type', 'data']));
  });
});
