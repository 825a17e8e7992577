// Render: the trend (core/trend.ts) as a terminal table, Markdown, CSV or JSON. Each figure reads as
// in the report (amounts with two decimals, ratios as percent, seconds, scores); the table adds a
// sparkline (▁▂▃▄▅▆▇█ from the series' lowest to its highest month) and marks a month below standard
// ▼ and one at or above excellent ▲; CSV and JSON say the same in words. Pure.
import type { ChalkInstance } from 'chalk';
import type { Lang } from '../core/model/issue-texts.js';
import { issueMessage, formatSource } from '../core/model/issues.js';
import type { Benchmark } from '../core/model/scheme.js';
import { metricInfo, type MetricKind } from '../core/metrics/metrics.js';
import { roundToFen, formatYuan } from '../core/num/money.js';
import { type Rational, HUNDRED, div, mul, neg, rational, roundHalfAwayFromZero, sub, toFixed, toNumber } from '../core/num/rational.js';
import { KPI_SCORE, PAY_TOTAL, trendLabel, type Mark, type Series, type Trend, type TrendAgent } from '../core/trend.js';
import { toCsv } from './csv.js';
import { formatMetric, formatScore, label, visible, widest, type Style } from './format.js';
import { renderTable, wrapItems } from './table.js';

export type TrendFormat = 'table' | 'md' | 'csv' | 'json';

export interface TrendRenderOptions {
  readonly lang: Lang;
  readonly chalk: ChalkInstance;
  readonly colour: boolean;
  readonly bom: boolean;
  /** The table's width, in terminal columns. */
  readonly width: number;
  /** One agent asked for (--agent): a block of their metrics and one of the team's, not a block per metric. */
  readonly byAgent: boolean;
}

const WORDS = {
  zh: {
    title: '趋势', months: '个月', scheme: '方案', metric: '指标', min: '最低', max: '最高', mean: '均值', change: '环比', spark: '走势',
    standard: '标准', excellent: '优秀', higher: '越高越好', lower: '越低越好', below: '低于标准', atExcellent: '达到优秀', status: '对标', urgency: '紧迫顺序',
    shortfalls: (period: string) => `低于标准（${period}，最紧迫的在前）`, gap: '差', none: '无人低于标准',
    fewer: (shown: number, all: number) => `（表格只列出最近 ${shown} 个月；最低、最高、均值和走势按全部 ${all} 个月；全部月份请用 --format csv）`,
    tooWide: (need: number, width: number) => `（表格需要 ${need} 列，终端只有 ${width} 列：请调宽终端，或用 --format csv 在表格软件中查看）`,
  },
  en: {
    title: 'Trend', months: 'months', scheme: 'scheme', metric: 'Metric', min: 'Min', max: 'Max', mean: 'Mean', change: 'Change', spark: 'Trend',
    standard: 'Standard', excellent: 'Excellent', higher: 'higher is better', lower: 'lower is better', below: 'below standard', atExcellent: 'excellent', status: 'vs benchmark', urgency: 'Urgency',
    shortfalls: (period: string) => `Below standard (${period}, most urgent first)`, gap: 'off by', none: 'no one below standard',
    fewer: (shown: number, all: number) => `(the table lists the last ${shown === 1 ? 'month' : `${shown} months`}; min, max, mean and trend are over all ${all}; --format csv has every month)`,
    tooWide: (need: number, width: number) => `(the table needs ${need} columns, the terminal has ${width}: widen it, or use --format csv for a spreadsheet)`,
  },
} as const;

const MARK_SIGN: Record<Mark, string> = { below: '▼', excellent: '▲' };
const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

const trendHeader = (trend: Pick<Trend, 'labels'>, metric: string, lang: Lang): string => trendLabel(metric, lang, trend.labels);
/** Some metric shown has a benchmark: the marks, the standards and the shortfalls are shown. */
const benchmarked = (trend: Trend): boolean => trend.metrics.some((m) => trend.benchmarks.has(m));

