// Parse: CSV text → header-mapped rows with their line numbers, via csv-parse. Maps headers through the
// alias table (and the scheme's `columns:`), reports missing required columns with the headers found,
// and turns a bad cell into an issue at file:line:col. No I/O: tests feed it inline text.
import { parse as parseCsv } from 'csv-parse/sync';
import { issue, type Issue, type Source } from '../core/issues.js';
import type { CellResult } from './values.js';
import type { ColumnSpec } from './aliases.js';
import { mapHeaders, type ExtraAliases } from './headers.js';

export interface TableRow {
  readonly line: number;
  readonly cells: readonly string[];
}

export interface Table {
  readonly file: string;
  readonly headers: readonly string[];
  /** Canonical column name → field index. */
  readonly columns: ReadonlyMap<string, number>;
  /** Headers that matched no known column, with their field index (facts columns, ignored extras). */
  readonly extras: readonly { readonly header: string; readonly index: number }[];
  readonly rows: readonly TableRow[];
}

export type { ExtraAliases };

/** Parse CSV text; undefined (with the issue) when the text cannot be read as a table at all. */
export function readTable(
  text: string,
  file: string,
  specs: readonly ColumnSpec[],
  extraAliases: ExtraAliases,
  issues: Issue[],
): Table | undefined {
  if (text.trim() === '') {
    issues.push(issue('FILE_EMPTY', {}, { file }));
    return undefined;
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    issues.push(malformed(text, file, error as CsvParseError));
    return undefined;
  }
  const [head, ...body] = records;
  if (!head) {
    issues.push(issue('FILE_EMPTY', {}, { file }));
    return undefined;
  }
  const headers = head.record.map((h) => h.replace(/^\uFEFF/, '').trim());

  const { columns, extras, complete } = mapHeaders(headers, specs, extraAliases, file, issues);
  if (!complete) return undefined;

  const rows: TableRow[] = [];
  let dataRecords = 0;
  for (const { record, info } of body) {
    // csv-parse reports the line a record ends on; a quoted field may span lines.
    const inner = record.reduce((count, cell) => count + (cell.match(/\n/g)?.length ?? 0), 0);
    const line = info.lines - inner;
    if (record.every((cell) => cell.trim() === '')) continue;
    dataRecords++;
    if (record.length !== headers.length) {
      // A trailing empty field from a stray comma is harmless; anything else shifts columns.
      const extraCells = record.slice(headers.length);
      if (!(record.length > headers.length && extraCells.every((c) => c.trim() === ''))) {
        issues.push(issue('CSV_FIELD_COUNT', { expected: headers.length, got: record.length }, { file, line }));
        continue;
      }
    }
    rows.push({ line, cells: record });
  }
  if (dataRecords === 0) issues.push(issue('NO_DATA_ROWS', {}, { file }));
  return { file, headers, columns, extras, rows };
}

interface CsvParseError {
  readonly code?: string;
  readonly message?: string;
  readonly lines?: number;
  readonly bytes_records?: number;
}

/** csv-parse's error in the user's words, at the line where the broken record starts. */
function malformed(text: string, file: string, error: CsvParseError): Issue {
  let line = error.lines;
  let reason = { reason_zh: error.message ?? String(error), reason_en: error.message ?? String(error) };
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    // csv-parse names the last line it read; the quote was opened in the record after the last good one.
    if (error.bytes_records !== undefined) {
      const before = Buffer.from(text, 'utf8').subarray(0, error.bytes_records).toString('utf8');
      line = (before.match(/\n/g)?.length ?? 0) + 1;
    }
    reason = { reason_zh: '此行打开的引号没有闭合', reason_en: 'a quote opened on this line is never closed' };
  } else if (error.code === 'CSV_INVALID_CLOSING_QUOTE') {
    reason = { reason_zh: '带引号的字段里的引号要写成两个 ""', reason_en: 'a quote inside a quoted field must be written as ""' };
  }
  return issue('CSV_MALFORMED', reason, { file, ...(line ? { line } : {}) });
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
  if (result.kind === 'bad') issues.push(issue(result.code, params, cellSource(table, row, index)));
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
