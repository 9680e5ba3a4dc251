import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The controller and its data protection officer, per tenant, for the Art. 15 letter. */
export class TenantPrivacyContacts1765460000000 implements MigrationInterface {
  name = 'TenantPrivacyContacts1765460000000';

  async up(q: QueryRunner): Promise<void> {
    for (const c of ['controller_name', 'controller_address', 'dpo_name', 'dpo_contact'])
      await q.query(`ALTER TABLE "tenants" ADD "${c}" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const c of ['dpo_contact', 'dpo_name', 'controller_address', 'controller_name'])
      await q.query(`ALTER TABLE "tenants" DROP COLUMN "${c}"`);
  }
}
