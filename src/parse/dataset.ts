// Parse: the small tables of a month as CSV text (roster, stats, facts, adjustments) → one Dataset and
// every issue found in them, as the CLI's loader reads them from files (cli/load.ts), for a script
// that brings its own text (src/index.ts). No I/O and no decoding: text in, rows out.
import type { AdjustmentRow, BenchmarkRow, Dataset, FactRow, RosterEntry, StatsField, StatsRow } from '../core/model/dataset.js';
import type { Issue } from '../core/model/issues.js';
import type { Scheme } from '../core/model/scheme.js';
import { gridFromCsv, type Grid } from './grid.js';
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

/** A Dataset being filled table by table (addTable), as the CLI's loader and parseDataset fill it. */
export interface DatasetBuilder extends Dataset {
  readonly roster: RosterEntry[];
  readonly stats: StatsRow[];
  readonly benchmarks: BenchmarkRow[];
  readonly facts: FactRow[];
  readonly factNames: Set<string>;
  readonly adjustments: AdjustmentRow[];
  readonly statsColumns: Map<string, ReadonlySet<StatsField>>;
}

export const emptyDataset = (): DatasetBuilder => ({ roster: [], stats: [], benchmarks: [], facts: [], factNames: new Set(), adjustments: [], statsColumns: new Map() });

/**
 * One table's rows into the dataset, by kind; false when a roster could not be read (then no account
 * is known). Rows are pushed one by one: a spread of a 200,000-row table into push() overflows the stack.
 */
export function addTable(dataset: DatasetBuilder, kind: 'roster' | 'stats' | 'facts' | 'adjustments', grid: Grid, aliases: Scheme['columns'], issues: Issue[]): boolean {
  if (kind === 'roster') {
    const entries = parseRoster(grid, aliases, issues);
    for (const entry of entries ?? []) dataset.roster.push(entry);
    return entries !== undefined;
  }
  if (kind === 'stats') {
    const { rows, benchmarks, fields } = parseStats(grid, aliases, issues);
    dataset.statsColumns.set(grid.file, fields);
    for (const row of rows) dataset.stats.push(row);
    for (const row of benchmarks) dataset.benchmarks.push(row);
  } else if (kind === 'facts') {
    const { rows, names } = parseFacts(grid, aliases, issues);
    for (const row of rows) dataset.facts.push(row);
    for (const name of names) dataset.factNames.add(name);
  } else {
    for (const row of parseAdjustments(grid, aliases, issues)) dataset.adjustments.push(row);
  }
  return true;
}

/**
 * The tables as one Dataset for computeMonth. The scheme's `columns:` aliases apply to every table,
 * as they do in the CLI. Issues are values: a row that cannot be read is left out and said here.
 */
export function parseDataset(tables: CsvTables, scheme?: Scheme): { dataset: Dataset; issues: Issue[] } {
  const issues: Issue[] = [];
  const aliases = scheme?.columns ?? new Map<string, readonly string[]>();
  const dataset = emptyDataset();
  const kinds = ['roster', 'stats', 'facts', 'adjustments'] as const;
  for (const kind of kinds) {
    for (const file of tables[kind] ?? []) {
      const grid = gridFromCsv(file.text, file.name, issues);
      if (grid) addTable(dataset, kind, grid, aliases, issues);
    }
    if (kind === 'roster') checkRoster(dataset.roster, issues);
  }
  return { dataset, issues };
}
