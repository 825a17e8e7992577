// Parse: a platform's per-agent performance export (SPEC §1 `stats`) → one row per account (or
// account-day), with summary rows set aside: benchmarks kept, totals and averages dropped. No I/O.
import { issue, type Issue } from '../core/model/issues.js';
import { STATS_FIELDS, type BenchmarkRow, type StatsField, type StatsRow } from '../core/model/dataset.js';
import { cmp, mul, rational, showNumber, type Rational } from '../core/num/rational.js';
import type { HeaderUnit, MappedColumn } from './headers.js';
import { STATS_COLUMNS, SUMMARY_LABELS, BENCHMARK_LABELS } from './aliases.js';
import { readTable, readColumn, cellText, type ExtraAliases, type Table } from './table.js';
import type { Grid, GridRow } from './grid.js';
import { halfWidth, inPercentPoints, parseAmount, parseCount, parseDate, parseDuration, parseNumber, parseRate, parseRatePoints, pastMost, MOST_AMOUNT, MOST_COUNT, type CellResult } from './values.js';

type Kind = 'count' | 'number' | 'amount' | 'rate' | 'duration' | 'ratio';

const KINDS: Record<StatsField, Kind> = {
  consulted: 'count',
  received: 'count',
  inquiries: 'count',
  inquiries_ordered: 'count',
  inquiries_paid: 'count',
  cs_orders: 'count',
  cs_buyers: 'count',
  unreplied: 'count',
  slow_received: 'count',
  complaints: 'count',
  cs_units: 'number',
  service_score: 'number',
  cs_sales: 'amount',
  cs_refunds: 'amount',
  cs_sales_net: 'amount',
  conversion: 'rate',
  reply_rate: 'rate',
  satisfaction: 'rate',
  fast_reply_rate: 'rate',
  reply_30s_rate: 'rate',
  first_response_s: 'duration',
  avg_response_s: 'duration',
  answer_ratio: 'ratio',
};

/** Which units a header may state on a column of each kind. */
const UNITS_ALLOWED: Record<Kind, readonly HeaderUnit[]> = {
  count: [],
  number: [],
  amount: ['yuan'],
  rate: ['percent'],
  duration: ['seconds', 'minutes'],
  ratio: ['percent'],
};

const SIXTY = rational(60n);

/** Who says a rate column is in percent points (`99.71` for 99.71%): its header (`(%)`), or its values. */
export type PercentPoints = 'header' | 'values';

/**
 * The rate columns written in percent points, decided per column, never per cell: a header that says
 * `(%)`, or, where the header states no unit, values that say so (no `%` anywhere in the column and a
 * bare number above 1: see inPercentPoints). Only the rows that are read count (agents' and
 * benchmarks'); summary rows are dropped unread. Shared by the reader and `kefu columns`.
 */
export function ratesInPercentPoints(mapped: ReadonlyMap<string, MappedColumn>, rows: readonly GridRow[]): Map<StatsField, PercentPoints> {
  const account = mapped.get('account')?.index;
  const read = rows.filter((row) => statsRowKind(rowLabel(row, account)) !== 'summary');
  const points = new Map<StatsField, PercentPoints>();
  for (const field of STATS_FIELDS) {
    const column = mapped.get(field);
    if (column === undefined || KINDS[field] !== 'rate') continue;
    if (column.unit === 'percent') points.set(field, 'header');
    else if (column.unit === undefined && inPercentPoints(read.map((row) => row.cells[column.index] ?? ''))) points.set(field, 'values');
  }
  return points;
}

/**
 * The parser of each column the export has, by its kind and the unit its header states: a header that
 * says `（分钟）` holds minutes (拼多多), `(%)` percent even without the sign (`转化率(%)` 23.45 is 23.45%).
 * A unit that cannot belong to the column (`首次响应时长（元）`) is an error: the header is not what it seems.
 */
