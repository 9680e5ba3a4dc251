import { readFileSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';
import { signWebhook, verifyWebhook } from './webhooks.js';

interface Vector {
  name: string;
  secret: string;
  id: string;
  timestamp: number;
  body: string;
  signedContent: string;
  signature: string;
}

/**
 * The test vectors of docs/webhooks.md, which a PHP, Java or C# developer checks their code
 * against. They were computed from the scheme's formula alone (HMAC-SHA256 over
 * "id.timestamp.body" with the base64-decoded secret); here the scheme's reference library and
 * the hub's own signer must both give exactly them.
 */
const { vectors } = JSON.parse(
  readFileSync(new URL('../../../docs/webhook-test-vectors.json', import.meta.url), 'utf8'),
) as { vectors: Vector[] };

describe('webhook test vectors (docs/webhook-test-vectors.json)', () => {
  it('are there, and each names its signed content', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(3);
    for (const v of vectors) expect(v.signedContent).toBe(`${v.id}.${v.timestamp}.${v.body}`);
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s: the reference library signs it so', (_, v) => {
    expect(new Webhook(v.secret).sign(v.id, new Date(v.timestamp * 1000), v.body)).toBe(v.signature);
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s: the hub signs it so', (_, v) => {
    const signed = signWebhook(v.secret, v.id, v.body, new Date(v.timestamp * 1000));
    expect(signed.headers).toEqual({
      'webhook-id': v.id,
      'webhook-timestamp': String(v.timestamp),
      'webhook-signature': v.signature,
    });
  });

  it('a changed byte of the body is refused (the hub verifies as the guide says)', () => {
    const v = vectors[0]!;
    const now = Math.floor(Date.now() / 1000);
    const fresh = signWebhook(v.secret, v.id, v.body, new Date(now * 1000));
    expect(verifyWebhook([v.secret], v.body, fresh.headers)).toEqual({ ok: true });
    expect(verifyWebhook([v.secret], v.body.replace('KIM-2026-0001', 'KIM-2026-0002'), fresh.headers).ok).toBe(false);
  });
});
