// Render: grids → a terminal table (cli-table3), coloured only through the chalk instance handed in,
// so that colour is decided once, in the CLI. Pure: returns text.
import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';
import { displayWidth, visible } from './format.js';

export interface TableOptions {
  readonly chalk: ChalkInstance;
  readonly colour: boolean;
  /** Cells to tint, by row: 'good' (first place), 'bad' (vetoed), 'warn' (missing data). */
  readonly tints?: readonly (('good' | 'bad' | 'warn') | undefined)[];
  /** Cells to tint one by one, by row then column (a month below standard), over the row's tint. */
  readonly cellTints?: readonly (readonly (('good' | 'bad' | 'warn') | undefined)[] | undefined)[];
  /** A last row set apart, such as the totals. */
  readonly footer?: readonly string[];
  /** Columns whose cells are numbers, aligned right. */
  readonly numeric?: readonly boolean[];
  /** Columns whose cells were wrapped into lines (wrapCell): their line breaks are kept. */
  readonly wrapped?: readonly boolean[];
}

/**
 * A cell's text in lines of at most `width` terminal columns: broken after `; ` or a space where it
 * can be, else between characters (Chinese has no spaces). A line break is the only control kept.
 */
export function wrapCell(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/(?<=; |\s)/)) {
    for (const char of displayWidth(word) > width ? [...word] : [word]) {
      if (line !== '' && displayWidth(line + char) > width) {
        lines.push(line.trimEnd());
        line = '';
      }
      line += line === '' ? char.trimStart() : char;
    }
  }
  if (line !== '') lines.push(line.trimEnd());
  return lines.join('\n');
}

/**
 * A titled line of items (`团队合计: 询单人数 13702 · …`), wrapped between items, never inside one, at
 * `width` columns: the title ends with ':', and the items that do not fit go on lines of their own,
 * each after `indent`. The first item stays beside the title however wide it is.
 */
export function wrapItems(title: string, items: readonly string[], separator: string, indent: string, width: number): string[] {
  const lines = [title];
  for (const item of items) {
    const line = lines[lines.length - 1] as string;
    const joined = `${line}${line.endsWith(':') ? ' ' : separator}${item}`;
    if (displayWidth(joined) <= width || line.endsWith(':')) lines[lines.length - 1] = joined;
    else lines.push(`${indent}${item}`);
  }
  return lines;
}

export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], options: TableOptions): string {
  const { chalk, colour } = options;
  const table = new Table({
    // A header may run over two lines (a metric, and what its cells hold): each line made safe on its own.
    head: headers.map((h) => h.split('\n').map((line) => (colour ? chalk.bold(visible(line)) : visible(line))).join('\n')),
    // cli-table3 colours its head and borders even when piped unless told not to.
    style: colour ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] },
    colAligns: headers.map((_, i) => (options.numeric?.[i] ? 'right' : 'left')),
    // One line per agent: no rule between rows.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  const painter = (tint: 'good' | 'bad' | 'warn' | undefined) => (!colour || !tint ? (s: string) => s : tint === 'good' ? chalk.green : tint === 'bad' ? chalk.red : chalk.yellow);
  rows.forEach((row, i) => {
    table.push(
      row.map((cell, k) => {
        const paint = painter(options.cellTints?.[i]?.[k] ?? options.tints?.[i]);
        return options.wrapped?.[k] ? cell.split('\n').map((l) => paint(visible(l))).join('\n') : paint(visible(cell));
      }),
    );
  });
  if (options.footer) table.push(options.footer.map((cell) => (colour ? chalk.bold(visible(cell)) : visible(cell))));
  return table.toString();
}
