import { OutboxMessageBuilder } from '@kim/core';
import { AgencyEntity, handoffRepository, outboxRepository } from '@kim/persistence';
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

const CHANGES = /* GraphQL */ `
  query Changes($after: String, $first: Int) {
    referralChanges(after: $after, first: $first) {
      edges {
        cursor
        node {
          eventId
          eventType
          occurredAt
          referralId
          caseId
          consentId
          referralStatus
          deliveryState
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

interface Change {
  eventId: string;
  eventType: string;
  referralId: string | null;
  caseId: string | null;
  referralStatus: string | null;
  deliveryState: string;
}

/** The polling fallback: an agency without webhooks reads the events the hub has for it. */
describe('referralChanges (polling for agencies without webhooks)', () => {
  let hub: TestHub;
  let cm: string;
  let welcomeKey: string;
  let welcomeId: string;

  beforeAll(async () => {
    // No worker: messages to this file-channel agency stay queued, as they would without a webhook.
    hub = await startTestHub('changes');
    cm = hub.token('cm-rheine-1');
    const welcome = hub.creds.agencies.find((a) => a.key === 'welcome')!;
    if (welcome.channel !== 'file')
      throw new Error('the demo data changed: WelCome In! should receive files, not webhooks');
    welcomeKey = welcome.apiKey;
    welcomeId = welcome.id;
  });
  afterAll(() => hub.close());

  async function sendReferral(): Promise<{ referralId: string; caseId: string; consentId: string }> {
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const service = hub.creds.services.find((s) => s.code === 'WELCOME-TREFF')!.id;
    const opened = await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
    const caseId = opened.data.openCase.id;
    const consent = await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, welcomeId) });
    expect(consent.errors).toBeUndefined();
    const draft = await hub.gql(cm, CREATE_REFERRAL, {
      input: { caseId, serviceId: service, purpose: 'REFERRAL', categories: ['IDENTITY'] },
    });
    const referralId = draft.data.createReferral.id;
    const sent = await hub.gql(cm, SEND_REFERRAL, { id: referralId });
    expect(sent.errors).toBeUndefined();
    return { referralId, caseId, consentId: consent.data.recordConsent.id };
  }

  /** Read the whole feed after a cursor, `first` at a time, as a polling agency would. */
  async function drain(
    key: string,
    after: string | null,
    first: number,
  ): Promise<{ changes: Change[]; cursor: string | null; pages: number }> {
    const changes: Change[] = [];
    let cursor = after;
    let pages = 0;
    for (;;) {
      const r = await hub.gql(key, CHANGES, { after: cursor, first });
      expect(r.errors).toBeUndefined();
      const { edges, pageInfo } = r.data.referralChanges;
      pages += 1;
      changes.push(...edges.map((e: { node: Change }) => e.node));
      cursor = pageInfo.endCursor;
      if (!pageInfo.hasNextPage) return { changes, cursor, pages };
    }
  }

  it('is open to agencies only', async () => {
    const r = await hub.gql(cm, CHANGES, {});
    expect(r.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('starts empty, and an empty answer keeps the position', async () => {
    const r = await hub.gql(welcomeKey, CHANGES, {});
    expect(r.data.referralChanges).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('lists the agency’s events oldest first, page by page, each exactly once, and then what is new', async () => {
    const a = await sendReferral();
    const b = await sendReferral();
    const c = await sendReferral();
    // b reached the agency: claimed by a file export as the nightly run does (built, its
    // disclosure in the ledger, marked sent), so its cancellation is announced. A request still
    // waiting would be suppressed instead, with no cancellation (referral/cancelling.ts).
    await hub.db.ds.transaction(async (m) => {
      const request = (await outboxRepository.lockQueuedOfAgency(m, hub.creds.tenantId, welcomeId)).find(
        (o) => o.referralId === b.referralId,
      )!;
      const agency = await m.findOneByOrFail(AgencyEntity, { tenantId: hub.creds.tenantId, id: welcomeId });
      const built = await new OutboxMessageBuilder(hub.db.ds, 'urn:test').build(m, request, agency);
      if (built.kind !== 'body') throw new Error(`not built: ${built.reason}`);
      const run = await handoffRepository.startRun(m, hub.creds.tenantId, welcomeId, 'export', 'changes-test');
      await outboxRepository.claimForExport(m, hub.creds.tenantId, request.id, run.id, built.body);
    });
    const cancelled = await hub.gql(
      cm,
      `mutation($id: ID!) { cancelReferral(referralId: $id, reason: "Termin nicht mehr nötig") { status } }`,
      { id: b.referralId },
    );
    expect(cancelled.errors).toBeUndefined();

    const all = await expectEventually(async () => {
      const d = await drain(welcomeKey, null, 2);
      expect(d.changes).toHaveLength(4);
      return d;
    });
    expect(all.pages).toBe(2);
    expect(all.changes.map((ch) => [ch.eventType, ch.referralId])).toEqual([
      ['de.kim-hub.referral.requested.v1', a.referralId],
      ['de.kim-hub.referral.requested.v1', b.referralId],
      ['de.kim-hub.referral.requested.v1', c.referralId],
      ['de.kim-hub.referral.cancelled.v1', b.referralId],
    ]);
    expect(all.changes[0]).toMatchObject({ caseId: a.caseId, referralStatus: 'REQUESTED', deliveryState: 'QUEUED' });
    expect(all.changes[1]!.referralStatus).toBe('CANCELLED');
    expect(new Set(all.changes.map((ch) => ch.eventId)).size).toBe(4);

    // Nothing new: no changes, same position.
    const again = await hub.gql(welcomeKey, CHANGES, { after: all.cursor });
    expect(again.data.referralChanges).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: all.cursor } });

    const d = await sendReferral();
    const next = await expectEventually(async () => {
      const n = await drain(welcomeKey, all.cursor, 50);
      expect(n.changes).toHaveLength(1);
      return n;
    });
    expect(next.changes[0]).toMatchObject({ eventType: 'de.kim-hub.referral.requested.v1', referralId: d.referralId });

    // What the agency read is in the ledger.
    const [ledger] = await hub.db.ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'referral-changes.read' AND subject_id = $1 AND allowed`,
      [welcomeId],
    );
    expect(ledger.n).toBeGreaterThanOrEqual(3);
  });

  it('leaves out what consent no longer covers, and other agencies’ events', async () => {
    const { referralId, consentId } = await sendReferral();
    const revoked = await hub.gql(cm, `mutation($id: ID!) { revokeConsent(consentId: $id) { revokedAt } }`, {
      id: consentId,
    });
    expect(revoked.errors).toBeUndefined();
    const [row] = await hub.db.ds.query(
      `SELECT delivery_state FROM outbox_messages WHERE referral_id = $1 AND event_type = 'de.kim-hub.referral.requested.v1'`,
      [referralId],
    );
    expect(row.delivery_state).toBe('suppressed');
    const { changes } = await drain(welcomeKey, null, 100);
    expect(
      changes.filter((ch) => ch.referralId === referralId && ch.eventType === 'de.kim-hub.referral.requested.v1'),
    ).toEqual([]);

    const jobcenter = hub.creds.agencies.find((x) => x.key === 'jc')!.apiKey;
    expect((await drain(jobcenter, null, 100)).changes).toEqual([]);
  });

  it('holds back rows while an older transaction could still commit one behind the cursor', async () => {
    const before = (await drain(welcomeKey, null, 100)).cursor;
    // A transaction that began before the referral and is still open (it might yet write an
    // outbox row stamped with its start time).
    const open = hub.db.ds.createQueryRunner();
    await open.connect();
    await open.startTransaction();
    await open.query('SELECT 1');
    try {
      const { referralId } = await sendReferral();
      const held = await hub.gql(welcomeKey, CHANGES, { after: before });
      expect(held.data.referralChanges.edges).toEqual([]);
      await open.commitTransaction();
      const after = await drain(welcomeKey, before, 100);
      expect(after.changes.map((ch) => ch.referralId)).toEqual([referralId]);
    } finally {
      if (open.isTransactionActive) await open.rollbackTransaction();
      await open.release();
    }
  });

  it('refuses a cursor it did not give out, and pages over the limit', async () => {
    const forged = await hub.gql(welcomeKey, CHANGES, { after: Buffer.from('v1:1:not-a-uuid').toString('base64url') });
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'INVALID_INPUT', problems: [{ path: 'after' }] });
    const tooMany = await hub.gql(welcomeKey, CHANGES, { first: 101 });
    expect(tooMany.errors?.[0].extensions.code).toBe('INVALID_INPUT');
  });
});
