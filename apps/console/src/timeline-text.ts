import {
  TIMELINE_PARAM_KINDS,
  isTimelineSummaryCode,
  type TimelineParamKind,
  type TimelineParamName,
} from '@kim/contracts/timeline-summary';
import type { TFunction } from 'i18next';
import { formatDateTime, statusKey } from './format';
import { summaryKey } from './i18n/timeline-summary';

/** A code among the parameters, in words of the interface language. */
function word(t: TFunction, lang: string, kind: TimelineParamKind, value: string): string {
  switch (kind) {
    case 'phase':
      return t(`phase.${value.toUpperCase()}`);
    case 'referralStatus':
      return t(`status.${statusKey(value)}`);
    case 'goalStatus':
      return t(`goalStatus.${value}`);
    case 'categories':
      return t(`category.${statusKey(value)}`);
    case 'personFields':
      return t(`personField.${value}`);
    case 'achievementKind':
      return t(`achievement.kind.${value.toUpperCase().replace(/-/g, '_')}`);
    case 'timelineKind':
      // What happened in the Kreis a case came from (a transfer's history): the kind in words.
      return t(`timelineKind.${value.replace(/[.-]/g, '_')}`, { defaultValue: t('timelineKind.other') });
    case 'dateTime':
      return formatDateTime(value, lang);
    case 'text':
      return value;
  }
}

export interface SummaryOfEntry {
  summaryCode: string | null;
  summaryParams: { name: string; values: string[] }[];
}

/**
 * A timeline entry's summary in the interface language; null for an entry without a code the
 * console knows (an old one: the caller shows its stored English sentence instead).
 */
export function timelineSummaryText(t: TFunction, lang: string, e: SummaryOfEntry): string | null {
  if (!e.summaryCode || !isTimelineSummaryCode(e.summaryCode)) return null;
  const params: Record<string, string> = {};
  for (const p of e.summaryParams) {
    const kind: TimelineParamKind = TIMELINE_PARAM_KINDS[p.name as TimelineParamName] ?? 'text';
    params[p.name] = p.values.map((v) => word(t, lang, kind, v)).join(', ');
  }
  return t(`timelineSummary.${summaryKey(e.summaryCode)}`, params);
}
