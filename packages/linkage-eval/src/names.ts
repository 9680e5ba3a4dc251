/**
 * A name word in its own writing system, and how one writer (a passport office, a clerk, the
 * person) writes it in Latin letters. A person's names are kept in the tables' source form; every
 * record renders them afresh with the conventions its writer uses.
 */
import type { Random } from './random.js';
import {
  renderEthiopic,
  renderFula,
  renderSomali,
  type EthiopicStyle,
  type FulaStyle,
  type SomaliStyle,
} from './scripts/africa.js';
import { renderArabic, toArabicScript, type ArabicConvention } from './scripts/arabic.js';
import {
  GERMAN_GIVEN,
  romaniseRussian,
  romaniseUkrainian,
  ukrainianToRussianLetters,
  type RussianSystem,
  type UkrainianSystem,
} from './scripts/cyrillic.js';
import {
  renderBalkan,
  renderChinese,
  renderGeorgian,
  renderTamil,
  renderVietnamese,
  type BalkanStyle,
  type ChineseStyle,
  type GeorgianStyle,
  type TamilStyle,
  type VietnameseStyle,
} from './scripts/outside.js';
import { renderKurdish, renderTurkish, type KurdishStyle, type TurkishStyle } from './scripts/turkic-kurdish.js';
import { titleCase } from './text.js';

/** Writing systems of the tables: DMG Arabic/Persian, Hawar Kurdish, Turkish, Ukrainian, … */
export type Sys = 'ar' | 'kur' | 'tr' | 'uk' | 'ru' | 'so' | 'eth' | 'ff' | 'vi' | 'ta' | 'zh' | 'bal' | 'ka';

export interface NameWord {
  readonly sys: Sys;
  /** The source form: DMG, Hawar, Turkish, Cyrillic, Somali official, phonemic Ethiopic, … */
  readonly text: string;
  /** Listed alternative spellings (Somali anglicised forms; Fula English and Portuguese forms). */
  readonly alt?: readonly string[];
}

export type UkrainianStyle =
  UkrainianSystem | 'cyrillic' | 'ru-icao' | 'ru-bgn' | 'ru-duden' | 'ru-french' | 'german-name';
export type RussianStyle = RussianSystem | 'cyrillic' | 'german-name';

/** The convention one writer uses for each writing system. */
export interface StyleSet {
  readonly ar?: ArabicConvention;
  readonly kur?: KurdishStyle;
  readonly tr?: TurkishStyle;
  readonly uk?: UkrainianStyle;
  readonly ru?: RussianStyle;
  readonly so?: SomaliStyle;
  readonly eth?: EthiopicStyle;
  readonly ff?: FulaStyle;
  readonly vi?: VietnameseStyle;
  readonly ta?: TamilStyle;
  readonly zh?: ChineseStyle;
  readonly bal?: BalkanStyle;
  readonly ka?: GeorgianStyle;
}

export const word = (sys: Sys, text: string, alt?: readonly string[]): NameWord =>
  alt ? { sys, text, alt } : { sys, text };

/**
 * Writes one word. `asOnDocument`: the spelling printed on the person's papers, which agencies
 * copy: the first listed alternative, not a random one.
 */
export function renderWord(w: NameWord, styles: StyleSet, rng: Random, asOnDocument = false): string {
  switch (w.sys) {
    case 'ar':
      return renderArabic(w.text, styles.ar ?? 'english', rng);
    case 'kur':
      return renderKurdish(w.text, styles.kur ?? 'hawar-ascii', rng);
    case 'tr':
      return renderTurkish(w.text, styles.tr ?? 'turkish', rng);
    case 'uk':
      return renderUkrainianWord(w.text, styles.uk ?? 'kmu2010', rng);
    case 'ru':
      return renderRussianWord(w.text, styles.ru ?? 'icao', rng);
    case 'so':
      return renderSomali([w.text, ...(w.alt ?? [])], styles.so ?? 'anglicised', rng, asOnDocument);
    case 'eth':
      return renderEthiopic(w.text, styles.eth ?? 'eritrean', rng);
    case 'ff': {
      const [english, portuguese] = w.alt ?? [];
      return renderFula(
        { french: w.text, ...(english ? { english } : {}), ...(portuguese ? { portuguese } : {}) },
        styles.ff ?? 'french',
      );
    }
    case 'vi':
      return renderVietnamese(w.text, styles.vi ?? 'native');
    case 'ta':
      return renderTamil(w.text, styles.ta ?? 'sri-lankan', rng);
    case 'zh':
      return renderChinese(w.text, styles.zh ?? 'pinyin', rng);
    case 'bal':
      return renderBalkan(w.text, styles.bal ?? 'native', rng);
    case 'ka':
      return renderGeorgian(w.text, styles.ka ?? 'national', rng);
  }
}

function renderUkrainianWord(text: string, style: UkrainianStyle, rng: Random): string {
  switch (style) {
    case 'cyrillic':
      return text;
    case 'ru-icao':
      return romaniseRussian(ukrainianToRussianLetters(text), 'icao', rng);
    case 'ru-bgn':
      return romaniseRussian(ukrainianToRussianLetters(text), 'bgn', rng);
    case 'ru-duden':
      return romaniseRussian(ukrainianToRussianLetters(text), 'duden', rng);
    case 'ru-french':
      return romaniseRussian(ukrainianToRussianLetters(text), 'french', rng);
    case 'german-name':
      return GERMAN_GIVEN[text] ?? romaniseUkrainian(text, 'duden', rng);
    default:
      return romaniseUkrainian(text, style, rng);
  }
}

function renderRussianWord(text: string, style: RussianStyle, rng: Random): string {
  switch (style) {
    case 'cyrillic':
      return text;
    case 'german-name':
      return GERMAN_GIVEN[text] ?? romaniseRussian(text, 'duden', rng);
    default:
      return romaniseRussian(text, style, rng);
  }
}

export function renderWords(words: readonly NameWord[], styles: StyleSet, rng: Random, asOnDocument = false): string {
  return words.map((w) => renderWord(w, styles, rng, asOnDocument)).join(' ');
}

/** The name in its original script where the tables know it (Arabic, Persian, Cyrillic, Georgian). */
export function originalScript(words: readonly NameWord[], persian: boolean): string | undefined {
  const out: string[] = [];
  for (const w of words) {
    if (w.sys === 'ar') out.push(toArabicScript(w.text, persian));
    else if (w.sys === 'uk' || w.sys === 'ru' || w.sys === 'ka')
      out.push(w.sys === 'ka' ? w.text : titleCase(w.text.toLowerCase()));
    else return undefined;
  }
  return out.length > 0 ? out.join(' ') : undefined;
}