function fieldParsers(table: Table, issues: Issue[]): Map<StatsField, (raw: string) => CellResult<Rational>> {
  const points = ratesInPercentPoints(table.mapped, table.rows);
  const parsers = new Map<StatsField, (raw: string) => CellResult<Rational>>();
  // In the order of STATS_FIELDS, whatever the export's column order: benchmarks list their values so.
  for (const field of STATS_FIELDS) {
    const column = table.mapped.get(field);
    if (column === undefined) continue;
    const kind = KINDS[field];
    const unit = column.unit;
    if (unit !== undefined && !UNITS_ALLOWED[kind].includes(unit)) {
      issues.push(issue('HEADER_UNIT_MISMATCH', { header: table.headers[column.index], column: field, unit }, { file: table.file, line: table.headerLine, column: column.index + 1 }));
      continue;
    }
    parsers.set(field, parserOf(kind, unit, points.get(field)));
    if (points.get(field) === 'values') {
      const mixed = smallBesideBig(table.rows, column.index);
      if (mixed) {
        const { small, big } = mixed;
        issues.push(issue('RATE_POINTS_MIXED', { column: table.headers[column.index], value: small.value, big: big.value, bigLine: big.line }, { file: table.file, line: small.line, column: column.index + 1 }));
      }
    }
  }
  return parsers;
}

/**
 * In a rate column read in percent points because of its values, the first bare value above 1 and the
 * first non-zero one at most 1: both together may be a column of fractions with one typo (`35` among
 * `0.3`s), which would turn every 0.3 into 0.3%. Then it is said, with both cells.
 */
function smallBesideBig(rows: readonly GridRow[], index: number): { small: { line: number; value: string }; big: { line: number; value: string } } | undefined {
  let small: { line: number; value: string } | undefined;
  let big: { line: number; value: string } | undefined;
  for (const row of rows) {
    const raw = (row.cells[index] ?? '').trim();
    const read = parseNumber(raw);
    if (read.kind !== 'value' || read.value.n <= 0n) continue;
    if (read.value.n <= read.value.d) small ??= { line: row.line, value: raw };
    else big ??= { line: row.line, value: raw };
    if (small && big) return { small, big };
  }
  return undefined;
}

function parserOf(kind: Kind, unit: HeaderUnit | undefined, points: PercentPoints | undefined): (raw: string) => CellResult<Rational> {
  switch (kind) {
    case 'count':
      return parseCount;
    case 'number':
      return parseNumber;
    case 'amount':
      return parseAmount;
    case 'rate':
      return points ? (raw) => parseRatePoints(raw, points) : (raw) => parseRate(raw);
    case 'ratio':
      // 答问比 is often above 1: `1.25` or `125%`.
      return (raw) => (raw.trim().endsWith('%') || unit === 'percent' ? parseRate(raw, unit === 'percent') : parseNumber(raw));
    case 'duration':
      if (unit !== 'minutes') return parseDuration;
      // A bare number in a minutes column is minutes; a text duration (`2分30秒`) says its own units.
      return (raw) => {
        const result = parseDuration(raw);
        return result.kind === 'value' && /^[\d.,\s]+$/.test(halfWidth(raw).trim()) ? { kind: 'value', value: mul(result.value, SIXTY) } : result;
      };
  }
}

/**
 * What a row of an export is by its label (the account cell, else the first): a summary row (汇总值,
 * 店铺总计…: dropped), a peer benchmark (同行同层优秀: kept), or an agent's row.
 */
export function statsRowKind(label: string): 'summary' | 'benchmark' | 'agent' {
  return SUMMARY_LABELS.has(label) ? 'summary' : BENCHMARK_LABELS.has(label) ? 'benchmark' : 'agent';
}

/** What a row is known by: its account cell, else its first cell (a summary row may leave the account blank). */
export function rowLabel(row: GridRow, accountIndex: number | undefined): string {
  return (accountIndex !== undefined ? (row.cells[accountIndex] ?? '').trim() : '') || (row.cells[0] ?? '').trim();
}

