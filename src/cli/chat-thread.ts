// CLI: one byte range of a chat log, read on a thread of its own (see raw-load.ts). Reads the header
// line and then its range, files the messages into buckets by buyer (spilling, past its share of the
// memory budget, to the temporary file its parent opened for it) and posts back what it found: its
// shops and accounts, its issues, its buckets (moved, not copied) and whether the range ended on a
// record's end.
import { parentPort, workerData } from 'node:worker_threads';
import { BucketStore } from '../io/buckets.js';
import { readRange, Utf8Watch } from '../io/files.js';
import { adoptProgress } from '../io/progress.js';
import { ChatReader } from '../parse/chat.js';
import { newNames } from '../parse/names.js';
import { BUCKETS, fileInto, type ChatRange, type ChatRangeResult } from './raw-load.js';

const range = workerData as ChatRange;
adoptProgress(range.progress);
const names = newNames();
const store = new BucketStore(BUCKETS, range.budget, range.file);
const reader = new ChatReader(range.path, names, new Map(range.aliases), range.encoding, fileInto(store));
const watch = range.checkUtf8 ? new Utf8Watch() : undefined;
let notUtf8 = false;
if (range.start > 0) {
  await readRange(range.path, 0, range.headerEnd, (chunk) => {
    reader.scanner.push(chunk, false);
    return true;
  });
}
await readRange(range.path, range.start, range.end, (chunk) => {
  if (watch && watch.check(chunk, false) >= 0) {
    notUtf8 = true;
    return false;
  }
  reader.scanner.push(chunk, false);
  return true;
});
if (watch && !notUtf8 && watch.check(new Uint8Array(0), true) >= 0) notUtf8 = true;
const clean = reader.scanner.pending === 0;
if (range.last) reader.scanner.push(new Uint8Array(0), true);
const { shown, hidden } = reader.issueState();
const pieces = store.handOver();
const result: ChatRangeResult = {
  clean,
  stopped: reader.scanner.stopped,
  notUtf8,
  readable: reader.readable,
  endLine: reader.scanner.line,
  rows: reader.rows,
  latest: reader.latest,
  shown,
  hidden,
  shops: names.shops.names,
  accounts: names.accounts.names,
  channelShop: names.channels.shop,
  channelAccount: names.channels.account,
  accountSeen: [...names.accountSeen].map(([account, source]) => [account, source.line ?? 1]),
  pieces,
};
const moved = pieces.memory.map((a) => a.buffer as ArrayBuffer);
parentPort?.postMessage(result, [...new Set(moved)]);
