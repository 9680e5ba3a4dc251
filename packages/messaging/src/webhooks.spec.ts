import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { activeWebhookSecrets, generateWebhookSecret, signWebhook, verifyWebhook } from './webhooks.js';

const secret = generateWebhookSecret(randomBytes(24));
const body = JSON.stringify({ specversion: '1.0', id: 'e1', data: { a: 1 } });

describe('Standard Webhooks', () => {
  it('accepts what it signed', () => {
    const signed = signWebhook(secret, 'msg_1', body);
    expect(verifyWebhook([secret], signed.body, signed.headers)).toEqual({ ok: true });
  });

  it('refuses a wrong secret, a changed byte, a re-serialised body and an old timestamp', () => {
    const signed = signWebhook(secret, 'msg_1', body);
    const other = generateWebhookSecret(randomBytes(24));
    expect(verifyWebhook([other], signed.body, signed.headers).ok).toBe(false);
    expect(verifyWebhook([secret], signed.body.replace('"a":1', '"a":2'), signed.headers).ok).toBe(false);
    expect(verifyWebhook([secret], JSON.stringify(JSON.parse(body), null, 1), signed.headers).ok).toBe(false);
    const old = signWebhook(secret, 'msg_1', body, new Date(Date.now() - 6 * 60 * 1000));
    expect(verifyWebhook([secret], old.body, old.headers).ok).toBe(false);
  });

  it('names a missing header', () => {
    const signed = signWebhook(secret, 'msg_1', body);
    const { 'webhook-signature': _dropped, ...rest } = signed.headers;
    expect(verifyWebhook([secret], body, rest)).toEqual({ ok: false, reason: 'missing header webhook-signature' });
  });

  it('accepts either secret during a rotation', () => {
    const next = generateWebhookSecret(randomBytes(24));
    const signed = signWebhook(next, 'msg_2', body);
    expect(verifyWebhook([secret, next], body, signed.headers)).toEqual({ ok: true });
  });

  it('signs with both secrets during a rotation, so a receiver holding either one verifies', () => {
    const next = generateWebhookSecret(randomBytes(24));
    const signed = signWebhook(activeWebhookSecrets({ webhookSecret: secret, nextWebhookSecret: next }), 'msg_3', body);
    expect(signed.headers['webhook-signature'].split(' ')).toHaveLength(2);
    // The reference library on the receiving side, with only the old or only the new secret.
    expect(new Webhook(secret).verify(body, signed.headers)).toEqual(JSON.parse(body));
    expect(new Webhook(next).verify(body, signed.headers)).toEqual(JSON.parse(body));
    const stranger = generateWebhookSecret(randomBytes(24));
    expect(() => new Webhook(stranger).verify(body, signed.headers)).toThrow('No matching signature');
  });

  it('signs with the current secret alone when no rotation runs', () => {
    expect(activeWebhookSecrets({ webhookSecret: secret, nextWebhookSecret: null })).toEqual([secret]);
    expect(() => signWebhook([], 'msg_4', body)).toThrow('no webhook secret');
  });
});
