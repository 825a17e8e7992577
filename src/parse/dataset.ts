// Parse: the small tables of a month as CSV text (roster, stats, facts, adjustments) → one Dataset and
// every issue found in them, as the CLI's loader reads them from files (cli/load.ts), for a script
// that brings its own text (src/index.ts). No I/O and no decoding: text in, rows out.
import type { Dataset, StatsField } from '../core/model/dataset.js';
import type { Issue } from '../core/model/issues.js';
import type { Scheme } from '../core/model/scheme.js';
import { gridFromCsv } from './grid.js';
import { checkRoster, parseRoster } from './roster.js';
import { parseStats } from './stats.js';
import { parseFacts, parseAdjustments } from './facts.js';

/** One CSV file's text and the name its issues are reported under (`roster.csv:3:2: …`). */
export interface CsvText {
  readonly name: string;
  readonly text: string;
}

/** The month's small tables by kind, each any number of files. */
export interface CsvTables {
  readonly roster: readonly CsvText[];
  readonly stats?: readonly CsvText[];
  readonly facts?: readonly CsvText[];
  readonly adjustments?: readonly CsvText[];
}

/**
 * The tables as one Dataset for computeMonth. The scheme's `columns:` aliases apply to every table,
 * as they do in the CLI. Issues are values: a row that cannot be read is left out and said here.
 */
export function parseDataset(tables: CsvTables, scheme?: Scheme): { dataset: Dataset; issues: Issue[] } {
  const issues: Issue[] = [];
  const aliases = scheme?.columns ?? new Map<string, readonly string[]>();
  const grid = (file: CsvText) => gridFromCsv(file.text, file.name, issues);
  const dataset = {
    roster: [] as Dataset['roster'][number][],
    stats: [] as Dataset['stats'][number][],
    benchmarks: [] as Dataset['benchmarks'][number][],
    facts: [] as Dataset['facts'][number][],
    factNames: new Set<string>(),
    adjustments: [] as Dataset['adjustments'][number][],
    statsColumns: new Map<string, ReadonlySet<StatsField>>(),
  };
  // Rows are pushed one by one: a spread of a 200,000-row table into push() overflows the call stack.
  for (const file of tables.roster) {
    const read = grid(file);
    for (const entry of (read && parseRoster(read, aliases, issues)) ?? []) dataset.roster.push(entry);
  }
  checkRoster(dataset.roster, issues);
  for (const file of tables.stats ?? []) {
    const read = grid(file);
    if (!read) continue;
    const { rows, benchmarks, fields } = parseStats(read, aliases, issues);
    dataset.statsColumns.set(read.file, fields);
    for (const row of rows) dataset.stats.push(row);
    for (const row of benchmarks) dataset.benchmarks.push(row);
  }
  for (const file of tables.facts ?? []) {
    const read = grid(file);
    if (!read) continue;
    const { rows, names } = parseFacts(read, aliases, issues);
    for (const row of rows) dataset.facts.push(row);
    for (const name of names) dataset.factNames.add(name);
  }
  for (const file of tables.adjustments ?? []) {
    const read = grid(file);
    for (const row of (read && parseAdjustments(read, aliases, issues)) ?? []) dataset.adjustments.push(row);
  }
  return { dataset, issues };
}
