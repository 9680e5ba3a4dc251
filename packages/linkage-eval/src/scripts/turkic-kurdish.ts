/**
 * Turkish names in Turkish orthography (ç ş ğ ı İ ö ü, the 1928 alphabet) and Kurdish names in
 * the Kurmancî Hawar (Bedirxan) alphabet (c = dsch, ç = tsch, x = ch, j = zh, ê î û long, q, w, v).
 *
 * Turkish: `turkish` as written; `ascii` as software without the letters stores it
 * (ç→c ş→s ğ→g ı→i İ→I ö→o ü→u); `german` by a German clerk (umlauts kept, ş→sch or s, ç→tsch
 * or c, ğ dropped or g, ı→i) and `german-ascii` (ö→oe, ü→ue). Given names ending in a voiceless
 * stop are sometimes written with the voiced one (Mehmet/Mehmed, Ahmet/Ahmed: older spelling).
 *
 * Kurmancî: `hawar` as written; `hawar-ascii` without marks; `german` (ş→sch, ç→tsch, c→dsch,
 * x→ch, v→w, ê→e, î→i); `via-arabic` as a Syrian or Iraqi register writes a Kurdish name in
 * Arabic letters and a passport renders it in English (Arabic has no v, p, ç, e/ê distinction:
 * Berîvan → Berifan, Dilovan → Dlofan, Şêxo → Sheikho, Hemo → Hamo); `turkish-registry` as a
 * Turkish register writes it (the letters x, w, q were not allowed: Welat → Velat,
 * Xelîl → Halil, ê/î/û without circumflex).
 */
import type { Random, Weighted } from '../random.js';
import { titleCase } from '../text.js';

export type TurkishStyle = 'turkish' | 'ascii' | 'german' | 'german-ascii';
export type KurdishStyle = 'hawar' | 'hawar-ascii' | 'german' | 'via-arabic' | 'turkish-registry';

function mapChars(word: string, map: (ch: string, i: number, w: string) => string): string {
  const chars = [...word];
  return chars.map((ch, i) => map(ch, i, word)).join('');
}

/** Turkish lower case: İ→i and I→ı (JavaScript's default makes I→i, a different letter). */
export function turkishLower(word: string): string {
  return mapChars(word, (ch) => (ch === 'İ' ? 'i' : ch === 'I' ? 'ı' : ch.toLowerCase()));
}

/** Turkish upper case: i→İ and ı→I. */
export function turkishUpper(word: string): string {
  return mapChars(word, (ch) => (ch === 'i' ? 'İ' : ch === 'ı' ? 'I' : ch.toUpperCase()));
}

function turkishTitle(word: string): string {
  return word
    .split(/([ -])/)
    .map((p) => (p.length > 0 && p !== ' ' && p !== '-' ? turkishUpper(p[0]!) + p.slice(1) : p))
    .join('');
}

const TR_ASCII: Readonly<Record<string, string>> = {
  ç: 'c',
  ş: 's',
  ğ: 'g',
  ı: 'i',
  ö: 'o',
  ü: 'u',
  â: 'a',
  î: 'i',
  û: 'u',
};
const VOICED_END: Readonly<Record<string, string>> = { t: 'd', k: 'g', p: 'b', ç: 'c' };

export function renderTurkish(name: string, style: TurkishStyle, rng: Random): string {
  const lower = turkishLower(name);
  let out: string;
  switch (style) {
    case 'turkish':
      return turkishTitle(lower);
    case 'ascii':
      out = mapChars(lower, (ch) => TR_ASCII[ch] ?? ch);
      break;
    case 'german':
    case 'german-ascii': {
      const sch = rng.chance(0.3);
      const tsch = rng.chance(0.3);
      const dropG = rng.chance(0.4);
      out = mapChars(lower, (ch, i, w) => {
        switch (ch) {
          case 'ş':
            return sch ? 'sch' : 's';
          case 'ç':
            return tsch ? 'tsch' : 'c';
          case 'ğ':
            return dropG && i > 0 && i < w.length - 1 ? '' : 'g';
          case 'ı':
            return 'i';
          case 'ö':
            return style === 'german-ascii' ? 'oe' : 'ö';
          case 'ü':
            return style === 'german-ascii' ? 'ue' : 'ü';
          case 'â':
          case 'î':
          case 'û':
            return TR_ASCII[ch]!;
          default:
            return ch;
        }
      });
      break;
    }
  }
  return titleCase(out);
}

