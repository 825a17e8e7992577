// Parse: names straight from bytes. A field's bytes are hashed and looked up in an open-addressing
// table, so a name that comes back a million times (a buyer, an account) is decoded once and never
// turned into a string again; and a field equal to the same column's previous one (chat exports list
// a conversation's messages together) costs one short byte comparison. No I/O.
import type { Interner, NameTable } from '../core/raw.js';

export class ByteNames implements NameTable {
  private arena = new Uint8Array(1 << 16);
  private used = 0;
  private keyStart = new Int32Array(1024);
  private keyEnd = new Int32Array(1024);
  private ids = new Int32Array(1024);
  private count = 0;
  private slots = new Int32Array(2048).fill(-1);
  // The previous field's bytes and id.
  private lastStart = 0;
  private lastEnd = -1;
  private lastId = -1;

  /**
   * With an interner, ids are the interner's (names shared with other files and columns); without
   * one, ids are this table's own, dense from 0, and a name is decoded only when asked for.
   */
  constructor(
    private readonly interner: Interner | undefined,
    private readonly decode: (bytes: Uint8Array, start: number, end: number) => string,
  ) {}

  get size(): number {
    return this.count;
  }

  name(id: number): string {
    return this.decode(this.arena, this.keyStart[id] as number, this.keyEnd[id] as number);
  }

  id(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (this.lastEnd - this.lastStart === length && this.same(bytes, start, this.lastStart, length)) return this.lastId;
    let hash = 0x811c9dc5;
    for (let p = start; p < end; p++) hash = Math.imul(hash ^ (bytes[p] as number), 0x01000193);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const entry = this.slots[slot] as number;
      if (entry === -1) break;
      const s = this.keyStart[entry] as number;
      if ((this.keyEnd[entry] as number) - s === length && this.same(bytes, start, s, length)) return this.remember(entry);
      slot = (slot + 1) & mask;
    }
    const entry = this.add(bytes, start, end, this.interner ? this.interner.id(this.decode(bytes, start, end)) : this.count);
    this.slots[slot] = entry;
    if (this.count * 2 > this.slots.length) this.rehash();
    return this.remember(entry);
  }

  private remember(entry: number): number {
    this.lastStart = this.keyStart[entry] as number;
    this.lastEnd = this.keyEnd[entry] as number;
    this.lastId = this.ids[entry] as number;
    return this.lastId;
  }

  private same(bytes: Uint8Array, start: number, at: number, length: number): boolean {
    const arena = this.arena;
    for (let k = 0; k < length; k++) if (bytes[start + k] !== arena[at + k]) return false;
    return true;
  }

  private add(bytes: Uint8Array, start: number, end: number, id: number): number {
    const length = end - start;
    while (this.used + length > this.arena.length) {
      const bigger = new Uint8Array(this.arena.length * 2);
      bigger.set(this.arena);
      this.arena = bigger;
    }
    this.arena.set(bytes.subarray(start, end), this.used);
    if (this.count === this.ids.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.keyStart = grow(this.keyStart);
      this.keyEnd = grow(this.keyEnd);
      this.ids = grow(this.ids);
    }
    const entry = this.count++;
    this.keyStart[entry] = this.used;
    this.keyEnd[entry] = this.used + length;
    this.ids[entry] = id;
    this.used += length;
    return entry;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.count; entry++) {
      let hash = 0x811c9dc5;
      for (let p = this.keyStart[entry] as number; p < (this.keyEnd[entry] as number); p++) hash = Math.imul(hash ^ (this.arena[p] as number), 0x01000193);
      let slot = hash & mask;
      while (slots[slot] !== -1) slot = (slot + 1) & mask;
      slots[slot] = entry;
    }
    this.slots = slots;
  }
}
