import type { IncomingMessage } from 'node:http';
import type { StatusChangedEvent } from './contracts.js';
import { createGraphQLClient, type GraphQLClient } from './graphql.js';
import { fetchReferralChanges, pollReferralChanges, type ChangesPage } from './polling.js';
import { sendStatus, type StatusInput, type StatusReceipt } from './status.js';
import {
  handleWebhook,
  verifyWebhook,
  type HeaderSource,
  type HubEventHandlers,
  type WebhookResponse,
} from './webhooks.js';
import type { HubEvent } from './contracts.js';

export interface AgencyClientOptions {
  /** The hub's base URL, e.g. https://kim-hub.kreis-steinfurt.de */
  hubUrl: string;
  tenantId: string;
  agencyId: string;
  /** Your API key for GraphQL. */
  apiKey: string;
  /**
   * Your webhook secret. While you switch to a new one, pass [new, old]: the first signs your
   * status messages, every one verifies the hub's webhooks.
   */
  webhookSecret: string | readonly string[];
  /** Tolerance for the webhook timestamp, seconds (default 300). */
  toleranceSeconds?: number;
  fetch?: typeof fetch;
}

/** Everything an agency does with the hub, configured once. */
export interface AgencyClient {
  graphql: GraphQLClient;
  verifyWebhook(body: string | Uint8Array, headers: HeaderSource): HubEvent;
  handleWebhook(
    request: { body: string | Uint8Array; headers: HeaderSource },
    handlers: HubEventHandlers,
  ): Promise<WebhookResponse>;
  sendStatus(message: StatusInput | StatusChangedEvent): Promise<StatusReceipt>;
  fetchChanges(after?: string | null): Promise<ChangesPage>;
  pollChanges(opts?: { after?: string | null; intervalMs?: number; signal?: AbortSignal }): AsyncGenerator<ChangesPage>;
}

export function createAgencyClient(options: AgencyClientOptions): AgencyClient {
  const secrets = typeof options.webhookSecret === 'string' ? [options.webhookSecret] : [...options.webhookSecret];
  if (secrets.length === 0) throw new Error('webhookSecret: at least one secret is needed');
  const verify = {
    secret: secrets,
    ...(options.toleranceSeconds !== undefined ? { toleranceSeconds: options.toleranceSeconds } : {}),
  };
  const graphql = createGraphQLClient({
    hubUrl: options.hubUrl,
    apiKey: options.apiKey,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const sender = {
    hubUrl: options.hubUrl,
    tenantId: options.tenantId,
    agencyId: options.agencyId,
    secret: secrets[0]!,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  return {
    graphql,
    verifyWebhook: (body, headers) => verifyWebhook(body, headers, verify),
    handleWebhook: (request, handlers) => handleWebhook(request, handlers, verify),
    sendStatus: (message) => sendStatus(sender, message),
    fetchChanges: (after) => fetchReferralChanges(graphql, { after: after ?? null }),
    pollChanges: (opts) => pollReferralChanges(graphql, opts),
  };
}

/** The raw body of a Node request, as the signature needs it (byte for byte). */
export async function readBody(req: IncomingMessage, limitBytes = 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new Error(`request body over ${limitBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
