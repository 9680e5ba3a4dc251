import { randomBytes } from 'node:crypto';
import { queueBackendOf } from '@kim/config';
import { QueueName } from '@kim/contracts';
import { seedDemo, type DemoCredentials } from '@kim/demo-data';
import { createQueue } from '@kim/messaging';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '@kim/test-support/fixtures';

const LIST = `query($state: DeliveryState, $agencyId: ID, $failing: Boolean, $after: String, $first: Int) {
  outboundMessages(state: $state, agencyId: $agencyId, failing: $failing, after: $after, first: $first) {
    id referralId agencyId agency { name } deliveryState attempts lastError enqueuedAt discardedAt discardReason cursor
  }
}`;
const DISCARD = `mutation($id: ID!, $reason: String!) { discardMessage(id: $id, reason: $reason) { id deliveryState discardReason discardedAt } }`;
const REPLAY = `mutation($id: ID!) { replayMessage(id: $id) { id deliveryState } }`;
const QUEUES = `{ queues { name waiting active delayed failed completed paused isPaused oldestWaitingSeconds readAt } }`;

interface Listed {
  id: string;
  referralId: string | null;
  agency: { name: string };
  deliveryState: string;
  cursor: string;
}

describe('message operations', () => {
  let hub: TestHub;
  let other: DemoCredentials;
  let operator: string;
  let coordinator: string;
  let agencyA: { id: string; name: string };
  let agencyB: { id: string; name: string };

  /** An outbound message in a given state, created `ageSeconds` ago; no referral (like a consent notice). */
  async function message(
    agencyId: string,
    state: string,
    ageSeconds: number,
    lastError: string | null,
    tenantId = hub.creds.tenantId,
  ): Promise<string> {
    const [row] = await hub.db.ds.query<{ id: string }[]>(
      `INSERT INTO outbox_messages (tenant_id, agency_id, event_type, event_id, delivery_state, trace_id, enqueued, enqueued_at, attempts, last_error, created_at)
       VALUES ($1, $2, 'de.kim-hub.consent.revoked.v1', gen_random_uuid()::text, $3, 'ops-test', true, now(), 3, $4, now() - make_interval(secs => $5))
       RETURNING id`,
      [tenantId, agencyId, state, lastError, ageSeconds],
    );
    return row!.id;
  }

  beforeAll(async () => {
    hub = await startTestHub('messages');
    const suffix = randomBytes(3).toString('hex');
    other = await seedDemo(hub.db.ds, {
      credentialPrefix: `b${suffix}`,
      tenantSlug: `kreis-b-${suffix}`,
      tenantName: 'Kreis B',
      persons: 2,
      simulatorUrl: 'http://127.0.0.1:9',
    });
    operator = hub.token('operator');
    coordinator = hub.token('coordinator-rheine');
    const webhook = hub.creds.agencies.filter((a) => a.channel === 'webhook');
    agencyA = webhook[0]!;
    agencyB = webhook[1]!;
  });
  afterAll(async () => {
    await hub.close();
  });

  describe('outboundMessages', () => {
    let deadA: string[];
    let deadB: string;
    let failing: string;

    beforeAll(async () => {
      // Oldest first: deadA[0] is the oldest of agency A's dead messages.
      deadA = [
        await message(agencyA.id, 'dead', 300, 'agency answered HTTP 410'),
        await message(agencyA.id, 'dead', 200, 'agency answered HTTP 500'),
        await message(agencyA.id, 'dead', 100, 'connect ECONNREFUSED'),
      ];
      deadB = await message(agencyB.id, 'dead', 150, 'agency answered HTTP 503');
      failing = await message(agencyA.id, 'queued', 50, 'agency answered HTTP 502');
      await message(agencyA.id, 'queued', 40, null);
    });

    it("lists one agency's dead messages with their error, newest first, page by page", async () => {
      const first = await hub.gql(operator, LIST, { agencyId: agencyA.id, first: 2 });
      expect(first.errors).toBeUndefined();
      const page1: Listed[] = first.data.outboundMessages;
      expect(page1.map((m) => m.id)).toEqual([deadA[2], deadA[1]]);
      expect(page1[0]).toMatchObject({
        referralId: null,
        agency: { name: agencyA.name },
        deliveryState: 'DEAD',
        attempts: 3,
        lastError: 'connect ECONNREFUSED',
      });
      const second = await hub.gql(operator, LIST, { agencyId: agencyA.id, first: 2, after: page1[1]!.cursor });
      expect(second.data.outboundMessages.map((m: Listed) => m.id)).toEqual([deadA[0]]);
      const all = await hub.gql(operator, LIST, {});
      expect(all.data.outboundMessages.map((m: Listed) => m.id)).toEqual([deadA[2], deadB, deadA[1], deadA[0]]);
    });

    it('lists messages still failing their retries apart from those not yet tried', async () => {
      const r = await hub.gql(operator, LIST, { state: 'QUEUED', failing: true });
      expect(r.data.outboundMessages.map((m: Listed) => m.id)).toEqual([failing]);
    });

    it("shows no other tenant's messages", async () => {
      const theirs = await message(other.agencies[0]!.id, 'dead', 10, 'agency answered HTTP 500', other.tenantId);
      const r = await hub.gql(operator, LIST, {});
      expect(r.data.outboundMessages.map((m: Listed) => m.id)).not.toContain(theirs);
      const mine = await hub.gql(other.staff.find((s) => s.role === 'operator')!.token, LIST, {});
      expect(mine.data.outboundMessages.map((m: Listed) => m.id)).toEqual([theirs]);
    });

    it('refuses a cursor it did not give out, a page too large and an agency id that is none', async () => {
      for (const vars of [{ after: 'bm90LWEtY3Vyc29y' }, { first: 1000 }, { agencyId: 'caritas' }]) {
        const r = await hub.gql(operator, LIST, vars);
        expect(r.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
      }
    });
  });

  describe('discardMessage', () => {
    it('discards a dead message once, with who and why in the ledger; it cannot be replayed afterwards', async () => {
      const id = await message(agencyA.id, 'dead', 5, 'agency answered HTTP 410');
      const shortReason = await hub.gql(operator, DISCARD, { id, reason: '  ' });
      expect(shortReason.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
      const cm = await hub.gql(hub.token('cm-rheine-1'), DISCARD, { id, reason: 'settled by phone' });
      expect(cm.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const [untouched] = await hub.db.ds.query(`SELECT delivery_state FROM outbox_messages WHERE id = $1`, [id]);
      expect(untouched.delivery_state).toBe('dead');

      const done = await hub.gql(operator, DISCARD, { id, reason: 'settled by phone with the agency' });
      expect(done.data.discardMessage).toMatchObject({
        id,
        deliveryState: 'DISCARDED',
        discardReason: 'settled by phone with the agency',
        discardedAt: expect.any(String),
      });
      const again = await hub.gql(operator, DISCARD, { id, reason: 'a second try' });
      expect(again.data.discardMessage).toEqual(done.data.discardMessage);

      const operatorId = hub.creds.staff.find((s) => s.key === 'operator')!.id;
      const ledger = await hub.db.ds.query(
        `SELECT action, actor_kind, actor_id, reason, agency_id FROM audit_events WHERE subject_id = $1`,
        [id],
      );
      expect(ledger).toEqual([
        {
          action: 'message.discard',
          actor_kind: 'staff',
          actor_id: operatorId,
          reason: 'dead: settled by phone with the agency',
          agency_id: agencyA.id,
        },
      ]);
      const replay = await hub.gql(operator, REPLAY, { id });
      expect(replay.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      const listed = await hub.gql(operator, LIST, { state: 'DISCARDED' });
      expect(listed.data.outboundMessages.map((m: Listed) => m.id)).toContain(id);
      // Nor does the agency find it in its polling feed, where it would still see a dead one.
      const events = await hub.db.ds.query<{ id: string; event_id: string }[]>(
        `SELECT id, event_id FROM outbox_messages WHERE agency_id = $1 AND delivery_state IN ('dead', 'discarded')`,
        [agencyA.id],
      );
      const feed = await hub.gql(
        hub.creds.agencies.find((a) => a.id === agencyA.id)!.apiKey,
        `{ referralChanges(first: 100) { edges { node { eventId } } } }`,
      );
      const seen = new Set(feed.data.referralChanges.edges.map((e: { node: { eventId: string } }) => e.node.eventId));
      expect(events.filter((e) => seen.has(e.event_id)).map((e) => e.id)).toEqual(
        events.filter((e) => e.id !== id).map((e) => e.id),
      );
    });

    it('discards a message still failing its retries, but not one never tried or delivered', async () => {
      const retrying = await message(agencyB.id, 'queued', 5, 'agency answered HTTP 503');
      const r = await hub.gql(operator, DISCARD, { id: retrying, reason: 'agency endpoint is gone' });
      expect(r.data.discardMessage.deliveryState).toBe('DISCARDED');
      for (const state of ['queued', 'acknowledged']) {
        const id = await message(agencyB.id, state, 5, null);
        const refused = await hub.gql(operator, DISCARD, { id, reason: 'not wanted' });
        expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      }
    });

    it("cannot reach another tenant's message", async () => {
      const theirs = await message(other.agencies[0]!.id, 'dead', 5, 'agency answered HTTP 500', other.tenantId);
      const r = await hub.gql(operator, DISCARD, { id: theirs, reason: 'not mine to discard' });
      expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const [row] = await hub.db.ds.query(`SELECT delivery_state FROM outbox_messages WHERE id = $1`, [theirs]);
      expect(row.delivery_state).toBe('dead');
    });

    it('records who replayed a message, and after which error', async () => {
      const id = await message(agencyA.id, 'dead', 5, 'agency answered HTTP 500');
      const r = await hub.gql(operator, REPLAY, { id });
      expect(r.data.replayMessage.deliveryState).toBe('QUEUED');
      const [entry] = await hub.db.ds.query(
        `SELECT action, actor_id, reason, agency_id FROM audit_events WHERE subject_id = $1`,
        [id],
      );
      expect(entry).toEqual({
        action: 'message.replay',
        actor_id: hub.creds.staff.find((s) => s.key === 'operator')!.id,
        reason: 'replay 1 after: agency answered HTTP 500',
        agency_id: agencyA.id,
      });
    });
  });

  describe("a coordinator's area", () => {
    /** A dead referral message of a case opened in a region (through the API, then left dead). */
    async function deadReferralMessage(cmKey: string, regionKey: string): Promise<string> {
      const cm = hub.token(cmKey);
      const caritas = hub.creds.agencies.find((a) => a.key === 'caritas')!;
      const c = await hub.gql(cm, OPEN_CASE, {
        input: { person: newcomer(), regionId: hub.creds.regions.find((r) => r.key === regionKey)!.id },
      });
      const caseId = c.data.openCase.id as string;
      await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, caritas.id) });
      const d = await hub.gql(cm, CREATE_REFERRAL, {
        input: {
          caseId,
          serviceId: hub.creds.services.find((x) => x.code === 'CARITAS-MBE')!.id,
          purpose: 'REFERRAL',
          categories: ['IDENTITY'],
        },
      });
      expect((await hub.gql(cm, SEND_REFERRAL, { id: d.data.createReferral.id })).errors).toBeUndefined();
      await hub.db.ds.query(
        `UPDATE outbox_messages SET delivery_state = 'dead', attempts = 3, last_error = 'agency answered HTTP 500'
          WHERE referral_id = $1`,
        [d.data.createReferral.id],
      );
      const [row] = await hub.db.ds.query<{ id: string }[]>(`SELECT id FROM outbox_messages WHERE referral_id = $1`, [
        d.data.createReferral.id,
      ]);
      return row!.id;
    }

    it("lists, replays and discards only the dead messages of the coordinator's own area", async () => {
      const rheine = await deadReferralMessage('cm-rheine-1', 'rheine');
      const steinfurt = await deadReferralMessage('cm-steinfurt-1', 'steinfurt');
      const seen = async (token: string) =>
        ((await hub.gql(token, LIST, { first: 100 })).data.outboundMessages as Listed[]).map((m) => m.id);
      const rheineSees = await seen(coordinator);
      expect(rheineSees).toContain(rheine);
      expect(rheineSees).not.toContain(steinfurt);
      const kreisSees = await seen(hub.token('coordinator-kreis'));
      expect(kreisSees).toContain(steinfurt);
      expect(kreisSees).not.toContain(rheine);
      // Another area's message is answered like one that does not exist, and stays as it was.
      const unknown = '00000000-0000-4000-8000-00000000abcd';
      for (const [query, vars] of [
        [REPLAY, {}],
        [DISCARD, { reason: 'not my area to decide' }],
      ] as const) {
        const theirs = await hub.gql(coordinator, query, { id: steinfurt, ...vars });
        const none = await hub.gql(coordinator, query, { id: unknown, ...vars });
        expect(theirs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
        expect(theirs.errors?.[0]?.message.replace(steinfurt, 'X')).toBe(
          none.errors?.[0]?.message.replace(unknown, 'X'),
        );
      }
      const [untouched] = await hub.db.ds.query(`SELECT delivery_state, replays FROM outbox_messages WHERE id = $1`, [
        steinfurt,
      ]);
      expect(untouched).toEqual({ delivery_state: 'dead', replays: 0 });
      expect(await hub.db.ds.query(`SELECT 1 FROM audit_events WHERE subject_id = $1`, [steinfurt])).toEqual([]);
      // Their own area's, and for the operator every one of the tenant.
      expect((await hub.gql(coordinator, REPLAY, { id: rheine })).data?.replayMessage.deliveryState).toBe('QUEUED');
      const discarded = await hub.gql(operator, DISCARD, { id: steinfurt, reason: 'agency confirmed by phone' });
      expect(discarded.data?.discardMessage.deliveryState).toBe('DISCARDED');
      // A revocation notice belongs to the case of its consent.
      const notice = await message(agencyA.id, 'dead', 1, 'agency answered HTTP 500');
      const [consent] = await hub.db.ds.query<{ id: string }[]>(
        `SELECT k.id FROM consents k JOIN outbox_messages o ON o.referral_id IS NOT NULL
           JOIN referrals r ON r.id = o.referral_id AND r.case_id = k.case_id WHERE o.id = $1`,
        [rheine],
      );
      await hub.db.ds.query(`UPDATE outbox_messages SET consent_id = $2 WHERE id = $1`, [notice, consent!.id]);
      expect(await seen(coordinator)).toContain(notice);
      expect(await seen(hub.token('coordinator-kreis'))).not.toContain(notice);
    });
  });

  describe('queues', () => {
    it('shows every queue to operators and coordinators, with what waits and for how long', async () => {
      const handoff = createQueue(QueueName.HANDOFF, queueBackendOf(hub.config));
      try {
        // No worker runs beside this gateway: the job stays waiting.
        await handoff.add('NightlyHandoffJob', { traceId: 'ops-test' }, { jobId: 'ops-test-waiting' });
        await handoff.add(
          'NightlyHandoffJob',
          { traceId: 'ops-test' },
          { jobId: 'ops-test-delayed', delay: 3_600_000 },
        );
        const queues = await expectEventually(async () => {
          const r = await hub.gql(coordinator, QUEUES);
          const h = r.data.queues.find((q: { name: string }) => q.name === 'handoff');
          expect(h).toMatchObject({ waiting: 1, delayed: 1, isPaused: false, paused: 0 });
          return r.data.queues;
        });
        expect(queues.map((q: { name: string }) => q.name)).toEqual(['outbox', 'maintenance', 'handoff', 'linkage']);
        const h = queues.find((q: { name: string }) => q.name === 'handoff');
        expect(h.oldestWaitingSeconds).toBeGreaterThanOrEqual(0);
        expect(h.oldestWaitingSeconds).toBeLessThan(60);
        const o = await hub.gql(operator, QUEUES);
        expect(o.errors).toBeUndefined();
      } finally {
        await handoff.obliterate({ force: true });
        await handoff.close();
      }
    });

    it('refuses case managers and agencies', async () => {
      for (const token of [hub.token('cm-rheine-1'), hub.creds.agencies[0]!.apiKey]) {
        const r = await hub.gql(token, QUEUES);
        expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    });
  });
});

describe('queues on the PostgreSQL queue backend', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('queuespg', { backend: 'postgres' });
  });
  afterAll(async () => {
    await hub.close();
  });

  it('reads the same counts', async () => {
    const maintenance = createQueue(QueueName.MAINTENANCE, queueBackendOf(hub.config));
    try {
      await maintenance.add('LinkageSweepJob', { traceId: 'ops-test' }, { jobId: 'ops-test-pg' });
      await expectEventually(async () => {
        const r = await hub.gql(hub.token('operator'), QUEUES);
        expect(r.errors).toBeUndefined();
        expect(r.data.queues.find((q: { name: string }) => q.name === 'maintenance')).toMatchObject({
          waiting: 1,
          oldestWaitingSeconds: expect.any(Number),
        });
      });
    } finally {
      await maintenance.close();
    }
  });
});
