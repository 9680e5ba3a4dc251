import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import {
  BusinessStatus,
  EventType,
  ReferralStatus,
  cloudEventSchema,
  referralCancelledDataSchema,
  referralRequestedDataSchema,
  type CloudEvent,
  type ReferralRequestedData,
  type StatusMessageData,
} from '@kim/contracts';
import { buildCloudEvent, signWebhook } from '@kim/messaging';

/**
 * A stand-in for a partner agency's own system. It receives referrals as Standard Webhooks
 * (verified with the off-the-shelf `standardwebhooks` package, as a real agency would) and
 * answers each with the status messages an agency may send: accepted, in-progress,
 * completed, or a rejection with a reason. It is a foreign system on purpose: plain
 * node:http, no hub internals.
 */

export interface SimulatedAgency {
  id: string;
  name: string;
  /** Standard Webhooks secret (`whsec_…`) shared with the hub for this agency. */
  webhookSecret: string;
}

/** How the simulated agency handles a referral. */
export type SimulatorPath = 'complete' | 'reject';

export interface ReferralContext {
  agency: SimulatedAgency;
  referral: ReferralRequestedData;
}

export interface SimulatorOptions {
  agencies: SimulatedAgency[];
  /** Hub endpoint that takes this agency's status messages. */
  hubInboundUrl: (agencyId: string) => string;
  /** 0 picks a free port. Default 0. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Pause before each status answer. Default 1500 ms. */
  delayMs?: number;
  /** Share of referrals answered with a rejection, 0..1. Default 0.15. */
  rejectShare?: number;
  /**
   * Seed for the choice of path, reasons and identifiers. The choice is a hash of seed and
   * referral id, so the same referral always takes the same path whatever the arrival order.
   */
  seed?: number | string;
  /** Forces the path (tests, demos); overrides rejectShare and seed. */
  script?: SimulatorPath | ((ctx: ReferralContext) => SimulatorPath);
  /** Bounded retry of a status message on network errors and 5xx answers. */
  retry?: { attempts?: number; baseDelayMs?: number; timeoutMs?: number };
  log?: (line: string) => void;
}

/** One verified webhook delivery. */
export interface ReceivedDelivery {
  agencyId: string;
  eventId: string;
  type: string;
  referralId: string | null;
  /** A redelivery of an event id already seen; it had no effect. */
  duplicate: boolean;
  receivedAt: Date;
}

/** One status message the simulator delivered to the hub (2xx answer). */
export interface SentStatus {
  agencyId: string;
  referralId: string;
  eventId: string;
  status: StatusMessageData['status'];
  httpStatus: number;
  attempts: number;
  sentAt: Date;
}

