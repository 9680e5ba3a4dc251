/**
 * The ledger's vocabularies: every audit action and every timeline kind the hub writes. The
 * audit ledger and the case timeline are read by people (the Art. 15 access report, the board,
 * the case history), so a misspelt action would silently drop out of their reports; with these
 * unions a typo is a type error. Add a new action or kind here first.
 */

/** What an audit entry records: a decision or a read, named `<subject>.<verb>`. */
export const AUDIT_ACTIONS = [
  'access-report.generated',
  'agency.created',
  'agency.secret-rotation.finish',
  'agency.secret-rotation.start',
  'agency.updated',
  'area.created',
  'area.updated',
  'credential.expired',
  'credential.issued',
  'credential.revoked',
  'credential.rotated',
  'case.read',
  'cases.search',
  'consent.expired',
  'consent.recorded',
  'consent.revoked',
  'handoff.import',
  'inbound.status',
  'legal-basis.confirmed',
  'legal-basis.recorded',
  'legal-basis.rejected',
  'link-review.decided',
  'link-review.queued',
  'message.discard',
  'message.replay',
  'override.opened',
  'override.refused',
  'override.reviewed',
  'case.handed-over',
  'person.updated',
  'person.do-not-contact',
  'person.erased',
  'person.identifier-linked',
  'person.linked-by-identifier',
  'person.merged',
  'person.read',
  'person.unmerged',
  'referral-changes.read',
  'referral.disclose',
  'referral.note.read',
  'referral.read',
  'referral.send',
  'report.typical-case',
  'service.created',
  'service.updated',
  'staff.created',
  'staff.provisioned',
  'staff.sign-in-bound',
  'staff.updated',
  'session.ended',
  'sign-in.refused',
  'sign-in.succeeded',
  'sign-out',
  'tenant.created',
  'tenant.privacy-contacts-updated',
  'timeline.read',
  'achievement.recorded',
  'achievement.corrected',
  'dossier.send',
  'consent-form.printed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The reads of an agency that the access report lists (Art. 15): a subset of the actions. */
export const AGENCY_READ_ACTIONS = [
  'case.read',
  'person.read',
  'referral.read',
  'referral.note.read',
  'timeline.read',
] as const satisfies readonly AuditAction[];
export type AgencyReadAction = (typeof AGENCY_READ_ACTIONS)[number];

/** What a case timeline entry says happened, named `<subject>.<event>`. */
export const TIMELINE_KINDS = [
  'case.opened',
  'case.phase-changed',
  'consent.expired',
  'consent.recorded',
  'consent.revoked',
  'legal-basis.confirmed',
  'legal-basis.recorded',
  'legal-basis.rejected',
  'message.suppressed',
  'override.opened',
  'case.handed-over',
  'case.note-added',
  'person.updated',
  'person.do-not-contact',
  'plan.goal-added',
  'plan.goal-updated',
  'referral.created',
  'referral.outcome-acknowledged',
  'referral.overdue',
  'referral.status-changed',
  'achievement.recorded',
  'achievement.corrected',
  'dossier.queued',
  'dossier.suppressed',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const isAuditAction = (s: string): s is AuditAction => (AUDIT_ACTIONS as readonly string[]).includes(s);
export const isTimelineKind = (s: string): s is TimelineKind => (TIMELINE_KINDS as readonly string[]).includes(s);
