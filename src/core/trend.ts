// Core: `kefu trend` — earlier months side by side, as seed 001's managers read them before setting
// targets: per agent and for the team, each metric month by month, its lowest, highest and mean
// month and the change from the month before, marked against the scheme's benchmarks (标准值 /
// 优秀值), and each agent's shortfalls most urgent first. Pure: the months come in as read from their
// run folders (cli/trend-load.ts); nothing here reads a file, formats a figure or draws a sparkline.
import { cmp, div, sub, sum, rational, type Rational } from './num/rational.js';
import type { Period } from './num/dates.js';
import { issue, type Issue } from './model/issues.js';
import type { Benchmark, Scheme } from './model/scheme.js';
import { nearest, nearestMany } from './model/suggest.js';
import { METRICS, metricLabel } from './metrics/metrics.js';

/** An agent's pay total of the month (payroll.json's `total`), a metric of the trend like any other. */
export const PAY_TOTAL = 'pay_total';
/** The KPI score, as report.json gives it. */
export const KPI_SCORE = 'kpi_score';

/** A metric's header in the trend: the scheme's label, the catalogue's, or 工资合计 for the pay total. */
export function trendLabel(metric: string, lang: 'zh' | 'en', labels?: ReadonlyMap<string, string>): string {
  if (metric === PAY_TOTAL && !labels?.has(metric)) return lang === 'zh' ? '工资合计' : 'Pay total';
  return metricLabel(metric, lang, labels);
}

/** Which scheme computed a month: by its content's hash where the run folder's manifest gives it, else by its name. */
export interface SchemeIdentity {
  readonly name: string;
  readonly sha256?: string;
}

/** One run folder (`kefu run --out DIR`) as read: report.json, with payroll.json's totals where it was there. */
export interface RunMonth {
  readonly dir: string;
  readonly period: Period;
  readonly scheme: SchemeIdentity;
  /** In the report's order: by group, best rank first. Metrics include kpi_score, and pay_total where payroll.json was read. */
  readonly agents: readonly { readonly agentId: string; readonly name: string; readonly group: string; readonly metrics: ReadonlyMap<string, Rational> }[];
  /** The team's sums and the ratios of its sums (never a mean of the agents' ratios), and pay_total. */
  readonly team: ReadonlyMap<string, Rational>;
  /** The metrics that scored points (the KPI metrics), in the scheme's order. */
  readonly kpiMetrics: readonly string[];
  /** The scheme's derived ratios and its labels, where report.json carries them. */
  readonly derived: readonly string[];
  readonly labels: ReadonlyMap<string, string>;
}

/** `below`: worse than the standard; `excellent`: at the excellent level or better. */
export type Mark = 'below' | 'excellent';

export interface Series {
  /** One per month, in period order; undefined where the month has no value (an agent not there, a metric not computed). */
  readonly values: readonly (Rational | undefined)[];
  /** Against the benchmark, one per month (agents only: a standard is one person's). */
  readonly marks: readonly (Mark | undefined)[];
  readonly min?: Rational;
  readonly max?: Rational;
  /** The mean of the monthly values (each month counts once, whatever its size). */
  readonly mean?: Rational;
  /** The last month's value less the month before's, when both are there. */
  readonly change?: Rational;
}

export interface Shortfall {
  readonly metric: string;
  readonly value: Rational;
  readonly standard: Rational;
  /** |value − standard| / standard; undefined for a standard of 0, which no relative gap measures (ranked first). */
  readonly gap?: Rational;
}

export interface TrendAgent {
  readonly agentId: string;
  readonly name: string;
  readonly group: string;
  readonly series: ReadonlyMap<string, Series>;
  /** The metrics below standard in the last month, the furthest below (relatively) first. */
  readonly shortfalls: readonly Shortfall[];
}

export interface Trend {
  readonly months: readonly { readonly period: Period; readonly dir: string; readonly scheme: SchemeIdentity }[];
  readonly metrics: readonly string[];
  readonly agents: readonly TrendAgent[];
  readonly team: ReadonlyMap<string, Series>;
  readonly benchmarks: ReadonlyMap<string, Benchmark>;
  /** Ratios the scheme derives (shown as percentages) and its headers: the months' reports', and the --scheme's. */
  readonly derived: readonly string[];
  readonly labels: ReadonlyMap<string, string>;
  readonly warnings: readonly Issue[];
}

