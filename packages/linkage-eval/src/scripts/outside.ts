/**
 * Names of cultures the hub's matcher was not built for: Vietnamese, Sri Lankan Tamil, Chinese,
 * Romani and other names of the Western Balkans and Romania, Georgian.
 *
 * - Vietnamese: quốc ngữ with its tone marks and đ; software without them keeps the base letters.
 *   Family name first, a middle name (Văn, Thị, …), the given name last.
 * - Sri Lankan Tamil: no inherited family name (the father's given name takes its place); English
 *   spellings vary by rules: th/t/d (Tharshini/Dharshini), sh/s (Shiva/Siva), -ah/-a (Selvarajah),
 *   x/ksh (Luxmi/Lakshmi, a Sri Lankan habit), ey/ay (Jeyakumar/Jayakumar), v/w.
 * - Chinese: Hanyu Pinyin syllables (joined, spaced or hyphenated given names) or Wade–Giles as on
 *   older and Taiwanese documents (Zhang → Chang, Xiuying → Hsiu-ying, Zhou → Chou).
 * - Balkan and Romanian: Serbian/Bosnian/Croatian Latin (č ć š ž đ, c = ts), Albanian (ë ç sh xh),
 *   Romanian (ș ț ă â î); ASCII drops the marks, German writes tsch/sch/z/owitsch, English ch/sh.
 * - Georgian: Mkhedruli script, romanised by the national system of 2002 (no apostrophes for
 *   ejectives), by Duden (Dschaparidse, Schengelia, -dse) or, on Soviet-era papers, via Russian
 *   Cyrillic (Dzhaparidze, Georgiy for Giorgi).
 */
import type { Random } from '../random.js';
import { foldForSoftware, titleCase } from '../text.js';
import { romaniseRussian, type RussianSystem } from './cyrillic.js';

export type VietnameseStyle = 'native' | 'ascii';
export type TamilStyle = 'sri-lankan' | 'indian' | 'german';
export type ChineseStyle = 'pinyin' | 'pinyin-spaced' | 'pinyin-hyphen' | 'wade-giles';
export type BalkanStyle = 'native' | 'ascii' | 'german' | 'english';
export type GeorgianStyle = 'national' | 'duden' | 'soviet';

export function renderVietnamese(name: string, style: VietnameseStyle): string {
  return style === 'native' ? name : foldForSoftware(name, 'ascii');
}

export function renderTamil(name: string, style: TamilStyle, rng: Random): string {
  let s = name;
  const apply = (p: number, from: RegExp, to: string): void => {
    if (rng.chance(p)) s = s.replace(from, to);
  };
  switch (style) {
    case 'sri-lankan':
      apply(0.2, /ah$/, 'a');
      apply(0.15, /^Th/, 'T');
      apply(0.1, /ee/g, 'i');
      break;
    case 'indian':
      apply(0.7, /ah$/, 'a');
      apply(0.6, /^S(?=iv|ub|ar)/, 'Sh');
      apply(0.8, /x/g, 'ksh');
      apply(0.6, /Jey/g, 'Jay');
      apply(0.4, /^Th(?=a|i)/, 'D');
      apply(0.3, /th/g, 't');
      break;
    case 'german':
      apply(0.5, /th/g, 't');
      apply(0.5, /^Th/, 'T');
      apply(0.4, /v/g, 'w');
      apply(0.5, /ah$/, 'a');
      apply(0.3, /J/g, 'Dsch');
      break;
  }
  return s;
}

