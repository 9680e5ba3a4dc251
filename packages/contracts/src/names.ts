/**
 * The words for the hub's codes that a person reads outside the console's catalogs: country and
 * language names through Intl.DisplayNames (the hub stores ISO 3166-1 alpha-3 and ISO 639 codes),
 * and the German words of the codes in letters and forms. Pure (no I/O): the console, the Art. 15
 * letter and the consent form take them from here, so the lists exist once.
 */

/** Alpha-3 (what the hub stores) to alpha-2 (what Intl.DisplayNames takes), for the countries the intake offers. */
export const COUNTRY_ALPHA2: Readonly<Record<string, string>> = {
  AFG: 'AF',
  ALB: 'AL',
  DEU: 'DE',
  ERI: 'ER',
  GEO: 'GE',
  GIN: 'GN',
  IRN: 'IR',
  IRQ: 'IQ',
  MKD: 'MK',
  NGA: 'NG',
  PAK: 'PK',
  POL: 'PL',
  ROU: 'RO',
  RUS: 'RU',
  SOM: 'SO',
  SRB: 'RS',
  SYR: 'SY',
  TUR: 'TR',
  UKR: 'UA',
  VNM: 'VN',
};
/** The nationalities the intake offers (alpha-3). */
export const COUNTRIES: readonly string[] = Object.keys(COUNTRY_ALPHA2);
/** The languages the intake offers (ISO 639-1), most spoken by newcomers first. */
export const LANGUAGES: readonly string[] = ['ar', 'fa', 'ps', 'ku', 'tr', 'uk', 'ru', 'ti', 'so', 'en', 'fr', 'de'];

export type NameLanguage = 'de' | 'en';
const locale = (lng: string): NameLanguage => (lng === 'en' ? 'en' : 'de');

/** A country's name; null for a code the hub does not know (the caller says so in its own words). */
export function countryNameOrNull(code: string | null | undefined, lng: string): string | null {
  if (!code) return null;
  const a2 = COUNTRY_ALPHA2[code] ?? (code.length === 2 ? code : null);
  if (!a2) return null;
  try {
    return new Intl.DisplayNames([locale(lng)], { type: 'region' }).of(a2) ?? null;
  } catch {
    return null;
  }
}

/** A language's name in the reader's language; the code itself when Intl does not know it. */
export function languageName(code: string, lng: string): string {
  try {
    return new Intl.DisplayNames([locale(lng)], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The German words of the hub's codes (as stored: kebab-case), in the console's terms
 * (apps/console/src/i18n/de.ts; a test holds them equal): for letters and forms a person reads.
 */
export const GERMAN_WORDS = {
  referralStatus: {
    draft: 'Entwurf',
    requested: 'angefragt',
    accepted: 'angenommen',
    rejected: 'abgelehnt',
    'in-progress': 'in Bearbeitung',
    'on-hold': 'pausiert',
    completed: 'abgeschlossen',
    failed: 'gescheitert',
    cancelled: 'storniert',
    'entered-in-error': 'irrtümlich erfasst',
  },
  phase: {
    intake: 'Erstberatung',
    assessment: 'Bestandsaufnahme',
    planning: 'Planung',
    linking: 'Leistungssteuerung',
    monitoring: 'Monitoring',
    reassessment: 'Re-Assessment',
    closed: 'abgeschlossen',
  },
  lifeDomain: {
    language: 'Sprache',
    work: 'Arbeit',
    education: 'Bildung',
    housing: 'Wohnen',
    health: 'Gesundheit',
    residence: 'Aufenthalt',
    family: 'Familie',
    money: 'Geld und Leistungen',
  },
  goalStatus: { open: 'offen', 'in-progress': 'in Arbeit', achieved: 'erreicht', dropped: 'aufgegeben' },
  category: {
    identity: 'Identität',
    contact: 'Kontakt',
    'residence-status': 'Aufenthaltsstatus',
    'education-work': 'Bildung und Arbeit',
    benefits: 'Leistungsbezug',
    family: 'Familie',
    health: 'Gesundheit',
  },
  purpose: {
    referral: 'Vermittlung',
    'service-delivery': 'Leistungserbringung',
    'case-coordination': 'Fallkoordination',
    statistics: 'Statistik',
    transfer: 'Umzug in einen anderen Kreis',
  },
  sex: { female: 'weiblich', male: 'männlich', diverse: 'divers', unknown: 'keine Angabe' },
  identifier: { azr: 'AZR-Nummer', 'agency-customer-number': 'Kundennummer' },
  /** The person's achievements (issue 19; the console's achievement.kind). */
  achievementKind: {
    'language-certificate': 'Sprachzertifikat',
    'integration-course': 'Integrationskurs',
    'life-in-germany-test': 'Test „Leben in Deutschland“',
    'orientation-course': 'Orientierungskurs',
    school: 'Schulbesuch oder Schulabschluss',
    'vocational-training': 'Berufsausbildung',
    'qualification-recognition': 'Anerkennung eines ausländischen Abschlusses',
    employment: 'Beschäftigung',
    'voluntary-work': 'Ehrenamt',
    naturalisation: 'Einbürgerung',
  },
  /** What an achievement rests on (the console's achievement.evidenceKinds). */
  evidenceKind: {
    certificate: 'Zertifikat',
    contract: 'Vertrag',
    notice: 'Bescheid',
    confirmation: 'Bestätigung',
    other: 'Sonstiges',
    message: 'Statusmeldung',
  },
} as const satisfies Record<string, Record<string, string>>;

/** The English words of the codes a consent form names (its English half), in the console's English terms. */
export const ENGLISH_WORDS = {
  category: {
    identity: 'identity',
    contact: 'contact',
    'residence-status': 'residence status',
    'education-work': 'education and work',
    benefits: 'benefits',
    family: 'family',
    health: 'health',
  },
  purpose: {
    referral: 'Referral',
    'service-delivery': 'Service delivery',
    'case-coordination': 'Case coordination',
    statistics: 'Statistics',
    transfer: 'Move to another Kreis',
  },
} as const satisfies Record<string, Record<string, string>>;
