import type { INestApplicationContext } from '@nestjs/common';
import { createWorkerApp } from '@kim/worker';
import { verifyAuditChain } from '@kim/core';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { expectEventually } from '@kim/test-support/eventually';
import { recordingAgency, type RecordingAgency } from '@kim/test-support/agency-endpoint';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '@kim/test-support/fixtures';

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

  it("cancels the referrals the consent covered on every case of the person, and the notice names only what the agency received", async () => {
    worker ??= await createWorkerApp(hub.config, false);
    const sk = hub.creds.agencies.find((a) => a.key === 'sk')!;
    const service = hub.creds.services.find((s) => s.code === 'SK-INTEGRATIONSKURS')!.id;
    const region = (key: string) => hub.creds.regions.find((r) => r.key === key)!.id;
    const azr = { kind: 'azr', value: 'AZR-REVOKE-0001' };
    const person = newcomer({ name: { givenNames: 'Tesfalem', familyName: 'Gebremariam' }, identifiers: [azr] });
    // Case A in Steinfurt, where the consent is recorded; case B of the same person in Lengerich,
    // opened by the Kreis coordinator who supervises both regions.
    const steinfurtCm = hub.token('cm-steinfurt-1');
    const a = await hub.gql(steinfurtCm, OPEN_CASE, { input: { person, regionId: region('steinfurt') } });
    const b = await hub.gql(hub.token('coordinator-kreis'), OPEN_CASE, {
      input: {
        person,
        regionId: region('lengerich'),
        caseManagerId: hub.creds.staff.find((s) => s.key === 'cm-lengerich-1')!.id,
      },
    });
    const [caseA, caseB] = [a.data.openCase, b.data.openCase];
    const persons = await hub.db.ds.query(`SELECT DISTINCT person_id FROM cases WHERE id = ANY($1::uuid[])`, [
      [caseA.id, caseB.id],
    ]);
    expect(persons).toHaveLength(1);
    const consent = await hub.gql(steinfurtCm, RECORD_CONSENT, { input: consentFor(caseA.id, sk.id) });
    const consentId = consent.data.recordConsent.id as string;
    // Sent from B (it rests on the consent recorded on A); a draft on A is never sent.
    const lengerichCm = hub.token('cm-lengerich-1');
    const onB = await hub.gql(lengerichCm, CREATE_REFERRAL, {
      input: { caseId: caseB.id, serviceId: service, purpose: 'REFERRAL', categories: ['IDENTITY'] },
    });
    const sentB = onB.data.createReferral.id as string;
    expect((await hub.gql(lengerichCm, SEND_REFERRAL, { id: sentB })).errors).toBeUndefined();
    const onA = await hub.gql(steinfurtCm, CREATE_REFERRAL, {
      input: { caseId: caseA.id, serviceId: service, purpose: 'REFERRAL', categories: ['IDENTITY'] },
    });
    const draftA = onA.data.createReferral.id as string;
    await expectEventually(() =>
      expect(agency.events.some((e) => e.type === 'de.kim-hub.referral.requested.v1' && e.data.referralId === sentB)).toBe(
        true,
      ),
    );

    expect((await hub.gql(steinfurtCm, REVOKE, { id: consentId })).errors).toBeUndefined();
    expect(await referral(sentB)).toEqual({ status: 'cancelled', status_reason: 'consent-withdrawn' });
    expect(await referral(draftA)).toEqual({ status: 'cancelled', status_reason: 'consent-withdrawn' });
    // Each cancellation is on the timeline of its own case.
    const [onTimeline] = await hub.db.ds.query(
      `SELECT case_id FROM timeline_events WHERE referral_id = $1 AND data->>'to' = 'cancelled'`,
      [sentB],
    );
    expect(onTimeline.case_id).toBe(caseB.id);

    const notice = await expectEventually(() => {
      const n = agency.events.find((e) => e.type === 'de.kim-hub.consent.revoked.v1' && e.data.consentId === consentId);
      expect(n).toBeDefined();
      return n!;
    });
    // Only the referral it had received, and only the case it had received it from.
    expect(notice.data.cancelledReferralIds).toEqual([sentB]);
    expect(notice.data.caseReference).toBe(caseB.reference);
    await expectEventually(() =>
      expect(
        agency.events.some((e) => e.type === 'de.kim-hub.referral.cancelled.v1' && e.data.referralId === sentB),
      ).toBe(true),
    );
    expect(agency.events.some((e) => e.data.referralId === draftA)).toBe(false);
    // Steinfurt's timeline does not name the referral on the Lengerich case it may not see.
    const [revoked] = await hub.db.ds.query(
      `SELECT data FROM timeline_events WHERE case_id = $1 AND kind = 'consent.revoked'`,
      [caseA.id],
    );
    expect(revoked.data.cancelledReferrals).toEqual([draftA]);
  });
});
