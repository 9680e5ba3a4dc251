/**
 * Errors made while a record is typed or scanned: keyboard typos on a German QWERTZ keyboard,
 * OCR confusions of scanned documents, and the usual slips in dates.
 */
import type { Random } from './random.js';

const QWERTZ_ROWS = ['1234567890ß', 'qwertzuiopü', 'asdfghjklöä', 'yxcvbnm,.-'];

/** Keys next to each letter on a German keyboard (same row, and the row above and below). */
export const QWERTZ_NEIGHBOURS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  QWERTZ_ROWS.forEach((row, r) => {
    [...row].forEach((ch, i) => {
      let n = '';
      n += row[i - 1] ?? '';
      n += row[i + 1] ?? '';
      // Rows are staggered: a key touches the keys at i and i+1 of the row above, i-1 and i below.
      const above = QWERTZ_ROWS[r - 1];
      const below = QWERTZ_ROWS[r + 1];
      if (above) n += (above[i] ?? '') + (above[i + 1] ?? '');
      if (below) n += (below[i - 1] ?? '') + (below[i] ?? '');
      map.set(ch, [...n].filter((x) => /\p{L}/u.test(x)).join(''));
    });
  });
  return map;
})();

function isLetter(ch: string): boolean {
  return /\p{L}/u.test(ch);
}

function sameCase(template: string, ch: string): string {
  return template === template.toUpperCase() && template !== template.toLowerCase() ? ch.toUpperCase() : ch;
}

/** One keying error: a neighbouring key, two letters swapped, a letter left out or doubled. */
export function keyboardTypo(text: string, rng: Random): string {
  const chars = [...text];
  const positions = chars.map((c, i) => (isLetter(c) ? i : -1)).filter((i) => i >= 0);
  if (positions.length < 3) return text;
  const i = positions[rng.int(positions.length)]!;
  const ch = chars[i]!;
  const op = rng.weighted<'sub' | 'swap' | 'omit' | 'double'>([
    ['sub', 0.45],
    ['swap', 0.2],
    ['omit', 0.2],
    ['double', 0.15],
  ]);
  switch (op) {
    case 'sub': {
      const n = QWERTZ_NEIGHBOURS.get(ch.toLowerCase());
      if (!n) return text;
      chars[i] = sameCase(ch, n[rng.int(n.length)]!);
      break;
    }
    case 'swap': {
      const j = i + 1 < chars.length && isLetter(chars[i + 1]!) ? i + 1 : i - 1;
      if (j < 0 || !isLetter(chars[j]!)) return text;
      const a = chars[i]!;
      const b = chars[j]!;
      chars[i] = sameCase(a, b.toLowerCase());
      chars[j] = sameCase(b, a.toLowerCase());
      break;
    }
    case 'omit':
      chars.splice(i, 1);
      break;
    case 'double':
      chars.splice(i, 0, ch.toLowerCase());
      break;
  }
  return chars.join('');
}

/** Confusions of character recognition on printed documents. */
export const OCR_CONFUSIONS: readonly (readonly [string, string])[] = [
  ['rn', 'm'],
  ['m', 'rn'],
  ['cl', 'd'],
  ['d', 'cl'],
  ['l', '1'],
  ['I', 'l'],
  ['i', 'l'],
  ['O', '0'],
  ['o', '0'],
  ['S', '5'],
  ['B', '8'],
  ['e', 'c'],
  ['h', 'b'],
  ['u', 'ii'],
  ['vv', 'w'],
  ['E', 'F'],
];

/** One OCR confusion at a random place where one applies; the text unchanged if none does. */
export function ocrError(text: string, rng: Random): string {
  const options: [number, string, string][] = [];
  for (const [from, to] of OCR_CONFUSIONS) {
    let at = text.indexOf(from);
    while (at >= 0) {
      options.push([at, from, to]);
      at = text.indexOf(from, at + 1);
    }
  }
  if (options.length === 0) return text;
  const [at, from, to] = options[rng.int(options.length)]!;
  return text.slice(0, at) + to + text.slice(at + from.length);
}

export interface YMD {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

export function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Day and month exchanged (US order read as German, or the reverse); undefined where impossible. */
export function swapDayMonth(date: YMD): YMD | undefined {
  if (date.d === date.m || date.d > 12) return undefined;
  return { y: date.y, m: date.d, d: date.m };
}

/** One digit of DD.MM.YYYY mistyped; stays a calendar date not after `maxYear`. */
export function digitSlip(date: YMD, rng: Random, maxYear: number): YMD {
  for (let attempt = 0; attempt < 12; attempt++) {
    const digits = [...`${pad(date.d)}${pad(date.m)}${date.y}`];
    // The last digits of day and year are the ones slipped most.
    const pos = rng.weighted<number>([
      [0, 0.1],
      [1, 0.3],
      [2, 0.05],
      [3, 0.15],
      [6, 0.1],
      [7, 0.3],
    ]);
    const old = Number(digits[pos]);
    const delta = rng.chance(0.7) ? (rng.chance(0.5) ? 1 : -1) : rng.between(2, 8);
    digits[pos] = String((old + delta + 10) % 10);
    const s = digits.join('');
    const d = Number(s.slice(0, 2));
    const m = Number(s.slice(2, 4));
    const y = Number(s.slice(4));
    if (isValidDate(y, m, d) && y <= maxYear && y >= 1920 && (d !== date.d || m !== date.m || y !== date.y))
      return { y, m, d };
  }
  return date;
}

export function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function isoDate(date: YMD): string {
  return `${date.y}-${pad(date.m)}-${pad(date.d)}`;
}
