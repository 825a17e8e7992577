// I/O: the only code that touches the file system or standard input. Reads a path (or `-`) into
// bytes and decodes them: UTF-8 (BOM stripped) unless the bytes are not valid UTF-8, then GB18030
// (a superset of GBK), or as forced by --encoding. (Outputs are written by write.ts.)
import { open as openFile, stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { isAscii, isUtf8 } from 'node:buffer';
import { issue, type Issue } from '../core/model/issues.js';
import { spillIssue } from './buckets.js';
import { noteRead } from './progress.js';

export type Encoding = 'auto' | 'utf8' | 'gbk';

export interface TextSource {
  readonly name: string;
  readonly text: string;
  readonly encoding: 'utf-8' | 'utf-8 (BOM)' | 'gb18030';
  /** UTF-8 but for a few bytes, each read as U+FFFD: the reader says where (never read silently). */
  readonly damaged?: true;
}

/** Of a text's non-ASCII characters, at most this share may be bad bytes for the text to be UTF-8 with damage. */
const DAMAGED_SHARE = 0.05;

/**
 * Text from bytes: UTF-8 when they are; GB18030 (a superset of GBK) when they are not UTF-8 at all;
 * and UTF-8 marked damaged when all but a few of its multi-byte characters are UTF-8 (one bad byte in
 * a UTF-8 file is an error at its cell, not a reason to read the whole file as GBK).
 */
export function decode(bytes: Uint8Array, encoding: Encoding = 'auto'): Pick<TextSource, 'text' | 'encoding' | 'damaged'> {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (encoding === 'gbk') return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  try {
    // fatal: GBK bytes read as UTF-8 would otherwise silently turn into U+FFFD.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: bom ? 'utf-8 (BOM)' : 'utf-8' };
  } catch (error) {
    const lossy = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
    let bad = 0;
    let wide = 0;
    for (const ch of lossy) {
      if (ch === '\uFFFD') bad++;
      else if (ch.charCodeAt(0) > 0x7f) wide++;
    }
    if (wide > 0 && bad <= DAMAGED_SHARE * (bad + wide)) return { text: lossy, encoding: bom ? 'utf-8 (BOM)' : 'utf-8', damaged: true };
    if (encoding === 'utf8') throw error;
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

export interface Reader {
  readStdin(): Promise<Uint8Array>;
}

/** How much of a big input is read at a time. */
const CHUNK = 1 << 20;

/**
 * Read bytes [from, to) of a file chunk by chunk into `use`, which returns false to stop early. Two
 * buffers are filled in turn: the next chunk is read while `use` works on this one, and `use` is done
 * with a chunk before its buffer is read into again.
 */
export async function readRange(path: string, from: number, to: number, use: (chunk: Buffer) => boolean): Promise<void> {
  const file = await openFile(path, 'r');
  try {
    const buffers: Buffer[] = [Buffer.alloc(CHUNK), Buffer.alloc(CHUNK)];
    let position = from;
    let which = 0;
    // From the start, the file is read in order with no position: a pipe (`--roster <(…)`) has none.
    const at = () => (from === 0 ? null : position);
    const next = () => file.read(buffers[which] as Buffer, 0, Math.max(0, Math.min(CHUNK, to - position)), at());
    let reading = next();
    for (;;) {
      const { bytesRead } = await reading;
      if (bytesRead === 0) break;
      position += bytesRead;
      const chunk = (buffers[which] as Buffer).subarray(0, bytesRead);
      noteRead(chunk);
      which ^= 1;
      reading = next();
      if (!use(chunk)) break;
    }
    await reading;
  } finally {
    await file.close();
  }
}

/** What a big input is streamed into: its reader, fed chunk by chunk. */
export interface StreamSink {
  push(chunk: Uint8Array, last: boolean): void;
  /** The line the next record starts on: where a problem in bytes not yet parsed is. */
  readonly line: number;
  /** Every byte so far was ASCII and what follows is not UTF-8: decode as GB18030 from here on. */
  toGb18030(): void;
}

/**
 * Stream a big input (the chat log, the orders) chunk by chunk into a sink, so its size never sits in
 * memory. The encoding is decided on the first chunk (UTF-8 unless its bytes are not UTF-8, then
 * GB18030) or forced, and a file read as UTF-8 is checked to the end, so that it is never misread: a
 * file ASCII for its first megabyte and GBK after switches to GB18030 where the GBK begins (the ASCII
 * before reads the same in both); a file that mixes UTF-8 text and other bytes stops with an error at
 * the line. Returns undefined, with the issue, when the file cannot be read at all.
 */
export async function streamSource(
  path: string,
  encoding: Encoding,
  reader: Reader,
  open: (name: string, encoding: 'utf-8' | 'gb18030', size: number | undefined) => StreamSink,
  issues: Issue[],
): Promise<{ name: string; encoding: 'utf-8' | 'gb18030' } | undefined> {
  const name = path === '-' ? '<stdin>' : path;
  let sink: StreamSink | undefined;
  let chosen: 'utf-8' | 'gb18030' = 'utf-8';
  let size: number | undefined;
  let watch: Utf8Watch | undefined;
  let stopped = false;
  /** The bytes from `bad` on are not UTF-8: give the sink what comes before that line, and say where. */
  const mixed = (chunk: Uint8Array, bad: number) => {
    sink?.push(chunk.subarray(0, lineStartOf(chunk, bad)), false);
    issues.push(issue('FILE_MIXED_ENCODING', { forced: encoding === 'utf8' ? 1 : 0 }, { file: name, line: sink?.line ?? 1 }));
    stopped = true;
  };
  const feed = (chunk: Uint8Array, last: boolean) => {
    if (stopped) return;
    if (!sink) {
      watch = encoding === 'gbk' ? undefined : new Utf8Watch();
      const bad = watch?.check(chunk, last) ?? -1;
      // Not UTF-8, and nothing but ASCII before the line it stops on (so no UTF-8 text could be
      // misread: the first non-ASCII bytes on that line may be GBK that happens to look like UTF-8):
      // GB18030, unless UTF-8 was asked for.
      const gbk = encoding === 'gbk' || (bad >= 0 && encoding === 'auto' && isAscii(chunk.subarray(0, lineStartOf(chunk, bad))));
      chosen = gbk ? 'gb18030' : 'utf-8';
      if (gbk) watch = undefined;
      sink = open(name, chosen, size);
      if (bad >= 0 && !gbk) return mixed(chunk, bad);
      return sink.push(chunk, last);
    }
    const bad = watch?.check(chunk, last) ?? -1;
    if (bad >= 0 && watch) {
      if (encoding !== 'auto' || !watch.asciiBefore || !isAscii(chunk.subarray(0, lineStartOf(chunk, bad)))) return mixed(chunk, bad);
      sink.toGb18030();
      chosen = 'gb18030';
      watch = undefined;
    }
    sink.push(chunk, last);
  };
  try {
    if (path === '-') feed(await reader.readStdin(), false);
    else {
      size = (await stat(path)).size;
      await readRange(path, 0, Number.POSITIVE_INFINITY, (chunk) => {
        feed(chunk, false);
        return !stopped;
      });
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const spilled = spillIssue(error);
    if (spilled) issues.push(spilled);
    else if (code === 'ENOENT') issues.push(issue('FILE_NOT_FOUND', {}, { file: name }));
    else issues.push(issue('FILE_UNREADABLE', { reason: code ?? String(error) }, { file: name }));
    return undefined;
  }
  if (!stopped) feed(new Uint8Array(0), true);
  // A file stopped at a line that is not UTF-8 still ends: its reader finishes the rows it was given.
  if (stopped) sink?.push(new Uint8Array(0), true);
  return { name, encoding: chosen };
}

/**
 * Follows a byte stream chunk by chunk and finds the first byte that is not UTF-8; a character cut at
 * a chunk's end is carried over to the next. Uses the native checks (simdutf), so it costs little.
 */
export class Utf8Watch {
  /** Whether every byte checked so far was ASCII (the bytes of a character carried over left aside). */
  private ascii = true;
  /** Whether every byte before the last chunk (and before a character carried into it) was ASCII. */
  asciiBefore = true;
  /** The start of a character cut off at the end of the last chunk, to be checked with the next. */
  private carry = new Uint8Array(0);

  /**
   * The offset in `chunk` of the first byte that is not UTF-8, or −1; 0 also when the character cut
   * off at the end of the previous chunk turns out to be bad (its line started before this chunk).
   */
  check(chunk: Uint8Array, last: boolean): number {
    let from = 0;
    this.asciiBefore = this.ascii;
    if (this.carry.length > 0) {
      const need = sequenceLength(this.carry[0] as number) - this.carry.length;
      const joined = new Uint8Array(this.carry.length + Math.min(need, chunk.length));
      joined.set(this.carry);
      joined.set(chunk.subarray(0, need), this.carry.length);
      if (joined.length < this.carry.length + need) {
        if (!last) {
          this.carry = joined;
          return -1;
        }
        return 0;
      }
      if (!isUtf8(joined)) return 0;
      this.ascii = false; // a character of two bytes or more
      from = need;
      this.carry = new Uint8Array(0);
    }
    const cut = last ? chunk.length : chunk.length - incompleteTail(chunk);
    const body = chunk.subarray(from, cut);
    if (this.ascii && !isAscii(body)) this.ascii = false;
    if (!this.ascii && !isUtf8(body)) return from + firstInvalid(body);
    // A copy: the chunk's buffer is read into again.
    this.carry = Uint8Array.prototype.slice.call(chunk, cut);
    return -1;
  }
}

/** How many bytes a UTF-8 sequence starting with this byte has (1 for a byte that starts none). */
function sequenceLength(lead: number): number {
  return lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xc2 && lead <= 0xdf ? 2 : 1;
}

/** How many bytes at the end of a chunk begin a UTF-8 character that the chunk cuts off (0–3). */
function incompleteTail(chunk: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= chunk.length; back++) {
    const byte = chunk[chunk.length - back] as number;
    if (byte < 0x80) return 0;
    if (byte >= 0xc0) return sequenceLength(byte) > back ? back : 0;
  }
  return 0;
}

/** The offset of the first byte of `bytes` that does not belong to a valid UTF-8 character. */
function firstInvalid(bytes: Uint8Array): number {
  for (let p = 0; p < bytes.length; ) {
    const length = sequenceLength(bytes[p] as number);
    if (length === 1) {
      if ((bytes[p] as number) >= 0x80) return p;
      p++;
      continue;
    }
    if (p + length > bytes.length || !isUtf8(bytes.subarray(p, p + length))) return p;
    p += length;
  }
  return bytes.length;
}

/** Where the line holding byte `at` starts (0 when it started in an earlier chunk). */
function lineStartOf(chunk: Uint8Array, at: number): number {
  return at === 0 ? 0 : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length).lastIndexOf(0x0a, at - 1) + 1;
}

/** The sizes of files in bytes (0 for stdin or a file that cannot be read: its reader says why). */
export async function fileSizes(paths: readonly string[]): Promise<number[]> {
  return Promise.all(paths.map((path) => (path === '-' ? Promise.resolve(0) : stat(path).then((s) => s.size, () => 0))));
}

/** The bytes of one input: a path, `-` for standard input, or `book.xlsx#Sheet` naming a workbook's sheet. */
export interface ByteSource {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The sheet named after `#` in the path. */
  readonly sheet?: string;
}

/**
 * Read one input whole; a missing or unreadable file is an issue, not an exception. A path that does
 * not exist but does once its `#…` tail is cut off names a sheet of that workbook.
 */
export async function readBytes(path: string, reader: Reader, issues: Issue[]): Promise<ByteSource | undefined> {
  if (path === '-') {
    try {
      return { name: '<stdin>', bytes: await reader.readStdin() };
    } catch (error) {
      issues.push(issue('FILE_UNREADABLE', { reason: (error as NodeJS.ErrnoException).code ?? String(error) }, { file: '<stdin>' }));
      return undefined;
    }
  }
  const { file, sheet } = await sheetPath(path);
  try {
    const bytes = await readCapped(file);
    if (!bytes) {
      issues.push(issue('FILE_TOO_BIG', { limit: `${SMALL_TABLE_BYTES >> 20} MB` }, { file: path }));
      return undefined;
    }
    return { name: path, bytes, ...(sheet !== undefined ? { sheet } : {}) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') issues.push(issue('FILE_NOT_FOUND', {}, { file: path }));
    else issues.push(issue('FILE_UNREADABLE', { reason: code ?? String(error) }, { file: path }));
    return undefined;
  }
}

/**
 * The most a roster, a stats export, facts, adjustments or a scheme may hold, read whole: far past any
 * team's month, and short of what would exhaust memory (`--roster /dev/zero` never ends).
 */
const SMALL_TABLE_BYTES = 256 << 20;

/** A file's bytes, read chunk by chunk up to SMALL_TABLE_BYTES; undefined past it. */
async function readCapped(path: string): Promise<Uint8Array | undefined> {
  const parts: Buffer[] = [];
  let total = 0;
  let tooBig = false;
  await readRange(path, 0, Number.POSITIVE_INFINITY, (chunk) => {
    total += chunk.length;
    if (total > SMALL_TABLE_BYTES) {
      tooBig = true;
      return false;
    }
    parts.push(Buffer.from(chunk));
    return true;
  });
  return tooBig ? undefined : Buffer.concat(parts);
}

/** `book.xlsx#按客服查看` → the file and the sheet, unless a file of that whole name exists. */
export async function sheetPath(path: string): Promise<{ file: string; sheet?: string }> {
  const hash = path.lastIndexOf('#');
  if (hash <= 0 || hash === path.length - 1) return { file: path };
  if (await stat(path).then(() => true, () => false)) return { file: path };
  return { file: path.slice(0, hash), sheet: path.slice(hash + 1) };
}

/** Read and decode one text input (the scheme, a CSV); a file that is not text in the encoding asked for is an issue. */
export async function readSource(path: string, encoding: Encoding, reader: Reader, issues: Issue[]): Promise<TextSource | undefined> {
  const source = await readBytes(path, reader, issues);
  return source ? decodeSource(source, encoding, issues) : undefined;
}

export function decodeSource(source: ByteSource, encoding: Encoding, issues: Issue[]): TextSource | undefined {
  try {
    return { name: source.name, ...decode(source.bytes, encoding) };
  } catch {
    issues.push(issue('FILE_UNREADABLE', { reason: 'not valid UTF-8 (try --encoding gbk)' }, { file: source.name }));
    return undefined;
  }
}

/** The sha256 of a file's bytes (hex), read as a stream (a chat log may be gigabytes); undefined when it cannot be read. */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number } | undefined> {
  const { file } = await sheetPath(path);
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(file)) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  } catch {
    return undefined;
  }
  return { sha256: hash.digest('hex'), bytes };
}

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
