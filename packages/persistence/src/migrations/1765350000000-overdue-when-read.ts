import type { MigrationInterface, QueryRunner } from 'typeorm';

const month = (col: string) => `date_trunc('month', ${col} AT TIME ZONE 'Europe/Berlin')::date`;

/** The referral funnel view as before, with or without the count of flagged overdue referrals. */
const boardReferrals = (withOverdue: boolean) => `CREATE MATERIALIZED VIEW board_referrals AS
     SELECT f.tenant_id, r.coordination_area_id, ${month('f.requested_at')} AS month, f.agency_id, f.service_id, f.status,
            CASE WHEN f.status IN ('rejected', 'failed') THEN left(lower(btrim(coalesce(f.status_reason, ''))), 120) ELSE '' END AS reason,
            count(*)::int AS referrals,${
              withOverdue
                ? `
            count(*) FILTER (WHERE f.status = 'requested' AND f.overdue_at IS NOT NULL)::int AS overdue,`
                : ''
            }
            count(*) FILTER (WHERE f.status IN ('completed', 'failed', 'rejected') AND f.outcome_acknowledged_at IS NULL)::int AS open_loops
       FROM referrals f
       JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
       JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
      WHERE f.requested_at IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5, 6, 7`;
const KEY = `CREATE UNIQUE INDEX board_referrals_key ON board_referrals (tenant_id, coordination_area_id, month, agency_id, service_id, status, reason)`;

/**
 * Overdue is computed when read, from the referral's deadline (respond_by, in NRW working
 * days): `respond_by < today` in Berlin. The hourly deadline watch that set `overdue_at` made
 * "overdue" 0 for up to an hour after start and "overdue since" the time of its run; it sent
 * nothing, so it goes with its column. The board's view stops counting the flag; the board
 * counts overdue referrals live.
 */
export class OverdueWhenRead1765350000000 implements MigrationInterface {
  name = 'OverdueWhenRead1765350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP MATERIALIZED VIEW board_referrals`);
    await q.query(boardReferrals(false));
    await q.query(KEY);
    await q.query(`ALTER TABLE "referrals" DROP COLUMN "overdue_at"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "referrals" ADD "overdue_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`DROP MATERIALIZED VIEW board_referrals`);
    await q.query(boardReferrals(true));
    await q.query(KEY);
  }
}
