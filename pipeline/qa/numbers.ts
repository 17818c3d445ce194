/**
 * qa/numbers: every number of the English is in the translation, as the locale writes it.
 *
 * A number is a run of digits (any script's decimal digits, full-width ones included) with the
 * separators between its digit groups. The English reads `.` as the decimal mark and `,` as the
 * group separator; the target is read first as its locale writes numbers (the separators of
 * Intl.NumberFormat: `1.000,5` in de-DE, `1 000,5` in fr-FR, `1'000.5` in de-CH), then, when that
 * reading is not a well-formed number there, as English (`4.5` in a German text is a version, not
 * 45), and a run that is no well-formed number at all (`1.2.3`) as its digit groups one by one.
 * So `1,000` = `1.000` (de) = `1 000` (fr) = `１,０００` (ja), but `1,500` in a German text reads 1.5
 * and does not stand for the English 1,500 — unless it is written exactly as the English wrote it.
 *
 * A number counts as in the target when the target has it anywhere (how often is not compared: a
 * translation may say a repeated year once). Only numbers of the English missing from the target are reported (with the target's unmatched
 * ones, to show what changed): translations write numbers the English spells out ("three" → 3,
 * "March" → 3月), which is not a defect. A single digit that names nothing (`2-dimensional`,
 * `less than 0`, `v1`) is often spelled out in a translation: it is reported missing only where the
 * target has a number of its own instead (a changed number). Times read in 12 and 24 hours
 * (`5:57 PM` = `17:57`), East Asian myriads as their value (`20만` = 200,000).
 */
import type { QaIssue } from '../core/qa-issue.js';

export const NUMBERS_RULE = 'qa/numbers';

/** The value (zero) of the first digit of each run of ten decimal digits that NFKC does not fold to ASCII. */
const DIGIT_ZEROS = [
  0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0,
  0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0,
];

/** Any decimal digit as its ASCII digit; other characters as NFKC folds them (full-width, superscript). */
export function asciiDigits(text: string): string {
  return text.normalize('NFKC').replace(/\p{Nd}/gu, (d) => {
    const code = d.codePointAt(0)!;
    if (code < 0x80) return d;
    for (const zero of DIGIT_ZEROS) if (code >= zero && code < zero + 10) return String(code - zero);
    return d;
  });
}

/** How a language writes numbers: its decimal mark and group separator (NFKC: no-break spaces are spaces). */
export interface NumberStyle {
  decimal: string;
  group: string;
}

export const ENGLISH: NumberStyle = { decimal: '.', group: ',' };

const styles = new Map<string, NumberStyle>();

/** The number style of a locale, from Intl (English for a locale Intl does not know). */
export function numberStyle(locale: string): NumberStyle {
  let style = styles.get(locale);
  if (style) return style;
  style = ENGLISH;
  try {
    const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
    const decimal = parts.find((p) => p.type === 'decimal')?.value;
    const group = parts.find((p) => p.type === 'group')?.value;
    if (decimal && group) style = { decimal: asciiDigits(decimal), group: asciiDigits(group) };
  } catch {
    // An invalid tag: English.
  }
  styles.set(locale, style);
  return style;
}

const stripZeros = (digits: string) => digits.replace(/^0+(?=\d)/, '');

/**
 * The value of `token` written with `decimal` as its decimal mark and any of `groups` as its group
 * separator, as a canonical string (`1234.5`), or null when it is no well-formed number so: one
 * decimal mark at most, after the groups; one group separator throughout; groups of three digits
 * after a first group of one to three (groups of two before the last are allowed: 12,34,567 in India).
 */
export function parseNumber(token: string, decimal: string, groups: string): string | null {
  const parts = token.split(/[^0-9]/);
  const seps = token.match(/[^0-9]/g) ?? [];
  if (seps.length === 0) return stripZeros(token);
  let fraction: string | undefined;
  if (seps[seps.length - 1] === decimal) {
    fraction = parts.pop();
    seps.pop();
  }
  if (seps.length > 0) {
    if (!groups.includes(seps[0]!) || seps.some((s) => s !== seps[0])) return null;
    if (parts[0]!.length > 3 || parts[parts.length - 1]!.length !== 3) return null;
    if (parts.slice(1, -1).some((g) => g.length !== 3 && g.length !== 2)) return null;
  }
  const int = stripZeros(parts.join(''));
  return fraction === undefined ? int : `${int}.${fraction}`;
}

