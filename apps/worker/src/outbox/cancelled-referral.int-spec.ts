import type { INestApplicationContext } from '@nestjs/common';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import { recordingAgency, type RecordingAgency } from '@kim/test-support/agency-endpoint';
import { sentCaritasReferral } from '@kim/test-support/referrals';
import { createWorkerApp } from '../bootstrap.js';

const CANCEL = `mutation($id: ID!, $reason: String!) { cancelReferral(referralId: $id, reason: $reason) { status } }`;
const REPLAY = `mutation($id: ID!) { replayMessage(id: $id) { id } }`;

/**
 * A referral request that died (the agency's endpoint failed every attempt) must never reach
 * the agency once its referral is cancelled: cancelling suppresses it, and a dead request that
 * escaped that (one from before this rule) is suppressed when it is built for delivery.
 */
describe('a cancelled referral’s dead request', () => {
  let hub: TestHub;
  let worker: INestApplicationContext;
  let agency: RecordingAgency;
  let answer = 503;
  let cm: string;

  beforeAll(async () => {
    hub = await startTestHub('cxdead');
    agency = await recordingAgency(() => answer);
    await hub.db.ds.query(`UPDATE agencies SET webhook_url = $1 WHERE channel = 'webhook'`, [agency.url]);
    cm = hub.token('cm-rheine-1');
    worker = await createWorkerApp(hub.config, false);
  });
  afterAll(async () => {
    await worker?.close();
    await agency.close();
    await hub.close();
  });

  async function deadReferral(): Promise<{ referralId: string; messageId: string }> {
    answer = 503;
    const { referralId } = await sentCaritasReferral(hub, cm);
    await expectEventually(async () => expect(await state(referralId)).toBe('dead'));
    const [msg] = await hub.db.ds.query<{ id: string }[]>(`SELECT id FROM outbox_messages WHERE referral_id = $1`, [
      referralId,
    ]);
    answer = 204;
    return { referralId, messageId: msg!.id };
  }

  const state = async (referralId: string) =>
    (
      await hub.db.ds.query<{ delivery_state: string }[]>(
        `SELECT delivery_state FROM outbox_messages WHERE referral_id = $1 AND event_type = 'de.kim-hub.referral.requested.v1'`,
        [referralId],
      )
    )[0]!.delivery_state;

  // Requests that reached the agency (a cancellation notice may: each failed attempt was a disclosure).
  const received = (referralId: string) =>
    agency.events.filter((e) => e.data.referralId === referralId && e.type === 'de.kim-hub.referral.requested.v1');

  it('cancelling suppresses the dead request, and a replay is refused', async () => {
    const { referralId, messageId } = await deadReferral();
    const cancel = await hub.gql(cm, CANCEL, { id: referralId, reason: 'Termin nicht mehr nötig' });
    expect(cancel.data?.cancelReferral).toEqual({ status: 'CANCELLED' });
    expect(await state(referralId)).toBe('suppressed');
    const replay = await hub.gql(hub.token('operator'), REPLAY, { id: messageId });
    expect(replay.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(received(referralId)).toEqual([]);
  });

  it('a dead request of a cancelled referral that is replayed anyway is suppressed at delivery', async () => {
    const { referralId, messageId } = await deadReferral();
    expect((await hub.gql(cm, CANCEL, { id: referralId, reason: 'Doppelt angelegt' })).errors).toBeUndefined();
    // As a hub before this rule left it: the request still dead after the cancellation.
    await hub.db.ds.query(`UPDATE outbox_messages SET delivery_state = 'dead' WHERE id = $1`, [messageId]);
    expect((await hub.gql(hub.token('operator'), REPLAY, { id: messageId })).errors).toBeUndefined();
    await expectEventually(async () => expect(await state(referralId)).toBe('suppressed'));
    expect(received(referralId)).toEqual([]);
    const [refusal] = await hub.db.ds.query<{ allowed: boolean; reason: string }[]>(
      `SELECT allowed, reason FROM audit_events WHERE subject_id = $1 AND action = 'referral.disclose' ORDER BY seq DESC LIMIT 1`,
      [referralId],
    );
    expect(refusal).toEqual({ allowed: false, reason: 'the referral is cancelled' });
  });
});
