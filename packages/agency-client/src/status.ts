import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import { EventType, statusChangedEventSchema, statusMessageDataSchema, type StatusChangedEvent } from './contracts.js';

type Fetch = typeof fetch;

/** Where and as whom to send status messages. */
export interface StatusSender {
  /** The hub's base URL, e.g. https://kim-hub.kreis-steinfurt.de */
  hubUrl: string;
  tenantId: string;
  agencyId: string;
  /** Your webhook secret; status messages are signed with it. */
  secret: string;
  fetch?: Fetch;
}

/** What the fields of a status message may be; `occurredAt` defaults to now. */
export type StatusInput = Omit<z.input<typeof statusMessageDataSchema>, 'occurredAt'> & {
  occurredAt?: string | Date;
};

/** The hub's answer to a status message. */
export interface StatusReceipt {
  /** applied, pending (waits for an earlier message), stale (overtaken), rejected (never applies), duplicate. */
  outcome: 'applied' | 'pending' | 'stale' | 'rejected' | 'duplicate';
  referralStatus: string;
  error?: string;
}

const receiptSchema = z.object({
  outcome: z.enum(['applied', 'pending', 'stale', 'rejected', 'duplicate']),
  referralStatus: z.string(),
  error: z.string().optional(),
});

/** The hub refused a request (or could not be reached); `status` is the HTTP status, 0 when none came. */
export class HubRequestError extends Error {
  override readonly name: string = 'HubRequestError';
  constructor(
    message: string,
    readonly status: number,
    readonly body?: unknown,
  ) {
    super(message);
  }
}

/**
 * A status message as a CloudEvent, validated before it leaves. Keep the returned event to
 * send it again unchanged: its `id` lets the hub store it once however often it arrives.
 */
export function buildStatusMessage(
  agency: { agencyId: string },
  input: StatusInput,
  opts: { id?: string } = {},
): StatusChangedEvent {
  const occurredAt =
    input.occurredAt instanceof Date ? input.occurredAt.toISOString() : (input.occurredAt ?? new Date().toISOString());
  const data = statusMessageDataSchema.parse({ ...input, occurredAt });
  return statusChangedEventSchema.parse({
    specversion: '1.0',
    id: opts.id ?? randomUUID(),
    source: `urn:kim-agency:${agency.agencyId}`,
    type: EventType.REFERRAL_STATUS_CHANGED,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    subject: `referral/${data.referralId}`,
    data,
  });
}

/** Standard Webhooks headers and the exact body they sign. */
export function signStatusMessage(
  secret: string,
  event: StatusChangedEvent,
  at: Date = new Date(),
): { headers: Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string>; body: string } {
  const body = JSON.stringify(event);
  return {
    headers: {
      'webhook-id': event.id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(event.id, at, body),
    },
    body,
  };
}

/** The URL status messages of this agency go to. */
export function statusUrl(sender: Pick<StatusSender, 'hubUrl' | 'tenantId' | 'agencyId'>): string {
  const base = sender.hubUrl.replace(/\/+$/, '');
  return `${base}/webhooks/${encodeURIComponent(sender.tenantId)}/agencies/${encodeURIComponent(sender.agencyId)}/status`;
}

/**
 * Send a signed status message (or an event built earlier, to retry it). Resolves with the
 * hub's receipt; throws HubRequestError when the hub refuses it or cannot be reached. A 5xx or
 * a network error is worth retrying with the same event; a 4xx is not.
 */
export async function sendStatus(
  sender: StatusSender,
  message: StatusInput | StatusChangedEvent,
): Promise<StatusReceipt> {
  const event =
    'specversion' in message ? statusChangedEventSchema.parse(message) : buildStatusMessage(sender, message);
  const signed = signStatusMessage(sender.secret, event);
  let res: Response;
  try {
    res = await (sender.fetch ?? fetch)(statusUrl(sender), {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json; charset=utf-8', ...signed.headers },
      body: signed.body,
    });
  } catch (e) {
    throw new HubRequestError(`could not reach the hub: ${(e as Error).message}`, 0);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  if (!res.ok) {
    const reason = (json as { message?: unknown } | undefined)?.message;
    throw new HubRequestError(
      `hub answered HTTP ${res.status}${typeof reason === 'string' ? `: ${reason}` : ''}`,
      res.status,
      json,
    );
  }
  const receipt = receiptSchema.safeParse(json);
  if (!receipt.success) throw new HubRequestError('hub answered with an unexpected body', res.status, json);
  return receipt.data;
}
