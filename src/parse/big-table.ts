// Parse: what the chat log and order readers share on top of the fast scanner — the header mapped
// through the alias table, field access without decoding what is not needed, timestamps read straight
// from bytes, names interned by their bytes, and issues capped per code so that a file with a million
// bad rows still gives a readable report. No I/O.
import { issue, moreIssues, SHOWN_PER_CODE, type Issue, type IssueParams } from '../core/model/issues.js';
import type { IssueCode } from '../core/model/issue-texts.js';
import { daysFromCivil } from '../core/num/dates.js';
import type { Interner } from '../core/metrics/raw/raw.js';
import type { ColumnSpec } from './aliases.js';
import { HEADER_SEARCH_ROWS, mapHeaders, type HeaderMap } from './headers.js';
import { CsvScanner, fieldText, type ScanHandler, type ScanProblem } from './scan.js';
import { ByteNames } from './byte-names.js';
import { exactFen } from '../core/num/money.js';
import { parseAmount, parseDateTime } from './values.js';
import type { ExtraAliases } from './table.js';

/**
 * Digits, an optional point and at most `decimals` decimals, as an integer scaled by 10^decimals; NaN
 * otherwise, and NaN past 15 digits, so that what this returns is always exact (below 2^53): longer
 * numbers go to the general parser, which checks the bound.
 */
export function plainDecimal(bytes: Buffer, start: number, end: number, decimals: number): number {
  let value = 0;
  let digits = 0;
  let after = -1;
  let p = start;
  for (; p < end; p++) {
    const c = bytes[p] as number;
    if (c >= 0x30 && c <= 0x39) {
      if (after >= 0 && ++after > decimals) return NaN;
      value = value * 10 + (c - 0x30);
      digits++;
    } else if (c === 0x2e && after < 0) after = 0;
    else return NaN;
  }
  const scale = decimals - Math.max(after, 0);
  if (p === start || after === 0 || digits + scale > 15) return NaN;
  return value * 10 ** scale;
}

export type FileEncoding = 'utf-8' | 'gb18030';

export abstract class BigTableReader implements ScanHandler {
  readonly scanner: CsvScanner;
  protected index = new Map<string, number>();
  private headers: string[] | undefined;
  /** While the header is looked for: the rows tried, and the one that mapped the most so far. */
  private headerTries = 0;
  private nearest: { headers: string[]; mapped: HeaderMap; found: Issue[]; score: number } | undefined;
  private failed = false;
  private needed = 0;
  rows = 0;
  private readonly shown = new Map<IssueCode, number>();
  private readonly hidden = new Map<IssueCode, number>();
  /** Per field index: its names by their bytes, decoded once. */
  private readonly byBytes: (ByteNames | undefined)[] = [];
  private readonly dayCache = new Map<number, number>();
  private readonly lastDate = new Uint8Array(10);
  private lastDateDay = 0;

  /** `HH:MM[:SS]` from bytes[from, end) as seconds after midnight, or −1. */
  private clock(bytes: Buffer, from: number, end: number): number {
    let p = from;
    let h = 0;
    let digits = 0;
    while (p < end && digits < 2 && (bytes[p] as number) >= 0x30 && (bytes[p] as number) <= 0x39) {
      h = h * 10 + (bytes[p] as number) - 0x30;
      p++;
      digits++;
    }
    if (digits === 0 || bytes[p] !== 0x3a || end - p < 3) return -1;
    const two = (at: number) => ((bytes[at] as number) - 0x30) * 10 + ((bytes[at + 1] as number) - 0x30);
    const isDigit = (at: number) => (bytes[at] as number) >= 0x30 && (bytes[at] as number) <= 0x39;
    if (!isDigit(p + 1) || !isDigit(p + 2)) return -1;
    const m = two(p + 1);
    let s = 0;
    p += 3;
    if (p < end) {
      if (bytes[p] !== 0x3a || end - p !== 3 || !isDigit(p + 1) || !isDigit(p + 2)) return -1;
      s = two(p + 1);
      p += 3;
    }
    return p === end && h < 24 && m < 60 && s < 60 ? h * 3600 + m * 60 + s : -1;
  }
  private readonly fileIssues: Issue[] = [];

