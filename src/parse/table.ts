// Parse: a grid (CSV or a workbook's sheet) → header-mapped rows with their line numbers. Finds the
// header below title rows (over one row or two), maps it through the alias table (and the scheme's
// `columns:`), reports missing required columns with the headers found, and turns a bad cell into an
// issue at file:line:col. No I/O: tests feed it inline text.
import { issue, type Issue, type Source } from '../core/model/issues.js';
import { INVISIBLE_ALL, type CellResult } from './values.js';
import { normalizeHeader, type ColumnSpec } from './aliases.js';
import { nearest } from '../core/model/suggest.js';
import { findHeader, HEADER_SEARCH_ROWS, type ExtraAliases, type MappedColumn } from './headers.js';
import type { Grid, GridRow } from './grid.js';

export type TableRow = GridRow;

export interface Table {
  readonly file: string;
  readonly headers: readonly string[];
  /** The header's line (the lower one, when a group row stands above the field names). */
  readonly headerLine: number;
  /** Canonical column name → field index. */
  readonly columns: ReadonlyMap<string, number>;
  /** Canonical column name → its field, the unit and the note its header states. */
  readonly mapped: ReadonlyMap<string, MappedColumn>;
  /** Headers that matched no known column, with their field index (facts columns, ignored extras). */
  readonly extras: readonly { readonly header: string; readonly index: number }[];
  readonly rows: readonly TableRow[];
}

export type { ExtraAliases };

/**
 * Find the header of a grid and map it; undefined (with the issue) when the grid cannot be read as a
 * table. `extrasAreData`: the headers that match no column are data of their own (a facts table's
 * metrics), not columns to warn about.
 */
export function readTable(grid: Grid, specs: readonly ColumnSpec[], extraAliases: ExtraAliases, issues: Issue[], extrasAreData = false): Table | undefined {
  const { file } = grid;
  if (grid.rows.length === 0) {
    issues.push(issue('FILE_EMPTY', {}, { file }));
    return undefined;
  }
  const found = findHeader(grid.rows, specs, extraAliases, file, issues);
  if (!found) {
    const seen = grid.rows.slice(0, 5).map((row) => `${row.line}: ${row.cells.filter((c) => c.trim() !== '').slice(0, 8).join(', ')}`);
    const required = specs.filter((s) => s.required);
    const wanted = (required.length > 0 ? required : specs.slice(0, 3)).map((s) => `${s.name} (${s.aliases.slice(0, 3).join(' / ')})`);
    issues.push(issue('HEADER_NOT_FOUND', { rows: HEADER_SEARCH_ROWS, seen: seen.join(' | '), wanted: wanted.join('; ') }, { file }));
    return undefined;
  }
  const { headers, map } = found;
  if (!map.complete) return undefined;

  const rows: TableRow[] = [];
  const body = grid.rows.slice(found.dataFrom);
  for (const row of body) {
    const record = row.cells;
    if (grid.format === 'csv' && record.length !== headers.length) {
      // A trailing empty field from a stray comma is harmless; anything else shifts columns.
      const extraCells = record.slice(headers.length);
      if (!(record.length > headers.length && extraCells.every((c) => c.trim() === ''))) {
        issues.push(issue('CSV_FIELD_COUNT', { expected: headers.length, got: record.length }, { file, line: row.line }));
        continue;
      }
    }
    rows.push(row);
  }
  if (body.length === 0) issues.push(issue('NO_DATA_ROWS', {}, { file }));
  const headerLine = found.lines[found.lines.length - 1] as number;
  if (!extrasAreData) warnNearHeaders(map.extras, specs, map.columns, extraAliases, { file, line: headerLine }, issues);
  return { file, headers, headerLine, columns: map.columns, mapped: map.mapped, extras: map.extras, rows };
}

/** The place of one cell, for issues: field numbers count from 1 as a spreadsheet's columns do. */
export function cellSource(table: Table, row: TableRow, index: number): Source {
  return { file: table.file, line: row.line, column: index + 1 };
}

export function cellText(table: Table, row: TableRow, column: string): string | undefined {
  const index = table.columns.get(column);
  return index === undefined ? undefined : (row.cells[index] ?? '').trim();
}

/**
 * Read one cell with a value parser. A bad value becomes an issue quoting the value and the header;
 * `延迟统计` becomes a warning; both give undefined, as does a blank.
 */
export function readCell<T>(
  table: Table,
  row: TableRow,
  index: number,
  parser: (raw: string) => CellResult<T>,
  issues: Issue[],
): T | undefined {
  const raw = row.cells[index] ?? '';
  const result = parser(raw);
  if (result.kind === 'value') return result.value;
  const params = { value: raw.trim(), column: table.headers[index] };
  if (result.kind === 'bad') issues.push(issue(result.code, { ...params, ...result.params }, cellSource(table, row, index)));
  else if (result.unsettled) issues.push(issue('VALUE_UNSETTLED', params, cellSource(table, row, index)));
  return undefined;
}

export function readColumn<T>(
  table: Table,
  row: TableRow,
  column: string,
  parser: (raw: string) => CellResult<T>,
  issues: Issue[],
): T | undefined {
  const index = table.columns.get(column);
  return index === undefined ? undefined : readCell(table, row, index, parser, issues);
}

/**
 * A header that matches no column but is close to one the table lacks — one character off (成功退款金),
 * or a known header with control or invisible characters stuck to it (damaged in transfer) — is most
 * likely that column renamed or damaged; it is ignored, which may change pay without a word, so it is
 * a warning with the column it is near. Only one edit: platform exports hold many real columns two
 * edits from each other (有效接待人数, 售前接待人数).
 */
function warnNearHeaders(extras: Table['extras'], specs: readonly ColumnSpec[], columns: ReadonlyMap<string, number>, extraAliases: ExtraAliases, at: Source, issues: Issue[]): void {
  const lacking = specs.filter((s) => !columns.has(s.name)).flatMap((s) => [s.name, ...s.aliases, ...(extraAliases.get(s.name) ?? [])].map((alias) => ({ alias, key: normalizeHeader(alias) })));
  if (lacking.length === 0) return;
  for (const extra of extras) {
    const raw = normalizeHeader(extra.header);
    const key = raw.replace(INVISIBLE_ALL, '');
    if (key === '') continue;
    const damaged = key !== raw ? lacking.find((l) => l.key.length >= 2 && key.includes(l.key)) : undefined;
    const closest = nearest(key, lacking.map((l) => l.key), 1);
    const near = damaged?.alias ?? lacking.find((l) => l.key === closest)?.alias;
    if (near) issues.push(issue('HEADER_NEAR_KNOWN', { header: extra.header, known: near }, { ...at, column: extra.index + 1 }));
  }
}
