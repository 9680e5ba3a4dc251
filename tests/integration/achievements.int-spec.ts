import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HubRequestError, sendStatus } from '@kim/agency-client';
import { HandoffRunner, LocalHandoffStore } from '@kim/core';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '@kim/test-support/fixtures';

/**
 * Achievements (issue 19, item 1) against a real PostgreSQL. Expected answers are written from
 * the issue: a case manager records an achievement with the evidence seen; every field is
 * validated (CEFR level, points out of 33, hours, dates, the fields each kind has); corrections
 * are audited and never overwrite; a course provider's `completed` status with a certificate
 * becomes an achievement, by webhook and by the nightly file; staff of another area and
 * agencies see none.
 */
describe('achievements', () => {
  let hub: TestHub;
  let caseId: string;
  let personId: string;
  const region = (key: string) => hub.creds.regions.find((r) => r.key === key)!.id;
  const codeOf = (r: { errors?: any[] }) => r.errors?.[0]?.extensions?.code;
  const cm = () => hub.token('cm-rheine-1');

  const RECORD = /* GraphQL */ `
    mutation R($caseId: ID!, $a: AchievementInput!, $e: AchievementEvidenceInput!) {
      recordAchievement(caseId: $caseId, achievement: $a, evidence: $e) {
        id
        kind
        achievedOn
        cefrLevel
        test
        provider
        source
        evidence {
          kind
          reference
          seenOn
        }
      }
    }
  `;
  const CORRECT = /* GraphQL */ `
    mutation C($id: ID!, $a: AchievementInput!, $e: AchievementEvidenceInput!, $reason: String!) {
      correctAchievement(achievementId: $id, achievement: $a, evidence: $e, reason: $reason) {
        id
        kind
        cefrLevel
        correctsId
        correctionReason
      }
    }
  `;
  const LIST = /* GraphQL */ `
    query L($id: ID!) {
      case: personPath(caseId: $id) {
        achievements {
          id
          kind
          cefrLevel
          points
          hoursPerWeek
          securesLivelihood
          source
          agencyId
          referralId
          correctsId
          supersededById
          evidence {
            kind
            reference
          }
        }
      }
    }
  `;
  const evidence = { kind: 'CERTIFICATE', reference: 'Zertifikat Nr. 2026-4711', seenOn: '2026-05-02' };
  const b1 = {
    kind: 'LANGUAGE_CERTIFICATE',
    achievedOn: '2026-04-30',
    cefrLevel: 'B1',
    test: 'Deutsch-Test für Zuwanderer (DTZ)',
    provider: 'VHS Rheine',
  };
  const count = async () =>
    (await hub.db.ds.query(`SELECT count(*)::int AS n FROM achievements WHERE case_id = $1`, [caseId]))[0].n as number;

  beforeAll(async () => {
    hub = await startTestHub('achievements', { persons: 5 });
    const r = await hub.gql(cm(), OPEN_CASE, { input: { person: newcomer(), regionId: region('rheine') } });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    caseId = r.data.openCase.id;
    [{ person_id: personId }] = await hub.db.ds.query(`SELECT person_id FROM cases WHERE id = $1`, [caseId]);
  });
  afterAll(() => hub.close());

  it('records a language certificate with its evidence, in the ledger and on the timeline', async () => {
    const r = await hub.gql(cm(), RECORD, { caseId, a: b1, e: evidence });
    expect(r.errors).toBeUndefined();
    expect(r.data.recordAchievement).toMatchObject({
      kind: 'LANGUAGE_CERTIFICATE',
      achievedOn: '2026-04-30',
      cefrLevel: 'B1',
      test: 'Deutsch-Test für Zuwanderer (DTZ)',
      provider: 'VHS Rheine',
      source: 'CASE_MANAGER',
      evidence: { kind: 'CERTIFICATE', reference: 'Zertifikat Nr. 2026-4711', seenOn: '2026-05-02' },
    });
    const ledger = await hub.db.ds.query(
      `SELECT subject_id, person_id, actor_kind FROM audit_events WHERE action = 'achievement.recorded'`,
    );
    expect(ledger).toEqual([{ subject_id: r.data.recordAchievement.id, person_id: personId, actor_kind: 'staff' }]);
    const timeline = await hub.db.ds.query(
      `SELECT summary FROM timeline_events WHERE case_id = $1 AND kind = 'achievement.recorded'`,
      [caseId],
    );
    expect(timeline).toEqual([
      { summary: 'Achievement recorded: language certificate B1 (Deutsch-Test für Zuwanderer (DTZ))' },
    ]);
    // The evidence reference stays off the timeline (read by more people).
    expect(JSON.stringify(timeline)).not.toContain('4711');
  });

  it('refuses bad input field by field with INVALID_INPUT and writes nothing', async () => {
    const before = await count();
    const cases: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
      ['no test for a certificate', { ...b1, test: undefined }, evidence, 'achievement.test'],
      [
        'points above 33',
        { kind: 'LIFE_IN_GERMANY_TEST', achievedOn: '2026-01-10', points: 34 },
        evidence,
        'achievement.points',
      ],
      [
        'negative points',
        { kind: 'LIFE_IN_GERMANY_TEST', achievedOn: '2026-01-10', points: -1 },
        evidence,
        'achievement.points',
      ],
      [
        'hours above 60',
        { kind: 'EMPLOYMENT', achievedOn: '2026-01-10', hoursPerWeek: 61, securesLivelihood: true },
        evidence,
        'achievement.hoursPerWeek',
      ],
      [
        'a field the kind does not have',
        { kind: 'INTEGRATION_COURSE', achievedOn: '2026-01-10', provider: 'VHS', cefrLevel: 'B1' },
        evidence,
        'achievement',
      ],
      ['not a date', { ...b1, achievedOn: '30.04.2026' }, evidence, 'achievement.achievedOn'],
      ['before 1950', { ...b1, achievedOn: '0202-04-30' }, evidence, 'achievement.achievedOn'],
      ['in the future', { ...b1, achievedOn: '2099-01-01' }, evidence, 'achievement.achievedOn'],
      [
        'ended before it began',
        { kind: 'VOLUNTARY_WORK', achievedOn: '2026-01-10', endedOn: '2025-01-10', provider: 'WelCome In!' },
        evidence,
        'achievement.endedOn',
      ],
      ['evidence reference too long', b1, { ...evidence, reference: 'x'.repeat(201) }, 'evidence.reference'],
      ['blank provider', { ...b1, provider: '   ' }, evidence, 'achievement.provider'],
    ];
    const seen: Record<string, string> = {};
    for (const [name, a, e, path] of cases) {
      const r = await hub.gql(cm(), RECORD, { caseId, a, e });
      const problems: { path: string }[] = r.errors?.[0]?.extensions?.problems ?? [];
      seen[name] =
        `${codeOf(r)} ${problems.some((p) => p.path === path || p.path.startsWith(`${path}.`) || path === 'achievement') ? path : JSON.stringify(problems)}`;
    }
    expect(seen).toEqual(Object.fromEntries(cases.map(([name, , , path]) => [name, `INVALID_INPUT ${path}`])));
    // A CEFR level outside A1–C2 is refused by the schema itself.
    const level = await hub.gql(cm(), RECORD, { caseId, a: { ...b1, cefrLevel: 'B3' }, e: evidence });
    expect(level.errors?.[0]?.message).toMatch(/CefrLevel/);
    expect(await count()).toBe(before);
  });

  it('corrects by a new row: the old one is kept, marked superseded, audited; correcting it again is refused', async () => {
    const first = await hub.gql(cm(), RECORD, { caseId, a: { ...b1, cefrLevel: 'A2' }, e: evidence });
    const oldId = first.data.recordAchievement.id;
    const r = await hub.gql(cm(), CORRECT, { id: oldId, a: b1, e: evidence, reason: 'Niveau falsch abgeschrieben' });
    expect(r.errors).toBeUndefined();
    expect(r.data.correctAchievement).toMatchObject({
      cefrLevel: 'B1',
      correctsId: oldId,
      correctionReason: 'Niveau falsch abgeschrieben',
    });
    const [old] = await hub.db.ds.query(
      `SELECT details->>'cefrLevel' AS level, superseded_by_id FROM achievements WHERE id = $1`,
      [oldId],
    );
    expect(old).toEqual({ level: 'A2', superseded_by_id: r.data.correctAchievement.id });
    const ledger = await hub.db.ds.query(
      `SELECT subject_id, reason FROM audit_events WHERE action = 'achievement.corrected'`,
    );
    expect(ledger).toEqual([
      { subject_id: oldId, reason: `${oldId} -> ${r.data.correctAchievement.id}: Niveau falsch abgeschrieben` },
    ]);
    const again = await hub.gql(cm(), CORRECT, { id: oldId, a: b1, e: evidence, reason: 'noch einmal' });
    expect(codeOf(again)).toBe('CONFLICT');
    // The table itself refuses an overwrite, even by a statement that bypasses the use-case.
    await expect(
      hub.db.ds.query(`UPDATE achievements SET details = '{"cefrLevel":"C2"}' WHERE id = $1`, [
        r.data.correctAchievement.id,
      ]),
    ).rejects.toThrow(/never changed in place/);
  });

  it('answers NOT_FOUND to a case manager of another area and shows agencies none', async () => {
    const other = await hub.gql(hub.token('cm-steinfurt-1'), RECORD, { caseId, a: b1, e: evidence });
    expect(codeOf(other)).toBe('NOT_FOUND');
    const [someId] = await hub.db.ds.query(
      `SELECT id FROM achievements WHERE case_id = $1 AND superseded_at IS NULL LIMIT 1`,
      [caseId],
    );
    const corr = await hub.gql(hub.token('cm-steinfurt-1'), CORRECT, {
      id: someId.id,
      a: b1,
      e: evidence,
      reason: 'x',
    });
    expect(codeOf(corr)).toBe('NOT_FOUND');
    const mine = await hub.gql(cm(), LIST, { id: caseId });
    expect(mine.data.case.achievements.length).toBeGreaterThan(0);
  });

  describe('from a course provider', () => {
    const COMPLETE = { status: 'completed' as const, servicesDelivered: ['Integrationskurs mit DTZ'] };
    const certificate = {
      kind: 'language-certificate' as const,
      cefrLevel: 'B1' as const,
      test: 'DTZ',
      issuedOn: '2026-03-01',
      reference: 'DTZ-99',
    };

    async function referralTo(agencyKey: string, serviceCode: string): Promise<{ caseId: string; referralId: string }> {
      const agency = hub.creds.agencies.find((a) => a.key === agencyKey)!;
      const c = await hub.gql(cm(), OPEN_CASE, { input: { person: newcomer(), regionId: region('rheine') } });
      const id = c.data.openCase.id as string;
      await hub.gql(cm(), RECORD_CONSENT, { input: consentFor(id, agency.id) });
      const service = hub.creds.services.find((s) => s.code === serviceCode)!.id;
      const d = await hub.gql(cm(), CREATE_REFERRAL, {
        input: { caseId: id, serviceId: service, purpose: 'REFERRAL', categories: ['IDENTITY'] },
      });
      const s = await hub.gql(cm(), SEND_REFERRAL, { id: d.data.createReferral.id });
      if (s.errors) throw new Error(JSON.stringify(s.errors));
      return { caseId: id, referralId: d.data.createReferral.id };
    }
    const sender = (key: string) => {
      const a = hub.creds.agencies.find((x) => x.key === key)!;
      return { hubUrl: hub.url, tenantId: hub.creds.tenantId, agencyId: a.id, secret: a.webhookSecret };
    };

    it('turns a completed status with a certificate into an achievement (webhook), once however often it arrives', async () => {
      const { caseId: c, referralId } = await referralTo('sk', 'SK-INTEGRATIONSKURS');
      await sendStatus(sender('sk'), { referralId, status: 'accepted' });
      await sendStatus(sender('sk'), { referralId, status: 'in-progress' });
      const event = { referralId, ...COMPLETE, certificate };
      const { buildStatusMessage } = await import('@kim/agency-client');
      const built = buildStatusMessage(sender('sk'), event);
      expect(await sendStatus(sender('sk'), built)).toEqual({ outcome: 'applied', referralStatus: 'completed' });
      expect(await sendStatus(sender('sk'), built)).toMatchObject({ outcome: 'duplicate' });
      const list = await hub.gql(cm(), LIST, { id: c });
      expect(list.data.case.achievements).toEqual([
        {
          id: expect.any(String),
          kind: 'LANGUAGE_CERTIFICATE',
          cefrLevel: 'B1',
          points: null,
          hoursPerWeek: null,
          securesLivelihood: null,
          source: 'AGENCY',
          agencyId: sender('sk').agencyId,
          referralId,
          correctsId: null,
          supersededById: null,
          evidence: { kind: 'MESSAGE', reference: `DTZ-99 (message ${built.id})` },
        },
      ]);
      // The course provider sees the case through its referral, but never the person's path.
      const skKey = hub.creds.agencies.find((a) => a.key === 'sk')!.apiKey;
      expect((await hub.gql(skKey, `query($id: ID!) { case(id: $id) { id } }`, { id: c })).errors).toBeUndefined();
      const asAgency = await hub.gql(skKey, LIST, { id: c });
      expect([asAgency.data, codeOf(asAgency)]).toEqual([null, 'FORBIDDEN']);
      const [details] = await hub.db.ds.query(`SELECT details FROM achievements WHERE case_id = $1`, [c]);
      expect(details.details).toEqual({ cefrLevel: 'B1', test: 'DTZ', provider: 'Sprachkursträger Rheine' });
    });

    it('refuses a certificate that is bad, not with completed, or from an agency that is no course provider', async () => {
      const { caseId: c, referralId } = await referralTo('sk', 'SK-INTEGRATIONSKURS');
      const refused = async (key: string, data: Record<string, unknown>) => {
        try {
          await sendStatus(sender(key), data as never);
          return 'accepted';
        } catch (e) {
          return e instanceof HubRequestError ? e.status : String(e);
        }
      };
      const { statusChangedEventSchema } = await import('@kim/agency-client');
      // The client validates before sending; build the bad bodies past it, as a careless agency would.
      const raw = (data: Record<string, unknown>) => ({
        specversion: '1.0',
        id: `bad-${Math.random()}`,
        source: 'urn:x',
        type: 'de.kim-hub.referral.status-changed.v1',
        data: { occurredAt: new Date().toISOString(), ...data },
      });
      expect(() => statusChangedEventSchema.parse(raw({ referralId, status: 'accepted', certificate }))).toThrow(
        /completed/,
      );
      const { signStatusMessage, statusUrl } = await import('@kim/agency-client');
      const post = async (key: string, data: Record<string, unknown>) => {
        const s = sender(key);
        const signed = signStatusMessage(s.secret, raw(data) as never);
        const res = await fetch(statusUrl(s), {
          method: 'POST',
          headers: { 'content-type': 'application/cloudevents+json', ...signed.headers },
          body: signed.body,
        });
        return res.status;
      };
      expect(await post('sk', { referralId, status: 'accepted', certificate })).toBe(400);
      expect(
        await post('sk', { referralId, status: 'accepted', certificate: { ...certificate, cefrLevel: 'B3' } }),
      ).toBe(400);
      await sendStatus(sender('sk'), { referralId, status: 'accepted' });
      await sendStatus(sender('sk'), { referralId, status: 'in-progress' });
      expect(await post('sk', { referralId, ...COMPLETE, certificate: { ...certificate, kind: 'employment' } })).toBe(
        400,
      );
      // The Jobcenter issues no certificates: its referral's completion with one is refused whole.
      const jc = await referralTo('jc', 'JC-VERMITTLUNG');
      await sendStatus(sender('jc'), { referralId: jc.referralId, status: 'accepted' });
      await sendStatus(sender('jc'), { referralId: jc.referralId, status: 'in-progress' });
      expect(await refused('jc', { referralId: jc.referralId, ...COMPLETE, certificate })).toBe(400);
      const [{ status }] = await hub.db.ds.query(`SELECT status FROM referrals WHERE id = $1`, [jc.referralId]);
      expect(status).toBe('in-progress');
      const n = await hub.db.ds.query(`SELECT count(*)::int AS n FROM achievements WHERE case_id = ANY($1::uuid[])`, [
        [c, jc.caseId],
      ]);
      expect(n).toEqual([{ n: 0 }]);
    });

    it('turns a certificate in the nightly status file into an achievement', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'kim-achievements-'));
      try {
        const { caseId: c, referralId } = await referralTo('sk', 'SK-INTEGRATIONSKURS');
        const sk = sender('sk');
        await hub.db.ds.query(`UPDATE agencies SET channel = 'file' WHERE id = $1`, [sk.agencyId]);
        const at = (m: number) => new Date(Date.now() + m * 1000).toISOString();
        const line = (n: number, data: Record<string, unknown>) =>
          JSON.stringify({
            specversion: '1.0',
            id: `file-${n}-${referralId}`,
            source: `urn:kim-agency:${sk.agencyId}`,
            type: 'de.kim-hub.referral.status-changed.v1',
            data: { referralId, ...data },
          });
        const inbox = path.join(dir, hub.creds.tenantId, sk.agencyId, 'inbox');
        await mkdir(inbox, { recursive: true });
        await writeFile(
          path.join(inbox, 'status.jsonl'),
          [
            line(1, { status: 'accepted', occurredAt: at(1) }),
            line(2, { status: 'in-progress', occurredAt: at(2) }),
            line(3, {
              ...COMPLETE,
              occurredAt: at(3),
              certificate: { kind: 'life-in-germany-test', points: 21, issuedOn: '2026-02-14' },
            }),
          ].join('\n') + '\n',
        );
        const runner = new HandoffRunner(hub.db.ds, new LocalHandoffStore(dir), { source: 'urn:kim-hub' });
        const [run] = await runner.run(hub.creds.tenantId, sk.agencyId, { export: false });
        expect(run).toMatchObject({ state: 'finished', imported: 3, rejected: 0 });
        const list = await hub.gql(cm(), LIST, { id: c });
        expect(list.data.case.achievements.map((a: any) => [a.kind, a.points, a.source])).toEqual([
          ['LIFE_IN_GERMANY_TEST', 21, 'AGENCY'],
        ]);
      } finally {
        await hub.db.ds.query(`UPDATE agencies SET channel = 'webhook' WHERE id = $1`, [sender('sk').agencyId]);
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});

describe('residence routes on the case', () => {
  let hub: TestHub;
  afterAll(() => hub?.close());

  it('lists, per route, the facts held and missing with the disclaimer; corrected achievements no longer count', async () => {
    hub = await startTestHub('routes', { persons: 3 });
    const cm = hub.token('cm-rheine-1');
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const c = await hub.gql(cm, OPEN_CASE, {
      input: { person: newcomer({ arrivalDate: '2019-05-01' }), regionId: rheine },
    });
    const caseId = c.data.openCase.id as string;
    const ev = { kind: 'CERTIFICATE', reference: 'Z-1', seenOn: '2026-01-05' };
    const RECORD = `mutation($c: ID!, $a: AchievementInput!, $e: AchievementEvidenceInput!) { recordAchievement(caseId: $c, achievement: $a, evidence: $e) { id } }`;
    const a2 = await hub.gql(cm, RECORD, {
      c: caseId,
      a: {
        kind: 'LANGUAGE_CERTIFICATE',
        achievedOn: '2025-12-01',
        cefrLevel: 'A2',
        test: 'DTZ',
        provider: 'VHS Rheine',
      },
      e: ev,
    });
    const ROUTES = `query($id: ID!) { case: personPath(caseId: $id) { residenceRoutes { key law validFrom disclaimer { de en } facts { key source status evidence label { de } } } } }`;
    const fact = (routes: any[], route: string, key: string) =>
      routes.find((r) => r.key === route).facts.find((f: any) => f.key === key);
    const before = (await hub.gql(cm, ROUTES, { id: caseId })).data.case.residenceRoutes;
    expect(before.map((r: any) => r.law)).toEqual(['§ 25a AufenthG', '§ 25b AufenthG', '§ 60d AufenthG', '§ 10 StAG']);
    // § 25b asks for A2 (held), § 10 StAG for B1 (missing); seven years since 01.05.2019.
    expect([
      fact(before, 'aufenthg-25b', 'language').status,
      fact(before, 'aufenthg-25b', 'language').evidence,
    ]).toEqual(['HELD', [a2.data.recordAchievement.id]]);
    expect(fact(before, 'stag-10', 'language').status).toBe('MISSING');
    expect(fact(before, 'stag-10', 'residence').status).toBe('HELD');
    expect(fact(before, 'stag-10', 'identity').status).toBe('AUTHORITY');
    expect(before[0].disclaimer.de).toContain('entscheidet allein die zuständige Behörde');
    // Corrected to B1: the new row counts, the old one no longer.
    const fixed = await hub.gql(
      cm,
      `mutation($id: ID!, $a: AchievementInput!, $e: AchievementEvidenceInput!) { correctAchievement(achievementId: $id, achievement: $a, evidence: $e, reason: "B1, nicht A2") { id } }`,
      {
        id: a2.data.recordAchievement.id,
        a: {
          kind: 'LANGUAGE_CERTIFICATE',
          achievedOn: '2025-12-01',
          cefrLevel: 'B1',
          test: 'DTZ',
          provider: 'VHS Rheine',
        },
        e: ev,
      },
    );
    const after = (await hub.gql(cm, ROUTES, { id: caseId })).data.case.residenceRoutes;
    expect([fact(after, 'stag-10', 'language').status, fact(after, 'stag-10', 'language').evidence]).toEqual([
      'HELD',
      [fixed.data.correctAchievement.id],
    ]);
    expect(fact(after, 'aufenthg-25b', 'language').evidence).toEqual([fixed.data.correctAchievement.id]);
  });
});
