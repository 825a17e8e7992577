// Core: calendar dates as day numbers (days since 1970-01-01), computed with UTC calendar arithmetic
// so that no time zone and no clock is involved; the period a report covers. Pure.
/** A calendar date as days since 1970-01-01 (UTC calendar arithmetic, no clock, no time zone). */
export type DayNumber = number;

export interface Period {
  /** "2026-10", or "2026-10-01..2026-10-15" for --from/--to. */
  readonly label: string;
  readonly first: DayNumber;
  readonly last: DayNumber;
}

export const periodDays = (period: Period): number => period.last - period.first + 1;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), no Date involved. */
export function daysFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function dayNumber(year: number, month: number, day: number): DayNumber | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return ms / 86_400_000; // whole days: Date.UTC of a midnight is a multiple of a day
}

const dayTexts = new Map<DayNumber, string>();

export function formatDay(day: DayNumber): string {
  // Remembered: a month's rows have some thirty days between them, written a million times.
  let text = dayTexts.get(day);
  if (text === undefined) {
    text = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (dayTexts.size < 100_000) dayTexts.set(day, text);
  }
  return text;
}

/** Wall-clock seconds since 1970 as `2026-10-01 08:30:15`. */
export function formatTimestamp(seconds: number): string {
  const day = Math.floor(seconds / 86400);
  const rest = seconds - day * 86400;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${formatDay(day)} ${two(Math.floor(rest / 3600))}:${two(Math.floor((rest % 3600) / 60))}:${two(rest % 60)}`;
}

/** The period of a month "2026-10", or undefined if the text is not one. */
export function monthPeriod(text: string): Period | undefined {
  const m = /^(\d{4})-(\d{1,2})$/.exec(text.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const first = dayNumber(year, month, 1);
  if (first === undefined) return undefined;
  const next = month === 12 ? dayNumber(year + 1, 1, 1) : dayNumber(year, month + 1, 1);
  return { label: `${m[1]}-${String(month).padStart(2, '0')}`, first, last: (next as number) - 1 };
}

/** A quarter "2026-Q4" (October to December) or a year "2026", or undefined if the text is neither. */
export function longPeriod(text: string): Period | undefined {
  const quarter = /^(\d{4})-?Q([1-4])$/i.exec(text.trim());
  const year = /^(\d{4})$/.exec(text.trim());
  if (!quarter && !year) return undefined;
  const y = Number((quarter ?? year)?.[1]);
  const firstMonth = quarter ? (Number(quarter[2]) - 1) * 3 + 1 : 1;
  const months = quarter ? 3 : 12;
  const first = dayNumber(y, firstMonth, 1) as number;
  const end = firstMonth + months > 12 ? (dayNumber(y + 1, 1, 1) as number) : (dayNumber(y, firstMonth + months, 1) as number);
  return { label: quarter ? `${y}-Q${quarter[2]}` : String(y), first, last: end - 1 };
}

/** A month, a quarter or a year by its label: 2026-10, 2026-Q4, 2026. */
export const namedPeriod = (text: string): Period | undefined => monthPeriod(text) ?? longPeriod(text);

/** Any period kefu labels: a named one, or `2026-10-01..2026-10-15` as --from/--to write it. */
export function periodFromLabel(label: string): Period | undefined {
  const named = namedPeriod(label);
  if (named) return named;
  const days = /^(\d{4})-(\d{2})-(\d{2})\.\.(\d{4})-(\d{2})-(\d{2})$/.exec(label.trim());
  if (!days) return undefined;
  const [first, last] = [dayNumber(Number(days[1]), Number(days[2]), Number(days[3])), dayNumber(Number(days[4]), Number(days[5]), Number(days[6]))];
  return first === undefined || last === undefined || last < first ? undefined : { label, first, last };
}

/** A month's position counting months (year × 12 + month − 1): months apart are positions apart. */
export const monthIndex = (day: DayNumber): number => {
  const [year, month] = formatDay(day).split('-').map(Number) as [number, number];
  return year * 12 + month - 1;
};

/** The label of the month `by` months after `label` (2026-10, −2 → 2026-08). */
export function shiftMonth(label: string, by: number): string {
  const [year, month] = label.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The months a period touches, each cut to the period ("2026-10", or the days of it the period has), in order. */
export function monthsOf(period: Period): Period[] {
  const months: Period[] = [];
  for (let day = period.first; day <= period.last; ) {
    const month = monthPeriod(formatDay(day).slice(0, 7)) as Period;
    months.push({ label: month.label, first: Math.max(month.first, period.first), last: Math.min(month.last, period.last) });
    day = month.last + 1;
  }
  return months;
}

/** Days of the period an employee was on the books, start and end dates both counted. */
export function daysEmployed(period: Period, start?: DayNumber, end?: DayNumber): number {
  const from = Math.max(period.first, start ?? period.first);
  const to = Math.min(period.last, end ?? period.last);
  return Math.max(0, to - from + 1);
}
