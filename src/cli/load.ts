// CLI: the one loader every command shares. Reads the scheme first (it is validated before any data
// is read, and its `columns:` aliases apply to every table), then every input file; returns the parsed
// month and every issue found. Files are read through io/, text is parsed by parse/.
import type { Dataset } from '../core/dataset.js';
import type { Issue } from '../core/issues.js';
import type { Scheme } from '../core/scheme.js';
import { readSource, type TextSource } from '../io/files.js';
import { parseScheme } from '../parse/scheme.js';
import { parseRoster, checkRoster } from '../parse/roster.js';
import { parseStats } from '../parse/stats.js';
import { parseFacts, parseAdjustments } from '../parse/facts.js';
import { loadRaw } from './raw-load.js';
import type { InputSpec } from './spec.js';
import type { CliIO } from './context.js';

/** A file read: its name, the encoding it was read in, and for a chat log read in ranges, on how many threads. */
export interface SourceRead extends Pick<TextSource, 'name' | 'encoding'> {
  readonly threads?: number;
}

export interface Loaded {
  readonly scheme?: Scheme;
  readonly dataset?: Dataset;
  readonly issues: Issue[];
  /**
   * False when a roster file could not be read at all: then every account would look unknown and
   * every fact unowned, so the month is not computed and only the reading errors are shown.
   */
  readonly rosterRead: boolean;
  readonly sources: readonly SourceRead[];
}

export async function loadInputs(spec: InputSpec, io: CliIO): Promise<Loaded> {
  const issues: Issue[] = [];
  const sources: SourceRead[] = [];
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
