import i18next from 'i18next';
import { CasePhase, DataCategory, ReferralStatus, goalStatusSchema } from '@kim/contracts';
import { TIMELINE_SUMMARY_CODES, TIMELINE_SUMMARY_PARAMS, templateParams } from '@kim/contracts/timeline-summary';
import { statusKey } from '../format';
import { timelineSummaryText } from '../timeline-text';
import { de } from './de';
import { en } from './en';
import { summaryKey } from './timeline-summary';

/** Every entry of a catalog as [path, text] (nested objects flattened; some keys hold dots themselves). */
function entries(o: object, prefix: string[] = []): [string, unknown][] {
  return Object.entries(o).flatMap(([k, v]): [string, unknown][] =>
    v !== null && typeof v === 'object' ? entries(v as object, [...prefix, k]) : [[[...prefix, k].join(' › '), v]],
  );
}
const lookup = (o: object, key: string): unknown =>
  key.split('.').reduce<unknown>((at, k) => (at as Record<string, unknown> | undefined)?.[k], o);

/** The person's data a case manager may correct (PersonCorrection in @kim/persistence), written out here. */
const PERSON_FIELDS = [
  'givenNames',
  'familyName',
  'nameOriginalScript',
  'birthDate',
  'birthDatePrecision',
  'sex',
  'nationality',
  'languages',
  'residenceStatus',
  'municipality',
  'arrivalDate',
];

describe('the console catalogs', () => {
  it('have the same keys in German and English, none empty', () => {
    const german = entries(de);
    const english = entries(en);
    expect(english.map(([k]) => k).sort()).toEqual(german.map(([k]) => k).sort());
    for (const [k, text] of [...german, ...english])
      expect([k, typeof text === 'string' && text.trim() !== '']).toEqual([k, true]);
  });

  it.each(TIMELINE_SUMMARY_CODES)('say timeline summary %s in both languages, with exactly its parameters', (code) => {
    const wanted = [...TIMELINE_SUMMARY_PARAMS[code]].sort();
    for (const catalog of [de, en]) {
      const template = catalog.timelineSummary[summaryKey(code)];
      expect(typeof template).toBe('string');
      expect([...new Set(templateParams(template!))].sort()).toEqual(wanted);
    }
  });

  // The codes a summary parameter may hold each need words (a raw "in-progress" must never show).
  it.each([
    ['referral status', Object.values(ReferralStatus).map((s) => `status.${statusKey(s)}`)],
    ['case phase', Object.values(CasePhase).map((p) => `phase.${p.toUpperCase()}`)],
    ['goal status', goalStatusSchema.options.map((g) => `goalStatus.${g}`)],
    ['data category', Object.values(DataCategory).map((c) => `category.${statusKey(c)}`)],
    ['person field', PERSON_FIELDS.map((f) => `personField.${f}`)],
  ])('have words for every %s', (_what, wanted) => {
    for (const key of wanted) {
      expect([key, typeof lookup(de, key)]).toEqual([key, 'string']);
      expect([key, typeof lookup(en, key)]).toEqual([key, 'string']);
    }
  });
});

/**
 * Summaries as a case manager reads them, written from the wording of the console (status,
 * phase, category words) and not from the templates: codes become words, names stay.
 */
const READ_AS: [string, string, Record<string, string[]>, string][] = [
  [
    'de',
    'referral.status-changed',
    { agency: ['Caritas Rheine'], fromStatus: ['requested'], toStatus: ['in-progress'] },
    'Caritas Rheine: angefragt → in Bearbeitung',
  ],
  [
    'en',
    'referral.status-changed',
    { agency: ['Caritas Rheine'], fromStatus: ['requested'], toStatus: ['in-progress'] },
    'Caritas Rheine: requested → in progress',
  ],
  [
    'de',
    'referral.status-changed-with-reason',
    { agency: ['Jobcenter'], fromStatus: ['requested'], toStatus: ['rejected'], reason: ['kein Platz frei'] },
    'Jobcenter: angefragt → abgelehnt (kein Platz frei)',
  ],
  [
    'de',
    'case.phase-changed',
    { fromPhase: ['intake'], toPhase: ['assessment'] },
    'Phase Erstberatung → Bestandsaufnahme',
  ],
  [
    'de',
    'consent.recorded',
    { agency: ['Jobcenter'], categories: ['identity', 'residence-status'] },
    'Einwilligung für Jobcenter erfasst: Identität, Aufenthaltsstatus',
  ],
  [
    'de',
    'person.updated',
    { fields: ['birthDatePrecision', 'municipality'] },
    'Personendaten geändert: Genauigkeit des Geburtsdatums, Wohnort',
  ],
  [
    'de',
    'plan.goal-status-changed',
    { goal: ['B1-Kurs'], fromGoalStatus: ['open'], toGoalStatus: ['achieved'] },
    'Ziel offen → erreicht: B1-Kurs',
  ],
  ['de', 'referral.outcome-acknowledged', { status: ['completed'] }, 'Ergebnis (abgeschlossen) zur Kenntnis genommen'],
  [
    'de',
    'message.suppressed-referral-status',
    { agency: ['Jobcenter'], status: ['cancelled'] },
    'Nachricht an Jobcenter nicht gesendet: Die Vermittlung ist storniert',
  ],
  [
    'de',
    'override.opened',
    { staff: ['K. Koordination'], until: ['2026-03-02T13:30:00Z'], reason: ['Akute Krise, Case Managerin krank'] },
    'Notfallzugriff durch K. Koordination bis 02.03.2026, 14:30: Akute Krise, Case Managerin krank',
  ],
  ['de', 'person.do-not-contact-set', {}, 'Kontaktsperre eingerichtet'],
  [
    'de',
    'case.note-added',
    { note: ['Termin am Montag: {{agency}} $t(app.name)'] },
    'Termin am Montag: {{agency}} $t(app.name)',
  ],
];

describe('timeline summaries in the interface language', () => {
  it.each(READ_AS)('%s: %s', async (lang, code, params, expected) => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: lang,
      resources: { de: { translation: de }, en: { translation: en } },
      interpolation: { escapeValue: false },
    });
    const summaryParams = Object.entries(params).map(([name, values]) => ({ name, values }));
    expect(timelineSummaryText(i18n.t, lang, { summaryCode: code, summaryParams })).toBe(expected);
  });

  it('leaves an entry without a known code to its stored sentence', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'de', resources: { de: { translation: de } } });
    expect(timelineSummaryText(i18n.t, 'de', { summaryCode: null, summaryParams: [] })).toBeNull();
    expect(timelineSummaryText(i18n.t, 'de', { summaryCode: 'case.unheard-of', summaryParams: [] })).toBeNull();
  });
});
