/**
 * A fingerprint of a generated population: SHA-256 over its records (CSV columns, in order), the
 * truth and the look-alike pairs. The README records one per seed; a test recomputes them, so any
 * change to the generator after it was frozen shows.
 */
import { createHash } from 'node:crypto';
import type { PersonRecord } from '@kim/linkage';
import type { EvalPopulation } from './generate.js';

/** A record in the order of the onboarding CSV columns (record_id … agency_identifier). */
export function recordFields(r: PersonRecord): string[] {
  return [
    r.recordId,
    r.sourceAgency,
    r.givenNames,
    r.familyName,
    r.nameOriginalScript ?? '',
    r.birthDate ?? '',
    r.birthDatePrecision,
    r.sex,
    r.nationality ?? '',
    r.municipality ?? '',
    r.agencyIdentifier ?? '',
  ];
}

export function populationHash(pop: Pick<EvalPopulation, 'records' | 'personOf' | 'lookalikes'>): string {
  const h = createHash('sha256');
  pop.records.forEach((r, i) => {
    h.update(JSON.stringify([...recordFields(r), pop.personOf[i]]));
    h.update('\n');
  });
  for (const l of pop.lookalikes) {
    h.update(JSON.stringify([l.a, l.b, ...l.kinds]));
    h.update('\n');
  }
  return h.digest('hex');
}
