/**
 * What a timeline entry says, as a code with parameters: the words are chosen when it is read,
 * in the reader's language (the console's i18n, a letter in German). Parameters that are codes
 * themselves (a status, a phase, data categories) stay codes here and become words there too.
 */

/** The parameters each summary code carries, in the order they are usually read. */
export const TIMELINE_SUMMARY_PARAMS = {
  'case.opened': ['reference'],
  'case.phase-changed': ['fromPhase', 'toPhase'],
  'case.note-added': ['note'],
  'case.handed-over': ['staff'],
  'case.handed-over-with-note': ['staff', 'note'],
  'person.updated': ['fields'],
  'person.do-not-contact-set': [],
  'person.do-not-contact-lifted': [],
  'plan.goal-added': ['goal'],
  'plan.goal-changed': ['goal'],
  'plan.goal-status-changed': ['goal', 'fromGoalStatus', 'toGoalStatus'],
  'consent.recorded': ['agency', 'categories'],
  'consent.revoked': ['agency'],
  'consent.expired': [],
  'legal-basis.recorded': ['agency', 'citation'],
  'legal-basis.confirmed': ['citation', 'staff'],
  'legal-basis.rejected': ['citation', 'staff'],
  'message.suppressed-referral-status': ['agency', 'status'],
  'message.suppressed-do-not-contact': ['agency'],
  'message.suppressed-consent': ['agency'],
  'override.opened': ['staff', 'until', 'reason'],
  'referral.drafted': ['service'],
  'referral.sent': ['agency'],
  'referral.cancelled': ['reason'],
  'referral.cancelled-consent-withdrawn': ['agency'],
  'referral.status-changed': ['agency', 'fromStatus', 'toStatus'],
  'referral.status-changed-with-reason': ['agency', 'fromStatus', 'toStatus', 'reason'],
  'referral.outcome-acknowledged': ['status'],
  'achievement.recorded': ['achievementKind', 'detail'],
  'achievement.reported': ['agency', 'achievementKind'],
  'achievement.corrected': ['achievementKind', 'detail', 'reason'],
  'dossier.queued': ['count', 'agency'],
  'referral.recalled': ['agency', 'reason'],
  'case.transfer-offered': ['kreis', 'categories'],
  'case.transfer-withdrawn': ['kreis'],
  'case.transfer-declined': ['kreis', 'reason'],
  'case.transferred-out': ['kreis'],
  'case.transferred-in': ['kreis', 'categories'],
  'case.history-before-transfer': ['event'],
} as const satisfies Record<string, readonly TimelineParamName[]>;

/**
 * What each parameter holds, so a reader knows how to put it into words: `text` as written
 * (names, notes, a citation), the others are codes of the hub (lists for `categories` and
 * `personFields`) or an ISO 8601 instant (`dateTime`).
 */
export const TIMELINE_PARAM_KINDS = {
  reference: 'text',
  note: 'text',
  staff: 'text',
  goal: 'text',
  agency: 'text',
  service: 'text',
  citation: 'text',
  reason: 'text',
  fromPhase: 'phase',
  toPhase: 'phase',
  fromGoalStatus: 'goalStatus',
  toGoalStatus: 'goalStatus',
  status: 'referralStatus',
  fromStatus: 'referralStatus',
  toStatus: 'referralStatus',
  categories: 'categories',
  fields: 'personFields',
  until: 'dateTime',
  achievementKind: 'achievementKind',
  // Language-neutral facts of an achievement: a CEFR level and test, points, hours (no evidence).
  detail: 'text',
  count: 'text',
  // The other Kreis of a transfer (a tenant's name).
  kreis: 'text',
  // A timeline kind of the case a transfer came from (a code; readers put it into words).
  event: 'timelineKind',
} as const;

export type TimelineParamName = keyof typeof TIMELINE_PARAM_KINDS;
export type TimelineParamKind = (typeof TIMELINE_PARAM_KINDS)[TimelineParamName];
export type TimelineSummaryCode = keyof typeof TIMELINE_SUMMARY_PARAMS;
export const TIMELINE_SUMMARY_CODES = Object.keys(TIMELINE_SUMMARY_PARAMS) as TimelineSummaryCode[];

type ParamValue<P extends TimelineParamName> = (typeof TIMELINE_PARAM_KINDS)[P] extends 'categories' | 'personFields'
  ? readonly string[]
  : string;

/** A summary: a code and exactly the parameters that code names (a missing one is a type error). */
export type TimelineSummary = {
  [C in TimelineSummaryCode]: {
    code: C;
    params: { [P in (typeof TIMELINE_SUMMARY_PARAMS)[C][number]]: ParamValue<P> };
  };
}[TimelineSummaryCode];

