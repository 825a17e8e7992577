// Parse: a fast CSV record scanner for the big tables (the chat log, the order report). It works on
// bytes, never decodes a field it is not asked for, and uses the native byte search (memchr) to jump
// between commas, quotes and newlines; csv-parse stays the reader of record for every other table,
// and test/scan.test.ts proves that both yield the same records on adversarial CSV. No I/O: it is fed
// chunks and says how far it got, so the caller can stream a file of any size.
//
// The dialect is csv-parse's with { bom, relax_column_count, skip_empty_lines }: comma-separated,
// fields optionally in double quotes with "" for a quote inside, records ended by \n or \r\n; and
// one addition for 淘宝's order reports: a field written `="2584718789514480071"` (Excel's formula
// that keeps a number as text) reads as the quoted text, where csv-parse would stop.

const QUOTE = 0x22;
const COMMA = 0x2c;
const EQUALS = 0x3d;
const LF = 0x0a;
const CR = 0x0d;

export type ScanProblem = 'unclosed-quote' | 'invalid-closing-quote' | 'quote-in-bare-field';

export interface ScanHandler {
  /**
   * One record. Field i spans bytes [starts[i], ends[i]) of `bytes`; `quoted[i]` is 1 when the field
   * was in quotes and 2 when it also held a doubled quote (the caller must undo the doubling).
   * `line` is the record's first line (1-based).
   */
  record(bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, count: number, line: number): void;
  problem(problem: ScanProblem, line: number): void;
}

/** Growable field tables, reused from record to record. */
class Fields {
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  quoted = new Uint8Array(64);
  count = 0;
  push(start: number, end: number, quoted: number): void {
    if (this.count === this.starts.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      const q = new Uint8Array(this.quoted.length * 2);
      q.set(this.quoted);
      this.quoted = q;
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.quoted[this.count] = quoted;
    this.count++;
  }
}

function countNewlines(bytes: Buffer, from: number, to: number): number {
  let count = 0;
  for (let at = bytes.indexOf(LF, from); at !== -1 && at < to; at = bytes.indexOf(LF, at + 1)) count++;
  return count;
}

/**
 * A streaming scanner. Feed it chunks with `push`; it calls the handler for every complete record and
 * keeps the unfinished tail for the next chunk. `wanted` is how many leading fields the caller needs:
 * after those the rest of the record is skipped (still honouring quotes), which is most of the work
 * saved on a chat log whose last column is the message text.
 */
export class CsvScanner {
  // The unfinished record of the last chunk, and where it is joined to the next: both are kept and
  // reused, so a file of any size is scanned without a new buffer per chunk.
  private tail: Buffer = Buffer.alloc(1 << 12);
  private tailLength = 0;
  private work: Buffer = Buffer.alloc(0);
  private currentLine = 1;
  private first = true;
  private readonly fields = new Fields();
  private failed = false;
  /** Position of the next quote byte at or after the last search, so quotes are searched for once. */
  private nextQuote = -1;

  /** The line the next record starts on (1-based). */
  get line(): number {
    return this.currentLine;
  }

  /** Whether a malformed record stopped the scan (nothing after it is read). */
  get stopped(): boolean {
    return this.failed;
  }

  /** Bytes held back as the start of a record not complete yet: 0 when the bytes so far ended on a record's end. */
  get pending(): number {
    return this.tailLength;
  }

  constructor(
    private readonly handler: ScanHandler,
    private wanted = Number.POSITIVE_INFINITY,
  ) {}

  /**
   * From the next record on, read only the first `count` fields (the header told which are needed);
   * a record's field count is then exact below `count` and reported as `count` at or above it.
   */
  setWanted(count: number): void {
    this.wanted = count;
  }

  private quoteFrom(bytes: Buffer, p: number): number {
    if (this.nextQuote < p) {
      const found = bytes.indexOf(QUOTE, p);
      this.nextQuote = found === -1 ? Number.MAX_SAFE_INTEGER : found;
    }
    return this.nextQuote;
  }

  /** Scan a chunk; `last` says no more bytes will come. */
  push(chunk: Uint8Array, last = false): void {
    if (this.failed) return;
    let bytes: Buffer;
    if (this.tailLength > 0) {
      const size = this.tailLength + chunk.length;
      if (this.work.length < size) this.work = Buffer.alloc(Math.max(size, this.work.length * 2));
      this.tail.copy(this.work, 0, 0, this.tailLength);
      this.work.set(chunk, this.tailLength);
      bytes = this.work.subarray(0, size);
    } else bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let at = 0;
    this.nextQuote = -1; // positions are of this buffer only
    if (this.first) {
      if (bytes.length < 3 && !last) {
        this.keepTail(bytes, 0);
        return;
      }
      this.first = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) at = 3;
    }
    const end = bytes.length;
    while (at < end) {
      const next = this.scanRecord(bytes, at, end, last);
      if (next === -1) break; // the record goes on in the next chunk
      if (next === -2) {
        this.failed = true;
        return;
      }
      at = next;
    }
    // Keep the unfinished record: the chunk it is in is the caller's to reuse.
    this.keepTail(bytes, at);
    if (last && this.tailLength > 0) {
      this.handler.problem('unclosed-quote', this.currentLine);
      this.tailLength = 0;
    }
  }