/** A number as found: how it was written, and the values it can stand for. */
export interface Num {
  written: string;
  values: string[];
  /** A single digit that may be spelled out in a translation (see `weakDigit`): reported only beside a changed number. */
  weak?: boolean;
  /** A run that is no well-formed number (a version 1.2.3, a list 1,2,3): its digit groups. */
  parts?: string[];
  /** Only white space separates it from the number before it. */
  gap?: boolean;
}

/**
 * A number that names nothing, which translations may spell out or leave out: one joined to a
 * lowercase word by a hyphen (`2-dimensional`, `base-10`, `32-bit`); a count under 100 after a
 * lowercase word (`up to 15`); a single digit as a dimension (`1-D`, `2D`), after a lowercase word
 * (`the 3 options`), `Option #2`, `v1`, inside a name a locale translates (`BIN2OCT`). Not weak: a digit that names something — after a letter (`SP1`, `D5`,
 * `array2`), after a capitalized word (`Windows 7`, `Service Pack 1`), before a unit (`2GB`).
 */
function weakDigit(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 3);
  // Joined to a lowercase word by a hyphen, a number is part of a compound a translation may write as one word.
  if (/\p{Ll}-$/u.test(before) || /^-\p{Ll}/u.test(after)) return true; // base-10, 32-bit, 2-dimensional
  // A count under 100 after a lowercase word: languages spell such numbers out (up to 15 → jusqu'à quinze).
  if (end - start === 2 && /^[1-9][0-9]$/.test(text.slice(start, end)) && /(?:^|[^\p{L}\p{N}])\p{Ll}+[ \u00A0]$/u.test(before)) return true;
  if (end - start !== 1) return false;
  if (/\p{L}$/u.test(before) && /^\p{L}/u.test(after)) return true; // BIN2OCT
  if (/(?:^|[^\p{L}\p{N}])v$/u.test(before)) return true; // v1
  if (/\p{L}$/u.test(before) || /['_]$/.test(before)) return false; // SP1, D5, 'T1, a_2
  if (/^\p{Lu}{2}/u.test(after)) return false; // 2GB
  if (/\p{Lu}[\p{L}\p{N}]*[ \u00A0]$/u.test(before)) return false; // Windows 7
  return true;
}

/** 12-hour times: the hour of `5:57 PM` also reads 17, of `12:30 AM` also 0 (a year of two digits in a date: see sourceNumbers). */
const TIME = /^(?::\d{2}){1,2}\s?([AaPp])\.?[Mm]\b/;

/** East Asian myriads after a number: 20万 (ja, zh), 20만 (ko) is 200,000; 億, 亿, 억 10⁸. */
const MYRIAD = /^\s?([万萬만億亿억])/u;
const MYRIADS: Record<string, number> = { 万: 1e4, 萬: 1e4, 만: 1e4, 億: 1e8, 亿: 1e8, 억: 1e8 };

/** The digit groups of a number as written (`1.2.3` → 1, 2, 3), leading zeros aside. */
const partsOf = (written: string) =>
  written
    .split(/[^0-9]/)
    .filter((p) => p !== '')
    .map(stripZeros);

/** The items of a list written without spaces (`1.0,2.0,3.0`), when each is a number; else null. */
function listItems(token: string, item: (token: string) => string | null): string[] | null {
  if (!token.includes(',')) return null;
  const items = token.split(',').map(item);
  return items.length > 1 && items.every((v) => v !== null) ? (items as string[]) : null;
}

const escapeClass = (s: string) => s.replace(/[\\\]^-]/g, '\\$&');

/** The numbers of a text, its separators `joiners` (a space joins only before exactly three digits: 1 000 000). */
function numbersIn(input: string, joiners: string, read: (token: string, after: string, before: string) => string[] | null, item: (token: string) => string | null): Num[] {
  const text = asciiDigits(input);
  const out: Num[] = [];
  const sep = `[${escapeClass(joiners.replace(/ /g, ''))}]`;
  const space = joiners.includes(' ') ? `| (?=\\d{3}(?!\\d))` : '';
  const pattern = new RegExp(`\\d+(?:(?:${sep}${space})\\d+)*`, 'g');
  let last = -1;
  for (const m of text.matchAll(pattern)) {
    const token = m[0];
    const end = m.index + token.length;
    const values = read(token, text.slice(end, end + 16), text.slice(Math.max(0, m.index - 16), m.index));
    // No reading: as written, or its items (a list 1.0,2.0,3.0), else its digit groups one by one (a version 1.2.3, two numbers 2019 100).
    const n: Num = values ? { written: token, values } : { written: token, values: [], parts: listItems(token, item) ?? partsOf(token) };
    if (values && weakDigit(text, m.index, end)) n.weak = true;
    if (last >= 0 && /^\s+$/.test(text.slice(last, m.index))) n.gap = true;
    out.push(n);
    last = end;
  }
  return out;
}

