/**
 * Break-glass overrides: a case manager with the permission reads one case outside their
 * area for a limited time, with a reason; every step is in the ledger and on the case's
 * timeline, and the coordinator of the case's area reviews it (four eyes).
 */
import { verifyAuditChain } from '@kim/core';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { OPEN_CASE, newcomer } from '@kim/test-support/fixtures';

const OPEN = `mutation($input: OpenAccessOverrideInput!) {
  openAccessOverride(input: $input) { id caseId staffName reason expiresAt reads verdict }
}`;
const REVIEW = `mutation($input: ReviewAccessOverrideInput!) {
  reviewAccessOverride(input: $input) { id verdict reviewNote reviewedBy reads }
}`;
const LIST = `query($unreviewedOnly: Boolean) { accessOverrides(unreviewedOnly: $unreviewedOnly) { id caseId reads verdict } }`;
const READ = `query($id: ID!) { case(id: $id) { id person { familyName } timeline { kind summary } } }`;
const REASON = 'Person sprach in Lengerich vor, Akte in Rheine; Wohnungsverlust droht heute';

describe('break-glass overrides', () => {
  let hub: TestHub;
  let caseId: string;

  beforeAll(async () => {
    hub = await startTestHub('overrides', { persons: 2 });
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const opened = await hub.gql(hub.token('cm-rheine-1'), OPEN_CASE, {
      input: { person: newcomer({ name: { givenNames: 'Karim', familyName: 'Haddad' } }), regionId: rheine },
    });
    caseId = opened.data.openCase.id;
  });

  afterAll(async () => {
    await hub?.close();
  });

  const ledger = (action: string) =>
    hub.db.ds.query<{ actor_id: string; basis: string | null; allowed: boolean; reason: string | null }[]>(
      `SELECT actor_id, basis, allowed, reason FROM audit_events WHERE subject_id = $1 AND action = $2 ORDER BY seq`,
      [caseId, action],
    );

  it('refuses staff without the permission, and records the refusal', async () => {
    const before = await hub.gql(hub.token('cm-lengerich-1'), READ, { id: caseId });
    // Another area's case answers as an unknown one would (docs/privacy.md).
    expect(before.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const r = await hub.gql(hub.token('cm-lengerich-1'), OPEN, { input: { caseId, reason: REASON } });
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(r.errors?.[0]?.message).toMatch(/permission/);
    const refusals = await ledger('override.refused');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.allowed).toBe(false);
    // Operators never, agencies not even reach the operation.
    expect((await hub.gql(hub.token('operator'), OPEN, { input: { caseId, reason: REASON } })).errors).toBeDefined();
    const agencyKey = hub.creds.agencies[0]!.apiKey;
    expect((await hub.gql(agencyKey, OPEN, { input: { caseId, reason: REASON } })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(await hub.db.ds.query(`SELECT 1 FROM access_overrides`)).toEqual([]);
  });

  it('wants a real reason and a bounded time, and refuses an override where none is needed', async () => {
    const token = hub.token('cm-lengerich-2');
    const short = await hub.gql(token, OPEN, { input: { caseId, reason: 'Notfall' } });
    expect(short.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(short.errors?.[0]?.extensions)).toMatch(/reason/);
    const long = await hub.gql(token, OPEN, { input: { caseId, reason: REASON, minutes: 24 * 60 } });
    expect(long.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    const own = await hub.gql(hub.token('cm-rheine-2'), OPEN, { input: { caseId, reason: REASON } });
    expect(own.errors?.[0]?.message ?? '').toMatch(/no override is needed|permission/);
    expect(await hub.db.ds.query(`SELECT 1 FROM access_overrides`)).toEqual([]);
  });

  it('opens one case, read-only, for the person who broke the glass, and records every read', async () => {
    const token = hub.token('cm-lengerich-2');
    expect((await hub.gql(token, READ, { id: caseId })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const opened = await hub.gql(token, OPEN, { input: { caseId, reason: REASON, minutes: 30 } });
    expect(opened.errors).toBeUndefined();
    const o = opened.data.openAccessOverride;
    expect(o).toMatchObject({ caseId, reason: REASON, reads: 0, verdict: null });
    expect(new Date(o.expiresAt).getTime() - Date.now()).toBeGreaterThan(29 * 60_000);

    const read = await hub.gql(token, READ, { id: caseId });
    expect(read.errors).toBeUndefined();
    expect(read.data.case.person.familyName).toBe('Haddad');
    // The case's own case manager sees that someone looked, and why.
    expect(read.data.case.timeline.map((t: { kind: string }) => t.kind)).toContain('override.opened');
    await hub.gql(token, READ, { id: caseId });
    const reads = await ledger('case.read');
    expect(reads.map((r) => r.basis)).toEqual([`override:${o.id}`, `override:${o.id}`]);
    expect((await ledger('override.opened'))[0]).toMatchObject({ basis: `override:${o.id}`, reason: REASON });

    // Read-only: changing the case still needs ordinary access.
    const move = await hub.gql(token, `mutation($id: ID!) { moveCasePhase(caseId: $id, phase: ASSESSMENT) { id } }`, {
      id: caseId,
    });
    expect(move.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Not in the case list, and nobody else gains anything.
    const list = await hub.gql(token, `{ cases(first: 100) { edges { node { id } } } }`);
    expect(list.data.cases.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(caseId);
    expect((await hub.gql(hub.token('cm-lengerich-1'), READ, { id: caseId })).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
  });

  it('ends when it expires', async () => {
    const token = hub.token('cm-lengerich-2');
    await hub.db.ds.query(`UPDATE access_overrides SET expires_at = now() - interval '1 second'`);
    expect((await hub.gql(token, READ, { id: caseId })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await ledger('case.read')).toHaveLength(2);
  });

  it("lands on the review list of the case's coordinator only, who reviews it once", async () => {
    const rheine = hub.token('coordinator-rheine');
    const listed = await hub.gql(rheine, LIST, { unreviewedOnly: true });
    expect(listed.data.accessOverrides).toEqual([expect.objectContaining({ caseId, reads: 2, verdict: null })]);
    const id = listed.data.accessOverrides[0].id as string;
    // Another area's coordinator neither sees nor reviews it; case managers review nothing.
    expect((await hub.gql(hub.token('coordinator-kreis'), LIST, {})).data.accessOverrides).toEqual([]);
    const foreign = await hub.gql(hub.token('coordinator-kreis'), REVIEW, {
      input: { overrideId: id, verdict: 'JUSTIFIED' },
    });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const cm = await hub.gql(hub.token('cm-rheine-1'), REVIEW, { input: { overrideId: id, verdict: 'JUSTIFIED' } });
    expect(cm.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The one who opened it sees their own, but other case managers do not.
    expect((await hub.gql(hub.token('cm-lengerich-2'), LIST, {})).data.accessOverrides).toHaveLength(1);
    expect((await hub.gql(hub.token('cm-rheine-1'), LIST, {})).data.accessOverrides).toEqual([]);

    const noNote = await hub.gql(rheine, REVIEW, { input: { overrideId: id, verdict: 'UNJUSTIFIED' } });
    expect(noNote.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    const reviewed = await hub.gql(rheine, REVIEW, {
      input: { overrideId: id, verdict: 'UNJUSTIFIED', note: 'Rückruf in Rheine hätte genügt; Gespräch geführt' },
    });
    expect(reviewed.errors).toBeUndefined();
    expect(reviewed.data.reviewAccessOverride).toMatchObject({ verdict: 'UNJUSTIFIED', reads: 2 });
    const again = await hub.gql(rheine, REVIEW, { input: { overrideId: id, verdict: 'JUSTIFIED' } });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await hub.gql(rheine, LIST, { unreviewedOnly: true })).data.accessOverrides).toEqual([]);
    expect((await ledger('override.reviewed'))[0]!.reason).toMatch(/^unjustified: Rückruf/);
    expect((await verifyAuditChain(hub.db.ds, hub.creds.tenantId)).ok).toBe(true);
  });

  it("lists the break-glass reads in the person's Art. 15 report", async () => {
    const get = (format: string) =>
      fetch(`${hub.url}/reports/access/${caseId}?format=${format}`, {
        headers: { authorization: `Bearer ${hub.token('cm-rheine-1')}` },
      });
    const report = (await (await get('json')).json()) as { disclosures: { recipient: string; action: string }[] };
    const reads = report.disclosures.filter((d) => d.action === 'override-read');
    expect(reads).toHaveLength(2);
    expect(reads[0]!.recipient).toMatch(/Lengerich 2/);
    expect(await (await get('html')).text()).toContain('eingesehen (Notfallzugriff)');
  });

  it('pages the review list on the hub, unreviewed first, with counts of the whole list', async () => {
    const rheineRegion = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    for (const familyName of ['Nasser', 'Yilmaz', 'Haidari']) {
      const c = await hub.gql(hub.token('cm-rheine-1'), OPEN_CASE, {
        input: { person: newcomer({ name: { givenNames: 'Amal', familyName } }), regionId: rheineRegion },
      });
      const o = await hub.gql(hub.token('cm-lengerich-2'), OPEN, {
        input: { caseId: c.data.openCase.id, reason: REASON, minutes: 30 },
      });
      expect(o.errors).toBeUndefined();
    }
    // Written down from the steps of this suite: one reviewed override, three waiting.
    const rows: { id: string; reviewed_at: Date | null; opened_at: Date }[] = await hub.db.ds.query(
      `SELECT id, reviewed_at, opened_at FROM access_overrides ORDER BY (reviewed_at IS NULL) DESC, opened_at DESC, id DESC`,
    );
    expect(rows.map((r) => r.reviewed_at === null)).toEqual([true, true, true, false]);
    const PAGE = `query($after: String, $only: Boolean!) { accessOverridePage(first: 1, after: $after, unreviewedOnly: $only) {
      totalCount unreviewedCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    const walk = async (only: boolean) => {
      const ids: string[] = [];
      const totals = new Set<string>();
      let after: string | null = null;
      for (let i = 0; i < 20; i++) {
        const r: { data?: any; errors?: any[] } = await hub.gql(hub.token('coordinator-rheine'), PAGE, {
          after,
          only,
        });
        expect(r.errors).toBeUndefined();
        const conn: any = r.data.accessOverridePage;
        ids.push(...conn.edges.map((e: { node: { id: string } }) => e.node.id));
        totals.add(`${conn.totalCount}/${conn.unreviewedCount}`);
        if (!conn.pageInfo.hasNextPage) return { ids, totals: [...totals] };
        after = conn.pageInfo.endCursor;
      }
      throw new Error('more than 20 pages');
    };
    expect(await walk(false)).toEqual({ ids: rows.map((r) => r.id), totals: ['4/3'] });
    expect(await walk(true)).toEqual({ ids: rows.slice(0, 3).map((r) => r.id), totals: ['3/3'] });
    const one = await hub.gql(
      hub.token('coordinator-rheine'),
      `query($ids: [ID!]) { accessOverrides(ids: $ids) { id } }`,
      {
        ids: [rows[3]!.id],
      },
    );
    expect(one.data.accessOverrides).toEqual([{ id: rows[3]!.id }]);
    const bad = await hub.gql(hub.token('coordinator-rheine'), `{ accessOverrides(ids: ["nope"]) { id } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    // Another area's office counts none of them.
    const kreis = await hub.gql(hub.token('coordinator-kreis'), PAGE, { after: null, only: false });
    expect(kreis.data.accessOverridePage).toMatchObject({ totalCount: 0, unreviewedCount: 0, edges: [] });
  });
});
