import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The coordinators' status board.
 *
 * Referrals get their milestones (accepted, service started, finished), stamped by a row-level
 * trigger so that every code path that moves a status (commands, agency messages, file
 * handoffs, the deadline watch) records them without knowing about the board.
 *
 * The board reads materialised views, refreshed CONCURRENTLY by the worker's BoardRefreshJob
 * (BOARD_REFRESH_EVERY_MS). Why views and not counters kept by triggers: a counter row per
 * (area, agency, service, month, status) would be updated by every concurrent status change
 * and serialise the hot handoff path on a few rows; "overdue" and "open loop" change with the
 * clock and with other columns; and a view recomputed from the source of record cannot drift.
 * The board is a steering tool, so figures a few minutes old are fine; `board_as_of` says how
 * old they are. Waiting times are kept as per-day histograms so p50/p90 come from small rows.
 */
export class Board1764600000000 implements MigrationInterface {
  name = 'Board1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "referrals" ADD "accepted_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "referrals" ADD "started_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "referrals" ADD "finished_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "services" ADD "integration_course" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "services" ADD "funding_line" text`);
    await q.query(`UPDATE services SET integration_course = true WHERE code ILIKE '%INTEGRATIONSKURS%'`);

    // Milestones of existing referrals from their timelines (the first time each was reached).
    await q.query(`
      UPDATE referrals f SET accepted_at = x.acc, started_at = x.st, finished_at = x.fin
        FROM (SELECT tenant_id, referral_id,
                     min(occurred_at) FILTER (WHERE data->>'to' IN ('accepted', 'in-progress', 'on-hold', 'completed')) AS acc,
                     min(occurred_at) FILTER (WHERE data->>'to' IN ('in-progress', 'completed')) AS st,
                     min(occurred_at) FILTER (WHERE data->>'to' IN ('completed', 'failed', 'rejected', 'cancelled', 'entered-in-error')) AS fin
                FROM timeline_events WHERE kind = 'referral.status-changed' AND referral_id IS NOT NULL
               GROUP BY tenant_id, referral_id) x
       WHERE f.tenant_id = x.tenant_id AND f.id = x.referral_id`);

    // The agency's own time of the change where its message carried one (lastAgencyUpdateAt moved
    // with the status), else the time of the write. Reaching a later status implies the earlier
    // milestones: agencies' messages may be applied several at once.
    await q.query(`
      CREATE FUNCTION referral_milestones() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE at timestamptz;
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.status IS NOT DISTINCT FROM OLD.status THEN RETURN NEW; END IF;
        at := CASE WHEN TG_OP = 'UPDATE' AND NEW.last_agency_update_at IS DISTINCT FROM OLD.last_agency_update_at
                   THEN NEW.last_agency_update_at ELSE now() END;
        IF NEW.status IN ('accepted', 'in-progress', 'on-hold', 'completed') AND NEW.accepted_at IS NULL THEN
          NEW.accepted_at := at;
        END IF;
        IF NEW.status IN ('in-progress', 'completed') AND NEW.started_at IS NULL THEN NEW.started_at := at; END IF;
        IF NEW.status IN ('completed', 'failed', 'rejected', 'cancelled', 'entered-in-error') AND NEW.finished_at IS NULL THEN
          NEW.finished_at := at;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER referral_milestones BEFORE INSERT OR UPDATE OF status ON referrals FOR EACH ROW EXECUTE FUNCTION referral_milestones()`,
    );

    for (const sql of BOARD_VIEWS) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const view of [...BOARD_VIEW_NAMES].reverse()) await q.query(`DROP MATERIALIZED VIEW "${view}"`);
    await q.query(`DROP TRIGGER referral_milestones ON referrals`);
    await q.query(`DROP FUNCTION referral_milestones()`);
    await q.query(`ALTER TABLE "services" DROP COLUMN "funding_line"`);
    await q.query(`ALTER TABLE "services" DROP COLUMN "integration_course"`);
    await q.query(`ALTER TABLE "referrals" DROP COLUMN "finished_at"`);
    await q.query(`ALTER TABLE "referrals" DROP COLUMN "started_at"`);
    await q.query(`ALTER TABLE "referrals" DROP COLUMN "accepted_at"`);
  }
}

