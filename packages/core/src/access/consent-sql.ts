import { DataCategory, Purpose } from '@kim/contracts';
import { READ_PURPOSES } from './grant.js';
import { rule } from './rules.js';

/** Placeholders (e.g. '$3' or ':agency') of the statement the fragment goes into. */
export interface ConsentSqlParams {
  /** The reading agency's id (uuid). */
  agency: string;
  /** Today in Europe/Berlin, YYYY-MM-DD (calendar.berlinDay / the engine's localDay). */
  today: string;
  /** The decision instant (timestamptz). */
  now: string;
}

const textArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]::text[]`;

/**
 * THE consent-validity rule in SQL, for lists, search and visibility: consent row `k` may grant
 * the agency something to read now. It mirrors consentGrantsRead (grant.ts, the consent engine)
 * except for provisions, which SQL does not judge: so it is a pre-filter that never drops a
 * consent the engine would count (and, without provisions, admits exactly those), and the
 * engine has the final word on every row it lets through. consent-sql.int-spec.ts holds the
 * two together on random consents in PostgreSQL.
 *
 * Revocation is compared at millisecond precision, the engine's (a JavaScript Date).
 */
export function consentMayGrantSql(k: string, p: ConsentSqlParams): string {
  const purposes = rule('agency.grant.purposes') ? READ_PURPOSES : Object.values(Purpose);
  const conditions = [
    `${k}.purposes && ${textArray(purposes)}`,
    `${k}.categories && ${textArray(Object.values(DataCategory))}`,
  ];
  if (rule('agency.grant.recipient')) conditions.unshift(`${k}.recipient_agency_id = ${p.agency}`);
  if (rule('agency.grant.disclosure-kind-only')) conditions.push(`${k}.kind = 'disclosure'`);
  if (rule('agency.grant.in-force')) conditions.push(consentInForceSql(k, p));
  return `(${conditions.join(' AND ')})`;
}

/**
 * Whether consent row `k` holds at the instant: not revoked by then (at the engine's
 * millisecond precision) and within its validity period, in Berlin calendar days. The part of
 * consentMayGrantSql that other statements share (the nightly sweep's "nothing valid remains").
 */
export function consentInForceSql(k: string, p: Pick<ConsentSqlParams, 'today' | 'now'>): string {
  return `((${k}.revoked_at IS NULL OR date_trunc('milliseconds', ${k}.revoked_at) > CAST(${p.now} AS timestamptz))
    AND ${k}.valid_from <= CAST(${p.today} AS date) AND ${k}.valid_until >= CAST(${p.today} AS date))`;
}
