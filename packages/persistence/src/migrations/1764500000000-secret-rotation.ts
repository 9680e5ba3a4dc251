import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook secret rotation: while `next_webhook_secret` is set the hub signs outbound webhooks
 * with both secrets and accepts inbound messages signed with either.
 */
export class SecretRotation1764500000000 implements MigrationInterface {
  name = 'SecretRotation1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "agencies" ADD "next_webhook_secret" text`);
    await q.query(`ALTER TABLE "agencies" ADD "secret_rotation_started_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "agencies" DROP COLUMN "secret_rotation_started_at"`);
    await q.query(`ALTER TABLE "agencies" DROP COLUMN "next_webhook_secret"`);
  }
}
