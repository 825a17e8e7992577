// Parse: a platform's per-agent performance export (SPEC §1 `stats`) → one row per account (or
// account-day), with summary rows set aside: benchmarks kept, totals and averages dropped. No I/O.
import { issue, type Issue } from '../core/issues.js';
import type { BenchmarkRow, StatsField, StatsRow } from '../core/dataset.js';
import type { Rational } from '../core/rational.js';
import { STATS_COLUMNS, SUMMARY_LABELS, BENCHMARK_LABELS } from './aliases.js';
import { readTable, readColumn, cellText, type ExtraAliases, type Table } from './table.js';
import type { Grid } from './grid.js';
import { parseAmount, parseCount, parseDate, parseDuration, parseNumber, parseRate, type CellResult } from './values.js';

/** A ratio that may be written as `125%` or `1.25` (答问比 is often above 1). */
function parseRatioOrPercent(raw: string): CellResult<Rational> {
  return raw.trim().endsWith('%') ? parseRate(raw) : parseNumber(raw);
}

function fieldParsers(table: Table): Record<StatsField, (raw: string) => CellResult<Rational>> {
  // A header that says (%) holds percent even without the sign: `转化率(%)` 23.45 is 23.45%.
  const rate = (field: StatsField) => {
    const index = table.columns.get(field);
    const percent = index !== undefined && /[%％]/.test(table.headers[index] ?? '');
    return (raw: string) => parseRate(raw, percent);
  };
  return {
    consulted: parseCount,
    received: parseCount,
    inquiries: parseCount,
    inquiries_paid: parseCount,
    cs_buyers: parseCount,
    cs_units: parseNumber,
    cs_sales: parseAmount,
    cs_refunds: parseAmount,
    conversion: rate('conversion'),
    reply_rate: rate('reply_rate'),
    satisfaction: rate('satisfaction'),
    fast_reply_rate: rate('fast_reply_rate'),
    first_response_s: parseDuration,
    avg_response_s: parseDuration,
    answer_ratio: parseRatioOrPercent,
  };
}

export interface ParsedStats {
  readonly rows: StatsRow[];
  readonly benchmarks: BenchmarkRow[];
}

export function parseStats(grid: Grid, aliases: ExtraAliases, issues: Issue[]): ParsedStats {
  const { file } = grid;
  const rows: StatsRow[] = [];
  const benchmarks: BenchmarkRow[] = [];
  const table = readTable(grid, STATS_COLUMNS, aliases, issues);
  if (!table) return { rows, benchmarks };
  const parsers = fieldParsers(table);
  for (const row of table.rows) {
    const account = cellText(table, row, 'account') ?? '';
    const label = account || (row.cells[0] ?? '').trim();
    if (SUMMARY_LABELS.has(label)) continue;
    const values: Partial<Record<StatsField, Rational>> = {};
    for (const [field, parser] of Object.entries(parsers) as [StatsField, (raw: string) => CellResult<Rational>][]) {
      const v = readColumn(table, row, field, parser, issues);
      if (v !== undefined) values[field] = v;
    }
    const source = { file, line: row.line };
    if (BENCHMARK_LABELS.has(label)) {
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
    const date = readColumn(table, row, 'date', parseDate, issues);
    rows.push({ account, ...(date !== undefined ? { date } : {}), values, source });
  }
  return { rows, benchmarks };
}
