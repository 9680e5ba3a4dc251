/**
 * Somali, Tigrinya/Amharic and Fula (Pular) names.
 *
 * Somali: the official Latin orthography of 1972 (x = ḥ, c = ʿayn, dh retroflex, kh, q, doubled
 * letters for long vowels: Maxamed, Cali, Cabdi, Xasan, Faadumo) beside the anglicised forms
 * Somalis use abroad and UNHCR registers (Mohamed, Ali, Abdi, Hassan, Fadumo). Each name carries
 * its official form and its usual anglicised spellings.
 *
 * Tigrinya and Amharic are written in Ge'ez script; their romanisation has no standard in use.
 * The tables write a name phonemically (ä first-order vowel, ə sixth-order vowel that may not be
 * pronounced, ḥ, ṣ ejective ts, q, č, š, ž, ñ, `|` between the members of a compound name) and
 * the conventions write it as people do: Eritrean English practice (ä → e, ə → i or nothing,
 * Tesfay/Tesfai, Weldu/Woldu), Italian influence (Ghebre, Tzegai, -ai), German (J for Y: Johannes,
 * Jonas), Ethiopian English (Tesfaye, Getachew/Getatchew, Dagnachew); compounds split or joined
 * (Gebremedhin / Gebre Medhin / Gebre-Medhin).
 *
 * Fula names of Guinea, Senegal, Gambia and Guinea-Bissau: French orthography (Mamadou, Diallo,
 * Thierno), English of Gambia and Sierra Leone (Mamadu, Jallow, Cherno, Sisay) and Portuguese of
 * Guinea-Bissau (Djaló, Baldé → Balde).
 */
import type { Random, Weighted } from '../random.js';
import { titleCase } from '../text.js';

export type SomaliStyle = 'official' | 'anglicised' | 'german';
export type EthiopicStyle = 'eritrean' | 'italian' | 'german' | 'ethiopian';
export type FulaStyle = 'french' | 'english' | 'portuguese' | 'german';

/** A Somali name: official orthography first, then anglicised spellings, most usual first. */
export type SomaliName = readonly [string, ...string[]];

export function renderSomali(name: SomaliName, style: SomaliStyle, rng: Random, asOnDocument: boolean): string {
  const [official, ...anglicised] = name;
  if (style === 'official' || anglicised.length === 0) {
    if (style === 'official') return official;
    return somaliRules(official);
  }
  const form = asOnDocument ? anglicised[0]! : anglicised[rng.int(anglicised.length)]!;
  if (style === 'german') return form.replace(/^Y/, 'J').replace(/sh/g, 'sch');
  return form;
}

/** The rules behind the anglicised forms, for a name without a listed form. */
export function somaliRules(official: string): string {
  const out = official
    .replace(/^C([aeiou])/, (_m, v: string) => v.toUpperCase())
    .replace(/c/g, '')
    .replace(/x/gi, (m) => (m === 'X' ? 'H' : 'h'))
    .replace(/aa/g, 'a')
    .replace(/ee/g, 'e')
    .replace(/ii/g, 'i')
    .replace(/oo/g, 'o')
    .replace(/uu/g, 'u');
  return titleCase(out);
}

type Choice = Weighted<string>;

interface EthiopicConvention {
  readonly a1: Choice; // ä
  readonly a1Final: Choice;
  readonly schwa: Choice; // ə between consonants
  readonly h: Choice; // ḥ
  readonly ts: Choice; // ṣ
  readonly q: Choice;
  readonly ch: Choice; // č
  readonly sh: Choice; // š
  readonly zh: Choice; // ž
  readonly ny: Choice; // ñ
  readonly ay: Choice; // word-final ay
  readonly wInitial: Choice; // wä at the start of a member
  readonly gBeforeFront: Choice; // g before e/i
  readonly yInitial: Choice;
  readonly compound: Choice;
  readonly geminate: number;
}

const ERITREAN: EthiopicConvention = {
  a1: [
    ['e', 0.9],
    ['a', 0.1],
  ],
  a1Final: [
    ['e', 0.9],
    ['a', 0.1],
  ],
  schwa: [
    ['i', 0.5],
    ['', 0.3],
    ['e', 0.2],
  ],
  h: [['h', 1]],
  ts: [
    ['ts', 0.7],
    ['s', 0.2],
    ['tz', 0.1],
  ],
  q: [
    ['k', 0.6],
    ['q', 0.4],
  ],
  ch: [['ch', 1]],
  sh: [['sh', 1]],
  zh: [
    ['zh', 0.5],
    ['j', 0.5],
  ],
  ny: [
    ['ny', 0.5],
    ['gn', 0.5],
  ],
  ay: [
    ['ay', 0.55],
    ['ai', 0.35],
    ['aye', 0.1],
  ],
  wInitial: [
    ['we', 0.55],
    ['wo', 0.45],
  ],
  gBeforeFront: [
    ['g', 0.75],
    ['gh', 0.25],
  ],
  yInitial: [['y', 1]],
  compound: [
    ['', 0.6],
    [' ', 0.3],
    ['-', 0.1],
  ],
  geminate: 0.5,
};

