import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import {
  UnknownEventTypeError,
  WebhookPayloadError,
  WebhookVerificationError,
  handleWebhook,
  verifyWebhook,
  type HubEvent,
} from './index.js';

const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;
const secret = newSecret();

function referralRequested(id = randomUUID()) {
  return {
    specversion: '1.0',
    id,
    source: 'urn:kim-hub',
    type: 'de.kim-hub.referral.requested.v1',
    time: '2026-03-02T09:00:00.000Z',
    datacontenttype: 'application/json',
    subject: 'referral/x',
    data: {
      referralId: randomUUID(),
      caseReference: 'ST-2026-0001',
      service: { id: randomUUID(), code: 'JC-VERMITTLUNG', name: 'Arbeitsvermittlung' },
      purpose: 'referral',
      categories: ['identity'],
      person: {
        identity: {
          givenNames: 'Amina',
          familyName: 'Al-Hassan',
          birthDate: null,
          birthDatePrecision: 'placeholder',
          nationality: 'SYR',
          agencyIdentifier: null,
        },
      },
      note: null,
      requestedAt: '2026-03-02T09:00:00.000Z',
      respondBy: '2026-03-09',
    },
  };
}

/** Signed as the hub signs: one signature per secret, space-separated. */
function signed(event: { id: string; [key: string]: unknown }, secrets: string[], at = new Date()) {
  const body = JSON.stringify(event);
  const signature = secrets.map((s) => new Webhook(s).sign(event.id, at, body)).join(' ');
  return {
    body,
    headers: {
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    },
  };
}

describe('verifyWebhook', () => {
  it('returns the typed event of an authentic webhook', () => {
    const event = referralRequested();
    const req = signed(event, [secret]);
    const verified: HubEvent = verifyWebhook(req.body, req.headers, { secret });
    expect(verified.type).toBe('de.kim-hub.referral.requested.v1');
    if (verified.type !== 'de.kim-hub.referral.requested.v1') throw new Error('narrowing');
    expect(verified.data.person.identity?.familyName).toBe('Al-Hassan');
  });

  it('accepts a message carrying several signatures when one matches (secret rotation)', () => {
    const next = newSecret();
    const req = signed(referralRequested(), [secret, next]);
    expect(() => verifyWebhook(req.body, req.headers, { secret })).not.toThrow();
    expect(() => verifyWebhook(req.body, req.headers, { secret: next })).not.toThrow();
    expect(() => verifyWebhook(req.body, req.headers, { secret: newSecret() })).toThrow(WebhookVerificationError);
    // The agency's side of a switch-over: either of its own two secrets will do.
    const onlyNew = signed(referralRequested(), [next]);
    expect(() => verifyWebhook(onlyNew.body, onlyNew.headers, { secret: [next, secret] })).not.toThrow();
  });

  it('refuses a changed byte, a re-serialised body, a missing header and a foreign signature version', () => {
    const req = signed(referralRequested(), [secret]);
    const check = (body: string, headers: Record<string, string>) => () => verifyWebhook(body, headers, { secret });
    expect(check(req.body.replace('Amina', 'Amira'), req.headers)).toThrow('no signature matches');
    expect(check(JSON.stringify(JSON.parse(req.body), null, 2), req.headers)).toThrow(WebhookVerificationError);
    const { 'webhook-signature': _gone, ...rest } = req.headers;
    expect(check(req.body, rest)).toThrow('missing');
    const v2 = { ...req.headers, 'webhook-signature': req.headers['webhook-signature'].replace('v1,', 'v2,') };
    expect(check(req.body, v2)).toThrow(WebhookVerificationError);
  });

  it('holds the timestamp to the tolerance, in both directions', () => {
    const at = new Date('2026-03-02T09:00:00Z');
    const req = signed(referralRequested(), [secret], at);
    const later = (s: number) => () => new Date(at.getTime() + s * 1000);
    expect(() => verifyWebhook(req.body, req.headers, { secret, now: later(299) })).not.toThrow();
    expect(() => verifyWebhook(req.body, req.headers, { secret, now: later(301) })).toThrow('tolerance 300 s');
    expect(() => verifyWebhook(req.body, req.headers, { secret, now: later(-301) })).toThrow('tolerance');
    expect(() =>
      verifyWebhook(req.body, req.headers, { secret, now: later(500), toleranceSeconds: 600 }),
    ).not.toThrow();
    expect(() => verifyWebhook(req.body, req.headers, { secret, now: later(61), toleranceSeconds: 60 })).toThrow(
      'tolerance 60 s',
    );
  });

  it('reads Headers objects and header names in any case', () => {
    const req = signed(referralRequested(), [secret]);
    expect(() => verifyWebhook(req.body, new Headers(req.headers), { secret })).not.toThrow();
    const upper = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toUpperCase(), v]));
    expect(() => verifyWebhook(req.body, upper, { secret })).not.toThrow();
  });

  it('tells authentic but malformed payloads, and newer event types, apart', () => {
    const bad = referralRequested() as { data: Record<string, unknown>; id: string };
    bad.data.referralId = 'not-a-uuid';
    const badReq = signed(bad, [secret]);
    expect(() => verifyWebhook(badReq.body, badReq.headers, { secret })).toThrow(WebhookPayloadError);
    const future = { ...referralRequested(), type: 'de.kim-hub.referral.requested.v2' };
    const futureReq = signed(future, [secret]);
    expect(() => verifyWebhook(futureReq.body, futureReq.headers, { secret })).toThrow(UnknownEventTypeError);
    const other = signed(referralRequested(), [secret]);
    expect(() => verifyWebhook(other.body, { ...other.headers, 'webhook-id': 'x' }, { secret })).toThrow(
      WebhookVerificationError,
    );
  });
});

describe('handleWebhook', () => {
  it('dispatches by type and says what to answer', async () => {
    const seen: string[] = [];
    const handlers = {
      'de.kim-hub.referral.requested.v1': (e: { data: { caseReference: string } }) =>
        void seen.push(e.data.caseReference),
    };
    const ok = signed(referralRequested(), [secret]);
    expect(await handleWebhook(ok, handlers, { secret })).toEqual({ status: 204, body: '' });
    expect(seen).toEqual(['ST-2026-0001']);
    expect((await handleWebhook(ok, handlers, { secret: newSecret() })).status).toBe(401);
    const future = signed({ ...referralRequested(), type: 'de.kim-hub.something.v1' }, [secret]);
    expect((await handleWebhook(future, handlers, { secret })).status).toBe(204);
    const notJson = { body: 'nope', headers: signed(referralRequested(), [secret]).headers };
    notJson.headers['webhook-signature'] = new Webhook(secret).sign(notJson.headers['webhook-id'], new Date(), 'nope');
    expect(await handleWebhook(notJson, handlers, { secret })).toEqual({ status: 400, body: 'body is not JSON' });
    expect(seen).toHaveLength(1);
  });

  it('lets a failing handler fail, so the hub delivers again', async () => {
    const req = signed(referralRequested(), [secret]);
    await expect(
      handleWebhook(
        req,
        { 'de.kim-hub.referral.requested.v1': () => Promise.reject(new Error('database down')) },
        { secret },
      ),
    ).rejects.toThrow('database down');
  });
});