  constructor(
    readonly file: string,
    private readonly specs: readonly ColumnSpec[],
    private readonly aliases: ExtraAliases,
    /** Changed only from all-ASCII UTF-8 to GB18030, where the ASCII before reads the same (io/files.ts). */
    public encoding: FileEncoding,
  ) {
    this.scanner = new CsvScanner(this);
  }

  /** One data row; field i of the mapped columns is at `starts[i]`…`ends[i]`. */
  protected abstract row(bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, line: number): void;

  record(bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, count: number, line: number): void {
    if (this.failed) return;
    if (!this.headers) {
      this.readHeader(bytes, starts, ends, quoted, count, line);
      return;
    }
    if (count < this.needed) {
      this.report('CSV_FIELD_COUNT', { expected: this.headers.length, got: count }, line);
      return;
    }
    this.rows++;
    this.row(bytes, starts, ends, quoted, line);
  }

  problem(problem: ScanProblem, line: number): void {
    const reason =
      problem === 'unclosed-quote'
        ? { reason_zh: '此行打开的引号没有闭合', reason_en: 'a quote opened on this line is never closed' }
        : problem === 'invalid-closing-quote'
          ? { reason_zh: '带引号的字段里的引号要写成两个 ""', reason_en: 'a quote inside a quoted field must be written as ""' }
          : { reason_zh: '不带引号的字段里出现了引号：整个字段要用引号括起来', reason_en: 'a quote inside an unquoted field: put the whole field in quotes' };
    this.report('CSV_MALFORMED', reason, line);
  }

  /**
   * The header: the first record that has every required column, among the first rows (title rows and
   * a date range above it are passed over, as in the small tables). When none of them has, the one
   * that came nearest is the header, and its missing columns are the file's issues.
   */
  private readHeader(bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, count: number, line: number): void {
    const headers: string[] = [];
    for (let i = 0; i < count; i++) headers.push(fieldText(bytes, starts[i] as number, ends[i] as number, quoted[i] as number, this.encoding).trim());
    const found: Issue[] = [];
    const mapped = mapHeaders(headers, this.specs, this.aliases, this.file, found, line);
    const score = (mapped.complete ? 1e6 : 0) + (this.specs.length - mapped.missing.length) * 1000 + mapped.columns.size;
    if (!this.nearest || score > this.nearest.score) this.nearest = { headers, mapped, found, score };
    if (!mapped.complete && ++this.headerTries < HEADER_SEARCH_ROWS) return;
    this.takeHeader();
  }

  /** The nearest header so far becomes the file's: at a complete one, after the rows searched, or at the end of a short file. */
  private takeHeader(): void {
    const { headers, mapped, found } = this.nearest as NonNullable<typeof this.nearest>;
    this.headers = headers;
    this.fileIssues.push(...found);
    this.index = new Map(mapped.columns);
    this.failed = !mapped.complete;
    this.needed = Math.max(0, ...this.index.values()) + 1;
    this.scanner.setWanted(this.needed);
    if (!this.failed) this.columnsFound();
  }

  /** Called once the header is read: subclasses look their column indexes up here, once. */
  protected abstract columnsFound(): void;

  /** About how many rows the file will keep: columns are sized for them at once. */
  abstract expect(rows: number): void;

  /** Rows kept so far (a chat log drops its robot's messages). */
  abstract get kept(): number;

  /** The field index of a column, or −1 when the file does not have it. */
  protected column(name: string): number {
    return this.index.get(name) ?? -1;
  }

  /**
   * What this reader found, for a reader of one part of a file (another thread's): the issues shown
   * and how many more of each code were not, to be capped again over the whole file.
   */
  issueState(): { shown: Issue[]; hidden: [IssueCode, number][] } {
    return { shown: [...this.fileIssues], hidden: [...this.hidden] };
  }

  /** Issues of this file: the first few of each code, then one line saying how many more. */
  issues(): Issue[] {
    // A file that ended while the header was still looked for: the nearest row was its header.
    if (this.headers === undefined && this.nearest) this.takeHeader();
    const more = [...this.hidden].map(([code, count]) => moreIssues(this.file, code, count));
    if (this.headers === undefined && !this.failed) return [...this.fileIssues, issue('FILE_EMPTY', {}, { file: this.file })];
    if (this.headers !== undefined && this.rows === 0 && !this.failed && this.fileIssues.length === 0) {
      return [issue('NO_DATA_ROWS', {}, { file: this.file })];
    }
    return [...this.fileIssues, ...more];
  }

