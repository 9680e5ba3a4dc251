import fc from 'fast-check';
import { ActorRole, BusinessStatus, ReferralStatus } from '@kim/contracts';
import {
  TRANSITIONS,
  businessStatusesFor,
  isStale,
  isTerminal,
  reconcile,
  type PendingMessage,
  type ReconcileState,
  type TransitionCommand,
} from './index.js';

const S = ReferralStatus;
const AGENCY = ActorRole.AGENCY;
const T0 = Date.parse('2025-03-01T08:00:00+01:00');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const msg = (i: number, seconds: number, command: Omit<TransitionCommand, 'actor'>): PendingMessage => ({
  id: `m${String(i).padStart(3, '0')}`,
  occurredAt: at(seconds),
  command: { actor: AGENCY, ...command },
});

/** Deliver messages one at a time, reconciling after each arrival as the inbound worker would. */
function deliver(initial: ReconcileState, arrivals: readonly PendingMessage[]) {
  let state = initial;
  let store: PendingMessage[] = [];
  for (const m of arrivals) {
    const r = reconcile(state, [...store, m]);
    state = r.next;
    store = r.pending;
  }
  return { state, store };
}

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

describe('isStale', () => {
  it('nothing is stale before the first message is applied', () => {
    expect(isStale(undefined, at(0))).toBe(false);
    expect(isStale(null, at(0))).toBe(false);
  });
  it('older is stale; equal and newer are not', () => {
    expect(isStale(at(10), at(9))).toBe(true);
    expect(isStale(at(10), at(10))).toBe(false);
    expect(isStale(at(10), at(11))).toBe(false);
  });
  it('compares instants, not text: offsets and Date objects', () => {
    expect(isStale('2025-03-01T10:00:00+01:00', '2025-03-01T09:30:00Z')).toBe(false);
    expect(isStale(new Date('2025-03-01T09:00:00Z'), '2025-03-01T09:30:00+01:00')).toBe(true);
  });
  it('refuses timestamps it cannot read', () => {
    expect(() => isStale('yesterday', at(0))).toThrow(RangeError);
  });
});

