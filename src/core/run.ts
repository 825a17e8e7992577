// Core: the month, end to end — dataset + scheme + period → the ranked report and the bonus sheet,
// with every issue found on the way: agents from the roster, their metrics from the rows, facts and
// derived ratios, then the report (scores, ranks) and the sheet (pay). Pure: no files, no clock.
import type { Dataset, StatsRow } from './model/dataset.js';
import type { Period } from './num/dates.js';
import { issue, sortIssues, type Issue } from './model/issues.js';
import { formatYuan } from './num/money.js';
import { METRICS } from './metrics/metrics.js';
import type { Payroll, Report } from './model/model.js';
import { type Rational, div, showNumber, sum } from './num/rational.js';
import type { Scheme } from './model/scheme.js';
import { aggregateStats, completedSales, type Combined } from './metrics/stats.js';
import { nearest } from './model/suggest.js';
import { type Agent, METRIC_SOURCES, type MetricSource, agentLookup, resolveRoster, sourceOf, assignStats, factsByAgent, resolveAdjustments } from './agents.js';
import type { OrderCredits, RawResult, RawSource } from './metrics/raw/raw-metrics.js';
import { buildReport } from './score/report.js';
import { scoreAgent, type Scorecard } from './score/score.js';
import { traceAgent, type AgentTrace } from './explain.js';
import { buildPayroll } from './pay/payroll.js';
import { resolveTeams } from './pay/team-pay.js';

export interface MonthResult {
  readonly report: Report;
  readonly payroll: Payroll;
  /** Every agent's figures from the inputs to the total, by agent_id (explain.ts), worked out when asked for. */
  readonly traces: Traces;
  readonly issues: readonly Issue[];
  /** Every agent's credited paid orders, for raw data when MonthInputs.credits asked for them. */
  readonly credits?: OrderCredits;
}

/** The agents' traces: each worked out when asked for. */
export interface Traces {
  /** The agents of the month, in roster order. */
  readonly ids: readonly string[];
  get(agentId: string): AgentTrace | undefined;
}

export interface MonthInputs {
  /** The rows of the small tables. */
  readonly rows: Dataset;
  /** The chat logs and order reports as read, when given: worked out here under the scheme. */
  readonly raw?: RawSource;
  /** The issues found while reading the files: the report lists every warning of the run, these first. */
  readonly earlier?: readonly Issue[];
  /** The agent_id whose trace lists the raw rows behind their counts (kefu explain): worked out for one agent only. */
  readonly detailFor?: string;
  /** List every agent's credited paid orders (MonthResult.credits): a month folder keeps them, so a later recomputation can name the orders that changed. */
  readonly credits?: boolean;
}

/**
 * The month, from rows + scheme + period: agents from the roster; each agent's metrics from the
 * sources in the order of METRIC_SOURCES; the scores, ranks and pay. `issues` of the result holds only
 * those found here. One read of the files may be computed under any scheme.
 */
