import { MIGRATIONS, migrationSources } from './index.js';

/**
 * The tests' template database is keyed on the migrations' text (test-support's db.ts). A
 * migration's SQL can sit outside its class, in a module-level constant of its file: the
 * sources must hold every migration's whole file, or such a change reuses a stale schema.
 */
describe('migrationSources', () => {
  const sources = migrationSources();
  const fileOf = (timestamp: string) => sources.find((s) => s.startsWith(`${timestamp}-`));

  it('holds one whole file for every migration the hub runs', () => {
    for (const m of MIGRATIONS) {
      const timestamp = /(\d{13})$/.exec(m.name)?.[1];
      expect(timestamp).toBeDefined();
      expect(fileOf(timestamp!)).toContain(`class ${m.name}`);
    }
    expect(sources).toHaveLength(MIGRATIONS.length);
  });

  it('includes what a migration keeps outside its class (the board flags view in a constant)', () => {
    const file = fileOf('1765000000000')!;
    const sql = /^const FLAGS = `([^\n]+)$/m.exec(file)?.[1];
    expect(sql).toMatch(/WITH RECURSIVE/);
    const cls = MIGRATIONS.find((m) => m.name.endsWith('1765000000000'))!;
    // The class only names the constant: this SQL is in the file, not in the class's text.
    expect(String(cls)).not.toContain(sql);
  });
});
