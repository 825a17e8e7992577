// Core: an agent's metrics, each with the source it was taken from (agents.ts METRIC_SOURCES), read as
// a Map is (get, has, iteration in the order taken). The names are numbered once for the month
// (MetricSlots) and each agent holds two short arrays: a sheet of 200,000 agents holds no 400,000
// hash tables of thirty entries. Pure.
import type { Rational } from '../num/rational.js';

/** The month's metric names, numbered in the order first taken: shared by every agent's AgentMetrics. */
export class MetricSlots {
  private readonly numbers = new Map<string, number>();
  readonly names: string[] = [];

  number(name: string): number {
    let slot = this.numbers.get(name);
    if (slot === undefined) {
      slot = this.names.push(name) - 1;
      this.numbers.set(name, slot);
    }
    return slot;
  }

  find(name: string): number | undefined {
    return this.numbers.get(name);
  }
}

/** Bits of a `taken` entry that hold the source's number; the slot is above them. */
const SOURCE_BITS = 3;
const SOURCE_MASK = (1 << SOURCE_BITS) - 1;
/** The source of a metric set without one (as a Map's set). */
const NO_SOURCE = SOURCE_MASK;

export class AgentMetrics implements Map<string, Rational> {
  /** By slot. */
  private readonly bySlot: (Rational | undefined)[] = [];
  /** slot << SOURCE_BITS | the source's number, in the order the metrics were first taken. */
  private readonly taken: number[] = [];

  constructor(private readonly slots: MetricSlots) {}

  get(name: string): Rational | undefined {
    const slot = this.slots.find(name);
    return slot === undefined ? undefined : this.bySlot[slot];
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** The number of the source the metric was taken from (the caller's list), or undefined. */
  sourceOf(name: string): number | undefined {
    const slot = this.slots.find(name);
    if (slot === undefined || this.bySlot[slot] === undefined) return undefined;
    for (const entry of this.taken) if (entry >>> SOURCE_BITS === slot) return (entry & SOURCE_MASK) === NO_SOURCE ? undefined : entry & SOURCE_MASK;
    return undefined;
  }

  /** Sets the metric, from source number `source` (0 to 6; none when not given); a metric set again keeps its place. */
  set(name: string, value: Rational, source = NO_SOURCE): this {
    if (source < 0 || source > NO_SOURCE) throw new RangeError(`source number ${source}`);
    const slot = this.slots.number(name);
    if (this.bySlot[slot] === undefined) this.taken.push((slot << SOURCE_BITS) | source);
    else {
      const at = this.taken.findIndex((entry) => entry >>> SOURCE_BITS === slot);
      this.taken[at] = (slot << SOURCE_BITS) | source;
    }
    this.bySlot[slot] = value;
    return this;
  }

  delete(name: string): boolean {
    const slot = this.slots.find(name);
    if (slot === undefined || this.bySlot[slot] === undefined) return false;
    this.bySlot[slot] = undefined;
    this.taken.splice(this.taken.findIndex((entry) => entry >>> SOURCE_BITS === slot), 1);
    return true;
  }

  clear(): void {
    this.bySlot.length = 0;
    this.taken.length = 0;
  }

  get size(): number {
    return this.taken.length;
  }

  *entries(): MapIterator<[string, Rational]> {
    for (const entry of this.taken) {
      const slot = entry >>> SOURCE_BITS;
      yield [this.slots.names[slot] as string, this.bySlot[slot] as Rational];
    }
  }

  *keys(): MapIterator<string> {
    for (const entry of this.taken) yield this.slots.names[entry >>> SOURCE_BITS] as string;
  }

  *values(): MapIterator<Rational> {
    for (const entry of this.taken) yield this.bySlot[entry >>> SOURCE_BITS] as Rational;
  }

  [Symbol.iterator](): MapIterator<[string, Rational]> {
    return this.entries();
  }

  forEach(callback: (value: Rational, key: string, map: Map<string, Rational>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  get [Symbol.toStringTag](): string {
    return 'AgentMetrics';
  }
}
