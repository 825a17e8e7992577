// CLI: the one loader every command shares. Reads the scheme first (it is validated before any data
// is read, and its `columns:` aliases apply to every table), then every input file; returns the parsed
// month and every issue found. Files are read through io/, text is parsed by parse/.
import type { Dataset } from '../core/model/dataset.js';
import { issue, type Issue } from '../core/model/issues.js';
import type { Scheme } from '../core/model/scheme.js';
import { decodeSource, fileSizes, readBytes, readRange, readSource, sheetPath, type Encoding, type TextSource } from '../io/files.js';
import { gridFromCsv, sniffFormat, type Grid, type InputFormat } from '../parse/grid.js';
import { gridFromWorkbook } from '../parse/workbook.js';
import { parseScheme } from '../parse/scheme.js';
import { checkRoster } from '../parse/roster.js';
import { addTable, emptyDataset } from '../parse/dataset.js';
import { describeGrid, type Layout, type TableKind } from '../parse/layout.js';
import { namePeriodIssue } from '../parse/profiles.js';
import { readRawFiles } from './raw-load.js';
import type { RawSource } from '../core/metrics/raw/raw-metrics.js';
import { sheetHead, sniffFile } from './workbook-stream.js';
import type { InputSpec } from './spec.js';
import type { CliIO } from './context.js';

/** A file read: its name, its format, the encoding or sheet it was read in, and for a chat log read in ranges, on how many threads. */
export interface SourceRead {
  readonly name: string;
  readonly format?: InputFormat;
  readonly encoding?: TextSource['encoding'];
  readonly sheet?: string;
  /** Every sheet of a workbook. */
  readonly sheets?: readonly string[];
  readonly threads?: number;
  /** Only the first rows of a big file were read (`kefu columns`): how many, of a file of how many bytes. */
  readonly partial?: { readonly rows: number; readonly bytes: number };
  /** Under `--verbose`, for a small table: the header row taken and how each column mapped. */
  readonly layout?: Layout;
}

/** One input table as a grid, whatever its format (CSV in any encoding, xlsx, .xls, HTML saved as .xls). */
export async function readGrid(path: string, spec: Pick<InputSpec, 'encoding' | 'sheet'>, io: CliIO, issues: Issue[], sources: SourceRead[]): Promise<Grid | undefined> {
  const source = await readBytes(path, io, issues);
  if (!source) return undefined;
  const format = sniffFormat(source.bytes);
  if (format === 'csv') {
    const text = decodeSource(source, spec.encoding, issues);
    if (!text) return undefined;
    sources.push({ name: text.name, format, encoding: text.encoding });
    return csvGrid(text, issues);
  }
  const grid = gridFromWorkbook(source.bytes, source.name, format, source.sheet ?? spec.sheet, issues);
  if (grid) sources.push({ name: source.name, format, sheets: grid.sheets, ...(grid.sheet !== undefined ? { sheet: grid.sheet } : {}) });
  return grid;
}

/** A CSV text as a grid; a UTF-8 file with a few bad bytes gives an error at each cell that holds one. */
function csvGrid(text: TextSource, issues: Issue[]): Grid | undefined {
  const grid = gridFromCsv(text.text, text.name, issues);
  if (grid && text.damaged) {
    for (const row of grid.rows) {
      row.cells.forEach((cell, i) => {
        if (cell.includes('\uFFFD')) issues.push(issue('FILE_BAD_BYTES', { value: cell }, { file: text.name, line: row.line, column: i + 1 }));
      });
    }
  }
  return grid;
}

/** Past this size `kefu columns` reads a file's first rows only: a chat log of a million rows reads as its first thousand do. */
const HEAD_BYTES = 8 << 20;
const HEAD_ROWS = 1000;

/**
 * The first rows of a big table as a grid (`kefu columns`): of an xlsx, the first HEAD_ROWS rows,
 * streamed; of a CSV, its first megabyte's whole lines. A small file, an .xls or HTML one is read whole.
 */