/** How a metric's figures read: a derived ratio as a percentage, the pay total as money, the KPI score with two decimals. */
function kindOf(trend: Pick<Trend, 'derived'>, metric: string): MetricKind | 'score' {
  if (metric === KPI_SCORE) return 'score';
  if (metric === PAY_TOTAL) return 'money';
  if (trend.derived.includes(metric)) return 'ratio';
  return metricInfo(metric).kind;
}

function value(trend: Trend, metric: string, v: Rational | undefined, style: Style): string {
  if (v === undefined) return '';
  const kind = kindOf(trend, metric);
  return kind === 'score' ? formatScore(v) : formatMetric(metric, v, style, kind);
}

/** The change with its sign; a ratio's in percentage points (30% → 25% is -5.00pp) on screen, as a plain percent in CSV. */
function change(trend: Trend, metric: string, v: Rational | undefined, style: Style): string {
  if (v === undefined) return '';
  const sign = v.n < 0n ? '-' : v.n > 0n ? '+' : '';
  const size = v.n < 0n ? neg(v) : v;
  if (kindOf(trend, metric) === 'ratio' && style === 'table') return `${sign}${toFixed(mul(size, HUNDRED), 2)}pp`;
  return `${sign}${value(trend, metric, size, style)}`;
}

/** A figure for JSON: money as a two-decimal string, anything else a number, null where there is none. */
function jsonValue(trend: Trend, metric: string, v: Rational | undefined): string | number | null {
  if (v === undefined) return null;
  return kindOf(trend, metric) === 'money' ? formatYuan(roundToFen(v)) : toNumber(v);
}

/**
 * One bar per month, from ▁ at the series' lowest to █ at its highest (the nearest of eight heights,
 * exactly); a month without a value is a space; a series that never changes is a flat line at mid height.
 */
export function sparkline(series: Pick<Series, 'values' | 'min' | 'max'>): string {
  const { min, max } = series;
  return series.values
    .map((v) => {
      if (v === undefined || min === undefined || max === undefined) return ' ';
      const range = sub(max, min);
      if (range.n === 0n) return BARS[3];
      const height = roundHalfAwayFromZero(mul(div(sub(v, min), range) as Rational, rational(BigInt(BARS.length - 1))));
      return BARS[Number(height)];
    })
    .join('');
}

/** Standard and excellent, with which way is better, for a title line. */
function benchmarkText(trend: Trend, metric: string, benchmark: Benchmark, lang: Lang): string {
  const w = WORDS[lang];
  const parts = [`${w.standard} ${value(trend, metric, benchmark.standard, 'table')}`];
  if (benchmark.excellent !== undefined) parts.push(`${w.excellent} ${value(trend, metric, benchmark.excellent, 'table')}`);
  return `${parts.join(' · ')}${lang === 'zh' ? '（' : ' ('}${benchmark.lowerIsBetter ? w.lower : w.higher}${lang === 'zh' ? '）' : ')'}`;
}

/** A row of a block: its label cells (an agent's id and name, or a metric's header) and one metric's series. */
interface Line {
  readonly label: readonly string[];
  readonly metric: string;
  readonly series: Series;
  /** The team's line under a metric's agents: set apart, as a totals row is. */
  readonly footer?: boolean;
}

/** A row's cells: its labels, each month shown (with its mark), min, max, mean, change and the sparkline. */
function lineCells(trend: Trend, line: Line, shown: readonly number[], pad = true): string[] {
  const { metric, series } = line;
  return [
    ...line.label,
    ...shown.map((i) => {
      const cell = value(trend, metric, series.values[i], 'table');
      const m = series.marks[i];
      // On a terminal, unmarked figures keep the mark's room, so that the decimals line up in the column.
      return m ? `${cell} ${MARK_SIGN[m]}` : pad && cell !== '' && trend.benchmarks.has(metric) ? `${cell}  ` : cell;
    }),
    value(trend, metric, series.min, 'table'),
    value(trend, metric, series.max, 'table'),
    value(trend, metric, series.mean, 'table'),
    change(trend, metric, series.change, 'table'),
    sparkline(series),
  ];
}

