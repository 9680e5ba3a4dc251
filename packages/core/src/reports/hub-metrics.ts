import type { DataSource } from 'typeorm';
import { forEachTenant, healthRepository, metricsRepository } from '@kim/persistence';

/**
 * What the database says for monitoring. Series are labelled with the tenant's slug and the
 * agency's name, never with ids: ids are the addresses of the webhook endpoints and the
 * arguments of the API, and have no business in a text that monitoring systems copy around.
 */
export interface HubDbSnapshot {
  outbox: { tenant: string; agency: string; state: string; n: number }[];
  oldestQueued: { tenant: string; age: number }[];
  denials: { tenant: string; action: string; n: number }[];
}

/** Rows that share their labels (two agencies of one name) are added up, not overwritten. */
function sumBy<T extends { n: number }>(rows: T[], key: (r: T) => string): T[] {
  const out = new Map<string, T>();
  for (const r of rows) {
    const k = key(r);
    const seen = out.get(k);
    out.set(k, seen ? { ...seen, n: seen.n + r.n } : { ...r });
  }
  return [...out.values()];
}

/** Counts only, never case data, one tenant at a time (row-level security fences each read). */
export async function hubDbSnapshot(ds: DataSource): Promise<HubDbSnapshot> {
  const perTenant = await forEachTenant(ds, () =>
    Promise.all([
      metricsRepository.outboxByState(ds),
      metricsRepository.oldestQueued(ds),
      metricsRepository.denials(ds),
    ]),
  );
  return {
    outbox: sumBy(
      perTenant.flatMap((t) => t[0]),
      (r) => `${r.tenant}|${r.agency}|${r.state}`,
    ),
    oldestQueued: perTenant.flatMap((t) => t[1]),
    denials: perTenant.flatMap((t) => t[2]),
  };
}

/** Whether the system of record answers (readiness). */
export const databaseAnswers = (ds: DataSource): Promise<void> => healthRepository.ping(ds);
