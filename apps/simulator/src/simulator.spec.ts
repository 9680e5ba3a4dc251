import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import {
  EventType,
  cloudEventSchema,
  statusMessageDataSchema,
  type ReferralCancelledData,
  type ReferralRequestedData,
  type StatusMessageData,
} from '@kim/contracts';
import { buildCloudEvent, generateWebhookSecret, signWebhook } from '@kim/messaging';
import { choosePath, createSimulator, type Simulator, type SimulatorOptions } from './simulator.js';

/** Real HTTP on loopback in both directions: the simulator, and a stand-in for the hub's inbound endpoint. */

const agency = {
  id: 'caritas-rheine',
  name: 'Caritas Fachdienst Migration und Integration',
  webhookSecret: generateWebhookSecret(randomBytes(24)),
};
const otherAgency = {
  id: 'sprachkurs',
  name: 'Sprachkursträger Rheine',
  webhookSecret: generateWebhookSecret(randomBytes(24)),
};

interface HubRecord {
  agencyId: string;
  webhookId: string;
  event: { id: string; source: string; type: string; data: StatusMessageData };
}

interface HubStandIn {
  url: string;
  records: HubRecord[];
  refused: number;
  /** Answer the next n requests with 503 before accepting. */
  failNext: number;
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

async function startHub(): Promise<HubStandIn> {
  const secrets = new Map([agency, otherAgency].map((a) => [a.id, a.webhookSecret]));
  const hub: Omit<HubStandIn, 'url' | 'close'> = { records: [], refused: 0, failNext: 0 };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const match = /^\/webhooks\/tenant-1\/agencies\/([^/]+)\/status$/.exec(req.url ?? '');
      const body = await readBody(req);
      const secret = match ? secrets.get(decodeURIComponent(match[1] ?? '')) : undefined;
      if (!match || !secret) return res.writeHead(404).end();
      if (hub.failNext > 0) {
        hub.failNext--;
        return res.writeHead(503).end();
      }
      if (req.headers['content-type'] !== 'application/json') return res.writeHead(415).end();
      try {
        new Webhook(secret).verify(body, req.headers as Record<string, string>);
      } catch {
        hub.refused++;
        return res.writeHead(401).end();
      }
      hub.records.push({
        agencyId: decodeURIComponent(match[1] ?? ''),
        webhookId: String(req.headers['webhook-id']),
        event: JSON.parse(body) as HubRecord['event'],
      });
      return res.writeHead(202).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(hub, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function referral(overrides: Partial<ReferralRequestedData> = {}): ReferralRequestedData {
  return {
    referralId: randomUUID(),
    caseReference: 'KIM-ST-2021-0042',
    service: { id: randomUUID(), code: 'CARITAS-MBE', name: 'Migrationsberatung für Erwachsene (MBE)' },
    purpose: 'referral',
    categories: ['identity', 'contact'],
    person: {
      identity: {
        givenNames: 'Amina',
        familyName: 'Haddad',
        birthDate: '1990-01-01',
        birthDatePrecision: 'placeholder',
        nationality: 'SYR',
        agencyIdentifier: null,
      },
      contact: { municipality: 'Rheine', languages: ['ar', 'de'] },
    },
    note: null,
    requestedAt: new Date().toISOString(),
    respondBy: null,
    ...overrides,
  };
}

interface Delivery {
  agencyId: string;
  body: string;
  headers: Record<string, string>;
}

function requested(data: ReferralRequestedData, secret = agency.webhookSecret, agencyId = agency.id): Delivery {
  const event = buildCloudEvent({
    type: EventType.REFERRAL_REQUESTED,
    source: 'urn:kim-hub:tenant-1',
    tenantId: 'tenant-1',
    subject: data.referralId,
    data,
  });
  const signed = signWebhook(secret, event.id, JSON.stringify(event));
  return { agencyId, body: signed.body, headers: signed.headers };
}

function cancelledEvent(referralId: string): Delivery {
  const data: ReferralCancelledData = {
    referralId,
    reason: 'Einwilligung widerrufen',
    cancelledAt: new Date().toISOString(),
  };
  const event = buildCloudEvent({ type: EventType.REFERRAL_CANCELLED, source: 'urn:kim-hub:tenant-1', data });
  const signed = signWebhook(agency.webhookSecret, event.id, JSON.stringify(event));
  return { agencyId: agency.id, body: signed.body, headers: signed.headers };
}

async function post(sim: Simulator, d: Delivery): Promise<number> {
  const res = await fetch(`${sim.url}/agencies/${d.agencyId}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...d.headers },
    body: d.body,
  });
  await res.text();
  return res.status;
}

describe('partner-agency simulator', () => {
  let hub: HubStandIn;
  const started: Simulator[] = [];

  async function simulator(overrides: Partial<SimulatorOptions> = {}): Promise<Simulator> {
    const sim = await createSimulator({
      agencies: [agency, otherAgency],
      hubInboundUrl: (agencyId) => `${hub.url}/webhooks/tenant-1/agencies/${agencyId}/status`,
      delayMs: 20,
      script: 'complete',
      retry: { baseDelayMs: 5 },
      ...overrides,
    });
    started.push(sim);
    return sim;
  }

  const forReferral = (referralId: string) => hub.records.filter((r) => r.event.data.referralId === referralId);
  const statuses = (referralId: string) => forReferral(referralId).map((r) => r.event.data.status);

  beforeEach(async () => {
    hub = await startHub();
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.close()));
    await hub.close();
  });

  it('answers a referral with accepted, in-progress and completed, in order, signed and valid', async () => {
    const sim = await simulator();
    const data = referral();
    expect(await post(sim, requested(data))).toBe(204);

    await waitFor(() => statuses(data.referralId).includes('completed'), 'completed');
    expect(statuses(data.referralId)).toEqual(['accepted', 'in-progress', 'completed']);
    expect(hub.refused).toBe(0);
    for (const { agencyId, webhookId, event } of forReferral(data.referralId)) {
      expect(agencyId).toBe(agency.id);
      expect(webhookId).toBe(event.id);
      expect(cloudEventSchema.parse(event).type).toBe(EventType.REFERRAL_STATUS_CHANGED);
      expect(event.source).toBe(`urn:kim-agency:${agency.id}`);
      expect(statusMessageDataSchema.safeParse(event.data).success).toBe(true);
    }
    const [accepted, inProgress, completed] = forReferral(data.referralId).map((r) => r.event.data);
    expect(accepted?.agencyPersonIdentifier).toMatch(/^KD-\d{5}$/);
    expect(inProgress?.businessStatus).toBe('service-started');
    expect(completed?.servicesDelivered).toContain('Erstgespräch');
    expect(completed?.outcome).toEqual(expect.any(String));
    // The hub has the message before the simulator has read the hub's answer.
    await waitFor(() => sim.sent.length === 3, 'all answers acknowledged');
    expect(sim.sent.map((s) => s.status)).toEqual(['accepted', 'in-progress', 'completed']);
  });

  it('answers a rejection with a reason when the script says so', async () => {
    const sim = await simulator({ script: 'reject' });
    const data = referral({
      service: { id: randomUUID(), code: 'SK-INTEGRATIONSKURS', name: 'Integrationskurs (BAMF)' },
    });
    expect(await post(sim, requested(data))).toBe(204);

    await waitFor(() => forReferral(data.referralId).length === 1, 'rejection');
    const [rejection] = forReferral(data.referralId);
    expect(rejection?.event.data).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/Kurs|Berechtigungsschein/),
    });
    expect(statusMessageDataSchema.safeParse(rejection?.event.data).success).toBe(true);
  });

  it('refuses a forged signature with 401 and an unknown agency with 404, and answers neither', async () => {
    const sim = await simulator();
    const forged = referral();
    const wrongSecret = generateWebhookSecret(randomBytes(24));
    expect(await post(sim, requested(forged, wrongSecret))).toBe(401);
    const tampered = requested(referral());
    expect(await post(sim, { ...tampered, body: tampered.body.replace('Amina', 'Amira') })).toBe(401);
    expect(await post(sim, requested(referral(), agency.webhookSecret, 'no-such-agency'))).toBe(404);

    // A genuine referral sent afterwards is a barrier: once it is completed, any answer to
    // the refused ones (same delays) would have arrived too.
    const genuine = referral();
    expect(await post(sim, requested(genuine))).toBe(204);
    await waitFor(() => statuses(genuine.referralId).includes('completed'), 'barrier completed');
    expect(hub.records.every((r) => r.event.data.referralId === genuine.referralId)).toBe(true);
    expect(sim.received.map((r) => r.referralId)).toEqual([genuine.referralId]);
  });

  it('ignores a duplicate delivery of the same event', async () => {
    const sim = await simulator();
    const data = referral();
    const delivery = requested(data);
    expect(await post(sim, delivery)).toBe(204);
    expect(await post(sim, delivery)).toBe(204);

    await waitFor(() => statuses(data.referralId).includes('completed'), 'completed');
    const barrier = referral();
    expect(await post(sim, requested(barrier))).toBe(204);
    await waitFor(() => statuses(barrier.referralId).includes('completed'), 'barrier completed');

    expect(statuses(data.referralId)).toEqual(['accepted', 'in-progress', 'completed']);
    expect(sim.received.filter((r) => r.referralId === data.referralId).map((r) => r.duplicate)).toEqual([false, true]);
  });

  it('stops pending answers when the hub cancels the referral', async () => {
    const sim = await simulator({ delayMs: 200 });
    const data = referral();
    expect(await post(sim, requested(data))).toBe(204);
    await waitFor(() => statuses(data.referralId).includes('accepted'), 'accepted');
    expect(await post(sim, cancelledEvent(data.referralId))).toBe(204);

    const barrier = referral();
    expect(await post(sim, requested(barrier))).toBe(204);
    await waitFor(() => statuses(barrier.referralId).includes('completed'), 'barrier completed');
    expect(statuses(data.referralId)).toEqual(['accepted']);
  });

  it('does not answer a referral whose cancellation arrived first', async () => {
    const sim = await simulator();
    const data = referral();
    expect(await post(sim, cancelledEvent(data.referralId))).toBe(204);
    expect(await post(sim, requested(data))).toBe(204);

    const barrier = referral();
    expect(await post(sim, requested(barrier))).toBe(204);
    await waitFor(() => statuses(barrier.referralId).includes('completed'), 'barrier completed');
    expect(statuses(data.referralId)).toEqual([]);
  });

  it('retries a status message after 5xx answers with the same event id', async () => {
    const sim = await simulator();
    hub.failNext = 2;
    const data = referral();
    expect(await post(sim, requested(data))).toBe(204);

    await waitFor(() => statuses(data.referralId).includes('completed'), 'completed');
    expect(statuses(data.referralId)).toEqual(['accepted', 'in-progress', 'completed']);
    const accepted = sim.sent.find((s) => s.referralId === data.referralId && s.status === 'accepted');
    expect(accepted?.attempts).toBe(3);
    expect(forReferral(data.referralId)[0]?.event.id).toBe(accepted?.eventId);
  });

  it('rejects about the configured share, deterministically per referral', () => {
    const ids = Array.from({ length: 2000 }, () => randomUUID());
    const share = ids.filter((id) => choosePath(id, 'seed-a', 0.15) === 'reject').length / ids.length;
    expect(share).toBeGreaterThan(0.12);
    expect(share).toBeLessThan(0.18);
    expect(ids.map((id) => choosePath(id, 'seed-a', 0.15))).toEqual(ids.map((id) => choosePath(id, 'seed-a', 0.15)));
    expect(ids.every((id) => choosePath(id, 'seed-a', 0) === 'complete')).toBe(true);
  });
});