/** Mehmet → Mehmed: the older, Arabic-derived spelling of a given name's final stop. */
export function voicedEnding(name: string): string {
  const last = name.slice(-1);
  const v = VOICED_END[last];
  return v ? name.slice(0, -1) + v : name;
}

const KU_ASCII: Readonly<Record<string, string>> = { ç: 'c', ş: 's', ê: 'e', î: 'i', û: 'u' };

const pickOne = (rng: Random, w: Weighted<string>): string => rng.weighted(w);

export function renderKurdish(name: string, style: KurdishStyle, rng: Random): string {
  const lower = name.toLowerCase();
  let out: string;
  switch (style) {
    case 'hawar':
      return titleCase(lower);
    case 'hawar-ascii':
      out = mapChars(lower, (ch) => KU_ASCII[ch] ?? ch);
      break;
    case 'german': {
      const dsch = pickOne(rng, [
        ['dsch', 0.6],
        ['dj', 0.2],
        ['c', 0.2],
      ]);
      out = mapChars(lower, (ch) => {
        switch (ch) {
          case 'ş':
            return 'sch';
          case 'ç':
            return 'tsch';
          case 'c':
            return dsch;
          case 'x':
            return 'ch';
          case 'v':
            return 'w';
          case 'ê':
            return 'e';
          case 'î':
            return 'i';
          case 'û':
            return 'u';
          case 'q':
            return 'k';
          default:
            return ch;
        }
      });
      break;
    }
    case 'via-arabic': {
      // One register clerk's habits, kept for the whole name.
      const e = rng.chance(0.7) ? 'a' : 'e';
      const eLong = pickOne(rng, [
        ['e', 0.5],
        ['ei', 0.3],
        ['i', 0.2],
      ]);
      const iLong = rng.chance(0.7) ? 'i' : 'ee';
      const uLong = pickOne(rng, [
        ['u', 0.5],
        ['oo', 0.3],
        ['o', 0.2],
      ]);
      const v = rng.chance(0.8) ? 'f' : 'v';
      const dropSchwa = rng.chance(0.35);
      const chars = [...lower];
      out = chars
        .map((ch, i) => {
          const prev = chars[i - 1];
          const next = chars[i + 1];
          switch (ch) {
            case 'e':
              return e;
            case 'ê':
              return eLong;
            case 'i':
              // Kurmancî short i is a schwa that Arabic script does not write.
              return dropSchwa &&
                i > 0 &&
                next !== undefined &&
                !/[aeêiîouû]/.test(prev ?? '') &&
                !/[aeêiîouû]/.test(next)
                ? ''
                : 'i';
            case 'î':
              return iLong;
            case 'û':
              return uLong;
            case 'v':
              return v;
            case 'p':
              return 'b';
            case 'ç':
              return 'ch';
            case 'c':
              return 'j';
            case 'j':
              return rng.chance(0.5) ? 'j' : 'zh';
            case 'x':
              return 'kh';
            case 'ş':
              return 'sh';
            case 'q':
              return 'q';
            default:
              return ch;
          }
        })
        .join('');
      break;
    }
    case 'turkish-registry':
      out = mapChars(lower, (ch) => ({ x: 'h', w: 'v', q: 'k', ê: 'e', î: 'i', û: 'u' })[ch] ?? ch);
      return turkishTitle(out);
  }
  return titleCase(out);
}
