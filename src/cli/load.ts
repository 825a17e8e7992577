// CLI: the one loader every command shares. Reads the scheme first (it is validated before any data
// is read, and its `columns:` aliases apply to every table), then every input file; returns the parsed
// month and every issue found. Files are read through io/, text is parsed by parse/.
import type { Dataset } from '../core/dataset.js';
import type { Issue } from '../core/issues.js';
import type { Scheme } from '../core/scheme.js';
import { fileSizes, readSource, type TextSource } from '../io/files.js';
import { parseScheme } from '../parse/scheme.js';
import { parseRoster, checkRoster } from '../parse/roster.js';
import { parseStats } from '../parse/stats.js';
import { parseFacts, parseAdjustments } from '../parse/facts.js';
import { ChatReader } from '../parse/chat.js';
import type { NameTable, OrderLines } from '../core/raw.js';
import { RawMonthBuilder, type RawResult } from '../core/raw-metrics.js';
import { BucketStore } from '../io/buckets.js';
import { newNames, type Names } from '../parse/names.js';
import { adoptOrders, ordersOnThread, readOrders, streamTable } from './raw-load.js';
import type { RosterEntry } from '../core/dataset.js';
import type { InputSpec } from './spec.js';
import type { CliIO } from './context.js';

export interface Loaded {
  readonly scheme?: Scheme;
  readonly dataset?: Dataset;
  readonly issues: Issue[];
  /**
   * False when a roster file could not be read at all: then every account would look unknown and
   * every fact unowned, so the month is not computed and only the reading errors are shown.
   */
  readonly rosterRead: boolean;
  readonly sources: readonly Pick<TextSource, 'name' | 'encoding'>[];
}

export async function loadInputs(spec: InputSpec, io: CliIO): Promise<Loaded> {
  const issues: Issue[] = [];
  const sources: Pick<TextSource, 'name' | 'encoding'>[] = [];
  const read = async (path: string) => {
    const source = await readSource(path, spec.encoding, io, issues);
    if (source) sources.push({ name: source.name, encoding: source.encoding });
    return source;
  };

  const schemeSource = await read(spec.scheme);
  if (!schemeSource) return { issues, sources, rosterRead: false };
  const parsed = parseScheme(schemeSource.text, schemeSource.name);
  issues.push(...parsed.issues);
  const scheme = parsed.scheme;
  if (!scheme) return { issues, sources, rosterRead: false };

  const aliases = scheme.columns;
  const dataset = {
    roster: [] as Dataset['roster'][number][],
    stats: [] as Dataset['stats'][number][],
    benchmarks: [] as Dataset['benchmarks'][number][],
    facts: [] as Dataset['facts'][number][],
    factNames: new Set<string>(),
    adjustments: [] as Dataset['adjustments'][number][],
  };
  let rosterRead = true;
  for (const path of spec.roster) {
    const source = await read(path);
    const entries = source ? parseRoster(source.text, source.name, aliases, issues) : undefined;
    if (entries) dataset.roster.push(...entries);
    else rosterRead = false;
  }
  checkRoster(dataset.roster, issues);
  for (const path of spec.stats) {
    const source = await read(path);
    if (!source) continue;
    const { rows, benchmarks } = parseStats(source.text, source.name, aliases, issues);
    dataset.stats.push(...rows);
    dataset.benchmarks.push(...benchmarks);
  }
  for (const path of spec.facts) {
    const source = await read(path);
    if (!source) continue;
    const { rows, names } = parseFacts(source.text, source.name, aliases, issues);
    dataset.facts.push(...rows);
    for (const name of names) dataset.factNames.add(name);
  }
  for (const path of spec.adjustments) {
    const source = await read(path);
    if (source) dataset.adjustments.push(...parseAdjustments(source.text, source.name, aliases, issues));
  }
  const raw = spec.messages.length + spec.orders.length > 0 ? await loadRaw({ spec, scheme, roster: dataset.roster, io, issues, sources }) : undefined;
  return { scheme, dataset: { ...dataset, ...(raw ? { raw } : {}) }, issues, sources, rosterRead };
}

/**
 * The builder of the raw month. A function of its own so that the big name tables (buyers, order
 * ids) and the loader's names are out of reach once it is built: the buckets are worked without them.
 */
function buildRawMonth(names: Names, orders: OrderLines[], orderIds: NameTable, spec: InputSpec, scheme: Scheme, roster: readonly RosterEntry[], buckets: number, issues: Issue[]): RawMonthBuilder {
  return new RawMonthBuilder(
    {
      accounts: names.accounts.names,
      skus: names.skus.names,
      channelShop: Int32Array.from(names.channels.shop),
      channelAccount: Int32Array.from(names.channels.account),
      buyerCount: names.buyers.size,
      buyerNames: names.buyers,
      orderIds,
      accountSeen: names.accountSeen,
      orders,
      hasOrders: spec.orders.length > 0,
    },
    roster,
    scheme,
    spec.period,
    buckets,
    issues,
  );
}

/** How many buckets of buyers the chat log is filed into (see io/buckets.ts). */
const BUCKETS = 64;

/** What reading the raw files needs and adds to: the run's inputs, and its issues and sources. */
interface RawRun {
  readonly spec: InputSpec;
  readonly scheme: Scheme;
  readonly roster: readonly RosterEntry[];
  readonly io: CliIO;
  readonly issues: Issue[];
  readonly sources: Pick<TextSource, 'name' | 'encoding'>[];
}

async function loadRaw(run: RawRun): Promise<RawResult> {
  const { io, issues } = run;
  // The messages are filed by buyer as they are read; past a memory budget the files are on disk.
  const budget = io.env.KEFU_BUCKET_BYTES ? Number(io.env.KEFU_BUCKET_BYTES) : undefined;
  const store = new BucketStore(BUCKETS, budget);
  try {
    const builder = await readRaw(run, store);
    // One bucket of buyers at a time: only its messages are in memory.
    for (let b = 0; b < BUCKETS; b++) {
      builder.addBucket(b, store.read(b));
      store.release(b);
    }
    return builder.finish(issues);
  } finally {
    store.dispose();
  }
}

/** Read the chat logs into the buckets and the order reports into columns; the names stay in here. */
async function readRaw(run: RawRun, store: BucketStore): Promise<RawMonthBuilder> {
  const { spec, scheme, roster, io, issues, sources } = run;
  const aliases = scheme.columns;
  const names = newNames();
  // A big order report may be read on the second core while this one reads the chat log.
  const onThread = ordersOnThread(spec.orders, spec.encoding, aliases, await fileSizes(spec.orders), io.env);
  for (const path of spec.messages) {
    await streamTable(path, spec.encoding, io, (name, encoding) => new ChatReader(name, names, aliases, encoding, (stamp, channel, buyer) => store.add(stamp, channel, buyer)), issues, sources);
  }
  if (onThread) {
    const from = await onThread;
    issues.push(...from.issues);
    sources.push(...from.sources);
    const { orders, orderIds } = adoptOrders(from, names);
    return buildRawMonth(names, orders, orderIds, spec, scheme, roster, BUCKETS, issues);
  }
  const orders = await readOrders(spec.orders, spec.encoding, io, names, aliases, issues, sources);
  return buildRawMonth(names, orders, names.orders, spec, scheme, roster, BUCKETS, issues);
}
