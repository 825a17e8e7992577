// Render: grids → an xlsx workbook (Office Open XML), as bytes: one sheet per grid, its header row
// bold and frozen, its columns as wide as their text (a Chinese character counts two), numbers as
// numbers. Pure, and the bytes depend on the grids alone (zip.ts). It never recomputes a figure: a
// number cell is the CSV's text of that cell, its decimal point moved two places for a percentage,
// and its number format shows the decimals the CSV shows — so the two files cannot disagree.
import type { Grid } from './report.js';
import { NUMBER } from './csv.js';
import { columnLetter, displayWidth } from './format.js';
import { zip } from './zip.js';

export interface Sheet {
  readonly name: string;
  readonly grid: Grid;
  /** A last row in bold, such as the totals: values, not formulas. */
  readonly footer?: readonly string[];
}

/** A cell as the sheet holds it. `value` is decimal text for `<v>`, never a JS number. */
export type SheetCell =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'number'; readonly value: string; readonly format: string; readonly shown: string };

/**
 * One grid cell in a sheet: blank is no cell; the text of a number in a numeric column is that
 * number, with a format that shows it as the CSV does (`1336.90` → 1336.9 as `#,##0.00`, `35.00%` →
 * 0.35 as `0.00%`); any other text stays text (an agent id `001` keeps its zeros).
 */
export function sheetCell(text: string, numeric: boolean): SheetCell | undefined {
  if (text === '') return undefined;
  if (!numeric || !NUMBER.test(text)) return { kind: 'text', text };
  const percent = text.endsWith('%');
  const number = percent ? text.slice(0, -1) : text;
  const point = number.indexOf('.');
  const decimals = point < 0 ? 0 : number.length - point - 1;
  const fraction = decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
  return percent
    ? { kind: 'number', value: movePoint(number, -2), format: `0${fraction}%`, shown: text }
    : { kind: 'number', value: movePoint(number, 0), format: `#,##0${fraction}`, shown: grouped(number) };
}

/** Decimal text with its point moved `places` to the right (negative: left), by digits alone: "110.04", -2 → "1.1004". */
function movePoint(text: string, places: number): string {
  const negative = text.startsWith('-');
  const [whole = '', fraction = ''] = text.replace(/^[+-]/, '').split('.');
  const digits = whole + fraction;
  const at = whole.length + places;
  const padded = at < 1 ? '0'.repeat(1 - at) + digits : digits;
  const split = Math.max(at, 1);
  const head = padded.slice(0, split).replace(/^0+(?=\d)/, '');
  const tail = padded.slice(split);
  const body = tail === '' ? head : `${head}.${tail}`;
  // "-0.00" is zero: no negative zero in the sheet.
  return negative && /[1-9]/.test(digits) ? `-${body}` : body;
}

/** How `#,##0…` shows a number: "1234567.5" → "1,234,567.5". */
function grouped(text: string): string {
  const [whole = '', fraction] = text.replace(/^\+/, '').split('.');
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? withCommas : `${withCommas}.${fraction}`;
}

// Number formats Excel knows by number (ECMA-376 §18.8.30); any other gets an id from 164 up.
const BUILT_IN_FORMATS: ReadonlyMap<string, number> = new Map([
  ['General', 0],
  ['0', 1],
  ['0.00', 2],
  ['#,##0', 3],
  ['#,##0.00', 4],
  ['0%', 9],
  ['0.00%', 10],
]);
const FIRST_CUSTOM_FORMAT = 164;

/** The cell styles (xf) a workbook uses, numbered in order of first use so the bytes are stable. */
class Styles {
  private readonly formats = new Map<string, number>();
  private readonly xfs: { format: number; bold: boolean }[] = [{ format: 0, bold: false }];

  index(format: string, bold: boolean): number {
    let id = BUILT_IN_FORMATS.get(format) ?? this.formats.get(format);
    if (id === undefined) {
      id = FIRST_CUSTOM_FORMAT + this.formats.size;
      this.formats.set(format, id);
    }
    const found = this.xfs.findIndex((xf) => xf.format === id && xf.bold === bold);
    if (found >= 0) return found;
    this.xfs.push({ format: id, bold });
    return this.xfs.length - 1;
  }