export type TimelineParams = Partial<Record<TimelineParamName, string | readonly string[]>>;

export const isTimelineSummaryCode = (s: string): s is TimelineSummaryCode =>
  Object.prototype.hasOwnProperty.call(TIMELINE_SUMMARY_PARAMS, s);

/** A template per code, with `{{param}}` placeholders (i18next's syntax: the console uses them as they are). */
type Templates = Record<TimelineSummaryCode, string>;

export const TIMELINE_SUMMARY_TEXT: { de: Templates; en: Templates } = {
  de: {
    'case.opened': 'Fall {{reference}} eröffnet (Erstberatung)',
    'case.phase-changed': 'Phase {{fromPhase}} → {{toPhase}}',
    'case.note-added': '{{note}}',
    'case.handed-over': 'Fall an {{staff}} übergeben',
    'case.handed-over-with-note': 'Fall an {{staff}} übergeben: {{note}}',
    'person.updated': 'Personendaten geändert: {{fields}}',
    'person.do-not-contact-set': 'Kontaktsperre eingerichtet',
    'person.do-not-contact-lifted': 'Kontaktsperre aufgehoben',
    'plan.goal-added': 'Ziel vereinbart: {{goal}}',
    'plan.goal-changed': 'Ziel geändert: {{goal}}',
    'plan.goal-status-changed': 'Ziel {{fromGoalStatus}} → {{toGoalStatus}}: {{goal}}',
    'consent.recorded': 'Einwilligung für {{agency}} erfasst: {{categories}}',
    'consent.revoked': 'Einwilligung für {{agency}} widerrufen',
    'consent.expired': 'Einwilligung abgelaufen',
    'legal-basis.recorded': 'Rechtsgrundlage für {{agency}} erfasst: {{citation}} (wartet auf Bestätigung)',
    'legal-basis.confirmed': 'Rechtsgrundlage {{citation}} von {{staff}} bestätigt',
    'legal-basis.rejected': 'Rechtsgrundlage {{citation}} von {{staff}} abgelehnt',
    'message.suppressed-referral-status': 'Nachricht an {{agency}} nicht gesendet: Die Vermittlung ist {{status}}',
    'message.suppressed-do-not-contact':
      'Nachricht an {{agency}} nicht gesendet: Die Person möchte nicht kontaktiert werden',
    'message.suppressed-consent': 'Nachricht an {{agency}} nicht gesendet: Die Einwilligung deckt sie nicht mehr',
    'override.opened': 'Notfallzugriff durch {{staff}} bis {{until}}: {{reason}}',
    'referral.drafted': 'Vermittlung zu {{service}} angelegt',
    'referral.sent': 'Vermittlung an {{agency}} gesendet',
    'referral.cancelled': 'Vermittlung storniert: {{reason}}',
    'referral.cancelled-consent-withdrawn': 'Vermittlung an {{agency}} storniert: Einwilligung widerrufen',
    'referral.status-changed': '{{agency}}: {{fromStatus}} → {{toStatus}}',
    'referral.status-changed-with-reason': '{{agency}}: {{fromStatus}} → {{toStatus}} ({{reason}})',
    'referral.outcome-acknowledged': 'Ergebnis ({{status}}) zur Kenntnis genommen',
    'achievement.recorded': 'Integrationsleistung erfasst: {{achievementKind}} {{detail}}',
    'achievement.reported': 'Integrationsleistung von {{agency}} gemeldet: {{achievementKind}}',
    'achievement.corrected': 'Integrationsleistung berichtigt: {{achievementKind}} {{detail}} ({{reason}})',
    'dossier.queued': 'Nachweismappe mit {{count}} Leistung(en) an {{agency}} in Versand gegeben',
    'referral.recalled': 'Vermittlung an {{agency}} zurückgezogen: {{reason}}',
    'case.transfer-offered': 'Umzug angeboten an {{kreis}} ({{categories}})',
    'case.transfer-withdrawn': 'Umzugsangebot an {{kreis}} zurückgezogen',
    'case.transfer-declined': '{{kreis}} hat das Umzugsangebot abgelehnt: {{reason}}',
    'case.transferred-out': 'Fall an {{kreis}} übergeben und wegen Umzugs geschlossen',
    'case.transferred-in': 'Fall aus {{kreis}} übernommen ({{categories}})',
    'case.history-before-transfer': 'Vor dem Umzug: {{event}}',
  },
  en: {
    'case.opened': 'Case {{reference}} opened (intake)',
    'case.phase-changed': 'Phase {{fromPhase}} → {{toPhase}}',
    'case.note-added': '{{note}}',
    'case.handed-over': 'Case handed over to {{staff}}',
    'case.handed-over-with-note': 'Case handed over to {{staff}}: {{note}}',
    'person.updated': 'Person data changed: {{fields}}',
    'person.do-not-contact-set': 'Do not contact: set',
    'person.do-not-contact-lifted': 'Do not contact: lifted',
    'plan.goal-added': 'Goal added: {{goal}}',
    'plan.goal-changed': 'Goal changed: {{goal}}',
    'plan.goal-status-changed': 'Goal {{fromGoalStatus}} → {{toGoalStatus}}: {{goal}}',
    'consent.recorded': 'Consent recorded for {{agency}}: {{categories}}',
    'consent.revoked': 'Consent for {{agency}} revoked',
    'consent.expired': 'Consent expired',
    'legal-basis.recorded': 'Legal basis recorded for {{agency}}: {{citation}} (awaiting confirmation)',
    'legal-basis.confirmed': 'Legal basis {{citation}} confirmed by {{staff}}',
    'legal-basis.rejected': 'Legal basis {{citation}} rejected by {{staff}}',
    'message.suppressed-referral-status': 'Message to {{agency}} not sent: the referral is {{status}}',
    'message.suppressed-do-not-contact': 'Message to {{agency}} not sent: the person asked not to be contacted',
    'message.suppressed-consent': 'Message to {{agency}} not sent: consent no longer covers it',
    'override.opened': 'Break-glass access by {{staff}} until {{until}}: {{reason}}',
    'referral.drafted': 'Referral to {{service}} drafted',
    'referral.sent': 'Referral sent to {{agency}}',
    'referral.cancelled': 'Referral cancelled: {{reason}}',
    'referral.cancelled-consent-withdrawn': 'Referral to {{agency}} cancelled: consent withdrawn',
    'referral.status-changed': '{{agency}}: {{fromStatus}} → {{toStatus}}',
    'referral.status-changed-with-reason': '{{agency}}: {{fromStatus}} → {{toStatus}} ({{reason}})',
    'referral.outcome-acknowledged': 'Outcome ({{status}}) taken note of',
    'achievement.recorded': 'Achievement recorded: {{achievementKind}} {{detail}}',
    'achievement.reported': 'Achievement recorded from {{agency}}: {{achievementKind}}',
    'achievement.corrected': 'Achievement corrected: {{achievementKind}} {{detail}} ({{reason}})',
    'dossier.queued': 'Dossier of {{count}} achievement(s) queued for {{agency}}',
    'referral.recalled': 'Referral to {{agency}} recalled: {{reason}}',
    'case.transfer-offered': 'Move offered to {{kreis}} ({{categories}})',
    'case.transfer-withdrawn': 'Offer to move to {{kreis}} withdrawn',
    'case.transfer-declined': '{{kreis}} declined the offer to move: {{reason}}',
    'case.transferred-out': 'Case handed over to {{kreis}} and closed as moved',
    'case.transferred-in': 'Case taken over from {{kreis}} ({{categories}})',
    'case.history-before-transfer': 'Before the move: {{event}}',
  },
};