export interface Simulator {
  /** Base URL; webhooks go to `${url}/agencies/<agencyId>/webhook`. */
  url: string;
  received: ReceivedDelivery[];
  sent: SentStatus[];
  /** Stops pending answers, aborts sends in flight and closes the server. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;
const WEBHOOK_PATH = /^\/agencies\/([^/]+)\/webhook\/?$/;

/** FNV-1a, 32 bit: a stable hash so choices are reproducible without shared PRNG state. */
function hash32(input: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    h ^= input.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A number in [0, 1) determined by seed, referral id and a salt naming the choice. */
export function seededUnit(seed: number | string, referralId: string, salt: string): number {
  return hash32(`${seed}|${salt}|${referralId}`) / 0x1_0000_0000;
}

/** The path a referral takes when no script forces it. */
export function choosePath(referralId: string, seed: number | string, rejectShare: number): SimulatorPath {
  return seededUnit(seed, referralId, 'path') < rejectShare ? 'reject' : 'complete';
}

function pick<T>(items: readonly [T, ...T[]], unit: number): T {
  return items[Math.min(items.length - 1, Math.floor(unit * items.length))] ?? items[0];
}

function isCourse(referral: ReferralRequestedData): boolean {
  return /kurs/i.test(referral.service.code) || /kurs/i.test(referral.service.name);
}

function rejectionReason(ctx: ReferralContext, unit: number): string {
  if (isCourse(ctx.referral)) {
    return pick(
      [
        'Kursplätze belegt; nächster Kursbeginn in frühestens drei Monaten',
        'Kursplätze belegt',
        'Kein Berechtigungsschein vorgelegt; bitte Berechtigung beim BAMF klären',
      ],
      unit,
    );
  }
  const elsewhere = /jobcenter/i.test(ctx.agency.name)
    ? 'Zuständigkeit liegt bei der Agentur für Arbeit (SGB III)'
    : 'Zuständigkeit liegt beim Jobcenter';
  return pick(
    [
      elsewhere,
      'Keine freien Beratungstermine in den nächsten vier Wochen',
      'Person wohnt außerhalb unseres Einzugsgebiets',
    ],
    unit,
  );
}

function completion(referral: ReferralRequestedData): Pick<StatusMessageData, 'servicesDelivered' | 'outcome'> {
  if (isCourse(referral)) {
    return {
      servicesDelivered: ['Erstgespräch', 'Einstufungstest', 'Kursplatz vermittelt'],
      outcome: `Kursplatz in „${referral.service.name}“ vermittelt; Teilnahme ab dem nächsten Modul vereinbart.`,
    };
  }
  return {
    servicesDelivered: ['Erstgespräch', 'Beratung durchgeführt'],
    outcome: `„${referral.service.name}“ abgeschlossen; weitere Schritte mit der Person vereinbart.`,
  };
}

/** The status messages for a referral, in the order the agency sends them. */
function plan(
  ctx: ReferralContext,
  path: SimulatorPath,
  seed: number | string,
): Omit<StatusMessageData, 'occurredAt'>[] {
  const { referral } = ctx;
  const referralId = referral.referralId;
  if (path === 'reject') {
    return [
      {
        referralId,
        status: ReferralStatus.REJECTED,
        reason: rejectionReason(ctx, seededUnit(seed, referralId, 'reason')),
      },
    ];
  }
  const known = referral.person.identity?.agencyIdentifier;
  const agencyPersonIdentifier =
    known && known.trim().length > 0 && known.length <= 64
      ? known
      : `KD-${String(10000 + Math.floor(seededUnit(seed, referralId, 'kd') * 90000))}`;
  return [
    { referralId, status: ReferralStatus.ACCEPTED, agencyPersonIdentifier },
    { referralId, status: ReferralStatus.IN_PROGRESS, businessStatus: BusinessStatus.SERVICE_STARTED },
    { referralId, status: ReferralStatus.COMPLETED, ...completion(referral) },
  ];
}

class Aborted extends Error {
  constructor() {
    super('aborted');
    this.name = 'Aborted';
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new Aborted());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Aborted());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Node gives repeated headers as arrays; the webhook headers are single-valued. */
function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value) && value.length > 0) out[key] = value[0] ?? '';
  }
  return out;
}

