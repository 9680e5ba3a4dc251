import { timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import {
  cloudEventSchema,
  hubEventSchemas,
  type CloudEventEnvelope,
  type HubEvent,
  type HubEventType,
} from './contracts.js';

/** Headers as Node (`req.headers`), fetch (`Headers`) or a plain record give them. */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export interface VerifyOptions {
  /**
   * The webhook secret(s) the hub gave you ("whsec_..."). Pass two while you switch to a new
   * secret; during a rotation the hub signs every webhook with both.
   */
  secret: string | readonly string[];
  /** Largest accepted distance between the signature's timestamp and now (default 300 s, as the scheme advises). */
  toleranceSeconds?: number;
  /** The clock, for tests. */
  now?: () => Date;
}

/** The request could not be authenticated: answer 401 and do not act on it. */
export class WebhookVerificationError extends Error {
  override readonly name: string = 'WebhookVerificationError';
}

/** Authentic, but not a message this package understands: answer 400. */
export class WebhookPayloadError extends Error {
  override readonly name: string = 'WebhookPayloadError';
  constructor(
    message: string,
    readonly issues: readonly { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/**
 * Authentic and well-formed, but of an event type newer than this package. Acknowledge it (2xx)
 * so the hub does not retry it, and update the package when you want to handle it.
 */
export class UnknownEventTypeError extends WebhookPayloadError {
  override readonly name: string = 'UnknownEventTypeError';
  constructor(readonly envelope: CloudEventEnvelope) {
    super(`unknown event type ${envelope.type}`);
  }
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value.join(' ') : value;
}

/**
 * Check a webhook's Standard Webhooks signature on the exact bytes received. Accepts the
 * message when any of its space-separated `v1` signatures matches any of the secrets.
 */
export function verifySignature(body: string | Uint8Array, headers: HeaderSource, options: VerifyOptions): void {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) {
    throw new WebhookVerificationError('missing webhook-id, webhook-timestamp or webhook-signature header');
  }
  if (!/^\d{1,12}$/.test(timestamp)) throw new WebhookVerificationError('webhook-timestamp is not a Unix time');
  const sentAt = new Date(Number(timestamp) * 1000);
  const tolerance = options.toleranceSeconds ?? 300;
  const skew = Math.abs((options.now?.() ?? new Date()).getTime() - sentAt.getTime()) / 1000;
  if (skew > tolerance) {
    throw new WebhookVerificationError(
      `webhook-timestamp is ${Math.round(skew)} s away from now (tolerance ${tolerance} s)`,
    );
  }
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  if (secrets.length === 0) throw new WebhookVerificationError('no secret to verify with');
  const payload = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  const offered = signatures
    .split(' ')
    .map((s) => s.split(','))
    .filter(([version, value]) => version === 'v1' && value)
    .map(([, value]) => Buffer.from(value!));
  for (const secret of secrets) {
    // The reference library computes the HMAC; the tolerance is ours to choose, so we compare here.
    const expected = Buffer.from(new Webhook(secret).sign(id, sentAt, payload).split(',')[1]!);
    if (offered.some((o) => o.length === expected.length && timingSafeEqual(o, expected))) return;
  }
  throw new WebhookVerificationError('no signature matches the secret');
}

/** Parse an authentic body into a typed event; the webhook-id must be the CloudEvent id. */
export function parseHubEvent(body: string | Uint8Array, webhookId?: string): HubEvent {
  let json: unknown;
  try {
    json = JSON.parse(typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
  } catch {
    throw new WebhookPayloadError('body is not JSON');
  }
  const envelope = cloudEventSchema.safeParse(json);
  if (!envelope.success) throw new WebhookPayloadError('not a CloudEvents 1.0 envelope', issuesOf(envelope.error));
  if (webhookId !== undefined && envelope.data.id !== webhookId) {
    throw new WebhookPayloadError('webhook-id differs from the CloudEvent id');
  }
  const schema = hubEventSchemas[envelope.data.type as HubEventType] as
    (typeof hubEventSchemas)[HubEventType] | undefined;
  if (!schema) throw new UnknownEventTypeError(envelope.data);
  const event = schema.safeParse(json);
  if (!event.success) throw new WebhookPayloadError(`invalid ${envelope.data.type} event`, issuesOf(event.error));
  return event.data;
}

/**
 * Verify and parse a webhook from the hub in one step. Pass the body exactly as received
 * (re-serialised JSON does not verify). Throws WebhookVerificationError (answer 401),
 * UnknownEventTypeError (acknowledge), or WebhookPayloadError (answer 400).
 */
export function verifyWebhook(body: string | Uint8Array, headers: HeaderSource, options: VerifyOptions): HubEvent {
  verifySignature(body, headers, options);
  return parseHubEvent(body, header(headers, 'webhook-id'));
}

/** A handler per event type; each receives exactly its event's type. Types without a handler are acknowledged. */
export type HubEventHandlers = {
  [T in HubEventType]?: (event: Extract<HubEvent, { type: T }>) => Promise<void> | void;
};

/** What to answer the hub. */
export interface WebhookResponse {
  status: number;
  body: string;
}

/**
 * Verify, parse and dispatch one webhook, and say what to answer: 204 when handled (or of a
 * type you do not handle), 401 when not authentic, 400 when malformed. A handler that throws
 * makes this throw: answer 5xx and the hub delivers the event again later. Deliveries are at
 * least once; the event `id` is your idempotency key.
 */
export async function handleWebhook(
  request: { body: string | Uint8Array; headers: HeaderSource },
  handlers: HubEventHandlers,
  options: VerifyOptions,
): Promise<WebhookResponse> {
  let event: HubEvent;
  try {
    event = verifyWebhook(request.body, request.headers, options);
  } catch (e) {
    if (e instanceof WebhookVerificationError) return { status: 401, body: e.message };
    if (e instanceof UnknownEventTypeError) return { status: 204, body: '' };
    if (e instanceof WebhookPayloadError) return { status: 400, body: e.message };
    throw e;
  }
  const handler = handlers[event.type] as ((e: HubEvent) => Promise<void> | void) | undefined;
  await handler?.(event);
  return { status: 204, body: '' };
}

function issuesOf(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
