import type { InputProblem } from '@kim/contracts';

/**
 * How plausible a consent's evidence and validity must be. A consent form is signed on a day
 * that has happened; its validity starts when it was given (a week's grace for a consent given
 * orally at intake and signed on the next visit) and lasts at most three years, after which the
 * person is asked again.
 */
export const CONSENT_PLAUSIBILITY = { signingGraceDays: 7, maxValidityYears: 3 } as const;

/** ISO day arithmetic in UTC (calendar days, no time zone can shift them). */
function shiftDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function shiftYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** Why the consent's dates cannot be true, as input problems with their paths; empty if plausible. */
export function consentDateProblems(
  consent: { validFrom: string; validUntil: string; evidence: { signedOn: string } },
  today: string,
): InputProblem[] {
  const problems: InputProblem[] = [];
  const { signingGraceDays, maxValidityYears } = CONSENT_PLAUSIBILITY;
  const { signedOn } = consent.evidence;
  if (signedOn > today) problems.push({ path: 'evidence.signedOn', message: `lies in the future (today is ${today})` });
  const earliest = shiftDays(signedOn, -signingGraceDays);
  if (consent.validFrom < earliest)
    problems.push({
      path: 'validFrom',
      message: `must not start more than ${signingGraceDays} days before the form was signed (${signedOn})`,
    });
  const latest = shiftDays(shiftYears(consent.validFrom, maxValidityYears), -1);
  if (consent.validUntil > latest)
    problems.push({
      path: 'validUntil',
      message: `a consent lasts at most ${maxValidityYears} years: at the latest ${latest}`,
    });
  return problems;
}
