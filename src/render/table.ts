// Render: grids → a terminal table (cli-table3), coloured only through the chalk instance handed in,
// so that colour is decided once, in the CLI. Pure: returns text.
import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import { visible } from './format.js';

export interface TableOptions {
  readonly chalk: ChalkInstance;
  readonly colour: boolean;
  /** Cells to tint, by row: 'good' (first place), 'bad' (vetoed), 'warn' (missing data). */
  readonly tints?: readonly (('good' | 'bad' | 'warn') | undefined)[];
  /** A last row set apart, such as the totals. */
  readonly footer?: readonly string[];
  /** Columns whose cells are numbers, aligned right. */
  readonly numeric?: readonly boolean[];
}

export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], options: TableOptions): string {
  const { chalk, colour } = options;
  const table = new Table({
    head: headers.map((h) => (colour ? chalk.bold(visible(h)) : visible(h))),
    // cli-table3 colours its head and borders even when piped unless told not to.
    style: colour ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] },
    colAligns: headers.map((_, i) => (options.numeric?.[i] ? 'right' : 'left')),
    // One line per agent: no rule between rows.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  rows.forEach((row, i) => {
    const tint = options.tints?.[i];
    const paint = !colour || !tint ? (s: string) => s : tint === 'good' ? chalk.green : tint === 'bad' ? chalk.red : chalk.yellow;
    table.push(row.map((cell) => paint(visible(cell))));
  });
  if (options.footer) table.push(options.footer.map((cell) => (colour ? chalk.bold(visible(cell)) : visible(cell))));
  return table.toString();
}
