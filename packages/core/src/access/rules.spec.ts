import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACCESS_RULES, ACCESS_RULE_IDS, rule } from './rules.js';
import { accessAblation } from './ablation.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sources(path);
    return /\.ts$/.test(name) && !/\.(spec|int-spec|test)\.ts$/.test(name) ? [path] : [];
  });
}

describe('the access rules registry', () => {
  it('names each rule once, with a one-line description', () => {
    for (const id of ACCESS_RULE_IDS) {
      expect(id).toMatch(/^(staff|agency)\.[a-z-]+\.[a-z-]+$/);
      expect(ACCESS_RULES[id]).not.toMatch(/\n/);
    }
  });

  it('has no dead rule: every id is asked somewhere in the hub, so switching it off changes something', () => {
    const read = (dirs: string[]) =>
      dirs
        .flatMap(sources)
        .map((f) => readFileSync(f, 'utf8'))
        .join('\n');
    const code = read([join(root, 'packages/core/src'), join(root, 'apps/gateway/src')]);
    // Or written into a repository statement's condition, which an ablation run drops through the
    // statement's `off` parameter (persistence repositories/fragments.ts: ruleOff, unlessOff).
    const sql = read([join(root, 'packages/persistence/src/repositories')]);
    const inSql = (id: string) =>
      sql.includes(`ruleOff('${id}'`) || new RegExp(`'${id.replace(/\./g, '\\.')}',\\s*off\\b`).test(sql);
    const unused = ACCESS_RULE_IDS.filter((id) => !code.includes(`rule('${id}')`) && !inSql(id));
    expect(unused).toEqual([]);
  });

  it('switches one rule off at a time, and all on again', async () => {
    accessAblation.switchOff('agency.case.connected');
    expect(ACCESS_RULE_IDS.filter((id) => !rule(id))).toEqual(['agency.case.connected']);
    accessAblation.switchOff('agency.plan.none');
    expect(ACCESS_RULE_IDS.filter((id) => !rule(id))).toEqual(['agency.plan.none']);
    accessAblation.restore();
    expect(ACCESS_RULE_IDS.every((id) => rule(id))).toBe(true);
    await expect(accessAblation.without('agency.needs.none', () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect(ACCESS_RULE_IDS.every((id) => rule(id))).toBe(true);
  });
});
