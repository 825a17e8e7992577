// CLI: the flags every command shares (the inputs of a month), and their check into an InputSpec:
// flags first, then the project file (--config kefu.yaml) for what the flags leave out. Help text for
// the shared flags lives here; each command adds its own beside itself.
import { Option, type Command } from 'commander';
import { resolve, sep } from 'node:path';
import { monthPeriod, monthsOf, namedPeriod, shiftMonth, formatDay, type Period } from '../core/num/dates.js';
import type { Lang } from '../core/model/issue-texts.js';
import type { Encoding } from '../io/files.js';
import { parseDate } from '../parse/values.js';
import { InputIssues, UsageError, type CliIO } from './context.js';
import { CONFIG_LISTS, configFiles, configSingle, readConfig, type ConfigList } from './config.js';
import { issue, type Issue } from '../core/model/issues.js';

/** The input files of a month by flag, in the order the loader reads them. */
export const INPUT_ROLES = ['roster', 'stats', 'facts', 'adjustments', 'messages', 'orders', 'orderLines'] as const;
export type InputRole = (typeof INPUT_ROLES)[number];

/** Every input file of a month (not the scheme), role by role. */
export const inputFiles = (spec: InputSpec): string[] => INPUT_ROLES.flatMap((role) => [...spec[role]]);

export interface InputSpec {
  readonly scheme: string;
  readonly period: Period;
  /** `--period last-month`: what was asked, and the day it was resolved from (the manifest keeps both). */
  readonly relative?: { readonly asked: string; readonly today: string };
  /** The project file the inputs came from, when one was given. */
  readonly config?: string;
  /** The output folder (`run --out`, or the project file's `out:`). */
  readonly out?: string;
  /** What reading the project file found to warn about (a month of a quarter without its files): reported with the month's. */
  readonly warnings?: readonly Issue[];
  readonly roster: readonly string[];
  readonly stats: readonly string[];
  readonly facts: readonly string[];
  readonly adjustments: readonly string[];
  readonly messages: readonly string[];
  readonly orders: readonly string[];
  /** 淘宝's 宝贝报表: with it, `orders` are 订单报表 files, one row per order, joined to these lines. */
  readonly orderLines: readonly string[];
  /** Earlier months' run folders, for the scheme's promotion conditions over several months. */
  readonly history?: readonly string[];
  readonly encoding: Encoding;
  /** The sheet of every workbook input that names none after `#`. */
  readonly sheet?: string;
  readonly lang: Lang;
  readonly strict: boolean;
  readonly verbose: boolean;
  /** Print errors only: no warnings, no table from `run`, no "wrote …". */
  readonly quiet: boolean;
  readonly color: 'auto' | 'always' | 'never';
}

/** The input flags; `schemes: 'two'` (kefu compare) takes --scheme twice. */
export function addInputOptions(command: Command, options: { schemes?: 'one' | 'two' } = {}): Command {
  const scheme =
    options.schemes === 'two'
      ? new Option('--scheme <file>', 'a scheme (YAML), given twice: the current one (A), then the proposed one (B) / 新旧方案').argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value])
      : new Option('--scheme <file>', 'scoring and pay scheme (YAML) / 绩效方案');
  return command
    .option('--config <file>', 'project file (kefu.yaml) naming the scheme and the inputs, with {period} in paths; flags override it / 项目文件')
    .addOption(scheme)
    .option('--period <YYYY-MM>', 'the month: 2026-10, or last-month / this-month (from --today) / 统计月份')
    .option('--today <date>', 'the day last-month is counted from (default: the clock)')
    .option('--from <date>', 'first day, instead of --period (inclusive)')
    .option('--to <date>', 'last day, instead of --period (inclusive)')
    .option('--roster <files...>', 'roster CSV or xlsx / 花名册 (repeatable; - is stdin)')
    .option('--stats <files...>', "platform's per-agent export, CSV or xlsx as downloaded / 客服绩效报表 (repeatable)")
    .option('--facts <files...>', 'extra per-agent numbers: targets, QA, cards… / 考核数据 (repeatable)')
    .option('--adjustments <files...>', 'manual pay lines with reasons / 手工调整 (repeatable)')
    .option('--messages <files...>', 'chat log CSV, one row per message / 聊天记录 (repeatable)')
    .option('--orders <files...>', 'order report, one row per order line; with --order-lines, one row per order / 订单报表 (repeatable)')
    .option('--order-lines <files...>', "淘宝's 宝贝报表, one row per line, joined to the --orders 订单报表 by 订单编号 (repeatable)")
    .option('--history <dirs...>', "earlier months' kefu run folders, for the scheme's promotion: conditions over several months / 往月结果")
    .addOption(new Option('--encoding <name>', 'encoding of CSV inputs (default: auto)').choices(['auto', 'utf8', 'gbk']))
    .option('--sheet <name>', 'sheet of xlsx/xls inputs (default the first; or write book.xlsx#Sheet) / 工作表')
    .addOption(new Option('--lang <lang>', 'language of headers and messages (default: zh)').choices(['zh', 'en']))
    .addOption(new Option('--color <when>', 'colour in the table').choices(['auto', 'always', 'never']).default('auto'))
    .option('--strict', 'treat warnings as errors (exit 1, write nothing)', false)
    .option('--quiet', 'print errors only (for cron): no warnings, no table', false)
    .option('--verbose', 'say how each file was read: format, encoding or sheet, header row, column mapping, threads', false);
}

