// Parse: any input table as a grid of text cells with their line (a CSV's line, a sheet's row
// number), before any header is looked for. The file's format is told by its bytes, never by its
// name: a zip is an xlsx, an OLE2 container a legacy .xls (or an encrypted xlsx), `<` an HTML or XML
// table saved as .xls, anything else CSV text. No I/O.
import { parse as parseCsv } from 'csv-parse/sync';
import { issue, type Issue } from '../core/model/issues.js';

export interface GridRow {
  readonly line: number;
  readonly cells: readonly string[];
}

export type InputFormat = 'csv' | 'xlsx' | 'xls' | 'html';

export interface Grid {
  readonly file: string;
  readonly format: InputFormat;
  /** The sheet read, for a workbook. */
  readonly sheet?: string;
  /** The rows that hold anything: blank ones are left out. */
  readonly rows: readonly GridRow[];
}

/** What the first bytes of a file say it is. */
export function sniffFormat(bytes: Uint8Array): InputFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06)) return 'xlsx';
  // An OLE2 container: a legacy .xls, or an encrypted xlsx, which the workbook reader tells apart.
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  let p = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (p < bytes.length && p < 1024 && (bytes[p] === 0x20 || bytes[p] === 0x09 || bytes[p] === 0x0d || bytes[p] === 0x0a)) p++;
  if (bytes[p] === 0x3c) {
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1').toLowerCase();
    if (/<(?:html|table|!doctype html|\?xml|workbook)/.test(head)) return 'html';
  }
  return 'csv';
}

/** CSV text as a grid; undefined (with the issue) when the text cannot be read as CSV at all. */
export function gridFromCsv(text: string, file: string, issues: Issue[]): Grid | undefined {
  // `="0123"`, Excel's formula that keeps a number as text (淘宝's 订单编号), is the quoted text, as the
  // big tables' scanner reads it (scan.ts): the `=` before a field's opening quote is dropped.
  const plain = text.includes('="') ? text.replace(/(^|,)="/gm, '$1"') : text;
  let rows = plainCsvRows(plain);
  if (rows === undefined) {
    // Anything past plain CSV (a quoted line break, a stray quote, a bare CR): csv-parse reads it, and says what is wrong.
    let records: { record: string[]; info: { lines: number } }[];
    try {
      records = parseCsv(plain, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_RECORD }) as unknown as typeof records;
    } catch (error) {
      issues.push(malformed(text, file, error as CsvParseError));
      return undefined;
    }
    rows = records.map(({ record, info }) => {
      // csv-parse reports the line a record ends on; a quoted field may span lines.
      const inner = record.reduce((count, cell) => count + (cell.match(/\n/g)?.length ?? 0), 0);
      return { line: info.lines - inner, cells: record };
    });
  }
  rows = rows.filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
  const first = rows[0];
  if (first && first.cells[0] !== undefined) (first.cells as string[])[0] = first.cells[0].replace(/^\uFEFF/, '');
  return { file, format: 'csv', rows };
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The rows of plain CSV, as csv-parse reads them (with `bom`, `relax_column_count`, `skip_empty_lines`),
 * in a fraction of its time: fields bare or wholly quoted (`""` a quote), lines ending all in LF or all
 * in CRLF, none past MAX_RECORD. Undefined for anything else — a line break inside quotes, a quote
 * inside a bare field, text after a closing quote, an open quote, a CR of its own — which csv-parse
 * then reads (test/unit/grid.test.ts holds the two to the same rows).
 */
export function plainCsvRows(text: string): GridRow[] | undefined {
  const rows: GridRow[] = [];
  const end = text.length;
  let p = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let crlf: boolean | undefined;
  while (p < end) {
    const start = p;
    const cells: string[] = [];
    for (;;) {
      let c = text.charCodeAt(p);
      if (c === QUOTE) {
        let cell = '';
        let from = p + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) return undefined;
          const part = text.slice(from, q);
          if (part.includes('\n') || part.includes('\r')) return undefined;
          cell += part;
          if (text.charCodeAt(q + 1) === QUOTE) {
            cell += '"';
            from = q + 2;
            continue;
          }
          p = q + 1;
          break;
        }
        cells.push(cell);
        c = text.charCodeAt(p);
        if (c !== COMMA && c !== LF && c !== CR && p < end) return undefined;
      } else {
        const from = p;
        while (p < end && (c = text.charCodeAt(p)) !== COMMA && c !== LF && c !== CR) {
          if (c === QUOTE) return undefined;
          p++;
        }
        cells.push(text.slice(from, p));
      }
      if (p >= end) break;
      if (c === COMMA) {
        p++;
        continue;
      }
      break;
    }
    // The record's end: the line ending must be the file's one kind, LF or CRLF.
    if (p < end) {
      const isCrlf = text.charCodeAt(p) === CR;
      if (isCrlf && text.charCodeAt(p + 1) !== LF) return undefined;
      if (crlf === undefined) crlf = isCrlf;
      else if (crlf !== isCrlf) return undefined;
    }
    if (p - start > MAX_RECORD) return undefined;
    // An empty line (nothing between two line ends) is no record.
    if (!(cells.length === 1 && p === start)) rows.push({ line, cells });
    p += crlf ? 2 : 1;
    line++;
  }
  return rows;
}

interface CsvParseError {
  readonly code?: string;
  readonly message?: string;
  readonly lines?: number;
  readonly bytes_records?: number;
}

/** A record (a line, with its quoted line breaks) past this is no table's row: a damaged or wrong file. */
const MAX_RECORD = 1 << 20;

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
  } else if (error.code === 'CSV_MAX_RECORD_SIZE') {
    reason = { reason_zh: '这一行超过 1 MB：不是表格的一行（文件损坏或选错了文件）', reason_en: 'this line is over 1 MB: no table has such a row (a damaged file, or the wrong one)' };
  } else if (error.code === 'CSV_INVALID_CLOSING_QUOTE') {
    reason = { reason_zh: '带引号的字段里的引号要写成两个 ""', reason_en: 'a quote inside a quoted field must be written as ""' };
  }
  return issue('CSV_MALFORMED', reason, { file, ...(line ? { line } : {}) });
}
