import { DataCategory } from '@kim/contracts';

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

/**
 * The access rules whose SQL side is written below, by their ids in core/access/rules.ts (core
 * checks at compile time that each is one of its rules). A statement built on these fragments
 * takes a parameter `off` (text[]) holding the rules switched off: empty in every running hub,
 * one rule only in the access matrix's ablation run (core/access/ablation.ts), which shows that
 * each rule is what keeps its leak shut. The text never varies, so the snapshot shows it whole,
 * each condition beside the id of the rule it implements. Unprepared statements are planned with
 * their parameters, so an empty `off` costs nothing; a prepared (hot) statement is declared twice
 * from the same fragments instead: with `off` null (the rules as plain conditions, the one a
 * running hub runs, whose generic plan can use the indexes) and with the parameter, for ablation.
 */
export const SQL_ACCESS_RULES = [
  'staff.case.own-area',
  'agency.grant.recipient',
  'agency.grant.disclosure-kind-only',
  'agency.grant.in-force',
  'agency.grant.legal-basis-confirmed',
  'agency.grant.legal-basis-scope',
  'agency.grant.purposes',
  'agency.case.grant-required',
  'agency.case.connected',
  'agency.referral.sent-only',
  'agency.deliveries.own-only',
  'agency.deliveries.never-suppressed',
] as const;
export type SqlAccessRule = (typeof SQL_ACCESS_RULES)[number];

/** SQL: the rule is switched off (its id is in the statement's `off` parameter). */
export const ruleOff = (rule: SqlAccessRule, off: string): string => `'${rule}' = ANY(${off})`;

/** The rule's condition, or (with an `off` parameter) the condition unless the rule is switched off. */
const unlessOff = (condition: string, rule: SqlAccessRule, off: string | null): string =>
  off === null ? condition : `(${condition} OR ${ruleOff(rule, off)})`;

const textArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]::text[]`;

/**
 * Whether consent row `k` holds at the instant `now` (timestamptz) on the Berlin calendar day
 * `today` (date): not revoked by then, at the consent engine's millisecond precision, and within
 * its validity period.
 */
export function consentInForceSql(k: string, p: { today: string; now: string }): string {
  return `((${k}.revoked_at IS NULL OR date_trunc('milliseconds', ${k}.revoked_at) > CAST(${p.now} AS timestamptz))
    AND ${k}.valid_from <= CAST(${p.today} AS date) AND ${k}.valid_until >= CAST(${p.today} AS date))`;
}

/**
 * THE consent-validity rule in SQL, for lists, search and visibility: consent row `k` may grant
 * the agency `agency` something to read now. It mirrors consentGrantsRead (core/access/grant.ts,
 * the consent engine) except for provisions, which SQL does not judge: a pre-filter that never
 * drops a consent the engine would count (and, without provisions, admits exactly those); the
 * engine has the final word on every row it lets through. core/access/consent-sql.int-spec.ts
 * holds the two together on random consents. `purposes` (text[]) are the purposes that grant a
 * read (core: READ_PURPOSES, every purpose with agency.grant.purposes off).
 */
export function consentMayGrantSql(
  k: string,
  p: { agency: string; today: string; now: string; purposes: string; off: string },
): string {
  return `((${k}.recipient_agency_id = ${p.agency} OR ${ruleOff('agency.grant.recipient', p.off)})
    AND ${k}.purposes && ${p.purposes}
    AND ${k}.categories && ${textArray(Object.values(DataCategory))}
    AND (${k}.kind = 'disclosure' OR ${ruleOff('agency.grant.disclosure-kind-only', p.off)})
    AND (${consentInForceSql(k, p)} OR ${ruleOff('agency.grant.in-force', p.off)}))`;
}

/**
 * The legal basis `b` is in effect for the case `caseId` on the calendar day `day` (date, Berlin):
 * confirmed by a second coordinator, within its validity, and recorded for that very case or for
 * the coordination area the case belongs to. legalBasesFor and the nightly expiry sweep use it.
 */
export function legalBasisInEffectSql(b: string, caseId: string, day: string, off: string | null): string {
  const conditions = [
    unlessOff(`${b}.review_status = 'confirmed'`, 'agency.grant.legal-basis-confirmed', off),
    unlessOff(
      `${b}.valid_from <= ${day} AND (${b}.valid_until IS NULL OR ${b}.valid_until >= ${day})`,
      'agency.grant.in-force',
      off,
    ),
    unlessOff(
      `(${b}.case_id = ${caseId}
         OR ${b}.coordination_area_id = (SELECT lr.coordination_area_id FROM cases lc
                                           JOIN regions lr ON lr.tenant_id = lc.tenant_id AND lr.id = lc.region_id
                                          WHERE lc.tenant_id = ${b}.tenant_id AND lc.id = ${caseId}))`,
      'agency.grant.legal-basis-scope',
      off,
    ),
  ];
  return `(${conditions.join('\n    AND ')})`;
}
