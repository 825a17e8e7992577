// CLI: the one loader every command shares. Reads the scheme first (it is validated before any data
// is read, and its `columns:` aliases apply to every table), then every input file; returns the parsed
// month and every issue found. Files are read through io/, text is parsed by parse/.
import type { Dataset } from '../core/dataset.js';
import type { Issue } from '../core/issues.js';
import type { Scheme } from '../core/scheme.js';
import { readSource, streamSource, type TextSource } from '../io/files.js';
import { parseScheme } from '../parse/scheme.js';
import { parseRoster, checkRoster } from '../parse/roster.js';
import { parseStats } from '../parse/stats.js';
import { parseFacts, parseAdjustments } from '../parse/facts.js';
import { ChatReader } from '../parse/chat.js';
import { OrderReader } from '../parse/orders.js';
import type { BigTableReader, FileEncoding } from '../parse/big-table.js';
import type { ChatLog, OrderLines, RawMonth } from '../core/raw.js';
import { newNames } from '../parse/names.js';
import { digestChats } from '../core/chat-metrics.js';
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
  const raw = spec.messages.length + spec.orders.length > 0 ? await loadRaw(spec, scheme, dataset.roster, io, issues, sources) : undefined;
  return { scheme, dataset: { ...dataset, ...(raw ? { raw } : {}) }, issues, sources, rosterRead };
}

/** The chat logs and order reports, streamed through their readers. */
async function loadRaw(
  spec: InputSpec,
  scheme: Scheme,
  roster: readonly RosterEntry[],
  io: CliIO,
  issues: Issue[],
  sources: Pick<TextSource, 'name' | 'encoding'>[],
): Promise<RawMonth> {
  const aliases = scheme.columns;
  const names = newNames();
  const chats: ChatLog[] = [];
  const orders: OrderLines[] = [];
  const stream = async <R extends BigTableReader>(path: string, make: (name: string, encoding: FileEncoding) => R, done: (reader: R) => void) => {
    let reader: R | undefined;
    const read = await streamSource(path, spec.encoding, io, (name, encoding, size) => {
      const r = make(name, encoding);
      reader = r;
      let seen = 0;
      return (chunk, last) => {
        r.scanner.push(chunk, last);
        // After the first chunk, the rows it held tell how many the whole file has: reserve once.
        if (seen === 0 && size !== undefined && chunk.length > 0 && r.kept > 0) r.expect(Math.ceil(((r.kept * size) / chunk.length) * 1.05));
        seen += chunk.length;
      };
    }, issues);
    if (!read || !reader) return;
    sources.push(read);
    issues.push(...reader.issues());
    done(reader);
  };
  for (const path of spec.messages) await stream(path, (name, encoding) => new ChatReader(name, names, aliases, encoding), (r) => chats.push(r.log()));
  // The messages are walked into consultations at once and let go: only the consultations are kept.
  const chat = chats.length > 0 ? digestChats(chats.splice(0), roster, names.accounts.names, names.buyers.size, scheme, spec.period) : undefined;
  for (const path of spec.orders) await stream(path, (name, encoding) => new OrderReader(name, names, aliases, encoding), (r) => orders.push(r.lines()));
  // Buyer names and order ids served to match rows; only their count is kept.
  return { shops: names.shops.names, accounts: names.accounts.names, skus: names.skus.names, buyerCount: names.buyers.size, buyerNames: names.buyers, orderIds: names.orders, ...(chat ? { chat } : {}), orders };
}
