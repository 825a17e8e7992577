// CLI: a big table (the chat log, the order lines) that comes as a workbook, fed to its reader as the
// CSV it would have been. An xlsx is streamed: the sheet is inflated and read a piece at a time, so a
// sheet of a million rows never sits in memory (its shared strings do); a legacy .xls or an HTML
// table is read whole (an .xls holds at most 65,536 rows). The CSV keeps the sheet's numbering: row n
// is line n, column k is field k, so an issue's place is the cell's.
import { open as openFile, readFile } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { spillIssue } from '../io/buckets.js';
import { issue, moreIssues, SHOWN_PER_CODE, type Issue } from '../core/model/issues.js';
import { ZipFile } from '../io/unzip.js';
import { sniffFormat, type Grid, type GridRow, type InputFormat } from '../parse/grid.js';
import { readCellFormats, readRelationships, readWorkbookPart, SharedStringsReader, SheetRowsReader } from '../parse/sheet-xml.js';
import { gridFromWorkbook } from '../parse/workbook.js';

/** Rows written as CSV, to be handed to a big table's reader a chunk of about this many characters at a time. */
const CHUNK_CHARS = 1 << 18;

/** Where the rows go: CSV bytes, chunk by chunk, the last one flagged. */
type CsvPush = (chunk: Uint8Array, last: boolean) => void;

/** Turns rows into CSV text with the sheet's numbering, and pushes it on in chunks. */
class CsvOut {
  private parts: string[] = [];
  private chars = 0;
  private line = 0;

  constructor(private readonly push: CsvPush) {}

  row(line: number, cells: readonly string[]): void {
    // The lines between (blank rows) as empty lines, which the CSV reader counts and skips.
    let text = line > this.line + 1 ? '\n'.repeat(line - this.line - 1) : '';
    this.line = line;
    text += cells.map(csvField).join(',');
    text += '\n';
    this.parts.push(text);
    this.chars += text.length;
    if (this.chars >= CHUNK_CHARS) this.flush(false);
  }

  flush(last: boolean): void {
    this.push(Buffer.from(this.parts.join(''), 'utf8'), last);
    this.parts = [];
    this.chars = 0;
  }
}

/**
 * A cell as a CSV field. A line break inside a cell reads as a space: one sheet row stays one line, so
 * lines keep the sheet's row numbers (the names, times and amounts a big table is read for have none).
 */
