// CLI: reading the big tables — chat logs and order reports — and working the raw month out of them.
// A big chat log is cut into byte ranges read by worker threads (chat-thread.ts), each filing its
// messages into buckets by buyer, while this thread reads the order reports; the threads' shops and
// accounts are then mapped onto this thread's, and the month is worked out one bucket at a time, on
// worker threads too (bucket-thread.ts). A range that does not start on a record (a quoted field with
// a line break across the cut), a range stopped by a malformed record, or bytes that are not what the
// file's first megabyte promised send the file back to one thread, which reads any file.
import { isAscii } from 'node:buffer';
import { closeSync } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { capIssues, issue, type Issue, type Source } from '../core/model/issues.js';
import type { IssueCode } from '../core/model/issue-texts.js';
import type { RosterEntry } from '../core/model/dataset.js';
import type { Period } from '../core/num/dates.js';
import type { NameTable, OrderLines } from '../core/metrics/raw/raw.js';
import { RawMonthBuilder, workBucket, type BucketSums, type RawAsk, type RawSource } from '../core/metrics/raw/raw-metrics.js';
import type { Scheme } from '../core/model/scheme.js';
import { BUCKET_BYTES, BucketStore, unlinkedFile, type BucketPieces } from '../io/buckets.js';
import { fileSizes, sheetPath, streamSource, Utf8Watch, type Encoding, type Reader } from '../io/files.js';
import type { BigTableReader, FileEncoding } from '../parse/big-table.js';
import { ChatReader } from '../parse/chat.js';
import { newNames, type Names } from '../parse/names.js';
import { joinOrderLines, OrderHeads, OrderReportReader } from '../parse/order-report.js';
import { OrderReader } from '../parse/orders.js';
import type { InputFormat } from '../parse/grid.js';
import type { ExtraAliases } from '../parse/table.js';
import { prepareBucket, type BucketWork } from './bucket-job.js';
import type { CliIO } from './context.js';
import { progressMemory } from '../io/progress.js';
import type { SourceRead } from './load.js';
import type { InputSpec } from './spec.js';
import { sniffFile, streamWorkbook } from './workbook-stream.js';

type Sources = SourceRead[];

/** How many buckets of buyers the chat log is filed into (see io/buckets.ts). */
export const BUCKETS = 64;
/** A buyer's bucket, from the hash of its name's bytes: the same in every thread and every file. */
const bucketOfHash = (hash: number): number => (hash >>> 0) % BUCKETS;
/** A chat reader's sink that files each message into its buyer's bucket of `store`. */
export const fileInto =
  (store: BucketStore) =>
  (stamp: number, channel: number, bytes: Uint8Array, start: number, end: number, hash: number): void =>
    store.add(bucketOfHash(hash), stamp, channel, bytes, start, end, hash);

/** A thread's young generation kept small: its work is typed arrays, and every thread's heap counts in the peak. */
const THREAD_LIMITS = { maxYoungGenerationSizeMb: 4 };

/** Below this many bytes a chat log is read on one thread: starting threads would cost more than they save. */
const THREAD_MIN_BYTES = 32 << 20;

/** What reading the raw files needs and adds to: the run's inputs, and its issues and sources. */
export interface RawRun {
  readonly spec: InputSpec;
  /** The scheme whose `columns:` aliases the files are read with. */
  readonly scheme: Scheme;
  readonly io: CliIO;
  readonly issues: Issue[];
  readonly sources: Sources;
}

/**
 * Read the chat logs and order reports once: the messages filed by buyer into buckets (on disk past a
 * memory budget), the order lines into columns. The month is worked out of them when the core asks,
 * under the scheme it gives (core/run.ts); dispose() frees the buckets whatever happened.
 */
