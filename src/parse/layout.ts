// Parse: how a grid reads as a table, for `kefu columns` and `--verbose`: which kind of table it is
// (the kind whose header maps the most), the platform export it matches, the header row taken, how
// each header mapped, the unit and window read off it, and the summary and peer rows left out. Pure.
import type { Issue } from '../core/issues.js';
import { ADJUSTMENT_COLUMNS, MESSAGE_COLUMNS, ORDER_COLUMNS, ROSTER_COLUMNS, STATS_COLUMNS, type ColumnSpec } from './aliases.js';
import { statsRowKind } from './stats.js';
import { findHeader, type ExtraAliases, type HeaderUnit } from './headers.js';
import type { Grid } from './grid.js';
import { matchProfile, nameFacts, type NameFacts } from './profiles.js';

export const TABLE_KINDS = { stats: STATS_COLUMNS, orders: ORDER_COLUMNS, messages: MESSAGE_COLUMNS, roster: ROSTER_COLUMNS, adjustments: ADJUSTMENT_COLUMNS } as const;
export type TableKind = keyof typeof TABLE_KINDS;

export interface ColumnLayout {
  readonly index: number;
  readonly header: string;
  /** The canonical column it maps to; undefined when it is ignored. */
  readonly column?: string;
  readonly unit?: HeaderUnit;
  readonly note?: string;
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
  let best: { kind: TableKind; found: NonNullable<ReturnType<typeof findHeader>>; score: number } | undefined;
  const kinds = asKind ? [asKind] : (Object.keys(TABLE_KINDS) as TableKind[]);
  for (const kind of kinds) {
    const specs: readonly ColumnSpec[] = TABLE_KINDS[kind];
    const found = findHeader(grid.rows, specs, aliases, grid.file, [] as Issue[]);
    if (!found) continue;
    const required = specs.filter((s) => s.required).length - found.map.missing.length;
    const score = (found.map.complete ? 100000 : 0) + required * 1000 + found.map.columns.size;
    if (!best || score > best.score) best = { kind, found, score };
  }
  if (!best) return undefined;
  const { kind, found } = best;
  const { map } = found;
  const byIndex = new Map([...map.mapped].map(([column, m]) => [m.index, { column, ...m }]));
  const columns: ColumnLayout[] = found.headers.map((header, index) => {
    const mapped = byIndex.get(index);
    if (mapped) return { index, header, column: mapped.column, ...(mapped.unit ? { unit: mapped.unit } : {}), ...(mapped.note ? { note: mapped.note } : {}) };
    const passed = map.passedOver.find((p) => p.index === index);
    if (passed) return { index, header, passedOverFor: map.mapped.get(passed.column)?.index ?? -1, column: passed.column };
    return { index, header };
  });
  const dropped: { line: number; label: string }[] = [];
  const benchmarks: { line: number; label: string }[] = [];
  let dataRows = 0;
  for (const row of grid.rows.slice(found.dataFrom)) {
    const account = map.columns.get('account');
    const label = ((account !== undefined ? row.cells[account]?.trim() : '') || (row.cells[0] ?? '').trim());
    const rowKind = kind === 'stats' ? statsRowKind(label) : 'agent';
    if (rowKind === 'summary') dropped.push({ line: row.line, label });
    else if (rowKind === 'benchmark') benchmarks.push({ line: row.line, label });
    else dataRows++;
  }
  const profile = matchProfile(found.headers)?.name;
  return { kind, ...(profile ? { profile } : {}), headerLines: found.lines, columns, dropped, benchmarks, dataRows, missing: map.missing, fromName: nameFacts(grid.file) };
}
