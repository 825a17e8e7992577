// CLI: reading the big tables — chat logs and order reports — streamed through their readers, and,
// for a big order report, on the second core while the chat log is read on the first. The order
// reader's names (shops, accounts, SKUs, buyers) are its own there, and are mapped onto the main
// thread's when it is done.
import { Worker } from 'node:worker_threads';
import type { Issue } from '../core/issues.js';
import type { OrderLines } from '../core/raw.js';
import { streamSource, type Encoding, type Reader, type TextSource } from '../io/files.js';
import type { BigTableReader, FileEncoding } from '../parse/big-table.js';
import { namesFromParts } from '../parse/byte-names.js';
import type { Names } from '../parse/names.js';
import { OrderReader } from '../parse/orders.js';
import type { ExtraAliases } from '../parse/table.js';

type Sources = Pick<TextSource, 'name' | 'encoding'>[];

/** Stream one big table through a reader; the reader is handed to `done` unless the file was unreadable. */
export async function streamTable<R extends BigTableReader>(
  path: string,
  encoding: Encoding,
  io: Reader,
  make: (name: string, encoding: FileEncoding) => R,
  issues: Issue[],
  sources: Sources,
): Promise<R | undefined> {
  let reader: R | undefined;
  const read = await streamSource(path, encoding, io, (name, fileEncoding, size) => {
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
  sources.push(read);
  issues.push(...reader.issues());
  return reader;
}

export async function readOrders(paths: readonly string[], encoding: Encoding, io: Reader, names: Names, aliases: ExtraAliases, issues: Issue[], sources: Sources): Promise<OrderLines[]> {
  const orders: OrderLines[] = [];
  for (const path of paths) {
    const lines = (await streamTable(path, encoding, io, (name, fileEncoding) => new OrderReader(name, names, aliases, fileEncoding), issues, sources))?.lines();
    if (lines) orders.push(lines);
  }
  return orders;
}

/** What the order thread sends back: the columns (moved, not copied), its names, issues and sources. */
export interface OrdersFromThread {
  readonly orders: OrderLines[];
  readonly shops: readonly string[];
  readonly accounts: readonly string[];
  readonly skus: readonly string[];
  readonly buyers: { arena: Uint8Array; keyStart: Int32Array; count: number };
  readonly orderIds: { arena: Uint8Array; keyStart: Int32Array; count: number };
  readonly issues: Issue[];
  readonly sources: Sources;
}

/** Below this many bytes of order report, a thread costs more than it saves. */
const THREAD_MIN_BYTES = 8 << 20;

/**
 * Start reading the order reports on another thread, when asked (KEFU_THREADS=2), the reports are big
 * and the program runs from its build (the thread runs the compiled reader); undefined otherwise.
 * Measured on a month of 5,000,000 messages and 1,000,000 order lines: 19% less wall time, 20–50 MB
 * more peak memory — so it is not the default.
 */
export function ordersOnThread(paths: readonly string[], encoding: Encoding, aliases: ExtraAliases, sizes: readonly number[], env: Readonly<Record<string, string | undefined>>): Promise<OrdersFromThread> | undefined {
  const compiled = import.meta.url.endsWith('.js');
  const minimum = env.KEFU_THREAD_MIN_BYTES !== undefined ? Number(env.KEFU_THREAD_MIN_BYTES) : THREAD_MIN_BYTES;
  const total = sizes.reduce((a, b) => a + b, 0);
  if (!compiled || env.KEFU_THREADS !== '2' || paths.includes('-') || total < minimum) return undefined;
  const worker = new Worker(new URL('./orders-thread.js', import.meta.url), { workerData: { paths, encoding, aliases: [...aliases] } });
  const result = new Promise<OrdersFromThread>((resolve, reject) => {
    worker.once('message', (posted: OrdersFromThread) => {
      resolve(posted);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the order-reading thread stopped (exit ${code}) before it was done`)));
  });
  // Awaited only after the chat logs are read: a failure before then must not go unhandled.
  result.catch(() => undefined);
  return result;
}

/** Map the thread's names onto this thread's and rewrite the id columns to them. */
export function adoptOrders(from: OrdersFromThread, names: Names): { orders: OrderLines[]; orderIds: ReturnType<typeof namesFromParts> } {
  const remap = (list: readonly string[], interner: Names['shops']) => Int32Array.from(list, (name) => interner.id(name));
  const shops = remap(from.shops, names.shops);
  const accounts = remap(from.accounts, names.accounts);
  const skus = remap(from.skus, names.skus);
  const buyers = new Int32Array(from.buyers.count);
  for (let e = 0; e < from.buyers.count; e++) buyers[e] = names.buyers.id(from.buyers.arena, from.buyers.keyStart[e] as number, from.buyers.keyStart[e + 1] as number);
  for (const lines of from.orders) {
    for (let i = 0; i < lines.count; i++) {
      lines.shop[i] = shops[lines.shop[i] as number] as number;
      lines.buyer[i] = buyers[lines.buyer[i] as number] as number;
      lines.sku[i] = skus[lines.sku[i] as number] as number;
      if ((lines.credited[i] as number) >= 0) lines.credited[i] = accounts[lines.credited[i] as number] as number;
    }
  }
  const utf8 = new TextDecoder();
  return { orders: from.orders, orderIds: namesFromParts(from.orderIds, (bytes, start, end) => utf8.decode(bytes.subarray(start, end))) };
}