/** The blocks of the trend: a title and its lines — per metric a line per agent, or (--agent) per agent a line per metric. */
function blocks(trend: Trend, lang: Lang, byAgent: boolean): { title: string; labels: string[]; lines: Line[] }[] {
  const w = WORDS[lang];
  const header = (metric: string) => trendHeader(trend, metric, lang);
  const team = label('team', lang);
  if (byAgent) {
    const metricLine = (series: ReadonlyMap<string, Series>) => (metric: string): Line => {
      const b = trend.benchmarks.get(metric);
      const standard = benchmarked(trend) ? [b ? value(trend, metric, b.standard, 'table') : ''] : [];
      return { label: [header(metric), ...standard], metric, series: series.get(metric) as Series };
    };
    const labels = [w.metric, ...(benchmarked(trend) ? [w.standard] : [])];
    const teamLines = trend.metrics.filter((m) => trend.team.get(m)?.min !== undefined);
    return [
      ...trend.agents.map((a) => ({ title: `${a.agentId} ${a.name} · ${a.group}`, labels, lines: trend.metrics.map(metricLine(a.series)) })),
      ...(teamLines.length > 0 ? [{ title: team, labels, lines: teamLines.map(metricLine(trend.team)) }] : []),
    ];
  }
  return trend.metrics.map((metric) => {
    const b = trend.benchmarks.get(metric);
    const teamSeries = trend.team.get(metric) as Series;
    return {
      title: `${header(metric)}${b ? ` · ${benchmarkText(trend, metric, b, lang)}` : ''}`,
      labels: [label('agent_id', lang), label('name', lang)],
      lines: [
        // An agent with no value in any month (another group's metric) has no row here.
        ...trend.agents.filter((a) => a.series.get(metric)?.min !== undefined).map((a) => ({ label: [a.agentId, a.name], metric, series: a.series.get(metric) as Series })),
        ...(teamSeries.min !== undefined ? [{ label: ['', team], metric, series: teamSeries, footer: true }] : []),
      ],
    };
  });
}


/** The title, the scheme(s) and, when there are benchmarks, what the marks mean. */
function heading(trend: Trend, lang: Lang): string[] {
  const w = WORDS[lang];
  const first = trend.months[0]?.period.label ?? '';
  const last = trend.months[trend.months.length - 1]?.period.label ?? '';
  const schemes = [...new Set(trend.months.map((m) => m.scheme.name))];
  const span = trend.months.length === 1 ? first : `${first} … ${last}`;
  const lines = [`${w.title} · ${span} (${trend.months.length} ${w.months}) · ${w.scheme}: ${schemes.join(', ')}`];
  if (benchmarked(trend)) lines.push(`${MARK_SIGN.below} ${w.below} · ${MARK_SIGN.excellent} ${w.atExcellent}`);
  return lines;
}

/** Each agent's shortfalls in the last month, most urgent first: a title, then a line (of items) per agent. */
function shortfallLines(trend: Trend, lang: Lang): { title: string; agents: { who: string; items: string[] }[] } | undefined {
  if (!benchmarked(trend)) return undefined;
  const w = WORDS[lang];
  const last = trend.months[trend.months.length - 1]?.period.label ?? '';
  const open = lang === 'zh' ? '（' : ' (';
  const close = lang === 'zh' ? '）' : ')';
  const comma = lang === 'zh' ? '，' : ', ';
  const agents = trend.agents
    .filter((a) => a.shortfalls.length > 0)
    .map((a: TrendAgent) => ({
      who: `${a.agentId} ${a.name}`,
      items: a.shortfalls.map((s) => {
        const gap = s.gap === undefined ? '' : `${comma}${w.gap} ${toFixed(mul(s.gap, HUNDRED), 2)}%`;
        return `${trendHeader(trend, s.metric, lang)} ${value(trend, s.metric, s.value, 'table')}${open}${w.standard} ${value(trend, s.metric, s.standard, 'table')}${gap}${close}`;
      }),
    }));
  return { title: w.shortfalls(last), agents };
}

