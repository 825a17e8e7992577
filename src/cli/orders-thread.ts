// CLI: the order reports, read on a thread of their own (see raw-load.ts). Reads the files given in
// workerData and posts back their columns (moved, not copied), names, issues and sources.
import { parentPort, workerData } from 'node:worker_threads';
import type { Issue } from '../core/issues.js';
import type { Encoding } from '../io/files.js';
import { newNames } from '../parse/names.js';
import { readOrders, type OrdersFromThread } from './raw-load.js';

const { paths, encoding, aliases } = workerData as { paths: string[]; encoding: Encoding; aliases: [string, string[]][] };
const names = newNames();
const issues: Issue[] = [];
const sources: OrdersFromThread['sources'] = [];
const noStdin = { readStdin: async () => new Uint8Array(0) };
const orders = await readOrders(paths, encoding, noStdin, names, new Map(aliases), issues, sources);
const result: OrdersFromThread = {
  orders,
  shops: names.shops.names,
  accounts: names.accounts.names,
  skus: names.skus.names,
  buyers: names.buyers.parts(),
  orderIds: names.orders.parts(),
  issues,
  sources,
};
const columns = orders.flatMap((o) => [o.order, o.shop, o.buyer, o.created, o.paid, o.amount, o.refund, o.sku, o.quantity, o.bundle, o.credited, o.lineNumber]);
const moved = [...columns, result.buyers.arena, result.buyers.keyStart, result.orderIds.arena, result.orderIds.keyStart].map((a) => a.buffer);
parentPort?.postMessage(result, [...new Set(moved)] as ArrayBuffer[]);
