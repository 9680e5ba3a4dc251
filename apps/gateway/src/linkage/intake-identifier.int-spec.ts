import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { newcomer } from '@kim/test-support/fixtures';

/**
 * Finding 1 of the privacy review: opening a case with an identifier the link map knows from
 * another area attached the case to that area's person, returned their record, wrote the
 * caller's spelling into it and put their case into the new case's Art. 15 report. Knowing a
 * number must reveal nothing.
 */
const OPEN = `mutation($input: OpenCaseInput!) {
  openCase(input: $input) {
    id reference
    person { id givenNames familyName aliases { givenNames familyName } birthDate residenceStatus identifiers { kind value } }
  }
}`;
const REVIEWS = `{ linkReviews { id personAId personBId casesA casesB source status evidence { field valueA valueB } } }`;

describe('intake by an identifier known in another area', () => {
  let hub: TestHub;
  const region = (key: string) => hub.creds.regions.find((r) => r.key === key)!.id;
  const staffId = (key: string) => hub.creds.staff.find((s) => s.key === key)!.id;

  beforeAll(async () => {
    hub = await startTestHub('intakeid');
  });
  afterAll(() => hub.close());

  async function open(token: string, regionKey: string, person: Record<string, unknown>, extra = {}) {
    return hub.gql(token, OPEN, { input: { person: newcomer(person), regionId: region(regionKey), ...extra } });
  }

  /** Everything of a person an intake elsewhere could have written: the row and its identifiers. */
  const snapshot = (personId: string) =>
    hub.db.ds.query(
      `SELECT to_jsonb(p) AS person,
              (SELECT jsonb_agg(to_jsonb(i) ORDER BY i.id) FROM person_identifiers i WHERE i.person_id = p.id) AS identifiers,
              (SELECT count(*)::int FROM cases c WHERE c.person_id = p.id) AS cases
         FROM persons p WHERE p.id = $1`,
      [personId],
    );

  const personOfCase = async (caseId: string) =>
    (await hub.db.ds.query<{ person_id: string }[]>(`SELECT person_id FROM cases WHERE id = $1`, [caseId]))[0]!
      .person_id;

  const identifierCases = () => {
    const jc = hub.creds.agencies.find((a) => a.key === 'jc')!.id;
    // Two unrelated persons per case, so that the two cases do not meet each other in the matcher.
    return [
      {
        identifier: { kind: 'azr', value: 'AZR-0815-4711' },
        theirs: { givenNames: 'Yusuf', familyName: 'Haddad', birthDate: '1985-04-17' },
        typed: { givenNames: 'Jusuf', familyName: 'Hadad' },
      },
      {
        identifier: { kind: 'agency-customer-number', agencyId: jc, value: '962D777001' },
        theirs: { givenNames: 'Lidia', familyName: 'Bondarenko', birthDate: '1979-09-02' },
        typed: { givenNames: 'Lydia', familyName: 'Bondarenco' },
      },
    ];
  };

  it.each([0, 1])(
    'opens the case for a new person with only the typed data, queues a review for both areas and leaves the other person untouched (%#)',
    async (i) => {
      const { identifier, theirs: other, typed: name } = identifierCases()[i]!;
      const steinfurt = await open(
        hub.token('cm-steinfurt-1'),
        'steinfurt',
        {
          name: { givenNames: other.givenNames, familyName: other.familyName },
          birthDate: other.birthDate,
          birthDatePrecision: 'EXACT',
          sex: 'male',
          residenceStatus: 'Duldung § 60a AufenthG',
          municipality: 'Steinfurt',
          identifiers: [identifier],
        },
        { needs: [{ domain: 'HEALTH', description: 'Diabetes Typ 2, Insulin' }] },
      );
      expect(steinfurt.errors).toBeUndefined();
      const theirs = await personOfCase(steinfurt.data.openCase.id);
      const before = await snapshot(theirs);

      const typed = {
        name,
        birthDate: '1986-01-01',
        birthDatePrecision: 'PLACEHOLDER',
        sex: 'male',
        residenceStatus: 'Aufenthaltserlaubnis § 25 Abs. 2 AufenthG',
        municipality: 'Rheine',
        identifiers: [identifier],
      };
      const r = await open(hub.token('cm-rheine-1'), 'rheine', typed);
      expect(r.errors).toBeUndefined();
      const answer = r.data.openCase;
      // The answer holds the caller's typed data and nothing of the other person.
      expect(answer.person).toMatchObject({
        givenNames: name.givenNames,
        familyName: name.familyName,
        aliases: [],
        birthDate: '1986-01-01',
        residenceStatus: 'Aufenthaltserlaubnis § 25 Abs. 2 AufenthG',
      });
      expect(answer.person.id).not.toBe(theirs);
      const leaked = new RegExp(`${other.givenNames}|${other.familyName}|${other.birthDate}|Duldung|Diabetes`);
      expect(JSON.stringify(answer)).not.toMatch(leaked);
      const mine = await personOfCase(answer.id);
      expect(mine).toBe(answer.person.id);
      expect(mine).not.toBe(theirs);

      // The other person's record is exactly as it was: no alias, no identifier, no case added.
      expect(await snapshot(theirs)).toEqual(before);
      const merges = await hub.db.ds.query(
        `SELECT 1 FROM person_merges WHERE survivor_id = ANY($1::uuid[]) OR merged_id = ANY($1::uuid[])`,
        [[mine, theirs]],
      );
      expect(merges).toEqual([]);

      // A review item for both areas, each seeing only its own side's values.
      const pair = [mine, theirs].sort();
      const [review] = await hub.db.ds.query(
        `SELECT id, source, status FROM link_reviews WHERE person_a_id = $1 AND person_b_id = $2`,
        pair,
      );
      expect(review).toMatchObject({ source: 'identifier', status: 'open' });
      const seen = async (key: string) =>
        ((await hub.gql(hub.token(key), REVIEWS)).data?.linkReviews ?? []).find(
          (x: { id: string }) => x.id === review.id,
        );
      const rheineView = await seen('cm-rheine-1');
      const steinfurtView = await seen('cm-steinfurt-1');
      expect(rheineView).toBeDefined();
      expect(steinfurtView).toBeDefined();
      const mineIsA = pair[0] === mine;
      expect(mineIsA ? rheineView.casesA : rheineView.casesB).toEqual([answer.reference]);
      expect(mineIsA ? rheineView.casesB : rheineView.casesA).toEqual([]);
      expect(mineIsA ? steinfurtView.casesB : steinfurtView.casesA).toEqual([steinfurt.data.openCase.reference]);
      expect(await seen('cm-lengerich-1')).toBeUndefined();

      // The Art. 15 report of the new case lists the new case only.
      const res = await fetch(`${hub.url}/reports/access/${answer.id}`, {
        headers: { authorization: `Bearer ${hub.token('cm-rheine-1')}` },
      });
      expect(res.status).toBe(200);
      const report = (await res.json()) as { cases: { reference: string }[]; person: { givenNames: string } };
      expect(report.cases.map((c) => c.reference)).toEqual([answer.reference]);
      expect(report.person.givenNames).toBe(name.givenNames);
      expect(JSON.stringify(report)).not.toMatch(leaked);
    },
  );

  it('still opens the case for the known person inside the caller own area (a coordinator supervising it)', async () => {
    const identifier = { kind: 'azr', value: 'AZR-4242-0001' };
    const first = await open(hub.token('cm-steinfurt-1'), 'steinfurt', {
      name: { givenNames: 'Rahel', familyName: 'Tesfay' },
      identifiers: [identifier],
    });
    expect(first.errors).toBeUndefined();
    // The Kreis coordinator supervises Steinfurt and Lengerich: the same person.
    const again = await open(
      hub.token('coordinator-kreis'),
      'lengerich',
      { name: { givenNames: 'Rahel', familyName: 'Tesfai' }, identifiers: [identifier] },
      { caseManagerId: staffId('cm-lengerich-1') },
    );
    expect(again.errors).toBeUndefined();
    expect(again.data.openCase.person.id).toBe(first.data.openCase.person.id);
    expect(again.data.openCase.person.aliases).toEqual([{ givenNames: 'Rahel', familyName: 'Tesfai' }]);
  });

  it('refuses to give a case to a case manager of another area, with the answer for an unknown one', async () => {
    const person = { name: { givenNames: 'Mariam', familyName: 'Yousef' } };
    for (const [token, regionKey, manager] of [
      ['coordinator-rheine', 'rheine', 'cm-steinfurt-1'],
      ['coordinator-kreis', 'lengerich', 'cm-steinfurt-1'],
      ['cm-rheine-1', 'rheine', 'cm-ibbenbueren-1'],
    ] as const) {
      const r = await open(hub.token(token), regionKey, person, { caseManagerId: staffId(manager) });
      expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const unknown = await open(hub.token(token), regionKey, person, {
        caseManagerId: '00000000-0000-4000-8000-000000000001',
      });
      expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(r.errors?.[0]?.message.replace(staffId(manager), 'X')).toBe(
        unknown.errors?.[0]?.message.replace('00000000-0000-4000-8000-000000000001', 'X'),
      );
    }
    const ok = await open(hub.token('coordinator-kreis'), 'lengerich', person, {
      caseManagerId: staffId('cm-lengerich-2'),
    });
    expect(ok.errors).toBeUndefined();
  });
});
