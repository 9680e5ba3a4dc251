import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The manifest's signature: HMAC-SHA256 over its exact bytes, keyed like Standard Webhooks
 * (the agency's webhook secret, base64 after "whsec_"), written as "v1,<base64>". An agency
 * verifies it with its secret and any HMAC implementation (docs/handoffs.md).
 */
function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

export function signManifest(secret: string, manifest: Buffer): string {
  return `v1,${createHmac('sha256', keyOf(secret)).update(manifest).digest('base64')}`;
}

export function verifyManifest(secret: string, manifest: Buffer, signature: string): boolean {
  const want = Buffer.from(signManifest(secret, manifest));
  const given = Buffer.from(signature.trim());
  return want.length === given.length && timingSafeEqual(want, given);
}