  xml(): string {
    const formats = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escape(code)}"/>`);
    const xfs = this.xfs.map(
      ({ format, bold }) =>
        `<xf numFmtId="${format}" fontId="${bold ? 1 : 0}" fillId="0" borderId="0" xfId="0"${format > 0 ? ' applyNumberFormat="1"' : ''}${bold ? ' applyFont="1"' : ''}/>`,
    );
    return (
      `${XML_DECLARATION}<styleSheet xmlns="${MAIN_NS}">` +
      (formats.length > 0 ? `<numFmts count="${formats.length}">${formats.join('')}</numFmts>` : '') +
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;'));
}

/**
 * Text for a string cell. XML 1.0 cannot hold most control characters, and a carriage return would
 * be read back as a line feed, so they are written as Excel writes them, `_x0001_`, `_x000D_`; a
 * text that itself looks like such an escape has its `_` escaped (`_x005F_`). A lone surrogate
 * becomes U+FFFD, as it does in the UTF-8 of the CSV.
 */
function cellText(text: string): string {
  const coded = text
    .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
    .replace(/[\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\ufffe\uffff]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(LONE_SURROGATE, '\ufffd');
  return escape(coded);
}

/**
 * A sheet's name as Excel accepts it: at most 31 characters, none of `: \ / ? * [ ]` nor control
 * characters, not starting or ending with `'`, and unlike the names before it (case aside).
 */
function sheetName(wanted: string, taken: readonly string[], position: number): string {
  const cleaned = wanted
    .replace(/[:\\/?*[\]\u0000-\u001f\ufffe\uffff]/g, '_')
    .replace(LONE_SURROGATE, '_')
    .replace(/^'+|'+$/g, '')
    .trim();
  const base = cleaned === '' ? `Sheet${position}` : cleaned;
  const free = (name: string) => !taken.some((t) => t.toLowerCase() === name.toLowerCase());
  // Excel counts UTF-16 units; a surrogate pair is not split.
  const cut = (name: string, room: number) => {
    let out = '';
    for (const ch of name) {
      if (out.length + ch.length > room) break;
      out += ch;
    }
    return out.replace(/'+$/, '');
  };
  if (free(cut(base, 31))) return cut(base, 31);
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = cut(base, 31 - suffix.length) + suffix;
    if (free(name)) return name;
  }
}

const WIDEST_COLUMN = 50;
const COLUMN_PADDING = 2;

function worksheet(sheet: Sheet, styles: Styles): string {
  const { headers, rows, numeric } = sheet.grid;
  const boldText = styles.index('General', true);
  const widths = headers.map((h) => longestLine(h));
  const rowXml: string[] = [];
  const allRows: { cells: readonly string[]; bold: boolean }[] = [
    { cells: headers, bold: true },
    ...rows.map((cells) => ({ cells, bold: false })),
    ...(sheet.footer ? [{ cells: sheet.footer, bold: true }] : []),
  ];
  allRows.forEach(({ cells, bold }, r) => {
    const line = r + 1;
    const xml: string[] = [];
    cells.forEach((text, c) => {
      const cell = sheetCell(text, r > 0 && (numeric[c] ?? false));
      if (!cell) return;
      const ref = `${columnLetter(c)}${line}`;
      if (cell.kind === 'number') {
        const style = styles.index(cell.format, bold);
        xml.push(`<c r="${ref}" s="${style}"><v>${cell.value}</v></c>`);
        widths[c] = Math.max(widths[c] ?? 0, displayWidth(cell.shown));
      } else {
        const style = bold ? boldText : 0;
        const space = /^\s|\s$|\n/.test(cell.text) ? ' xml:space="preserve"' : '';
        xml.push(`<c r="${ref}"${style > 0 ? ` s="${style}"` : ''} t="inlineStr"><is><t${space}>${cellText(cell.text)}</t></is></c>`);
        widths[c] = Math.max(widths[c] ?? 0, longestLine(cell.text));
      }
    });
    rowXml.push(`<row r="${line}">${xml.join('')}</row>`);
  });
  const lastColumn = columnLetter(allRows.reduce((last, row) => Math.max(last, row.cells.length - 1), 0));
  const cols = widths.map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${Math.min(WIDEST_COLUMN, w + COLUMN_PADDING)}" customWidth="1"/>`);
  return (
    `${XML_DECLARATION}<worksheet xmlns="${MAIN_NS}" xmlns:r="${RELATIONSHIPS_NS}">` +
    `<dimension ref="A1:${lastColumn}${allRows.length}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols.length > 0 ? `<cols>${cols.join('')}</cols>` : '') +
    `<sheetData>${rowXml.join('')}</sheetData>` +
    '</worksheet>'
  );
}

function longestLine(text: string): number {
  return Math.max(0, ...text.split('\n').map(displayWidth));
}

/** The workbook's bytes: the sheets in order (at least one; Excel opens no workbook without). */
export function toXlsx(sheets: readonly Sheet[]): Buffer {
  if (sheets.length === 0) throw new RangeError('an xlsx workbook needs at least one sheet');
  const styles = new Styles();
  const names: string[] = [];
  for (const [i, sheet] of sheets.entries()) names.push(sheetName(sheet.name, names, i + 1));
  const worksheets = sheets.map((sheet) => worksheet(sheet, styles));
  const numbers = sheets.map((_, i) => i + 1);
  const parts: [string, string][] = [
    [
      '[Content_Types].xml',
      `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        numbers.map((n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '</Types>',
    ],
    [
      '_rels/.rels',
      `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_RELATIONSHIPS_NS}">` +
        `<Relationship Id="rId1" Type="${RELATIONSHIPS_NS}/officeDocument" Target="xl/workbook.xml"/>` +
        '</Relationships>',
    ],
    [
      'xl/workbook.xml',
      `${XML_DECLARATION}<workbook xmlns="${MAIN_NS}" xmlns:r="${RELATIONSHIPS_NS}"><sheets>` +
        numbers.map((n, i) => `<sheet name="${escape(names[i] as string)}" sheetId="${n}" r:id="rId${n}"/>`).join('') +
        '</sheets></workbook>',
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_RELATIONSHIPS_NS}">` +
        numbers.map((n) => `<Relationship Id="rId${n}" Type="${RELATIONSHIPS_NS}/worksheet" Target="worksheets/sheet${n}.xml"/>`).join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="${RELATIONSHIPS_NS}/styles" Target="styles.xml"/>` +
        '</Relationships>',
    ],
    ['xl/styles.xml', styles.xml()],
    ...worksheets.map((xml, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, xml]),
  ];
  return zip(parts.map(([name, xml]) => ({ name, data: Buffer.from(xml, 'utf8') })));
}