export async function readRawFiles(run: RawRun, uses = 1): Promise<RawSource & { dispose(): void }> {
  const { io } = run;
  const budget = io.env.KEFU_BUCKET_BYTES ? Number(io.env.KEFU_BUCKET_BYTES) : BUCKET_BYTES;
  const store = new BucketStore(BUCKETS, budget);
  // Dropped by the last month once its builder has what it needs: the big name tables (buyers, order
  // ids) then go before the buckets are worked, as they must for the memory bar.
  let read: RawRead | undefined;
  try {
    read = await readRaw(run, store, budget);
  } catch (error) {
    store.dispose();
    throw error;
  }
  let worked = 0;
  return {
    async month(scheme, period, roster, issues, asked) {
      // The last month of the read takes the buckets as it works them (their memory goes) and lays the
      // order lines out over themselves; the months before it work on copies.
      if (worked === uses || !read) throw new Error(`the raw files were read for ${uses} month(s)`);
      const keep = ++worked < uses;
      const orders = keep ? read.orders.map(copyLines) : read.orders;
      const builder = buildRawMonth({ ...read, orders }, roster, scheme, period, run.spec.orders.length > 0, issues, asked);
      const { threads } = read;
      if (!keep) read = undefined;
      if (threads > 1) {
        // What reading left behind (the order ids, the readers' buffers) goes before the buckets come.
        collectGarbage();
        await workOnThreads(builder, store, threads, keep);
      } else {
        // One bucket of buyers at a time: only its messages are in memory.
        const rules = builder.bucketRules();
        for (let b = 0; b < BUCKETS; b++) builder.add(workBucket(rules, prepareBucket(takeBucket(b, store, builder, keep))));
      }
      return builder.finish(issues);
    },
    dispose: () => store.dispose(),
  };
}

/**
 * Bucket b's records out of the store and its order lines out of the builder. The store's memory for
 * the bucket goes, unless it is kept for another month: then the records are copies (a thread is
 * handed its records' memory, which leaves this one).
 */
function takeBucket(b: number, store: BucketStore, builder: RawMonthBuilder, keep: boolean): BucketWork {
  const read = store.read(b);
  const raw = keep ? { parts: read.parts.map((part) => ({ ...part, bytes: part.bytes.slice() })) } : read;
  if (!keep) store.release(b);
  return { index: b, raw, orders: builder.orders(b) };
}

/** A file's order lines with columns of their own (the builder lays its lines out over them). */
function copyLines(lines: OrderLines): OrderLines {
  const copy = { ...lines } as Record<string, unknown>;
  for (const [name, value] of Object.entries(lines)) if (ArrayBuffer.isView(value)) copy[name] = (value as Uint8Array).slice();
  return copy as unknown as OrderLines;
}

/**
 * The buckets worked out on `threads` threads while this one reads the next buckets and gathers their
 * order lines; a few buckets are in flight at once, so memory stays that of a few buckets. The sums
 * are added in bucket order, as on one thread.
 */
async function workOnThreads(builder: RawMonthBuilder, store: BucketStore, threads: number, keep: boolean): Promise<void> {
  const rules = builder.bucketRules();
  const results: (BucketSums | undefined)[] = new Array(BUCKETS);
  let failure: Error | undefined;
  const idle: ((work: BucketWork) => void)[] = [];
  let wake: (() => void) | undefined;
  const settle = () => {
    wake?.();
    wake = undefined;
  };
  const workers = Array.from({ length: threads }, () => {
    const worker = new Worker(new URL('./bucket-thread.js', import.meta.url), { workerData: rules, resourceLimits: THREAD_LIMITS });
    let busy = false;
    // A thread that fails or stops, at any moment, fails the run: its bucket's data went with it.
    const fail = (error: Error) => {
      failure ??= error;
      settle();
    };
    // Hands the thread a job, its arrays moved, not copied.
    const take = (work: BucketWork) => {
      busy = true;
      const { lines, keys } = work.orders;
      const views = [...work.raw.parts.map((part) => part.bytes), keys.arena, keys.keyStart, ...Object.values(lines).filter((v): v is ArrayBufferView => ArrayBuffer.isView(v))];
      worker.postMessage(work, [...new Set(views.map((v) => v.buffer as ArrayBuffer))]);
    };
    worker.on('message', (sums: BucketSums) => {
      results[sums.index] = sums;
      busy = false;
      idle.push(take);
      settle();
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (busy || failure === undefined) fail(new Error(`a bucket thread stopped (exit ${code}) before the month was worked out`));
    });
    idle.push(take);
    return worker;
  });
  const waitForChange = () => new Promise<void>((resolve) => (wake = resolve));
  try {
    for (let b = 0; b < BUCKETS && !failure; b++) {
      const work = takeBucket(b, store, builder, keep);
      while (idle.length === 0 && !failure) await waitForChange();
      if (failure) break;
      (idle.pop() as (work: BucketWork) => void)(work);
    }
    while (!failure && idle.length < threads) await waitForChange();
    if (failure) throw failure;
    for (const sums of results) if (sums) builder.add(sums);
  } finally {
    const stopping = workers.map((w) => w.terminate());
    failure ??= new Error('stopping'); // the exits that follow are expected
    await Promise.all(stopping);
  }
}