  get readable(): boolean {
    return this.headers !== undefined && !this.failed;
  }

  protected report(code: IssueCode, params: IssueParams, line: number, column?: number): void {
    const shown = this.shown.get(code) ?? 0;
    if (shown >= SHOWN_PER_CODE) {
      this.hidden.set(code, (this.hidden.get(code) ?? 0) + 1);
      return;
    }
    this.shown.set(code, shown + 1);
    this.fileIssues.push(issue(code, params, { file: this.file, line, ...(column !== undefined && column >= 0 ? { column: column + 1 } : {}) }));
  }

  /** An amount cell in integer fen: `1234.56` from the bytes; `¥1,234.56` and the like by the general parser. */
  protected fen(bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, i: number, line: number, required: boolean): number | undefined {
    const fast = plainDecimal(bytes, starts[i] as number, ends[i] as number, 2);
    if (!Number.isNaN(fast)) return fast;
    const raw = this.text(bytes, starts, ends, quoted, i);
    const parsed = parseAmount(raw);
    if (parsed.kind === 'missing') {
      if (!required) return 0;
      this.report('VALUE_REQUIRED', { column: this.header(i) }, line, i);
      return undefined;
    }
    const fen = parsed.kind === 'value' ? exactFen(parsed.value) : undefined;
    if (fen === undefined) {
      this.report('VALUE_BAD_AMOUNT', { value: raw, column: this.header(i), ...(parsed.kind === 'bad' ? parsed.params : {}) }, line, i);
      return undefined;
    }
    // Amounts are held as whole fen in doubles: exact only below 2^53.
    if (fen > BigInt(Number.MAX_SAFE_INTEGER) || fen < -BigInt(Number.MAX_SAFE_INTEGER)) {
      this.report('VALUE_TOO_LARGE', { value: raw, column: this.header(i) }, line, i);
      return undefined;
    }
    return Number(fen);
  }

  /** Whether field i is empty or only spaces (read from the bytes: no decoding on the hot path). */
  protected blank(bytes: Buffer, starts: Int32Array, ends: Int32Array, i: number): boolean {
    for (let p = starts[i] as number; p < (ends[i] as number); p++) if (bytes[p] !== 0x20 && bytes[p] !== 0x09) return false;
    return true;
  }

  /** The file's own header of a field, for messages. */
  protected header(i: number): string {
    return this.headers?.[i] ?? String(i + 1);
  }

  protected text(bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, i: number): string {
    if (i < 0) return '';
    return fieldText(bytes, starts[i] as number, ends[i] as number, quoted[i] as number, this.encoding).trim();
  }

  /** The id of the name in a column, decoding its bytes only the first time they are seen. */
  protected intern(interner: Interner, bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, i: number): number {
    const start = starts[i] as number;
    const end = ends[i] as number;
    let names = this.byBytes[i];
    if (!names) {
      const decode = (b: Uint8Array, s: number, e: number) => fieldText(b, s, e, quoted[i] as number, this.encoding).trim();
      this.byBytes[i] = names = new ByteNames(interner, decode);
    }
    // A quoted name with a doubled quote inside is rare: decode it every time rather than mix it up.
    if (quoted[i] === 2) return interner.id(fieldText(bytes, start, end, 2, this.encoding).trim());
    return names.id(bytes, start, end);
  }

  /**
   * The id of a name kept by its UTF-8 bytes (buyers, order ids): a UTF-8 field is looked up as it is,
   * spaces at either end left out; a GBK field, or one with a doubled quote, is decoded and re-encoded.
   */
  protected internBytes(names: ByteNames, bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, i: number): number {
    this.nameKey(bytes, starts, ends, quoted, i);
    return names.id(this.key.bytes, this.key.start, this.key.end);
  }

  /** The last name key found by nameKey: its UTF-8 bytes are key.bytes[key.start, key.end). */
  protected readonly key = { bytes: Buffer.alloc(0) as Uint8Array, start: 0, end: 0 };