describe('reconcile examples', () => {
  const accepted = msg(1, 1, { to: S.ACCEPTED });
  const inProgress = msg(2, 2, { to: S.IN_PROGRESS });
  const onHold = msg(3, 3, { to: S.ON_HOLD, reason: 'waiting for a course place' });
  const completed = msg(4, 4, { to: S.COMPLETED, servicesDelivered: ['Integrationskurs A1'], outcome: 'A1 passed' });

  it('applies in occurredAt order, whatever order the store holds them in', () => {
    const r = reconcile({ status: S.REQUESTED }, [completed, onHold, accepted, inProgress]);
    expect(r.apply.map((a) => a.message.id)).toEqual(['m001', 'm002', 'm003', 'm004']);
    expect(r.apply.map((a) => a.event.to)).toEqual([S.ACCEPTED, S.IN_PROGRESS, S.ON_HOLD, S.COMPLETED]);
    expect(r.next).toEqual({ status: S.COMPLETED, lastAppliedAt: completed.occurredAt, lastAppliedId: 'm004' });
    expect(r.stale).toEqual([]);
    expect(r.pending).toEqual([]);
    expect(r.rejected).toEqual([]);
  });

  it('keeps a message pending until the earlier one it depends on arrives', () => {
    const first = reconcile({ status: S.REQUESTED }, [inProgress]);
    expect(first.apply).toEqual([]);
    expect(first.pending).toEqual([inProgress]);
    const second = reconcile(first.next, [...first.pending, accepted]);
    expect(second.apply.map((a) => a.message.id)).toEqual(['m001', 'm002']);
    expect(second.next.status).toBe(S.IN_PROGRESS);
  });

  it('marks a message overtaken by a later applied one as stale', () => {
    const first = reconcile({ status: S.REQUESTED }, [accepted, onHold]);
    expect(first.next.status).toBe(S.ON_HOLD);
    const second = reconcile(first.next, [inProgress]);
    expect(second.stale).toEqual([inProgress]);
    expect(second.apply).toEqual([]);
    expect(second.next).toEqual(first.next);
  });

  it('treats a redelivery of the message applied last as stale', () => {
    const first = reconcile({ status: S.REQUESTED }, [accepted]);
    const again = reconcile(first.next, [accepted]);
    expect(again.stale).toEqual([accepted]);
  });

  it('breaks equal timestamps by id, and a tie behind the watermark is stale', () => {
    const a = { ...msg(1, 5, { to: S.ACCEPTED }), id: 'a' };
    const b = { ...msg(2, 5, { to: S.IN_PROGRESS }), id: 'b' };
    expect(reconcile({ status: S.REQUESTED }, [b, a]).apply.map((x) => x.message.id)).toEqual(['a', 'b']);
    const h = { ...msg(3, 5, { to: S.ON_HOLD, reason: 'paused' }), id: 'c' };
    const first = reconcile({ status: S.ACCEPTED }, [h]);
    expect(reconcile(first.next, [b]).stale).toEqual([b]);
  });

  it('rejects messages for a referral that became final on the hub side', () => {
    const cancelled: ReconcileState = {
      status: S.CANCELLED,
      lastAppliedAt: accepted.occurredAt,
      lastAppliedId: accepted.id,
    };
    const r = reconcile(cancelled, [inProgress]);
    expect(r.rejected).toEqual([{ message: inProgress, error: expect.objectContaining({ code: 'TERMINAL_STATE' }) }]);
    expect(r.pending).toEqual([]);
  });

  it('rejects a message that no state could ever accept, instead of keeping it forever', () => {
    const noReason = msg(9, 9, { to: S.REJECTED });
    const voided = msg(10, 10, { to: S.ENTERED_IN_ERROR, reason: 'mine' });
    const r = reconcile({ status: S.ACCEPTED }, [noReason, voided]);
    expect(r.rejected.map((x) => [x.message.id, x.error.code])).toEqual([
      ['m009', 'TRANSITION_NOT_ALLOWED'],
      ['m010', 'ACTOR_NOT_PERMITTED'],
    ]);
  });

  it('keeps an on-hold update without reason pending: it is valid once the referral is on hold', () => {
    const detail = msg(5, 5, { to: S.ON_HOLD, businessStatus: BusinessStatus.WAITLISTED });
    const r = reconcile({ status: S.ACCEPTED }, [detail]);
    expect(r.pending).toEqual([detail]);
  });

  it('rejects a message with an unreadable occurredAt', () => {
    const bad: PendingMessage = { id: 'x', occurredAt: 'not a time', command: { to: S.ACCEPTED, actor: AGENCY } };
    const r = reconcile({ status: S.REQUESTED }, [bad, accepted]);
    expect(r.rejected).toEqual([{ message: bad, error: expect.objectContaining({ code: 'INVALID_TIMESTAMP' }) }]);
    expect(r.next.status).toBe(S.ACCEPTED);
  });

  it('all 24 arrival orders of four messages end in the same state', () => {
    const four = [accepted, inProgress, onHold, completed];
    const orders = permutations(four);
    expect(orders).toHaveLength(24);
    const finals = orders.map((order) => deliver({ status: S.REQUESTED }, order));
    for (const f of finals) {
      expect(f.state).toEqual({ status: S.COMPLETED, lastAppliedAt: completed.occurredAt, lastAppliedId: 'm004' });
      expect(f.store).toEqual([]);
    }
  });
});

/** Agency moves only: what an agency can send about a referral it holds. */
const AGENCY_RULES = TRANSITIONS.filter((r) => r.actors.includes(AGENCY));
/** The inbound status contract requires a reason for these statuses, whatever the current state. */
const REASON_STATUSES: readonly ReferralStatus[] = [S.REJECTED, S.ON_HOLD, S.FAILED, S.CANCELLED];

