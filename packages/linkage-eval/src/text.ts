/**
 * Letter-level helpers shared by the renderers: capitalisation and what software without the
 * needed letters makes of a name. The fold tables are written out letter by letter (no Unicode
 * decomposition), so the output does not depend on the ICU version of the running Node.
 */

const NOT_A_LETTER_START = new Set(['ʿ', 'ʾ', 'ʻ', 'ʼ', "'", '’', '(', '"']);

/** Upper-cases the first letter of every space- or hyphen-separated part; leaves the rest alone. */
export function titleCase(text: string, lowerArticle = false): string {
  let out = '';
  let atStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '-') {
      out += ch;
      atStart = true;
      continue;
    }
    if (atStart && NOT_A_LETTER_START.has(ch)) {
      out += ch;
      continue;
    }
    if (atStart) {
      // al-, el- and assimilated articles (ar-, aš-, aḍ-, ash-) stay lower case in scholarly writing.
      const isArticle = lowerArticle && /^(?:[ae]l|a\p{L}{1,2})-/u.test(text.slice(i, i + 4));
      out += isArticle ? ch : upper(ch);
      atStart = false;
    } else out += ch;
  }
  return out;
}

/** Upper case as German software does it: ß stays ß (no capital), ı and i both become I. */
export function upper(text: string): string {
  let out = '';
  for (const ch of text) out += ch === 'ß' ? 'ß' : ch.toUpperCase();
  return out;
}

/** Letters a German system can store (ISO 8859-15 minus what no Kreis system offers). */
const GERMAN_LETTERS = new Set([...'äöüÄÖÜß']);

const FOLD: Readonly<Record<string, string>> = (() => {
  const table: Record<string, string> = {};
  const add = (from: string, to: string): void => {
    for (const ch of from) table[ch] = to;
  };
  add('āáàâãåăąǎạảấầẩẫậắằẳẵặ', 'a');
  add('ĀÁÀÂÃÅĂĄǍẠẢẤẦẨẪẬẮẰẲẴẶ', 'A');
  add('ēéèêëěėęẹẻẽếềểễệə', 'e');
  add('ĒÉÈÊËĚĖĘẸẺẼẾỀỂỄỆƏ', 'E');
  add('īíìîïıịỉĩ', 'i');
  add('ĪÍÌÎÏİỊỈĨ', 'I');
  add('ōóòôõőọỏốồổỗộơớờởỡợø', 'o');
  add('ŌÓÒÔÕŐỌỎỐỒỔỖỘƠỚỜỞỠỢØ', 'O');
  add('ūúùûůűụủũưứừửữựǔ', 'u');
  add('ŪÚÙÛŮŰỤỦŨƯỨỪỬỮỰǓ', 'U');
  add('ýỳỷỹỵ', 'y');
  add('ÝỲỶỸỴ', 'Y');
  add('çćčĉ', 'c');
  add('ÇĆČĈ', 'C');
  add('đďḍḏ', 'd');
  add('ĐĎḌḎ', 'D');
  add('ğǧġ', 'g');
  add('ĞǦĠ', 'G');
  add('ḥḫħ', 'h');
  add('ḤḪĦ', 'H');
  add('ķ', 'k');
  add('ł', 'l');
  add('Ł', 'L');
  add('ñń', 'n');
  add('ÑŃ', 'N');
  add('ŕř', 'r');
  add('şšśṣșŝ', 's');
  add('ŞŠŚṢȘŜ', 'S');
  add('ţťṭțṯ', 't');
  add('ŢŤṬȚṮ', 'T');
  add('žźżẓ', 'z');
  add('ŽŹŻẒ', 'Z');
  add('ʿʾʻʼ’', '');
  return table;
})();

const GERMAN_FOLD: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };

/**
 * What an agency's software stores. `keep-german`: German umlauts survive, every other
 * diacritic is dropped (the common case before DIN 91379). `ascii`: umlauts written out too.
 */
export function foldForSoftware(text: string, mode: 'keep-german' | 'ascii'): string {
  let out = '';
  for (const ch of text) {
    if (GERMAN_LETTERS.has(ch)) out += mode === 'ascii' ? GERMAN_FOLD[ch]! : ch;
    else out += FOLD[ch] ?? ch;
  }
  return out;
}

/** True when every character is printable ASCII. */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 126 || text.charCodeAt(i) < 32) return false;
  return true;
}

export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