type RawOptions = Record<string, unknown>;

/** The months a cron line names without a date: counted from --today, or from the clock's day. */
const RELATIVE: Record<string, number> = { 'last-month': -1, 'this-month': 0 };

/** `last-month` on 2026-11-05 is 2026-10; on 2026-01-31, 2025-12. */
export const relativeMonth = (asked: string, today: string): string => shiftMonth(today.slice(0, 7), RELATIVE[asked] ?? 0);

function todayText(options: RawOptions): string {
  const given = options.today as string | undefined;
  if (given === undefined) {
    const now = new Date();
    return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  }
  const day = parseDate(given);
  if (day.kind !== 'value') throw new UsageError(`--today ${JSON.stringify(given)} is not a date: write it as 2026-11-05`);
  return formatDay(day.value);
}

function resolvePeriod(options: RawOptions, month: string | undefined): { period: Period; relative?: InputSpec['relative'] } {
  const from = options.from as string | undefined;
  const to = options.to as string | undefined;
  if (month !== undefined) {
    if (from !== undefined || to !== undefined) throw new UsageError('give either --period or --from/--to, not both');
    if (month in RELATIVE) {
      const today = todayText(options);
      const label = relativeMonth(month, today);
      return { period: monthPeriod(label) as Period, relative: { asked: month, today } };
    }
    const period = namedPeriod(month);
    if (!period) throw new UsageError(`--period ${JSON.stringify(month)} is not a period: write a month (2026-10, last-month), a quarter (2026-Q4) or a year (2026)`);
    return { period };
  }
  if (from === undefined || to === undefined) throw new UsageError('say which period: --period 2026-10, or --from 2026-10-01 --to 2026-10-31');
  const first = parseDate(from);
  const last = parseDate(to);
  if (first.kind !== 'value') throw new UsageError(`--from ${JSON.stringify(from)} is not a date: write it as 2026-10-01`);
  if (last.kind !== 'value') throw new UsageError(`--to ${JSON.stringify(to)} is not a date: write it as 2026-10-31`);
  if (last.value < first.value) throw new UsageError(`--to ${to} is before --from ${from}`);
  return { period: { label: `${formatDay(first.value)}..${formatDay(last.value)}`, first: first.value, last: last.value } };
}

/** The flag of each list key of a project file. */
const FLAG_OF: Record<ConfigList, string> = { roster: 'roster', stats: 'stats', facts: 'facts', adjustments: 'adjustments', messages: 'messages', orders: 'orders', order_lines: 'orderLines' };

/**
 * The month's inputs from the flags and, for what they leave out, the project file (--config): its
 * patterns filled with the period and matched. A project file with errors stops here (exit 1).
 */
