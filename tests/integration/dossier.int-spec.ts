import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { dossierSubmittedEventSchema } from '@kim/agency-client';
import { createWorkerApp } from '@kim/worker';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import { OPEN_CASE, RECORD_CONSENT, consentFor, newcomer } from '@kim/test-support/fixtures';

const DOSSIER_TYPE = 'de.kim-hub.achievement-dossier.submitted.v1';

/**
 * The dossier (issue 19, item 3) against a real hub, worker, PostgreSQL and Redis. The
 * Ausländerbehörde is an endpoint that verifies every request with the off-the-shelf
 * `standardwebhooks` library. Expected answers from the issue: nothing reaches the
 * Ausländerbehörde without a consent (or legal basis) naming it, for the purpose and the
 * category of the dossier; with one, exactly the chosen achievements arrive; a consent revoked
 * after the dossier was queued stops it at send time.
 */
describe("a dossier of achievements for the foreigners' authority", () => {
  let hub: TestHub;
  let worker: INestApplicationContext | undefined;
  let server: Server;
  const received: { type: string; data: any; verified: boolean }[] = [];
  let abh: TestHub['creds']['agencies'][number];
  const cm = () => hub.token('cm-rheine-1');
  const codeOf = (r: { errors?: any[] }) => r.errors?.[0]?.extensions?.code;

  const SEND = /* GraphQL */ `
    mutation S($input: SendDossierInput!) {
      sendDossier(input: $input) {
        id
        achievementIds
        deliveryState
      }
    }
  `;
  const RECORD = /* GraphQL */ `
    mutation R($c: ID!, $a: AchievementInput!, $e: AchievementEvidenceInput!) {
      recordAchievement(caseId: $c, achievement: $a, evidence: $e) {
        id
      }
    }
  `;
  const ev = { kind: 'CERTIFICATE', reference: 'Z-2026-17', seenOn: '2026-06-01' };
  const dossierConsent = (caseId: string, agencyId: string, over: Record<string, unknown> = {}) =>
    consentFor(caseId, agencyId, {
      purposes: ['CASE_COORDINATION'],
      categories: ['IDENTITY', 'EDUCATION_WORK'],
      ...over,
    });

  /** A case with three achievements: B1 certificate, LiD test, employment. */
  async function caseWithAchievements(): Promise<{ caseId: string; ids: string[] }> {
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const c = await hub.gql(cm(), OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
    const caseId = c.data.openCase.id as string;
    const ids: string[] = [];
    for (const a of [
      { kind: 'LANGUAGE_CERTIFICATE', achievedOn: '2026-05-20', cefrLevel: 'B1', test: 'DTZ', provider: 'VHS Rheine' },
      { kind: 'LIFE_IN_GERMANY_TEST', achievedOn: '2026-05-22', points: 24 },
      {
        kind: 'EMPLOYMENT',
        achievedOn: '2025-09-01',
        hoursPerWeek: 30,
        securesLivelihood: true,
        provider: 'Bäckerei Rheine',
      },
    ]) {
      const r = await hub.gql(cm(), RECORD, { c: caseId, a, e: ev });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      ids.push(r.data.recordAchievement.id);
    }
    return { caseId, ids };
  }

  beforeAll(async () => {
    hub = await startTestHub('dossier', { persons: 5 });
    abh = hub.creds.agencies.find((a) => a.key === 'abh')!;
    // The authority as its own developers would build it: verify with standardwebhooks, then read.
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        let verified = false;
        try {
          new Webhook(abh.webhookSecret).verify(body, req.headers as Record<string, string>);
          verified = true;
        } catch {
          verified = false;
        }
        const event = JSON.parse(body);
        received.push({ type: event.type, data: event.data, verified });
        res.writeHead(verified ? 204 : 401).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    // The demo's Ausländerbehörde takes files; here it takes webhooks (the same builder serves both).
    await hub.db.ds.query(`UPDATE agencies SET channel = 'webhook', webhook_url = $1 WHERE id = $2`, [
      `http://127.0.0.1:${port}/kim`,
      abh.id,
    ]);
  });
  afterAll(async () => {
    await worker?.close();
    await new Promise((r) => server?.close(r));
    await hub?.close();
  });

  it('is refused without a consent naming the authority, for case coordination, covering education and work', async () => {
    const { caseId, ids } = await caseWithAchievements();
    const jobcenter = hub.creds.agencies.find((a) => a.key === 'jc')!;
    const input = { caseId, agencyId: abh.id, achievementIds: ids };
    const outcomes: Record<string, string> = {};
    outcomes['no consent'] = codeOf(await hub.gql(cm(), SEND, { input }));
    await hub.gql(cm(), RECORD_CONSENT, { input: dossierConsent(caseId, jobcenter.id) });
    outcomes['consent naming the Jobcenter'] = codeOf(await hub.gql(cm(), SEND, { input }));
    await hub.gql(cm(), RECORD_CONSENT, {
      input: dossierConsent(caseId, abh.id, { categories: ['IDENTITY', 'RESIDENCE_STATUS'] }),
    });
    outcomes['consent without education and work'] = codeOf(await hub.gql(cm(), SEND, { input }));
    await hub.gql(cm(), RECORD_CONSENT, { input: dossierConsent(caseId, abh.id, { purposes: ['REFERRAL'] }) });
    outcomes['consent for another purpose'] = codeOf(await hub.gql(cm(), SEND, { input }));
    outcomes['to the Jobcenter'] = codeOf(await hub.gql(cm(), SEND, { input: { ...input, agencyId: jobcenter.id } }));
    outcomes['an achievement of another case'] = codeOf(
      await hub.gql(cm(), SEND, { input: { ...input, achievementIds: [(await caseWithAchievements()).ids[0]] } }),
    );
    outcomes['from another area'] = codeOf(await hub.gql(hub.token('cm-steinfurt-1'), SEND, { input }));
    expect(outcomes).toEqual({
      'no consent': 'CONSENT_REQUIRED',
      'consent naming the Jobcenter': 'CONSENT_REQUIRED',
      'consent without education and work': 'CONSENT_REQUIRED',
      'consent for another purpose': 'CONSENT_REQUIRED',
      'to the Jobcenter': 'INVALID_INPUT',
      'an achievement of another case': 'INVALID_INPUT',
      'from another area': 'NOT_FOUND',
    });
    const [{ n }] = await hub.db.ds.query(`SELECT count(*)::int AS n FROM outbox_messages WHERE event_type = $1`, [
      DOSSIER_TYPE,
    ]);
    expect(n).toBe(0);
    const refusals = await hub.db.ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'dossier.send' AND allowed = false AND agency_id = $1`,
      [abh.id],
    );
    expect(refusals).toEqual([{ n: 4 }]);
  });

  it('queued, then the consent revoked: checked again at send time, suppressed, nothing reaches the authority', async () => {
    const { caseId, ids } = await caseWithAchievements();
    const consent = await hub.gql(cm(), RECORD_CONSENT, { input: dossierConsent(caseId, abh.id) });
    const sent = await hub.gql(cm(), SEND, { input: { caseId, agencyId: abh.id, achievementIds: ids } });
    expect(sent.errors).toBeUndefined();
    const revoked = await hub.gql(cm(), `mutation($id: ID!) { revokeConsent(consentId: $id) { id } }`, {
      id: consent.data.recordConsent.id,
    });
    expect(revoked.errors).toBeUndefined();
    // Only now does a worker take the queued message.
    worker = await createWorkerApp(hub.config, false);
    await expectEventually(async () => {
      const [row] = await hub.db.ds.query(
        `SELECT o.delivery_state FROM outbox_messages o JOIN dossiers d ON d.outbox_id = o.id WHERE d.id = $1`,
        [sent.data.sendDossier.id],
      );
      expect(row.delivery_state).toBe('suppressed');
    });
    const timeline = await hub.db.ds.query(
      `SELECT kind FROM timeline_events WHERE case_id = $1 AND kind LIKE 'dossier.%'`,
      [caseId],
    );
    expect(timeline.map((t: { kind: string }) => t.kind).sort()).toEqual(['dossier.queued', 'dossier.suppressed']);
    expect(received.filter((r) => r.type === DOSSIER_TYPE)).toEqual([]);
  });

  it('with a consent naming it arrives, signed (verified with standardwebhooks), with exactly the chosen achievements', async () => {
    const { caseId, ids } = await caseWithAchievements();
    worker ??= await createWorkerApp(hub.config, false);
    await hub.gql(cm(), RECORD_CONSENT, { input: dossierConsent(caseId, abh.id) });
    const chosen = [ids[0]!, ids[1]!];
    const sent = await hub.gql(cm(), SEND, {
      input: { caseId, agencyId: abh.id, achievementIds: chosen, note: 'Antrag nach § 25b AufenthG' },
    });
    expect(sent.errors).toBeUndefined();
    await expectEventually(() => expect(received.filter((r) => r.type === DOSSIER_TYPE)).toHaveLength(1));
    const got = received.find((r) => r.type === DOSSIER_TYPE)!;
    expect(got.verified).toBe(true);
    const data = dossierSubmittedEventSchema.parse({
      specversion: '1.0',
      id: 'x',
      source: 'x',
      type: DOSSIER_TYPE,
      data: got.data,
    }).data;
    expect(data.achievements.map((a) => a.id).sort()).toEqual([...chosen].sort());
    expect(data.achievements.map((a) => [a.kind, a.cefrLevel ?? a.points, a.evidence.reference]).sort()).toEqual([
      ['language-certificate', 'B1', 'Z-2026-17'],
      ['life-in-germany-test', 24, 'Z-2026-17'],
    ]);
    expect(data.categories.sort()).toEqual(['education-work', 'identity']);
    expect(data.person.identity?.familyName).toBe('Al-Hassan');
    // Residence status and contact were not consented: not in the message.
    expect(data.person.residenceStatus).toBeUndefined();
    expect(data.person.contact).toBeUndefined();
    expect(JSON.stringify(got.data)).not.toContain('Bäckerei');
    expect(data.notice).toMatch(/entscheidet allein die Behörde/);
    await expectEventually(async () => {
      const list = await hub.gql(
        cm(),
        `query($id: ID!) { case: personPath(caseId: $id) { dossiers { id deliveryState } } }`,
        {
          id: caseId,
        },
      );
      expect(list.data.case.dossiers).toEqual([{ id: sent.data.sendDossier.id, deliveryState: 'ACKNOWLEDGED' }]);
    });
    const ledger = await hub.db.ds.query(
      `SELECT categories, allowed FROM audit_events WHERE action = 'dossier.send' AND subject_id = $1`,
      [sent.data.sendDossier.id],
    );
    expect(ledger).toEqual([{ categories: expect.arrayContaining(['identity', 'education-work']), allowed: true }]);
  });
  /**
   * Red-team probe: the dossier is the person's own choice (Baustein 3: "only with the person's
   * consent"; the mutation says so too). A legal basis two coordinators confirmed for the
   * authority, e.g. § 8 IntV for an exchange about the integration course, is no such choice:
   * it must not carry a dossier of the person's achievements.
   */
  it("is refused on a legal basis without the person's consent", async () => {
    const { caseId, ids } = await caseWithAchievements();
    const recorded = await hub.gql(
      hub.token('coordinator-rheine'),
      `mutation($input: RecordLegalBasisInput!) { recordLegalBasis(input: $input) { id } }`,
      {
        input: {
          recipientAgencyId: abh.id,
          caseId,
          purposes: ['CASE_COORDINATION'],
          categories: ['IDENTITY', 'EDUCATION_WORK'],
          citation: '§ 8 IntV',
          validFrom: '2026-01-01',
        },
      },
    );
    expect(recorded.errors).toBeUndefined();
    const confirmed = await hub.gql(
      hub.token('coordinator-rheine-2'),
      `mutation($input: ReviewLegalBasisInput!) { reviewLegalBasis(input: $input) { status } }`,
      { input: { legalBasisId: recorded.data.recordLegalBasis.id, decision: 'CONFIRM' } },
    );
    expect(confirmed.data?.reviewLegalBasis.status).toBe('CONFIRMED');
    const sent = await hub.gql(cm(), SEND, { input: { caseId, agencyId: abh.id, achievementIds: ids } });
    expect(codeOf(sent)).toBe('CONSENT_REQUIRED');
    const [{ n }] = await hub.db.ds.query(`SELECT count(*)::int AS n FROM dossiers WHERE case_id = $1`, [caseId]);
    expect(n).toBe(0);
  });
});