/** Wade–Giles for the Pinyin syllables the tables use (aspiration apostrophes as often dropped). */
const WADE_GILES: Readonly<Record<string, string>> = {
  bin: 'pin',
  bo: 'po',
  chao: "ch'ao",
  chen: "ch'en",
  dong: 'tung',
  fang: 'fang',
  feng: 'feng',
  gang: 'kang',
  gao: 'kao',
  guo: 'kuo',
  hao: 'hao',
  he: 'ho',
  hong: 'hung',
  hu: 'hu',
  hua: 'hua',
  huang: 'huang',
  hui: 'hui',
  jia: 'chia',
  jian: 'chien',
  jie: 'chieh',
  jing: 'ching',
  jun: 'chün',
  lan: 'lan',
  lei: 'lei',
  li: 'li',
  lin: 'lin',
  ling: 'ling',
  liu: 'liu',
  long: 'lung',
  luo: 'lo',
  ma: 'ma',
  mei: 'mei',
  min: 'min',
  ming: 'ming',
  na: 'na',
  ping: "p'ing",
  qiang: "ch'iang",
  qing: "ch'ing",
  rui: 'jui',
  sun: 'sun',
  tao: "t'ao",
  wang: 'wang',
  wei: 'wei',
  wu: 'wu',
  xia: 'hsia',
  xiao: 'hsiao',
  xin: 'hsin',
  xiu: 'hsiu',
  xu: 'hsü',
  yan: 'yen',
  yang: 'yang',
  yi: 'i',
  ying: 'ying',
  yong: 'yung',
  yu: 'yü',
  yun: 'yün',
  zhang: 'chang',
  zhao: 'chao',
  zhi: 'chih',
  zhou: 'chou',
  zhu: 'chu',
  zi: 'tzu',
};

