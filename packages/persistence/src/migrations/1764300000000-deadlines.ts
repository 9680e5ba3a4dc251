import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Deadline watch: overdue referrals, and finished referrals whose outcome nobody took note of. */
export class Deadlines1764300000000 implements MigrationInterface {
  name = 'Deadlines1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "referrals" ADD "overdue_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "referrals" ADD "outcome_acknowledged_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "referrals" DROP COLUMN "outcome_acknowledged_at"`);
    await q.query(`ALTER TABLE "referrals" DROP COLUMN "overdue_at"`);
  }
}