export function renderTrend(trend: Trend, format: TrendFormat, options: TrendRenderOptions): string {
  if (format === 'json') return `${JSON.stringify(trendJson(trend, options.lang), null, 2)}\n`;
  if (format === 'csv') {
    const grid = trendGrid(trend, options.lang);
    return toCsv(grid.headers, grid.rows, options.bom);
  }
  const { lang, chalk, colour } = options;
  const w = WORDS[lang];
  const all = trend.months.map((_, i) => i);
  const columns = (shown: readonly number[], labels: readonly string[]) => [...labels, ...shown.map((i) => trend.months[i]?.period.label ?? ''), w.min, w.max, w.mean, w.change, w.spark];
  const parts = [...heading(trend, lang)];

  if (format === 'md') {
    const cell = (text: string) => visible(text).replace(/\|/g, '\\|');
    for (const block of blocks(trend, lang, options.byAgent)) {
      const headers = columns(all, block.labels);
      const numeric = headers.map((_, k) => k >= block.labels.length && k < headers.length - 1);
      const rows = block.lines.map((line) => lineCells(trend, line, all, false).map((c, k) => (line.footer && k < block.labels.length && c !== '' ? `**${c}**` : c)));
      parts.push('', `## ${cell(block.title)}`, '', `| ${headers.map(cell).join(' | ')} |`, `|${numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`));
    }
    const short = shortfallLines(trend, lang);
    const join = lang === 'zh' ? '；' : '; ';
    if (short) parts.push('', `## ${short.title}`, '', ...(short.agents.length > 0 ? short.agents.map((a) => `- ${visible(`${a.who}: ${a.items.join(join)}`)}`) : [WORDS[lang].none]));
    return `# ${parts[0]}\n\n${parts.slice(1).join('\n').replace(/^\n/, '')}\n`;
  }

  // The table: as many of the latest months as every block fits in the width, the same in each (the
  // stats and the sparkline keep every month).
  const draw = (block: ReturnType<typeof blocks>[number], shown: readonly number[]) => {
    const headers = columns(shown, block.labels);
    const numeric = headers.map((_, k) => k >= block.labels.length && k < headers.length - 1);
    const body = block.lines.filter((l) => !l.footer);
    const footer = block.lines.find((l) => l.footer);
    // A month below standard in red, one at excellent in green (the marks say it without colour too).
    const cellTints = body.map((l) => [...block.labels.map(() => undefined), ...shown.map((i) => (l.series.marks[i] === 'below' ? 'bad' as const : l.series.marks[i] === 'excellent' ? 'good' as const : undefined))]);
    return renderTable(headers, body.map((l) => lineCells(trend, l, shown)), { chalk, colour, numeric, cellTints, ...(footer ? { footer: lineCells(trend, footer, shown) } : {}) });
  };
  const drawn = blocks(trend, lang, options.byAgent);
  let shown: readonly number[] = all;
  while (shown.length > 1 && drawn.some((block) => widest(draw(block, shown)) > options.width)) shown = shown.slice(1);
  for (const block of drawn) {
    const table = draw(block, shown);
    parts.push('', colour ? chalk.bold(visible(block.title)) : visible(block.title), table);
    if (widest(table) > options.width) parts.push(w.tooWide(widest(table), options.width));
  }
  if (shown.length < all.length) parts.push('', w.fewer(shown.length, all.length));
  // Each agent's shortfalls on a line, wrapped between items (never inside one) at the width.
  const short = shortfallLines(trend, lang);
  if (short) {
    parts.push('', `${short.title}:`);
    if (short.agents.length === 0) parts.push(`  ${w.none}`);
    for (const agent of short.agents) {
      parts.push(...wrapItems(visible(`  ${agent.who}:`), agent.items.map(visible), lang === 'zh' ? '；' : '; ', '    ', options.width));
    }
  }
  return `${parts.join('\n')}\n`;
}

/**
 * The CSV: a row per agent and metric they have a value of, then the team's, the months as columns, min, max, mean and
 * change; with benchmarks, the standard, the excellent level, each month's standing in words and the
 * metric's place among the agent's shortfalls in the last month (1: the most urgent).
 */