/** The raw files as read: the names, the order lines, the end of the chat logs, and the threads to work on. */
interface RawRead {
  readonly names: Names;
  readonly orders: OrderLines[];
  readonly logEnd: number;
  readonly threads: number;
}

/** Read the chat logs into the buckets and the order reports into columns; the names stay in here. */
async function readRaw(run: RawRun, store: BucketStore, budget: number): Promise<RawRead> {
  const { spec, io, issues, sources } = run;
  const aliases = run.scheme.columns;
  const names = newNames();
  const threads = Math.min(8, Number(io.env.KEFU_THREADS) || availableParallelism());
  const minimum = io.env.KEFU_THREAD_MIN_BYTES !== undefined ? Number(io.env.KEFU_THREAD_MIN_BYTES) : THREAD_MIN_BYTES;
  const sizes = await fileSizes(spec.messages);
  const inputs = await Promise.all(spec.messages.map(resolveInput));
  // Each chat log in CSV: its ranges start on other threads at once; the order reports are read here meanwhile.
  const started = spec.messages.map((path, i) =>
    threads > 1 && path !== '-' && inputs[i]?.format === 'csv' && (sizes[i] as number) >= minimum && import.meta.url.endsWith('.js')
      ? readChatOnThreads(path, sizes[i] as number, threads, spec.encoding, aliases, budget)
      : undefined,
  );
  for (const promise of started) promise?.catch(() => undefined); // awaited below, in file order
  const orders = await readOrders(spec, io, names, aliases, issues, sources);
  // The order ids are all read: from here on they are only named (a million ids' lookup table goes).
  names.orders.seal();
  let onThreads = false;
  let logEnd = 0;
  for (const [i, path] of spec.messages.entries()) {
    const threaded = await started[i]?.catch(() => undefined);
    if (threaded) {
      adoptChat(threaded, path, names, store, issues, sources);
      for (const result of threaded.results) logEnd = Math.max(logEnd, result.latest);
      onThreads = true;
      continue;
    }
    const reader = await streamTable(path, spec, io, (name, encoding) => new ChatReader(name, names, aliases, encoding, fileInto(store)), issues, sources, inputs[i]);
    logEnd = Math.max(logEnd, reader?.latest ?? 0);
  }
  // A log big enough to be read on threads is worked out on them too.
  return { names, orders, logEnd, threads: onThreads ? threads : 1 };
}

/** The builder of the raw month, from what was read and what the core gives: the roster, the scheme, the period. */
function buildRawMonth(read: RawRead, roster: readonly RosterEntry[], scheme: Scheme, period: Period, hasOrders: boolean, issues: Issue[], asked: RawAsk | undefined): RawMonthBuilder {
  const { names, orders, logEnd } = read;
  const buyerBucket = new Uint8Array(names.buyers.size);
  for (let b = 0; b < buyerBucket.length; b++) buyerBucket[b] = bucketOfHash(names.buyers.hashOf(b));
  const orderIds: NameTable = names.orders;
  return new RawMonthBuilder(
    {
      accounts: names.accounts.names,
      shops: names.shops.names,
      skus: names.skus.names,
      channelShop: Int32Array.from(names.channels.shop),
      channelAccount: Int32Array.from(names.channels.account),
      buyerBucket,
      buyerNames: names.buyers,
      buyerKeys: names.buyers.view(),
      orderIds,
      accountSeen: names.accountSeen,
      orders,
      hasOrders,
      logEnd,
    },
    roster,
    scheme,
    period,
    BUCKETS,
    issues,
    asked,
  );
}

