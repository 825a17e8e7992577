// Parse: the names the raw readers share across files — shops, accounts and SKUs (few, kept as
// strings), the (shop, account) channels of chat messages, and the order reports' buyers and order ids
// (hundreds of thousands, matched by their UTF-8 bytes and never kept as strings). A chat message's
// buyer is not numbered here: it is filed by its name's bytes, and numbered with the orders' buyers
// one bucket at a time (cli/bucket-job.ts), whatever the files' encodings. No I/O.
import type { Source } from '../core/model/issues.js';
import { Interner } from '../core/metrics/raw/raw.js';
import { ByteNames } from './byte-names.js';

/** The (shop, account) pairs chat messages are sent through, numbered once for all files. */
export class Channels {
  private readonly ids = new Map<number, number>();
  readonly shop: number[] = [];
  readonly account: number[] = [];
  id(shop: number, account: number): number {
    const key = shop * 0x100000 + account;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.shop.length;
      this.ids.set(key, id);
      this.shop.push(shop);
      this.account.push(account);
    }
    return id;
  }
}

export interface Names {
  readonly shops: Interner;
  readonly accounts: Interner;
  readonly skus: Interner;
  readonly channels: Channels;
  readonly buyers: ByteNames;
  /** Order ids (订单编号), matched by their bytes across the order files. */
  readonly orders: ByteNames;
  /** Where each account was first seen in a chat log, for the unknown-account warning. */
  readonly accountSeen: Map<number, Source>;
}

const utf8 = new TextDecoder();
const decode = (bytes: Uint8Array, start: number, end: number) => utf8.decode(bytes.subarray(start, end));

export function newNames(): Names {
  return {
    shops: new Interner(),
    accounts: new Interner(),
    skus: new Interner(),
    channels: new Channels(),
    buyers: new ByteNames(undefined, decode),
    orders: new ByteNames(undefined, decode),
    accountSeen: new Map(),
  };
}
