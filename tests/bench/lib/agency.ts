import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventType, ReferralStatus, type StatusMessageData } from '@kim/contracts';
import { buildCloudEvent, signWebhook, verifyWebhook } from '@kim/messaging';

/**
 * A partner agency on loopback that answers as fast as it can: it verifies each referral's
 * Standard Webhooks signature (the reference `standardwebhooks` implementation, through
 * @kim/messaging), acknowledges with 204 at once, and then posts one signed `accepted`
 * status message back to the hub's inbound endpoint (as a real agency: answer first, act after).
 */
export interface LoopbackAgency {
  url: string;
  stats: { received: number; refused: number; answered: number; answerFailures: number; lastFailure: string | null };
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const PATH = /^\/agencies\/([^/]+)\/webhook$/;

export async function startLoopbackAgency(opts: {
  tenantId: string;
  agencies: { id: string; webhookSecret: string }[];
  /** The hub's inbound status endpoint for an agency (known once the gateway runs). */
  inbound: () => (agencyId: string) => string;
}): Promise<LoopbackAgency> {
  const secrets = new Map(opts.agencies.map((a) => [a.id, a.webhookSecret]));
  const stats: LoopbackAgency['stats'] = { received: 0, refused: 0, answered: 0, answerFailures: 0, lastFailure: null };
  const inFlight = new Set<Promise<void>>();

  async function answer(agencyId: string, secret: string, referralId: string): Promise<void> {
    const data: StatusMessageData = {
      referralId,
      status: ReferralStatus.ACCEPTED,
      occurredAt: new Date().toISOString(),
    };
    const event = buildCloudEvent<StatusMessageData>({
      type: EventType.REFERRAL_STATUS_CHANGED,
      source: `urn:kim-agency:${agencyId}`,
      subject: referralId,
      tenantId: opts.tenantId,
      data,
    });
    const body = JSON.stringify(event);
    for (let attempt = 1; attempt <= 5; attempt++) {
      const signed = signWebhook(secret, event.id, body);
      try {
        const res = await fetch(opts.inbound()(agencyId), {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signed.headers },
          body,
        });
        const text = await res.text();
        if (res.ok) {
          stats.answered += 1;
          return;
        }
        stats.lastFailure = `HTTP ${res.status}: ${text.slice(0, 300)}`;
        if (res.status < 500) break;
      } catch (e) {
        stats.lastFailure = (e as Error).message;
      }
      await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
    stats.answerFailures += 1;
  }

  const server = createServer((req, res) => {
    const agencyId = PATH.exec(req.url ?? '')?.[1];
    const secret = agencyId ? secrets.get(agencyId) : undefined;
    readBody(req)
      .then((body) => {
        if (!agencyId || !secret || req.method !== 'POST') return void res.writeHead(404).end();
        const verified = verifyWebhook([secret], body, req.headers);
        if (!verified.ok) {
          stats.refused += 1;
          return void res.writeHead(401).end();
        }
        const event = JSON.parse(body) as { type: string; data: { referralId: string } };
        stats.received += 1;
        res.writeHead(204).end();
        if (event.type !== EventType.REFERRAL_REQUESTED) return;
        const p = answer(agencyId, secret, event.data.referralId).finally(() => inFlight.delete(p));
        inFlight.add(p);
      })
      .catch(() => res.writeHead(400).end());
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    async close() {
      await Promise.allSettled([...inFlight]);
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
