// I/O: the chat log's messages filed by buyer into buckets, so that the month can be worked out one
// bucket at a time (everything after reading partitions by buyer: a conversation and an order are
// each one buyer's). A message is filed as a record — time and sender, channel, the hash and the
// UTF-8 bytes of the buyer's name — so no table of all buyers is ever needed: they are numbered one
// bucket at a time. Buckets are kept in memory up to a budget and spilled to temporary files past
// it, so memory does not grow with the size of the log. The spills go to one temporary file, unlinked
// as soon as it is opened: only its descriptor keeps it, so nothing is left on disk whatever ends the
// process (an error, Ctrl-C, a thread that dies). A store may also adopt the buckets another thread
// filled (its pieces), with the table that turns that thread's channel ids into this one's; such a
// thread writes to a file this thread opened for it (a thread's own descriptors close when it ends).
import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { issue, type Issue } from '../core/model/issues.js';
import { join } from 'node:path';

/** Bytes of a record before the name: stamp, channel, hash and the name's length, 4 each. */
export const RECORD_HEAD = 16;

/** One bucket's records, in parts: each part's channel ids are turned into this thread's by its map, if it has one. */
export interface RawBucket {
  readonly parts: readonly { readonly bytes: Uint8Array; readonly channelMap?: Int32Array }[];
}

/** What one store filed, handed to another thread: its file and, per bucket, the file's parts that are the bucket's and what is still in memory. */
export interface BucketPieces {
  readonly file: number | undefined;
  /** Per bucket: offset, length, offset, length… in the file. */
  readonly segments: readonly (readonly number[])[];
  readonly memory: readonly Uint8Array[];
}

/** Bytes of records kept in memory, in all, before they are spilled to temporary files. */
export const BUCKET_BYTES = 8 << 20;

/**
 * Setting the chat log's messages aside in the temporary folder failed (the disk is full, the folder
 * is read-only): a failure of the temporary folder, not of the file being read.
 */
export class SpillError extends Error {
  constructor(
    readonly dir: string,
    readonly reason: string,
    /** The bytes set aside before it failed. */
    readonly written: number,
  ) {
    super(`cannot write to the temporary folder ${dir} (${reason})`);
  }
}

/** The issue for a failed spill: it names the temporary folder, never the input being read. */
export function spillIssue(error: unknown): Issue | undefined {
  if (!(error instanceof SpillError)) return undefined;
  return issue('SPILL_FAILED', { dir: error.dir, reason: error.reason, written: error.written >= 2 ** 20 ? `${Math.ceil(error.written / 2 ** 20)} MB` : `${Math.ceil(error.written / 1024)} KB` });
}

export class BucketStore {
  private readonly memory: Uint8Array[];
  private readonly filled: number[];
  private inMemory = 0;
  private segments: number[][];
  private fileEnd = 0;
  private readonly adopted: { pieces: BucketPieces; channelMap: Int32Array }[] = [];

  /**
   * @param count   how many buckets
   * @param budget  bytes of records kept in memory before the buckets are spilled to disk
   * @param file    the temporary file to spill to (opened by the thread that will read it), or undefined to open one when needed
   */
  constructor(
    readonly count: number,
    private readonly budget = BUCKET_BYTES,
    private file: number | undefined = undefined,
  ) {
    this.memory = Array.from({ length: count }, () => new Uint8Array(1024));
    this.filled = new Array<number>(count).fill(0);
    this.segments = Array.from({ length: count }, () => []);
  }

  /** File one message: its stamp and channel, and its buyer's name bytes[start, end) with their hash. */
  add(bucket: number, stamp: number, channel: number, bytes: Uint8Array, start: number, end: number, hash: number): void {
    const length = end - start;
    const size = RECORD_HEAD + length;
    let buffer = this.memory[bucket] as Uint8Array;
    const at = this.filled[bucket] as number;
    if (at + size > buffer.length) {
      const bigger = new Uint8Array(Math.max(buffer.length * 2, at + size));
      bigger.set(buffer.subarray(0, at));
      this.memory[bucket] = buffer = bigger;
    }
    writeUint32(buffer, at, stamp);
    writeUint32(buffer, at + 4, channel);
    writeUint32(buffer, at + 8, hash);
    writeUint32(buffer, at + 12, length);
    // A name is a few dozen bytes: a loop beats making a view to copy from.
    for (let k = 0, to = at + RECORD_HEAD; k < length; k++) buffer[to + k] = bytes[start + k] as number;
    this.filled[bucket] = at + size;
    this.inMemory += size;
    if (this.inMemory > this.budget) this.spill();
  }

