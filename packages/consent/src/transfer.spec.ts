import { DataCategory as C } from '@kim/contracts';
import { decideTransfer, type TransferConsent, type TransferRequest } from './index.js';

/** Noon in Rheine on 15 June 2025. */
const AT = new Date('2025-06-15T12:00:00+02:00');
const BORKEN = 'tenant-borken';
const consent = (over: Partial<TransferConsent> = {}): TransferConsent => ({
  id: 'k1',
  subjectPersonId: 'p1',
  recipientTenantId: BORKEN,
  purposes: ['transfer'],
  categories: [C.IDENTITY, C.CONTACT, C.EDUCATION_WORK],
  validFrom: '2025-06-01',
  validUntil: '2025-12-31',
  ...over,
});
const ask = (consents: TransferConsent[], over: Partial<TransferRequest> = {}) =>
  decideTransfer({ consents, subjectPersonId: 'p1', receivingTenantId: BORKEN, at: AT, ...over });

// The oracle: the rule as docs/privacy.md states it, one line per situation.
const CASES: [string, TransferConsent[], Partial<TransferRequest>, string | readonly string[]][] = [
  ['no consent at all', [], {}, 'NO_CONSENT'],
  ['a consent naming another Kreis', [consent({ recipientTenantId: 'tenant-coesfeld' })], {}, 'NO_CONSENT'],
  ['a consent naming an agency', [consent({ recipientTenantId: null })], {}, 'NO_CONSENT'],
  ['a consent of another person', [consent({ subjectPersonId: 'p2' })], {}, 'NO_CONSENT'],
  ["a consent without the purpose 'transfer'", [consent({ purposes: ['referral'] })], {}, 'NO_CONSENT'],
  ['revoked yesterday', [consent({ revokedAt: '2025-06-14T10:00:00Z' })], {}, 'REVOKED'],
  [
    'revoked later today (not yet)',
    [consent({ revokedAt: '2025-06-15T18:00:00+02:00' })],
    {},
    [C.IDENTITY, C.CONTACT, C.EDUCATION_WORK],
  ],
  ['an unreadable revocation time', [consent({ revokedAt: 'yesterday' })], {}, 'REVOKED'],
  ['ended the day before', [consent({ validUntil: '2025-06-14' })], {}, 'EXPIRED'],
  ['ends today', [consent({ validUntil: '2025-06-15' })], {}, [C.IDENTITY, C.CONTACT, C.EDUCATION_WORK]],
  ['begins tomorrow', [consent({ validFrom: '2025-06-16' })], {}, 'NOT_YET_VALID'],
  ['a request without identity', [consent()], { categories: [C.CONTACT] }, 'IDENTITY_REQUIRED'],
  ['a consent without identity', [consent({ categories: [C.CONTACT] })], {}, 'CATEGORY_NOT_COVERED'],
  ['a category the consent does not name', [consent()], { categories: [C.IDENTITY, C.HEALTH] }, 'CATEGORY_NOT_COVERED'],
  [
    'a subset of the consent',
    [consent()],
    { categories: [C.EDUCATION_WORK, C.IDENTITY] },
    [C.IDENTITY, C.EDUCATION_WORK],
  ],
  [
    'no categories asked: all the consent names',
    [consent({ categories: [C.HEALTH, C.IDENTITY] })],
    {},
    [C.IDENTITY, C.HEALTH],
  ],
];

describe('decideTransfer', () => {
  it.each(CASES)('%s', (_what, consents, over, expected) => {
    const d = ask(consents, over);
    expect(d.allowed ? d.categories : d.reason).toEqual(expected);
  });

  it('names the consent it rests on: the widest in force', () => {
    const narrow = consent({ id: 'narrow', categories: [C.IDENTITY] });
    const wide = consent({ id: 'wide' });
    const revoked = consent({ id: 'revoked', categories: Object.values(C), revokedAt: '2025-01-01T00:00:00Z' });
    const d = ask([narrow, revoked, wide]);
    expect(d).toEqual({ allowed: true, consentId: 'wide', categories: [C.IDENTITY, C.CONTACT, C.EDUCATION_WORK] });
  });

  it('says which consent came closest when none covers', () => {
    const d = ask(
      [consent({ id: 'old', validUntil: '2025-01-31' }), consent({ id: 'narrow', categories: [C.IDENTITY] })],
      {
        categories: [C.IDENTITY, C.FAMILY],
      },
    );
    expect(d).toMatchObject({ allowed: false, reason: 'CATEGORY_NOT_COVERED', closestId: 'narrow' });
  });
});