function csvField(cell: string): string {
  const text = /[\r\n]/.test(cell) ? cell.replace(/\r\n|[\r\n]/g, ' ') : cell;
  return /[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * What a file is, by its first 4 KiB, read without loading a big file. A file that cannot be opened
 * is taken for CSV, whose reader says why.
 */
export async function sniffFile(path: string): Promise<InputFormat> {
  try {
    const file = await openFile(path, 'r');
    try {
      const head = Buffer.alloc(4096);
      const { bytesRead } = await file.read(head, 0, head.length, 0);
      return sniffFormat(head.subarray(0, bytesRead));
    } finally {
      await file.close();
    }
  } catch {
    return 'csv';
  }
}

export interface WorkbookStreamed {
  readonly sheet: string;
  readonly sheets: readonly string[];
}

/**
 * One sheet of a workbook (the sheet named, or the first) into `push` as CSV. Undefined, with the
 * issue, when the file cannot be read as a workbook or has no such sheet.
 */
export async function streamWorkbook(
  file: string,
  name: string,
  format: Exclude<InputFormat, 'csv'>,
  sheet: string | undefined,
  push: CsvPush,
  issues: Issue[],
): Promise<WorkbookStreamed | undefined> {
  const out = new CsvOut(push);
  if (format !== 'xlsx') {
    const grid = gridFromWorkbook(await readFile(file), name, format, sheet, issues);
    if (!grid) return undefined;
    for (const row of grid.rows) out.row(row.line, row.cells);
    out.flush(true);
    return { sheet: grid.sheet ?? '', sheets: grid.sheets };
  }
  const read = await sheetRows(file, name, sheet, (line, cells) => out.row(line, cells), issues);
  if (read) out.flush(true);
  return read;
}

/** The first `count` rows that hold anything of an xlsx sheet, as a grid; the rest is never inflated. */
export async function sheetHead(file: string, name: string, sheet: string | undefined, count: number, issues: Issue[]): Promise<(Grid & WorkbookStreamed) | undefined> {
  const rows: GridRow[] = [];
  const read = await sheetRows(file, name, sheet, (line, cells) => {
    if (cells.some((cell) => cell.trim() !== '')) rows.push({ line, cells });
    return rows.length < count;
  }, issues);
  return read && { file: name, format: 'xlsx', ...read, rows };
}

/** Thrown from a row callback to stop reading a sheet early. */
const STOP = Symbol('stop');

/**
 * The rows of one sheet of an xlsx, streamed: each with its row number, until the end or until `each`
 * returns false. Undefined, with the issue, when the file cannot be read or has no such sheet.
 */
async function sheetRows(
  file: string,
  name: string,
  sheet: string | undefined,
  each: (line: number, cells: string[]) => boolean | void,
  issues: Issue[],
): Promise<WorkbookStreamed | undefined> {
  const unreadable = (reason: string) => {
    issues.push(issue('XLSX_UNREADABLE', { reason }, { file: name }));
    return undefined;
  };
  let zip: ZipFile;
  try {
    zip = await ZipFile.open(file);
  } catch (error) {
    return unreadable((error as Error).message);
  }
  try {
    const text = async (path: string) => {
      const entry = zip.entry(path);
      return entry ? (await zip.read(entry)).toString('utf8') : undefined;
    };
    const root = readRelationships((await text('_rels/.rels')) ?? '', '');
    const bookPath = [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.path ?? 'xl/workbook.xml';
    const base = bookPath.slice(0, bookPath.lastIndexOf('/') + 1);
    const book = readWorkbookPart((await text(bookPath)) ?? '');
    const relations = readRelationships((await text(`${base}_rels/${bookPath.slice(base.length)}.rels`)) ?? '', base);
    const sheets = book.sheets.map((s) => s.name);
    if (sheets.length === 0) return unreadable('no sheet found');
    const wanted = sheet === undefined ? book.sheets[0] : book.sheets.find((s) => s.name === sheet);
    if (!wanted) {
      issues.push(issue('SHEET_NOT_FOUND', { sheet: sheet ?? '', sheets: sheets.join(', ') }, { file: name }));
      return undefined;
    }
    const part = relations.get(wanted.id);
    const entry = part && zip.entry(part.path);
    if (!entry) return unreadable(`the sheet ${wanted.name} has no part in the file`);
    const partOf = (type: string, fallback: string) => [...relations.values()].find((r) => r.type.endsWith(type))?.path ?? fallback;
    const strings = new SharedStringsReader();
    const stringsEntry = zip.entry(partOf('/sharedStrings', `${base}sharedStrings.xml`));
    if (stringsEntry) await streamText(zip, stringsEntry, (piece) => strings.push(piece));
    const formats = readCellFormats((await text(partOf('/styles', `${base}styles.xml`))) ?? '');
    let noValue = 0;
    const rows = new SheetRowsReader(
      { strings: strings.strings, formats, date1904: book.date1904 },
      (line, cells) => {
        if (each(line, cells) === false) throw STOP;
      },
      (line, column, formula) => {
        if (++noValue <= SHOWN_PER_CODE) issues.push(issue('FORMULA_NO_VALUE', { formula }, { file: name, line, column }));
      },
    );
    try {
      await streamText(zip, entry, (piece) => rows.push(piece));
    } catch (error) {
      if (error !== STOP) throw error;
    }
    if (noValue > SHOWN_PER_CODE) issues.push(moreIssues(name, 'FORMULA_NO_VALUE', noValue - SHOWN_PER_CODE));
    return { sheet: wanted.name, sheets };
  } catch (error) {
    const spilled = spillIssue(error);
    if (!spilled) return unreadable((error as Error).message);
    issues.push(spilled);
    return undefined;
  } finally {
    await zip.close();
  }
}

/** An entry's bytes as UTF-8 text in pieces; a character cut between two chunks is carried to the next. */
async function streamText(zip: ZipFile, entry: Parameters<ZipFile['stream']>[0], use: (piece: string) => void): Promise<void> {
  const decoder = new StringDecoder('utf8');
  await zip.stream(entry, (chunk) => use(decoder.write(chunk)));
  use(decoder.end());
}
