import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/**
 * Standard Webhooks signing and verification (webhook-id, webhook-timestamp,
 * webhook-signature headers), via the reference `standardwebhooks` package so that an
 * agency can verify our messages with any off-the-shelf implementation.
 */
export interface SignedRequest {
  headers: Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string>;
  body: string;
}

/** A fresh secret in the scheme's format. */
export function generateWebhookSecret(random: Buffer): string {
  return `whsec_${random.toString('base64')}`;
}

/**
 * Sign with one secret, or with several while a secret is being rotated: the scheme puts the
 * signatures space-separated in one header, and a receiver accepts the message when any matches.
 */
export function signWebhook(
  secrets: string | readonly string[],
  messageId: string,
  body: string,
  at: Date = new Date(),
): SignedRequest {
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  if (list.length === 0) throw new Error('no webhook secret to sign with');
  const signature = list.map((secret) => new Webhook(secret).sign(messageId, at, body)).join(' ');
  return {
    headers: {
      'webhook-id': messageId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    },
    body,
  };
}

/** The secrets an agency's messages are signed and verified with: the current one, and the next during a rotation. */
export function activeWebhookSecrets(agency: { webhookSecret: string; nextWebhookSecret?: string | null }): string[] {
  return agency.nextWebhookSecret ? [agency.webhookSecret, agency.nextWebhookSecret] : [agency.webhookSecret];
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/**
 * Verify a raw body against its headers. The library refuses timestamps more than five
 * minutes off; callers must pass the body exactly as received (re-serialised JSON fails).
 */
export function verifyWebhook(
  secrets: readonly string[],
  body: string,
  headers: Record<string, string | string[] | undefined>,
): VerifyResult {
  const flat: Record<string, string> = {};
  for (const key of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
    const value = headers[key];
    if (typeof value !== 'string' || value.length === 0) return { ok: false, reason: `missing header ${key}` };
    flat[key] = value;
  }
  let lastReason = 'no secret configured';
  // More than one secret is valid while a secret is being rotated.
  for (const secret of secrets) {
    try {
      new Webhook(secret).verify(body, flat);
      return { ok: true };
    } catch (e) {
      lastReason = e instanceof WebhookVerificationError ? e.message : 'signature could not be checked';
    }
  }
  return { ok: false, reason: lastReason };
}
