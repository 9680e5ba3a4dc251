import { startTestHub, type TestHub } from '../../../../tests/support/hub.js';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '../../../../tests/support/fixtures.js';

const LEGAL_BASIS = `mutation($input: RecordLegalBasisInput!) { recordLegalBasis(input: $input) { id citation personId } }`;

describe('privacy rules at send time', () => {
  let hub: TestHub;
  let cm: string;
  let abh: { id: string };
  let abhService: string;

  beforeAll(async () => {
    hub = await startTestHub('privacy');
    cm = hub.token('cm-rheine-1');
    abh = hub.creds.agencies.find((a) => a.key === 'abh')!;
    abhService = hub.creds.services.find((s) => s.code === 'ABH-AUFENTHALT')!.id;
  });
  afterAll(() => hub.close());

  async function caseWithDraft(serviceId: string, categories = ['IDENTITY', 'RESIDENCE_STATUS']) {
    const rheine = hub.creds.regions.find((r) => r.key === 'rheine')!.id;
    const c = await hub.gql(cm, OPEN_CASE, { input: { person: newcomer(), regionId: rheine } });
    const caseId = c.data.openCase.id as string;
    const d = await hub.gql(cm, CREATE_REFERRAL, { input: { caseId, serviceId, purpose: 'REFERRAL', categories } });
    return { caseId, referralId: d.data.createReferral.id as string };
  }

  it('sends nothing to the Ausländerbehörde by default, not even with consent for another agency', async () => {
    const { caseId, referralId } = await caseWithDraft(abhService);
    const jc = hub.creds.agencies.find((a) => a.key === 'jc')!;
    await hub.gql(cm, RECORD_CONSENT, {
      input: consentFor(caseId, jc.id, { categories: ['IDENTITY', 'RESIDENCE_STATUS'] }),
    });
    const r = await hub.gql(cm, SEND_REFERRAL, { id: referralId });
    expect(r.errors?.[0].extensions.code).toBe('CONSENT_REQUIRED');
    expect(r.errors?.[0].extensions.denied.map((d: { reason: string }) => d.reason)).toEqual([
      'OTHER_RECIPIENT',
      'OTHER_RECIPIENT',
    ]);
  });

  it('sends to the Ausländerbehörde on a legal basis that names it, recorded by a coordinator', async () => {
    const { caseId, referralId } = await caseWithDraft(abhService);
    const input = {
      recipientAgencyId: abh.id,
      caseId,
      purposes: ['REFERRAL'],
      categories: ['IDENTITY', 'RESIDENCE_STATUS'],
      citation: '§ 87 Abs. 1 AufenthG',
      validFrom: '2026-01-01',
    };
    const byCaseManager = await hub.gql(cm, LEGAL_BASIS, { input });
    expect(byCaseManager.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const noNorm = await hub.gql(hub.token('coordinator-rheine'), LEGAL_BASIS, {
      input: { ...input, citation: 'weil es nötig ist' },
    });
    expect(noNorm.errors?.[0].extensions.problems[0].path).toBe('citation');
    const recorded = await hub.gql(hub.token('coordinator-rheine'), LEGAL_BASIS, { input });
    expect(recorded.errors).toBeUndefined();
    const r = await hub.gql(cm, SEND_REFERRAL, { id: referralId });
    expect(r.errors).toBeUndefined();
    expect(r.data.sendReferral.status).toBe('REQUESTED');
  });

  it('never sends health data on a legal basis: only consent that names it', async () => {
    const { caseId, referralId } = await caseWithDraft(abhService, ['IDENTITY', 'HEALTH']);
    await hub.gql(hub.token('coordinator-rheine'), LEGAL_BASIS, {
      input: {
        recipientAgencyId: abh.id,
        caseId,
        purposes: ['REFERRAL'],
        categories: ['IDENTITY', 'HEALTH'],
        citation: '§ 87 Abs. 1 AufenthG',
        validFrom: '2026-01-01',
      },
    });
    const r = await hub.gql(cm, SEND_REFERRAL, { id: referralId });
    expect(r.errors?.[0].extensions.code).toBe('CONSENT_REQUIRED');
    expect(r.errors?.[0].message).toMatch(/health/);
  });

  it('refuses to send for a person who asked not to be contacted', async () => {
    const jc = hub.creds.agencies.find((a) => a.key === 'jc')!;
    const service = hub.creds.services.find((s) => s.code === 'JC-VERMITTLUNG')!.id;
    const { caseId, referralId } = await caseWithDraft(service, ['IDENTITY']);
    await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, jc.id) });
    const set = await hub.gql(cm, `mutation($c: ID!) { setDoNotContact(caseId: $c, doNotContact: true) }`, {
      c: caseId,
    });
    expect(set.data.setDoNotContact).toBe(true);
    const r = await hub.gql(cm, SEND_REFERRAL, { id: referralId });
    expect(r.errors?.[0].extensions.code).toBe('DO_NOT_CONTACT');
    // The refusal is in the ledger although the send was rolled back.
    const refusals = await hub.db.ds.query(
      `SELECT action, allowed, reason FROM audit_events WHERE subject_id = $1 AND action = 'referral.send'`,
      [referralId],
    );
    expect(refusals).toEqual([{ action: 'referral.send', allowed: false, reason: 'do not contact' }]);
    await hub.gql(cm, `mutation($c: ID!) { setDoNotContact(caseId: $c, doNotContact: false) }`, { c: caseId });
    expect((await hub.gql(cm, SEND_REFERRAL, { id: referralId })).errors).toBeUndefined();
  });

  it('keeps consent for a service apart from consent to disclose, and lets deny provisions win', async () => {
    const jc = hub.creds.agencies.find((a) => a.key === 'jc')!;
    const service = hub.creds.services.find((s) => s.code === 'JC-VERMITTLUNG')!.id;
    const { caseId, referralId } = await caseWithDraft(service, ['IDENTITY', 'CONTACT']);
    const serviceOnly = await hub.gql(cm, RECORD_CONSENT, { input: consentFor(caseId, jc.id, { kind: 'service' }) });
    expect(serviceOnly.errors).toBeUndefined();
    expect((await hub.gql(cm, SEND_REFERRAL, { id: referralId })).errors?.[0].extensions.code).toBe('CONSENT_REQUIRED');

    const guardianWithoutName = await hub.gql(cm, RECORD_CONSENT, {
      input: consentFor(caseId, jc.id, { grantor: { type: 'guardian' } }),
    });
    expect(guardianWithoutName.errors?.[0].extensions.problems[0].path).toBe('grantor.name');

    const withDeny = await hub.gql(cm, RECORD_CONSENT, {
      input: consentFor(caseId, jc.id, {
        grantor: { type: 'guardian', name: 'Vormund Beispiel' },
        provisions: [{ type: 'deny', categories: ['CONTACT'] }],
      }),
    });
    expect(withDeny.errors).toBeUndefined();
    const denied = await hub.gql(cm, SEND_REFERRAL, { id: referralId });
    expect(denied.errors?.[0].extensions.denied).toEqual([
      expect.objectContaining({ category: 'contact', reason: 'DENIED_BY_PROVISION' }),
    ]);
  });

  it('refuses consent evidence that cannot be true: signed in the future, valid long before signing or for decades', async () => {
    const jc = hub.creds.agencies.find((a) => a.key === 'jc')!;
    const { caseId } = await caseWithDraft(hub.creds.services.find((s) => s.code === 'JC-VERMITTLUNG')!.id, [
      'IDENTITY',
    ]);
    const before = await hub.db.ds.query(`SELECT count(*)::int AS n FROM consents WHERE case_id = $1`, [caseId]);
    const base = consentFor(caseId, jc.id);
    const implausible = await hub.gql(cm, RECORD_CONSENT, {
      input: {
        ...base,
        validFrom: '2000-01-01',
        validUntil: '9999-12-31',
        evidence: { ...base.evidence, signedOn: '2030-01-01' },
      },
    });
    expect(implausible.errors?.[0].extensions.code).toBe('INVALID_INPUT');
    expect(implausible.errors?.[0].extensions.problems.map((p: { path: string }) => p.path)).toEqual([
      'evidence.signedOn',
      'validFrom',
      'validUntil',
    ]);
    const after = await hub.db.ds.query(`SELECT count(*)::int AS n FROM consents WHERE case_id = $1`, [caseId]);
    expect(after).toEqual(before);
    // The fixture's consent (signed 01.01.2026, three years) is plausible.
    expect((await hub.gql(cm, RECORD_CONSENT, { input: base })).errors).toBeUndefined();
  });
});
