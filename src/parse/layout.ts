// Parse: how a grid reads as a table, for `kefu columns` and `--verbose`: which kind of table it is
// (the kind whose header maps the most), the platform export it matches, the header row taken, how
// each header mapped, the unit and window read off it (and a rate column's percent points read off its
// values, by the stats reader's own rule), and the summary and peer rows left out. Pure.
import type { Issue } from '../core/model/issues.js';
import { ADJUSTMENT_COLUMNS, KEY_COLUMNS, MESSAGE_COLUMNS, ORDER_COLUMNS, ORDER_LINE_COLUMNS, ORDER_REPORT_COLUMNS, ROSTER_COLUMNS, STATS_COLUMNS, type ColumnSpec } from './aliases.js';
import { ratesInPercentPoints, rowLabel, statsRowKind } from './stats.js';
import { FACTS_COLUMNS, factColumns } from './facts.js';
import { findHeader, type ExtraAliases, type HeaderUnit } from './headers.js';
import type { Grid } from './grid.js';
import { matchProfile, nameFacts, type NameFacts } from './profiles.js';

export const TABLE_KINDS = {
  stats: STATS_COLUMNS,
  orders: ORDER_COLUMNS,
  'order-report': ORDER_REPORT_COLUMNS,
  'order-lines': ORDER_LINE_COLUMNS,
  messages: MESSAGE_COLUMNS,
  roster: ROSTER_COLUMNS,
  adjustments: ADJUSTMENT_COLUMNS,
  facts: FACTS_COLUMNS,
} as const;
export type TableKind = keyof typeof TABLE_KINDS;

export interface ColumnLayout {
  readonly index: number;
  readonly header: string;
  /** The canonical column it maps to; undefined when it is ignored. */
  readonly column?: string;
  readonly unit?: HeaderUnit;
  readonly note?: string;
  /** A rate column whose values, not its header, say it is in percent points (`99.71` for 99.71%). */
  readonly percentPoints?: true;
  /** Words only (备注) in a facts column: left out, not a metric. */
  readonly text?: true;
  /** Another header of the same column was taken instead (its index). */
  readonly passedOverFor?: number;
}

export interface Layout {
  readonly kind: TableKind;
  readonly profile?: string;
  readonly headerLines: readonly number[];
  readonly columns: readonly ColumnLayout[];
  /** Summary rows left out, and peer rows kept as benchmarks (stats). */
  readonly dropped: readonly { readonly line: number; readonly label: string }[];
  readonly benchmarks: readonly { readonly line: number; readonly label: string }[];
  readonly dataRows: number;
  readonly missing: readonly string[];
  readonly fromName: NameFacts;
}

/** The grid as the kind asked for, or as the kind whose header maps best; undefined when no header is found at all. */
export function describeGrid(grid: Grid, aliases: ExtraAliases, asKind?: TableKind): Layout | undefined {
  let best: { kind: TableKind; found: NonNullable<ReturnType<typeof findHeader>>; missing: readonly string[]; score: number } | undefined;
  const kinds = asKind ? [asKind] : (Object.keys(TABLE_KINDS) as TableKind[]);
  for (const kind of kinds) {
    const specs: readonly ColumnSpec[] = TABLE_KINDS[kind];
    const found = findHeader(grid.rows, specs, aliases, grid.file, [] as Issue[]);
    if (!found) continue;
    // Facts and adjustments need one key column of three, which no single spec requires (facts.ts keyColumn).
    const keyless = (kind === 'facts' || kind === 'adjustments') && !KEY_COLUMNS.some((key) => found.map.columns.has(key.name));
    const missing = [...found.map.missing, ...(keyless ? [KEY_COLUMNS.map((key) => key.name).join(' / ')] : [])];
    // As findHeader has it: a header that maps at most one column of a table it does not complete is none.
    if (missing.length > 0 && found.map.columns.size <= 1) continue;
    const required = specs.filter((s) => s.required).length - found.map.missing.length;
    const score = (missing.length === 0 ? 100000 : 0) + required * 1000 + found.map.columns.size;
    if (!best || score > best.score) best = { kind, found, missing, score };
  }
  if (!best) return undefined;
  const { kind, found, missing } = best;
  const { map } = found;
  const body = grid.rows.slice(found.dataFrom);
  const byIndex = new Map([...map.mapped].map(([column, m]) => [m.index, { column, ...m }]));
  const points = kind === 'stats' ? ratesInPercentPoints(map.mapped, body) : new Map<string, string>();
  // A facts table's extra columns are its metrics.
  const facts = kind === 'facts' ? new Map(factColumns(map.extras, body).map((fact) => [fact.index, fact])) : new Map<number, never>();
  const columns: ColumnLayout[] = found.headers.map((header, index) => {
    const mapped = byIndex.get(index);
    if (mapped) {
      const fromValues = points.get(mapped.column) === 'values';
      return { index, header, column: mapped.column, ...(mapped.unit ? { unit: mapped.unit } : {}), ...(mapped.note ? { note: mapped.note } : {}), ...(fromValues ? { percentPoints: true } : {}) };
    }
    const passed = map.passedOver.find((p) => p.index === index);
    if (passed) return { index, header, passedOverFor: map.mapped.get(passed.column)?.index ?? -1, column: passed.column };
    const fact = facts.get(index);
    if (fact) return fact.text ? { index, header, text: true } : { index, header, column: fact.name };
    return { index, header };
  });
  const dropped: { line: number; label: string }[] = [];
  const benchmarks: { line: number; label: string }[] = [];
  let dataRows = 0;
  for (const row of body) {
    const label = rowLabel(row, map.columns.get('account'));
    const rowKind = kind === 'stats' ? statsRowKind(label) : 'agent';
    if (rowKind === 'summary') dropped.push({ line: row.line, label });
    else if (rowKind === 'benchmark') benchmarks.push({ line: row.line, label });
    else dataRows++;
  }
  const profile = matchProfile(found.headers)?.name;
  return { kind, ...(profile ? { profile } : {}), headerLines: found.lines, columns, dropped, benchmarks, dataRows, missing, fromName: nameFacts(grid.file) };
}
