// Parse: one cell of an export → an exact value (SPEC §1 value formats). Amounts, rates and durations
// are read digit by digit into rationals, never through parseFloat. Returns a tagged result; the caller
// turns a bad one into an issue at the cell's file:line:col. No I/O.
import { type Rational, parseDecimal, rational, add, mul, div, cmp, neg, HUNDRED } from '../core/num/rational.js';
import { dayNumber, type DayNumber } from '../core/num/dates.js';
import type { IssueCode } from '../core/model/issue-texts.js';

/** Past these a figure is no month's: a typo, a unit slip, a damaged file (10^12 yuan or of a measure; 10^9 people). */
export const MOST_AMOUNT = rational(10n ** 12n);
export const MOST_COUNT = rational(10n ** 9n);

/** Whether a figure is past `most` either side of zero. */
export const pastMost = (value: Rational, most: Rational = MOST_AMOUNT): boolean => cmp(value.n < 0n ? neg(value) : value, most) > 0;

/** Control and invisible characters (NUL, escapes, zero-width spaces, a BOM mid-text): never meant in a name, a header or a pattern. */
export const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/;
export const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');

export type CellResult<T> =
  | { readonly kind: 'value'; readonly value: T }
  | { readonly kind: 'missing'; readonly unsettled: boolean }
  /** `params` say more than the code about what was found (a date where an amount belongs), for the message. */
  | { readonly kind: 'bad'; readonly code: IssueCode; readonly params?: Readonly<Record<string, string | number>> };

const value = <T>(v: T): CellResult<T> => ({ kind: 'value', value: v });
const bad = (code: IssueCode, params?: Readonly<Record<string, string | number>>): CellResult<never> => ({ kind: 'bad', code, ...(params ? { params } : {}) });
const MISSING: CellResult<never> = { kind: 'missing', unsettled: false };
const UNSETTLED: CellResult<never> = { kind: 'missing', unsettled: true };

/** What halfWidth changes: most cells have none of it. */
const WIDE = /[\u3000\uFF01-\uFF5E\uFFE5]/;

/** Full-width digits and signs (０-９ ，．％ ￥ －) as exports from Chinese Excel sometimes carry them. */
export function halfWidth(text: string): string {
  if (!WIDE.test(text)) return text;
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ').replace(/\uFFE5/g, '¥');
}

/** `-`, `--`, empty: no value. `延迟统计`: not yet settled by the platform (a warning upstream). */
function missingOf(text: string): CellResult<never> | undefined {
  if (text === '' || text === '-' || text === '--' || text === '—' || text === '——') return MISSING;
  if (text === '延迟统计') return UNSETTLED;
  return undefined;
}

// Digits with correct thousands grouping (1,234,567) or none, optional decimals.
const GROUPED = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/;

function decimalWithGrouping(text: string): Rational | undefined {
  const m = GROUPED.exec(text);
  if (!m) return undefined;
  return parseDecimal(`${m[1]}${(m[2] ?? '').replace(/,/g, '')}${m[3] ?? ''}`);
}

/** A plain number: `12`, `12.5`, `1,234`. */
export function parseNumber(raw: string): CellResult<Rational> {
  const text = halfWidth(raw).trim();
  const missing = missingOf(text);
  if (missing) return missing;
  const v = decimalWithGrouping(text);
  return v ? value(v) : bad('VALUE_BAD_NUMBER');
}

/** A whole, non-negative count: `1,234`. */
export function parseCount(raw: string): CellResult<Rational> {
  const result = parseNumber(raw);
  if (result.kind !== 'value') return result.kind === 'bad' ? bad('VALUE_BAD_COUNT') : result;
  return result.value.d === 1n && result.value.n >= 0n ? result : bad('VALUE_BAD_COUNT');
}

/** An amount in yuan: `1,234.56`, `¥1,234.56`, `1234.56元`, `-12.5`. */
export function parseAmount(raw: string): CellResult<Rational> {
  let text = halfWidth(raw).trim();
  const missing = missingOf(text);
  if (missing) return missing;
  text = text.replace(/^([+-]?)\s*(?:¥|RMB|CNY)\s*/i, '$1').replace(/\s*(?:元|CNY|RMB)$/i, '');
  const v = decimalWithGrouping(text);
  if (v) return value(v);
  // A workbook cell formatted as a date reads as `2026-10-01`: say so, for "write 1234.56" would not
  // tell the user why Excel shows a date where the amount should be.
  return bad('VALUE_BAD_AMOUNT', parseDateTime(raw).kind === 'value' ? { found: 'date' } : undefined);
}

/**
 * A rate: `23.45%` is 0.2345; a bare `0.2345` is a fraction; a bare number above 1 is an error unless
 * the column is known to hold percent (its header says `(%)`, or its values do: `inPercentPoints`),
 * because `35` alone could mean 35% or a typo.
 */
export function parseRate(raw: string, percentColumn = false): CellResult<Rational> {
  const text = halfWidth(raw).trim();
  const missing = missingOf(text);
  if (missing) return missing;
  if (text.endsWith('%')) {
    const v = decimalWithGrouping(text.slice(0, -1).trim());
    return v && v.n >= 0n ? value(div(v, HUNDRED) as Rational) : bad('VALUE_BAD_RATE');
  }
  const v = decimalWithGrouping(text);
  if (!v || v.n < 0n) return bad('VALUE_BAD_RATE');
  if (percentColumn) return value(div(v, HUNDRED) as Rational);
  return v.n <= v.d ? value(v) : bad('VALUE_BAD_RATE');
}

