// I/O: the chat log's messages filed by buyer into buckets, so that the month can be worked out one
// bucket at a time (everything after reading partitions by buyer: a conversation and an order are
// each one buyer's). Buckets are kept in memory up to a budget and spilled to temporary files past
// it, so memory does not grow with the size of the log. The files are removed by dispose().
import { closeSync, mkdtempSync, openSync, readSync, rmSync, fstatSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageBucket } from '../core/raw-metrics.js';

const FIELDS = 3; // stamp, channel, buyer: one Uint32 each

export class BucketStore {
  private readonly memory: Uint32Array[];
  private readonly filled: number[];
  private inMemory = 0;
  private dir: string | undefined;
  private readonly files: (number | undefined)[];

  /**
   * @param count   how many buckets (a message goes to bucket buyer % count)
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

  add(stamp: number, channel: number, buyer: number): void {
    const b = buyer % this.count;
    let buffer = this.memory[b] as Uint32Array;
    let at = this.filled[b] as number;
    if (at + FIELDS > buffer.length) {
      const bigger = new Uint32Array(buffer.length * 2);
      bigger.set(buffer);
      this.memory[b] = buffer = bigger;
    }
    buffer[at] = stamp;
    buffer[at + 1] = channel;
    buffer[at + 2] = buyer;
    this.filled[b] = at + FIELDS;
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

  /** A bucket's messages: those spilled to its file, then those still in memory. */
  read(b: number): MessageBucket {
    const fd = this.files[b];
    const onDisk = fd === undefined ? 0 : fstatSync(fd).size / 4;
    const inMemory = this.filled[b] as number;
    const all = new Uint32Array(onDisk + inMemory);
    if (fd !== undefined && onDisk > 0) {
      const bytes = new Uint8Array(all.buffer, 0, onDisk * 4);
      let read = 0;
      while (read < bytes.length) {
        const got = readSync(fd, bytes, read, bytes.length - read, read);
        if (got === 0) throw new Error(`a temporary bucket file ended early (${read} of ${bytes.length} bytes)`);
        read += got;
      }
    }
    all.set((this.memory[b] as Uint32Array).subarray(0, inMemory), onDisk);
    const count = all.length / FIELDS;
    const stamp = new Uint32Array(count);
    const channel = new Int32Array(count);
    const buyer = new Int32Array(count);
    for (let i = 0, at = 0; i < count; i++, at += FIELDS) {
      stamp[i] = all[at] as number;
      channel[i] = all[at + 1] as number;
      buyer[i] = all[at + 2] as number;
    }
    return { count, stamp, channel, buyer };
  }

  /** Drop a bucket once it has been worked out, so its memory can go. */
  release(b: number): void {
    this.memory[b] = new Uint32Array(0);
    this.filled[b] = 0;
  }

  /** Remove the temporary files. */
  dispose(): void {
    for (const fd of this.files) if (fd !== undefined) closeSync(fd);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
