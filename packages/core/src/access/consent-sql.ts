import { consentMayGrantSql as consentMayGrantFragment } from '@kim/persistence';
import { READ_PURPOSES } from './grant.js';

/** Placeholders (e.g. '$3') or column references of the statement the fragment goes into. */
export interface ConsentSqlParams {
  /** The reading agency's id (uuid). */
  agency: string;
  /** Today in Europe/Berlin, YYYY-MM-DD (calendar.berlinDay / the engine's localDay). */
  today: string;
  /** The decision instant (timestamptz). */
  now: string;
}

/**
 * The repositories' consent-validity fragment (persistence fragments.ts, which the case list's
 * statement uses) with every access rule on, for the statements of tests and benchmarks that
 * hold it to the consent engine (consent-sql.int-spec.ts) or measure it.
 */
export function consentMayGrantSql(k: string, p: ConsentSqlParams): string {
  return consentMayGrantFragment(k, {
    ...p,
    purposes: `ARRAY[${READ_PURPOSES.map((v) => `'${v}'`).join(', ')}]::text[]`,
    off: `'{}'::text[]`,
  });
}
