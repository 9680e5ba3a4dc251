import { decide, type LegalBasis } from '@kim/consent';
import { AgencyKind, DataCategory, Purpose } from '@kim/contracts';
import { onConsentOnly } from './dossier-message.js';

/**
 * A dossier rests on the person's consent alone (Baustein 3). The same rule serves the send-time
 * check and the build at delivery (dossier.int-spec probes the first through GraphQL); here the
 * cases from a hand-written table: which categories a dossier may carry.
 */
const ABH = { agencyId: 'abh', kind: AgencyKind.FOREIGNERS_AUTHORITY };
const at = new Date('2026-06-15T10:00:00Z');
const consent = (categories: DataCategory[]) => ({
  id: 'c1',
  subjectPersonId: 'p1',
  recipientAgencyId: 'abh',
  purposes: [Purpose.CASE_COORDINATION],
  categories,
  validFrom: '2026-01-01',
  validUntil: '2027-01-01',
  revokedAt: null,
});
const basis = (categories: DataCategory[]): LegalBasis => ({
  id: 'b1',
  recipientAgencyId: 'abh',
  purposes: [Purpose.CASE_COORDINATION],
  categories,
  validFrom: '2026-01-01',
  citation: '§ 8 IntV',
});
const { IDENTITY: ID, EDUCATION_WORK: EW } = DataCategory;

const table: [what: string, consents: DataCategory[][], bases: DataCategory[][], carries: DataCategory[]][] = [
  ['a consent for both', [[ID, EW]], [], [ID, EW]],
  ['a legal basis for both, no consent', [], [[ID, EW]], []],
  ['a consent for education and work, a legal basis for identity', [[EW]], [[ID]], [EW]],
  ['both cover both', [[ID, EW]], [[ID, EW]], [ID, EW]],
];

describe('what a dossier may carry', () => {
  it.each(table)('%s', (_what, consents, bases, carries) => {
    const decision = decide({
      consents: consents.map(consent),
      legalBases: bases.map(basis),
      recipient: ABH,
      subjectPersonId: 'p1',
      purpose: Purpose.CASE_COORDINATION,
      categories: [ID, EW],
      action: 'disclose',
      at,
    });
    const onlyConsent = onConsentOnly(decision);
    expect([...onlyConsent.allowed].sort()).toEqual([...carries].sort());
    expect(onlyConsent.basis.every((b) => b.type === 'consent')).toBe(true);
    expect(onlyConsent.denied.map((d) => d.category).sort()).toEqual(
      [ID, EW].filter((c) => !carries.includes(c)).sort(),
    );
  });
});