export async function readGridHead(path: string, spec: Pick<InputSpec, 'encoding' | 'sheet'>, io: CliIO, issues: Issue[], sources: SourceRead[]): Promise<Grid | undefined> {
  const { file, sheet } = path === '-' ? { file: path } : await sheetPath(path);
  const size = file === '-' ? 0 : (await fileSizes([file]))[0] ?? 0;
  if (size <= HEAD_BYTES) return readGrid(path, spec, io, issues, sources);
  const format = await sniffFile(file);
  if (format !== 'csv' && format !== 'xlsx') return readGrid(path, spec, io, issues, sources);
  const partial = { bytes: size };
  if (format === 'xlsx') {
    const grid = await sheetHead(file, path, sheet ?? spec.sheet, HEAD_ROWS, issues);
    if (grid) sources.push({ name: path, format, sheet: grid.sheet, sheets: grid.sheets, partial: { ...partial, rows: grid.rows.length } });
    return grid;
  }
  let head = Buffer.alloc(0);
  await readRange(file, 0, 1 << 20, (chunk) => {
    head = Buffer.concat([head, chunk]);
    return true;
  });
  const text = decodeSource({ name: path, bytes: head.subarray(0, head.lastIndexOf(0x0a) + 1) }, spec.encoding, issues);
  if (!text) return undefined;
  const grid = csvGrid(text, issues);
  if (grid) sources.push({ name: path, format, encoding: text.encoding, partial: { ...partial, rows: grid.rows.length } });
  return grid;
}

/** The scheme, read and validated (SPEC §3): undefined when it cannot be read or has errors, all of them in `issues`. */
export async function readScheme(path: string, encoding: Encoding, io: CliIO, issues: Issue[], sources: SourceRead[] = []): Promise<Scheme | undefined> {
  const source = await readSource(path, encoding, io, issues);
  if (!source) return undefined;
  sources.push({ name: source.name, encoding: source.encoding });
  if (source.damaged) {
    source.text.split('\n').forEach((line, i) => {
      const at = line.indexOf('\uFFFD');
      if (at >= 0) issues.push(issue('FILE_BAD_BYTES', { value: line.trim() }, { file: source.name, line: i + 1, column: at + 1 }));
    });
    return undefined;
  }
  const parsed = parseScheme(source.text, source.name);
  issues.push(...parsed.issues);
  return parsed.scheme;
}

export interface Loaded {
  readonly scheme?: Scheme;
  readonly dataset?: Dataset;
  readonly issues: Issue[];
  /**
   * False when a roster file could not be read at all: then every account would look unknown and
   * every fact unowned, so the month is not computed and only the reading errors are shown.
   */
  readonly rosterRead: boolean;
  readonly sources: readonly SourceRead[];
  /** The chat logs and order reports as read, when given: the month is worked out of them by the core. Dispose of it. */
  readonly raw?: RawSource & { dispose(): void };
}

/** `months`: how many months (schemes) the raw files will be worked out for (kefu compare: two). */
export async function loadInputs(spec: InputSpec, io: CliIO, months = 1): Promise<Loaded> {
  const issues: Issue[] = [];
  const sources: SourceRead[] = [];
  const scheme = await readScheme(spec.scheme, spec.encoding, io, issues, sources);
  if (!scheme) return { issues, sources, rosterRead: false };
  const aliases = scheme.columns;
  const read = async (path: string, kind: TableKind) => {
    const at = sources.length;
    const grid = await readGrid(path, spec, io, issues, sources);
    const source = sources[at];
    if (!grid || !source) return grid;
    // The layout is worked out again from the grid (a header search, no values read): only when asked.
    if (spec.verbose) {
      const layout = describeGrid(grid, aliases, kind);
      if (layout) sources[at] = { ...source, layout };
    }
    // A roster is not a month's: its name may carry any dates.
    const misnamed = kind !== 'roster' ? namePeriodIssue(grid.file, spec.period) : undefined;
    if (misnamed) issues.push(misnamed);
    return grid;
  };

  const dataset = emptyDataset();
  let rosterRead = true;
  const kinds = [['roster', spec.roster], ['stats', spec.stats], ['facts', spec.facts], ['adjustments', spec.adjustments]] as const;
  for (const [kind, paths] of kinds) {
    for (const path of paths) {
      const grid = await read(path, kind);
      const added = grid !== undefined && addTable(dataset, kind, grid, aliases, issues);
      if (kind === 'roster' && !added) rosterRead = false;
    }
    if (kind === 'roster') checkRoster(dataset.roster, issues);
  }
  const raw = spec.messages.length + spec.orders.length > 0 ? await readRawFiles({ spec, scheme, io, issues, sources }, months) : undefined;
  return { scheme, dataset, ...(raw ? { raw } : {}), issues, sources, rosterRead };
}
