/**
 * The long tail of names: real populations have a few very common names and thousands of rare
 * ones, and a short fixed list would make namesakes far more frequent than they are. These
 * builders compose plausible names from parts and spell each one through the transliteration
 * conventions agencies actually meet, giving a NameEntry with its realistic variants.
 */
import type { Rng } from '../prng.js';
import type { NameEntry } from './names.js';

// ---------------------------------------------------------------------------------------------
// Arabic: names written in a phonemic romanisation and rendered by several conventions.
// Notation: H = ḥ, kh, sh, th (ث), dh (ذ), gh, q, S/D/T/Z = emphatics, ' = ʿayn,
// aa/ii/uu = long vowels, doubled consonant = shadda.

const PHONEMES = ['aa', 'ii', 'uu', 'kh', 'sh', 'th', 'dh', 'gh', 'ay', 'aw'];

function phonemes(input: string): string[] {
  // Capitals mark emphatics (H S D T Z); any other capital is just a word start.
  const word = input.replace(/(^|\s)([A-GI-RU-Y])/g, (_, sp: string, c: string) => sp + c.toLowerCase());
  const out: string[] = [];
  for (let i = 0; i < word.length;) {
    const two = word.slice(i, i + 2);
    if (PHONEMES.includes(two)) {
      out.push(two);
      i += 2;
    } else {
      out.push(word[i]!);
      i += 1;
    }
  }
  return out;
}

interface Convention {
  readonly keepDouble: boolean;
  readonly map: Readonly<Record<string, string>>;
}

/** English/ICAO passport practice, French (Syria, Lebanon), German (Duden), spoken Levantine. */
const ARABIC_CONVENTIONS: readonly Convention[] = [
  {
    keepDouble: true,
    map: {
      H: 'h',
      kh: 'kh',
      sh: 'sh',
      th: 'th',
      dh: 'dh',
      gh: 'gh',
      q: 'q',
      S: 's',
      D: 'd',
      T: 't',
      Z: 'z',
      "'": '',
      aa: 'a',
      ii: 'i',
      uu: 'u',
      ay: 'ay',
      aw: 'aw',
      j: 'j',
      y: 'y',
      w: 'w',
    },
  },
  {
    keepDouble: true,
    map: {
      H: 'h',
      kh: 'kh',
      sh: 'ch',
      th: 't',
      dh: 'd',
      gh: 'gh',
      q: 'k',
      S: 's',
      D: 'd',
      T: 't',
      Z: 'z',
      "'": '',
      aa: 'a',
      ii: 'i',
      uu: 'ou',
      u: 'ou',
      ay: 'ai',
      aw: 'aou',
      j: 'dj',
      y: 'y',
      w: 'w',
    },
  },
  {
    keepDouble: false,
    map: {
      H: 'h',
      kh: 'ch',
      sh: 'sch',
      th: 't',
      dh: 'd',
      gh: 'gh',
      q: 'k',
      S: 's',
      D: 'd',
      T: 't',
      Z: 's',
      "'": '',
      aa: 'a',
      ii: 'i',
      uu: 'u',
      ay: 'ai',
      aw: 'au',
      j: 'dsch',
      y: 'j',
      w: 'w',
      z: 's',
    },
  },
  {
    keepDouble: true,
    map: {
      H: 'h',
      kh: 'kh',
      sh: 'sh',
      th: 's',
      dh: 'z',
      gh: 'gh',
      q: '',
      S: 's',
      D: 'd',
      T: 't',
      Z: 'z',
      "'": '',
      aa: 'a',
      ii: 'ee',
      uu: 'oo',
      u: 'o',
      i: 'e',
      ay: 'ei',
      aw: 'o',
      j: 'j',
      y: 'y',
      w: 'w',
    },
  },
];

function render(word: string, c: Convention): string {
  const ps = phonemes(word);
  let out = '';
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i]!;
    if (!c.keepDouble && i > 0 && ps[i - 1] === p && p.length === 1 && /[a-z]/i.test(p)) continue;
    out += c.map[p] ?? p.toLowerCase();
  }
  return out;
}

