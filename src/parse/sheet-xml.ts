// Parse: the XML parts of an xlsx, for a sheet too big to load whole (a month's chat log or order
// lines, up to Excel's 1,048,576 rows). The sheet and its shared strings arrive as text in pieces of
// any size (a piece may end in the middle of a tag; the caller decodes the bytes, so a character is
// never cut); each complete row is handed on as the text of its cells, which read as the whole-book
// reader's do (parse/workbook.ts: the same rule for numbers, dates and percentages). No I/O.
import { formatKind, numberCellText } from './workbook.js';

/** Excel's built-in number formats that change how a number reads (a date, a time, a percentage); the rest read as plain numbers. */
const BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  9: '0%', 10: '0.00%', 14: 'yyyy-mm-dd', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM',
  20: 'h:mm', 21: 'h:mm:ss', 22: 'yyyy-mm-dd h:mm', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0',
  // The East Asian date formats (年月日), dates without a time.
  ...Object.fromEntries([27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58].map((id) => [id, 'yyyy"年"m"月"d"日"'])),
  32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 55: 'h"时"mm"分"', 56: 'h"时"mm"分"ss"秒"',
};

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text as it reads: entities, and OOXML's `_x000D_` escapes of characters XML cannot hold. */
export function xmlText(raw: string): string {
  let text = raw;
  if (text.includes('&')) {
    text = text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, name: string) =>
      name[0] === '#' ? String.fromCodePoint(name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1))) : (ENTITIES[name] as string),
    );
  }
  if (text.includes('_x')) text = text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return text;
}

/** The attributes of one opening tag's text, by local name (`r:id` as `id`). */
function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const name = (m[1] as string).replace(/^.*:/, '');
    if (!found.has(name)) found.set(name, xmlText(m[2] ?? m[3] ?? ''));
  }
  return found;
}

