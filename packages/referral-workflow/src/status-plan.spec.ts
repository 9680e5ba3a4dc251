import { BusinessStatus, ReferralStatus as S, type StatusMessageData } from '@kim/contracts';
import { planAgencyStatuses, type MessageState, type PlannedReferral } from './status-plan.js';

/**
 * A state table written by hand from the workflow's rules (docs/referral-workflow.md and the
 * transition table's `why`), not from the planner: a referral's state and the agency's messages,
 * and what must be written. Times are minutes after 10:00 on one day.
 */
const REF = '00000000-0000-4000-8000-000000000001';
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 10, minute)).toISOString();
const msg = (
  eventId: string,
  minute: number,
  d: Partial<StatusMessageData> & { status: S },
): { eventId: string; data: StatusMessageData } => ({
  eventId,
  data: { referralId: REF, occurredAt: at(minute), ...d },
});
const referral = (status: S, last: [number, string] | null = null): PlannedReferral => ({
  status,
  businessStatus: null,
  lastAppliedAt: last ? at(last[0]) : null,
  lastAppliedId: last ? last[1] : null,
  caseReference: 'F-2026-0001',
});

interface Row {
  name: string;
  referral: PlannedReferral;
  messages: ReturnType<typeof msg>[];
  /** Per message, in the order given. */
  states: MessageState[];
  /** Expected referral update, or null for "row unchanged". */
  update: null | {
    status: S;
    businessStatus?: BusinessStatus | null;
    reason?: string;
    servicesDelivered?: string[];
    outcome?: string;
    last: [number, string];
  };
  /** Timeline summaries, in order. */
  timeline: string[];
  links?: string[];
}

const TABLE: Row[] = [
  {
    name: 'the agency accepts a sent referral',
    referral: referral(S.REQUESTED),
    messages: [msg('e1', 0, { status: S.ACCEPTED })],
    states: ['applied'],
    update: { status: S.ACCEPTED, businessStatus: null, last: [0, 'e1'] },
    timeline: ['Träger: requested → accepted'],
  },
  {
    name: 'two messages arriving in reverse order both apply, in the order they happened',
    referral: referral(S.REQUESTED),
    messages: [msg('e2', 5, { status: S.IN_PROGRESS }), msg('e1', 1, { status: S.ACCEPTED })],
    states: ['applied', 'applied'],
    update: { status: S.IN_PROGRESS, last: [5, 'e2'] },
    timeline: ['Träger: requested → accepted', 'Träger: accepted → in-progress'],
  },
  {
    name: 'a message whose predecessor has not arrived waits',
    referral: referral(S.REQUESTED),
    messages: [msg('e2', 5, { status: S.IN_PROGRESS })],
    states: ['pending'],
    update: null,
    timeline: [],
  },
  {
    name: 'a message older than the one applied last is stale',
    referral: referral(S.ACCEPTED, [20, 'e9']),
    messages: [msg('e3', 10, { status: S.IN_PROGRESS })],
    states: ['stale'],
    update: null,
    timeline: [],
  },
  {
    name: 'the message applied last, delivered again, is stale',
    referral: referral(S.ACCEPTED, [0, 'e1']),
    messages: [msg('e1', 0, { status: S.ACCEPTED })],
    states: ['stale'],
    update: null,
    timeline: [],
  },
  {
    name: 'nothing moves a completed referral: the message is rejected',
    referral: referral(S.COMPLETED, [0, 'e1']),
    messages: [msg('e2', 5, { status: S.IN_PROGRESS })],
    states: ['rejected'],
    update: null,
    timeline: [],
  },
  {
    name: 'a rejection carries its reason onto the row and into the summary',
    referral: referral(S.REQUESTED),
    messages: [msg('e1', 0, { status: S.REJECTED, reason: 'kein Platz frei' })],
    states: ['applied'],
    update: { status: S.REJECTED, reason: 'kein Platz frei', last: [0, 'e1'] },
    timeline: ['Träger: requested → rejected (kein Platz frei)'],
  },
  {
    name: 'a later message without a reason keeps the reason an earlier one gave',
    referral: referral(S.ACCEPTED, [0, 'e1']),
    messages: [msg('e2', 1, { status: S.ON_HOLD, reason: 'Urlaub' }), msg('e3', 2, { status: S.IN_PROGRESS })],
    states: ['applied', 'applied'],
    update: { status: S.IN_PROGRESS, reason: 'Urlaub', last: [2, 'e3'] },
    timeline: ['Träger: accepted → on-hold (Urlaub)', 'Träger: on-hold → in-progress'],
  },
  {
    name: 'completion carries the services delivered and the outcome',
    referral: referral(S.IN_PROGRESS, [0, 'e1']),
    messages: [msg('e2', 3, { status: S.COMPLETED, servicesDelivered: ['Beratung'], outcome: 'vermittelt' })],
    states: ['applied'],
    update: { status: S.COMPLETED, servicesDelivered: ['Beratung'], outcome: 'vermittelt', last: [3, 'e2'] },
    timeline: ['Träger: in-progress → completed'],
  },
  {
    name: 'a business status alone keeps the status and sets the finer one',
    referral: referral(S.REQUESTED),
    messages: [msg('e1', 0, { status: S.REQUESTED, businessStatus: BusinessStatus.RECEIVED })],
    states: ['applied'],
    update: { status: S.REQUESTED, businessStatus: BusinessStatus.RECEIVED, last: [0, 'e1'] },
    timeline: ['Träger: requested → requested'],
  },
  {
    name: 'only an applied message links the agency’s number for the person',
    referral: referral(S.REQUESTED),
    messages: [
      msg('e1', 5, { status: S.ACCEPTED, agencyPersonIdentifier: 'K-1' }),
      msg('e0', 1, { status: S.IN_PROGRESS, agencyPersonIdentifier: 'K-2' }),
    ],
    states: ['applied', 'stale'],
    update: { status: S.ACCEPTED, last: [5, 'e1'] },
    timeline: ['Träger: requested → accepted'],
    links: ['K-1'],
  },
  {
    name: 'a message no state accepts is rejected at once (a draft is never the agency’s to set)',
    referral: referral(S.REQUESTED),
    messages: [msg('e1', 0, { status: S.DRAFT })],
    states: ['rejected'],
    update: null,
    timeline: [],
  },
];