function reply(res: ServerResponse, status: number, body?: Record<string, unknown>): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function describeError(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${e.message} (${cause.message})` : e.message;
  }
  return String(e);
}

interface Flow {
  controller: AbortController;
  done: Promise<void>;
}

export async function createSimulator(options: SimulatorOptions): Promise<Simulator> {
  const delayMs = options.delayMs ?? 1500;
  const rejectShare = options.rejectShare ?? 0.15;
  const seed = options.seed ?? 'kim-hub';
  const attempts = Math.max(1, options.retry?.attempts ?? 5);
  const baseDelayMs = options.retry?.baseDelayMs ?? 250;
  const timeoutMs = options.retry?.timeoutMs ?? 10_000;
  const log = options.log ?? (() => undefined);

  const agencies = new Map<string, SimulatedAgency>();
  for (const agency of options.agencies) {
    // Fail at start, not at the first webhook, when a secret is not in the scheme's format.
    new Webhook(agency.webhookSecret);
    agencies.set(agency.id, agency);
  }

  const received: ReceivedDelivery[] = [];
  const sent: SentStatus[] = [];
  /** Event ids already handled, per agency: delivery is at least once. */
  const seenEvents = new Set<string>();
  /** Referrals this simulator has taken on or seen cancelled, per agency. */
  const flows = new Map<string, Flow>();
  const cancelled = new Set<string>();
  const closing = new AbortController();

  const key = (agencyId: string, id: string) => `${agencyId}\u0000${id}`;

  function decide(ctx: ReferralContext): SimulatorPath {
    const { script } = options;
    if (typeof script === 'function') return script(ctx);
    if (script) return script;
    return choosePath(ctx.referral.referralId, seed, rejectShare);
  }

  /** POST one status message, retrying network errors and 5xx with exponential backoff. */
  async function deliver(agency: SimulatedAgency, event: CloudEvent<StatusMessageData>, signal: AbortSignal) {
    const body = JSON.stringify(event);
    const url = options.hubInboundUrl(agency.id);
    let lastProblem = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await sleep(baseDelayMs * 2 ** (attempt - 2), signal);
      // Signed again per attempt (fresh timestamp); webhook-id stays the CloudEvent id.
      const signed = signWebhook(agency.webhookSecret, event.id, body);
      const perAttempt = new AbortController();
      const abort = () => perAttempt.abort();
      signal.addEventListener('abort', abort, { once: true });
      const timer = setTimeout(abort, timeoutMs);
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signed.headers },
          body: signed.body,
          signal: perAttempt.signal,
        });
        const text = await res.text().catch(() => '');
        if (res.ok) return { httpStatus: res.status, attempts: attempt };
        lastProblem = `HTTP ${res.status}${text ? `: ${text.slice(0, 300)}` : ''}`;
        // 4xx means the hub refused this message; sending it again will not help.
        if (res.status < 500) return { failed: lastProblem };
      } catch (e) {
        if (signal.aborted) throw new Aborted();
        lastProblem = describeError(e);
      } finally {
        clearTimeout(timer);
        signal.removeEventListener('abort', abort);
      }
      if (attempt < attempts)
        log(`retry ${event.data.status} for referral ${event.data.referralId} after ${lastProblem}`);
    }
    return { failed: `${lastProblem} (gave up after ${attempts} attempts)` };
  }

  async function runFlow(ctx: ReferralContext, path: SimulatorPath, tenantId: string | undefined, signal: AbortSignal) {
    const { agency, referral } = ctx;
    for (const step of plan(ctx, path, seed)) {
      await sleep(delayMs, signal);
      const data: StatusMessageData = { ...step, occurredAt: new Date().toISOString() };
      const event = buildCloudEvent<StatusMessageData>({
        type: EventType.REFERRAL_STATUS_CHANGED,
        source: `urn:kim-agency:${agency.id}`,
        subject: referral.referralId,
        ...(tenantId ? { tenantId } : {}),
        data,
      });
      const result = await deliver(agency, event, signal);
      if ('failed' in result) {
        log(
          `${agency.name}: ${data.status} for referral ${referral.referralId} not delivered: ${result.failed}; stopping`,
        );
        return;
      }
      sent.push({
        agencyId: agency.id,
        referralId: referral.referralId,
        eventId: event.id,
        status: data.status,
        httpStatus: result.httpStatus,
        attempts: result.attempts,
        sentAt: new Date(),
      });
      const detail = data.reason ?? data.businessStatus ?? data.servicesDelivered?.join(', ') ?? '';
      log(
        `${agency.name}: sent ${data.status}${detail ? ` (${detail})` : ''} for referral ${referral.referralId} → HTTP ${result.httpStatus}`,
      );
    }
  }

  function startFlow(agency: SimulatedAgency, referral: ReferralRequestedData, tenantId: string | undefined) {
    const id = key(agency.id, referral.referralId);
    if (cancelled.has(id)) {
      log(`${agency.name}: referral ${referral.referralId} was already cancelled; not answering`);
      return;
    }
    if (flows.has(id)) {
      log(`${agency.name}: referral ${referral.referralId} already being handled; ignoring the new request`);
      return;
    }
    const ctx: ReferralContext = { agency, referral };
    const path = decide(ctx);
    log(
      `${agency.name}: received referral ${referral.referralId} (${referral.service.code}, case ${referral.caseReference}) → will ${path}`,
    );
    const controller = new AbortController();
    const onClose = () => controller.abort();
    closing.signal.addEventListener('abort', onClose, { once: true });
    const done = runFlow(ctx, path, tenantId, controller.signal)
      .catch((e: unknown) => {
        if (!(e instanceof Aborted)) log(`${agency.name}: referral ${referral.referralId} failed: ${describeError(e)}`);
      })
      .finally(() => closing.signal.removeEventListener('abort', onClose));
    // Kept after completion so a later request for the same referral is not answered twice.
    flows.set(id, { controller, done });
  }

  function cancelFlow(agency: SimulatedAgency, referralId: string, reason: string) {
    const id = key(agency.id, referralId);
    cancelled.add(id);
    const flow = flows.get(id);
    flow?.controller.abort();
    log(`${agency.name}: referral ${referralId} cancelled by the hub (${reason}); pending answers stopped`);
  }

  async function handleWebhook(req: IncomingMessage, res: ServerResponse, agencyId: string) {
    const agency = agencies.get(agencyId);
    if (!agency) return reply(res, 404, { error: `unknown agency ${agencyId}` });
    const body = await readBody(req);
    if (body === null) return reply(res, 413, { error: 'body too large' });
    try {
      new Webhook(agency.webhookSecret).verify(body, flatHeaders(req));
    } catch (e) {
      log(`${agency.name}: refused a webhook: ${describeError(e)}`);
      return reply(res, 401, { error: 'invalid signature' });
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return reply(res, 400, { error: 'body is not JSON' });
    }
    const envelope = cloudEventSchema.safeParse(json);
    if (!envelope.success) return reply(res, 400, { error: 'not a CloudEvent', issues: envelope.error.issues });
    const event = envelope.data;

    let action: (() => void) | null = null;
    let referralId: string | null = null;
    if (event.type === EventType.REFERRAL_REQUESTED) {
      const data = referralRequestedDataSchema.safeParse(event.data);
      if (!data.success) return reply(res, 400, { error: 'invalid referral', issues: data.error.issues });
      referralId = data.data.referralId;
      action = () => startFlow(agency, data.data, event.tenantid);
    } else if (event.type === EventType.REFERRAL_CANCELLED) {
      const data = referralCancelledDataSchema.safeParse(event.data);
      if (!data.success) return reply(res, 400, { error: 'invalid cancellation', issues: data.error.issues });
      referralId = data.data.referralId;
      action = () => cancelFlow(agency, data.data.referralId, data.data.reason);
    } else {
      log(`${agency.name}: ignoring event type ${event.type}`);
    }

    const eventKey = key(agency.id, event.id);
    const duplicate = seenEvents.has(eventKey);
    seenEvents.add(eventKey);
    received.push({
      agencyId: agency.id,
      eventId: event.id,
      type: event.type,
      referralId,
      duplicate,
      receivedAt: new Date(),
    });
    // Answer at once; the status messages follow asynchronously, as from a real agency.
    reply(res, 204);
    if (duplicate) {
      log(`${agency.name}: duplicate delivery of event ${event.id} ignored`);
      return;
    }
    action?.();
  }

  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://simulator').pathname;
    if (path === '/health' && req.method === 'GET') return reply(res, 200, { status: 'ok' });
    const match = WEBHOOK_PATH.exec(path);
    if (!match) return reply(res, 404, { error: 'not found' });
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return reply(res, 405, { error: 'method not allowed' });
    }
    let agencyId: string;
    try {
      agencyId = decodeURIComponent(match[1] ?? '');
    } catch {
      return reply(res, 400, { error: 'bad agency id' });
    }
    handleWebhook(req, res, agencyId).catch((e: unknown) => {
      log(`webhook handling failed: ${describeError(e)}`);
      if (!res.headersSent) reply(res, 500, { error: 'internal error' });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  log(`listening on ${url} for ${agencies.size} agenc${agencies.size === 1 ? 'y' : 'ies'}`);

  let closed: Promise<void> | null = null;
  return {
    url,
    received,
    sent,
    close() {
      closed ??= (async () => {
        closing.abort();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await Promise.allSettled([...flows.values()].map((f) => f.done));
        server.closeAllConnections();
        await stopped;
      })();
      return closed;
    },
  };
}
