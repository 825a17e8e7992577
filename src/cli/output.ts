// CLI: where results go. Colour is decided once here (SPEC §5, and chalk 5 ignores NO_COLOR); issues
// are printed to stderr as file:line:col lines; results go to stdout or to a file written whole.
import { Chalk, type ChalkInstance } from 'chalk';
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_WIDTH } from '../render/index.js';
import { capIssues, formatIssue, sortIssues, type Issue } from '../core/model/issues.js';
import type { Lang } from '../core/model/issue-texts.js';
import { writeFilesAtomically } from '../io/write.js';
import type { CliIO } from './context.js';
import { visible } from '../render/format.js';

/** --color=always|never > a non-empty NO_COLOR > FORCE_COLOR > stdout is a TTY and TERM is not dumb. */
export function useColour(when: 'auto' | 'always' | 'never', io: CliIO): boolean {
  if (when !== 'auto') return when === 'always';
  if (io.env.NO_COLOR) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return Boolean(io.stdout.isTTY) && io.env.TERM !== 'dumb';
}

/** What a table is fitted to: --width, else the terminal's width, else 120 (a pipe, a file). */
export function tableWidth(option: unknown, io: CliIO): number {
  if (option !== undefined) return Number(option);
  return io.stdout.isTTY && io.stdout.columns ? io.stdout.columns : DEFAULT_WIDTH;
}

/** --wide and --width, for the commands that print the ranked table. */
export function addTableOptions(command: Command): Command {
  return command
    .option('--wide', 'the table with every metric the scheme uses as its own column (CSV and JSON always have them)', false)
    .option('--width <columns>', "fit the table to this many columns (default: the terminal's, else 120)", parseWidth);
}

/** --width: a whole number of terminal columns, 40 or more. */
export function parseWidth(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 40 || n > 10000) throw new InvalidArgumentError('a whole number of columns, 40 or more');
  return n;
}

export function chalkFor(colour: boolean): ChalkInstance {
  return new Chalk({ level: colour ? 1 : 0 });
}

export function printIssues(issues: readonly Issue[], lang: Lang, io: CliIO): void {
  for (const item of sortIssues(capIssues(issues))) io.stderr.write(`${visible(formatIssue(item, lang))}\n`);
}

export function summary(issues: readonly Issue[], lang: Lang): string {
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  return lang === 'zh' ? `${errors} 个错误，${warnings} 个警告` : `${errors} error(s), ${warnings} warning(s)`;
}

/** The format asked for, else the one the output file's extension names (`.csv` → csv), else a table. */
export function formatFor<F extends string>(asked: string | undefined, path: string | undefined, byExtension: readonly Exclude<F, 'table'>[]): F | 'table' {
  if (asked) return asked as F;
  const extension = path?.toLowerCase().match(/\.(\w+)$/)?.[1];
  return byExtension.find((format) => format === extension) ?? 'table';
}

/** `-o -`, like no `-o`, means standard output. */
export const toStdout = (path: string | undefined): path is undefined | '-' => path === undefined || path === '-';

/** To stdout, or to `path` whole (temp file + rename), never half-written. */
export async function emit(data: string | Uint8Array, path: string | undefined, io: CliIO): Promise<void> {
  if (toStdout(path)) io.stdout.write(data);
  else await writeFilesAtomically([{ path, data }]);
}