const ITALIAN: EthiopicConvention = {
  ...ERITREAN,
  ts: [
    ['tz', 0.5],
    ['ts', 0.3],
    ['z', 0.2],
  ],
  ay: [
    ['ai', 0.8],
    ['ay', 0.2],
  ],
  gBeforeFront: [['gh', 1]],
  wInitial: [
    ['uo', 0.2],
    ['wo', 0.5],
    ['we', 0.3],
  ],
  q: [['k', 1]],
  ch: [['c', 1]],
  sh: [['sc', 1]],
};

const GERMAN: EthiopicConvention = {
  ...ERITREAN,
  ts: [
    ['z', 0.5],
    ['ts', 0.5],
  ],
  ch: [['tsch', 1]],
  sh: [['sch', 1]],
  yInitial: [['j', 1]],
  wInitial: [['we', 1]],
};

const ETHIOPIAN: EthiopicConvention = {
  ...ERITREAN,
  a1: [
    ['e', 0.85],
    ['a', 0.15],
  ],
  ay: [
    ['aye', 0.7],
    ['ay', 0.3],
  ],
  ch: [
    ['ch', 0.7],
    ['tch', 0.3],
  ],
  ny: [['gn', 1]],
  geminate: 0.6,
};

const ETHIOPIC: Readonly<Record<EthiopicStyle, EthiopicConvention>> = {
  eritrean: ERITREAN,
  italian: ITALIAN,
  german: GERMAN,
  ethiopian: ETHIOPIAN,
};

const ETH_VOWEL = /[aäeəiou]/;

/** Writes a phonemic Ethiopic name (see the module comment) in one convention. */
export function renderEthiopic(name: string, style: EthiopicStyle, rng: Random): string {
  const conv = ETHIOPIC[style];
  const memo = new Map<string, string>();
  const get = (key: string, c: Choice): string => {
    let v = memo.get(key);
    if (v === undefined) {
      v = rng.weighted(c);
      memo.set(key, v);
    }
    return v;
  };
  const members = name.toLowerCase().split('|');
  const rendered = members.map((m) => renderMember(m.replace(/ /g, ''), conv, get));
  let out = rendered[0]!;
  for (let i = 1; i < rendered.length; i++) out += get('compound', conv.compound) + rendered[i]!;
  return titleCase(out);
}

function renderMember(m: string, conv: EthiopicConvention, get: (key: string, c: Choice) => string): string {
  const chars = [...m];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const prev = chars[i - 1];
    const next = chars[i + 1];
    const atEnd = i === chars.length - 1;
    if (ch === 'w' && i === 0 && next === 'ä') {
      out += get('w', conv.wInitial);
      i++;
      continue;
    }
    if (ch === 'a' && next === 'y' && (i + 2 === chars.length || chars[i + 2] === 't')) {
      out += get('ay', conv.ay);
      i++;
      continue;
    }
    if (ch === 'y' && i === 0) {
      out += get('y', conv.yInitial);
      continue;
    }
    if (ch === 'g' && next !== undefined && /[eäəi]/.test(next)) {
      out += get('g', conv.gBeforeFront);
      continue;
    }
    if (next === ch && !ETH_VOWEL.test(ch)) {
      out +=
        get('gem', [
          ['2', conv.geminate],
          ['1', 1 - conv.geminate],
        ]) === '2'
          ? ch + ch
          : ch;
      i++;
      continue;
    }
    switch (ch) {
      case 'ä':
        out += atEnd ? get('a1f', conv.a1Final) : get('a1', conv.a1);
        break;
      case 'ə':
        // A sixth-order vowel after a vowel or at the end is never written; before the last
        // consonant it always is (Yohannes, not Yohanns).
        if (prev === undefined || ETH_VOWEL.test(prev) || atEnd) break;
        out +=
          i === chars.length - 2
            ? get('schwa-last', [
                ['e', 0.6],
                ['i', 0.4],
              ])
            : get('schwa', conv.schwa);
        break;
      case 'ḥ':
        out += get('h', conv.h);
        break;
      case 'ṣ':
        out += get('ts', conv.ts);
        break;
      case 'q':
        out += get('q', conv.q);
        break;
      case 'č':
        out += get('ch', conv.ch);
        break;
      case 'š':
        out += get('sh', conv.sh);
        break;
      case 'ž':
        out += get('zh', conv.zh);
        break;
      case 'ñ':
        out += get('ny', conv.ny);
        break;
      case 'ʾ':
      case 'ʿ':
        break;
      default:
        out += ch;
    }
  }
  return out;
}

/** A Fula name: French, English (Gambia, Sierra Leone) and Portuguese (Guinea-Bissau) forms. */
export interface FulaName {
  readonly french: string;
  readonly english?: string;
  readonly portuguese?: string;
}

export function renderFula(name: FulaName, style: FulaStyle): string {
  switch (style) {
    case 'french':
      return name.french;
    case 'english':
      return name.english ?? name.french.replace(/ou/g, 'u').replace(/Ou/g, 'U');
    case 'portuguese':
      return name.portuguese ?? name.french.replace(/ou/g, 'u').replace(/é/g, 'é');
    case 'german':
      return name.french.replace(/ou/g, 'u').replace(/Ou/g, 'U').replace(/é/g, 'e').replace(/ï/g, 'i');
  }
}
