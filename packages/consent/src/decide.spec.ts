import { AgencyKind, DataCategory, Purpose } from '@kim/contracts';
import {
  canSend,
  coveredCategories,
  decide,
  localDay,
  type Consent,
  type DecisionRequest,
  type LegalBasis,
} from './index.js';

const C = DataCategory;
const JOBCENTER = { agencyId: 'jobcenter-rheine', kind: AgencyKind.JOBCENTER };
const CARITAS = { agencyId: 'caritas-rheine', kind: AgencyKind.WELFARE_ORGANISATION };
const ABH = { agencyId: 'abh-rheine', kind: AgencyKind.FOREIGNERS_AUTHORITY };
/** Noon in Rheine on 15 June 2025. */
const AT = new Date('2025-06-15T12:00:00+02:00');

const consent = (over: Partial<Consent> = {}): Consent => ({
  id: 'consent-1',
  subjectPersonId: 'person-1',
  recipientAgencyId: JOBCENTER.agencyId,
  purposes: [Purpose.REFERRAL],
  categories: [C.IDENTITY, C.CONTACT, C.EDUCATION_WORK],
  validFrom: '2025-01-01',
  validUntil: '2025-12-31',
  ...over,
});

const legal = (over: Partial<LegalBasis> = {}): LegalBasis => ({
  id: 'lb-71',
  recipientAgencyId: ABH.agencyId,
  purposes: [Purpose.CASE_COORDINATION],
  categories: [C.IDENTITY, C.RESIDENCE_STATUS],
  validFrom: '2020-01-01',
  citation: '§ 71 AufenthG',
  ...over,
});

const request = (over: Partial<DecisionRequest> = {}): DecisionRequest => ({
  consents: [consent()],
  legalBases: [],
  recipient: JOBCENTER,
  purpose: Purpose.REFERRAL,
  categories: [C.IDENTITY],
  action: 'disclose',
  at: AT,
  ...over,
});

const reasonFor = (r: DecisionRequest, category: DataCategory = C.IDENTITY) =>
  decide(r).denied.find((d) => d.category === category)?.reason;

describe('decide: allowing', () => {
  it('allows what a valid consent covers and names it as the basis', () => {
    const d = decide(request({ categories: [C.IDENTITY, C.CONTACT, C.IDENTITY] }));
    expect(d).toEqual({
      allowed: [C.IDENTITY, C.CONTACT],
      denied: [],
      basis: [
        { category: C.IDENTITY, type: 'consent', id: 'consent-1' },
        { category: C.CONTACT, type: 'consent', id: 'consent-1' },
      ],
    });
  });

  it('allows on a legal basis that names the agency, purpose and category, with its citation', () => {
    const d = decide(
      request({
        consents: [],
        legalBases: [legal()],
        recipient: ABH,
        purpose: Purpose.CASE_COORDINATION,
        categories: [C.RESIDENCE_STATUS],
      }),
    );
    expect(d.basis).toEqual([
      { category: C.RESIDENCE_STATUS, type: 'legal-basis', id: 'lb-71', citation: '§ 71 AufenthG' },
    ]);
  });

  it('validity days are inclusive, in local (Berlin) time', () => {
    const lastDay = consent({ validFrom: '2025-06-15', validUntil: '2025-06-15' });
    expect(decide(request({ consents: [lastDay] })).allowed).toEqual([C.IDENTITY]);
    // 00:30 on 16 June in Berlin is still 15 June in UTC: the consent has expired all the same.
    const justAfter = new Date('2025-06-15T22:30:00Z');
    expect(localDay(justAfter)).toBe('2025-06-16');
    expect(reasonFor(request({ consents: [lastDay], at: justAfter }))).toBe('EXPIRED');
  });

  it('a revocation in the future of the decision time does not yet count (audit replays)', () => {
    const c = consent({ revokedAt: '2025-06-16T09:00:00+02:00' });
    expect(decide(request({ consents: [c] })).allowed).toEqual([C.IDENTITY]);
  });

  it('prefers a consent over a legal basis as the recorded basis, and the longest-running consent', () => {
    const lb = legal({ recipientAgencyId: JOBCENTER.agencyId, purposes: [Purpose.REFERRAL] });
    const longer = consent({ id: 'consent-2', validUntil: '2026-06-30' });
    const d = decide(request({ consents: [consent(), longer], legalBases: [lb] }));
    expect(d.basis).toEqual([{ category: C.IDENTITY, type: 'consent', id: 'consent-2' }]);
  });
});

