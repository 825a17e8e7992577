// Core: the month, end to end — dataset + scheme + period → the ranked report and the bonus sheet,
// with every issue found on the way: agents from the roster, their metrics from the rows, facts and
// derived ratios, then the report (scores, ranks) and the sheet (pay). Pure: no files, no clock.
import type { Dataset, Period } from './dataset.js';
import { issue, type Issue } from './issues.js';
import { METRICS } from './metrics.js';
import type { Payroll, Report } from './model.js';
import { type Rational, div, sum } from './rational.js';
import type { Scheme } from './scheme.js';
import { aggregateStats, addDerivedSales, type Metrics } from './stats.js';
import { nearest } from './suggest.js';
import { type Agent, agentLookup, resolveRoster, assignStats, applyFacts, resolveAdjustments } from './agents.js';
import { buildReport } from './report.js';
import { scoreAgent } from './score.js';
import { buildPayroll } from './payroll.js';

export interface MonthResult {
  readonly report: Report;
  readonly payroll: Payroll;
  readonly issues: readonly Issue[];
}

/**
 * @param earlier the issues found while reading the files: the report lists every warning of the run,
 *                these first. `issues` of the result holds only those found here.
 */
export function computeMonth(dataset: Dataset, scheme: Scheme, period: Period, earlier: readonly Issue[] = []): MonthResult {
  const issues: Issue[] = [];
  checkMetricNames(scheme, dataset, issues);
  const agents = resolveRoster(dataset.roster, scheme, period, issues);

  if (dataset.stats.length === 0 && !dataset.raw) issues.push(issue('NO_STATS'));
  const stats = assignStats(dataset, agents, scheme, period, issues);
  const raw = dataset.raw;
  // What the accounts the roster does not know did: the shop's, no person's (SPEC §1); for an account
  // in both, the raw data wins, as it does for a person.
  const fromRaw = new Set(raw?.unknownAccounts ?? []);
  const unknownRows = stats.unknown.filter((row) => !fromRaw.has(row.account));
  const unknown = [...(raw?.unknown ? [raw.unknown] : []), ...(unknownRows.length > 0 ? [aggregateStats('', unknownRows, [])] : [])];
  const both: string[] = [];
  for (const agent of agents) {
    const id = agent.entry.agentId;
    const fromRaw = raw?.metrics.get(id);
    const rows = stats.byAgent.get(id) ?? [];
    // Raw data wins over the platform's numbers for the same person (SPEC §2), with a warning.
    if (fromRaw && rows.length > 0) both.push(id);
    for (const [name, value] of fromRaw ?? aggregateStats(id, rows, issues)) agent.metrics.set(name, value);
    if (raw?.shopSales !== undefined) agent.unitsBySku = raw.unitsBySku.get(id) ?? new Map();
  }
  if (both.length > 0) issues.push(issue('RAW_AND_STATS', { count: both.length, agents: both.slice(0, 10).join(', ') + (both.length > 10 ? ' …' : '') }));
  const lookup = agentLookup(dataset, agents);
  applyFacts(dataset, lookup, issues);
  const adjustments = resolveAdjustments(dataset, lookup, period, issues);
  addShares(agents, raw?.shopSales);
  for (const agent of agents) addDerived(scheme, agent.metrics);

  const scorecards = new Map(agents.map((a) => [a.entry.agentId, scoreAgent(a.rules, a.metrics)]));
  const report = buildReport(scheme, period, dataset, agents, scorecards, { shopSales: raw?.shopSales, unknown }, issues);
  const payroll = buildPayroll(scheme, period, agents, scorecards, adjustments);
  return { report: { ...report, warnings: [...earlier, ...issues].filter((i) => i.severity === 'warning') }, payroll, issues };
}

/** Every metric the scheme names must exist: built in, derived, or a column of a facts file. */
function checkMetricNames(scheme: Scheme, dataset: Dataset, issues: Issue[]): void {
  const known = new Set<string>([...METRICS.keys(), ...scheme.derived.keys(), ...dataset.factNames]);
  for (const ref of scheme.metricReferences) {
    if (!known.has(ref.metric)) issues.push(issue('SCHEME_UNKNOWN_METRIC', { metric: ref.metric, suggestion: nearest(ref.metric, known) }, ref.source));
  }
}

/** sales_share: cs_sales over Σ cs_sales of every agent in the report; shop_share: over shop sales. */
function addShares(agents: readonly Agent[], shopSales: Rational | undefined): void {
  for (const agent of agents) addDerivedSales(agent.metrics);
  const total = sum(agents.map((a) => a.metrics.get('cs_sales')).filter((v): v is Rational => v !== undefined));
  for (const agent of agents) {
    const sales = agent.metrics.get('cs_sales');
    if (sales === undefined) continue;
    const share = div(sales, total);
    if (share !== undefined) agent.metrics.set('sales_share', share);
    const shopShare = shopSales !== undefined ? div(sales, shopSales) : undefined;
    if (shopShare !== undefined) agent.metrics.set('shop_share', shopShare);
  }
}

/** Derived ratios; one may use another, wherever it is written, so passes repeat until none is added. */
function addDerived(scheme: Scheme, metrics: Metrics): void {
  for (let pass = 0; pass <= scheme.derived.size; pass++) {
    let added = false;
    for (const [name, rule] of scheme.derived) {
      if (metrics.has(name)) continue;
      const [top, bottom] = rule.ratio;
      const a = metrics.get(top);
      const b = metrics.get(bottom);
      const value = a !== undefined && b !== undefined ? div(a, b) : undefined;
      if (value !== undefined) {
        metrics.set(name, value);
        added = true;
      }
    }
    if (!added) return;
  }
}