export interface ParsedStats {
  readonly rows: StatsRow[];
  readonly benchmarks: BenchmarkRow[];
  /** The fields the header gave a column. */
  readonly fields: ReadonlySet<StatsField>;
}

/** Parts that cannot exceed their whole in one row: people who paid are among those who asked, and so on. */
const PARTS: readonly (readonly [StatsField, StatsField])[] = [
  ['inquiries_paid', 'inquiries'],
  ['inquiries_ordered', 'inquiries'],
  ['received', 'consulted'],
  ['unreplied', 'consulted'],
  ['slow_received', 'received'],
];
/** Past these, a figure is no shop's month: a typo, a unit slip or a damaged file. */
const MOST: Partial<Record<Kind, Rational>> = { amount: MOST_AMOUNT, count: MOST_COUNT };

/**
 * A row's figures must be possible: none below zero, none past what a month can hold, no part above
 * its whole. A row that is not is an error at the cell, and is left out (never read as it stands).
 */
function possible(table: Table, line: number, values: Partial<Record<StatsField, Rational>>, issues: Issue[]): boolean {
  let ok = true;
  const at = (field: StatsField) => ({ file: table.file, line, column: (table.columns.get(field) ?? 0) + 1 });
  const refuse = (field: StatsField, reason_zh: string, reason_en: string) => {
    issues.push(issue('STATS_IMPOSSIBLE', { column: table.headers[table.columns.get(field) ?? 0], value: showNumber(values[field] as Rational), reason_zh, reason_en }, at(field)));
    ok = false;
  };
  for (const [field, value] of Object.entries(values) as [StatsField, Rational][]) {
    const most = MOST[KINDS[field]];
    if (value.n < 0n) refuse(field, '不会小于 0', 'is never below zero');
    else if (most && pastMost(value, most)) refuse(field, `超过 ${showNumber(most)}，不是一个月的数字`, `is past ${showNumber(most)}: no month's figure`);
  }
  for (const [part, whole] of PARTS) {
    const p = values[part];
    const w = values[whole];
    if (p !== undefined && w !== undefined && cmp(p, w) > 0) refuse(part, `大于同一行的${table.headers[table.columns.get(whole) ?? 0]}（${showNumber(w)}）`, `is more than the row's ${table.headers[table.columns.get(whole) ?? 0]} (${showNumber(w)})`);
  }
  return ok;
}

export function parseStats(grid: Grid, aliases: ExtraAliases, issues: Issue[]): ParsedStats {
  const { file } = grid;
  const rows: StatsRow[] = [];
  const benchmarks: BenchmarkRow[] = [];
  const table = readTable(grid, STATS_COLUMNS, aliases, issues);
  if (!table) return { rows, benchmarks, fields: new Set() };
  const parsers = fieldParsers(table, issues);
  for (const row of table.rows) {
    const account = cellText(table, row, 'account') ?? '';
    const label = rowLabel(row, table.columns.get('account'));
    const kind = statsRowKind(label);
    if (kind === 'summary') continue;
    const values: Partial<Record<StatsField, Rational>> = {};
    for (const [field, parser] of parsers) {
      const v = readColumn(table, row, field, parser, issues);
      if (v !== undefined) values[field] = v;
    }
    const source = { file, line: row.line };
    if (kind === 'benchmark') {
      benchmarks.push({ label, values, source });
      continue;
    }
    if (account === '') {
      // Numbers with no account would be lost without a word: say so. A row of blanks is skipped.
      if (Object.keys(values).length > 0) {
        const index = table.columns.get('account') as number;
        issues.push(issue('VALUE_REQUIRED', { column: table.headers[index] }, { file, line: row.line, column: index + 1 }));
      }
      continue;
    }
    if (!possible(table, row.line, values, issues)) continue;
    const date = readColumn(table, row, 'date', parseDate, issues);
    rows.push({ account, ...(date !== undefined ? { date } : {}), values, source });
  }
  return { rows, benchmarks, fields: new Set(STATS_FIELDS.filter((f) => table.columns.has(f))) };
}
