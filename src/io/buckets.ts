// I/O: the chat log's messages filed by buyer into buckets, so that the month can be worked out one
// bucket at a time (everything after reading partitions by buyer: a conversation and an order are
// each one buyer's). A message is filed as a record — time and sender, channel, the hash and the
// UTF-8 bytes of the buyer's name — so no table of all buyers is ever needed: they are numbered one
// bucket at a time. Buckets are kept in memory up to a budget and spilled to temporary files past
// it, so memory does not grow with the size of the log. A store may also adopt the buckets another
// thread filled (its pieces), with the table that turns that thread's channel ids into this one's.
// The files are removed by dispose().
import { closeSync, mkdtempSync, openSync, readSync, rmSync, fstatSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bytes of a record before the name: stamp, channel and hash (4 each), and the name's length (2). */
export const RECORD_HEAD = 14;
/** A name is cut to this many bytes in a record (a buyer's name is a few dozen at most). */
const MAX_NAME = 0xffff;

/** One bucket's records, in parts: each part's channel ids are turned into this thread's by its map, if it has one. */
export interface RawBucket {
  readonly parts: readonly { readonly bytes: Uint8Array; readonly channelMap?: Int32Array }[];
}

/** What one store filed, handed to another thread: per bucket, its file (if it spilled) and what is still in memory. */
export interface BucketPieces {
  readonly dir: string | undefined;
  readonly files: readonly (string | undefined)[];
  readonly memory: readonly Uint8Array[];
}

/** Bytes of records kept in memory, in all, before they are spilled to temporary files. */
export const BUCKET_BYTES = 8 << 20;

export class BucketStore {
  private readonly memory: Uint8Array[];
  private readonly filled: number[];
  private inMemory = 0;
  private dir: string | undefined;
  private readonly files: (number | undefined)[];
  private readonly adopted: { pieces: BucketPieces; channelMap: Int32Array }[] = [];

  /**
   * @param count   how many buckets
   * @param budget  bytes of records kept in memory before the buckets are spilled to disk
   */
  constructor(
    readonly count: number,
    private readonly budget = BUCKET_BYTES,
  ) {
    this.memory = Array.from({ length: count }, () => new Uint8Array(1024));
    this.filled = new Array<number>(count).fill(0);
    this.files = new Array<number | undefined>(count).fill(undefined);
  }

  /** File one message: its stamp and channel, and its buyer's name bytes[start, end) with their hash. */
  add(bucket: number, stamp: number, channel: number, bytes: Uint8Array, start: number, end: number, hash: number): void {
    const length = Math.min(end - start, MAX_NAME);
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
    buffer[at + 12] = length & 0xff;
    buffer[at + 13] = length >>> 8;
    // A name is a few dozen bytes: a loop beats making a view to copy from.
    for (let k = 0, to = at + RECORD_HEAD; k < length; k++) buffer[to + k] = bytes[start + k] as number;
    this.filled[bucket] = at + size;
    this.inMemory += size;
    if (this.inMemory > this.budget) this.spill();
  }

  /** Write every bucket's records to its file and start the buffers afresh. */
  private spill(): void {
    this.dir ??= mkdtempSync(join(tmpdir(), 'kefu-'));
    for (let b = 0; b < this.count; b++) {
      const filled = this.filled[b] as number;
      if (filled === 0) continue;
      let fd = this.files[b];
      if (fd === undefined) this.files[b] = fd = openSync(join(this.dir, `bucket-${b}`), 'w+');
      const buffer = this.memory[b] as Uint8Array;
      for (let written = 0; written < filled; ) written += writeSync(fd, buffer, written, filled - written);
      this.filled[b] = 0;
      // A bucket that grew stays at its size: it will grow as much again.
    }
    this.inMemory = 0;
  }

  /**
   * Hand what was filed to another thread: the files are closed (and left for the other thread to
   * read and remove), the buffers given up. This store is empty afterwards.
   */
  handOver(): BucketPieces {
    const files = this.files.map((fd, b) => {
      if (fd === undefined) return undefined;
      closeSync(fd);
      this.files[b] = undefined;
      return join(this.dir as string, `bucket-${b}`);
    });
    const memory = this.memory.map((buffer, b) => buffer.slice(0, this.filled[b] as number));
    const pieces = { dir: this.dir, files, memory };
    this.dir = undefined;
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
    const fd = this.files[b];
    if (fd !== undefined) parts.push({ bytes: readAll(fd) });
    parts.push({ bytes: (this.memory[b] as Uint8Array).slice(0, this.filled[b] as number) });
    for (const { pieces, channelMap } of this.adopted) {
      const file = pieces.files[b];
      if (file !== undefined) {
        const other = openSync(file, 'r');
        try {
          parts.push({ bytes: readAll(other), channelMap });
        } finally {
          closeSync(other);
        }
      }
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

  /** Remove the temporary files, this store's and the adopted ones'. */
  dispose(): void {
    for (const fd of this.files) if (fd !== undefined) closeSync(fd);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    for (const { pieces } of this.adopted) discardPieces(pieces);
  }
}

/** Remove the files of pieces that will not be read. */
export function discardPieces(pieces: BucketPieces): void {
  if (pieces.dir) rmSync(pieces.dir, { recursive: true, force: true });
}

function writeUint32(buffer: Uint8Array, at: number, value: number): void {
  buffer[at] = value & 0xff;
  buffer[at + 1] = (value >>> 8) & 0xff;
  buffer[at + 2] = (value >>> 16) & 0xff;
  buffer[at + 3] = value >>> 24;
}

/** A whole file's bytes. */
function readAll(fd: number): Uint8Array {
  const bytes = new Uint8Array(fstatSync(fd).size);
  let read = 0;
  while (read < bytes.length) {
    const got = readSync(fd, bytes, read, bytes.length - read, read);
    if (got === 0) throw new Error(`a temporary bucket file ended early (${read} of ${bytes.length} bytes)`);
    read += got;
  }
  return bytes;
}