describe('decide: each reason code', () => {
  it('NO_CONSENT when nothing is on file', () => {
    expect(decide(request({ consents: [] })).denied).toEqual([
      { category: C.IDENTITY, reason: 'NO_CONSENT', detail: 'no consent or legal basis covers identity' },
    ]);
  });

  it('NO_CONSENT for a consent of another person when the subject is given', () => {
    expect(reasonFor(request({ subjectPersonId: 'person-2' }))).toBe('NO_CONSENT');
    expect(reasonFor(request({ subjectPersonId: 'person-1' }))).toBeUndefined();
  });

  it('NO_CONSENT for a consent with an unreadable or inverted period (ambiguous means no)', () => {
    expect(reasonFor(request({ consents: [consent({ validUntil: '31.12.2025' })] }))).toBe('NO_CONSENT');
    expect(reasonFor(request({ consents: [consent({ validFrom: '2025-02-30' })] }))).toBe('NO_CONSENT');
    expect(reasonFor(request({ consents: [consent({ validFrom: '2025-07-01', validUntil: '2025-06-30' })] }))).toBe(
      'NO_CONSENT',
    );
  });

  it('EXPIRED', () => {
    const d = decide(request({ consents: [consent({ validUntil: '2025-06-14' })] }));
    expect(d.denied).toEqual([
      {
        category: C.IDENTITY,
        reason: 'EXPIRED',
        detail: 'consent consent-1 expired on 2025-06-14',
        closestId: 'consent-1',
      },
    ]);
  });

  it('NOT_YET_VALID', () => {
    expect(reasonFor(request({ consents: [consent({ validFrom: '2025-06-16' })] }))).toBe('NOT_YET_VALID');
    expect(
      reasonFor(
        request({
          consents: [],
          legalBases: [
            legal({ recipientAgencyId: JOBCENTER.agencyId, purposes: [Purpose.REFERRAL], validFrom: '2026-01-01' }),
          ],
        }),
      ),
    ).toBe('NOT_YET_VALID');
  });

  it('REVOKED, also when the revocation time cannot be read', () => {
    expect(reasonFor(request({ consents: [consent({ revokedAt: '2025-06-15T11:59:59+02:00' })] }))).toBe('REVOKED');
    expect(reasonFor(request({ consents: [consent({ revokedAt: new Date(AT) })] }))).toBe('REVOKED');
    expect(reasonFor(request({ consents: [consent({ revokedAt: 'last week' })] }))).toBe('REVOKED');
  });

  it('PURPOSE_NOT_COVERED', () => {
    expect(reasonFor(request({ purpose: Purpose.STATISTICS }))).toBe('PURPOSE_NOT_COVERED');
  });

  it('CATEGORY_NOT_COVERED', () => {
    expect(reasonFor(request({ categories: [C.BENEFITS] }), C.BENEFITS)).toBe('CATEGORY_NOT_COVERED');
  });

  it('DENIED_BY_PROVISION: a deny provision wins over the base permit and over permit provisions', () => {
    const c = consent({
      provisions: [
        { type: 'permit', categories: [C.IDENTITY, C.CONTACT] },
        { type: 'deny', categories: [C.CONTACT], purposes: [Purpose.REFERRAL] },
      ],
    });
    const d = decide(request({ consents: [c], categories: [C.IDENTITY, C.CONTACT] }));
    expect(d.allowed).toEqual([C.IDENTITY]);
    expect(d.denied.map((x) => [x.category, x.reason])).toEqual([[C.CONTACT, 'DENIED_BY_PROVISION']]);
  });

  it('DENIED_BY_PROVISION per action: disclose yes, API access no', () => {
    const c = consent({ provisions: [{ type: 'deny', actions: ['access'] }] });
    expect(decide(request({ consents: [c], action: 'disclose' })).allowed).toEqual([C.IDENTITY]);
    expect(reasonFor(request({ consents: [c], action: 'access' }))).toBe('DENIED_BY_PROVISION');
  });

  it('DENIED_BY_PROVISION when permit provisions exist and none matches: permits narrow, never widen', () => {
    const c = consent({ provisions: [{ type: 'permit', categories: [C.CONTACT, C.HEALTH] }] });
    const d = decide(request({ consents: [c], categories: [C.IDENTITY, C.CONTACT, C.HEALTH] }));
    expect(d.allowed).toEqual([C.CONTACT]);
    expect(d.denied.map((x) => [x.category, x.reason])).toEqual([
      [C.IDENTITY, 'DENIED_BY_PROVISION'],
      [C.HEALTH, 'CATEGORY_NOT_COVERED'],
    ]);
  });

  it('DENIED_BY_PROVISION for a provision of unknown type (ambiguous means no)', () => {
    const c = consent({ provisions: [{ type: 'maybe' as 'permit' }] });
    expect(reasonFor(request({ consents: [c] }))).toBe('DENIED_BY_PROVISION');
  });

  it('a deny provision naming another agency does not touch this recipient', () => {
    const c = consent({ provisions: [{ type: 'deny', agencyIds: [ABH.agencyId] }] });
    expect(decide(request({ consents: [c] })).allowed).toEqual([C.IDENTITY]);
  });

  it('OTHER_RECIPIENT', () => {
    expect(reasonFor(request({ recipient: CARITAS }))).toBe('OTHER_RECIPIENT');
  });

  it('reports the reason of the candidate that came closest', () => {
    const other = consent({ id: 'a', recipientAgencyId: CARITAS.agencyId });
    const expired = consent({ id: 'b', validUntil: '2025-03-31' });
    const wrongPurpose = consent({ id: 'c', purposes: [Purpose.STATISTICS] });
    const d = decide(request({ consents: [other, wrongPurpose, expired] }));
    expect(d.denied[0]).toMatchObject({ reason: 'EXPIRED', closestId: 'b' });
  });

  it('an unknown category is never allowed', () => {
    const d = decide(request({ categories: ['shoe-size' as DataCategory] }));
    expect(d.denied[0]?.reason).toBe('CATEGORY_NOT_COVERED');
  });
});