/** Refreshed in this order, in one transaction, by the worker. */
export const BOARD_VIEW_NAMES = [
  'board_case_counts',
  'board_case_months',
  'board_referrals',
  'board_waits',
  'board_needs',
  'board_flags',
  'board_as_of',
] as const;

const month = (col: string) => `date_trunc('month', ${col} AT TIME ZONE 'Europe/Berlin')::date`;
const berlinDay = (col: string) => `(${col} AT TIME ZONE 'Europe/Berlin')::date`;

const BOARD_VIEWS = [
  // Current caseload: open and closed cases by regional area, case manager and phase.
  `CREATE MATERIALIZED VIEW board_case_counts AS
     SELECT tenant_id, region_id, case_manager_id, phase, count(*)::int AS cases
       FROM cases GROUP BY tenant_id, region_id, case_manager_id, phase`,
  `CREATE UNIQUE INDEX board_case_counts_key ON board_case_counts (tenant_id, region_id, case_manager_id, phase)`,

  // Cases opened and closed per month (Berlin calendar).
  `CREATE MATERIALIZED VIEW board_case_months AS
     SELECT tenant_id, region_id, month, sum(opened)::int AS opened, sum(closed)::int AS closed
       FROM (SELECT tenant_id, region_id, ${month('opened_at')} AS month, 1 AS opened, 0 AS closed FROM cases
             UNION ALL
             SELECT tenant_id, region_id, ${month('closed_at')}, 0, 1 FROM cases WHERE closed_at IS NOT NULL) x
      GROUP BY tenant_id, region_id, month`,
  `CREATE UNIQUE INDEX board_case_months_key ON board_case_months (tenant_id, region_id, month)`,

  // Referral funnel: referrals sent, by coordination area, the month they were sent and their
  // status now (the board always asks for a whole area). Reasons of rejections and failures are
  // normalised (trimmed, lower case, 120 characters).
  `CREATE MATERIALIZED VIEW board_referrals AS
     SELECT f.tenant_id, r.coordination_area_id, ${month('f.requested_at')} AS month, f.agency_id, f.service_id, f.status,
            CASE WHEN f.status IN ('rejected', 'failed') THEN left(lower(btrim(coalesce(f.status_reason, ''))), 120) ELSE '' END AS reason,
            count(*)::int AS referrals,
            count(*) FILTER (WHERE f.status = 'requested' AND f.overdue_at IS NOT NULL)::int AS overdue,
            count(*) FILTER (WHERE f.status IN ('completed', 'failed', 'rejected') AND f.outcome_acknowledged_at IS NULL)::int AS open_loops
       FROM referrals f
       JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
       JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
      WHERE f.requested_at IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  `CREATE UNIQUE INDEX board_referrals_key ON board_referrals (tenant_id, coordination_area_id, month, agency_id, service_id, status, reason)`,

  // Waiting-time histograms: calendar days from request to acceptance and to service start, one
  // row per area, month, service and measure holding the whole histogram (days[i] waited counts[i]
  // times), so a year of an area is a few hundred rows and the quantiles stay exact.
  `CREATE MATERIALIZED VIEW board_waits AS
     SELECT tenant_id, coordination_area_id, month, service_id, measure,
            array_agg(days ORDER BY days) AS days, array_agg(referrals ORDER BY days) AS counts
       FROM (SELECT f.tenant_id, r.coordination_area_id, ${month('f.requested_at')} AS month, f.service_id, w.measure,
                    least(greatest(${berlinDay('w.at')} - ${berlinDay('f.requested_at')}, 0), 366) AS days,
                    count(*)::int AS referrals
               FROM referrals f
               JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
               JOIN regions r ON r.tenant_id = c.tenant_id AND r.id = c.region_id
              CROSS JOIN LATERAL (VALUES ('acceptance', f.accepted_at), ('start', f.started_at)) AS w(measure, at)
              WHERE f.requested_at IS NOT NULL AND w.at IS NOT NULL
              GROUP BY 1, 2, 3, 4, 5, 6) per_day
      GROUP BY 1, 2, 3, 4, 5`,
  `CREATE UNIQUE INDEX board_waits_key ON board_waits (tenant_id, coordination_area_id, month, service_id, measure)`,

  // Needs of open cases by life domain, and how many of them led to a referral in that domain.
  `CREATE MATERIALIZED VIEW board_needs AS
     SELECT n.tenant_id, c.region_id, n.domain, count(*)::int AS needs,
            count(*) FILTER (WHERE EXISTS (
              SELECT 1 FROM referrals f JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
               WHERE f.tenant_id = c.tenant_id AND f.case_id = c.id AND s.life_domain = n.domain
                 AND f.status NOT IN ('draft', 'cancelled', 'entered-in-error')))::int AS referred
       FROM case_needs n JOIN cases c ON c.tenant_id = n.tenant_id AND c.id = n.case_id
      WHERE c.phase <> 'closed'
      GROUP BY 1, 2, 3`,
  `CREATE UNIQUE INDEX board_needs_key ON board_needs (tenant_id, region_id, domain)`,

  // Cases to look at. One person is one person record, or records with the same name and exact
  // birth date (a simple same-person rule; the linkage package's scores are a later step).
  //  double-funding: two active referrals at overlapping times to different services of one funding line;
  //  duplicate-course-certificate: more than one accepted integration-course referral (each acceptance
  //    means a Berechtigungsschein was issued);
  //  duplicate-open-case: more than one open KIM case.
  `CREATE MATERIALIZED VIEW board_flags AS
     WITH person_key AS (
       SELECT tenant_id, id AS person_id,
              CASE WHEN birth_date_precision = 'exact' AND birth_date IS NOT NULL AND erased_at IS NULL
                   THEN min(id::text) OVER (PARTITION BY tenant_id, lower(btrim(family_name)), lower(btrim(given_names)), birth_date, birth_date_precision)
                   ELSE id::text END AS pkey
         FROM persons),
     active AS (
       SELECT f.tenant_id, k.pkey, c.id AS case_id, c.region_id, f.id AS referral_id, f.service_id, s.funding_line,
              s.integration_course, f.accepted_at, coalesce(f.started_at, f.accepted_at) AS from_at,
              coalesce(f.finished_at, 'infinity'::timestamptz) AS until_at, f.status
         FROM referrals f
         JOIN services s ON s.tenant_id = f.tenant_id AND s.id = f.service_id
         JOIN cases c ON c.tenant_id = f.tenant_id AND c.id = f.case_id
         JOIN person_key k ON k.tenant_id = c.tenant_id AND k.person_id = c.person_id
        WHERE f.accepted_at IS NOT NULL AND (s.funding_line IS NOT NULL OR s.integration_course))
     SELECT DISTINCT a.tenant_id, a.region_id, a.case_id, 'double-funding'::text AS kind
       FROM active a JOIN active b ON b.tenant_id = a.tenant_id AND b.pkey = a.pkey AND b.referral_id <> a.referral_id
        AND b.service_id <> a.service_id AND b.funding_line = a.funding_line
        AND a.status NOT IN ('rejected', 'cancelled', 'entered-in-error') AND b.status NOT IN ('rejected', 'cancelled', 'entered-in-error')
        AND a.from_at < b.until_at AND b.from_at < a.until_at
     UNION
     SELECT a.tenant_id, a.region_id, a.case_id, 'duplicate-course-certificate'
       FROM active a JOIN active b ON b.tenant_id = a.tenant_id AND b.pkey = a.pkey AND b.referral_id <> a.referral_id
        AND a.integration_course AND b.integration_course
     UNION
     SELECT c.tenant_id, c.region_id, c.id, 'duplicate-open-case'
       FROM cases c JOIN person_key k ON k.tenant_id = c.tenant_id AND k.person_id = c.person_id
      WHERE c.phase <> 'closed' AND EXISTS (
        SELECT 1 FROM cases c2 JOIN person_key k2 ON k2.tenant_id = c2.tenant_id AND k2.person_id = c2.person_id
         WHERE c2.tenant_id = c.tenant_id AND k2.pkey = k.pkey AND c2.id <> c.id AND c2.phase <> 'closed')`,
  `CREATE UNIQUE INDEX board_flags_key ON board_flags (tenant_id, region_id, kind, case_id)`,

  // When the figures were computed: the refresh transaction's start, per tenant.
  `CREATE MATERIALIZED VIEW board_as_of AS SELECT id AS tenant_id, now() AS as_of FROM tenants`,
  `CREATE UNIQUE INDEX board_as_of_key ON board_as_of (tenant_id)`,
];
