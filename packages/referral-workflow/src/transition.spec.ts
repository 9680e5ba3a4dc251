import { ActorRole, BusinessStatus, ReferralStatus } from '@kim/contracts';
import {
  TERMINAL_STATUSES,
  TRANSITIONS,
  allowedTransitions,
  businessStatusesFor,
  isTerminal,
  transition,
  type TransitionCommand,
} from './index.js';

const STATUSES = Object.values(ReferralStatus);
const ACTORS = Object.values(ActorRole);
const BUSINESS = Object.values(BusinessStatus);
const S = ReferralStatus;
const A = ActorRole;

/** A command that satisfies every requirement the target could have, so only the table decides. */
function fullCommand(from: ReferralStatus, to: ReferralStatus, actor: ActorRole): TransitionCommand {
  const command: TransitionCommand = { to, actor, reason: 'a reason' };
  if (to === S.COMPLETED) command.servicesDelivered = ['language course A1'];
  if (from === to) command.businessStatus = businessStatusesFor(to)[0];
  return command;
}

describe('transition table', () => {
  const cases = STATUSES.flatMap((from) => STATUSES.flatMap((to) => ACTORS.map((actor) => [from, to, actor] as const)));

  it('covers the full cartesian product of statuses and actors', () => {
    expect(cases).toHaveLength(10 * 10 * 4);
  });

  it.each(cases)('%s -> %s by %s is permitted exactly when the table says so', (from, to, actor) => {
    const permitted = TRANSITIONS.some((r) => r.from === from && r.to === to && r.actors.includes(actor));
    const result = transition({ status: from }, fullCommand(from, to, actor));
    expect(result.ok).toBe(permitted);
    expect(allowedTransitions(from, actor).includes(to)).toBe(permitted);
  });

  it('has at most one row per (from, to) and no row out of entered-in-error', () => {
    const keys = TRANSITIONS.map((r) => `${r.from}>${r.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(TRANSITIONS.filter((r) => r.from === S.ENTERED_IN_ERROR)).toEqual([]);
  });

  it('lets nothing but a correction leave a terminal status', () => {
    for (const r of TRANSITIONS.filter((r) => isTerminal(r.from))) {
      expect(r.to).toBe(S.ENTERED_IN_ERROR);
      expect([...r.actors].sort()).toEqual([A.COORDINATOR, A.SYSTEM]);
    }
  });

  it('lets every status except entered-in-error be marked entered-in-error by coordinator and system only', () => {
    for (const from of STATUSES.filter((s) => s !== S.ENTERED_IN_ERROR)) {
      expect(allowedTransitions(from, A.COORDINATOR)).toContain(S.ENTERED_IN_ERROR);
      expect(allowedTransitions(from, A.SYSTEM)).toContain(S.ENTERED_IN_ERROR);
      expect(allowedTransitions(from, A.CASE_MANAGER)).not.toContain(S.ENTERED_IN_ERROR);
      expect(allowedTransitions(from, A.AGENCY)).not.toContain(S.ENTERED_IN_ERROR);
    }
  });

  it('gives only the recipient agency the decision and the service states', () => {
    const agencyTargets: ReferralStatus[] = [S.ACCEPTED, S.REJECTED, S.IN_PROGRESS, S.ON_HOLD, S.COMPLETED, S.FAILED];
    for (const r of TRANSITIONS.filter((r) => agencyTargets.includes(r.to))) {
      expect(r.actors).toEqual([A.AGENCY]);
    }
  });

  it('lets only the hub side send a draft, and the agency never cancels before it has accepted', () => {
    expect(allowedTransitions(S.DRAFT, A.CASE_MANAGER)).toEqual([S.REQUESTED, S.CANCELLED]);
    expect(allowedTransitions(S.DRAFT, A.AGENCY)).toEqual([]);
    expect(allowedTransitions(S.REQUESTED, A.AGENCY)).toEqual([S.REQUESTED, S.ACCEPTED, S.REJECTED]);
    expect(allowedTransitions(S.ACCEPTED, A.AGENCY)).toContain(S.CANCELLED);
  });

  it('knows the terminal statuses', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual([S.CANCELLED, S.COMPLETED, S.ENTERED_IN_ERROR, S.FAILED, S.REJECTED]);
    expect(STATUSES.filter(isTerminal).sort()).toEqual([...TERMINAL_STATUSES].sort());
  });
});

describe('transition errors', () => {
  it('TRANSITION_NOT_ALLOWED names the states and the allowed next ones', () => {
    const r = transition({ status: S.REQUESTED }, { to: S.COMPLETED, actor: A.AGENCY, servicesDelivered: ['x'] });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'TRANSITION_NOT_ALLOWED',
        message:
          'a referral in status requested cannot move to completed; allowed next: accepted, rejected, cancelled, entered-in-error',
      },
    });
  });

  it('ACTOR_NOT_PERMITTED names the actor and who may', () => {
    const r = transition({ status: S.REQUESTED }, { to: S.ACCEPTED, actor: A.CASE_MANAGER });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('ACTOR_NOT_PERMITTED');
    expect(r.error.message).toBe(
      'the case-manager may not move a referral from requested to accepted; permitted: agency',
    );
  });

  it('TERMINAL_STATE for every move out of a final status except the correction', () => {
    for (const from of TERMINAL_STATUSES) {
      for (const to of STATUSES.filter((s) => s !== S.ENTERED_IN_ERROR || from === S.ENTERED_IN_ERROR)) {
        for (const actor of ACTORS) {
          const r = transition({ status: from }, fullCommand(from, to, actor));
          expect(r.ok ? 'ok' : r.error.code).toBe('TERMINAL_STATE');
        }
      }
    }
    const r = transition({ status: S.COMPLETED }, { to: S.IN_PROGRESS, actor: A.AGENCY });
    expect(!r.ok && r.error.message).toBe(
      'a referral in status completed is final and cannot move to in-progress; only a coordinator or the system may mark it entered-in-error',
    );
  });

  it('entered-in-error is final even for the coordinator', () => {
    const r = transition(
      { status: S.ENTERED_IN_ERROR },
      { to: S.ENTERED_IN_ERROR, actor: A.COORDINATOR, reason: 'again' },
    );
    expect(!r.ok && r.error.code).toBe('TERMINAL_STATE');
  });

  it('a case manager cannot void a completed referral (ACTOR_NOT_PERMITTED, not TERMINAL_STATE)', () => {
    const r = transition({ status: S.COMPLETED }, { to: S.ENTERED_IN_ERROR, actor: A.CASE_MANAGER, reason: 'typo' });
    expect(!r.ok && r.error.code).toBe('ACTOR_NOT_PERMITTED');
  });

  it.each([
    [S.REQUESTED, S.REJECTED, A.AGENCY],
    [S.REQUESTED, S.CANCELLED, A.SYSTEM],
    [S.DRAFT, S.CANCELLED, A.CASE_MANAGER],
    [S.ACCEPTED, S.ON_HOLD, A.AGENCY],
    [S.IN_PROGRESS, S.ON_HOLD, A.AGENCY],
    [S.IN_PROGRESS, S.FAILED, A.AGENCY],
    [S.ON_HOLD, S.CANCELLED, A.AGENCY],
    [S.COMPLETED, S.ENTERED_IN_ERROR, A.COORDINATOR],
  ])('REASON_REQUIRED for %s -> %s (missing, empty or blank)', (from, to, actor) => {
    for (const reason of [undefined, '', '   ']) {
      const r = transition({ status: from }, { to, actor, reason });
      expect(!r.ok && r.error).toEqual({
        code: 'REASON_REQUIRED',
        message: `moving a referral from ${from} to ${to} requires a reason`,
      });
    }
  });

  it('SERVICES_DELIVERED_REQUIRED for completed without a non-blank service', () => {
    for (const servicesDelivered of [undefined, [], ['', '  ']]) {
      const r = transition(
        { status: S.IN_PROGRESS },
        { to: S.COMPLETED, actor: A.AGENCY, servicesDelivered, outcome: 'B1 passed' },
      );
      expect(!r.ok && r.error.code).toBe('SERVICES_DELIVERED_REQUIRED');
    }
  });

  it('BUSINESS_STATUS_REQUIRED for a same-status update without a business status', () => {
    const r = transition({ status: S.ACCEPTED }, { to: S.ACCEPTED, actor: A.AGENCY });
    expect(!r.ok && r.error.code).toBe('BUSINESS_STATUS_REQUIRED');
  });

  it('BUSINESS_STATUS_INVALID when the fine status does not fit the target status', () => {
    const r = transition(
      { status: S.ACCEPTED },
      { to: S.ACCEPTED, actor: A.AGENCY, businessStatus: BusinessStatus.SERVICE_STARTED },
    );
    expect(!r.ok && r.error).toEqual({
      code: 'BUSINESS_STATUS_INVALID',
      message:
        'business status service-started does not fit status accepted; valid with accepted: appointment-scheduled, appointment-missed, waitlisted, needs-client-action',
    });
    const cancelled = transition(
      { status: S.ACCEPTED },
      { to: S.CANCELLED, actor: A.CASE_MANAGER, reason: 'moved', businessStatus: BusinessStatus.WAITLISTED },
    );
    expect(!cancelled.ok && cancelled.error.code).toBe('BUSINESS_STATUS_INVALID');
  });

  it('FIELD_NOT_ALLOWED for results on a move that has none', () => {
    const r = transition({ status: S.ACCEPTED }, { to: S.IN_PROGRESS, actor: A.AGENCY, outcome: 'fine' });
    expect(!r.ok && r.error.code).toBe('FIELD_NOT_ALLOWED');
    const failed = transition(
      { status: S.IN_PROGRESS },
      {
        to: S.FAILED,
        actor: A.AGENCY,
        reason: 'moved away',
        servicesDelivered: ['2 of 10 sessions'],
        outcome: 'partial',
      },
    );
    expect(failed.ok).toBe(true);
  });
});

describe('business status', () => {
  const pairs: [ReferralStatus, BusinessStatus[]][] = [
    [S.REQUESTED, [BusinessStatus.RECEIVED, BusinessStatus.NEEDS_CLIENT_ACTION]],
    [
      S.ACCEPTED,
      [
        BusinessStatus.APPOINTMENT_SCHEDULED,
        BusinessStatus.APPOINTMENT_MISSED,
        BusinessStatus.WAITLISTED,
        BusinessStatus.NEEDS_CLIENT_ACTION,
      ],
    ],
    [
      S.IN_PROGRESS,
      [
        BusinessStatus.APPOINTMENT_SCHEDULED,
        BusinessStatus.APPOINTMENT_MISSED,
        BusinessStatus.NEEDS_CLIENT_ACTION,
        BusinessStatus.SERVICE_STARTED,
      ],
    ],
    [S.ON_HOLD, [BusinessStatus.APPOINTMENT_MISSED, BusinessStatus.WAITLISTED, BusinessStatus.NEEDS_CLIENT_ACTION]],
  ];

  it.each(pairs)(
    'an agency may update the business status of a %s referral exactly to the valid ones',
    (status, valid) => {
      for (const businessStatus of BUSINESS) {
        const r = transition({ status }, { to: status, actor: A.AGENCY, businessStatus });
        const applied = expect.objectContaining({
          ok: true,
          next: { status, businessStatus },
          event: expect.objectContaining({ kind: 'business-status-changed' }),
        });
        const refused = expect.objectContaining({ ok: false });
        expect(r).toEqual(valid.includes(businessStatus) ? applied : refused);
      }
    },
  );

  it('no business status rides beside draft or a final status', () => {
    for (const status of [S.DRAFT, ...TERMINAL_STATUSES]) expect(businessStatusesFor(status)).toEqual([]);
  });

  it('a status change clears the old business status unless a new one is given', () => {
    const r = transition(
      { status: S.ACCEPTED, businessStatus: BusinessStatus.WAITLISTED },
      { to: S.IN_PROGRESS, actor: A.AGENCY },
    );
    expect(r.ok && r.next).toEqual({ status: S.IN_PROGRESS });
    const r2 = transition(
      { status: S.ACCEPTED, businessStatus: BusinessStatus.WAITLISTED },
      { to: S.IN_PROGRESS, actor: A.AGENCY, businessStatus: BusinessStatus.SERVICE_STARTED },
    );
    expect(r2.ok && r2.next).toEqual({ status: S.IN_PROGRESS, businessStatus: BusinessStatus.SERVICE_STARTED });
  });

  it('a case manager may not make a business-status-only update', () => {
    const r = transition(
      { status: S.ACCEPTED },
      { to: S.ACCEPTED, actor: A.CASE_MANAGER, businessStatus: BusinessStatus.WAITLISTED },
    );
    expect(!r.ok && r.error.message).toBe(
      'the case-manager may not update the business status of a referral in status accepted; permitted: agency',
    );
  });
});

describe('transition events', () => {
  it('records what happened with trimmed fields', () => {
    const r = transition(
      { status: S.IN_PROGRESS, businessStatus: BusinessStatus.SERVICE_STARTED },
      {
        to: S.COMPLETED,
        actor: A.AGENCY,
        servicesDelivered: [' Integrationskurs A1 ', ''],
        outcome: ' certificate issued ',
      },
    );
    expect(r).toEqual({
      ok: true,
      next: { status: S.COMPLETED },
      event: {
        kind: 'status-changed',
        from: S.IN_PROGRESS,
        to: S.COMPLETED,
        fromBusinessStatus: BusinessStatus.SERVICE_STARTED,
        actor: A.AGENCY,
        servicesDelivered: ['Integrationskurs A1'],
        outcome: 'certificate issued',
      },
    });
  });

  it('sending a draft needs no reason and carries none', () => {
    const r = transition({ status: S.DRAFT }, { to: S.REQUESTED, actor: A.CASE_MANAGER });
    expect(r).toEqual({
      ok: true,
      next: { status: S.REQUESTED },
      event: { kind: 'status-changed', from: S.DRAFT, to: S.REQUESTED, actor: A.CASE_MANAGER },
    });
  });

  it('system cancels a requested referral when consent is withdrawn', () => {
    const r = transition({ status: S.REQUESTED }, { to: S.CANCELLED, actor: A.SYSTEM, reason: 'consent revoked' });
    expect(r.ok && r.event.reason).toBe('consent revoked');
  });
});