/** The placeholders of a template, in order. */
export function templateParams(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([A-Za-z]+)\s*\}\}/g)].map((m) => m[1]!);
}

/**
 * A summary in words, for readers outside the console (the stored plain-text summary, letters).
 * `word` puts a parameter into words by its kind; by default codes stay as they are and lists
 * are joined with commas.
 */
export function renderTimelineSummary(
  s: { code: TimelineSummaryCode; params: TimelineParams },
  lang: 'de' | 'en',
  word: (kind: TimelineParamKind, value: string) => string = (_k, v) => v,
): string {
  const params = s.params;
  return TIMELINE_SUMMARY_TEXT[lang][s.code].replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (_m, name: string) => {
    const value = params[name as TimelineParamName];
    const kind = TIMELINE_PARAM_KINDS[name as TimelineParamName] ?? 'text';
    if (value == null) return '';
    return typeof value === 'string' ? word(kind, value) : value.map((v) => word(kind, v)).join(', ');
  });
}

/** How an entry is stored: the code, its parameters and the English sentence for the API's plain-text field. */
export function timelineSummaryColumns(s: TimelineSummary): {
  summary: string;
  summaryCode: TimelineSummaryCode;
  summaryParams: TimelineParams;
} {
  // The plain-text field keeps codes as they are, but an achievement's kind reads as words.
  const english = renderTimelineSummary(s, 'en', (kind, v) => (kind === 'achievementKind' ? v.replace(/-/g, ' ') : v));
  return { summary: english, summaryCode: s.code, summaryParams: s.params };
}
