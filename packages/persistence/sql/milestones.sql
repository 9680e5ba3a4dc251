-- months
SELECT to_char(month, 'YYYY-MM') AS month, milestone, sum(persons) AS persons FROM board_milestones
 WHERE tenant_id = $1 AND region_id = ANY($2::uuid[]) AND month BETWEEN $3 AND $4
 GROUP BY month, milestone ORDER BY month, milestone;