export interface TrendOptions {
  /** --metric: names or headers (询单转化率); default the KPI metrics, the benchmarked ones, kpi_score and pay_total. */
  readonly metrics?: readonly string[];
  /** --agent: an agent_id or a name. */
  readonly agent?: string;
  /** --scheme: its benchmarks, derived ratios and labels. */
  readonly scheme?: Pick<Scheme, 'benchmarks' | 'metricReferences' | 'derived' | 'labels'>;
  /** Warnings found reading the folders, kept with the trend's own (its JSON lists them all). */
  readonly earlier?: readonly Issue[];
}

const sameScheme = (a: SchemeIdentity, b: SchemeIdentity) => (a.sha256 !== undefined && b.sha256 !== undefined ? a.sha256 === b.sha256 : a.name === b.name);

export function computeTrend(given: readonly RunMonth[], options: TrendOptions = {}): { trend?: Trend; issues: Issue[] } {
  const issues: Issue[] = [];
  const months = [...given].sort((a, b) => a.period.first - b.period.first || a.period.last - b.period.last);
  months.forEach((month, i) => {
    const before = months[i - 1];
    if (before && month.period.first <= before.period.last) {
      issues.push(issue('TREND_SAME_PERIOD', { first: before.dir, second: month.dir, period: before.period.label, other: month.period.label }, { file: month.dir }));
    }
  });
  const last = months[months.length - 1];
  if (!last || issues.length > 0) return { issues };

  const available = new Set<string>();
  for (const month of months) {
    for (const agent of month.agents) for (const name of agent.metrics.keys()) available.add(name);
    for (const name of month.team.keys()) available.add(name);
  }
  // How to read a metric: as the months' reports said (a later month's word over an earlier's), then the --scheme's.
  const derived = [...new Set([...months.flatMap((m) => m.derived), ...(options.scheme?.derived.keys() ?? [])])];
  const labels = new Map([...months.flatMap((m) => [...m.labels]), ...(options.scheme?.labels ?? [])]);
  const benchmarks = options.scheme?.benchmarks ?? new Map<string, Benchmark>();
  checkBenchmarkNames(options.scheme, available, derived, issues);

  const metrics = options.metrics ? resolveMetrics(options.metrics, available, labels, issues) : defaultMetrics(months, available, benchmarks);
  const agents = options.agent !== undefined ? resolveAgent(options.agent, months, issues) : undefined;
  if (issues.some((i) => i.severity === 'error')) return { issues };

  const compared = comparedMonths(months, metrics, available, labels, issues);
  const seriesOf = (metric: string, values: (Rational | undefined)[], marked: boolean): Series => {
    const kept = values.map((v, i) => (compared.get(metric)?.[i] === false ? undefined : v));
    return statsOf(kept, marked ? benchmarks.get(metric) : undefined);
  };

  const rows: TrendAgent[] = [];
  for (const id of agentOrder(months)) {
    if (agents && !agents.has(id)) continue;
    const found = months.map((m) => m.agents.find((a) => a.agentId === id));
    const latest = [...found].reverse().find((a) => a !== undefined);
    if (!latest) continue;
    const series = new Map(metrics.map((metric) => [metric, seriesOf(metric, found.map((a) => a?.metrics.get(metric)), true)]));
    rows.push({ agentId: id, name: latest.name, group: latest.group, series, shortfalls: shortfallsOf(series, metrics, benchmarks) });
  }
  const team = new Map(metrics.map((metric) => [metric, seriesOf(metric, months.map((m) => m.team.get(metric)), false)]));
  const trend: Trend = {
    months: months.map((m) => ({ period: m.period, dir: m.dir, scheme: m.scheme })),
    metrics,
    agents: rows,
    team,
    benchmarks,
    derived,
    labels,
    warnings: [...(options.earlier ?? []), ...issues],
  };
  return { trend, issues };
}

/** Lowest, highest, mean and last change of a month-by-month series, and its marks against a benchmark. */
export function statsOf(values: readonly (Rational | undefined)[], benchmark?: Benchmark): Series {
  const present = values.filter((v): v is Rational => v !== undefined);
  const marks = values.map((v) => (v !== undefined && benchmark ? markOf(v, benchmark) : undefined));
  if (present.length === 0) return { values, marks };
  const [first, ...rest] = present as [Rational, ...Rational[]];
  let min = first;
  let max = first;
  for (const v of rest) {
    if (cmp(v, min) < 0) min = v;
    if (cmp(v, max) > 0) max = v;
  }
  const mean = div(sum(present), rational(BigInt(present.length))) as Rational;
  const now = values[values.length - 1];
  const before = values[values.length - 2];
  return { values, marks, min, max, mean, ...(now !== undefined && before !== undefined ? { change: sub(now, before) } : {}) };
}

