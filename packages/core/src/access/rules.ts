/**
 * The access policy as named rules: each one, if dropped, would let something through that
 * docs/privacy.md ("The access policy: who sees what") says must not get through. The ids are
 * stable: the access matrix's ablation run switches them off one at a time (see ablation.ts).
 */
export const ACCESS_RULES = {
  'staff.case.own-area':
    'A case manager sees the cases of their regional area, a coordinator those of the area they supervise, nobody else of the staff',
  'staff.report.own-area-cases':
    "The Art. 15 report of a case lists only the person's cases in the caller's area and the ledger entries about them",
  'staff.linkage.outside-withheld':
    "A link review withholds values, levels, weights and score where one person has no case in the caller's area",
  'agency.grant.disclosure-kind-only':
    "Only disclosure consents count toward an agency's read grant, never service consents",
  'agency.grant.recipient': 'A consent or legal basis grants only to the agency it names',
  'agency.grant.in-force': 'A revoked, expired or not yet valid consent or legal basis grants nothing',
  'agency.grant.legal-basis-confirmed':
    'A legal basis grants nothing until a second coordinator of its area has confirmed it (four eyes); a pending or rejected one never',
  'agency.grant.legal-basis-scope':
    'A legal basis applies only to the person of the case it was recorded on, or to persons with a case in the coordination area it was recorded for',
  'agency.grant.purposes':
    'Only the purposes referral and service-delivery grant reads (never statistics or case-coordination)',
  'agency.grant.provisions': "A consent's permit/deny provisions narrow what it grants; deny wins",
  'agency.case.grant-required': 'An agency sees a case only while its read grant for the person is not empty',
  'agency.case.connected':
    'An agency sees a case only when connected to it: a sent referral on that case, or a consent or legal basis of its grant recorded on that very case',
  'agency.referral.sent-only': 'A draft referral neither connects an agency to a case nor is shown to it',
  'agency.referrals.own-only': 'An agency sees only its own referrals of a case',
  'agency.person.by-category': "An agency sees a person field only if the field's category is in its grant",
  'agency.identifiers.by-issuer':
    "An agency sees its own identifier of the person, and another issuer's only if that identifier's category is in its grant",
  'agency.needs.none': 'An agency never sees the needs of a case',
  'agency.plan.none': 'An agency never sees the integration plan (goals) of a case',
  'agency.consents.none': 'An agency never sees the consents recorded on a case',
  'agency.timeline.own-sent-only':
    'An agency sees only timeline events of its own referrals, from the moment each was sent',
  'agency.search.names-need-identity':
    'An agency finds a case by name only if identity is in its grant for the person (by reference otherwise)',
  'agency.changes.own-only': 'The change feed carries only messages addressed to the calling agency',
  'agency.deliveries.own-only': "An agency's delivery log (myDeliveries) holds only the messages addressed to it",
  'agency.deliveries.never-suppressed':
    "An agency's delivery log never shows a suppressed message: it never left the hub, so not even its referral id may reach the agency",
} as const;

export type AccessRuleId = keyof typeof ACCESS_RULES;

export const ACCESS_RULE_IDS = Object.keys(ACCESS_RULES) as AccessRuleId[];

/**
 * Rules switched off for an ablation run. Empty in every running hub: nothing in
 * configuration, environment or API reaches it; only ablation.ts changes it, from tests.
 */
const switchedOff = new Set<AccessRuleId>();

/** Whether a rule holds. Every place that enforces a rule asks this, so an ablation drops it everywhere at once. */
export function rule(id: AccessRuleId): boolean {
  return !switchedOff.has(id);
}

/** For ablation.ts only. */
export const ruleSwitches = {
  off(id: AccessRuleId): void {
    if (!(id in ACCESS_RULES)) throw new RangeError(`unknown access rule ${String(id)}`);
    switchedOff.add(id);
  },
  allOn(): void {
    switchedOff.clear();
  },
  current(): AccessRuleId[] {
    return [...switchedOff];
  },
};
