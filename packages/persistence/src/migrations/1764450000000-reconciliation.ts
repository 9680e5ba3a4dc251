import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox reconciliation: when a message was put on the queue, so a sweep can tell a message
 * that has been waiting too long (its job lost with a Redis restart) from one just enqueued.
 * The partial index (tenant first, like every index) holds only undelivered rows, so the sweep stays cheap.
 */
export class Reconciliation1764450000000 implements MigrationInterface {
  name = 'Reconciliation1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox_messages" ADD "enqueued_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`UPDATE "outbox_messages" SET "enqueued_at" = "created_at" WHERE "enqueued"`);
    await q.query(
      `CREATE INDEX "IDX_outbox_messages_reconcile" ON "outbox_messages" ("tenant_id", "enqueued_at") WHERE "delivery_state" = 'queued' AND "enqueued"`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_outbox_messages_reconcile"`);
    await q.query(`ALTER TABLE "outbox_messages" DROP COLUMN "enqueued_at"`);
  }
}