/** Below the standard (for a lower-is-better metric: above it), or at the excellent level or better. */
export function markOf(value: Rational, benchmark: Benchmark): Mark | undefined {
  const worse = (a: Rational, b: Rational) => (benchmark.lowerIsBetter ? cmp(a, b) > 0 : cmp(a, b) < 0);
  if (worse(value, benchmark.standard)) return 'below';
  if (benchmark.excellent !== undefined && !worse(value, benchmark.excellent)) return 'excellent';
  return undefined;
}

/**
 * The metrics below standard in the last month, the furthest below first (seed 001: fix the most
 * urgent metric first). Furthest by the gap relative to the standard, so that 45 s against 30 s (50%)
 * comes before 20% against 25% (20%); a standard of 0 has no relative gap and comes first; ties keep
 * the metrics' order.
 */
function shortfallsOf(series: ReadonlyMap<string, Series>, metrics: readonly string[], benchmarks: ReadonlyMap<string, Benchmark>): Shortfall[] {
  const found: Shortfall[] = [];
  for (const metric of metrics) {
    const benchmark = benchmarks.get(metric);
    const s = series.get(metric);
    const value = s?.values[s.values.length - 1];
    if (!benchmark || !s || value === undefined || s.marks[s.marks.length - 1] !== 'below') continue;
    const gap = div(abs(sub(value, benchmark.standard)), abs(benchmark.standard));
    found.push({ metric, value, standard: benchmark.standard, ...(gap !== undefined ? { gap } : {}) });
  }
  return found
    .map((s, order) => ({ s, order }))
    .sort((a, b) => (a.s.gap === undefined ? (b.s.gap === undefined ? 0 : -1) : b.s.gap === undefined ? 1 : cmp(b.s.gap, a.s.gap)) || a.order - b.order)
    .map(({ s }) => s);
}

const abs = (a: Rational): Rational => (a.n < 0n ? { n: -a.n, d: a.d } : a);

/** Agents in the last month's order (group, then rank), then those gone since, from the latest month they were in. */
function agentOrder(months: readonly RunMonth[]): string[] {
  const order: string[] = [];
  for (const month of [...months].reverse()) for (const agent of month.agents) if (!order.includes(agent.agentId)) order.push(agent.agentId);
  return order;
}

/** The KPI metrics (the last month's scheme's order first), the benchmarked ones the months have, the KPI score and the pay total. */
function defaultMetrics(months: readonly RunMonth[], available: ReadonlySet<string>, benchmarks: ReadonlyMap<string, Benchmark>): string[] {
  const metrics: string[] = [];
  const add = (name: string) => {
    if (available.has(name) && !metrics.includes(name)) metrics.push(name);
  };
  for (const month of [...months].reverse()) month.kpiMetrics.forEach(add);
  for (const name of benchmarks.keys()) add(name);
  add(KPI_SCORE);
  add(PAY_TOTAL);
  return metrics;
}

/** --metric names: a metric's name or its header in either language (询单转化率, Conversion, a scheme's label), its unit left off or not (首响, 首响(秒)). */
function resolveMetrics(asked: readonly string[], available: ReadonlySet<string>, labels: ReadonlyMap<string, string>, issues: Issue[]): string[] {
  const byHeader = new Map<string, string>();
  for (const name of available) {
    for (const header of [trendLabel(name, 'zh', labels), trendLabel(name, 'en', labels), trendLabel(name, 'zh'), trendLabel(name, 'en')]) {
      byHeader.set(header.toLowerCase(), name);
      byHeader.set(header.replace(/\s*[(（][^()（）]*[)）]$/, '').toLowerCase(), name);
    }
  }
  const metrics: string[] = [];
  for (const word of asked) {
    const name = available.has(word) ? word : byHeader.get(word.toLowerCase());
    if (name === undefined) {
      issues.push(issue('TREND_UNKNOWN_METRIC', { metric: word, suggestion: nearest(word, [...available, ...byHeader.keys()]), available: [...available].join(', ') }));
    } else if (!metrics.includes(name)) metrics.push(name);
  }
  return metrics;
}