/** The numbers of the English. */
export function sourceNumbers(text: string): Num[] {
  return numbersIn(
    text,
    '.,',
    (token, after, before) => {
      const v = parseNumber(token, ENGLISH.decimal, ENGLISH.group);
      if (v === null) return null;
      // The year of a date written 12/3/18 is 2018 (or 1918) where a locale writes years in full.
      if (/^\d{2}$/.test(token) && /\d[/]\d{1,2}[/]$/.test(before)) return [v, `19${token}`, `20${token}`];
      const time = TIME.exec(after);
      if (!time || !/^\d{1,2}$/.test(v) || Number(v) > 12) return [v];
      const pm = time[1]!.toLowerCase() === 'p';
      const h = Number(v);
      return [v, String(pm ? (h === 12 ? 12 : h + 12) : h === 12 ? 0 : h)];
    },
    (item) => parseNumber(item, ENGLISH.decimal, ''),
  );
}

/** The numbers of a target in `locale`: as the locale writes them (a space may group digits in any), else as English. */
export function targetNumbers(text: string, locale: string): Num[] {
  const style = numberStyle(locale);
  return numbersIn(
    text,
    `.,' ${style.decimal}${style.group}`,
    (token, after) => {
      const v = parseNumber(token, style.decimal, `${style.group} `) ?? parseNumber(token, ENGLISH.decimal, `${ENGLISH.group} `);
      if (v === null) return null;
      const myriad = MYRIAD.exec(after);
      if (!myriad) return [v];
      return [v, String(Number(v) * MYRIADS[myriad[1]!]!)];
    },
    (item) => parseNumber(item, ENGLISH.decimal, ''),
  );
}

/** What a set of numbers offers: how each is written, its values, and the digit groups of those a space joined. */
function offered(nums: readonly Num[]): { written: Set<string>; values: Set<string>; spaced: Set<string> } {
  const out = { written: new Set<string>(), values: new Set<string>(), spaced: new Set<string>() };
  // Digits that only white space separates also read as one number (`1 *2* 3` for `123`, a group a space split).
  for (let i = 0, run = ''; i < nums.length; i++) {
    run = nums[i]!.gap === true && /^[0-9]+$/.test(nums[i]!.written) && /^[0-9]+$/.test(nums[i - 1]?.written ?? '') ? run + nums[i]!.written : nums[i]!.written;
    if (run !== nums[i]!.written) out.values.add(stripZeros(run));
  }
  for (const n of nums) {
    out.written.add(n.written);
    for (const v of n.values) out.values.add(v);
    for (const p of n.parts ?? []) out.values.add(p);
    if (n.written.includes(' ')) for (const p of partsOf(n.written)) out.spaced.add(p);
  }
  return out;
}

/**
 * A number is in the other text when it is written the same there, or has a value the other reads
 * the same. A space is the one joiner that can also stand between two numbers: the digit groups of
 * a number joined by spaces count one by one too (`6:30 892-5234` read as `6`, `30 892`, `5234` in
 * a locale that groups digits with spaces still has 30 and 892).
 */
function isIn(n: Num, other: ReturnType<typeof offered>): boolean {
  if (other.written.has(n.written) || n.values.some((v) => other.values.has(v))) return true;
  if (n.parts) return n.parts.every((p) => other.values.has(p) || other.spaced.has(p));
  if (/^[0-9]+$/.test(n.written)) return other.spaced.has(stripZeros(n.written));
  return n.written.includes(' ') && partsOf(n.written).every((p) => other.values.has(p) || other.spaced.has(p));
}

export function numberIssues(source: string, target: string, locale: string): QaIssue[] {
  const wanted = sourceNumbers(source);
  if (wanted.length === 0) return [];
  const found = targetNumbers(target, locale);
  const inTarget = offered(found);
  const inSource = offered(wanted);
  let missing = wanted.filter((n) => !isIn(n, inTarget));
  const extra = found.filter((n) => !isIn(n, inSource)).map((n) => n.written);
  // A weak digit left out counts only where the target has a number of its own instead.
  if (extra.length === 0) missing = missing.filter((n) => !n.weak);
  if (missing.length === 0) return [];
  const list = [...new Set(missing.map((n) => n.written))];
  const has = extra.length > 0 ? ` (it has ${[...new Set(extra)].join(', ')})` : '';
  return [{ rule: NUMBERS_RULE, message: `${list.length === 1 ? `the number ${list[0]} is` : `the numbers ${list.join(', ')} are`} not in the translation${has}` }];
}