  /** Write every bucket's records to its file and start the buffers afresh. */
  private spill(): void {
    try {
      this.spillNow();
    } catch (error) {
      throw new SpillError(tmpdir(), (error as NodeJS.ErrnoException).code ?? String(error), this.fileEnd);
    }
  }

  private spillNow(): void {
    const fd = (this.file ??= unlinkedFile());
    for (let b = 0; b < this.count; b++) {
      const filled = this.filled[b] as number;
      if (filled === 0) continue;
      const buffer = this.memory[b] as Uint8Array;
      for (let written = 0; written < filled; ) written += writeSync(fd, buffer, written, filled - written, this.fileEnd + written);
      (this.segments[b] as number[]).push(this.fileEnd, filled);
      this.fileEnd += filled;
      this.filled[b] = 0;
      // A bucket that grew stays at its size: it will grow as much again.
    }
    this.inMemory = 0;
  }

  /**
   * Hand what was filed to another thread: where in the file each bucket is, and the buffers; the
   * file itself is the other thread's (it opened it). This store is empty afterwards.
   */
  handOver(): BucketPieces {
    const pieces = { file: this.file, segments: this.segments, memory: this.memory.map((buffer, b) => buffer.slice(0, this.filled[b] as number)) };
    this.file = undefined;
    this.segments = Array.from({ length: this.count }, () => []);
    this.filled.fill(0);
    return pieces;
  }

  /** Take another thread's pieces; their channel ids are turned into this thread's when the records are read. */
  adopt(pieces: BucketPieces, channelMap: Int32Array): void {
    this.adopted.push({ pieces, channelMap });
  }

  /** A bucket's records: this store's (spilled, then in memory), then every adopted piece's. */
  read(b: number): RawBucket {
    const parts: { bytes: Uint8Array; channelMap?: Int32Array }[] = [];
    if (this.file !== undefined) parts.push({ bytes: readSegments(this.file, this.segments[b] as number[]) });
    parts.push({ bytes: (this.memory[b] as Uint8Array).slice(0, this.filled[b] as number) });
    for (const { pieces, channelMap } of this.adopted) {
      if (pieces.file !== undefined) parts.push({ bytes: readSegments(pieces.file, pieces.segments[b] as number[]), channelMap });
      parts.push({ bytes: pieces.memory[b] as Uint8Array, channelMap });
    }
    return { parts: parts.filter((part) => part.bytes.length > 0) };
  }

  /** Drop a bucket once it has been read, so its memory can go. */
  release(b: number): void {
    this.memory[b] = new Uint8Array(0);
    this.filled[b] = 0;
    for (const { pieces } of this.adopted) (pieces.memory as Uint8Array[])[b] = new Uint8Array(0);
  }

  /** Close the temporary files, this store's and the adopted ones' (the system then frees them). */
  dispose(): void {
    if (this.file !== undefined) closeSync(this.file);
    this.file = undefined;
    for (const { pieces } of this.adopted) discardPieces(pieces);
    this.adopted.length = 0;
  }
}

/** Close the file of pieces that will not be read. */
function discardPieces(pieces: BucketPieces): void {
  if (pieces.file !== undefined) closeSync(pieces.file);
}

/** A temporary file open for reading and writing, already unlinked (and so is the folder it was made in). */
export function unlinkedFile(): number {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-'));
  const path = join(dir, 'buckets');
  try {
    const fd = openSync(path, 'w+');
    unlinkSync(path);
    return fd;
  } finally {
    rmdirSync(dir);
  }
}

function writeUint32(buffer: Uint8Array, at: number, value: number): void {
  buffer[at] = value & 0xff;
  buffer[at + 1] = (value >>> 8) & 0xff;
  buffer[at + 2] = (value >>> 16) & 0xff;
  buffer[at + 3] = value >>> 24;
}

/** A bucket's parts of a file, one after another. */
function readSegments(fd: number, segments: readonly number[]): Uint8Array {
  let size = 0;
  for (let k = 1; k < segments.length; k += 2) size += segments[k] as number;
  const bytes = new Uint8Array(size);
  let at = 0;
  for (let k = 0; k < segments.length; k += 2) {
    const offset = segments[k] as number;
    const length = segments[k + 1] as number;
    for (let read = 0; read < length; ) {
      const got = readSync(fd, bytes, at + read, length - read, offset + read);
      if (got === 0) throw new Error(`a temporary bucket file ended early (${read} of ${length} bytes at ${offset})`);
      read += got;
    }
    at += length;
  }
  return bytes;
}
