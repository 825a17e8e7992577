// Parse: the names the raw readers share across files — shops, accounts and SKUs (few, kept as
// strings) and buyers (hundreds of thousands, matched by their UTF-8 bytes and never kept as strings),
// so that one buyer is one id in the chat log and in the orders, whatever the files' encodings. No I/O.
import { Interner } from '../core/raw.js';
import { ByteNames } from './byte-names.js';

export interface Names {
  readonly shops: Interner;
  readonly accounts: Interner;
  readonly skus: Interner;
  readonly buyers: ByteNames;
  /** Order ids (订单编号), matched by their bytes across the order files. */
  readonly orders: ByteNames;
}

const utf8 = new TextDecoder();
const decode = (bytes: Uint8Array, start: number, end: number) => utf8.decode(bytes.subarray(start, end));

export function newNames(): Names {
  return { shops: new Interner(), accounts: new Interner(), skus: new Interner(), buyers: new ByteNames(undefined, decode), orders: new ByteNames(undefined, decode) };
}
