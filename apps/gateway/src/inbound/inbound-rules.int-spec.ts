import { randomUUID } from 'node:crypto';
import { EventType } from '@kim/contracts';
import { buildCloudEvent, signWebhook } from '@kim/messaging';
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
 * What an authenticated agency may not do with its status messages (findings of the privacy
 * review): accept a draft, be refused without a trace, freeze a referral with a date far ahead,
 * or write its number into a person's record when the hub did not apply its message or no
 * consent covers it.
 */
describe('inbound status messages: the rules an agency meets', () => {
  let hub: TestHub;
  let sk: { id: string; webhookSecret: string };
  let jc: { id: string; webhookSecret: string };
  let cm: string;

  beforeAll(async () => {
    hub = await startTestHub('inboundrules');
    sk = hub.creds.agencies.find((a) => a.key === 'sk')!;
    jc = hub.creds.agencies.find((a) => a.key === 'jc')!;
    cm = hub.token('cm-rheine-1');
  });
  afterAll(() => hub.close());

  async function referral(send = true): Promise<{ caseId: string; referralId: string; consentId: string }> {
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const service = hub.creds.services.find((s) => s.code === 'SK-INTEGRATIONSKURS')!.id;
    const c = await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
    const caseId = c.data.openCase.id as string;
    const consent = await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, sk.id) });
    const d = await hub.gql(cm, CREATE_REFERRAL, {
      input: { caseId, serviceId: service, purpose: 'REFERRAL', categories: ['IDENTITY'] },
    });
    const referralId = d.data.createReferral.id as string;
    if (send) expect((await hub.gql(cm, SEND_REFERRAL, { id: referralId })).errors).toBeUndefined();
    return { caseId, referralId, consentId: consent.data.recordConsent.id };
  }

  async function deliver(
    from: { id: string; webhookSecret: string },
    referralId: string,
    status: string,
    occurredAt: Date,
    extra: Record<string, unknown> = {},
    envelope: Record<string, unknown> = {},
  ) {
    const event = {
      ...buildCloudEvent({
        type: EventType.REFERRAL_STATUS_CHANGED,
        source: `urn:kim-agency:${from.id}`,
        data: { referralId, status, occurredAt: occurredAt.toISOString(), ...extra },
      }),
      ...envelope,
    };
    const body = JSON.stringify(event);
    const res = await fetch(`${hub.url}/webhooks/${hub.creds.tenantId}/agencies/${from.id}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signWebhook(from.webhookSecret, event.id, body).headers },
      body,
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  const statusOf = async (id: string) =>
    (await hub.db.ds.query(`SELECT status FROM referrals WHERE id = $1`, [id]))[0].status as string;
  const stored = async (id: string) =>
    (await hub.db.ds.query(`SELECT count(*)::int AS n FROM inbound_messages WHERE referral_id = $1`, [id]))[0]
      .n as number;
  const refusals = (referralId: string) =>
    hub.db.ds.query(
      `SELECT action, allowed, reason, agency_id FROM audit_events WHERE subject_id = $1 AND action = 'inbound.status'`,
      [referralId],
    );
  const identifiersOf = (caseId: string) =>
    hub.db.ds.query(
      `SELECT i.issuer, i.value FROM person_identifiers i JOIN cases c ON c.person_id = i.person_id WHERE c.id = $1`,
      [caseId],
    );

  it('answers an accept of a draft like one of an unknown referral, stores nothing, and records the refusal', async () => {
    const { referralId } = await referral(false);
    const draft = await deliver(sk, referralId, 'accepted', new Date());
    const unknownId = randomUUID();
    const unknown = await deliver(sk, unknownId, 'accepted', new Date());
    expect(draft.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(draft.body.message.replace(referralId, 'X')).toBe(unknown.body.message.replace(unknownId, 'X'));
    expect(await stored(referralId)).toBe(0);
    expect(await refusals(referralId)).toEqual([
      { action: 'inbound.status', allowed: false, reason: 'referral not sent yet (draft)', agency_id: sk.id },
    ]);
    // Sent later, the early "accept" has left no trace that could apply.
    expect((await hub.gql(cm, SEND_REFERRAL, { id: referralId })).errors).toBeUndefined();
    expect(await statusOf(referralId)).toBe('requested');
  });

  it("records an agency's attempt on another agency's referral in the ledger", async () => {
    const { referralId } = await referral();
    const r = await deliver(jc, referralId, 'accepted', new Date());
    expect(r.status).toBe(404);
    expect(await refusals(referralId)).toEqual([
      { action: 'inbound.status', allowed: false, reason: 'referral belongs to another agency', agency_id: jc.id },
    ]);
    expect(await statusOf(referralId)).toBe('requested');
  });

  it('refuses a status dated far ahead of the hub clock or before the referral was sent, so nothing freezes', async () => {
    const { referralId } = await referral();
    const future = await deliver(sk, referralId, 'accepted', new Date('2099-01-01T00:00:00Z'));
    expect(future.status).toBe(400);
    expect(future.body.message).toMatch(/occurredAt .* ahead of the hub's clock/);
    const tenMinutesAhead = await deliver(sk, referralId, 'accepted', new Date(Date.now() + 10 * 60_000));
    expect(tenMinutesAhead.status).toBe(400);
    const beforeSent = await deliver(sk, referralId, 'accepted', new Date(Date.now() - 3600_000));
    expect(beforeSent.status).toBe(400);
    expect(beforeSent.body.message).toMatch(/before the referral was sent/);
    expect(await stored(referralId)).toBe(0);
    // A message dated now still applies: the referral is not frozen.
    const now = await deliver(sk, referralId, 'accepted', new Date());
    expect(now.body).toMatchObject({ outcome: 'applied', referralStatus: 'accepted' });
    const inProgress = await deliver(sk, referralId, 'in-progress', new Date(Date.now() + 1000));
    expect(inProgress.body).toMatchObject({ outcome: 'applied', referralStatus: 'in-progress' });
  });

  it("keeps the agency's number only from an applied message under a covering consent, and records it", async () => {
    const covered = await referral();
    const r = await deliver(sk, covered.referralId, 'accepted', new Date(), { agencyPersonIdentifier: 'SK-1001' });
    expect(r.body.outcome).toBe('applied');
    expect(await identifiersOf(covered.caseId)).toEqual([{ issuer: sk.id, value: 'SK-1001' }]);
    const [linked] = await hub.db.ds.query(
      `SELECT allowed, agency_id, basis, categories FROM audit_events WHERE action = 'person.identifier-linked'
          AND person_id = (SELECT person_id FROM cases WHERE id = $1)`,
      [covered.caseId],
    );
    expect(linked).toEqual({ allowed: true, agency_id: sk.id, basis: covered.consentId, categories: ['identity'] });

    // Rejected by the state machine (a rejection without a reason): kept as rejected, no number.
    const rejected = await referral();
    const no = await deliver(sk, rejected.referralId, 'rejected', new Date(), { agencyPersonIdentifier: 'SK-1002' });
    expect(no.body.outcome).toBe('rejected');
    expect(await identifiersOf(rejected.caseId)).toEqual([]);

    // After the person revoked the consent the referral is cancelled: the message is refused, no number.
    const revoked = await referral();
    const rv = await hub.gql(cm, `mutation($id: ID!) { revokeConsent(consentId: $id) { id } }`, {
      id: revoked.consentId,
    });
    expect(rv.errors).toBeUndefined();
    const late = await deliver(sk, revoked.referralId, 'accepted', new Date(), { agencyPersonIdentifier: 'SK-1003' });
    expect(late.body.outcome).toBe('rejected');
    expect(await identifiersOf(revoked.caseId)).toEqual([]);

    // Applied, but no consent covers identity any more (expired while the referral stayed open): no number, recorded.
    const expired = await referral();
    await hub.db.ds.query(`UPDATE consents SET valid_from = '2020-01-01', valid_until = '2021-01-01' WHERE id = $1`, [
      expired.consentId,
    ]);
    const ap = await deliver(sk, expired.referralId, 'accepted', new Date(), { agencyPersonIdentifier: 'SK-1004' });
    expect(ap.body.outcome).toBe('applied');
    expect(await identifiersOf(expired.caseId)).toEqual([]);
    const [refused] = await hub.db.ds.query(
      `SELECT allowed, reason FROM audit_events WHERE action = 'person.identifier-linked'
          AND person_id = (SELECT person_id FROM cases WHERE id = $1)`,
      [expired.caseId],
    );
    expect(refused).toEqual({ allowed: false, reason: expect.stringMatching(/EXPIRED/) });
  });

  it('refuses half a surrogate pair (JSON allows "\\ud800", PostgreSQL\'s jsonb does not) with 400 naming the field, stores nothing', async () => {
    const { referralId } = await referral();
    // JSON.stringify writes a lone surrogate as the escape \ud800: what an agency's JSON library may send.
    const inReason = await deliver(sk, referralId, 'rejected', new Date(), { reason: 'Kurs voll \ud800' });
    expect(inReason.status).toBe(400);
    expect(inReason.body.problems).toEqual([{ path: 'data.reason', message: expect.stringMatching(/surrogate/) }]);
    const inSubject = await deliver(sk, referralId, 'accepted', new Date(), {}, { subject: 'x\udc00y' });
    expect(inSubject.status).toBe(400);
    expect(inSubject.body.problems).toEqual([{ path: 'subject', message: expect.stringMatching(/surrogate/) }]);
    expect(await stored(referralId)).toBe(0);
    // A whole pair (an emoji) is text like any other.
    const paired = await deliver(sk, referralId, 'rejected', new Date(), { reason: 'Kurs voll \ud83d\ude00' });
    expect(paired.body).toMatchObject({ outcome: 'applied', referralStatus: 'rejected' });
  });
});