/** A Chinese name as Pinyin syllables separated by `|`. */
export function renderChinese(name: string, style: ChineseStyle, rng: Random): string {
  const syl = name.toLowerCase().split('|');
  switch (style) {
    case 'pinyin':
      return titleCase(syl.join(''));
    case 'pinyin-spaced':
      return titleCase(syl.join(' '));
    case 'pinyin-hyphen':
      return titleCase(syl.join('-')).replace(/-(\p{Lu})/u, (_m, c: string) => `-${c.toLowerCase()}`);
    case 'wade-giles': {
      const keepMarks = rng.chance(0.3);
      const wg = syl.map((s) => {
        const w = WADE_GILES[s] ?? s;
        return keepMarks ? w : w.replace(/'/g, '').replace(/ü/g, 'u');
      });
      const joined = wg.join('-');
      return joined.charAt(0).toUpperCase() + joined.slice(1);
    }
  }
}

const BALKAN_GERMAN: Readonly<Record<string, string>> = {
  č: 'tsch',
  ć: 'tsch',
  š: 'sch',
  ž: 'sch',
  đ: 'dj',
  ë: 'e',
  ç: 'tsch',
  ș: 'sch',
  ş: 'sch',
  ț: 'z',
  ţ: 'z',
  ă: 'a',
  â: 'i',
  î: 'i',
};
const BALKAN_ENGLISH: Readonly<Record<string, string>> = {
  č: 'ch',
  ć: 'ch',
  š: 'sh',
  ž: 'zh',
  đ: 'dj',
  ë: 'e',
  ç: 'ch',
  ș: 'sh',
  ş: 'sh',
  ț: 'ts',
  ţ: 'ts',
  ă: 'a',
  â: 'a',
  î: 'i',
};

export function renderBalkan(name: string, style: BalkanStyle, rng: Random): string {
  switch (style) {
    case 'native':
      return name;
    case 'ascii':
      return foldForSoftware(name, 'keep-german').replace(/Đ/g, 'Dj');
    case 'german': {
      const owitsch = rng.chance(0.3);
      let lower = [...name.toLowerCase()].map((ch) => BALKAN_GERMAN[ch] ?? ch).join('');
      // -ović: the older German -owitsch, or just the letters without marks.
      lower = lower
        .replace(/ovitsch\b/g, owitsch ? 'owitsch' : 'ovic')
        .replace(/evitsch\b/g, owitsch ? 'ewitsch' : 'evic')
        .replace(/itsch\b/g, owitsch ? 'itsch' : 'ic');
      return titleCase(lower);
    }
    case 'english': {
      const ich = rng.chance(0.5);
      let lower = [...name.toLowerCase()].map((ch) => BALKAN_ENGLISH[ch] ?? ch).join('');
      lower = lower.replace(/ich\b/g, ich ? 'ich' : 'ic');
      return titleCase(lower);
    }
  }
}

const GEORGIAN_NATIONAL: Readonly<Record<string, string>> = {
  ა: 'a',
  ბ: 'b',
  გ: 'g',
  დ: 'd',
  ე: 'e',
  ვ: 'v',
  ზ: 'z',
  თ: 't',
  ი: 'i',
  კ: 'k',
  ლ: 'l',
  მ: 'm',
  ნ: 'n',
  ო: 'o',
  პ: 'p',
  ჟ: 'zh',
  რ: 'r',
  ს: 's',
  ტ: 't',
  უ: 'u',
  ფ: 'p',
  ქ: 'k',
  ღ: 'gh',
  ყ: 'q',
  შ: 'sh',
  ჩ: 'ch',
  ც: 'ts',
  ძ: 'dz',
  წ: 'ts',
  ჭ: 'ch',
  ხ: 'kh',
  ჯ: 'j',
  ჰ: 'h',
};

const GEORGIAN_DUDEN: Readonly<Record<string, string>> = {
  ...GEORGIAN_NATIONAL,
  ვ: 'w',
  ზ: 's',
  ჟ: 'sh',
  ყ: 'k',
  შ: 'sch',
  ჩ: 'tsch',
  ჭ: 'tsch',
  ც: 'z',
  წ: 'z',
  ძ: 'ds',
  ხ: 'ch',
  ჯ: 'dsch',
  ღ: 'gh',
};

const GEORGIAN_TO_RUSSIAN: Readonly<Record<string, string>> = {
  ა: 'а',
  ბ: 'б',
  გ: 'г',
  დ: 'д',
  ე: 'е',
  ვ: 'в',
  ზ: 'з',
  თ: 'т',
  ი: 'и',
  კ: 'к',
  ლ: 'л',
  მ: 'м',
  ნ: 'н',
  ო: 'о',
  პ: 'п',
  ჟ: 'ж',
  რ: 'р',
  ს: 'с',
  ტ: 'т',
  უ: 'у',
  ფ: 'п',
  ქ: 'к',
  ღ: 'г',
  ყ: 'к',
  შ: 'ш',
  ჩ: 'ч',
  ც: 'ц',
  ძ: 'дз',
  წ: 'ц',
  ჭ: 'ч',
  ხ: 'х',
  ჯ: 'дж',
  ჰ: 'х',
};

/** Georgian given names and the Russian form Soviet papers gave them. */
const GEORGIAN_RUSSIFIED: Readonly<Record<string, string>> = {
  გიორგი: 'Георгий',
  დავით: 'Давид',
  თამარ: 'Тамара',
  ნიკოლოზ: 'Николай',
  ირაკლი: 'Ираклий',
  ეკატერინე: 'Екатерина',
  ალექსანდრე: 'Александр',
};

export function renderGeorgian(name: string, style: GeorgianStyle, rng: Random): string {
  switch (style) {
    case 'national':
      return titleCase([...name].map((ch) => GEORGIAN_NATIONAL[ch] ?? ch).join(''));
    case 'duden':
      return titleCase([...name].map((ch) => GEORGIAN_DUDEN[ch] ?? ch).join(''));
    case 'soviet': {
      const russified = rng.chance(0.6) ? GEORGIAN_RUSSIFIED[name] : undefined;
      let cyr = russified ?? [...name].map((ch) => GEORGIAN_TO_RUSSIAN[ch] ?? ch).join('');
      if (!russified) cyr = cyr.replace(/иа$/, 'ия');
      const system: RussianSystem = rng.chance(0.5) ? 'bgn' : 'icao';
      return romaniseRussian(cyr, system, rng);
    }
  }
}