describe('decide: special category health', () => {
  it('is disclosed when a consent names it', () => {
    const c = consent({ categories: [C.IDENTITY, C.HEALTH] });
    expect(decide(request({ consents: [c], categories: [C.HEALTH] })).allowed).toEqual([C.HEALTH]);
  });

  it('is not disclosed on a legal basis that covers everything else', () => {
    const lb = legal({
      recipientAgencyId: JOBCENTER.agencyId,
      purposes: [Purpose.REFERRAL],
      categories: Object.values(C).filter((c) => c !== C.HEALTH),
    });
    const d = decide(request({ consents: [], legalBases: [lb], categories: Object.values(C) }));
    expect(d.allowed).not.toContain(C.HEALTH);
    expect(d.denied).toEqual([expect.objectContaining({ category: C.HEALTH, reason: 'CATEGORY_NOT_COVERED' })]);
  });

  it('is not disclosed even on a legal basis that names it, unless the policy allows that', () => {
    const lb = legal({ recipientAgencyId: JOBCENTER.agencyId, purposes: [Purpose.REFERRAL], categories: [C.HEALTH] });
    const base = request({ consents: [], legalBases: [lb], categories: [C.HEALTH] });
    expect(decide(base).denied[0]?.reason).toBe('CATEGORY_NOT_COVERED');
    expect(decide({ ...base, policy: { specialCategoriesViaLegalBasis: true } }).allowed).toEqual([C.HEALTH]);
  });

  it('is not disclosed on a consent that does not name it, whatever its provisions permit', () => {
    const c = consent({ provisions: [{ type: 'permit' }] });
    expect(reasonFor(request({ consents: [c], categories: [C.HEALTH] }), C.HEALTH)).toBe('CATEGORY_NOT_COVERED');
  });
});

describe('decide: foreigners authority (Ausländerbehörde)', () => {
  const everything = Object.values(C);

  it('gets nothing from consents and legal bases naming other agencies, whatever they cover', () => {
    const wide = consent({
      recipientAgencyId: JOBCENTER.agencyId,
      purposes: Object.values(Purpose),
      categories: everything,
    });
    const otherAbh = legal({
      recipientAgencyId: 'abh-steinfurt',
      purposes: Object.values(Purpose),
      categories: everything,
    });
    for (const purpose of Object.values(Purpose)) {
      const d = decide(
        request({ consents: [wide], legalBases: [otherAbh], recipient: ABH, purpose, categories: everything }),
      );
      expect(d.allowed).toEqual([]);
      expect(new Set(d.denied.map((x) => x.reason))).toEqual(new Set(['OTHER_RECIPIENT']));
      expect(
        canSend(
          request({ consents: [wide], legalBases: [otherAbh], recipient: ABH, purpose, categories: [C.IDENTITY] }),
        ),
      ).toBe(false);
    }
  });

  it('gets exactly what a legal basis or consent naming that exact agency covers', () => {
    const d = decide(
      request({
        consents: [],
        legalBases: [legal()],
        recipient: ABH,
        purpose: Purpose.CASE_COORDINATION,
        categories: everything,
      }),
    );
    expect(d.allowed).toEqual([C.IDENTITY, C.RESIDENCE_STATUS]);
    const c = consent({ recipientAgencyId: ABH.agencyId, categories: [C.EDUCATION_WORK] });
    expect(decide(request({ consents: [c], recipient: ABH, categories: everything })).allowed).toEqual([
      C.EDUCATION_WORK,
    ]);
  });
});

describe('coveredCategories and canSend', () => {
  it('coveredCategories lists every category allowed', () => {
    const { categories: _ignored, ...rest } = request();
    expect(coveredCategories(rest)).toEqual([C.IDENTITY, C.CONTACT, C.EDUCATION_WORK]);
  });

  it('canSend is true only if every requested category is allowed', () => {
    expect(canSend(request({ categories: [C.IDENTITY, C.CONTACT] }))).toBe(true);
    expect(canSend(request({ categories: [C.IDENTITY, C.HEALTH] }))).toBe(false);
    expect(canSend(request({ categories: [] }))).toBe(false);
  });
});

describe('decide: input errors', () => {
  it('refuses an invalid time and an unknown action instead of guessing', () => {
    expect(() => decide(request({ at: new Date('nope') }))).toThrow(RangeError);
    expect(() => decide(request({ action: 'print' as 'access' }))).toThrow(RangeError);
  });
});
