// Parse: a workbook (xlsx, a legacy .xls, an HTML or XML table saved as .xls) → a grid of text cells,
// one sheet of it. Read by SheetJS (`@e965/xlsx`, the Community Edition republished with provenance):
// it reads every one of these formats, Chinese text, merges and cached formula values right. Cells
// become the text a person sees in Excel, so that one value parser serves CSV and workbooks alike:
// numbers to Excel's 15 significant digits, a percent-formatted number as `12.5%`, a date cell as
// `2026-10-01 08:00:00`, a time-of-day or duration cell as `00:02:30`. Merged cells are filled from
// their top-left cell. No I/O.
import { createRequire } from 'node:module';
import { issue, type Issue } from '../core/model/issues.js';
import { formatDay, formatTimestamp } from '../core/num/dates.js';
import type { Grid, GridRow, InputFormat } from './grid.js';

type SheetJs = typeof import('@e965/xlsx');
interface Cell {
  readonly t: 'b' | 'n' | 'e' | 's' | 'd' | 'z';
  readonly v?: unknown;
  readonly w?: string;
  readonly f?: string;
  readonly z?: string | number;
}

let sheetJs: SheetJs | undefined;
/** Loaded on the first workbook only: a month of CSV files never pays for it. (The CommonJS build brings the code pages of old .xls files.) */
function library(): SheetJs {
  sheetJs ??= createRequire(import.meta.url)('@e965/xlsx') as SheetJs;
  return sheetJs;
}

/** Names of a workbook's sheets, for `--sheet` errors and `kefu columns`. */
export interface WorkbookGrid extends Grid {
  readonly sheets: readonly string[];
}

/**
 * One sheet of a workbook as a grid: the sheet named, or the first. Undefined, with the issue, when the
 * bytes cannot be read as a workbook or the sheet does not exist.
 */
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le');

export function gridFromWorkbook(bytes: Uint8Array, file: string, format: InputFormat, sheet: string | undefined, issues: Issue[]): WorkbookGrid | undefined {
  // An encrypted xlsx is an OLE2 container too; its directory names the stream `EncryptionInfo`.
  if (format === 'xls' && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes(ENCRYPTION_INFO)) {
    issues.push(issue('XLSX_ENCRYPTED', {}, { file }));
    return undefined;
  }
  const XLSX = library();
  let book: ReturnType<SheetJs['read']> | undefined;
  let failure = '';
  // The library writes what it cannot read to the console; kefu says it once, as an issue.
  const { error: consoleError, warn, log } = console;
  console.error = console.warn = console.log = (...what: unknown[]) => {
    failure ||= what.map(String).join(' ');
  };
  try {
    book = XLSX.read(bytes, { type: 'buffer', dense: true, cellFormula: true, cellNF: true, cellDates: false, cellHTML: false, cellStyles: false });
  } catch (error) {
    failure = (error as Error).message ?? String(error);
  } finally {
    Object.assign(console, { error: consoleError, warn, log });
  }
  if (!book || book.SheetNames.length === 0) {
    issues.push(issue(format === 'xls' ? 'XLS_UNREADABLE' : 'XLSX_UNREADABLE', { reason: failure || 'no sheet found' }, { file }));
    return undefined;
  }
  const sheets = book.SheetNames;
  const name = sheet ?? sheets[0];
  const ws = name === undefined ? undefined : book.Sheets[name];
  if (name === undefined || ws === undefined) {
    issues.push(issue('SHEET_NOT_FOUND', { sheet: sheet ?? '', sheets: sheets.join(', ') }, { file }));
    return undefined;
  }
  const date1904 = Boolean(book.Workbook?.WBProps?.date1904);
  const dense = ((ws as unknown as { '!data'?: (Cell[] | undefined)[] })['!data'] ?? []) as (Cell[] | undefined)[];
  const texts: string[][] = dense.map((row) => (row ?? []).map((cell) => (cell ? cellText(cell, date1904) : '')));
  // Merged cells: every cell of the range reads as its top-left one (a group header over three columns).
  for (const merge of (ws['!merges'] ?? []) as { s: { r: number; c: number }; e: { r: number; c: number } }[]) {
    const value = texts[merge.s.r]?.[merge.s.c] ?? '';
    for (let r = merge.s.r; r <= merge.e.r; r++) {
      const row = (texts[r] ??= []);
      for (let c = merge.s.c; c <= merge.e.c; c++) if ((row[c] ?? '') === '') row[c] = value;
    }
  }
  const rows: GridRow[] = [];
  texts.forEach((cells, r) => {
    if (!cells) return;
    const filled = Array.from(cells, (cell) => cell ?? '');
    if (filled.every((cell) => cell.trim() === '')) return;
    rows.push({ line: r + 1, cells: filled });
  });
  dense.forEach((row, r) =>
    row?.forEach((cell, c) => {
      if (cell && cell.f !== undefined && cell.v === undefined) issues.push(issue('FORMULA_NO_VALUE', { formula: `=${cell.f}` }, { file, line: r + 1, column: c + 1 }));
    }),
  );
  return { file, format, sheet: name, sheets, rows };
}

