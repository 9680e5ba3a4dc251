import type { INestApplicationContext } from '@nestjs/common';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import { recordingAgency, type RecordingAgency } from '@kim/test-support/agency-endpoint';
import { sentCaritasReferral } from '@kim/test-support/referrals';
import { createWorkerApp } from '../bootstrap.js';

const DO_NOT_CONTACT = `mutation($c: ID!, $v: Boolean!) { setDoNotContact(caseId: $c, doNotContact: $v) }`;

/**
 * "Do not contact" is decided again when a message is delivered, not only when it is sent: a
 * message that waited on the queue, or died and is replayed, after the person asked not to be
 * contacted never goes out, and its suppression is recorded.
 */
describe('do not contact, at delivery', () => {
  let hub: TestHub;
  let worker: INestApplicationContext | undefined;
  let agency: RecordingAgency;
  let answer = 204;
  let cm: string;

  beforeAll(async () => {
    hub = await startTestHub('dnc');
    agency = await recordingAgency(() => answer);
    await hub.db.ds.query(`UPDATE agencies SET webhook_url = $1 WHERE channel = 'webhook'`, [agency.url]);
    cm = hub.token('cm-rheine-1');
  });
  afterAll(async () => {
    await worker?.close();
    await agency.close();
    await hub.close();
  });

  const sentReferral = () => sentCaritasReferral(hub, cm);

  const state = async (referralId: string) =>
    (
      await hub.db.ds.query<{ delivery_state: string }[]>(
        `SELECT delivery_state FROM outbox_messages WHERE referral_id = $1`,
        [referralId],
      )
    )[0]!.delivery_state;

  /** The refusal as recorded: the last word of the ledger on the referral, and the timeline. */
  async function expectSuppressionRecorded(referralId: string, caseId: string, earlierAttempts: number) {
    const ledger = await hub.db.ds.query(
      `SELECT allowed, reason FROM audit_events WHERE subject_id = $1 AND action = 'referral.disclose' ORDER BY seq`,
      [referralId],
    );
    // One disclosure per failed attempt before the flag, then the refusal.
    expect(ledger).toEqual([
      ...Array.from({ length: earlierAttempts }, () => ({ allowed: true, reason: null })),
      { allowed: false, reason: 'the person asked not to be contacted by agencies' },
    ]);
    const timeline = await hub.db.ds.query(
      `SELECT kind FROM timeline_events WHERE case_id = $1 AND referral_id = $2 AND kind = 'message.suppressed'`,
      [caseId, referralId],
    );
    expect(timeline).toHaveLength(1);
  }

  it('suppresses a message that waited on the queue while the person asked not to be contacted', async () => {
    const { caseId, referralId } = await sentReferral();
    // No worker yet: the message waits while the flag is set.
    expect((await hub.gql(cm, DO_NOT_CONTACT, { c: caseId, v: true })).errors).toBeUndefined();
    worker = await createWorkerApp(hub.config, false);
    await expectEventually(async () => expect(await state(referralId)).toBe('suppressed'));
    expect(agency.events.filter((e) => e.data.referralId === referralId)).toEqual([]);
    await expectSuppressionRecorded(referralId, caseId, 0);
  });

  it('suppresses a dead message replayed after the flag was set', async () => {
    worker ??= await createWorkerApp(hub.config, false);
    answer = 503;
    const { caseId, referralId } = await sentReferral();
    await expectEventually(async () => expect(await state(referralId)).toBe('dead'));
    expect((await hub.gql(cm, DO_NOT_CONTACT, { c: caseId, v: true })).errors).toBeUndefined();
    answer = 204;
    const [msg] = await hub.db.ds.query<{ id: string }[]>(`SELECT id FROM outbox_messages WHERE referral_id = $1`, [
      referralId,
    ]);
    const replay = await hub.gql(hub.token('operator'), `mutation($id: ID!) { replayMessage(id: $id) { id } }`, {
      id: msg!.id,
    });
    expect(replay.errors).toBeUndefined();
    await expectEventually(async () => expect(await state(referralId)).toBe('suppressed'));
    expect(agency.events.filter((e) => e.data.referralId === referralId)).toEqual([]);
    await expectSuppressionRecorded(referralId, caseId, Number(hub.config.DELIVERY_ATTEMPTS));
  });
});
