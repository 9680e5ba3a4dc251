/**
 * Ledger probes: every agency read of personal data (single case, referral, timeline, list,
 * search) adds an entry to the ledger, and so does a refused one; a read under a break-glass
 * override too. Read from audit_events directly, as the database owner.
 */
import { check, type Tally } from './compare.js';
import type { MatrixFixture, MatrixHub } from './fixture.js';
import type { Oracles } from './probe-cases.js';
import type { Viewer } from './oracle.js';

interface Entry {
  allowed: boolean;
  person_id: string | null;
  action: string;
}

/** The entries a read by this principal adds. */
async function entriesOf(hub: MatrixHub, v: Viewer, read: () => Promise<unknown>): Promise<Entry[]> {
  const q = `SELECT coalesce(max(seq), 0)::text AS s FROM audit_events WHERE tenant_id = $1`;
  const [{ s: before }] = await hub.db.ds.query(q, [v.tenantId]);
  await read();
  return hub.db.ds.query(
    `SELECT allowed, person_id, action FROM audit_events
      WHERE tenant_id = $1 AND seq > $2::bigint AND actor_id = $3 ORDER BY seq`,
    [v.tenantId, before, v.id],
  );
}

export async function probeLedger(hub: MatrixHub, fx: MatrixFixture, oracles: Oracles, t: Tally): Promise<void> {
  const o = oracles.main;
  const reads: [string, string][] = [
    ['single case', `query($id: ID!) { case(id: $id) { id reference phase } }`],
    ['referral', `query($id: ID!) { case(id: $id) { referrals { id note status } } }`],
    ['timeline', `query($id: ID!) { case(id: $id) { timeline { id kind summary } } }`],
  ];
  for (const v of fx.principals.filter((p) => p.kind === 'agency' && p.tenantId === fx.tenantId)) {
    const sees = o.view(v, fx.caseA, 'single') !== null;
    for (const [kind, query] of reads) {
      const got = await entriesOf(hub, v, () => hub.gql(v.token, query, { id: fx.caseA }));
      const what = `${v.label} ledger after a ${kind} read of case A`;
      if (sees)
        check(
          t,
          got.some((e) => e.allowed && e.person_id === fx.personId),
          false,
          `${what}: no entry of the disclosure`,
        );
      else
        check(
          t,
          got.some((e) => !e.allowed),
          false,
          `${what}: the refusal is not recorded`,
        );
    }
    const listed = o.listed(v).length;
    const list = await entriesOf(hub, v, () =>
      hub.gql(v.token, `{ cases(first: 100) { edges { node { id reference } } } }`),
    );
    if (listed > 0)
      check(
        t,
        list.some((e) => e.allowed),
        false,
        `${v.label} ledger after listing ${listed} case(s): no entry`,
      );
    const search = await entriesOf(hub, v, () =>
      hub.gql(v.token, `query($s: String) { cases(first: 20, filter: { search: $s }) { edges { node { id } } } }`, {
        s: fx.searchTerms[0],
      }),
    );
    check(t, search.length > 0, false, `${v.label} ledger after a search: no entry`);
  }
  // A read under a break-glass override.
  for (const v of fx.principals.filter((p) => p.kind === 'staff' && p.tenantId === fx.tenantId)) {
    const s = o.staff(v.id)!;
    const c = o.caseById(fx.caseA)!;
    if (o.ordinaryAccess(s, c) || !o.openOverride(s, c)) continue;
    const got = await entriesOf(hub, v, () =>
      hub.gql(v.token, `query($id: ID!) { case(id: $id) { id } }`, { id: fx.caseA }),
    );
    check(
      t,
      got.some((e) => e.allowed && e.person_id === fx.personId),
      false,
      `${v.label} ledger after a read under override: no entry`,
    );
  }
}
