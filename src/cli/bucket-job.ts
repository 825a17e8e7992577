// CLI: one bucket's records and order lines → the core's BucketJob. The bucket's buyers — those of its
// chat records and those of its order lines, all given by their names' bytes — are numbered together
// here, in a table of this bucket's buyers alone, so no table of every buyer is ever held. Runs on
// the main thread or on a bucket thread (bucket-thread.ts), with the same result.
import type { BucketJob, BucketOrders } from '../core/metrics/raw/raw-metrics.js';
import { RECORD_HEAD, type RawBucket } from '../io/buckets.js';
import { ByteNames } from '../parse/byte-names.js';

const utf8 = new TextDecoder();
/** A buyer's name, decoded only when asked for (kefu explain's rows). */
const decode = (bytes: Uint8Array, start: number, end: number) => utf8.decode(bytes.subarray(start, end));

/** One bucket as it leaves the store and the builder: its chat records and its order lines. */
export interface BucketWork {
  readonly index: number;
  readonly raw: RawBucket;
  readonly orders: BucketOrders;
}

export function prepareBucket({ index, raw, orders }: BucketWork): BucketJob {
  let count = 0;
  for (const { bytes } of raw.parts) {
    for (let at = 0; at < bytes.length; count++) at += RECORD_HEAD + readInt32(bytes, at + 12);
  }
  const names = new ByteNames(undefined, decode);
  const stamp = new Uint32Array(count);
  const channel = new Int32Array(count);
  const buyer = new Int32Array(count);
  let i = 0;
  for (const { bytes, channelMap } of raw.parts) {
    for (let at = 0; at < bytes.length; i++) {
      const length = readInt32(bytes, at + 12);
      stamp[i] = readInt32(bytes, at) >>> 0;
      const ch = readInt32(bytes, at + 4);
      channel[i] = channelMap ? (channelMap[ch] as number) : ch;
      buyer[i] = names.idWithHash(bytes, at + RECORD_HEAD, at + RECORD_HEAD + length, readInt32(bytes, at + 8));
      at += RECORD_HEAD + length;
    }
  }
  const { keys, lines } = orders;
  const local = new Int32Array(keys.count);
  for (let k = 0; k < keys.count; k++) local[k] = names.id(keys.arena, keys.keyStart[k] as number, keys.keyStart[k + 1] as number);
  const lineBuyer = lines.buyer;
  for (let j = 0; j < lines.count; j++) lineBuyer[j] = local[lineBuyer[j] as number] as number;
  return { index, buyers: Math.max(1, names.size), count, stamp, channel, buyer, lines, buyerName: (id) => names.name(id) };
}

function readInt32(bytes: Uint8Array, at: number): number {
  return (bytes[at] as number) | ((bytes[at + 1] as number) << 8) | ((bytes[at + 2] as number) << 16) | ((bytes[at + 3] as number) << 24);
}
