import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '@kim/worker';
import { verifyAuditChain } from '@kim/core';
import { startTestHub, type TestHub } from '../support/hub.js';
import { expectEventually } from '../support/eventually.js';
import { recordingAgency, type RecordingAgency } from '../support/agency-endpoint.js';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '../support/fixtures.js';

const REVOKE = `mutation($id: ID!) { revokeConsent(consentId: $id) { id revokedAt } }`;

describe('revoking consent', () => {
  let hub: TestHub;
  let worker: INestApplicationContext | undefined;
  let agency: RecordingAgency;
  let cm: string;

  beforeAll(async () => {
    hub = await startTestHub('revocation');
    agency = await recordingAgency();
    await hub.db.ds.query(`UPDATE agencies SET webhook_url = $1 WHERE channel = 'webhook'`, [agency.url]);
    cm = hub.token('cm-rheine-2');
  });
  afterAll(async () => {
    await worker?.close();
    await agency.close();
    await hub.close();
  });

  async function referralWithConsent() {
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const sk = hub.creds.agencies.find((a) => a.key === 'sk')!;
    const service = hub.creds.services.find((s) => s.code === 'SK-INTEGRATIONSKURS')!.id;
    const c = await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
    const caseId = c.data.openCase.id;
    const consent = await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, sk.id) });
    const d = await hub.gql(cm, CREATE_REFERRAL, {
      input: { caseId, serviceId: service, purpose: 'REFERRAL', categories: ['IDENTITY'] },
    });
    const s = await hub.gql(cm, SEND_REFERRAL, { id: d.data.createReferral.id });
    expect(s.errors).toBeUndefined();
    return {
      caseId,
      referralId: d.data.createReferral.id as string,
      consentId: consent.data.recordConsent.id as string,
    };
  }

  const referral = async (id: string) =>
    (await hub.db.ds.query(`SELECT status, status_reason FROM referrals WHERE id = $1`, [id]))[0];

  it('before anything left: the waiting message is suppressed, the referral cancelled, the agency hears nothing', async () => {
    const { referralId, consentId } = await referralWithConsent();
    const r = await hub.gql(cm, REVOKE, { id: consentId });
    expect(r.errors).toBeUndefined();
    expect(await referral(referralId)).toEqual({ status: 'cancelled', status_reason: 'consent-withdrawn' });
    const messages = await hub.db.ds.query(
      `SELECT event_type, delivery_state FROM outbox_messages WHERE referral_id = $1 OR consent_id = $2`,
      [referralId, consentId],
    );
    expect(messages).toEqual([{ event_type: 'de.kim-hub.referral.requested.v1', delivery_state: 'suppressed' }]);
    worker ??= await createWorkerApp(hub.config, false);
    // Give the worker a message of its own to prove it runs, then check nothing about this referral arrived.
    const other = await referralWithConsent();
    await expectEventually(() => expect(agency.events.some((e) => e.data.referralId === other.referralId)).toBe(true));
    expect(agency.events.filter((e) => e.data.referralId === referralId)).toEqual([]);
  });

  it('after data went out: the agency gets the cancellation and a consent-revoked notice (Art. 19)', async () => {
    worker ??= await createWorkerApp(hub.config, false);
    const { referralId, consentId } = await referralWithConsent();
    await expectEventually(() =>
      expect(
        agency.events.some((e) => e.type === 'de.kim-hub.referral.requested.v1' && e.data.referralId === referralId),
      ).toBe(true),
    );
    expect((await hub.gql(cm, REVOKE, { id: consentId })).errors).toBeUndefined();
    expect(await referral(referralId)).toEqual({ status: 'cancelled', status_reason: 'consent-withdrawn' });
    const notice = await expectEventually(() => {
      const n = agency.events.find((e) => e.type === 'de.kim-hub.consent.revoked.v1' && e.data.consentId === consentId);
      expect(n).toBeDefined();
      return n!;
    });
    expect(notice.data.cancelledReferralIds).toEqual([referralId]);
    expect(JSON.stringify(notice)).not.toContain('Amina');
    await expectEventually(() =>
      expect(
        agency.events.some((e) => e.type === 'de.kim-hub.referral.cancelled.v1' && e.data.referralId === referralId),
      ).toBe(true),
    );
    // A second revocation is refused; the ledger is intact.
    expect((await hub.gql(cm, REVOKE, { id: consentId })).errors?.[0].extensions.code).toBe('CONFLICT');
    expect((await verifyAuditChain(hub.db.ds, hub.creds.tenantId)).ok).toBe(true);
  });
});