/** Each `<name …>` (or `<prefix:name …>`) opening tag's attributes, in order. */
function tags(xml: string, name: string): Map<string, string>[] {
  return [...xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${name}(?=[\\s/>])([^>]*)>`, 'g'))].map((m) => attributes(m[1] as string));
}

export interface WorkbookPart {
  /** The sheets in the workbook's order, each with the relationship id of its part. */
  readonly sheets: readonly { readonly name: string; readonly id: string }[];
  readonly date1904: boolean;
}

export function readWorkbookPart(xml: string): WorkbookPart {
  const props = tags(xml, 'workbookPr')[0];
  const flag = props?.get('date1904');
  return {
    sheets: tags(xml, 'sheet').map((a) => ({ name: a.get('name') ?? '', id: a.get('id') ?? '' })),
    date1904: flag === '1' || flag === 'true',
  };
}

/** A package's relationships: id → the part's path (resolved against `base`, e.g. `xl/`) and type. */
export function readRelationships(xml: string, base: string): Map<string, { readonly path: string; readonly type: string }> {
  const found = new Map<string, { path: string; type: string }>();
  for (const a of tags(xml, 'Relationship')) {
    const target = a.get('Target') ?? '';
    const path = target.startsWith('/') ? target.slice(1) : `${base}${target}`;
    found.set(a.get('Id') ?? '', { path: normalise(path), type: a.get('Type') ?? '' });
  }
  return found;
}

/** `xl/worksheets/../sharedStrings.xml` → `xl/sharedStrings.xml`. */
function normalise(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** The number format of each cell style (`s="3"` is the fourth `xf` of `cellXfs`): its code, or '' for General. */
export function readCellFormats(xml: string): string[] {
  const custom = new Map<number, string>();
  for (const a of tags(xml, 'numFmt')) custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
  const xfs = /<(?:[\w.-]+:)?cellXfs\b[\s\S]*?<\/(?:[\w.-]+:)?cellXfs>/.exec(xml)?.[0] ?? '';
  return tags(xfs, 'xf').map((a) => {
    const id = Number(a.get('numFmtId') ?? 0);
    return custom.get(id) ?? BUILTIN_FORMATS[id] ?? '';
  });
}

/** The text of the `<t>` elements of a string item (`<si>`, `<is>`), rich-text runs joined, phonetic runs left out. */
function itemText(body: string): string {
  const plain = body.includes('rPh') ? body.replace(/<(?:[\w.-]+:)?rPh\b[\s\S]*?<\/(?:[\w.-]+:)?rPh>/g, '') : body;
  let text = '';
  for (const m of plain.matchAll(/<(?:[\w.-]+:)?t(?:\s[^>]*)?(?:\/>|>([^<]*)<\/(?:[\w.-]+:)?t>)/g)) text += m[1] ?? '';
  return xmlText(text);
}

/**
 * Splits XML arriving in pieces into complete elements of one name (`<row …>…</row>`, `<si>…</si>`),
 * keeping an unfinished one for the next piece. Elements of that name do not nest in these parts.
 */
class Elements {
  private rest = '';
  private open = '';
  private close = '';

  constructor(
    private readonly name: string,
    private readonly each: (tag: string, body: string) => void,
  ) {}

  push(piece: string): void {
    const text = this.rest + piece;
    if (!this.open) {
      // The prefix (`x:` in some writers' files) is the one the element's first opening tag has.
      const m = new RegExp(`<([\\w.-]+:)?${this.name}[\\s/>]`).exec(text);
      if (!m) {
        this.rest = text.slice(Math.max(0, text.length - this.name.length - 64));
        return;
      }
      this.open = `<${m[1] ?? ''}${this.name}`;
      this.close = `</${m[1] ?? ''}${this.name}>`;
    }
    let at = 0;
    for (;;) {
      let start = text.indexOf(this.open, at);
      // `<row` is not `<rowBreaks`: the name must end there.
      while (start >= 0 && !/[\s/>]/.test(text[start + this.open.length] ?? '')) start = text.indexOf(this.open, start + 1);
      if (start < 0) {
        at = Math.max(at, text.length - this.open.length);
        break;
      }
      const tagEnd = text.indexOf('>', start);
      if (tagEnd < 0) {
        at = start;
        break;
      }
      if (text[tagEnd - 1] === '/') {
        this.each(text.slice(start + this.open.length, tagEnd - 1), '');
        at = tagEnd + 1;
        continue;
      }
      const end = text.indexOf(this.close, tagEnd);
      if (end < 0) {
        at = start;
        break;
      }
      this.each(text.slice(start + this.open.length, tagEnd), text.slice(tagEnd + 1, end));
      at = end + this.close.length;
    }
    this.rest = text.slice(at);
  }
}

/** The shared strings part, read as it streams in: the strings in order. */
export class SharedStringsReader {
  readonly strings: string[] = [];
  private readonly elements = new Elements('si', (_, body) => this.strings.push(itemText(body)));

  push(piece: string): void {
    this.elements.push(piece);
  }
}

/** What the sheet reader needs besides the sheet: the shared strings, the cells' formats, the date system. */
export interface SheetContext {
  readonly strings: readonly string[];
  readonly formats: readonly string[];
  readonly date1904: boolean;
}

/** A number written as JavaScript writes it (no exponent, no needless zero): its own text to 15 digits. */
const CANONICAL_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

/**
 * The `r`, `t` and `s` of a cell's opening tag (`c r="B2" s="3" t="s"`), read by hand: a sheet of a
 * million rows has millions of cells. Anything unusual (single quotes, entities) goes to the general reader.
 */
function cellAttributes(open: string, from: number): { r: string; t: string; s: number } {
  if (open.includes("'") || open.includes('&')) {
    const a = attributes(open.slice(from));
    return { r: a.get('r') ?? '', t: a.get('t') ?? 'n', s: Number(a.get('s') ?? 0) };
  }
  let r = '';
  let t = 'n';
  let s = 0;
  let at = from;
  for (;;) {
    const eq = open.indexOf('="', at);
    if (eq < 0) break;
    const close = open.indexOf('"', eq + 2);
    if (close < 0) break;
    let start = eq;
    while (start > at && open.charCodeAt(start - 1) > 32) start--;
    const name = open.slice(start, eq);
    const value = open.slice(eq + 2, close);
    if (name === 'r') r = value;
    else if (name === 't') t = value;
    else if (name === 's') s = Number(value);
    at = close + 1;
  }
  return { r, t, s };
}

/** Column letters of a cell reference (`AB12`) → the 0-based column, or −1. */
function columnOf(reference: string): number {
  let column = 0;
  let i = 0;
  for (; i < reference.length; i++) {
    const c = reference.charCodeAt(i);
    if (c >= 65 && c <= 90) column = column * 26 + (c - 64);
    else if (c >= 97 && c <= 122) column = column * 26 + (c - 96);
    else break;
  }
  return i === 0 ? -1 : column - 1;
}

/**
 * A sheet part read as it streams in: each row with its number (1-based, as Excel shows it) and its
 * cells as text, empty cells between filled ones as ''. A formula cell saved without its value is told
 * to `noValue` with where it is, and reads as ''.
 */
export class SheetRowsReader {
  private readonly elements: Elements;
  private line = 0;
  /** Per cell style: whether its number format shows a number as itself (not a date, not a percentage). */
  private readonly plainStyles: (boolean | undefined)[] = [];

  constructor(
    private readonly context: SheetContext,
    private readonly each: (line: number, cells: string[]) => void,
    private readonly noValue: (line: number, column: number, formula: string) => void,
  ) {
    this.elements = new Elements('row', (tag, body) => this.row(tag, body));
  }

  push(piece: string): void {
    this.elements.push(piece);
  }

  private row(tag: string, body: string): void {
    const r = /\br\s*=\s*["'](\d+)["']/.exec(tag);
    this.line = r ? Number(r[1]) : this.line + 1;
    const cells: string[] = [];
    let column = -1;
    let at = 0;
    for (;;) {
      const start = body.indexOf('<', at);
      if (start < 0) break;
      const tagEnd = body.indexOf('>', start);
      if (tagEnd < 0) break;
      const open = body.slice(start + 1, tagEnd);
      const name = /^(?:[\w.-]+:)?c(?=[\s/]|$)/.exec(open);
      if (!name) {
        at = tagEnd + 1;
        continue;
      }
      const selfClosing = open.endsWith('/');
      let inner = '';
      if (selfClosing) at = tagEnd + 1;
      else {
        const close = body.indexOf(`</${name[0]}>`, tagEnd);
        inner = body.slice(tagEnd + 1, close < 0 ? body.length : close);
        at = close < 0 ? body.length : close + name[0].length + 3;
      }
      const a = cellAttributes(open, name[0].length);
      const found = a.r ? columnOf(a.r) : -1;
      column = found >= 0 ? found : column + 1;
      const text = this.cell(a.t, a.s, inner, column);
      if (text !== '') {
        while (cells.length < column) cells.push('');
        cells[column] = text;
      }
    }
    this.each(this.line, cells);
  }

  private cell(type: string, style: number, inner: string, column: number): string {
    if (type === 'inlineStr') {
      const is = /<(?:[\w.-]+:)?is>([\s\S]*?)<\/(?:[\w.-]+:)?is>/.exec(inner);
      return is ? itemText(is[1] as string) : '';
    }
    const v = /<(?:[\w.-]+:)?v>([^<]*)<\/(?:[\w.-]+:)?v>/.exec(inner)?.[1];
    if (v === undefined) {
      const formula = /<(?:[\w.-]+:)?f(?:\s[^>]*)?>([^<]*)</.exec(inner);
      if (formula) this.noValue(this.line, column + 1, `=${xmlText(formula[1] as string)}`);
      return '';
    }
    switch (type) {
      case 's':
        return this.context.strings[Number(v)] ?? '';
      case 'str':
      case 'e':
        return xmlText(v);
      case 'b':
        return v === '1' || v === 'true' ? 'true' : 'false';
      case 'd':
        // An ISO date in the cell: as the other dates read, `2026-10-01 08:00:00`.
        return xmlText(v).replace('T', ' ').replace(/(\.\d+)?(Z|[+-]\d\d:\d\d)?$/, '');
      default: {
        const format = this.context.formats[style] ?? '';
        // A plain number as Excel writes it (`2899`, `1336.9`) in a number format (`0.00` too: the
        // value is what is read, not how it shows) is already its text: most cells of a big sheet.
        let plain = this.plainStyles[style];
        if (plain === undefined) plain = this.plainStyles[style] = formatKind(format) === 'number';
        if (plain && v.length <= 15 && CANONICAL_NUMBER.test(v)) return v;
        const number = Number(v);
        return Number.isFinite(number) && v.trim() !== '' ? numberCellText(number, format, this.context.date1904) : xmlText(v);
      }
    }
  }
}