export async function computeMonth(inputs: MonthInputs, scheme: Scheme, period: Period): Promise<MonthResult> {
  const { rows } = inputs;
  const issues: Issue[] = [];
  checkMetricNames(scheme, rows, issues);
  const agents = resolveRoster(rows.roster, scheme, period, issues);
  const raw = inputs.raw ? await inputs.raw.month(scheme, period, rows.roster, issues, { ...(inputs.detailFor ? { detailFor: inputs.detailFor } : {}), ...(inputs.credits ? { credits: true } : {}) }) : undefined;

  if (rows.stats.length === 0 && !raw) issues.push(issue('NO_STATS'));
  const stats = assignStats(rows, agents, scheme, period, issues);
  // What the accounts the roster does not know did: the shop's, no person's (SPEC §1); for an account
  // in both, the raw data wins, as it does for a person.
  const fromRaw = new Set(raw?.unknownAccounts ?? []);
  const unknownRows = stats.unknown.filter((row) => !fromRaw.has(row.account));
  const unknown = [...(raw?.unknown ? [raw.unknown] : []), ...(unknownRows.length > 0 ? [aggregateStats('', unknownRows, [])] : [])];
  const lookup = agentLookup(rows, agents);
  const facts = factsByAgent(rows, lookup, issues, agents);
  checkPerMetricFacts(scheme, facts, issues);
  const adjustments = resolveAdjustments(rows, lookup, period, issues);
  const both: string[] = [];
  for (const agent of agents) {
    const id = agent.entry.agentId;
    const fromRaw = raw?.metrics.get(id);
    const statsRows = stats.byAgent.get(id) ?? [];
    // Raw data wins over the platform's numbers for the same person (SPEC §2), with a warning.
    if (fromRaw && statsRows.length > 0) both.push(id);
    // Taken in the order of the files' columns (the report lists them so), each by its source's rank.
    if (fromRaw) for (const [name, value] of fromRaw) take(agent, name, value, 'raw');
    else for (const [name, value] of aggregateStats(id, statsRows, issues)) take(agent, name, value, 'stats');
    for (const [name, fact] of facts.get(id) ?? []) take(agent, name, fact.value, 'facts');
    if (raw?.shopSales !== undefined) agent.unitsBySku = raw.unitsBySku.get(id) ?? new Map();
  }
  checkRefundsColumn(scheme, rows, agents, stats.byAgent, issues);
  if (both.length > 0) issues.push(issue('RAW_AND_STATS', { count: both.length, agents: both.slice(0, 10).join(', ') + (both.length > 10 ? ' …' : '') }));
  addShares(agents, raw?.shopSales);
  checkSources(scheme, raw, issues);
  for (const agent of agents) addDerived(scheme, agent);

  const scorecards = new Map(agents.map((a) => [a.entry.agentId, scoreAgent(a.rules, a.metrics)]));
  const report = buildReport(scheme, period, rows, agents, scorecards, { shopSales: raw?.shopSales, unknown }, issues);
  const teams = resolveTeams(agents, issues, rows.roster);
  const payroll = buildPayroll(scheme, period, agents, scorecards, adjustments, teams, issues);
  // Pay below zero (deductions over everything else) is never a sheet's intent without a word.
  const negative = payroll.agents.filter((a) => a.total < 0n);
  for (const a of negative) issues.push(issue('PAY_NEGATIVE', { id: a.agentId, name: a.name, total: formatYuan(a.total) }));
  const ranks = new Map(report.agents.map((a) => [a.agentId, a.rank]));
  const sheet = new Map(payroll.agents.map((a) => [a.agentId, a]));
  // Each agent's trace is worked out when asked for (kefu explain, payslips), not for every agent of
  // every run: on a sheet of 200,000 agents the traces would weigh more than the month.
  const byId = new Map(agents.map((agent) => [agent.entry.agentId, agent]));
  const traces: Traces = {
    ids: agents.map((agent) => agent.entry.agentId),
    get(id) {
      const agent = byId.get(id);
      if (!agent) return undefined;
      const line = sheet.get(id);
      const statsRows = stats.byAgent.get(id) ?? [];
      // How the agent's rows made each metric: worked out again (the same pure sum), for this agent only.
      const combined = new Map<string, Combined>();
      if (!raw?.metrics.has(id)) aggregateStats(id, statsRows, [], combined);
      return traceAgent({
        scheme,
        period,
        agent,
        card: scorecards.get(id) as Scorecard,
        rank: ranks.get(id) ?? 0,
        statsRows,
        combined,
        facts: facts.get(id) ?? new Map(),
        pay: line?.lines ?? [],
        total: line?.total ?? 0n,
        ...(raw?.detail?.agentId === id ? { raw: raw.detail.rows } : {}),
      });
    },
  };
  // The warnings in a stable order (file, line, column), whatever the order of the rows.
  const warnings = sortIssues([...(inputs.earlier ?? []), ...issues].filter((i) => i.severity === 'warning'));
  return { report: { ...report, warnings }, payroll, traces, issues, ...(raw?.credits ? { credits: raw.credits } : {}) };
}

/** An agent's metric from a source, unless a source before it in METRIC_SOURCES gave it. */
function take(agent: Agent, name: string, value: Rational, source: MetricSource): void {
  const rank = METRIC_SOURCES.indexOf(source);
  const had = agent.metrics.sourceOf(name);
  if (had !== undefined && had <= rank) return;
  agent.metrics.set(name, value, rank);
}

/**
 * What an allowance or a deduction is paid per (hours, cards, lessons) is never below zero: a negative
 * count would turn a deduction into pay, or an allowance into a charge. An error at the fact's row.
 */
function checkPerMetricFacts(scheme: Scheme, facts: ReturnType<typeof factsByAgent>, issues: Issue[]): void {
  const per = new Set<string>();
  for (const group of scheme.groups.values()) for (const line of [...group.pay.allowances, ...group.pay.deductions]) per.add(line.per);
  for (const [id, byName] of facts) {
    for (const [name, fact] of byName) {
      if (per.has(name) && fact.value.n < 0n) issues.push(issue('FACT_NEGATIVE', { id, metric: name, value: showNumber(fact.value) }, fact.source));
    }
  }
}

