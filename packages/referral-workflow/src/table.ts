import { ActorRole, ReferralStatus } from '@kim/contracts';

/** What a command must carry for a transition to be made. */
export type Requirement = 'reason' | 'servicesDelivered' | 'businessStatus';

/** One permitted move of a referral, with the roles that may make it. */
export interface TransitionRule {
  readonly from: ReferralStatus;
  readonly to: ReferralStatus;
  readonly actors: readonly ActorRole[];
  readonly requires: readonly Requirement[];
  /** Why the rule exists, for readers and for generated documentation. */
  readonly why: string;
}

const { DRAFT, REQUESTED, ACCEPTED, REJECTED, CANCELLED, IN_PROGRESS, ON_HOLD, COMPLETED, FAILED, ENTERED_IN_ERROR } =
  ReferralStatus;
const { CASE_MANAGER, COORDINATOR, AGENCY, SYSTEM } = ActorRole;

/** The hub side may withdraw a referral; `system` acts e.g. when consent is revoked. */
const HUB_SIDE = [CASE_MANAGER, COORDINATOR, SYSTEM] as const;
/** Once the agency has accepted, it may also call the referral off (e.g. the person moved away). */
const HUB_SIDE_AND_AGENCY = [CASE_MANAGER, COORDINATOR, SYSTEM, AGENCY] as const;
/** Marking a record as an error is a correction by supervision (or the system), never by the sender. */
const CORRECTORS = [COORDINATOR, SYSTEM] as const;

/** Statuses after which nothing but a correction to entered-in-error may happen. */
export const TERMINAL_STATUSES: readonly ReferralStatus[] = [REJECTED, CANCELLED, COMPLETED, FAILED, ENTERED_IN_ERROR];

/**
 * The referral workflow, after the FHIR Task state machine as used for referrals in the
 * Gravity SDOH Clinical Care IG. This table is the single source of truth: `transition`,
 * `allowedTransitions` and the tests all read it. A row with from === to is a
 * business-status-only update (the FHIR status stays, Task.businessStatus changes).
 */
export const TRANSITIONS: readonly TransitionRule[] = [
  {
    from: DRAFT,
    to: REQUESTED,
    actors: [CASE_MANAGER, COORDINATOR],
    requires: [],
    why: 'send: the hub side sends its draft to the agency',
  },
  {
    from: DRAFT,
    to: CANCELLED,
    actors: HUB_SIDE,
    requires: ['reason'],
    why: 'a draft that will not be sent is discarded',
  },

  {
    from: REQUESTED,
    to: REQUESTED,
    actors: [AGENCY],
    requires: ['businessStatus'],
    why: 'the agency confirms receipt or asks for the person before deciding',
  },
  {
    from: REQUESTED,
    to: ACCEPTED,
    actors: [AGENCY],
    requires: [],
    why: 'only the recipient decides whether it takes the referral',
  },
  {
    from: REQUESTED,
    to: REJECTED,
    actors: [AGENCY],
    requires: ['reason'],
    why: 'a rejection must say why, so the case manager can refer elsewhere',
  },
  {
    from: REQUESTED,
    to: CANCELLED,
    actors: HUB_SIDE,
    requires: ['reason'],
    why: 'the hub withdraws a referral the agency has not decided on (e.g. consent revoked)',
  },

  {
    from: ACCEPTED,
    to: ACCEPTED,
    actors: [AGENCY],
    requires: ['businessStatus'],
    why: 'appointment scheduled or missed, waitlisted, waiting on the person',
  },
  { from: ACCEPTED, to: IN_PROGRESS, actors: [AGENCY], requires: [], why: 'the agency starts the service' },
  {
    from: ACCEPTED,
    to: ON_HOLD,
    actors: [AGENCY],
    requires: ['reason'],
    why: 'the agency pauses before starting and says why',
  },
  {
    from: ACCEPTED,
    to: COMPLETED,
    actors: [AGENCY],
    requires: ['servicesDelivered'],
    why: 'short services (one counselling session) complete without an in-progress phase',
  },
  { from: ACCEPTED, to: FAILED, actors: [AGENCY], requires: ['reason'], why: 'the service could not be delivered' },
  {
    from: ACCEPTED,
    to: CANCELLED,
    actors: HUB_SIDE_AND_AGENCY,
    requires: ['reason'],
    why: 'either side calls off an accepted referral',
  },

  {
    from: IN_PROGRESS,
    to: IN_PROGRESS,
    actors: [AGENCY],
    requires: ['businessStatus'],
    why: 'progress detail while the service runs',
  },
  {
    from: IN_PROGRESS,
    to: ON_HOLD,
    actors: [AGENCY],
    requires: ['reason'],
    why: 'the agency pauses a running service and says why',
  },
  {
    from: IN_PROGRESS,
    to: COMPLETED,
    actors: [AGENCY],
    requires: ['servicesDelivered'],
    why: 'closing the loop: the agency reports what was actually delivered',
  },
  { from: IN_PROGRESS, to: FAILED, actors: [AGENCY], requires: ['reason'], why: 'the service broke off' },
  {
    from: IN_PROGRESS,
    to: CANCELLED,
    actors: HUB_SIDE_AND_AGENCY,
    requires: ['reason'],
    why: 'either side calls off a running referral',
  },

  {
    from: ON_HOLD,
    to: ON_HOLD,
    actors: [AGENCY],
    requires: ['businessStatus'],
    why: 'detail while paused (e.g. waitlisted)',
  },
  { from: ON_HOLD, to: IN_PROGRESS, actors: [AGENCY], requires: [], why: 'the agency resumes the service' },
  { from: ON_HOLD, to: COMPLETED, actors: [AGENCY], requires: ['servicesDelivered'], why: 'completed after a pause' },
  { from: ON_HOLD, to: FAILED, actors: [AGENCY], requires: ['reason'], why: 'the pause ended without the service' },
  {
    from: ON_HOLD,
    to: CANCELLED,
    actors: HUB_SIDE_AND_AGENCY,
    requires: ['reason'],
    why: 'either side calls off a paused referral',
  },

  // Correction: any record except one already marked as an error may be marked entered-in-error.
  ...[DRAFT, REQUESTED, ACCEPTED, IN_PROGRESS, ON_HOLD, REJECTED, CANCELLED, COMPLETED, FAILED].map(
    (from): TransitionRule => ({
      from,
      to: ENTERED_IN_ERROR,
      actors: CORRECTORS,
      requires: ['reason'],
      why: 'a coordinator (or the system) voids a record created in error; the reason is kept for the audit',
    }),
  ),
];

export function isTerminal(status: ReferralStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Rules leaving `from`, in table order. */
export function rulesFrom(from: ReferralStatus): TransitionRule[] {
  return TRANSITIONS.filter((r) => r.from === from);
}

/** The rule for a move, if the table has one. */
export function findRule(from: ReferralStatus, to: ReferralStatus): TransitionRule | undefined {
  return TRANSITIONS.find((r) => r.from === from && r.to === to);
}

/**
 * Statuses `actor` may move a referral in `status` to, in table order. Includes `status`
 * itself where the actor may make a business-status-only update.
 */
export function allowedTransitions(status: ReferralStatus, actor: ActorRole): ReferralStatus[] {
  return rulesFrom(status)
    .filter((r) => r.actors.includes(actor))
    .map((r) => r.to);
}
