/**
 * Country and language names in the interface language, through Intl.DisplayNames: the hub
 * stores codes (ISO 3166-1 alpha-3, ISO 639), a person reads words. The lists and the lookups
 * are @kim/contracts' (the Art. 15 letter and the consent form use the same).
 */
import { COUNTRIES, LANGUAGES, countryNameOrNull, languageName } from '@kim/contracts/names';

export { COUNTRIES, LANGUAGES, languageName };

/** A country's name; unknown codes are shown as they are. */
export function countryName(code: string, lng: string): string {
  return countryNameOrNull(code, lng) ?? code;
}