/**
 * What the scheme pays on must come from somewhere: a per-unit commission needs the order report's
 * 商家编码 (without it every unit would be paid at the `*` rate, or not at all).
 */
function checkSources(scheme: Scheme, raw: RawResult | undefined, issues: Issue[]): void {
  const perUnit = [...scheme.groups.values()].find((g) => g.pay.commission.some((c) => c.kind === 'per_unit'));
  if (perUnit && raw?.shopSales !== undefined) {
    const units = [...raw.unitsBySku.values()];
    const anyUnits = units.some((bySku) => bySku.size > 0);
    const anySku = units.some((bySku) => [...bySku.keys()].some((sku) => sku !== ''));
    if (anyUnits && !anySku) issues.push(issue('ORDERS_NO_SKU', { group: perUnit.name }));
  }
}

/** Every metric the scheme names must exist: built in, derived, or a column of a facts file. */
function checkMetricNames(scheme: Scheme, dataset: Dataset, issues: Issue[]): void {
  const known = new Set<string>([...METRICS.keys(), ...scheme.derived.keys(), ...dataset.factNames]);
  for (const ref of scheme.metricReferences) {
    if (!known.has(ref.metric)) issues.push(issue('SCHEME_UNKNOWN_METRIC', { metric: ref.metric, suggestion: nearest(ref.metric, known) }, ref.source));
  }
}

/**
 * Net sales are sales less refunds. An export with sales but neither a refunds (成功退款金额) nor a net
 * sales column gives no refunds, which would make net sales the whole of sales without a word: when
 * the scheme uses either, say so for each such file, with how many agents it leaves without refunds.
 */
function checkRefundsColumn(scheme: Scheme, rows: Dataset, agents: readonly Agent[], statsOf: ReadonlyMap<string, readonly StatsRow[]>, issues: Issue[]): void {
  if (!rows.statsColumns || !scheme.metricReferences.some((r) => !r.label && !r.benchmark && (r.metric === 'cs_sales_net' || r.metric === 'cs_refunds'))) return;
  const lacking = new Set([...rows.statsColumns].filter(([, fields]) => fields.has('cs_sales') && !fields.has('cs_refunds') && !fields.has('cs_sales_net')).map(([file]) => file));
  if (lacking.size === 0) return;
  const affected = new Map<string, number>();
  for (const agent of agents) {
    const { metrics } = agent;
    if (sourceOf(agent, 'cs_sales') !== 'stats' || metrics.has('cs_refunds') || metrics.has('cs_sales_net')) continue;
    for (const file of new Set((statsOf.get(agent.entry.agentId) ?? []).map((row) => row.source.file))) {
      if (lacking.has(file)) affected.set(file, (affected.get(file) ?? 0) + 1);
    }
  }
  for (const [file, count] of affected) issues.push(issue('REFUNDS_COLUMN_MISSING', { count }, { file }));
}

/** What follows from the sources: refunds or net sales, aov; sales_share over Σ cs_sales of every agent in the report, shop_share over shop sales. */
function addShares(agents: readonly Agent[], shopSales: Rational | undefined): void {
  for (const agent of agents) for (const [name, value] of completedSales(agent.metrics)) take(agent, name, value, 'completed');
  const total = sum(agents.map((a) => a.metrics.get('cs_sales')).filter((v): v is Rational => v !== undefined));
  for (const agent of agents) {
    const sales = agent.metrics.get('cs_sales');
    if (sales === undefined) continue;
    const share = div(sales, total);
    if (share !== undefined) take(agent, 'sales_share', share, 'completed');
    const shopShare = shopSales !== undefined ? div(sales, shopSales) : undefined;
    if (shopShare !== undefined) take(agent, 'shop_share', shopShare, 'completed');
  }
}

/** Derived ratios; one may use another, wherever it is written, so passes repeat until none is added. */
function addDerived(scheme: Scheme, agent: Agent): void {
  const { metrics } = agent;
  for (let pass = 0; pass <= scheme.derived.size; pass++) {
    let added = false;
    for (const [name, rule] of scheme.derived) {
      if (metrics.has(name)) continue;
      const [top, bottom] = rule.ratio;
      const a = metrics.get(top);
      const b = metrics.get(bottom);
      const value = a !== undefined && b !== undefined ? div(a, b) : undefined;
      if (value !== undefined) {
        take(agent, name, value, 'derived');
        added = true;
      }
    }
    if (!added) return;
  }
}
