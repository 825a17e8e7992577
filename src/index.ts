// The library: what a script that runs its own pipeline needs from kefu — read a scheme and a month's
// CSV text, compute the month with the pure core, render the report and the bonus sheet. Used as
// `import { computeMonth, parseScheme } from 'kefu'` (package.json `exports`); only what is exported
// here is public, every other module may change. Nothing here touches a file: the script reads its own.
import { Chalk } from 'chalk';
import type { Lang } from './core/model/issue-texts.js';
import type { Payroll, Report } from './core/model/model.js';
import { decode, type Encoding } from './io/files.js';
import * as render from './render/index.js';

export { computeMonth } from './core/run.js';
export type { MonthInputs, MonthResult } from './core/run.js';
export { parseScheme } from './parse/scheme.js';
export type { ParsedScheme } from './parse/scheme.js';
export type { Scheme } from './core/model/scheme.js';
export { parseDataset } from './parse/dataset.js';
export type { CsvTables, CsvText } from './parse/dataset.js';
export type { AdjustmentRow, Dataset, FactRow, RosterEntry, StatsRow } from './core/model/dataset.js';
export { monthPeriod } from './core/num/dates.js';
export type { Period } from './core/num/dates.js';
export { formatYuan } from './core/num/money.js';
export type { Fen } from './core/num/money.js';
export { formatIssue, hasErrors } from './core/model/issues.js';
export type { Issue, Severity, Source } from './core/model/issues.js';
export type { AgentReport, PayLine, Payroll, PayrollAgent, Report } from './core/model/model.js';
export type { Encoding, Lang };
export type { Format, TextFormat } from './render/index.js';

/**
 * A file's bytes as text, as the CLI reads a CSV: UTF-8 (its BOM dropped) when they are UTF-8, else
 * GB18030, which reads GBK (a platform export saved by Excel on a Chinese Windows); `encoding` forces one.
 */
export function decodeText(bytes: Uint8Array, encoding: Encoding = 'auto'): string {
  return decode(bytes, encoding).text;
}

export interface RenderOptions {
  /** Headers and labels: Chinese (the default) or English. JSON keys are English either way. */
  readonly lang?: Lang;
  /** Start a CSV with the BOM that Excel needs to show Chinese. */
  readonly bom?: boolean;
  /** The table's width in terminal columns (default 120). */
  readonly width?: number;
  /** The table with every metric as its own column. */
  readonly wide?: boolean;
}

/** The CLI's rendering options for `options`: never colour (a script's output is text to keep). */
function plain(options: RenderOptions): render.RenderOptions {
  return {
    lang: options.lang ?? 'zh',
    chalk: new Chalk({ level: 0 }),
    colour: false,
    bom: options.bom ?? false,
    wide: options.wide ?? false,
    ...(options.width !== undefined ? { width: options.width } : {}),
  };
}

/** The ranked report as a table, CSV or JSON text, or an xlsx workbook's bytes: what `kefu report` prints. */
export function renderReport(report: Report, format: render.TextFormat, options?: RenderOptions): string;
export function renderReport(report: Report, format: 'xlsx', options?: RenderOptions): Uint8Array;
export function renderReport(report: Report, format: render.Format, options: RenderOptions = {}): string | Uint8Array {
  return render.renderReport(report, format, plain(options));
}

/** The bonus sheet (奖金表) as a table, CSV or JSON text, or an xlsx workbook's bytes: what `kefu payroll` prints. */
export function renderPayroll(payroll: Payroll, format: render.TextFormat, options?: RenderOptions): string;
export function renderPayroll(payroll: Payroll, format: 'xlsx', options?: RenderOptions): Uint8Array;
export function renderPayroll(payroll: Payroll, format: render.Format, options: RenderOptions = {}): string | Uint8Array {
  return render.renderPayroll(payroll, format, plain(options));
}