/** A valid agency walk from `start`, steered by random choices, as the agency would send it. */
function walk(start: ReferralStatus, choices: readonly number[]): Omit<TransitionCommand, 'actor'>[] {
  let status = start;
  const commands: Omit<TransitionCommand, 'actor'>[] = [];
  for (const c of choices) {
    if (isTerminal(status)) break;
    const options = AGENCY_RULES.filter((r) => r.from === status);
    const rule = options[c % options.length]!;
    const fine = businessStatusesFor(rule.to);
    const pick = Math.floor(c / options.length) % (fine.length + 1);
    const command: Omit<TransitionCommand, 'actor'> = { to: rule.to };
    if (REASON_STATUSES.includes(rule.to)) command.reason = 'reason given';
    if (rule.to === S.COMPLETED) command.servicesDelivered = ['counselling session'];
    if (rule.from === rule.to) command.businessStatus = fine[pick % fine.length];
    else if (pick > 0) command.businessStatus = fine[pick - 1];
    commands.push(command);
    status = rule.to;
  }
  return commands;
}

const scenario = fc
  .record({
    start: fc.constantFrom(S.REQUESTED, S.ACCEPTED),
    choices: fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 8 }),
    gaps: fc.array(fc.nat({ max: 3 }), { minLength: 8, maxLength: 8 }),
  })
  .chain(({ start, choices, gaps }) => {
    let t = 0;
    const messages = walk(start, choices).map((command, i) => msg(i, (t += gaps[i]!), command));
    return fc.record({
      start: fc.constant(start),
      messages: fc.constant(messages),
      arrival: fc.shuffledSubarray(messages, { minLength: messages.length, maxLength: messages.length }),
    });
  });

describe('reconcile properties', () => {
  it('delivering agency messages in any order ends where delivering them in occurredAt order ends', () => {
    fc.assert(
      fc.property(scenario, ({ start, messages, arrival }) => {
        const inOrder = deliver({ status: start }, messages);
        const shuffled = deliver({ status: start }, arrival);
        const last = messages[messages.length - 1]!;
        expect(inOrder.state.status).toBe(last.command.to);
        expect({ status: shuffled.state.status, businessStatus: shuffled.state.businessStatus }).toEqual({
          status: inOrder.state.status,
          businessStatus: inOrder.state.businessStatus,
        });
        expect(shuffled.store).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('a single reconcile over everything equals one-at-a-time delivery', () => {
    fc.assert(
      fc.property(scenario, ({ start, messages, arrival }) => {
        const once = reconcile({ status: start }, arrival);
        expect(once.apply.map((a) => a.message.id)).toEqual(messages.map((m) => m.id));
        expect(once.next).toEqual(deliver({ status: start }, messages).state);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    [
      'accepted, in-progress, on-hold, in-progress, completed',
      [S.ACCEPTED, S.IN_PROGRESS, S.ON_HOLD, S.IN_PROGRESS, S.COMPLETED],
    ],
    ['accepted, completed', [S.ACCEPTED, S.COMPLETED]],
    ['rejected', [S.REJECTED]],
    [
      'received, accepted, waitlisted, in-progress, failed',
      [S.REQUESTED, S.ACCEPTED, S.ACCEPTED, S.IN_PROGRESS, S.FAILED],
    ],
    ['accepted, on-hold, cancelled by the agency', [S.ACCEPTED, S.ON_HOLD, S.CANCELLED]],
  ])('realistic sequence %s ends the same in every arrival order', (_name, statuses) => {
    const messages = statuses.map((to, i) => {
      const command: Omit<TransitionCommand, 'actor'> = { to };
      if (REASON_STATUSES.includes(to)) command.reason = 'reason given';
      if (to === S.COMPLETED) command.servicesDelivered = ['course'];
      if (i === 0 && to === S.REQUESTED) command.businessStatus = BusinessStatus.RECEIVED;
      if (i === 2 && to === S.ACCEPTED) command.businessStatus = BusinessStatus.WAITLISTED;
      return msg(i, i + 1, command);
    });
    const expected = deliver({ status: S.REQUESTED }, messages).state;
    expect(expected.status).toBe(statuses[statuses.length - 1]);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(messages, { minLength: messages.length, maxLength: messages.length }),
        (arrival) => {
          expect(deliver({ status: S.REQUESTED }, arrival).state).toEqual(expected);
        },
      ),
    );
  });
});