/** What Excel shows in a cell, as text the value parsers read. */
function cellText(cell: Cell, date1904: boolean): string {
  const v = cell.v;
  if (v === undefined || v === null) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v;
  if (typeof v !== 'number') return cell.w ?? String(v);
  if (cell.t === 'e') return cell.w ?? '#ERROR';
  return numberCellText(v, typeof cell.z === 'string' ? cell.z : '', date1904);
}

/**
 * A number cell as Excel shows it, by its number format: a date or a time as text, a percentage as
 * `12.5%`, any other number plainly. (The streaming sheet reader uses it too: one rule for both.)
 */
export function numberCellText(v: number, format: string, date1904: boolean): string {
  const kind = formatKind(format);
  if (kind === 'date') return dateText(v, format, date1904);
  if (kind === 'percent') return `${numberText(v * 100)}%`;
  return numberText(v);
}

/** What a number format makes of a number: a date or time, a percentage, or the number itself. */
export function formatKind(format: string): 'date' | 'percent' | 'number' {
  if (format !== '' && format !== 'General' && isDateFormat(format)) return 'date';
  return /%/.test(format.replace(/"[^"]*"|\\./g, '')) ? 'percent' : 'number';
}

/** A number to Excel's 15 significant digits, written out plainly: 0.30000000000000004 is `0.3`. */
function numberText(v: number): string {
  const rounded = Number(v.toPrecision(15));
  const text = String(rounded);
  if (!/e/i.test(text)) return text;
  return rounded.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

const dateFormats = new Map<string, boolean>();
function isDateFormat(format: string): boolean {
  let known = dateFormats.get(format);
  if (known === undefined) dateFormats.set(format, (known = (library() as unknown as { SSF: { is_date(f: string): boolean } }).SSF.is_date(format)));
  return known;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * An Excel serial as text: below one day, or in an elapsed-time format (`[h]:mm:ss`), a duration
 * `HH:MM:SS`; else a date, with its time when it has one. To the second, by integer arithmetic.
 */
function dateText(serial: number, format: string, date1904: boolean): string {
  // To the nearest second (a serial is never negative); a serial is a time, not an amount of money.
  const totalSeconds = Math.floor(serial * 86400 + 0.5);
  const clock = (seconds: number) => `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
  if (serial < 1 || /\[h+\]/i.test(format)) return clock(totalSeconds);
  // Serial 25569 is 1970-01-01 (serials count from 1899-12-30, Excel's 1900 leap-day bug included); 1904 workbooks count from 1904-01-01.
  const unix = totalSeconds - (date1904 ? 24107 : 25569) * 86400;
  const dateOnly = unix % 86400 === 0 && !/[hs]/i.test(format.replace(/"[^"]*"/g, ''));
  return dateOnly ? formatDay(unix / 86400) : formatTimestamp(unix);
}