function capitalise(s: string): string {
  return s
    .split(/([ -])/)
    .map((w) => (w.length > 0 ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join('');
}

/** Distinct spellings of a phonemic name, most standard first, with generic weights. */
function spellings(word: string, conventions: readonly Convention[]): string[] {
  const seen = new Set<string>();
  for (const c of conventions) {
    const s = capitalise(render(word, c).replace(/^[^a-z]+/i, ''));
    if (s.length >= 2) seen.add(s);
  }
  return [...seen];
}

const ARABIC_PLACES = [
  'Halab',
  'HimS',
  'Hamaw',
  'Idlib',
  'Dimashq',
  'Shaam',
  'MaSr',
  'Baghdaad',
  'MawSil',
  'BaSr',
  'Takriit',
  'Hawraan',
  'Raqqaaw',
  'Dayr',
  'Qalamuun',
  'AnSaar',
  'Haashim',
  'Qaadir',
  'Rifaa',
  'Naqshband',
  'Jubuur',
  'Shammar',
  'Tamiim',
  'Dulaym',
  'Janaab',
  'Kubays',
  'Najaf',
  'Karbalaa',
  'Faluuj',
  'Ramaad',
  'Hijaaz',
  'Yaman',
  'Maghrib',
  'Jabal',
  'Sahl',
  'Bahr',
  'Jawlaan',
  'Manbij',
  'Afriin',
  'Qaamishl',
  'Haskaa',
  'Tadmur',
  'Darʿaa',
  'Salamiyy',
  'Kafr',
  'Ariiha',
  'Saraaqib',
  'Maʿarr',
];
const ARABIC_TRADES = [
  'Sabbaagh',
  'Najjaar',
  'Haddaad',
  'Khayyaat',
  'Hallaaq',
  'Tabbaakh',
  'Khabbaaz',
  'Jazzaar',
  'Dabbaagh',
  'Sarraaf',
  "'Attaar",
  'BayTaar',
  'LaHHaam',
  'NaHHaas',
  'Hammaam',
  'KaHHaal',
  'QaSSaab',
  'Sammaan',
  'Zaʿtar',
  'Dakkaak',
  'Halawaan',
  'Kayyaal',
  'Sukkar',
  'Shaʿʿaar',
  'Tarabiish',
  "'Akkaad",
  'Qabbaan',
  'Jammaal',
  'Farraa',
  'Khalaf',
  'Darwiish',
  'Shaykh',
  'Mulla',
  'Qaadii',
  'Imaam',
  'KhaTiib',
  'Mufti',
];
const ARABIC_PERSONAL = [
  'Hamdaan',
  "'Uthmaan",
  'Sulaymaan',
  'Ibraahiim',
  'Yuusuf',
  'Khaliil',
  'MaHmuud',
  'Mustafaa',
  "'Abbaas",
  "Ja'far",
  'Qaasim',
  'Saalih',
  'Hamiid',
  'Rashiid',
  'MajiiD',
  'Naasir',
  "Sa'iid",
  'Zaydaan',
  'Jaabir',
  'Barakaat',
  "'Assaaf",
  'Shaaheen',
  'Ghazaal',
  'Nassaar',
  'Daaher',
  'Zahraan',
  'Mansuur',
  'Sharaf',
  "Sa'd",
  'Taha',
  'Zakariyyaa',
  "'Awwaad",
  "Mu'aadh",
  'Hassuun',
  "Sha'baan",
  'Ramadaan',
  'Qaddur',
  'Shukrii',
  'Fawwaaz',
];

/** An Arabic family name from the long tail: nisba, trade, personal name, Abu-name. */
export function arabicFamily(rng: Rng): NameEntry {
  const r = rng.next();
  let word: string;
  let article: boolean;
  if (r < 0.35) {
    word = `${rng.pick(ARABIC_PLACES).replace(/ʿ/g, "'")}ii`;
    article = rng.chance(0.7);
  } else if (r < 0.6) {
    word = rng.pick(ARABIC_TRADES).replace(/ʿ/g, "'");
    article = rng.chance(0.5);
  } else if (r < 0.85) {
    word = rng.pick(ARABIC_PERSONAL);
    article = rng.chance(0.3);
  } else {
    word = `Abu ${rng.pick(ARABIC_PERSONAL)}`;
    article = false;
  }
  const variants = spellings(word, ARABIC_CONVENTIONS);
  if (word.startsWith('Abu '))
    variants.push(
      variants[0]!.replace('Abu ', 'Abou '),
      variants[0]!.replace(' ', '').replace(/^Abu(.)/, (_, c: string) => `Abu${c.toLowerCase()}`),
    );
  return { weight: 1, variants: [...new Set(variants)], article };
}

// ---------------------------------------------------------------------------------------------
// Persian and Afghan names: stems with suffixes, spelled in English, German and Persian-ish ways.

const PERSIAN_STEMS = [
  'Amiin',
  'Rahiim',
  'Kariim',
  'Hakiim',
  'Nuur',
  'Gul',
  'Sher',
  'Khaan',
  'Zamaan',
  'Fayz',
  'Jalaal',
  'Naasir',
  'Kabiir',
  "'Aziiz",
  'Waahid',
  'Latiif',
  'Shariif',
  'Majiid',
  'Hamiid',
  'Qaadir',
  'Rasuul',
  'Haashim',
  'Baaqir',
  'Saadiq',
  'Taahir',
  'Akbar',
  'Asghar',
  'Miir',
  'Shaah',
  'Sultaan',
  'Daawud',
  'Samad',
  'Faruukh',
  'Jahaan',
  'Parwiz',
  'Khusraw',
  'Bahraam',
  'Zaman',
  'Nabii',
  'Habiib',
  'Yaar',
  'Mahmuud',
  'Ghaffaar',
];
const AFGHAN_SUFFIXES = ['ii', 'zay', 'yaar', 'zaada', 'khayl', 'waal', 'ii', 'ii'];
const IRANIAN_SUFFIXES = ['ii', 'puur', 'nizhaad', 'far', 'iyaan', 'zaada', 'aabaadii', 'ii'];

const PERSIAN_CONVENTIONS: readonly Convention[] = [
  {
    keepDouble: true,
    map: {
      H: 'h',
      kh: 'kh',
      sh: 'sh',
      th: 's',
      dh: 'z',
      gh: 'gh',
      q: 'q',
      S: 's',
      D: 'z',
      T: 't',
      Z: 'z',
      "'": '',
      aa: 'a',
      ii: 'i',
      uu: 'u',
      ay: 'ai',
      aw: 'aw',
      j: 'j',
      y: 'y',
      w: 'w',
      zh: 'zh',
    },
  },
  {
    keepDouble: true,
    map: {
      H: 'h',
      kh: 'kh',
      sh: 'sh',
      th: 's',
      dh: 'z',
      gh: 'gh',
      q: 'gh',
      S: 's',
      D: 'z',
      T: 't',
      Z: 'z',
      "'": '',
      aa: 'aa',
      ii: 'ee',
      uu: 'oo',
      ay: 'ay',
      aw: 'ow',
      j: 'j',
      y: 'y',
      w: 'v',
    },
  },
  {
    keepDouble: false,
    map: {
      H: 'h',
      kh: 'ch',
      sh: 'sch',
      th: 's',
      dh: 's',
      gh: 'gh',
      q: 'gh',
      S: 's',
      D: 's',
      T: 't',
      Z: 's',
      "'": '',
      aa: 'a',
      ii: 'i',
      uu: 'u',
      ay: 'ai',
      aw: 'au',
      j: 'dsch',
      y: 'j',
      w: 'w',
      z: 's',
    },
  },
  {
    keepDouble: true,
    map: {
      H: 'h',
      kh: 'kh',
      sh: 'sh',
      th: 's',
      dh: 'z',
      gh: 'q',
      q: 'q',
      S: 's',
      D: 'z',
      T: 't',
      Z: 'z',
      "'": '',
      aa: 'a',
      ii: 'i',
      uu: 'u',
      ay: 'ey',
      aw: 'ow',
      j: 'j',
      y: 'y',
      w: 'w',
      a: 'a',
      i: 'e',
      u: 'o',
    },
  },
];

export function persianFamily(rng: Rng, afghan: boolean): NameEntry {
  const stem = rng.pick(PERSIAN_STEMS);
  const suffix = rng.pick(afghan ? AFGHAN_SUFFIXES : IRANIAN_SUFFIXES);
  // Vowel meets vowel: a glide comes between (Nabii + ii = Nabiyii).
  const word = /[aiu]$/.test(stem) && /^[aiu]/.test(suffix) ? `${stem}y${suffix}` : stem + suffix;
  return { weight: 1, variants: spellings(word, PERSIAN_CONVENTIONS), article: false };
}

// ---------------------------------------------------------------------------------------------
// Ukrainian: Cyrillic stems with suffixes, transliterated by the national system (KMU 2010), the
// German Duden rules and older English/Russian-based practice.

const UKRAINIAN_STEMS = [
  'Ковт',
  'Гнат',
  'Довж',
  'Захар',
  'Москал',
  'Пилип',
  'Остап',
  'Федор',
  'Граб',
  'Кулик',
  'Сав',
  'Семен',
  'Тищ',
  'Вовк',
  'Заяч',
  'Бабич',
  'Білоус',
  'Чорн',
  'Данил',
  'Костюк',
  'Головач',
  'Гордій',
  'Дмитр',
  'Жовт',
  'Зінч',
  'Карп',
  'Кирил',
  'Климч',
  'Кошов',
  'Кравч',
  'Лесь',
  'Литвин',
  'Мазур',
  'Мирон',
  'Нестер',
  'Олеш',
  'Панас',
  'Прокоп',
  'Радч',
  'Руд',
  'Сидор',
  'Стеф',
  'Сорок',
  'Тарас',
  'Тимош',
  'Хом',
  'Цимбал',
  'Шапов',
  'Юрч',
  'Ярем',
  'Гайдай',
  'Гончар',
  'Дорош',
  'Ігнат',
  'Лук',
  'Марч',
  'Оліфір',
];
const UKRAINIAN_SUFFIXES: readonly (readonly [string, string?])[] = [
  ['енко'],
  ['енко'],
  ['енко'],
  ['ук'],
  ['чук'],
  ['юк'],
  ['ець'],
  ['ишин'],
  ['ак'],
  ['ович'],
  ['ський', 'ська'],
  ['ов', 'ова'],
  ['ін', 'іна'],
];

const KMU: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ie',
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ю: 'iu',
  я: 'ia',
};
const DUDEN: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'w',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'je',
  ж: 'sch',
  з: 's',
  и: 'y',
  і: 'i',
  ї: 'ji',
  й: 'j',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'ch',
  ц: 'z',
  ч: 'tsch',
  ш: 'sch',
  щ: 'schtsch',
  ь: '',
  ю: 'ju',
  я: 'ja',
};
const OLD_ENGLISH: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ye',
  ж: 'zh',
  з: 'z',
  и: 'i',
  і: 'i',
  ї: 'yi',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ь: '',
  ю: 'yu',
  я: 'ya',
};