function expectedUpdate({ last, ...fields }: NonNullable<Row['update']>) {
  return { businessStatus: null, ...fields, lastAppliedAt: new Date(at(last[0])), lastAppliedId: last[1] };
}

describe('planning an agency’s status messages (state table)', () => {
  it.each(TABLE.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const plan = planAgencyStatuses(row.referral, row.messages, 'Träger');
    expect(plan.messages.map((m) => m.candidate.eventId)).toEqual(row.messages.map((m) => m.eventId));
    expect(plan.messages.map((m) => m.state)).toEqual(row.states);
    // A rejected message carries the machine's reason; every other one none.
    expect(plan.messages.map((m) => (m.state === 'rejected' ? typeof m.error : m.error))).toEqual(
      row.states.map((st) => (st === 'rejected' ? 'string' : null)),
    );
    expect(plan.timeline.map((t) => t.summary)).toEqual(row.timeline);
    expect(plan.links).toEqual(row.links ?? []);
    expect(plan.update).toEqual(row.update === null ? null : expectedUpdate(row.update));
  });

  it('records on each timeline entry the move, the message and the case', () => {
    const plan = planAgencyStatuses(
      referral(S.REQUESTED),
      [msg('e1', 7, { status: S.REJECTED, reason: 'zu weit' })],
      'Träger',
    );
    expect(plan.timeline).toEqual([
      {
        occurredAt: new Date(at(7)),
        summary: 'Träger: requested → rejected (zu weit)',
        // The same, as a code and its parameters (the console puts it into German).
        summaryCode: 'referral.status-changed-with-reason',
        summaryParams: { agency: 'Träger', fromStatus: 'requested', toStatus: 'rejected', reason: 'zu weit' },
        data: {
          from: S.REQUESTED,
          to: S.REJECTED,
          businessStatus: null,
          reason: 'zu weit',
          servicesDelivered: null,
          caseReference: 'F-2026-0001',
          eventId: 'e1',
        },
      },
    ]);
  });
});
