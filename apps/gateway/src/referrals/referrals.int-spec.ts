import { OutboxMessageBuilder } from '@kim/core';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '@kim/test-support/fixtures';

describe('referrals over GraphQL', () => {
  let hub: TestHub;
  let cm: string;
  let rheine: string;
  let jobcenter: { id: string };
  let jcService: string;

  beforeAll(async () => {
    hub = await startTestHub('referrals');
    cm = hub.token('cm-rheine-1');
    rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    jobcenter = hub.creds.agencies.find((a) => a.key === 'jc')!;
    jcService = hub.creds.services.find((s) => s.code === 'JC-VERMITTLUNG')!.id;
  });
  afterAll(() => hub.close());

  async function openCase(): Promise<string> {
    const r = await hub.gql(cm, OPEN_CASE, {
      input: { person: newcomer(), regionId: rheine, needs: [{ domain: 'WORK', description: 'Arbeit' }] },
    });
    expect(r.errors).toBeUndefined();
    return r.data.openCase.id;
  }

  async function draft(caseId: string, categories = ['IDENTITY', 'CONTACT']): Promise<string> {
    const r = await hub.gql(cm, CREATE_REFERRAL, {
      input: { caseId, serviceId: jcService, purpose: 'REFERRAL', categories },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data.createReferral.status).toBe('DRAFT');
    return r.data.createReferral.id;
  }

  it('refuses callers without a credential', async () => {
    const r = await hub.gql(null, '{ agencies { id } }');
    expect(r.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('opens a case in intake with a reference', async () => {
    const r = await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
    expect(r.data.openCase).toMatchObject({ phase: 'INTAKE', reference: expect.stringMatching(/^KIM-\d{4}-\d{5}$/) });
  });

  it('says what is wrong with invalid input and writes nothing', async () => {
    const before = await hub.db.ds.query('SELECT count(*)::int AS n FROM persons');
    const r = await hub.gql(cm, OPEN_CASE, {
      input: { person: newcomer({ birthDate: '1994-13-45', nationality: 'Syria' }), regionId: rheine },
    });
    expect(r.errors?.[0].extensions.code).toBe('INVALID_INPUT');
    const paths = r.errors![0].extensions.problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['person.birthDate', 'person.nationality']));
    expect(await hub.db.ds.query('SELECT count(*)::int AS n FROM persons')).toEqual(before);
  });

  it('refuses to send without consent, records the refusal, and queues nothing', async () => {
    const caseId = await openCase();
    const referralId = await draft(caseId);
    const r = await hub.gql(cm, SEND_REFERRAL, { id: referralId });
    expect(r.errors?.[0].extensions.code).toBe('CONSENT_REQUIRED');
    expect(r.errors?.[0].message).toMatch(/Jobcenter/);
    const outbox = await hub.db.ds.query('SELECT count(*)::int AS n FROM outbox_messages WHERE referral_id = $1', [
      referralId,
    ]);
    expect(outbox[0].n).toBe(0);
    const audit = await hub.db.ds.query(`SELECT allowed, action FROM audit_events WHERE subject_id = $1`, [referralId]);
    expect(audit).toEqual([{ allowed: false, action: 'referral.send' }]);
    const status = await hub.db.ds.query('SELECT status FROM referrals WHERE id = $1', [referralId]);
    expect(status[0].status).toBe('draft');
  });

  it('refuses to send when consent covers fewer categories than the referral carries', async () => {
    const caseId = await openCase();
    await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, jobcenter.id, { categories: ['IDENTITY'] }) });
    const referralId = await draft(caseId, ['IDENTITY', 'HEALTH']);
    const r = await hub.gql(cm, SEND_REFERRAL, { id: referralId });
    expect(r.errors?.[0].extensions.code).toBe('CONSENT_REQUIRED');
    expect(r.errors?.[0].message).toMatch(/health/);
  });

  it('sends with consent: the status change and its outbox message commit together', async () => {
    const caseId = await openCase();
    const c = await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, jobcenter.id) });
    expect(c.errors).toBeUndefined();
    const referralId = await draft(caseId);
    const r = await hub.gql(cm, SEND_REFERRAL, { id: referralId });
    expect(r.errors).toBeUndefined();
    expect(r.data.sendReferral).toMatchObject({
      status: 'REQUESTED',
      respondBy: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    const rows = await hub.db.ds.query(
      'SELECT event_type, delivery_state FROM outbox_messages WHERE referral_id = $1',
      [referralId],
    );
    expect(rows).toEqual([{ event_type: 'de.kim-hub.referral.requested.v1', delivery_state: 'queued' }]);
    // Sending twice is refused by the state machine, with the way on named.
    const again = await hub.gql(cm, SEND_REFERRAL, { id: referralId });
    expect(again.errors?.[0].extensions.code).toBe('INVALID_TRANSITION');
  });

  it('cancels by one rule set: a request not yet out is suppressed and the agency never hears of it; one it received is followed by a cancellation', async () => {
    const CANCEL = `mutation($id: ID!, $reason: String!) { cancelReferral(referralId: $id, reason: $reason) { status } }`;
    const messages = (referralId: string) =>
      hub.db.ds.query(
        'SELECT event_type, delivery_state FROM outbox_messages WHERE referral_id = $1 ORDER BY created_at',
        [referralId],
      );
    const cancelEntry = async (referralId: string) =>
      (
        await hub.db.ds.query(
          `SELECT data FROM timeline_events WHERE referral_id = $1 AND kind = 'referral.status-changed' AND data->>'to' = 'cancelled'`,
          [referralId],
        )
      ).map((r: { data: Record<string, unknown> }) => r.data);
    const caseId = await openCase();
    expect((await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, jobcenter.id) })).errors).toBeUndefined();

    // Sent, but the request still waits in the outbox (no worker here): it must never go out.
    const waiting = await draft(caseId);
    expect((await hub.gql(cm, SEND_REFERRAL, { id: waiting })).errors).toBeUndefined();
    const first = await hub.gql(cm, CANCEL, { id: waiting, reason: 'Person verzogen' });
    expect(first.data?.cancelReferral).toEqual({ status: 'CANCELLED' });
    expect(await messages(waiting)).toEqual([
      { event_type: 'de.kim-hub.referral.requested.v1', delivery_state: 'suppressed' },
    ]);
    expect(await cancelEntry(waiting)).toEqual([
      expect.objectContaining({ from: 'requested', reason: 'Person verzogen', suppressedMessages: 1, notified: false }),
    ]);

    // Sent and built for delivery (its disclosure is in the ledger, as the worker does before posting).
    const received = await draft(caseId);
    expect((await hub.gql(cm, SEND_REFERRAL, { id: received })).errors).toBeUndefined();
    const [request] = await hub.db.ds.query('SELECT id FROM outbox_messages WHERE referral_id = $1', [received]);
    const built = await new OutboxMessageBuilder(hub.db.ds, 'urn:test').prepare(hub.creds.tenantId, request.id);
    expect(built.kind).toBe('send');
    await hub.db.ds.query(`UPDATE outbox_messages SET delivery_state = 'acknowledged' WHERE id = $1`, [request.id]);
    expect((await hub.gql(cm, CANCEL, { id: received, reason: 'Person verzogen' })).errors).toBeUndefined();
    expect(await messages(received)).toEqual([
      { event_type: 'de.kim-hub.referral.requested.v1', delivery_state: 'acknowledged' },
      { event_type: 'de.kim-hub.referral.cancelled.v1', delivery_state: 'queued' },
    ]);
    expect(await cancelEntry(received)).toEqual([
      expect.objectContaining({ from: 'requested', suppressedMessages: 0, notified: true }),
    ]);

    // A draft never left the hub: cancelled without a message.
    const unsent = await draft(caseId);
    expect((await hub.gql(cm, CANCEL, { id: unsent, reason: 'doppelt angelegt' })).errors).toBeUndefined();
    expect(await messages(unsent)).toEqual([]);
  });

  it('recalls a sent referral the agency has not decided on, through the one cancellation; refuses any other', async () => {
    const RECALL = `mutation($id: ID!, $reason: String!) { recallReferral(referralId: $id, reason: $reason) { status statusReason } }`;
    const messages = async (referralId: string) =>
      (
        await hub.db.ds.query(
          'SELECT event_type, delivery_state FROM outbox_messages WHERE referral_id = $1 ORDER BY created_at',
          [referralId],
        )
      ).map(
        (m: { event_type: string; delivery_state: string }) => `${m.event_type.split('.').at(-2)}:${m.delivery_state}`,
      );
    const timeline = async (referralId: string) =>
      hub.db.ds.query(
        `SELECT summary_code AS code, summary_params AS params, data->>'notified' AS notified
           FROM timeline_events WHERE referral_id = $1 AND data->>'to' = 'cancelled'`,
        [referralId],
      );
    const caseId = await openCase();
    expect((await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, jobcenter.id) })).errors).toBeUndefined();
    const sent = async () => {
      const id = await draft(caseId);
      expect((await hub.gql(cm, SEND_REFERRAL, { id })).errors).toBeUndefined();
      return id;
    };

    // The oracle, from the workflow's table (requested → cancelled: "the hub withdraws a referral
    // the agency has not decided on") and the cancellation's rules: what a recall does, by where
    // the referral stands.
    const refused = { error: 'INVALID_TRANSITION', reason: 'NOT_RECALLABLE' };
    const recalled = { status: 'CANCELLED', statusReason: 'Person ist verzogen' };
    // The timeline says it was recalled, naming the agency (put into words when it is read).
    const entry = (notified: string) => ({
      code: 'referral.recalled',
      params: { agency: 'Jobcenter Kreis Steinfurt', reason: 'Person ist verzogen' },
      notified,
    });
    const expected = {
      draft: { answer: refused, status: 'draft', messages: [], timeline: [] },
      'sent, still in the outbox': {
        answer: recalled,
        status: 'cancelled',
        messages: ['requested:suppressed'],
        timeline: [entry('false')],
      },
      'sent and received': {
        answer: recalled,
        status: 'cancelled',
        messages: ['requested:acknowledged', 'cancelled:queued'],
        timeline: [entry('true')],
      },
      'accepted by the agency': {
        answer: refused,
        status: 'accepted',
        messages: ['requested:acknowledged'],
        timeline: [],
      },
    };

    const draftOnly = await draft(caseId);
    const waiting = await sent();
    const received = await sent();
    const [request] = await hub.db.ds.query('SELECT id FROM outbox_messages WHERE referral_id = $1', [received]);
    // Built for delivery (its disclosure is in the ledger, as the worker does before posting), delivered.
    expect((await new OutboxMessageBuilder(hub.db.ds, 'urn:test').prepare(hub.creds.tenantId, request.id)).kind).toBe(
      'send',
    );
    await hub.db.ds.query(`UPDATE outbox_messages SET delivery_state = 'acknowledged' WHERE id = $1`, [request.id]);
    const accepted = await sent();
    // Setup only: the agency's acceptance (its status message is another suite's subject).
    await hub.db.ds.query(`UPDATE outbox_messages SET delivery_state = 'acknowledged' WHERE referral_id = $1`, [
      accepted,
    ]);
    await hub.db.ds.query(`UPDATE referrals SET status = 'accepted' WHERE id = $1`, [accepted]);

    const ids = {
      draft: draftOnly,
      'sent, still in the outbox': waiting,
      'sent and received': received,
      'accepted by the agency': accepted,
    };
    const seen: Record<string, unknown> = {};
    for (const [label, id] of Object.entries(ids)) {
      const r = await hub.gql(cm, RECALL, { id, reason: 'Person ist verzogen' });
      const [row] = await hub.db.ds.query('SELECT status FROM referrals WHERE id = $1', [id]);
      seen[label] = {
        answer: r.errors
          ? { error: r.errors[0].extensions.code, reason: r.errors[0].extensions.reason }
          : r.data.recallReferral,
        status: row.status,
        messages: await messages(id),
        timeline: await timeline(id),
      };
    }
    expect(seen).toEqual(expected);
  });

  it('keeps a case manager out of another regional area', async () => {
    const caseId = await openCase();
    const other = hub.token('cm-lengerich-1');
    const r = await hub.gql(other, `query($id: ID!) { case(id: $id) { id } }`, { id: caseId });
    // "No" looks the same whether the case exists or not (docs/privacy.md).
    expect(r.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const unknown = '00000000-0000-4000-8000-000000000000';
    const none = await hub.gql(other, `query($id: ID!) { case(id: $id) { id } }`, { id: unknown });
    expect(r.errors?.[0].message.replace(caseId, 'X')).toBe(none.errors?.[0].message.replace(unknown, 'X'));
    const coordinatorRheine = await hub.gql(
      hub.token('coordinator-rheine'),
      `query($id: ID!) { case(id: $id) { reference } }`,
      { id: caseId },
    );
    expect(coordinatorRheine.errors).toBeUndefined();
    const coordinatorKreis = await hub.gql(
      hub.token('coordinator-kreis'),
      `query($id: ID!) { case(id: $id) { reference } }`,
      { id: caseId },
    );
    expect(coordinatorKreis.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('shows an agency only cases it holds a sent referral for, and only the consented categories', async () => {
    const caseId = await openCase();
    const agencyKey = hub.creds.agencies.find((a) => a.key === 'jc')!.apiKey;
    const VIEW = `query($id: ID!) { case(id: $id) { reference plan { goals { id } } person { givenNames municipality residenceStatus visibleCategories hiddenCategories } referrals { status } } }`;
    const before = await hub.gql(agencyKey, VIEW, { id: caseId });
    expect(before.errors?.[0].extensions.code).toBe('NOT_FOUND');

    await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, jobcenter.id, { categories: ['IDENTITY'] }) });
    const referralId = await draft(caseId, ['IDENTITY']);
    expect((await hub.gql(cm, SEND_REFERRAL, { id: referralId })).errors).toBeUndefined();
    const after = await hub.gql(agencyKey, VIEW, { id: caseId });
    // Hidden fields come back null, each with an error that says why.
    expect(after.errors?.map((e: any) => [e.path.join('.'), e.extensions.code, e.extensions.category]).sort()).toEqual([
      ['case.person.municipality', 'CONSENT_REQUIRED', 'contact'],
      ['case.person.residenceStatus', 'CONSENT_REQUIRED', 'residence-status'],
    ]);
    expect(after.data.case.person).toMatchObject({
      givenNames: 'Amina',
      municipality: null,
      residenceStatus: null,
      visibleCategories: ['IDENTITY'],
    });
    expect(after.data.case.person.hiddenCategories).toEqual(
      expect.arrayContaining(['CONTACT', 'RESIDENCE_STATUS', 'HEALTH']),
    );
    expect(after.data.case.plan).toBeNull();
    expect(after.data.case.referrals).toEqual([{ status: 'REQUESTED' }]);
    // The read is in the ledger: who, which categories, on which consent.
    const reads = await hub.db.ds.query(
      `SELECT categories, basis, allowed FROM audit_events WHERE action = 'person.read' AND agency_id = $1`,
      [jobcenter.id],
    );
    expect(reads).toEqual([
      { categories: ['identity'], basis: expect.stringMatching(/^[0-9a-f-]{36}$/), allowed: true },
    ]);

    // Another agency of the same Kreis sees nothing of it.
    const other = hub.creds.agencies.find((a) => a.key === 'abh')!.apiKey;
    expect((await hub.gql(other, VIEW, { id: caseId })).errors?.[0].extensions.code).toBe('NOT_FOUND');
  });
});
