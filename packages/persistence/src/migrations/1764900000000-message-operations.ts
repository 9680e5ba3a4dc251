import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Message operations: a dead or failing outbound message can be discarded by a person (delivery
 * state `discarded`, a text value like the others, so no constraint changes), with when, who and
 * why on the row; the ledger records it as well. The index serves the operators' lists of one
 * delivery state, newest first, without reading the (many) acknowledged rows.
 */
export class MessageOperations1764900000000 implements MigrationInterface {
  name = 'MessageOperations1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox_messages" ADD "discarded_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "outbox_messages" ADD "discarded_by" uuid`);
    await q.query(`ALTER TABLE "outbox_messages" ADD "discard_reason" text`);
    await q.query(
      `CREATE INDEX "IDX_outbox_messages_state" ON "outbox_messages" ("tenant_id", "delivery_state", "created_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_outbox_messages_state"`);
    await q.query(`ALTER TABLE "outbox_messages" DROP COLUMN "discard_reason"`);
    await q.query(`ALTER TABLE "outbox_messages" DROP COLUMN "discarded_by"`);
    await q.query(`ALTER TABLE "outbox_messages" DROP COLUMN "discarded_at"`);
  }
}
