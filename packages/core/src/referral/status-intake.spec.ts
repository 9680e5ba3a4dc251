import { occurredAtProblem, whyNotTheAgencysReferral } from './status-checks.js';

describe('occurredAt of an agency status message', () => {
  const now = new Date('2026-12-03T12:00:00Z');
  const sent = new Date('2026-12-01T09:00:00Z');
  // Hand-written: five minutes either way of the hub's clock and of the sending.
  it.each([
    ['2026-12-03T12:00:00Z', null],
    ['2026-12-03T12:04:59Z', null],
    ['2026-12-03T12:05:00Z', null],
    ['2026-12-03T12:05:01Z', /ahead of the hub's clock/],
    ['2099-01-01T00:00:00Z', /ahead of the hub's clock/],
    ['2026-12-01T09:00:00Z', null],
    ['2026-12-01T08:55:00Z', null],
    ['2026-12-01T08:54:59Z', /before the referral was sent/],
    ['1970-01-01T00:00:00Z', /before the referral was sent/],
    ['2026-12-03T13:00:00+01:00', null],
  ])('%s', (at, expected) => {
    const problem = occurredAtProblem(at, sent, now);
    expect(problem === null ? null : expected?.test(problem)).toBe(expected === null ? null : true);
  });

  it('has no lower bound for a referral without a sending time, and refuses what is no timestamp', () => {
    expect(occurredAtProblem('1999-01-01T00:00:00Z', null, now)).toBeNull();
    expect(occurredAtProblem('yesterday', null, now)).toMatch(/not a timestamp/);
  });
});

describe('whether a message may be taken for a referral', () => {
  it('takes it only for a sent referral of the agency itself', () => {
    expect(whyNotTheAgencysReferral({ agencyId: 'a', status: 'requested' }, 'a')).toBeNull();
    expect(whyNotTheAgencysReferral({ agencyId: 'a', status: 'accepted' }, 'a')).toBeNull();
    expect(whyNotTheAgencysReferral({ agencyId: 'a', status: 'draft' }, 'a')).toMatch(/draft/);
    expect(whyNotTheAgencysReferral({ agencyId: 'b', status: 'requested' }, 'a')).toMatch(/another agency/);
    expect(whyNotTheAgencysReferral(null, 'a')).toMatch(/unknown/);
  });
});