/** --agent: the agent_id, else the name, in any month. */
function resolveAgent(asked: string, months: readonly RunMonth[], issues: Issue[]): Set<string> | undefined {
  const everyone = months.flatMap((m) => m.agents);
  const byId = everyone.filter((a) => a.agentId === asked);
  const matching = byId.length > 0 ? byId : everyone.filter((a) => a.name === asked);
  const ids = new Set(matching.map((a) => a.agentId));
  if (ids.size === 1) return ids;
  if (ids.size > 1) issues.push(issue('TREND_UNKNOWN_AGENT', { value: asked, ids: [...ids].sort().join(', ') }));
  else issues.push(issue('TREND_UNKNOWN_AGENT', { value: asked, nearest: nearestMany(asked, everyone.flatMap((a) => [a.agentId, a.name]), 3).join(', ') }));
  return undefined;
}

/** A benchmark on a metric no month has and that is neither built in nor derived: a misspelling, said at its line in the scheme. */
function checkBenchmarkNames(scheme: TrendOptions['scheme'], available: ReadonlySet<string>, derived: readonly string[], issues: Issue[]): void {
  if (!scheme) return;
  const known = new Set([...METRICS.keys(), ...derived, ...available]);
  for (const ref of scheme.metricReferences) {
    if (ref.benchmark && !known.has(ref.metric)) issues.push(issue('SCHEME_UNKNOWN_METRIC', { metric: ref.metric, suggestion: nearest(ref.metric, known) }, ref.source));
  }
}

/**
 * Months computed under another scheme than the last month's. A metric the scheme itself defines — a
 * fact or a derived ratio it names, the KPI score, the pay total — may mean something else there: it
 * is shown for the months of the last month's scheme only, never averaged across the two, and a
 * warning names it, with the metrics that some months do not have at all. Built-in metrics (SPEC §2's
 * definitions) are compared across every month. Gives, per metric, which months are compared.
 */
function comparedMonths(months: readonly RunMonth[], metrics: readonly string[], available: ReadonlySet<string>, labels: ReadonlyMap<string, string>, issues: Issue[]): Map<string, boolean[]> {
  const last = months[months.length - 1] as RunMonth;
  const same = months.map((m) => sameScheme(m.scheme, last.scheme));
  const compared = new Map<string, boolean[]>();
  if (same.every(Boolean)) return compared;
  const own = metrics.filter((m) => available.has(m) && (!METRICS.has(m) || m === KPI_SCORE));
  for (const metric of own) compared.set(metric, same);
  const has = (month: RunMonth, metric: string) => month.team.has(metric) || month.agents.some((a) => a.metrics.has(metric));
  const absent = metrics
    .filter((metric) => !own.includes(metric))
    .map((metric) => ({ metric, missing: months.filter((m) => !has(m, metric)).map((m) => m.period.label) }))
    .filter((a) => a.missing.length > 0);
  // Every metric shown is built in and in every month: the schemes differ in nothing shown.
  if (own.length === 0 && absent.length === 0) return compared;
  const schemes: string[] = [];
  months.forEach((month, i) => {
    const first = months.findIndex((m) => sameScheme(m.scheme, month.scheme));
    if (first === i) schemes.push(`${months.filter((m) => sameScheme(m.scheme, month.scheme)).map((m) => m.period.label).join(', ')}: ${month.scheme.name}`);
  });
  const list = (lang: 'zh' | 'en', names: readonly string[]) => names.map((m) => trendLabel(m, lang, labels)).join(lang === 'zh' ? '、' : ', ');
  const lacking = (lang: 'zh' | 'en') => absent.map((a) => `${trendLabel(a.metric, lang, labels)}${lang === 'zh' ? `（${a.missing.join('、')} 没有）` : ` (not in ${a.missing.join(', ')})`}`).join(lang === 'zh' ? '、' : ', ');
  issues.push(
    issue('TREND_SCHEMES_DIFFER', {
      schemes: schemes.join('; '),
      scheme: last.scheme.name,
      months: months.filter((_, i) => same[i]).map((m) => m.period.label).join(', '),
      own_zh: list('zh', own),
      own_en: list('en', own),
      absent_zh: lacking('zh'),
      absent_en: lacking('en'),
    }),
  );
  return compared;
}
