// Core: the raw month in compact columns — chat messages and order lines as numbers in typed arrays,
// names interned once. parse/chat.ts and parse/orders.ts fill them; chat-metrics.ts, attribution.ts and
// raw-metrics.ts beside this file read them. Times are wall-clock seconds since
// 1970-01-01 in the scheme's time zone (exports carry no offset). Amounts are integer fen held in
// safe-integer numbers: exact, never fractional. Pure.

/** Ids 0…size−1 and the name behind each. */
export interface NameTable {
  readonly size: number;
  name(id: number): string;
}

/** Names seen in the raw files, each given a small integer once (shops, accounts, buyers, SKUs…). */
export class Interner implements NameTable {
  private readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }
  get size(): number {
    return this.names.length;
  }
  name(id: number): string {
    return this.names[id] ?? '';
  }
}

export const SENDER_BUYER = 0;
export const SENDER_AGENT = 1;

/**
 * A message's time and sender in one number: wall-clock seconds since 2000-01-01 (good until 2068)
 * times two, plus the sender. Stamps sort by time and, at equal times, buyer before agent — the order
 * SPEC §2 walks a conversation in.
 */
const EPOCH_2000 = 946_684_800;
export const stampOf = (time: number, sender: number): number => (time - EPOCH_2000) * 2 + sender;
export const timeOfStamp = (stamp: number): number => Math.floor(stamp / 2) + EPOCH_2000;
export const senderOfStamp = (stamp: number): number => stamp & 1;
/** Whether a time can be stamped (2000-01-01 … 2068). */
export const stampable = (time: number): boolean => time >= EPOCH_2000 && time < EPOCH_2000 + 2 ** 31;
/** The largest stamp at the given time (an agent's message at that second). */
export const lastStampAt = (time: number): number => stampOf(time, SENDER_AGENT);

/** What a column of numbers is held in. */
export type TypedColumn = Int32Array | Uint32Array | Float64Array | Uint8Array;
export type ColumnType = new (size: number) => TypedColumn;

/** An array of numbers that grows as rows are appended. */
export class Column<T extends TypedColumn> {
  data: T;
  length = 0;
  constructor(private readonly make: (size: number) => T) {
    this.data = make(1024);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  /** Make room for `size` rows at once, so a big file grows its columns once, not by doubling. */
  reserve(size: number): void {
    if (size <= this.data.length) return;
    const bigger = this.make(size);
    bigger.set(this.data.subarray(0, this.length));
    this.data = bigger;
  }
  /** The filled part, as a view. */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

export const int32 = () => new Column((n) => new Int32Array(n));

/**
 * Chat messages (robots' left out) as the digest takes them: one bucket of buyers at a time. A
 * message's shop and account are one "channel" (few of them), so each message costs 12 bytes.
 */
export interface ChatLog {
  readonly count: number;
  /** Time and sender, see stampOf. */
  readonly stamp: Uint32Array;
  readonly channel: Int32Array;
  readonly buyer: Int32Array;
  /** Channel id → its shop and account ids. */
  readonly channelShop: Int32Array;
  readonly channelAccount: Int32Array;
}

/**
 * The columns of the order lines, each with its element type, listed once: the reader grows them, the
 * month joins the files' columns, lays them out bucket by bucket and slices a bucket's, all over this
 * table. Where each line came from (files, fileOf, lineNumber) is apart: only the checks use it.
 */
export const ORDER_COLUMN_TYPES = {
  order: Int32Array,
  shop: Int32Array,
  buyer: Int32Array,
  created: Uint32Array,
  /** 0 = not paid. */
  paid: Uint32Array,
  amount: Float64Array,
  refund: Float64Array,
  sku: Int32Array,
  quantity: Int32Array,
  /** 1 = marked 套餐 in the file, 0 = not, 2 = the file does not say. */
  bundle: Uint8Array,
  /** An explicit credit (落实客服) account id, or −1. */
  credited: Int32Array,
} as const satisfies Record<string, ColumnType>;

export type OrderLineColumn = keyof typeof ORDER_COLUMN_TYPES;
const COLUMN_NAMES = Object.keys(ORDER_COLUMN_TYPES) as OrderLineColumn[];

/** Each column of the table as an array of its own type (Int32Array for `order`, …). */
export type OrderColumns = { readonly [K in OrderLineColumn]: (typeof ORDER_COLUMN_TYPES)[K]['prototype'] };

/** Every column made by `make` from its name and element type, e.g. `(name) => lines[name].slice(from, to)`. */
export function orderColumns(make: (name: OrderLineColumn, type: ColumnType) => TypedColumn): OrderColumns {
  const columns = {} as Record<OrderLineColumn, TypedColumn>;
  for (const name of COLUMN_NAMES) columns[name] = make(name, ORDER_COLUMN_TYPES[name]);
  return columns as OrderColumns;
}

/** The order-line columns as they grow, line by line, while a report is read. */
export function growingOrderColumns(): { readonly [K in OrderLineColumn]: Column<OrderColumns[K]> } {
  const columns = {} as Record<OrderLineColumn, Column<TypedColumn>>;
  for (const name of COLUMN_NAMES) columns[name] = new Column((size) => new ORDER_COLUMN_TYPES[name](size));
  return columns as { [K in OrderLineColumn]: Column<OrderColumns[K]> };
}

/** Every order line; the lines of one order share its order id, buyer and times. */
export interface OrderLines extends OrderColumns {
  readonly count: number;
  /** Where each line came from, for issues: file index into `files`, and line number. */
  readonly files: readonly string[];
  readonly fileOf: Uint8Array;
  readonly lineNumber: Int32Array;
}
