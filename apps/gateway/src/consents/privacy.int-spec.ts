import { startTestHub, type TestHub } from '@kim/test-support/hub';
import {
  CREATE_REFERRAL,
  OPEN_CASE,
  RECORD_CONSENT,
  SEND_REFERRAL,
  consentFor,
  newcomer,
} from '@kim/test-support/fixtures';

const LEGAL_BASIS = `mutation($input: RecordLegalBasisInput!) { recordLegalBasis(input: $input) { id citation personId caseId coordinationAreaId norm status } }`;
const REVIEW = `mutation($input: ReviewLegalBasisInput!) { reviewLegalBasis(input: $input) { id status reviewedBy reviewNote } }`;

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

  it('sends to the Ausländerbehörde on a legal basis for the case, once a second coordinator confirmed it', async () => {
    const { caseId, referralId } = await caseWithDraft(abhService);
    const input = {
      recipientAgencyId: abh.id,
      caseId,
      purposes: ['REFERRAL'],
      categories: ['IDENTITY', 'RESIDENCE_STATUS'],
      citation: '§ 87 Abs. 1 AufenthG',
      validFrom: '2026-01-01',
    };
    const rheine = hub.token('coordinator-rheine');
    const byCaseManager = await hub.gql(cm, LEGAL_BASIS, { input });
    expect(byCaseManager.errors?.[0].extensions.code).toBe('FORBIDDEN');
    // Only norms of the maintained list, and only for the agency kinds and categories they reach.
    for (const citation of ['weil es nötig ist', '§ 0 Pentest', '§ 87 Pentest AufenthG']) {
      const r = await hub.gql(rheine, LEGAL_BASIS, { input: { ...input, citation } });
      expect(r.errors?.[0].extensions.problems[0].path).toBe('citation');
    }
    const jc = hub.creds.agencies.find((a) => a.key === 'jc')!;
    const wrongAgency = await hub.gql(rheine, LEGAL_BASIS, { input: { ...input, recipientAgencyId: jc.id } });
    expect(wrongAgency.errors?.[0].extensions.problems[0].path).toBe('recipientAgencyId');
    const wrongCategory = await hub.gql(rheine, LEGAL_BASIS, { input: { ...input, categories: ['BENEFITS'] } });
    expect(wrongCategory.errors?.[0].extensions.problems[0].path).toBe('categories');

    const recorded = await hub.gql(rheine, LEGAL_BASIS, { input });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data.recordLegalBasis).toMatchObject({
      caseId,
      coordinationAreaId: null,
      norm: 'AUFENTHG_87',
      status: 'PENDING',
    });
    const basisId = recorded.data.recordLegalBasis.id as string;
    // Not in effect before the second pair of eyes.
    const early = await hub.gql(cm, SEND_REFERRAL, { id: referralId });
    expect(early.errors?.[0].extensions.code).toBe('CONSENT_REQUIRED');
    const own = await hub.gql(rheine, REVIEW, { input: { legalBasisId: basisId, decision: 'CONFIRM' } });
    expect(own.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const otherArea = await hub.gql(hub.token('coordinator-kreis'), REVIEW, {
      input: { legalBasisId: basisId, decision: 'CONFIRM' },
    });
    expect(otherArea.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const listed = await hub.gql(hub.token('coordinator-rheine-2'), `{ legalBases(status: PENDING) { id } }`);
    expect(listed.data.legalBases.map((b: { id: string }) => b.id)).toContain(basisId);
    const notListed = await hub.gql(hub.token('coordinator-kreis'), `{ legalBases { id } }`);
    expect(notListed.data.legalBases.map((b: { id: string }) => b.id)).not.toContain(basisId);
    const confirmed = await hub.gql(hub.token('coordinator-rheine-2'), REVIEW, {
      input: { legalBasisId: basisId, decision: 'CONFIRM', note: 'Anfrage der ABH nach § 87 liegt vor' },
    });
    expect(confirmed.data.reviewLegalBasis).toMatchObject({
      status: 'CONFIRMED',
      reviewedBy: hub.creds.staff.find((x) => x.key === 'coordinator-rheine-2')!.id,
    });
    const again = await hub.gql(hub.token('coordinator-rheine-2'), REVIEW, {
      input: { legalBasisId: basisId, decision: 'REJECT', note: 'doch nicht' },
    });
    expect(again.errors?.[0].extensions.code).toBe('CONFLICT');
    const r = await hub.gql(cm, SEND_REFERRAL, { id: referralId });
    expect(r.errors).toBeUndefined();
    expect(r.data.sendReferral.status).toBe('REQUESTED');
    const ledger = await hub.db.ds.query(
      `SELECT action FROM audit_events WHERE subject_id = $1 AND action LIKE 'legal-basis.%' ORDER BY seq`,
      [basisId],
    );
    expect(ledger.map((l: { action: string }) => l.action)).toEqual(['legal-basis.recorded', 'legal-basis.confirmed']);
  });

  it("lets an area-wide legal basis reach only the cases of its author's coordination area", async () => {
    const recorded = await hub.gql(hub.token('coordinator-rheine'), LEGAL_BASIS, {
      input: {
        recipientAgencyId: abh.id,
        purposes: ['REFERRAL'],
        categories: ['IDENTITY'],
        citation: '§ 87 AufenthG',
        validFrom: '2026-01-01',
      },
    });
    expect(recorded.data.recordLegalBasis).toMatchObject({ caseId: null, personId: null, status: 'PENDING' });
    expect(recorded.data.recordLegalBasis.coordinationAreaId).not.toBeNull();
    const confirmed = await hub.gql(hub.token('coordinator-rheine-2'), REVIEW, {
      input: { legalBasisId: recorded.data.recordLegalBasis.id, decision: 'CONFIRM' },
    });
    expect(confirmed.errors).toBeUndefined();
    const inRheine = await caseWithDraft(abhService, ['IDENTITY']);
    expect((await hub.gql(cm, SEND_REFERRAL, { id: inRheine.referralId })).errors).toBeUndefined();
    // A Steinfurt case (the Kreis's coordination area) is not reached by Rheine's basis.
    const steinfurtCm = hub.token('cm-steinfurt-1');
    const steinfurt = hub.creds.regions.find((x) => x.key === 'steinfurt')!.id;
    const c = await hub.gql(steinfurtCm, OPEN_CASE, {
      input: { person: newcomer({ municipality: 'Steinfurt' }), regionId: steinfurt },
    });
    const d = await hub.gql(steinfurtCm, CREATE_REFERRAL, {
      input: { caseId: c.data.openCase.id, serviceId: abhService, purpose: 'REFERRAL', categories: ['IDENTITY'] },
    });
    const elsewhere = await hub.gql(steinfurtCm, SEND_REFERRAL, { id: d.data.createReferral.id });
    expect(elsewhere.errors?.[0].extensions.code).toBe('CONSENT_REQUIRED');
  });

  it('never sends health data on a legal basis: only consent that names it', async () => {
    const { caseId, referralId } = await caseWithDraft(abhService, ['IDENTITY', 'HEALTH']);
    const input = {
      recipientAgencyId: abh.id,
      caseId,
      purposes: ['REFERRAL'],
      categories: ['IDENTITY', 'HEALTH'],
      citation: '§ 87 Abs. 1 AufenthG',
      validFrom: '2026-01-01',
    };
    const refused = await hub.gql(hub.token('coordinator-rheine'), LEGAL_BASIS, { input });
    expect(refused.errors?.[0].extensions.problems[0]).toMatchObject({ path: 'categories' });
    // Even a confirmed basis naming health, written behind the application's back, sends none.
    const [c] = await hub.db.ds.query(`SELECT person_id FROM cases WHERE id = $1`, [caseId]);
    const staffId = (key: string) => hub.creds.staff.find((x) => x.key === key)!.id;
    await hub.db.ds.query(
      `INSERT INTO legal_bases (tenant_id, recipient_agency_id, person_id, case_id, purposes, categories, citation, norm,
                                valid_from, recorded_by, review_status, reviewed_by, reviewed_at)
       VALUES ($1, $2, $3, $4, '{referral}', '{identity,health}', '§ 87 AufenthG', 'AUFENTHG_87', '2026-01-01', $5, 'confirmed', $6, now())`,
      [hub.creds.tenantId, abh.id, c.person_id, caseId, staffId('coordinator-rheine'), staffId('coordinator-rheine-2')],
    );
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