function transliterate(
  cyrillic: string,
  table: Readonly<Record<string, string>>,
  initial: Readonly<Record<string, string>> = {},
): string {
  let out = '';
  [...cyrillic.toLowerCase()].forEach((ch, i) => {
    out += (i === 0 ? initial[ch] : undefined) ?? table[ch] ?? ch;
  });
  return capitalise(out);
}

/** KMU 2010 writes initial є ї й ю я as ye yi y yu ya. */
const KMU_INITIAL = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };

export function ukrainianFamily(rng: Rng): NameEntry {
  const stem = rng.pick(UKRAINIAN_STEMS);
  const [male, female] = rng.pick(UKRAINIAN_SUFFIXES);
  const m = stem + male;
  const f = female ? stem + female : undefined;
  const variants = (w: string): string[] => [
    ...new Set([transliterate(w, KMU, KMU_INITIAL), transliterate(w, DUDEN), transliterate(w, OLD_ENGLISH)]),
  ];
  const cap = (w: string): string => w[0]!.toUpperCase() + w.slice(1);
  return {
    weight: 1,
    variants: variants(m),
    script: cap(m),
    article: false,
    ...(f ? { femaleVariants: variants(f), femaleScript: cap(f) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Turkish: surnames composed of two words (Surname Law of 1934), written in Turkish letters.

const TURKISH_FIRST = [
  'Ak',
  'Kara',
  'Öz',
  'Demir',
  'Yıldız',
  'Gök',
  'Ay',
  'Er',
  'Kurt',
  'Tek',
  'Şen',
  'Uz',
  'Can',
  'Kor',
  'Bal',
  'Dal',
  'Tun',
  'Çelik',
  'Al',
  'Taş',
  'Gül',
  'Kılıç',
  'Bozkurt',
  'Yücel',
  'Sarı',
  'Kaya',
  'Arslan',
  'Güneş',
  'Ünal',
  'Toprak',
];
const TURKISH_SECOND = [
  'taş',
  'kaya',
  'can',
  'oğlu',
  'türk',
  'er',
  'han',
  'doğan',
  'soy',
  'yol',
  'tepe',
  'dağ',
  'göl',
  'su',
  'el',
  'ok',
  'men',
  'bay',
  'demir',
  'kan',
  'baş',
  'yurt',
  'ay',
  'gün',
  'alp',
  'tekin',
];

export function turkishFamily(rng: Rng): NameEntry {
  const name = rng.pick(TURKISH_FIRST) + rng.pick(TURKISH_SECOND);
  return { weight: 1, variants: [name], script: name, article: false };
}

// ---------------------------------------------------------------------------------------------
// Eritrean (Tigrinya) compound names: "servant of / hope of / power of" + a sacred name.

const GEEZ_HEADS: readonly (readonly string[])[] = [
  ['Ghebre', 'Gebre', 'Gebrey'],
  ['Tesfa', 'Tesfay'],
  ['Haile', 'Hayle'],
  ['Wolde', 'Welde', 'Weldi'],
  ['Habte', 'Habti'],
  ['Kidane'],
  ['Zere', 'Zeray'],
  ['Berhe', 'Birhe'],
  ['Fisseha', 'Fiseha'],
  ['Tekle', 'Tecle'],
];
const GEEZ_TAILS: readonly (readonly string[])[] = [
  ['Mariam', 'Maryam', 'Mariyam'],
  ['Michael', 'Mikael', 'Mikiel'],
  ['Selassie', 'Sellassie', 'Selasie'],
  ['Giorgis', 'Georgis', 'Giyorgis'],
  ['Medhin', 'Medhen'],
  ['Yesus', 'Iyesus'],
  ['Kristos', 'Christos'],
  ['Tsion', 'Tseyon', 'Zion'],
  ['Egziabher', 'Egziabeher'],
  ['Hiwet', 'Hiwot'],
  ['Gabriel', 'Gebriel'],
];

export function eritreanCompound(rng: Rng): NameEntry {
  const head = rng.pick(GEEZ_HEADS);
  const tail = rng.pick(GEEZ_TAILS);
  const variants = new Set<string>();
  const joinings = [
    (a: string, b: string) => a + b.toLowerCase(),
    (a: string, b: string) => `${a} ${b}`,
    (a: string, b: string) => `${a}-${b}`,
    (a: string, b: string) => a + b,
  ];
  variants.add(head[0]! + tail[0]!.toLowerCase());
  for (let i = 0; i < 6; i++) variants.add(rng.pick(joinings)(rng.pick(head), rng.pick(tail)));
  return { weight: 1, variants: [...variants], article: false };
}
