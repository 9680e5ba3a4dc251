/**
 * Country and language names in the interface language, through Intl.DisplayNames: the hub
 * stores codes (ISO 3166-1 alpha-3, ISO 639), a person reads words.
 */

// Alpha-3 (what the hub stores) to alpha-2 (what Intl.DisplayNames takes), for the countries
// the intake offers. Unknown codes are shown as they are.
const ALPHA2: Record<string, string> = {
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
export const COUNTRIES = Object.keys(ALPHA2);
export const LANGUAGES = ['ar', 'fa', 'ps', 'ku', 'tr', 'uk', 'ru', 'ti', 'so', 'en', 'fr', 'de'];

const locale = (lng: string) => (lng === 'en' ? 'en' : 'de');

export function countryName(code: string, lng: string): string {
  const a2 = ALPHA2[code];
  if (!a2) return code;
  return new Intl.DisplayNames([locale(lng)], { type: 'region' }).of(a2) ?? code;
}

export function languageName(code: string, lng: string): string {
  try {
    return new Intl.DisplayNames([locale(lng)], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