export async function inputSpec(options: RawOptions, io: CliIO): Promise<InputSpec> {
  if (options.config === undefined) return checkedSpec(options, undefined);
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const config = await readConfig(options.config as string, io, issues);
  if (!config) throw new InputIssues(issues, (options.lang as Lang | undefined) ?? 'zh');
  const merged: RawOptions = { ...options };
  const choices = { lang: ['zh', 'en'], encoding: ['auto', 'utf8', 'gbk'], sheet: undefined } as const;
  for (const key of ['lang', 'encoding', 'sheet'] as const) {
    const value = configSingle(config, key, undefined, issues);
    const allowed = choices[key];
    if (value !== undefined && allowed && !(allowed as readonly string[]).includes(value)) {
      const one = allowed.join(' / ');
      issues.push(issue('CONFIG_INVALID', { key, reason_zh: `应为 ${one} 之一，现为 ${JSON.stringify(value)}`, reason_en: `expected one of ${one}, got ${JSON.stringify(value)}` }, config.entries.get(key)?.source));
    } else merged[key] ??= value;
  }
  if (options.from === undefined && options.to === undefined) merged.period ??= configSingle(config, 'period', undefined, issues);
  const { period } = resolvePeriod(merged, merged.period as string | undefined);
  // A month's label fills {period}; a quarter's or a year's fills the folder (out: 输出/2026-Q4), and
  // each of its months the inputs' patterns (数据/2026-10/…, 数据/2026-11/…).
  const named = /^\d{4}(-\d{2}|-Q[1-4])?$/.test(period.label) ? period.label : undefined;
  const months = named ? monthsOf(period).map((m) => m.label) : [];
  merged.scheme ??= configSingle(config, 'scheme', named, issues);
  merged.out ??= configSingle(config, 'out', named, issues);
  // kefu's own outputs are never its inputs: a pattern that reaches into the output folder (数据/{period}/*.csv
  // with out: 数据/{period}) leaves out what an earlier run wrote there.
  const outDir = merged.out !== undefined ? resolve(merged.out as string) : undefined;
  const notOutputs = (files: string[]) => (outDir === undefined ? files : files.filter((file) => !resolve(file).startsWith(outDir + sep)));
  for (const key of CONFIG_LISTS) {
    const flag = FLAG_OF[key];
    if (merged[flag] !== undefined) continue;
    const byPeriod = config.entries.get(key)?.values.some((v) => /\{(period|year|month)\}/.test(v)) ?? false;
    if (!named && byPeriod) throw new UsageError(`${config.file} names files by {period}: give the month with --period, not --from/--to`);
    if (!byPeriod || months.length <= 1) {
      const files = await configFiles(config, key, named ?? '', issues);
      if (files !== undefined) merged[flag] = notOutputs(files);
      continue;
    }
    // A quarter or a year: the month's files of every month. A month without them is said (its sales
    // would be missing from the period's pay); none at all is the error a month's would be.
    const files: string[] = [];
    const missing: string[] = [];
    for (const month of months) {
      const found: Issue[] = [];
      const these = (await configFiles(config, key, month, found)) ?? [];
      if (these.length === 0 || found.some((i) => i.code === 'CONFIG_NO_MATCH')) missing.push(month);
      issues.push(...found.filter((i) => i.code !== 'CONFIG_NO_MATCH'));
      files.push(...these);
    }
    if (missing.length === months.length) issues.push(issue('CONFIG_NO_MATCH', { key, pattern: (config.entries.get(key)?.values ?? []).join(', ') }, config.entries.get(key)?.source));
    else if (missing.length > 0) warnings.push(issue('PERIOD_MONTH_MISSING', { key, period: period.label, months: missing.join(', ') }, config.entries.get(key)?.source));
    merged[flag] = notOutputs(files);
  }
  if (issues.length > 0) throw new InputIssues([...issues, ...warnings], (merged.lang as Lang | undefined) ?? 'zh');
  return { ...checkedSpec(merged, config.file), ...(warnings.length > 0 ? { warnings } : {}) };
}

function checkedSpec(options: RawOptions, config: string | undefined): InputSpec {
  const list = (name: string) => (options[name] as string[] | undefined) ?? [];
  const from = config ? ` (or in ${config})` : ' (or --config kefu.yaml)';
  if (options.scheme === undefined) throw new UsageError(`say which scheme: --scheme scheme.yaml${from}`);
  if (options.roster === undefined) throw new UsageError(`say which roster: --roster roster.csv${from}`);
  const { period, relative } = resolvePeriod(options, options.period as string | undefined);
  const spec: InputSpec = {
    scheme: options.scheme as string,
    period,
    ...(relative ? { relative } : {}),
    ...(config !== undefined ? { config } : {}),
    ...(options.out !== undefined ? { out: options.out as string } : {}),
    roster: list('roster'),
    stats: list('stats'),
    facts: list('facts'),
    adjustments: list('adjustments'),
    messages: list('messages'),
    orders: list('orders'),
    orderLines: list('orderLines'),
    ...(options.history !== undefined ? { history: list('history') } : {}),
    encoding: (options.encoding as Encoding | undefined) ?? 'auto',
    ...(options.sheet !== undefined ? { sheet: options.sheet as string } : {}),
    lang: (options.lang as Lang | undefined) ?? 'zh',
    strict: Boolean(options.strict),
    verbose: Boolean(options.verbose),
    quiet: Boolean(options.quiet),
    color: options.color as InputSpec['color'],
  };
  if (spec.orderLines.length > 0 && spec.orders.length === 0) throw new UsageError('--order-lines (宝贝报表) is joined to an order report: give the 订单报表 with --orders too');
  const all = [spec.scheme, ...inputFiles(spec)];
  if (all.filter((path) => path === '-').length > 1) throw new UsageError('standard input (-) can be read for one input only');
  return spec;
}
