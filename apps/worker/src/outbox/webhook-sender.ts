import http from 'node:http';
import https from 'node:https';
import { signWebhook } from '@kim/messaging';

export class DeliveryError extends Error {
  constructor(
    message: string,
    /** A 4xx other than 408/429 will not get better by retrying. */
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/**
 * Kept-alive connections to the agencies' webhooks, a pool per origin (issue 20): node:http's
 * agent instead of fetch, whose WHATWG streams and request objects cost ~0.3 ms of CPU per POST
 * more on loopback (measured 390–610 µs against 80–190 µs per request, client and server in one
 * process). At most as many sockets per origin as deliveries run at once. An idle socket is
 * closed after 4 s, before the servers most agencies run close theirs (Node and Apache 5 s), so
 * the hub seldom writes to a socket the agency is closing; when it does, see postSigned.
 */
export const IDLE_SOCKET_MS = 4_000;
const agents = {
  'http:': new http.Agent({ keepAlive: true, keepAliveMsecs: 1000, maxSockets: 64, timeout: IDLE_SOCKET_MS }),
  'https:': new https.Agent({ keepAlive: true, keepAliveMsecs: 1000, maxSockets: 64, timeout: IDLE_SOCKET_MS }),
};

/**
 * POST one signed CloudEvent; any 2xx is the agency's acknowledgement. A kept-alive socket the
 * agency closed just as the hub wrote to it is reset, as a rule before the agency read anything: that one
 * POST is sent again at once on a new socket (what Node's documentation advises; the agency
 * dedupes by webhook-id in any case). Every other failure is the caller's to retry later.
 */
export async function postSigned(
  url: string,
  secrets: string[],
  messageId: string,
  body: string,
  timeoutMs: number,
  traceId: string,
): Promise<void> {
  const signed = signWebhook(secrets, messageId, body);
  const target = new URL(url);
  const protocol = target.protocol === 'https:' ? 'https:' : target.protocol === 'http:' ? 'http:' : null;
  if (!protocol)
    throw new DeliveryError(`could not reach ${target.host}: unsupported protocol ${target.protocol}`, false);
  const signal = AbortSignal.timeout(timeoutMs);
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const send = protocol === 'https:' ? https.request : http.request;
      const req = send(
        target,
        {
          method: 'POST',
          agent: agents[protocol],
          headers: {
            'content-type': 'application/cloudevents+json; charset=utf-8',
            'content-length': Buffer.byteLength(signed.body),
            'x-request-id': traceId,
            ...signed.headers,
          },
          // The whole exchange, connection to the answer's status, within the timeout (retry included).
          signal,
        },
        (res) => {
          // The answer's body is not read, only drained, so that the connection can be used again.
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', (e: NodeJS.ErrnoException) => reject(Object.assign(e, { reused: req.reusedSocket })));
      req.end(signed.body);
    });
  const status = await once()
    .catch((e: NodeJS.ErrnoException & { reused?: boolean }) => {
      if (e.reused && e.code === 'ECONNRESET') return once();
      throw e;
    })
    .catch((e: unknown) => {
      throw new DeliveryError(`could not reach ${target.host}: ${(e as Error).message}`, false);
    });
  // Redirects are not followed (a 3xx is no acknowledgement).
  if (status >= 200 && status < 300) return;
  const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
  throw new DeliveryError(`agency answered HTTP ${status}`, permanent);
}
