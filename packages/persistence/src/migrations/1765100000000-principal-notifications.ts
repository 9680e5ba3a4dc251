import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Gateways keep signed-in principals for a short while instead of looking the credential up on
 * every request. Any change to staff users or agencies (a withdrawn token, a new role, a removed
 * agency) is announced on the channel kim_principals, and every gateway drops what it keeps.
 */
export class PrincipalNotifications1765100000000 implements MigrationInterface {
  name = 'PrincipalNotifications1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION kim_notify_principals() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('kim_principals', TG_TABLE_NAME);
        RETURN NULL;
      END $$`);
    for (const table of ['staff_users', 'agencies']) {
      await q.query(
        `CREATE TRIGGER ${table}_principals AFTER UPDATE OR DELETE OR TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION kim_notify_principals()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['staff_users', 'agencies']) await q.query(`DROP TRIGGER ${table}_principals ON "${table}"`);
    await q.query(`DROP FUNCTION kim_notify_principals()`);
  }
}
