import type { Page } from 'playwright-core';
import {
  AgencyChannel,
  AgencyKind,
  CasePhase,
  DataCategory,
  EventType,
  LegalDomain,
  LifeDomain,
  ReferralStatus,
  StaffRole,
  TIMELINE_KINDS,
  TIMELINE_SUMMARY_CODES,
} from '@kim/contracts';
import { seriousViolations } from '@kim/test-support/console';

/** Codes of the hub that a person should never read: each has words in the console. */
const CODES = [
  ...Object.values(ReferralStatus).filter((s) => s.includes('-')),
  ...Object.values(StaffRole).filter((r) => r.includes('-')),
  ...Object.values(CasePhase).map((p) => p.toUpperCase()),
  ...Object.values(EventType),
  // The administration's choices: GraphQL's keys (TENANT_ADMIN, SGB_II, WEBHOOK) and the hub's values.
  ...[StaffRole, AgencyKind, LegalDomain, AgencyChannel, LifeDomain].flatMap((e) => Object.keys(e)),
  ...[AgencyKind, LegalDomain].flatMap((e) => Object.values(e).filter((v) => v.includes('-'))),
  'double-funding',
  'duplicate-course-certificate',
  'duplicate-open-case',
  'consent-withdrawn',
  ...Object.values(DataCategory).filter((c) => c.includes('-')),
  ...TIMELINE_KINDS,
  ...TIMELINE_SUMMARY_CODES,
  // Field names of the person as the hub spells them (a timeline once listed changed fields so).
  'givenNames',
  'familyName',
  'nameOriginalScript',
  'birthDate',
  'birthDatePrecision',
  'residenceStatus',
  'arrivalDate',
];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const RAW_CODE = new RegExp(`(?<![\\w-])(${CODES.map(escape).join('|')})(?![\\w-])`);
/**
 * What i18next shows for a key it does not have: the key itself, "section.key". The console's
 * sections (apps/console/src/i18n/de.ts), listed here so that the check does not read the
 * messages it checks.
 */
const SECTIONS = [
  'app',
  'nav',
  'lang',
  'session',
  'signIn',
  'overview',
  'watch',
  'cases',
  'case',
  'board',
  'linkReview',
  'linkLevel',
  'timelineKind',
  'phase',
  'status',
  'category',
  'error',
  'work',
  'precision',
  'sex',
  'domain',
  'purpose',
  'goalStatus',
  'review',
  'flagKind',
  'eventType',
  'common',
  'admin',
  'timelineSummary',
  'personField',
  'download',
  'achievement',
];
const MISSING_KEY = new RegExp(`(?<![\\w.@/-])(${SECTIONS.join('|')})\\.[A-Za-z_]+`);

/**
 * The text a person reads in the page's main region (not inputs' values), checked for a raw
 * code of the hub or a missing translation; one line per finding, labelled with the page.
 */
export async function rawTextProblems(page: Page, label: string): Promise<string[]> {
  const text = await page.locator('main').innerText();
  const problems: string[] = [];
  for (const line of text.split('\n')) {
    const code = RAW_CODE.exec(line);
    if (code) problems.push(`${label}: raw code "${code[1]}" in "${line.trim().slice(0, 80)}"`);
    const key = MISSING_KEY.exec(line);
    if (key) problems.push(`${label}: missing translation "${key[0]}"`);
  }
  return problems;
}

/** Everything a page is checked for: serious accessibility violations, raw codes, missing translations. */
export async function pageProblems(page: Page, label: string): Promise<string[]> {
  return [...(await seriousViolations(page, label)), ...(await rawTextProblems(page, label))];
}