/**
 * A full collection now. V8 frees typed arrays that are no longer used only when it collects, which it
 * does late for memory outside its heap (up to some 64 MB per thread): on a big month that much dead
 * memory per thread would push the peak past the bar, so the main thread collects once between
 * reading and working the buckets, and each bucket thread every few buckets (bucket-thread.ts), for
 * a few per cent more time. The flag also gives the threads started after it their `gc`.
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  // Where the flag is not taken (another Node), the collection is skipped: it saves memory, nothing more.
  const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
  if (typeof gc === 'function') gc();
}

/** An input path resolved once: the file (`book.xlsx#Sheet` names a sheet of book.xlsx), the sheet, the format its bytes say. */
interface Input {
  readonly file: string;
  readonly sheet?: string;
  readonly format: InputFormat;
}

async function resolveInput(path: string): Promise<Input> {
  if (path === '-') return { file: path, format: 'csv' };
  const { file, sheet } = await sheetPath(path);
  return { file, ...(sheet !== undefined ? { sheet } : {}), format: await sniffFile(file) };
}

/**
 * Stream one big table through a reader: CSV from the file (or standard input) chunk by chunk, a
 * workbook's sheet as the CSV it would have been (workbook-stream.ts). The reader is handed back
 * unless the file was unreadable.
 */
export async function streamTable<R extends BigTableReader>(
  path: string,
  spec: Pick<InputSpec, 'encoding' | 'sheet'>,
  io: Reader,
  make: (name: string, encoding: FileEncoding) => R,
  issues: Issue[],
  sources: Sources,
  input?: Input,
): Promise<R | undefined> {
  const { file, sheet, format } = input ?? (await resolveInput(path));
  if (format !== 'csv') {
    const reader = make(path, 'utf-8');
    const read = await streamWorkbook(file, path, format, sheet ?? spec.sheet, (chunk, last) => reader.scanner.push(chunk, last), issues);
    if (!read) return undefined;
    sources.push({ name: path, format, sheet: read.sheet, sheets: read.sheets });
    issues.push(...reader.issues());
    return reader;
  }
  let reader: R | undefined;
  const read = await streamSource(path, spec.encoding, io, (name, fileEncoding, size) => {
    const r = make(name, fileEncoding);
    reader = r;
    let seen = 0;
    return {
      push(chunk, last) {
        r.scanner.push(chunk, last);
        // After the first chunk, the rows it held tell how many the whole file has: reserve once.
        if (seen === 0 && size !== undefined && chunk.length > 0 && r.kept > 0) r.expect(Math.ceil(((r.kept * size) / chunk.length) * 1.05));
        seen += chunk.length;
      },
      get line() {
        return r.scanner.line;
      },
      toGb18030() {
        r.encoding = 'gb18030';
      },
    };
  }, issues);
  if (!read || !reader) return undefined;
  sources.push({ ...read, format });
  issues.push(...reader.issues());
  return reader;
}

/**
 * The order reports into columns. With `--order-lines`, the `--orders` files are 淘宝's 订单报表 (one
 * row per order) and the lines come from the 宝贝报表, joined by order number (parse/order-report.ts).
 */
