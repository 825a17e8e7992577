// I/O: the chat log's messages filed by buyer into buckets, so that the month can be worked out one
// bucket at a time (everything after reading partitions by buyer: a conversation and an order are
// each one buyer's). Buckets are kept in memory up to a budget and spilled to temporary files past
// it, so memory does not grow with the size of the log. A store may also adopt the buckets another
// thread filled (its pieces), with the tables that turn that thread's channel and buyer ids into
// this one's. The files are removed by dispose().
import { closeSync, mkdtempSync, openSync, readSync, rmSync, fstatSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageBucket } from '../core/raw-metrics.js';

const FIELDS = 3; // stamp, channel, buyer: one Uint32 each

/** What one store filed, handed to another thread: per bucket, its file (if it spilled) and what is still in memory. */
export interface BucketPieces {
  readonly dir: string | undefined;
  readonly files: readonly (string | undefined)[];
  readonly memory: readonly Uint32Array[];
}

/** Another thread's pieces, with the maps from its ids to this thread's. */
interface Adopted {
  readonly pieces: BucketPieces;
  readonly channelMap: Int32Array;
  readonly buyerMap: Int32Array;
}

export class BucketStore {
  private readonly memory: Uint32Array[];
  private readonly filled: number[];
  private inMemory = 0;
  private dir: string | undefined;
  private readonly files: (number | undefined)[];
  private readonly adopted: Adopted[] = [];

  /**
   * @param count   how many buckets
   * @param budget  bytes of messages kept in memory before the buckets are spilled to disk
   */
  constructor(
    readonly count: number,
    private readonly budget = 24 << 20,
  ) {
    this.memory = Array.from({ length: count }, () => new Uint32Array(FIELDS * 256));
    this.filled = new Array<number>(count).fill(0);
    this.files = new Array<number | undefined>(count).fill(undefined);
  }

  add(stamp: number, channel: number, buyer: number, bucket: number): void {
    let buffer = this.memory[bucket] as Uint32Array;
    const at = this.filled[bucket] as number;
    if (at + FIELDS > buffer.length) {
      const bigger = new Uint32Array(buffer.length * 2);
      bigger.set(buffer);
      this.memory[bucket] = buffer = bigger;
    }
    buffer[at] = stamp;
    buffer[at + 1] = channel;
    buffer[at + 2] = buyer;
    this.filled[bucket] = at + FIELDS;
    this.inMemory += FIELDS * 4;
    if (this.inMemory > this.budget) this.spill();
  }

  /** Write every bucket's messages to its file and start the buffers afresh. */
  private spill(): void {
    this.dir ??= mkdtempSync(join(tmpdir(), 'kefu-'));
    for (let b = 0; b < this.count; b++) {
      const filled = this.filled[b] as number;
      if (filled === 0) continue;
      let fd = this.files[b];
      if (fd === undefined) this.files[b] = fd = openSync(join(this.dir, `bucket-${b}`), 'w+');
      const buffer = this.memory[b] as Uint32Array;
      const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, filled * 4);
      for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written, bytes.length - written);
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

  /** Take another thread's pieces; their ids are turned into this thread's as they are read. */
  adopt(pieces: BucketPieces, channelMap: Int32Array, buyerMap: Int32Array): void {
    this.adopted.push({ pieces, channelMap, buyerMap });
  }

  /** A bucket's messages: those of this store (spilled, then in memory), then every adopted piece's. */
  read(b: number): MessageBucket {
    const parts: { words: Uint32Array; channelMap?: Int32Array; buyerMap?: Int32Array }[] = [];
    const fd = this.files[b];
    if (fd !== undefined) parts.push({ words: readWords(fd) });
    parts.push({ words: (this.memory[b] as Uint32Array).subarray(0, this.filled[b] as number) });
    for (const { pieces, channelMap, buyerMap } of this.adopted) {
      const file = pieces.files[b];
      if (file !== undefined) {
        const other = openSync(file, 'r');
        try {
          parts.push({ words: readWords(other), channelMap, buyerMap });
        } finally {
          closeSync(other);
        }
      }
      parts.push({ words: pieces.memory[b] as Uint32Array, channelMap, buyerMap });
    }
    const count = parts.reduce((n, part) => n + part.words.length / FIELDS, 0);
    const stamp = new Uint32Array(count);
    const channel = new Int32Array(count);
    const buyer = new Int32Array(count);
    let i = 0;
    for (const { words, channelMap, buyerMap } of parts) {
      for (let at = 0; at < words.length; at += FIELDS, i++) {
        stamp[i] = words[at] as number;
        channel[i] = channelMap ? (channelMap[words[at + 1] as number] as number) : (words[at + 1] as number);
        buyer[i] = buyerMap ? (buyerMap[words[at + 2] as number] as number) : (words[at + 2] as number);
      }
    }
    return { count, stamp, channel, buyer };
  }

  /** Drop a bucket once it has been worked out, so its memory can go. */
  release(b: number): void {
    this.memory[b] = new Uint32Array(0);
    this.filled[b] = 0;
    for (const { pieces } of this.adopted) (pieces.memory as Uint32Array[])[b] = new Uint32Array(0);
  }

  /** Remove the temporary files, this store's and the adopted ones'. */
  dispose(): void {
    for (const fd of this.files) if (fd !== undefined) closeSync(fd);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    for (const { pieces } of this.adopted) if (pieces.dir) rmSync(pieces.dir, { recursive: true, force: true });
  }
}

/** A whole bucket file as words. */
function readWords(fd: number): Uint32Array {
  const size = fstatSync(fd).size;
  const words = new Uint32Array(size / 4);
  const bytes = new Uint8Array(words.buffer);
  let read = 0;
  while (read < bytes.length) {
    const got = readSync(fd, bytes, read, bytes.length - read, read);
    if (got === 0) throw new Error(`a temporary bucket file ended early (${read} of ${bytes.length} bytes)`);
    read += got;
  }
  return words;
}
