// CLI: buckets of the raw month worked out on a thread of its own (see raw-load.ts). Gets the rules
// once, then one bucket at a time — its messages and order lines, moved, not copied — and posts back
// what the bucket adds up to by owner. The work itself is the core's workBucket.
import { parentPort, workerData } from 'node:worker_threads';
import { workBucket, type BucketJob, type BucketRules } from '../core/raw-metrics.js';

const rules = workerData as BucketRules;
parentPort?.on('message', (job: BucketJob) => parentPort?.postMessage(workBucket(rules, job)));