export async function readOrders(spec: Pick<InputSpec, 'orders' | 'orderLines' | 'encoding' | 'sheet'>, io: Reader, names: Names, aliases: ExtraAliases, issues: Issue[], sources: Sources): Promise<OrderLines[]> {
  const heads = spec.orderLines.length > 0 ? new OrderHeads() : undefined;
  if (heads) for (const path of spec.orders) await streamTable(path, spec, io, (name, fileEncoding) => new OrderReportReader(name, names, heads, aliases, fileEncoding), issues, sources);
  const orders: OrderLines[] = [];
  for (const path of heads ? spec.orderLines : spec.orders) {
    const lines = (await streamTable(path, spec, io, (name, fileEncoding) => new OrderReader(name, names, aliases, fileEncoding, heads), issues, sources))?.lines();
    if (lines) orders.push(lines);
  }
  if (heads) joinOrderLines(orders, heads, names, issues);
  return orders;
}

// --- a chat log on several threads ----------------------------------------------------------------

/** What the reader of one range is given. */
export interface ChatRange {
  /** The progress counters this thread adds its reading to. */
  readonly progress: SharedArrayBuffer;
  readonly path: string;
  readonly start: number;
  readonly end: number;
  /** The header line's bytes are [0, headerEnd): a range after the first reads them first. */
  readonly headerEnd: number;
  readonly last: boolean;
  readonly encoding: FileEncoding;
  /** Whether to check that the bytes are UTF-8 (the first megabyte was; the rest is not known yet). */
  readonly checkUtf8: boolean;
  readonly aliases: [string, string[]][];
  readonly budget: number;
  /** The temporary file the range's buckets spill to, opened (and unlinked) by this thread, which reads it. */
  readonly file: number;
}

/** What the reader of one range sends back; its buckets' memory is moved, not copied. */
export interface ChatRangeResult {
  /** The range ended on a record's end (or was the last): the next range started on a record. */
  readonly clean: boolean;
  /** A malformed record stopped the range's scan: one thread reports it as the file's last problem. */
  readonly stopped: boolean;
  /** Bytes that were not UTF-8 were found: the file is read again on one thread, which knows what to do. */
  readonly notUtf8: boolean;
  /** The header could be read and had every column. */
  readonly readable: boolean;
  /** The line the next record would start on, in the range's own numbering (the header is line 1). */
  readonly endLine: number;
  readonly rows: number;
  /** The latest time of a message in the range. */
  readonly latest: number;
  readonly shown: Issue[];
  readonly hidden: [IssueCode, number][];
  readonly shops: readonly string[];
  readonly accounts: readonly string[];
  readonly channelShop: readonly number[];
  readonly channelAccount: readonly number[];
  /** Each account's first line, in the range's numbering. */
  readonly accountSeen: [number, number][];
  readonly pieces: BucketPieces;
}

interface Threaded {
  readonly results: ChatRangeResult[];
  readonly encoding: FileEncoding;
}

/**
 * Read a chat log in `threads` ranges at once. Undefined when it cannot be split (the encoding or the
 * header is in doubt, or no line break near a cut): the caller then reads it on one thread.
 */
