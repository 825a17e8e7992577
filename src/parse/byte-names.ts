// Parse: names straight from bytes. A field's bytes are hashed and looked up in an open-addressing
// table, so a name that comes back a million times (a buyer, an account) is decoded once and never
// turned into a string again; and a field equal to the same column's previous one (chat exports list
// a conversation's messages together) costs one short byte comparison. No I/O.
import type { Interner, NameTable } from '../core/metrics/raw/raw.js';

function grow<T extends Int32Array | Uint8Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}

export class ByteNames implements NameTable {
  /** Every name's bytes, one after another: entry e is arena[keyStart[e], keyStart[e + 1]). */
  private arena = new Uint8Array(1 << 16);
  private keyStart = new Int32Array(1024);
  /** Each entry's hash (FNV-1a of its bytes): kept for rehashing, and to file a buyer into its bucket. */
  private hashes = new Int32Array(1024);
  /** The interner's id of each entry; without an interner the entry number is the id. */
  private ids: Int32Array | undefined;
  private count = 0;
  private slots = new Int32Array(2048).fill(-1);
  // The previous field's entry.
  private last = -1;
  private sealed = false;

  /**
   * With an interner, ids are the interner's (names shared with other files and columns); without
   * one, ids are this table's own, dense from 0, and a name is decoded only when asked for.
   */
  constructor(
    private readonly interner: Interner | undefined,
    private readonly decode: (bytes: Uint8Array, start: number, end: number) => string,
  ) {
    if (interner) this.ids = new Int32Array(1024);
  }

  get size(): number {
    return this.count;
  }

  /** The names as they are held (no copy: valid until the next name is added). */
  view(): NameParts {
    return { arena: this.arena, keyStart: this.keyStart, count: this.count };
  }

  /** The hash of an id's bytes (ids of this table's own): the same for the same name in any table. */
  hashOf(id: number): number {
    if (this.sealed) throw new Error('a hash asked of a sealed ByteNames');
    return this.hashes[id] as number;
  }

  /** The name of an id of this table's own (no interner). */
  name(id: number): string {
    return this.decode(this.arena, this.keyStart[id] as number, this.keyStart[id + 1] as number);
  }

  id(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (this.last >= 0 && this.matches(this.last, bytes, start, length)) return this.idOf(this.last);
    return this.idWithHash(bytes, start, end, hashBytes(bytes, start, end));
  }

  /**
   * No name is added or looked up any more (the order ids, once the order reports are read): the
   * lookup table and the hashes go, and the names are held in arrays of their size, still read by id.
   */
  seal(): void {
    this.sealed = true;
    this.last = -1;
    this.slots = new Int32Array(0);
    this.hashes = new Int32Array(0);
    this.arena = this.arena.slice(0, this.keyStart[this.count]);
    this.keyStart = this.keyStart.slice(0, this.count + 1);
    if (this.ids) this.ids = this.ids.slice(0, this.count);
  }

  /** The id of a name whose hash (hashBytes) is known already. */
  idWithHash(bytes: Uint8Array, start: number, end: number, hash: number): number {
    if (this.sealed) throw new Error('a name looked up in a sealed ByteNames');
    const length = end - start;
    if (this.last >= 0 && this.hashes[this.last] === hash && this.matches(this.last, bytes, start, length)) return this.idOf(this.last);
    const mask = this.slots.length - 1;
    let slot = spread(hash) & mask;
    for (;;) {
      const entry = this.slots[slot] as number;
      if (entry === -1) break;
      if (this.matches(entry, bytes, start, length)) return this.idOf((this.last = entry));
      slot = (slot + 1) & mask;
    }
    const entry = this.add(bytes, start, end, hash);
    this.slots[slot] = entry;
    if (this.count * 2 > this.slots.length) this.rehash();
    return this.idOf((this.last = entry));
  }

  private idOf(entry: number): number {
    return this.ids ? (this.ids[entry] as number) : entry;
  }

  private matches(entry: number, bytes: Uint8Array, start: number, length: number): boolean {
    const at = this.keyStart[entry] as number;
    if ((this.keyStart[entry + 1] as number) - at !== length) return false;
    const arena = this.arena;
    for (let k = 0; k < length; k++) if (bytes[start + k] !== arena[at + k]) return false;
    return true;
  }

  private add(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const entry = this.count++;
    this.hashes = grow(this.hashes, entry + 1);
    this.hashes[entry] = hash;
    const at = this.keyStart[entry] as number;
    this.arena = grow(this.arena, at + end - start);
    this.arena.set(bytes.subarray(start, end), at);
    this.keyStart = grow(this.keyStart, entry + 2);
    this.keyStart[entry + 1] = at + end - start;
    if (this.ids && this.interner) {
      this.ids = grow(this.ids, entry + 1);
      this.ids[entry] = this.interner.id(this.decode(bytes, start, end));
    }
    return entry;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.count; entry++) {
      let slot = spread(this.hashes[entry] as number) & mask;
      while (slots[slot] !== -1) slot = (slot + 1) & mask;
      slots[slot] = entry;
    }
    this.slots = slots;
  }
}

/**
 * A hash's bits mixed down to its low ones (murmur3's finalizer), for a slot of the table: FNV-1a's low
 * bits mix the bytes' bits only upwards, so names that differ in their last digits (order ids
 * 38746291837470, …477, …484) sit closer in the table than they should (2M such ids looked up twice:
 * 2.3 s, 2.0 s mixed). The hash itself (hashOf, a buyer's bucket) is unchanged.
 */
function spread(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

/** FNV-1a of bytes[start, end). */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let p = start; p < end; p++) hash = Math.imul(hash ^ (bytes[p] as number), 0x01000193);
  return hash;
}

/** A ByteNames table as plain arrays: entry e is arena[keyStart[e], keyStart[e + 1]). */
export interface NameParts {
  readonly arena: Uint8Array;
  readonly keyStart: Int32Array;
  readonly count: number;
}
