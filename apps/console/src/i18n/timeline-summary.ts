import {
  TIMELINE_SUMMARY_CODES,
  TIMELINE_SUMMARY_TEXT,
  type TimelineSummaryCode,
} from '@kim/contracts/timeline-summary';

/** i18next reads "." as nesting: a code's key in the catalog spells it with underscores, as timelineKind does. */
export const summaryKey = (code: TimelineSummaryCode) => code.replace(/[.-]/g, '_');

/** The catalog section: one template per summary code, in the given language. */
export function timelineSummaryMessages(lang: 'de' | 'en'): Record<string, string> {
  return Object.fromEntries(TIMELINE_SUMMARY_CODES.map((c) => [summaryKey(c), TIMELINE_SUMMARY_TEXT[lang][c]]));
}