async function readChatOnThreads(path: string, size: number, threads: number, encoding: Encoding, aliases: ExtraAliases, budget: number): Promise<Threaded | undefined> {
  const file = await openFile(path, 'r');
  let headerEnd: number;
  const cuts: number[] = [];
  let chosen: FileEncoding;
  try {
    const head = Buffer.alloc(Math.min(size, 1 << 20));
    await file.read(head, 0, head.length, 0);
    // The encoding is decided on the first megabyte as on one thread; anything in doubt goes there.
    const bad = encoding === 'gbk' ? -1 : new Utf8Watch().check(head, head.length === size);
    if (bad >= 0 && encoding !== 'auto') return undefined;
    chosen = encoding === 'gbk' || bad >= 0 ? 'gb18030' : 'utf-8';
    if (bad >= 0 && !isAscii(head.subarray(0, bad))) return undefined; // GBK or mixed: one thread decides
    const lineEnd = head.indexOf(0x0a);
    if (lineEnd < 0 || head.subarray(0, lineEnd).includes(0x22)) return undefined; // a quoted header: one thread
    headerEnd = lineEnd + 1;
    // Cut after the first line break past each share of the file.
    const window = Buffer.alloc(1 << 16);
    for (let k = 1; k < threads; k++) {
      const from = Math.max(headerEnd, Math.floor((size * k) / threads));
      const { bytesRead } = await file.read(window, 0, window.length, from);
      const at = window.subarray(0, bytesRead).indexOf(0x0a);
      if (at < 0) return undefined;
      const cut = from + at + 1;
      if (cut < size && cut > (cuts[cuts.length - 1] ?? headerEnd)) cuts.push(cut);
    }
  } finally {
    await file.close();
  }
  const bounds = [0, ...cuts, size];
  const ranges: ChatRange[] = bounds.slice(0, -1).map((start, k) => ({
    progress: progressMemory(), path, start, end: bounds[k + 1] as number, headerEnd, last: k === bounds.length - 2, encoding: chosen,
    checkUtf8: chosen === 'utf-8', aliases: [...aliases].map(([name, list]) => [name, [...list]]), budget: Math.ceil(budget / (bounds.length - 1)),
    file: unlinkedFile(),
  }));
  const results = await Promise.allSettled(ranges.map(runRange));
  const done = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  if (done.length < results.length || done.some((r, k) => !r.readable || r.notUtf8 || r.stopped || (!r.clean && k < done.length - 1))) {
    for (const range of ranges) closeSync(range.file);
    return undefined;
  }
  return { results: done, encoding: chosen };
}

function runRange(range: ChatRange): Promise<ChatRangeResult> {
  const worker = new Worker(new URL('./chat-thread.js', import.meta.url), { workerData: range, resourceLimits: THREAD_LIMITS });
  return new Promise<ChatRangeResult>((resolve, reject) => {
    worker.once('message', (result: ChatRangeResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a chat-log thread stopped (exit ${code}) before it was done`)));
  });
}

/**
 * Take the ranges' results into this thread: names mapped onto its own, buckets adopted by the store,
 * issues at the file's own lines and capped as one file's.
 */
function adoptChat(threaded: Threaded, path: string, names: Names, store: BucketStore, issues: Issue[], sources: Sources): void {
  const { results } = threaded;
  let firstLine = 1; // the file's line of each range's first record
  const shown: Issue[] = [];
  const hidden: { file: string; code: IssueCode; count: number }[] = [];
  let rows = 0;
  results.forEach((result, k) => {
    // A range after the first reads the header as its line 1 and its first record as line 2.
    const toFile = (line: number) => (k === 0 ? line : line - 2 + firstLine);
    const at = (source: Source | undefined) => (source?.line !== undefined ? { ...source, line: toFile(source.line) } : source);
    for (const item of result.shown) {
      if (k > 0 && item.source?.line === 1) continue; // the header's issues are the first range's
      const source = at(item.source);
      shown.push(source ? { ...item, source } : item);
    }
    for (const [code, count] of result.hidden) hidden.push({ file: path, code, count });
    const shopIds = result.shops.map((name) => names.shops.id(name));
    const accountIds = result.accounts.map((name) => names.accounts.id(name));
    const channelMap = Int32Array.from(result.channelShop, (shop, c) => names.channels.id(shopIds[shop] as number, accountIds[result.channelAccount[c] as number] as number));
    for (const [account, line] of result.accountSeen) {
      const id = accountIds[account] as number;
      if (!names.accountSeen.has(id)) names.accountSeen.set(id, { file: path, line: toFile(line) });
    }
    store.adopt(result.pieces, channelMap);
    rows += result.rows;
    firstLine = toFile(result.endLine);
  });
  // Capped again over the whole file: the first few of each code, then how many more.
  issues.push(...capIssues(shown, hidden));
  // As one thread says it: a file with no rows and no other problem has no data.
  if (rows === 0 && shown.length === 0 && hidden.length === 0) issues.push(issue('NO_DATA_ROWS', {}, { file: path }));
  sources.push({ name: path, encoding: threaded.encoding, threads: results.length });
}
