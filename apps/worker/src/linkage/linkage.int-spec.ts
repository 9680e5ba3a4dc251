import type { INestApplicationContext } from '@nestjs/common';
import { queueBackendOf } from '@kim/config';
import { QueueName } from '@kim/contracts';
import { LinkageCommands, matchJobId } from '@kim/core';
import { createQueue } from '@kim/messaging';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import { OPEN_CASE, newcomer } from '@kim/test-support/fixtures';
import { createWorkerApp } from '../bootstrap.js';

/**
 * Matching at intake (issue 16, item 7): the case commits first and the answer goes out; the
 * worker's MatchPersonJob compares the new person afterwards. What it may do is written in
 * docs/linkage.md ("When linking happens"): merge on a score above the link threshold within one
 * regional area (basis `score`), queue a review across areas, never touch a pair decided
 * "different persons".
 */
describe('matching after intake (worker)', () => {
  let hub: TestHub;
  let worker: INestApplicationContext | undefined;
  const region = (key: string) => hub.creds.regions.find((r) => r.key === key)!.id;

  beforeAll(async () => {
    hub = await startTestHub('linkage_jobs', {
      persons: 30,
      env: { LINKAGE_RELAY_MS: '300', LINKAGE_RELAY_GRACE_MS: '1000' },
    });
  });
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });
  afterAll(() => hub.close());

  const startWorker = async () => {
    worker = await createWorkerApp(hub.config, false);
  };
  const stopWorker = async () => {
    await worker?.close();
    worker = undefined;
  };

  async function open(token: string, regionKey: string, person: Record<string, unknown>) {
    const r = await hub.gql(token, OPEN_CASE, { input: { person: newcomer(person), regionId: region(regionKey) } });
    expect(r.errors).toBeUndefined();
    const [row] = await hub.db.ds.query<{ person_id: string }[]>(`SELECT person_id FROM cases WHERE id = $1`, [
      r.data.openCase.id,
    ]);
    return { caseId: r.data.openCase.id as string, personId: row!.person_id };
  }

  const request = async (personId: string) =>
    (
      await hub.db.ds.query<
        {
          id: string;
          case_id: string;
          enqueued_at: Date | null;
          done_at: Date | null;
          merges: number | null;
          reviews: number | null;
        }[]
      >(`SELECT id, case_id, enqueued_at, done_at, merges, reviews FROM person_match_requests WHERE person_id = $1`, [
        personId,
      ])
    )[0];
  const done = (personId: string) =>
    expectEventually(
      async () => {
        const r = await request(personId);
        expect(r?.done_at).toBeInstanceOf(Date);
        return r!;
      },
      { timeoutMs: 30_000 },
    );
  const mergesOf = (ids: string[]) =>
    hub.db.ds.query<{ survivor_id: string; merged_id: string; basis: string; merged_by: string | null }[]>(
      `SELECT survivor_id, merged_id, basis, merged_by FROM person_merges
        WHERE undone_at IS NULL AND (survivor_id = ANY($1::uuid[]) OR merged_id = ANY($1::uuid[]))`,
      [ids],
    );
  const rootOf = (id: string) => new LinkageCommands(hub.db.ds).rootOf(hub.db.ds.manager, hub.creds.tenantId, id);
  const reviewBetween = async (x: string, y: string) =>
    (
      await hub.db.ds.query<{ status: string; source: string; capped: string | null }[]>(
        `SELECT status, source, capped FROM link_reviews WHERE person_a_id = $1 AND person_b_id = $2`,
        [x, y].sort(),
      )
    )[0];

  const mohammed = {
    name: { givenNames: 'Mohammed', familyName: 'Al-Hassan', originalScript: 'محمد الحسن' },
    birthDate: '1991-03-14',
    birthDatePrecision: 'EXACT',
    sex: 'male',
  };
  const muhammad = { ...mohammed, name: { ...mohammed.name, givenNames: 'Muhammad', familyName: 'Alhasan' } };

  it('answers openCase before matching; the job merges afterwards, on basis score, as the system', async () => {
    const cm = hub.token('cm-rheine-1');
    const a = await open(cm, 'rheine', mohammed);
    const b = await open(cm, 'rheine', muhammad);
    // The answer is out and nothing was matched: the request waits, committed with the case.
    const waiting = await request(b.personId);
    expect(waiting).toMatchObject({ case_id: b.caseId, done_at: null });
    expect(await mergesOf([a.personId, b.personId])).toEqual([]);

    await startWorker();
    // A's job runs first and finds B already there: one merge between the two requests.
    const matched = [await done(a.personId), await done(b.personId)];
    expect(matched.map((r) => [r.merges, r.reviews])).toEqual([
      [1, 0],
      [0, 0],
    ]);
    expect(await mergesOf([b.personId])).toEqual([
      { survivor_id: a.personId, merged_id: b.personId, basis: 'score', merged_by: null },
    ]);
    const ledger = await hub.db.ds.query(
      `SELECT actor_kind, person_id FROM audit_events WHERE action = 'person.merged' AND person_id = ANY($1::uuid[])`,
      [[a.personId, b.personId]],
    );
    expect(ledger.map((l: { actor_kind: string }) => l.actor_kind)).toEqual(['system', 'system']);
  });

  it('never merges across areas: the same likeness with a person of another area is a review item', async () => {
    await startWorker();
    const rheine = await open(hub.token('cm-rheine-1'), 'rheine', {
      ...mohammed,
      name: { givenNames: 'Hamid', familyName: 'Al-Rashid', originalScript: 'حامد الراشد' },
      birthDate: '1986-08-21',
    });
    await done(rheine.personId);
    const lengerich = await open(hub.token('cm-lengerich-1'), 'lengerich', {
      ...mohammed,
      name: { givenNames: 'Hamed', familyName: 'Alrashid', originalScript: 'حامد الراشد' },
      birthDate: '1986-08-21',
    });
    expect(await done(lengerich.personId)).toMatchObject({ merges: 0, reviews: 1 });
    expect(await mergesOf([rheine.personId, lengerich.personId])).toEqual([]);
    expect(await reviewBetween(rheine.personId, lengerich.personId)).toEqual({
      status: 'open',
      source: 'case-opened',
      capped: expect.stringMatching(/across areas/),
    });
  });

  it('loses no match job: a request the queue never got, or lost, is put on it by the relay', async () => {
    await stopWorker();
    const queue = createQueue(QueueName.LINKAGE, queueBackendOf(hub.config));
    try {
      const cm = hub.token('cm-steinfurt-1');
      const lost = await open(cm, 'steinfurt', { ...mohammed, name: { givenNames: 'Karim', familyName: 'Nasser' } });
      const never = await open(cm, 'steinfurt', { ...mohammed, name: { givenNames: 'Rami', familyName: 'Saleh' } });
      // The gateway enqueued both after the commit; then the queue loses one job (Redis restarted
      // without persistence), and the other never got there (Redis was down when the gateway tried).
      for (const p of [lost, never])
        await expectEventually(async () => expect((await request(p.personId))?.enqueued_at).not.toBeNull());
      for (const p of [lost, never]) {
        const id = matchJobId({ requestId: (await request(p.personId))!.id });
        await (await queue.getJob(id))!.remove();
        expect(await queue.getJobState(id)).toBe('unknown');
      }
      await hub.db.ds.query(`UPDATE person_match_requests SET enqueued_at = NULL WHERE person_id = $1`, [
        never.personId,
      ]);

      await startWorker();
      await done(lost.personId);
      await done(never.personId);
    } finally {
      await queue.close();
    }
  });

  it('four "Mamadou Diallo, est. 1993" opened one by one stay four persons; a true duplicate merges', async () => {
    await startWorker();
    const cm = hub.token('cm-ibbenbueren-1');
    const mamadou = (birthDate: string, birthDatePrecision: string) => ({
      name: { givenNames: 'Mamadou', familyName: 'Diallo' },
      birthDate,
      birthDatePrecision,
      sex: 'male',
      nationality: 'GIN',
      languages: ['fr'],
      municipality: 'Ibbenbüren',
    });
    const estimated: string[] = [];
    for (let k = 0; k < 4; k++) {
      const { personId } = await open(cm, 'ibbenbueren', mamadou('1993-01-01', 'PLACEHOLDER'));
      await done(personId);
      estimated.push(personId);
    }
    // Each newcomer was compared with every earlier one; none was merged into another.
    expect(await mergesOf(estimated)).toEqual([]);
    expect(new Set(await Promise.all(estimated.map(rootOf))).size).toBe(4);
    // From the third on, name and year are a crowd: review, never a link.
    expect(await reviewBetween(estimated[2]!, estimated[0]!)).toMatchObject({
      capped: 'name and birth year shared by many persons',
    });

    // One man with his real birth date, opened twice: the second is merged into the first on
    // its score, and the basis is recorded; the four estimated namesakes stay apart.
    const first = await open(cm, 'ibbenbueren', mamadou('1993-07-21', 'EXACT'));
    await done(first.personId);
    const again = await open(cm, 'ibbenbueren', mamadou('1993-07-21', 'EXACT'));
    expect(await done(again.personId)).toMatchObject({ merges: 1 });
    expect(await mergesOf([again.personId])).toEqual([
      { survivor_id: first.personId, merged_id: again.personId, basis: 'score', merged_by: null },
    ]);
    for (const p of estimated) expect(await rootOf(p)).toBe(p);
  });

  describe('"different persons" holds for good', () => {
    const warsame = {
      name: { givenNames: 'Abdullahi', familyName: 'Warsame' },
      birthDate: '1990-07-04',
      birthDatePrecision: 'EXACT',
      sex: 'male',
      nationality: 'SOM',
      languages: ['so'],
    };
    const variant = { ...warsame, name: { givenNames: 'Abdulahi', familyName: 'Warsame' } };
    let p1: string;
    let p2: string;

    beforeAll(async () => {
      worker = await createWorkerApp(hub.config, false);
      const cm = hub.token('cm-emsdetten-greven-1');
      p1 = (await open(cm, 'emsdetten-greven', warsame)).personId;
      await done(p1);
      p2 = (await open(cm, 'emsdetten-greven', variant)).personId;
      await done(p2);
      // The job linked them; the case manager finds that wrong and undoes it.
      const [merge] = await hub.db.ds.query<{ id: string }[]>(
        `SELECT id FROM person_merges WHERE merged_id = $1 AND undone_at IS NULL`,
        [p2],
      );
      if (!merge) throw new Error('the job should have merged the two spellings');
      const r = await hub.gql(cm, `mutation($input: UnmergePersonsInput!) { unmergePersons(input: $input) { id } }`, {
        input: { mergeId: merge.id, reason: 'Zwei Brüder: verschiedene Pässe' },
      });
      if (r.errors) throw new Error(`unmerge failed: ${JSON.stringify(r.errors)}`);
      await worker.close();
      worker = undefined;
    });

    it('the nightly sweep leaves the pair apart', async () => {
      await new LinkageCommands(hub.db.ds).detectInTenant(hub.creds.tenantId);
      expect(await rootOf(p1)).not.toBe(await rootOf(p2));
    });

    it('an intake that matches both links neither: two persons cannot both be the new one', async () => {
      await startWorker();
      const cm = hub.token('cm-emsdetten-greven-1');
      const p3 = (await open(cm, 'emsdetten-greven', warsame)).personId;
      expect(await done(p3)).toMatchObject({ merges: 0, reviews: 2 });
      for (const other of [p1, p2]) {
        expect(await rootOf(other)).toBe(other);
        expect(await reviewBetween(p3, other)).toEqual({
          status: 'open',
          source: 'case-opened',
          capped: 'several persons match',
        });
      }
      // A reviewer may join the newcomer to one of them, but not to both (through the newcomer).
      const decide = async (other: string, decision: string) => {
        const [a, b] = [p3, other].sort();
        const [item] = await hub.db.ds.query<{ id: string }[]>(
          `SELECT id FROM link_reviews WHERE person_a_id = $1 AND person_b_id = $2`,
          [a, b],
        );
        return hub.gql(
          cm,
          `mutation($input: DecideLinkReviewInput!) { decideLinkReview(input: $input) { id status } }`,
          { input: { reviewId: item!.id, decision } },
        );
      };
      expect((await decide(p1, 'SAME_PERSON')).errors).toBeUndefined();
      expect((await decide(p2, 'SAME_PERSON')).errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(await rootOf(p2)).toBe(p2);
    });

    it('a nightly sweep that finds a fourth record like both joins it to one side only', async () => {
      const [p4] = await hub.db.ds.query<{ id: string }[]>(
        `INSERT INTO persons (tenant_id, given_names, family_name, aliases, birth_date, birth_date_precision, sex, nationality, languages, municipality)
         VALUES ($1, 'Abdullahi', 'Warsame', '[]', '1990-07-04', 'exact', 'male', 'SOM', '{so}', 'Rheine') RETURNING id`,
        [hub.creds.tenantId],
      );
      const manager = hub.creds.staff.find((s) => s.key === 'cm-emsdetten-greven-1')!.id;
      await hub.db.ds.query(
        `INSERT INTO cases (tenant_id, reference, person_id, case_manager_id, region_id, phase, version)
         VALUES ($1, 'SWEEP-WARSAME-4', $2, $3, $4, 'assessment', 1)`,
        [hub.creds.tenantId, p4!.id, manager, region('emsdetten-greven')],
      );
      const result = await new LinkageCommands(hub.db.ds).detectInTenant(hub.creds.tenantId);
      expect(result.merged.filter((m) => [m.survivorId, m.mergedId].includes(p4!.id))).toHaveLength(1);
      expect(await rootOf(p1)).not.toBe(await rootOf(p2));
    });
  });
});
