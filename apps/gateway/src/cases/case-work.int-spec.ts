import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { OPEN_CASE, newcomer } from '@kim/test-support/fixtures';

/**
 * A case manager's changes after intake, against a real PostgreSQL. Expected answers come from
 * docs/privacy.md ("who may change what": ordinary access to the case, another area like an
 * unknown id) and issue 17 (a case goes only to a colleague of the same regional area).
 */
describe('case work: person data, notes, goals, handing over', () => {
  let hub: TestHub;
  let caseId: string;
  let personId: string;
  const staffId = (key: string) => hub.creds.staff.find((s) => s.key === key)!.id;
  const region = (key: string) => hub.creds.regions.find((r) => r.key === key)!.id;
  const codeOf = (r: { errors?: any[] }) => r.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    hub = await startTestHub('casework', { persons: 5 });
    const r = await hub.gql(hub.token('cm-rheine-1'), OPEN_CASE, {
      input: {
        person: newcomer(),
        regionId: region('rheine'),
        needs: [{ domain: 'LANGUAGE', description: 'Integrationskurs B1' }],
      },
    });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    caseId = r.data.openCase.id;
    const [row] = await hub.db.ds.query(`SELECT person_id FROM cases WHERE id = $1`, [caseId]);
    personId = row.person_id;
  });
  afterAll(() => hub.close());

  const UPDATE = /* GraphQL */ `
    mutation U($caseId: ID!, $input: PersonUpdateInput!) {
      updatePerson(caseId: $caseId, input: $input) {
        id
        person {
          familyName
          birthDate
          birthDatePrecision
          municipality
        }
      }
    }
  `;

  it('changes only the fields given, names them (not their values) in the ledger and the timeline', async () => {
    const r = await hub.gql(hub.token('cm-rheine-1'), UPDATE, {
      caseId,
      input: { birthDate: '1994-05-17', birthDatePrecision: 'EXACT', municipality: 'Emsdetten' },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data.updatePerson.person).toEqual({
      familyName: 'Al-Hassan',
      birthDate: '1994-05-17',
      birthDatePrecision: 'EXACT',
      municipality: 'Emsdetten',
    });
    const [stored] = await hub.db.ds.query(
      `SELECT birth_date::text AS birth, birth_date_precision AS precision, municipality, family_name AS family FROM persons WHERE id = $1`,
      [personId],
    );
    expect(stored).toEqual({ birth: '1994-05-17', precision: 'exact', municipality: 'Emsdetten', family: 'Al-Hassan' });
    const ledger = await hub.db.ds.query(
      `SELECT reason, actor_id FROM audit_events WHERE action = 'person.updated' AND person_id = $1`,
      [personId],
    );
    expect(ledger).toEqual([{ reason: 'birthDatePrecision,birthDate,municipality', actor_id: staffId('cm-rheine-1') }]);
    const timeline = await hub.db.ds.query(
      `SELECT summary FROM timeline_events WHERE case_id = $1 AND kind = 'person.updated'`,
      [caseId],
    );
    expect(timeline).toEqual([{ summary: 'Person data changed: birthDatePrecision, birthDate, municipality' }]);
    expect(JSON.stringify(timeline)).not.toContain('Emsdetten');
    // For the console to say it in German: the code and the fields, as the API gives them.
    const read = await hub.gql(
      hub.token('cm-rheine-1'),
      `{ case(id: "${caseId}") { timeline { kind summaryCode summaryParams { name values } } } }`,
    );
    expect(read.data.case.timeline.filter((e: any) => e.kind === 'person.updated')).toEqual([
      {
        kind: 'person.updated',
        summaryCode: 'person.updated',
        summaryParams: [{ name: 'fields', values: ['birthDatePrecision', 'birthDate', 'municipality'] }],
      },
    ]);
  });

  it('refuses bad input with INVALID_INPUT and changes nothing', async () => {
    const token = hub.token('cm-rheine-1');
    const bad = [
      {},
      { birthDate: '1994-05-17' },
      { birthDate: '1994-05-17', birthDatePrecision: 'PLACEHOLDER' },
      { municipality: 'x'.repeat(101) },
      { nationality: 'Syrien' },
      { name: { givenNames: ' ', familyName: 'A' } },
    ];
    for (const input of bad) {
      const r = await hub.gql(token, UPDATE, { caseId, input });
      expect([JSON.stringify(input), codeOf(r)]).toEqual([JSON.stringify(input), 'INVALID_INPUT']);
    }
    const [stored] = await hub.db.ds.query(`SELECT municipality FROM persons WHERE id = $1`, [personId]);
    expect(stored.municipality).toBe('Emsdetten');
  });

  it("answers another area's case like an unknown one, for every change", async () => {
    const other = hub.token('cm-lengerich-1');
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const id of [caseId, unknown]) {
      expect(codeOf(await hub.gql(other, UPDATE, { caseId: id, input: { municipality: 'Lengerich' } }))).toBe(
        'NOT_FOUND',
      );
      expect(codeOf(await hub.gql(other, `mutation { addCaseNote(caseId: "${id}", note: "Hallo") { id } }`))).toBe(
        'NOT_FOUND',
      );
    }
    const [stored] = await hub.db.ds.query(`SELECT municipality FROM persons WHERE id = $1`, [personId]);
    expect(stored.municipality).toBe('Emsdetten');
  });

  it('keeps a note on the timeline for staff, bounded to 1,000 characters', async () => {
    const token = hub.token('cm-rheine-1');
    const ok = await hub.gql(token, `mutation { addCaseNote(caseId: "${caseId}", note: "Termin am Montag") { id } }`);
    expect(ok.errors).toBeUndefined();
    const NOTE = `mutation N($n: String!) { addCaseNote(caseId: "${caseId}", note: $n) { id } }`;
    expect(codeOf(await hub.gql(token, NOTE, { n: 'x'.repeat(1001) }))).toBe('INVALID_INPUT');
    expect(codeOf(await hub.gql(token, NOTE, { n: '   ' }))).toBe('INVALID_INPUT');
    expect((await hub.gql(token, NOTE, { n: 'y'.repeat(1000) })).errors).toBeUndefined();
    const r = await hub.gql(token, `{ case(id: "${caseId}") { timeline { kind summary } } }`);
    expect(r.data.case.timeline.filter((e: any) => e.kind === 'case.note-added')).toEqual([
      { kind: 'case.note-added', summary: 'Termin am Montag' },
      { kind: 'case.note-added', summary: 'y'.repeat(1000) },
    ]);
  });

  it("updates a goal's status; another area's goal is NOT_FOUND", async () => {
    const token = hub.token('cm-rheine-1');
    const added = await hub.gql(
      token,
      `mutation { addGoal(caseId: "${caseId}", input: { domain: LANGUAGE, description: "B1 erreichen" }) { id status } }`,
    );
    const goalId = added.data.addGoal.id;
    const UPDATE_GOAL = `mutation G($id: ID!, $input: GoalUpdateInput!) { updateGoal(goalId: $id, input: $input) { id status description } }`;
    expect(
      codeOf(await hub.gql(hub.token('cm-lengerich-1'), UPDATE_GOAL, { id: goalId, input: { status: 'achieved' } })),
    ).toBe('NOT_FOUND');
    expect(codeOf(await hub.gql(token, UPDATE_GOAL, { id: goalId, input: { status: 'done' } }))).toBe('INVALID_INPUT');
    const r = await hub.gql(token, UPDATE_GOAL, { id: goalId, input: { status: 'in-progress' } });
    expect(r.data.updateGoal).toEqual({ id: goalId, status: 'in-progress', description: 'B1 erreichen' });
    const [row] = await hub.db.ds.query(`SELECT status FROM goals WHERE id = $1`, [goalId]);
    expect(row.status).toBe('in-progress');
  });

  it('hands the case to a colleague of the same area only; anyone else is NOT_FOUND like an unknown id', async () => {
    const token = hub.token('cm-rheine-1');
    const HAND = /* GraphQL */ `
      mutation H($input: HandOverCaseInput!) {
        handOverCase(input: $input) {
          caseManager {
            id
          }
        }
      }
    `;
    const candidates = await hub.gql(token, `{ handOverCandidates(caseId: "${caseId}") { id role } }`);
    const expected = hub.creds.staff
      .filter((s) => /^cm-rheine-/.test(s.key) && s.key !== 'cm-rheine-1')
      .map((s) => s.id)
      .sort();
    expect(candidates.data.handOverCandidates.map((s: any) => s.id).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);

    for (const to of [
      staffId('cm-lengerich-1'),
      staffId('coordinator-rheine'),
      '00000000-0000-4000-8000-000000000000',
    ]) {
      const r = await hub.gql(token, HAND, { input: { caseId, toCaseManagerId: to } });
      expect(codeOf(r)).toBe('NOT_FOUND');
    }
    // Lengerich's case manager cannot take or give the case either.
    const foreign = await hub.gql(hub.token('cm-lengerich-1'), HAND, {
      input: { caseId, toCaseManagerId: staffId('cm-rheine-2') },
    });
    expect(codeOf(foreign)).toBe('NOT_FOUND');
    const [still] = await hub.db.ds.query(`SELECT case_manager_id FROM cases WHERE id = $1`, [caseId]);
    expect(still.case_manager_id).toBe(staffId('cm-rheine-1'));

    const r = await hub.gql(token, HAND, {
      input: { caseId, toCaseManagerId: staffId('cm-rheine-2'), note: 'Urlaubsvertretung' },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data.handOverCase.caseManager.id).toBe(staffId('cm-rheine-2'));
    const [after] = await hub.db.ds.query(`SELECT case_manager_id FROM cases WHERE id = $1`, [caseId]);
    expect(after.case_manager_id).toBe(staffId('cm-rheine-2'));
    const ledger = await hub.db.ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.handed-over' AND subject_id = $1`,
      [caseId],
    );
    expect(ledger[0].n).toBe(1);
    // The new case manager works on it; the old one, of the same area, still sees it (area rule).
    const mine = await hub.gql(
      hub.token('cm-rheine-2'),
      `{ cases(first: 50, filter: { caseManagerId: "${staffId('cm-rheine-2')}" }) { edges { node { id } } } }`,
    );
    expect(mine.data.cases.edges.map((e: any) => e.node.id)).toContain(caseId);
  });

  it('never hands a case to a deactivated account, nor offers one', async () => {
    // cm-rheine-1 leaves (a tenant administrator deactivated the account); the case is with cm-rheine-2.
    await hub.db.ds.query(`UPDATE staff_users SET deactivated_at = now() WHERE id = $1`, [staffId('cm-rheine-1')]);
    const token = hub.token('cm-rheine-2');
    const candidates = await hub.gql(token, `{ handOverCandidates(caseId: "${caseId}") { id } }`);
    expect(candidates.data.handOverCandidates.map((s: any) => s.id)).not.toContain(staffId('cm-rheine-1'));
    const r = await hub.gql(
      token,
      `mutation($input: HandOverCaseInput!) { handOverCase(input: $input) { caseManager { id } } }`,
      { input: { caseId, toCaseManagerId: staffId('cm-rheine-1') } },
    );
    expect(codeOf(r)).toBe('NOT_FOUND');
    const [still] = await hub.db.ds.query(`SELECT case_manager_id FROM cases WHERE id = $1`, [caseId]);
    expect(still.case_manager_id).toBe(staffId('cm-rheine-2'));
  });
});
