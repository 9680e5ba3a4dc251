import { readFileSync } from 'node:fs';
import { SECRET_KEYS, configSchema } from './index.js';

/** The root .env.example documents every setting; this keeps it from falling behind the schema. */
describe('.env.example', () => {
  const text = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
  const blocks = text.split(/\n\s*\n/);
  const blockOf = (key: string) => blocks.find((b) => new RegExp(`^#?\\s*${key}=`, 'm').test(b));

  it('lists every variable of the configuration schema', () => {
    const missing = Object.keys(configSchema.shape).filter((key) => !blockOf(key));
    expect({ missing, fix: 'add each missing variable to .env.example with a comment that explains it' }).toEqual({
      missing: [],
      fix: expect.any(String),
    });
  });

  it('marks every secret', () => {
    const unmarked = SECRET_KEYS.filter((key) => !blockOf(key)?.includes('[secret]'));
    expect(unmarked).toEqual([]);
  });
});