export function trendGrid(trend: Trend, lang: Lang): { headers: string[]; rows: string[][] } {
  const w = WORDS[lang];
  const marked = benchmarked(trend);
  const periods = trend.months.map((m) => m.period.label);
  const headers = [
    label('agent_id', lang), label('name', lang), label('group', lang), w.metric, ...periods, w.min, w.max, w.mean, w.change,
    ...(marked ? [w.standard, w.excellent, ...periods.map((p) => `${p} ${w.status}`), w.urgency] : []),
  ];
  const words: Record<Mark, string> = { below: w.below, excellent: w.atExcellent };
  const row = (who: readonly string[], metric: string, series: Series, urgency: number | undefined, team: boolean): string[] => {
    const b = trend.benchmarks.get(metric);
    return [
      ...who,
      trendHeader(trend, metric, lang),
      ...series.values.map((v) => value(trend, metric, v, 'csv')),
      value(trend, metric, series.min, 'csv'),
      value(trend, metric, series.max, 'csv'),
      value(trend, metric, series.mean, 'csv'),
      change(trend, metric, series.change, 'csv'),
      ...(marked
        ? [
            b ? value(trend, metric, b.standard, 'csv') : '',
            b?.excellent !== undefined ? value(trend, metric, b.excellent, 'csv') : '',
            ...series.marks.map((m) => (team || !m ? '' : words[m])),
            urgency === undefined ? '' : String(urgency),
          ]
        : []),
    ];
  };
  const rows: string[][] = [];
  for (const agent of trend.agents) {
    for (const metric of trend.metrics) {
      if (agent.series.get(metric)?.min === undefined) continue;
      const place = agent.shortfalls.findIndex((s) => s.metric === metric);
      rows.push(row([agent.agentId, agent.name, agent.group], metric, agent.series.get(metric) as Series, place >= 0 ? place + 1 : undefined, false));
    }
  }
  for (const metric of trend.metrics) {
    const series = trend.team.get(metric) as Series;
    if (series.min !== undefined) rows.push(row(['', label('team', lang), ''], metric, series, undefined, true));
  }
  return { headers, rows };
}

function seriesJson(trend: Trend, metric: string, series: Series, marked: boolean): Record<string, unknown> {
  return {
    values: series.values.map((v) => jsonValue(trend, metric, v)),
    ...(marked ? { marks: series.marks.map((m) => (m === 'below' ? 'below_standard' : m === 'excellent' ? 'excellent' : null)) } : {}),
    min: jsonValue(trend, metric, series.min),
    max: jsonValue(trend, metric, series.max),
    mean: jsonValue(trend, metric, series.mean),
    change: jsonValue(trend, metric, series.change),
  };
}

export function trendJson(trend: Trend, lang: Lang): unknown {
  const marked = (metric: string) => trend.benchmarks.has(metric);
  const seriesMap = (series: ReadonlyMap<string, Series>, team: boolean) => Object.fromEntries(trend.metrics.map((m) => [m, seriesJson(trend, m, series.get(m) as Series, !team && marked(m))]));
  return {
    periods: trend.months.map((m) => m.period.label),
    months: trend.months.map((m) => ({ period: m.period.label, dir: m.dir, scheme: m.scheme.name, ...(m.scheme.sha256 !== undefined ? { sha256: m.scheme.sha256 } : {}) })),
    metrics: trend.metrics,
    benchmarks: Object.fromEntries(
      [...trend.benchmarks].map(([m, b]) => [m, { standard: jsonValue(trend, m, b.standard), ...(b.excellent !== undefined ? { excellent: jsonValue(trend, m, b.excellent) } : {}), better: b.lowerIsBetter ? 'lower' : 'higher' }]),
    ),
    agents: trend.agents.map((a) => ({
      agent_id: a.agentId,
      name: a.name,
      group: a.group,
      metrics: seriesMap(a.series, false),
      ...(benchmarked(trend)
        ? { below_standard: a.shortfalls.map((s) => ({ metric: s.metric, value: jsonValue(trend, s.metric, s.value), standard: jsonValue(trend, s.metric, s.standard), gap: s.gap === undefined ? null : toNumber(s.gap) })) }
        : {}),
    })),
    team: seriesMap(trend.team, true),
    warnings: trend.warnings.map((w) => ({ code: w.code, message: issueMessage(w, lang), ...(w.source ? { at: formatSource(w.source) } : {}) })),
  };
}