/**
 * A rate in a column written in percent points (`99.71` is 99.71%, `1` is 1%), as its header says
 * (`(%)`) or its values do: a bare number above 100 is an error, for no share of people or
 * conversations passes 100%. `23.45%` still reads as written.
 */
export function parseRatePoints(raw: string, toldBy: 'header' | 'values'): CellResult<Rational> {
  const result = parseRate(raw, true);
  if (result.kind !== 'value' || halfWidth(raw).trim().endsWith('%')) return result;
  return result.value.n <= result.value.d ? result : bad('VALUE_BAD_RATE', { points: toldBy });
}

/**
 * Whether a rate column is written in percent points, told from all its cells at once, never cell by
 * cell (`1` means 100% in a column of fractions and 1% in one of points): no cell carries `%`, and some
 * bare number is above 1 and at most 100 (生意参谋 writes `99.71` for 99.71%).
 */
export function inPercentPoints(cells: Iterable<string>): boolean {
  let points = false;
  for (const raw of cells) {
    const text = halfWidth(raw).trim();
    if (missingOf(text)) continue;
    if (text.endsWith('%')) return false;
    const v = decimalWithGrouping(text);
    if (v && v.n > v.d && v.n <= 100n * v.d) points = true;
  }
  return points;
}

const HMS = /^(\d+):(\d{1,2})(?::(\d{1,2}(?:\.\d+)?))?$/;
const CHINESE_DURATION = /^(?:(\d+(?:\.\d+)?)天)?(?:(\d+(?:\.\d+)?)(?:小时|时))?(?:(\d+(?:\.\d+)?)(?:分钟|分))?(?:(\d+(?:\.\d+)?)秒)?$/;

/** Seconds: `27.77`, `12秒`, `2分30秒`, `7小时41分52秒`, `00:02:30` (h:m:s) or `02:30` (m:s). */
export function parseDuration(raw: string): CellResult<Rational> {
  const text = halfWidth(raw).trim().replace(/\s+/g, '');
  const missing = missingOf(text);
  if (missing) return missing;
  const plain = decimalWithGrouping(text.replace(/(?:s|sec|秒)$/i, ''));
  if (plain && plain.n >= 0n) return value(plain);
  const hms = HMS.exec(text);
  // Minutes and seconds after the first part stay below 60: `1:75` is a typo, not 2:15.
  if (hms && Number(hms[2]) < 60 && (hms[3] === undefined || Number(hms[3]) < 60)) {
    const parts = [hms[1], hms[2], hms[3]].filter((p): p is string => p !== undefined).map((p) => parseDecimal(p) as Rational);
    // Two parts are minutes:seconds, three are hours:minutes:seconds.
    const weights = parts.length === 3 ? [3600n, 60n, 1n] : [60n, 1n];
    return value(parts.reduce((total, part, i) => add(total, mul(part, rational(weights[i] as bigint))), rational(0n)));
  }
  const cn = CHINESE_DURATION.exec(text);
  if (cn && text !== '') {
    const unitSeconds = [86400n, 3600n, 60n, 1n];
    let total = rational(0n);
    for (let i = 0; i < 4; i++) {
      const part = cn[i + 1];
      if (part !== undefined) total = add(total, mul(parseDecimal(part) as Rational, rational(unitSeconds[i] as bigint)));
    }
    return value(total);
  }
  return bad('VALUE_BAD_DURATION');
}

export interface DateTime {
  readonly day: DayNumber;
  /** Seconds after midnight, when the cell had a time. */
  readonly seconds?: number;
}

const DATE_FORMS = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(.+))?$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?(?:\s*(.+))?$/,
  /^(\d{4})(\d{2})(\d{2})(?:[ T]+(.+))?$/,
];
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** `2026-10-01`, `2026/10/1`, `2026年10月1日`, `20261001`, `2026.10.01`, each with optional `HH:MM[:SS]`. */
export function parseDateTime(raw: string): CellResult<DateTime> {
  const text = halfWidth(raw).trim();
  const missing = missingOf(text);
  if (missing) return missing;
  for (const form of DATE_FORMS) {
    const m = form.exec(text);
    if (!m) continue;
    const day = dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
    if (day === undefined) return bad('VALUE_BAD_DATE');
    if (m[4] === undefined) return value({ day });
    const t = TIME.exec(m[4].trim());
    if (!t) return bad('VALUE_BAD_DATE');
    const [h, min, s] = [Number(t[1]), Number(t[2]), Number(t[3] ?? 0)];
    if (h > 23 || min > 59 || s > 59) return bad('VALUE_BAD_DATE');
    return value({ day, seconds: h * 3600 + min * 60 + s });
  }
  return bad('VALUE_BAD_DATE');
}

export function parseDate(raw: string): CellResult<DayNumber> {
  const result = parseDateTime(raw);
  return result.kind === 'value' ? value(result.value.day) : result;
}
