// CLI: buckets of the raw month worked out on a thread of its own (see raw-load.ts). Gets the rules
// once, then one bucket at a time — its records and order lines, moved, not copied — and posts back
// what the bucket adds up to by owner. The work itself is prepareBucket and the core's workBucket.
import { parentPort, workerData } from 'node:worker_threads';
import { workBucket, type BucketRules } from '../core/metrics/raw/raw-metrics.js';
import { prepareBucket, type BucketWork } from './bucket-job.js';

const rules = workerData as BucketRules;
/** Exposed by the thread that started this one (raw-load.ts): collecting now and then keeps memory flat. */
const collect = (globalThis as { gc?: () => void }).gc;
/** Collect after this many bytes of buckets: their arrays, a few times as big, are then all dead. */
const COLLECT_AFTER = 16 << 20;
let since = 0;
parentPort?.on('message', (work: BucketWork) => {
  parentPort?.postMessage(workBucket(rules, prepareBucket(work)));
  since += work.raw.parts.reduce((n, part) => n + part.bytes.length, 0) + work.orders.lines.count * 48;
  if (since >= COLLECT_AFTER) {
    collect?.();
    since = 0;
  }
});
