import { BoardAggregates, LinkageCommands } from '@kim/core';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { OPEN_CASE, newcomer } from '@kim/test-support/fixtures';

const REVIEWS = `{ linkReviews { id personAId personBId casesA casesB score capped status
  evidence { field level weight category valueA valueB } } }`;
const DECIDE = `mutation($input: DecideLinkReviewInput!) { decideLinkReview(input: $input) { id status note } }`;
const UNMERGE = `mutation($input: UnmergePersonsInput!) { unmergePersons(input: $input) { id undoneAt undoReason } }`;

describe('identity linkage in the hub', () => {
  let hub: TestHub;
  const region = (key: string) => hub.creds.regions.find((r) => r.key === key)!.id;

  async function open(token: string, regionKey: string, person: Record<string, unknown>) {
    const r = await hub.gql(token, OPEN_CASE, { input: { person: newcomer(person), regionId: region(regionKey) } });
    expect(r.errors).toBeUndefined();
    const [row] = await hub.db.ds.query<{ id: string; person_id: string }[]>(
      `SELECT id, person_id FROM cases WHERE id = $1`,
      [r.data.openCase.id],
    );
    return { caseId: row!.id, personId: row!.person_id, reference: r.data.openCase.reference as string };
  }

  /** Everything a merge could touch, per person: the row, its cases, identifiers and consents. */
  const snapshot = (ids: string[]) =>
    hub.db.ds.query(
      `SELECT p.id, to_jsonb(p) AS person,
              (SELECT jsonb_agg(to_jsonb(c) ORDER BY c.id) FROM cases c WHERE c.person_id = p.id) AS cases,
              (SELECT jsonb_agg(to_jsonb(i) ORDER BY i.id) FROM person_identifiers i WHERE i.person_id = p.id) AS identifiers,
              (SELECT jsonb_agg(to_jsonb(k) ORDER BY k.id) FROM consents k WHERE k.person_id = p.id) AS consents
         FROM persons p WHERE p.id = ANY($1::uuid[]) ORDER BY p.id`,
      [ids],
    );

  /**
   * Matching runs in the worker after the intake committed (MatchPersonJob); this suite has no
   * worker and runs what it would, in the same order (apps/worker tests the job itself).
   */
  async function matchPending() {
    const linkage = new LinkageCommands(hub.db.ds);
    const pending = await hub.db.ds.query<{ tenant_id: string; id: string }[]>(
      `SELECT tenant_id, id FROM person_match_requests WHERE done_at IS NULL ORDER BY created_at`,
    );
    for (const r of pending) await linkage.runMatchRequest(r.tenant_id, r.id);
  }

  beforeAll(async () => {
    hub = await startTestHub('linkage', { persons: 60 });
  });
  afterAll(() => hub.close());

  it('links a transliterated spelling with the same exact birth date automatically, and says so in the ledger', async () => {
    const cm = hub.token('cm-rheine-1');
    const a = await open(cm, 'rheine', {
      name: { givenNames: 'Mohammed', familyName: 'Al-Hassan', originalScript: 'محمد الحسن' },
      birthDate: '1991-03-14',
      birthDatePrecision: 'EXACT',
      sex: 'male',
    });
    const b = await open(cm, 'rheine', {
      name: { givenNames: 'Muhammad', familyName: 'Alhasan', originalScript: 'محمد الحسن' },
      birthDate: '1991-03-14',
      birthDatePrecision: 'EXACT',
      sex: 'male',
    });
    await matchPending();
    const [merge] = await hub.db.ds.query(
      `SELECT survivor_id, merged_id, basis, merged_by FROM person_merges WHERE merged_id = $1 AND undone_at IS NULL`,
      [b.personId],
    );
    expect(merge).toMatchObject({ survivor_id: a.personId, basis: 'score', merged_by: null });
    const [person] = await hub.db.ds.query(`SELECT merged_into_id FROM persons WHERE id = $1`, [b.personId]);
    expect(person.merged_into_id).toBe(a.personId);
    const ledger = await hub.db.ds.query(
      `SELECT person_id FROM audit_events WHERE action = 'person.merged' AND person_id = ANY($1::uuid[])`,
      [[a.personId, b.personId]],
    );
    expect(ledger).toHaveLength(2);
  });

  it('opens a case for the known person when the intake carries an identifier already in the link map', async () => {
    const cm = hub.token('cm-rheine-1');
    const jc = hub.creds.agencies.find((x) => x.key === 'jc')!.id;
    const identifiers = [{ kind: 'agency-customer-number', agencyId: jc, value: '962D123456' }];
    const first = await open(cm, 'rheine', {
      name: { givenNames: 'Rasha', familyName: 'Darwish' },
      birthDate: '1987-06-02',
      birthDatePrecision: 'EXACT',
      identifiers,
    });
    const again = await open(cm, 'rheine', {
      name: { givenNames: 'Racha', familyName: 'Darwisch' },
      birthDate: '1987-01-01',
      birthDatePrecision: 'PLACEHOLDER',
      identifiers,
    });
    expect(again.personId).toBe(first.personId);
    expect(again.caseId).not.toBe(first.caseId);
    const [p] = await hub.db.ds.query(`SELECT aliases FROM persons WHERE id = $1`, [first.personId]);
    expect(p.aliases).toEqual([{ givenNames: 'Racha', familyName: 'Darwisch' }]);
  });

  describe('review, decision, merge and unmerge', () => {
    let a: { caseId: string; personId: string; reference: string };
    let b: { caseId: string; personId: string; reference: string };
    let reviewId: string;

    beforeAll(async () => {
      // Swapped name order, a 01.01. placeholder date, another municipality and nationality: maybe the same person.
      a = await open(hub.token('cm-rheine-1'), 'rheine', {
        name: { givenNames: 'Omar', familyName: 'Khalil' },
        birthDate: '1988-01-01',
        birthDatePrecision: 'PLACEHOLDER',
        sex: 'male',
        municipality: 'Rheine',
      });
      b = await open(hub.token('cm-steinfurt-1'), 'steinfurt', {
        name: { givenNames: 'Khalil', familyName: 'Omar' },
        birthDate: '1988-01-01',
        birthDatePrecision: 'PLACEHOLDER',
        sex: 'male',
        nationality: 'IRQ',
        municipality: 'Steinfurt',
      });
      await matchPending();
    });

    it('puts the pair in the review queue with field-by-field evidence, and no merge', async () => {
      const merges = await hub.db.ds.query(`SELECT 1 FROM person_merges WHERE merged_id = ANY($1::uuid[])`, [
        [a.personId, b.personId],
      ]);
      expect(merges).toEqual([]);
      const r = await hub.gql(hub.token('cm-rheine-1'), REVIEWS);
      expect(r.errors).toBeUndefined();
      const item = r.data.linkReviews.find(
        (x: { personAId: string; personBId: string }) =>
          [x.personAId, x.personBId].sort().join() === [a.personId, b.personId].sort().join(),
      );
      expect(item.status).toBe('open');
      reviewId = item.id;
      // As stored: a placeholder date is never a full match; the names matched crosswise.
      const [stored] = await hub.db.ds.query<{ evidence: { field: string; level: string }[]; score: number }[]>(
        `SELECT evidence, score FROM link_reviews WHERE id = $1`,
        [reviewId],
      );
      expect(stored!.evidence.find((e) => e.field === 'birthDate')!.level).toBe('yearAgree');
      expect(stored!.evidence.find((e) => e.field === 'given')!.level).toMatch(/crosswise/);
      expect(stored!.score).toBeLessThan(-1);
      // B has no case in Rheine: every level, weight and the score compare B's data, so the
      // Rheine case manager gets none of them (docs/privacy.md: withheld).
      expect(item.score).toBeNull();
      expect(item.evidence.map((e: { level: unknown; weight: unknown }) => [e.level, e.weight])).toEqual(
        stored!.evidence.map(() => [null, null]),
      );
    });

    it('shows each caller only the values of persons with a case in their area; agencies see no queue', async () => {
      const aIsA = a.personId < b.personId;
      const mine = async (key: string) =>
        ((await hub.gql(hub.token(key), REVIEWS)).data?.linkReviews ?? []).find(
          (x: { id: string }) => x.id === reviewId,
        );
      const rheine = await mine('cm-rheine-1');
      const given = rheine.evidence.find((e: { field: string }) => e.field === 'given');
      expect(aIsA ? given.valueA : given.valueB).toBe('Omar');
      expect(aIsA ? given.valueB : given.valueA).toBeNull();
      expect(aIsA ? rheine.casesA : rheine.casesB).toEqual([a.reference]);
      // The Kreis coordinator supervises Steinfurt (B) but not Rheine (A).
      const kreis = await mine('coordinator-kreis');
      const kGiven = kreis.evidence.find((e: { field: string }) => e.field === 'given');
      expect(aIsA ? kGiven.valueA : kGiven.valueB).toBeNull();
      expect(await mine('cm-lengerich-1')).toBeUndefined();
      const agency = await hub.gql(hub.creds.agencies[0]!.apiKey, REVIEWS);
      expect(agency.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('merges on SAME_PERSON without widening what an agency sees, and unmerges back to exactly the prior state', async () => {
      const caritas = hub.creds.agencies.find((x) => x.key === 'caritas')!;
      // A consent for A's case to Caritas: after the merge it must still not open B's case.
      await hub.db.ds.query(
        `INSERT INTO consents (tenant_id, person_id, case_id, recipient_agency_id, purposes, categories, valid_from, valid_until, evidence, captured_by)
         SELECT c.tenant_id, c.person_id, c.id, $2, '{referral}', '{identity,contact}', current_date - 1, current_date + 300,
                '{"formVersion":"1","signedOn":"2026-01-01","explainedInLanguage":"ar","interpreterUsed":true}', c.case_manager_id
           FROM cases c WHERE c.id = $1`,
        [a.caseId, caritas.id],
      );
      const CASE = `query($id: ID!) { case(id: $id) { id reference } }`;
      expect((await hub.gql(caritas.apiKey, CASE, { id: a.caseId })).data?.case?.id).toBe(a.caseId);
      expect((await hub.gql(caritas.apiKey, CASE, { id: b.caseId })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

      const before = await snapshot([a.personId, b.personId]);
      const decided = await hub.gql(hub.token('cm-steinfurt-1'), DECIDE, {
        input: { reviewId, decision: 'SAME_PERSON', note: 'Gleiche Person: Namen vertauscht, Pass geprüft' },
      });
      expect(decided.errors).toBeUndefined();
      expect(decided.data.decideLinkReview.status).toBe('same-person');
      const [merge] = await hub.db.ds.query(
        `SELECT id, basis, merged_by, review_id FROM person_merges WHERE review_id = $1 AND undone_at IS NULL`,
        [reviewId],
      );
      const steinfurt = hub.creds.staff.find((s) => s.key === 'cm-steinfurt-1')!;
      expect(merge).toMatchObject({ basis: 'review', merged_by: steinfurt.id });
      expect((await hub.gql(caritas.apiKey, CASE, { id: b.caseId })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      // Decided once: a second decision is refused.
      const again = await hub.gql(hub.token('cm-rheine-1'), DECIDE, {
        input: { reviewId, decision: 'DIFFERENT_PERSONS' },
      });
      expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');

      // While merged, the coordinators' checks count the two as one person: an integration
      // course accepted for each case is a duplicate course certificate.
      const [course] = await hub.db.ds.query<{ id: string; agency_id: string }[]>(
        `SELECT id, agency_id FROM services WHERE tenant_id = $1 AND integration_course ORDER BY code LIMIT 1`,
        [hub.creds.tenantId],
      );
      for (const c of [a, b]) {
        await hub.db.ds.query(
          `INSERT INTO referrals (tenant_id, case_id, service_id, agency_id, purpose, categories, status, created_by, requested_at, version)
           SELECT c.tenant_id, c.id, $2, $3, 'referral', '{identity}', 'in-progress', c.case_manager_id, now() - interval '30 days', 1
             FROM cases c WHERE c.id = $1`,
          [c.caseId, course!.id, course!.agency_id],
        );
      }
      const courseFlags = async () => {
        await new BoardAggregates(hub.db.ds).refresh();
        const rows = await hub.db.ds.query<{ case_id: string }[]>(
          `SELECT case_id FROM board_flags WHERE kind = 'duplicate-course-certificate' AND case_id = ANY($1::uuid[]) ORDER BY case_id`,
          [[a.caseId, b.caseId]],
        );
        return rows.map((r) => r.case_id);
      };
      expect(await courseFlags()).toEqual([a.caseId, b.caseId].sort());

      const undone = await hub.gql(hub.token('cm-rheine-1'), UNMERGE, {
        input: { mergeId: merge.id, reason: 'Zwei Personen: unterschiedliche Väter laut Pass' },
      });
      expect(undone.errors).toBeUndefined();
      expect(await snapshot([a.personId, b.personId])).toEqual(before);
      // Apart again: one course each is no duplicate.
      expect(await courseFlags()).toEqual([]);
      const ledger = await hub.db.ds.query(
        `SELECT action, actor_id, reason FROM audit_events WHERE subject_id = $1 ORDER BY seq`,
        [merge.id],
      );
      expect(ledger.map((l: { action: string }) => l.action)).toEqual([
        'person.merged',
        'person.merged',
        'person.unmerged',
        'person.unmerged',
      ]);
      expect(ledger[2].actor_id).toBe(hub.creds.staff.find((s) => s.key === 'cm-rheine-1')!.id);
      expect(ledger[2].reason).toContain('unterschiedliche Väter');
      // Undone is undone: a second unmerge is refused, and the pair is kept apart.
      expect(
        (await hub.gql(hub.token('cm-rheine-1'), UNMERGE, { input: { mergeId: merge.id, reason: 'again' } }))
          .errors?.[0]?.extensions?.code,
      ).toBe('CONFLICT');
    });

    it('refuses bad input without writing', async () => {
      const bad = await hub.gql(hub.token('cm-rheine-1'), DECIDE, {
        input: { reviewId: 'not-a-uuid', decision: 'SAME_PERSON' },
      });
      expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
      const short = await hub.gql(hub.token('cm-rheine-1'), UNMERGE, {
        input: { mergeId: '00000000-0000-4000-8000-000000000000', reason: '' },
      });
      expect(short.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    });
  });

  it('finds pairs among persons already known in the maintenance sweep, once; across areas only for review', async () => {
    // Persons recorded before linkage existed: Ahmad Haddad / Ahmed Hadad, same exact birth date,
    // each with a case; one pair in Rheine, one pair split between Rheine and Lengerich.
    const known = async (given: string, family: string, birthDate: string, regionKey: string) => {
      const [p] = await hub.db.ds.query<{ id: string }[]>(
        `INSERT INTO persons (tenant_id, given_names, family_name, aliases, birth_date, birth_date_precision, sex, nationality, languages, municipality)
         VALUES ($1, $2, $3, '[]', $4, 'exact', 'male', 'SYR', '{ar}', 'Rheine') RETURNING id`,
        [hub.creds.tenantId, given, family, birthDate],
      );
      const manager = hub.creds.staff.find((x) => x.key === `cm-${regionKey}-1`)!.id;
      await hub.db.ds.query(
        `INSERT INTO cases (tenant_id, reference, person_id, case_manager_id, region_id, phase, version)
         VALUES ($1, $2, $3, $4, $5, 'assessment', 1)`,
        [hub.creds.tenantId, `SWEEP-${p!.id.slice(0, 8)}`, p!.id, manager, region(regionKey)],
      );
      return p!.id;
    };
    const ids = [
      await known('Ahmad', 'Haddad', '1979-11-23', 'rheine'),
      await known('Ahmed', 'Hadad', '1979-11-23', 'rheine'),
    ].sort();
    const apart = [
      await known('Yousef', 'Barakat', '1983-05-30', 'rheine'),
      await known('Yusuf', 'Barakat', '1983-05-30', 'lengerich'),
    ].sort();
    const result = await new LinkageCommands(hub.db.ds).detectInTenant(hub.creds.tenantId);
    const pairOf = (m: { survivorId: string; mergedId: string }) => [m.survivorId, m.mergedId].sort().join();
    expect(result.merged.filter((m) => pairOf(m) === ids.join())).toHaveLength(1);
    const [merge] = await hub.db.ds.query(
      `SELECT basis, merged_by FROM person_merges WHERE merged_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(merge).toEqual({ basis: 'score', merged_by: null });
    // The same likeness across areas is a review item, never a merge.
    expect(result.merged.filter((m) => apart.includes(m.mergedId))).toEqual([]);
    const [item] = await hub.db.ds.query(
      `SELECT source, status, capped FROM link_reviews WHERE person_a_id = $1 AND person_b_id = $2`,
      apart,
    );
    expect(item).toMatchObject({
      source: 'maintenance',
      status: 'open',
      capped: expect.stringMatching(/across areas/),
    });
    // A second run finds nothing new for them.
    const again = await new LinkageCommands(hub.db.ds).detectInTenant(hub.creds.tenantId);
    expect(again.merged.filter((m) => [...ids, ...apart].includes(m.mergedId))).toEqual([]);
    expect(again.reviews.filter((r) => apart.includes(r.personAId))).toEqual([]);
  });
  it('keeps four different "Mamadou Diallo, born 1993" apart when their cases are opened one after another', async () => {
    // Issue 16, through the hub's own intake: namesakes known only by name and birth year, opened
    // on different days and matched as each arrives. Four persons: no automatic merge among them,
    // the pairs go to review (a case manager decides); each keeps their own case.
    const cm = hub.token('cm-rheine-1');
    const opened: { personId: string; caseId: string }[] = [];
    for (const municipality of ['Rheine', 'Rheine', 'Steinfurt', 'Rheine']) {
      opened.push(
        await open(cm, 'rheine', {
          name: { givenNames: 'Mamadou', familyName: 'Diallo' },
          birthDate: '1993-01-01',
          birthDatePrecision: 'YEAR_ONLY',
          sex: 'male',
          municipality,
        }),
      );
      await matchPending();
    }
    const ids = opened.map((o) => o.personId);
    const merges = await hub.db.ds.query(
      `SELECT survivor_id, merged_id FROM person_merges
        WHERE undone_at IS NULL AND (survivor_id = ANY($1::uuid[]) OR merged_id = ANY($1::uuid[]))`,
      [ids],
    );
    expect(merges).toEqual([]);
    const persons = await hub.db.ds.query<{ merged_into_id: string | null }[]>(
      `SELECT merged_into_id FROM persons WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    expect(persons.map((p) => p.merged_into_id)).toEqual([null, null, null, null]);
    const reviews = await hub.db.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM link_reviews
        WHERE person_a_id = ANY($1::uuid[]) AND person_b_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(reviews[0]!.n).toBeGreaterThan(0);
  });
});
