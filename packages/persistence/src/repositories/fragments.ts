/**
 * SQL fragments of the access rules that statements share, each the SQL side of a pure rule in
 * packages/core/src/access and held to it by a property test there. They are spliced into a
 * statement's text when it is declared, so the snapshot shows the whole statement.
 */

/**
 * Staff area access (core/access/policy.ts, staffSeesCase): the case `c` (with its region `r`)
 * lies in the caller's area. `region` is the case manager's regional area and `area` the
 * coordinator's coordination area, each NULL for the other role (core: staffAreaParams), so
 * operators and agencies (both NULL) see nothing. NULL-safe callers wrap it in coalesce.
 */
export const staffAreaSql = (c: string, r: string, region: string, area: string): string =>
  `(${c}.region_id = ${region}::uuid OR ${r}.coordination_area_id = ${area}::uuid)`;