  /**
   * A name's UTF-8 bytes, spaces at either end left out, into `key`: a UTF-8 field as it is (no copy),
   * a GBK field or one with a doubled quote decoded and encoded again, so one name has one key in any file.
   */
  protected nameKey(bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, i: number): void {
    let start = starts[i] as number;
    let end = ends[i] as number;
    if (this.encoding === 'utf-8' && quoted[i] !== 2) {
      while (start < end && bytes[start] === 0x20) start++;
      while (end > start && bytes[end - 1] === 0x20) end--;
      this.key.bytes = bytes;
      this.key.start = start;
      this.key.end = end;
      return;
    }
    const text = Buffer.from(fieldText(bytes, start, end, quoted[i] as number, this.encoding).trim(), 'utf8');
    this.key.bytes = text;
    this.key.start = 0;
    this.key.end = text.length;
  }

  /**
   * A timestamp in wall-clock seconds; −1 for an empty cell, −2 for one that cannot be read.
   * `2026-10-01 08:30:15` and its `/` `.` forms are read from the bytes; anything else (年月日) goes
   * through the general date parser.
   */
  protected timestamp(bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, i: number): number {
    let p = starts[i] as number;
    let end = ends[i] as number;
    while (p < end && bytes[p] === 0x20) p++;
    while (end > p && bytes[end - 1] === 0x20) end--;
    if (p === end) return -1;
    // Most rows share the previous row's date (`2026-10-01 `): then only the time is read.
    const cached = this.lastDate;
    if (end - p >= 11 && bytes[p + 10] === 0x20) {
      let same = true;
      for (let k = 0; k < 10; k++) if (bytes[p + k] !== cached[k]) { same = false; break; }
      if (same) {
        const t = this.clock(bytes, p + 11, end);
        if (t >= 0) return this.lastDateDay * 86400 + t;
      }
    }
    // YYYY sep M{1,2} sep D{1,2} (space or T) H{1,2}:MM[:SS]
    const digits = (from: number, max: number): [number, number] => {
      let value = 0;
      let at = from;
      while (at < end && at - from < max) {
        const c = bytes[at] as number;
        if (c < 0x30 || c > 0x39) break;
        value = value * 10 + (c - 0x30);
        at++;
      }
      return [value, at - from];
    };
    const [year, yearDigits] = digits(p, 4);
    if (yearDigits === 4) {
      const sep = bytes[p + 4];
      if (sep === 0x2d || sep === 0x2f || sep === 0x2e) {
        const [month, mn] = digits(p + 5, 2);
        const s2 = p + 5 + mn;
        if (mn > 0 && bytes[s2] === sep) {
          const [day, dn] = digits(s2 + 1, 2);
          let q = s2 + 1 + dn;
          if (dn > 0) {
            const dayKey = year * 10000 + month * 100 + day;
            let dayNo = this.dayCache.get(dayKey);
            if (dayNo === undefined) {
              dayNo = month >= 1 && month <= 12 && day >= 1 && day <= 31 && validDay(year, month, day) ? daysFromCivil(year, month, day) : NaN;
              this.dayCache.set(dayKey, dayNo);
            }
            if (Number.isNaN(dayNo)) return -2;
            if (q === end) return dayNo * 86400;
            if (q - p === 10) {
              for (let k = 0; k < 10; k++) this.lastDate[k] = bytes[p + k] as number;
              this.lastDateDay = dayNo;
            }
            if (bytes[q] === 0x20 || bytes[q] === 0x54) {
              while (q < end && (bytes[q] === 0x20 || bytes[q] === 0x54)) q++;
              const t = this.clock(bytes, q, end);
              if (t >= 0) return dayNo * 86400 + t;
            }
          }
        }
      }
    }
    const general = parseDateTime(fieldText(bytes, starts[i] as number, ends[i] as number, quoted[i] as number, this.encoding));
    if (general.kind !== 'value') return general.kind === 'missing' ? -1 : -2;
    return general.value.day * 86400 + (general.value.seconds ?? 0);
  }
}

function validDay(year: number, month: number, day: number): boolean {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
  return day <= days;
}

