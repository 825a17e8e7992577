// CLI: the flags every command shares (the inputs of a month), and their check into an InputSpec.
// Help text for the shared flags lives here; each command adds its own beside itself.
import { Option, type Command } from 'commander';
import { monthPeriod, formatDay, type Period } from '../core/num/dates.js';
import type { Lang } from '../core/model/issue-texts.js';
import type { Encoding } from '../io/files.js';
import { parseDate } from '../parse/values.js';
import { UsageError } from './context.js';

export interface InputSpec {
  readonly scheme: string;
  readonly period: Period;
  readonly roster: readonly string[];
  readonly stats: readonly string[];
  readonly facts: readonly string[];
  readonly adjustments: readonly string[];
  readonly messages: readonly string[];
  readonly orders: readonly string[];
  /** 淘宝's 宝贝报表: with it, `orders` are 订单报表 files, one row per order, joined to these lines. */
  readonly orderLines: readonly string[];
  readonly encoding: Encoding;
  /** The sheet of every workbook input that names none after `#`. */
  readonly sheet?: string;
  readonly lang: Lang;
  readonly strict: boolean;
  readonly verbose: boolean;
  readonly color: 'auto' | 'always' | 'never';
}

export function addInputOptions(command: Command): Command {
  return command
    .requiredOption('--scheme <file>', 'scoring and pay scheme (YAML) / 绩效方案')
    .option('--period <YYYY-MM>', 'the month, e.g. 2026-10 / 统计月份')
    .option('--from <date>', 'first day, instead of --period (inclusive)')
    .option('--to <date>', 'last day, instead of --period (inclusive)')
    .requiredOption('--roster <files...>', 'roster CSV or xlsx / 花名册 (repeatable; - is stdin)')
    .option('--stats <files...>', "platform's per-agent export, CSV or xlsx as downloaded / 客服绩效报表 (repeatable)")
    .option('--facts <files...>', 'extra per-agent numbers: targets, QA, cards… / 考核数据 (repeatable)')
    .option('--adjustments <files...>', 'manual pay lines with reasons / 手工调整 (repeatable)')
    .option('--messages <files...>', 'chat log CSV, one row per message / 聊天记录 (repeatable)')
    .option('--orders <files...>', 'order report, one row per order line; with --order-lines, one row per order / 订单报表 (repeatable)')
    .option('--order-lines <files...>', "淘宝's 宝贝报表, one row per line, joined to the --orders 订单报表 by 订单编号 (repeatable)")
    .addOption(new Option('--encoding <name>', 'encoding of CSV inputs').choices(['auto', 'utf8', 'gbk']).default('auto'))
    .option('--sheet <name>', 'sheet of xlsx/xls inputs (default the first; or write book.xlsx#Sheet) / 工作表')
    .addOption(new Option('--lang <lang>', 'language of headers and messages').choices(['zh', 'en']).default('zh'))
    .addOption(new Option('--color <when>', 'colour in the table').choices(['auto', 'always', 'never']).default('auto'))
    .option('--strict', 'treat warnings as errors (exit 1, write nothing)', false)
    .option('--verbose', 'say how each file was read: format, encoding or sheet, header row, column mapping, threads', false);
}

type RawOptions = Record<string, unknown>;

function resolvePeriod(options: RawOptions): Period {
  const month = options.period as string | undefined;
  const from = options.from as string | undefined;
  const to = options.to as string | undefined;
  if (month !== undefined) {
    if (from !== undefined || to !== undefined) throw new UsageError('give either --period or --from/--to, not both');
    const period = monthPeriod(month);
    if (!period) throw new UsageError(`--period ${JSON.stringify(month)} is not a month: write it as 2026-10`);
    return period;
  }
  if (from === undefined || to === undefined) throw new UsageError('say which period: --period 2026-10, or --from 2026-10-01 --to 2026-10-31');
  const first = parseDate(from);
  const last = parseDate(to);
  if (first.kind !== 'value') throw new UsageError(`--from ${JSON.stringify(from)} is not a date: write it as 2026-10-01`);
  if (last.kind !== 'value') throw new UsageError(`--to ${JSON.stringify(to)} is not a date: write it as 2026-10-31`);
  if (last.value < first.value) throw new UsageError(`--to ${to} is before --from ${from}`);
  return { label: `${formatDay(first.value)}..${formatDay(last.value)}`, first: first.value, last: last.value };
}

export function inputSpec(options: RawOptions): InputSpec {
  const list = (name: string) => (options[name] as string[] | undefined) ?? [];
  const spec: InputSpec = {
    scheme: options.scheme as string,
    period: resolvePeriod(options),
    roster: list('roster'),
    stats: list('stats'),
    facts: list('facts'),
    adjustments: list('adjustments'),
    messages: list('messages'),
    orders: list('orders'),
    orderLines: list('orderLines'),
    encoding: options.encoding as Encoding,
    ...(options.sheet !== undefined ? { sheet: options.sheet as string } : {}),
    lang: options.lang as Lang,
    strict: Boolean(options.strict),
    verbose: Boolean(options.verbose),
    color: options.color as InputSpec['color'],
  };
  if (spec.orderLines.length > 0 && spec.orders.length === 0) throw new UsageError('--order-lines (宝贝报表) is joined to an order report: give the 订单报表 with --orders too');
  const all = [spec.scheme, ...spec.roster, ...spec.stats, ...spec.facts, ...spec.adjustments, ...spec.messages, ...spec.orders, ...spec.orderLines];
  if (all.filter((path) => path === '-').length > 1) throw new UsageError('standard input (-) can be read for one input only');
  return spec;
}
