// I/O: how far the reading of a month's files has come, for the progress line of a long run: bytes
// read and lines seen, summed over every thread in shared memory. Counted only once switched on (a
// terminal is watching): otherwise a chunk costs one load.
const SLOTS = { bytes: 0, lines: 1, on: 2 } as const;
let cells = new BigInt64Array(new SharedArrayBuffer(3 * 8));

/** The counters' memory, handed to a reading thread, which adopts it. */
export const progressMemory = (): SharedArrayBuffer => cells.buffer as SharedArrayBuffer;
export function adoptProgress(memory: SharedArrayBuffer): void {
  cells = new BigInt64Array(memory);
}

export function countProgress(on: boolean): void {
  Atomics.store(cells, SLOTS.on, on ? 1n : 0n);
  if (on) {
    Atomics.store(cells, SLOTS.bytes, 0n);
    Atomics.store(cells, SLOTS.lines, 0n);
  }
}

/** A chunk read from an input. */
export function noteRead(chunk: Uint8Array): void {
  if (Atomics.load(cells, SLOTS.on) === 0n) return;
  let lines = 0;
  for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) lines++;
  Atomics.add(cells, SLOTS.bytes, BigInt(chunk.length));
  Atomics.add(cells, SLOTS.lines, BigInt(lines));
}

export const progressNow = (): { bytes: number; lines: number } => ({ bytes: Number(Atomics.load(cells, SLOTS.bytes)), lines: Number(Atomics.load(cells, SLOTS.lines)) });