  private keepTail(bytes: Buffer, from: number): void {
    const length = Math.max(0, bytes.length - from);
    if (this.tail.length < length) this.tail = Buffer.alloc(Math.max(length, this.tail.length * 2));
    if (length > 0) bytes.copy(this.tail, 0, from);
    this.tailLength = length;
  }

  /** Scan one record from `at`; the position after it, −1 if it is not complete yet, −2 after a problem. */
  private scanRecord(bytes: Buffer, at: number, end: number, last: boolean): number {
    const fields = this.fields;
    fields.count = 0;
    const startLine = this.currentLine;
    let extraLines = 0;
    // An empty line (or a lone \r) is skipped, as csv-parse's skip_empty_lines does.
    if (bytes[at] === LF) {
      this.currentLine++;
      return at + 1;
    }
    if (bytes[at] === CR) {
      if (at + 1 >= end && !last) return -1;
      if (bytes[at + 1] === LF) {
        this.currentLine++;
        return at + 2;
      }
    }
    let p = at;
    let lineEnd = -1; // the next \n at or after p, found lazily
    for (;;) {
      // `="0123"`, Excel's way to keep a number as text (淘宝's order numbers): the quoted text.
      if (bytes[p] === EQUALS && bytes[p + 1] === QUOTE) p++;
      else if (bytes[p] === EQUALS && p + 1 >= end && !last) return -1;
      if (bytes[p] === QUOTE) {
        let q = p + 1;
        let escaped = 0;
        let close: number;
        for (;;) {
          close = bytes.indexOf(QUOTE, q);
          if (close === -1 || close >= end) return last ? this.fail('unclosed-quote', startLine) : -1;
          if (close + 1 >= end && !last) return -1; // is it "" or the end? need the next byte
          if (bytes[close + 1] === QUOTE) {
            escaped = 1;
            q = close + 2;
            continue;
          }
          break;
        }
        if (fields.count < this.wanted) fields.push(p + 1, close, 1 + escaped);
        extraLines += countNewlines(bytes, p + 1, close);
        p = close + 1;
        const c = p < end ? bytes[p] : -1;
        if (c === COMMA) {
          p++;
          if (p >= end && !last) return -1;
          continue;
        }
        if (c === LF || c === -1) break;
        if (c === CR && (bytes[p + 1] === LF || p + 1 >= end)) {
          if (p + 1 >= end && !last) return -1;
          p++;
          break;
        }
        return this.fail('invalid-closing-quote', startLine + extraLines);
      }
      // A bare field: up to the next comma or the end of the line.
      if (lineEnd < p) {
        lineEnd = bytes.indexOf(LF, p);
        if (lineEnd === -1 || lineEnd >= end) {
          if (!last) return -1;
          lineEnd = end;
        }
      }
      const quote = this.quoteFrom(bytes, p);
      if (fields.count >= this.wanted && quote > lineEnd) {
        // Nothing quoted is left on this line: the record ends at the line's end.
        p = lineEnd;
        break;
      }
      let comma = bytes.indexOf(COMMA, p);
      if (comma === -1 || comma > lineEnd) comma = lineEnd;
      if (quote < comma) return this.fail('quote-in-bare-field', startLine + extraLines);
      let fieldEnd = comma;
      if (comma === lineEnd && fieldEnd > p && bytes[fieldEnd - 1] === CR) fieldEnd--;
      if (fields.count < this.wanted) fields.push(p, fieldEnd, 0);
      p = comma;
      if (p >= end || bytes[p] === LF) break;
      p++; // past the comma
      if (p >= end) {
        if (!last) return -1;
        if (fields.count < this.wanted) fields.push(p, p, 0);
        break;
      }
    }
    this.currentLine = startLine + 1 + extraLines;
    this.handler.record(bytes, fields.starts, fields.ends, fields.quoted, fields.count, startLine);
    return p + 1;
  }

  private fail(problem: ScanProblem, line: number): number {
    this.handler.problem(problem, line);
    return -2;
  }
}

const decoderCache = new Map<string, InstanceType<typeof TextDecoder>>();

/** The text of one field, quotes undone, in the file's encoding. */
export function fieldText(bytes: Uint8Array, start: number, end: number, quoted: number, encoding: 'utf-8' | 'gb18030' = 'utf-8'): string {
  let decoder: InstanceType<typeof TextDecoder> | undefined = decoderCache.get(encoding);
  if (!decoder) decoderCache.set(encoding, (decoder = new TextDecoder(encoding)));
  const text = decoder.decode(bytes.subarray(start, end));
  return quoted === 2 ? text.replace(/""/g, '"') : text;
}
