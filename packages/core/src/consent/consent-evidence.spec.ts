import { consentDateProblems } from './consent-evidence.js';

const today = '2026-12-03';
const consent = (validFrom: string, validUntil: string, signedOn: string) => ({
  validFrom,
  validUntil,
  evidence: { signedOn },
});
const paths = (c: ReturnType<typeof consent>) => consentDateProblems(c, today).map((p) => p.path);

describe('plausibility of a consent’s dates', () => {
  // Hand-written expectations: signed by today, valid from signing less 7 days, for at most 3 years.
  it.each([
    ['an ordinary consent', consent('2026-01-01', '2028-12-31', '2026-01-01'), []],
    ['signed today', consent('2026-12-03', '2027-12-02', '2026-12-03'), []],
    ['signed tomorrow', consent('2026-12-04', '2027-12-02', '2026-12-04'), ['evidence.signedOn']],
    [
      'signed in 2030, valid 2000 to 9999',
      consent('2000-01-01', '9999-12-31', '2030-01-01'),
      ['evidence.signedOn', 'validFrom', 'validUntil'],
    ],
    ['valid from a week before signing', consent('2026-11-24', '2027-11-23', '2026-12-01'), []],
    ['valid from eight days before signing', consent('2026-11-23', '2027-11-22', '2026-12-01'), ['validFrom']],
    ['exactly three years', consent('2024-02-29', '2027-02-28', '2024-02-29'), []],
    ['three years and a day', consent('2026-01-01', '2029-01-01', '2026-01-01'), ['validUntil']],
    ['valid later than signed', consent('2027-01-01', '2029-12-31', '2026-12-01'), []],
  ])('%s', (_name, c, expected) => {
    expect(paths(c)).toEqual(expected);
  });
});
