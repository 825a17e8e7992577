// Core: the month, end to end — dataset + scheme + period → the ranked report and the bonus sheet,
// with every issue found on the way. Resolves the roster against the scheme, rows to agents, metrics
// to the scheme's names; then scores, ranks and pays each group. Pure: no files, no clock, no environment.
import type { AgentKey, Dataset, Period, RosterEntry, StatsField, StatsRow } from './dataset.js';
import { periodDays } from './dataset.js';
import { daysEmployed } from './dates.js';
import { issue, type Issue } from './issues.js';
import { METRICS, metricLabel } from './metrics.js';
import type { AgentReport, GroupSummary, PayColumn, Payroll, PayrollAgent, Report } from './model.js';
import { LINE_KINDS, columnAmount } from './model.js';
import { type Fen, sumFen } from './money.js';
import { proratedBase, payLines, showNumber } from './pay.js';
import { rank, awardPrizes } from './rank.js';
import { type Rational, div, sum } from './rational.js';
import type { GroupRules, Scheme } from './scheme.js';
import { scoreAgent, type Scorecard } from './score.js';
import { aggregateStats, addDerivedSales, type Metrics } from './stats.js';
import { nearest } from './suggest.js';

export interface MonthResult {
  readonly report: Report;
  readonly payroll: Payroll;
  readonly issues: readonly Issue[];
}

interface Agent {
  readonly entry: RosterEntry;
  readonly rules: GroupRules;
  readonly days: number;
  readonly metrics: Metrics;
  scorecard?: Scorecard;
}

export function computeMonth(dataset: Dataset, scheme: Scheme, period: Period): MonthResult {
  const issues: Issue[] = [];
  checkMetricNames(scheme, dataset, issues);

  const agents = resolveRoster(dataset.roster, scheme, period, issues);
  const byAccount = new Map<string, RosterEntry>();
  for (const entry of dataset.roster) for (const account of entry.accounts) if (!byAccount.has(account)) byAccount.set(account, entry);
  const agentById = new Map(agents.map((a) => [a.entry.agentId, a]));

  // Stats rows of the period, by agent. An account the roster does not know counts for the shop only.
  const inPeriod = dataset.stats.filter((row) => row.date === undefined || (row.date >= period.first && row.date <= period.last));
  if (dataset.stats.length === 0) issues.push(issue('NO_STATS'));
  const rowsByAgent = new Map<string, StatsRow[]>();
  const unknownAccounts = new Map<string, StatsRow>();
  const notEmployed = new Set<string>();
  for (const row of inPeriod) {
    const entry = byAccount.get(row.account);
    if (!entry) {
      if (!unknownAccounts.has(row.account)) unknownAccounts.set(row.account, row);
      continue;
    }
    if (!agentById.has(entry.agentId)) {
      if (!notEmployed.has(entry.agentId) && entry.group !== '' && scheme.groups.has(entry.group)) {
        issues.push(issue('NOT_EMPLOYED', { id: entry.agentId, period: period.label }, row.source));
      }
      notEmployed.add(entry.agentId);
      continue;
    }
    const list = rowsByAgent.get(entry.agentId) ?? [];
    list.push(row);
    rowsByAgent.set(entry.agentId, list);
  }
  for (const [account, row] of unknownAccounts) {
    issues.push(issue('UNKNOWN_ACCOUNT', { account, suggestion: nearest(account, byAccount.keys()) }, row.source));
  }
  for (const agent of agents) {
    for (const [name, value] of aggregateStats(agent.entry.agentId, rowsByAgent.get(agent.entry.agentId) ?? [], issues)) agent.metrics.set(name, value);
  }

  applyFacts(dataset, agents, issues);
  const adjustments = resolveAdjustments(dataset, agents, issues);
  addShares(agents);
  for (const agent of agents) addDerived(scheme, agent.metrics);

  const report = buildReport(scheme, period, dataset, agents, inPeriod, issues);
  const payroll = buildPayroll(scheme, period, agents, adjustments);
  return { report: { ...report, warnings: issues.filter((i) => i.severity === 'warning') }, payroll, issues };
}

/** Every metric the scheme names must exist: built in, derived, or a column of a facts file. */
function checkMetricNames(scheme: Scheme, dataset: Dataset, issues: Issue[]): void {
  const known = new Set<string>([...METRICS.keys(), ...scheme.derived.keys(), ...dataset.factNames]);
  for (const ref of scheme.metricReferences) {
    if (!known.has(ref.metric)) issues.push(issue('SCHEME_UNKNOWN_METRIC', { metric: ref.metric, suggestion: nearest(ref.metric, known) }, ref.source));
  }
}

function resolveRoster(roster: readonly RosterEntry[], scheme: Scheme, period: Period, issues: Issue[]): Agent[] {
  const agents: Agent[] = [];
  const seen = new Set<string>();
  for (const entry of roster) {
    if (seen.has(entry.agentId)) continue; // reported by checkRoster
    seen.add(entry.agentId);
    const rules = scheme.groups.get(entry.group);
    if (!rules) {
      if (entry.group !== '') {
        const groups = [...scheme.groups.keys()];
        issues.push(issue('ROSTER_UNKNOWN_GROUP', { group: entry.group, groups: groups.join(', '), suggestion: nearest(entry.group, groups) }, entry.source));
      }
      continue;
    }
    const days = daysEmployed(period, entry.startDate, entry.endDate);
    if (days === 0) continue;
    const base = rules.pay.base;
    // A base_salary in the roster is the person's own contract and wins over the level or the number.
    if (base.kind === 'level' && entry.baseSalary === undefined && !(entry.level !== undefined && scheme.levels.has(entry.level))) {
      const levels = [...scheme.levels.keys()];
      issues.push(issue('ROSTER_UNKNOWN_LEVEL', { level: entry.level ?? '', levels: levels.join(', '), suggestion: nearest(entry.level ?? '', levels) }, entry.source));
    }
    if (base.kind === 'roster' && entry.baseSalary === undefined) issues.push(issue('ROSTER_NO_BASE', { id: entry.agentId }, entry.source));
    agents.push({ entry, rules, days, metrics: new Map() });
  }
  return agents;
}

/** Index of roster entries by agent_id, name and account: the three keys a facts or adjustments row may use. */
function indexBy<T>(items: readonly T[], keysOf: (item: T) => readonly string[]): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const item of items) for (const key of keysOf(item)) index.set(key, [...(index.get(key) ?? []), item]);
  return index;
}

/**
 * Finds the agent a facts or adjustments row is about. A row about someone on the roster but not
 * employed this period is skipped silently; anyone else is a typo worth an error, since a fact or an
 * adjustment would otherwise be lost.
 */
function agentLookup(dataset: Dataset, agents: readonly Agent[]) {
  const keys = (by: AgentKey['by']) => (e: RosterEntry) => (by === 'agent_id' ? [e.agentId] : by === 'name' ? [e.name] : e.accounts);
  const employed = { agent_id: indexBy(agents, (a) => keys('agent_id')(a.entry)), name: indexBy(agents, (a) => keys('name')(a.entry)), account: indexBy(agents, (a) => keys('account')(a.entry)) };
  const roster = { agent_id: indexBy(dataset.roster, keys('agent_id')), name: indexBy(dataset.roster, keys('name')), account: indexBy(dataset.roster, keys('account')) };
  return (key: AgentKey, source: Issue['source'], issues: Issue[]): Agent | undefined => {
    const found = employed[key.by].get(key.value) ?? [];
    if (found.length === 1) return found[0];
    if (found.length > 1) {
      issues.push(issue('AMBIGUOUS_NAME', { value: key.value, ids: found.map((a) => a.entry.agentId).join(', ') }, source));
      return undefined;
    }
    if (!roster[key.by].has(key.value)) {
      // A near name or account is likely a typo; a near 工号 (K012 for K021) is just another person.
      const candidates = key.by === 'agent_id' ? [] : roster[key.by].keys();
      issues.push(issue('UNKNOWN_AGENT', { key: key.by, value: key.value, suggestion: nearest(key.value, candidates) }, source));
    }
    return undefined;
  };
}

function applyFacts(dataset: Dataset, agents: readonly Agent[], issues: Issue[]): void {
  const lookup = agentLookup(dataset, agents);
  const seenAt = new Map<string, string>();
  for (const row of dataset.facts) {
    const agent = lookup(row.key, row.source, issues);
    if (!agent) continue;
    for (const [name, value] of row.values) {
      const slot = `${agent.entry.agentId}\u0000${name}`;
      const other = seenAt.get(slot);
      if (other !== undefined) {
        issues.push(issue('FACT_DUPLICATE', { id: agent.entry.agentId, metric: name, other }, row.source));
        continue;
      }
      seenAt.set(slot, `${row.source.file}:${row.source.line}`);
      // A fact names its own metric, or fills a built-in one the export lacks (套餐销售额 → bundle_sales).
      agent.metrics.set(name, value);
    }
  }
}

function resolveAdjustments(dataset: Dataset, agents: readonly Agent[], issues: Issue[]) {
  const lookup = agentLookup(dataset, agents);
  const byAgent = new Map<string, { item: string; amount: Fen; reason: string }[]>();
  for (const row of dataset.adjustments) {
    const agent = lookup(row.key, row.source, issues);
    if (!agent) continue;
    const list = byAgent.get(agent.entry.agentId) ?? [];
    list.push({ item: row.item, amount: row.amount, reason: row.reason });
    byAgent.set(agent.entry.agentId, list);
  }
  return byAgent;
}

/** sales_share: each agent's cs_sales over Σ cs_sales of every agent in the report. */
function addShares(agents: readonly Agent[]): void {
  for (const agent of agents) addDerivedSales(agent.metrics);
  const total = sum(agents.map((a) => a.metrics.get('cs_sales')).filter((v): v is Rational => v !== undefined));
  for (const agent of agents) {
    const sales = agent.metrics.get('cs_sales');
    const share = sales !== undefined ? div(sales, total) : undefined;
    if (share !== undefined) agent.metrics.set('sales_share', share);
  }
}

function addDerived(scheme: Scheme, metrics: Metrics): void {
  for (const [name, rule] of scheme.derived) {
    const [top, bottom] = rule.ratio;
    const a = metrics.get(top);
    const b = metrics.get(bottom);
    const value = a !== undefined && b !== undefined ? div(a, b) : undefined;
    if (value !== undefined) metrics.set(name, value);
  }
}

/** The metrics a group's rules name, in the order they appear, each derived ratio after its parts. */
function metricsUsed(scheme: Scheme, rules: GroupRules): string[] {
  const named = [
    ...rules.kpi.map((k) => k.metric),
    ...rules.veto.map((v) => v.metric),
    ...rules.pay.commission.flatMap((c) => (c.kind === 'tiers' ? [c.metric] : [])),
    ...rules.pay.bonuses.map((b) => b.rankBy).filter((m) => m !== 'kpi_score'),
    ...rules.pay.allowances.map((a) => a.per),
    ...rules.pay.deductions.map((d) => d.per),
  ];
  const used: string[] = [];
  const visited = new Set<string>();
  const add = (metric: string) => {
    if (visited.has(metric)) return;
    visited.add(metric);
    scheme.derived.get(metric)?.ratio.forEach(add);
    used.push(metric);
  };
  named.forEach(add);
  return used;
}

const TEAM_SUMS: readonly StatsField[] = ['consulted', 'received', 'inquiries', 'inquiries_paid', 'cs_buyers', 'cs_units', 'cs_sales', 'cs_refunds'];

function buildReport(scheme: Scheme, period: Period, dataset: Dataset, agents: Agent[], rows: readonly StatsRow[], issues: Issue[]): Omit<Report, 'warnings'> {
  const groups: GroupSummary[] = [];
  const reports: AgentReport[] = [];
  for (const rules of scheme.groups.values()) {
    const members = agents.filter((a) => a.rules === rules);
    for (const agent of members) agent.scorecard = scoreAgent(rules, agent.metrics);
    const ranking = rank(
      members.map((a) => ({ agentId: a.entry.agentId, value: a.scorecard?.kpiScore })),
      'desc',
    );
    const byId = new Map(members.map((a) => [a.entry.agentId, a]));
    for (const { agentId, rank: place } of ranking) {
      const agent = byId.get(agentId) as Agent;
      const card = agent.scorecard as Scorecard;
      const e = agent.entry;
      reports.push({
        agentId,
        name: e.name,
        group: rules.name,
        ...(e.team ? { team: e.team } : {}),
        ...(e.employment ? { employment: e.employment } : {}),
        ...(e.level ? { level: e.level } : {}),
        rank: place,
        kpiScore: card.kpiScore,
        factor: card.factor,
        disqualified: card.disqualified,
        vetoes: card.vetoes,
        missing: card.missing,
        metrics: agent.metrics,
        points: card.points,
        daysEmployed: agent.days,
      });
    }
    groups.push({ name: rules.name, kpiMetrics: rules.kpi.map((k) => k.metric), metrics: metricsUsed(scheme, rules), agents: members.length });
    for (const item of rules.kpi) {
      const lacking = members.filter((a) => !a.metrics.has(item.metric)).map((a) => a.entry.agentId);
      if (lacking.length > 0) {
        const shown = lacking.length > 10 ? `${lacking.slice(0, 10).join(', ')} …` : lacking.join(', ');
        issues.push(
          issue('METRIC_MISSING', { group: rules.name, metric_zh: metricLabel(item.metric, 'zh'), metric_en: metricLabel(item.metric, 'en'), count: lacking.length, agents: shown }),
        );
      }
    }
    for (const c of rules.pay.commission) {
      if (c.kind === 'per_unit' && members.length > 0) issues.push(issue('PER_UNIT_NEEDS_ORDERS', { name: c.name }));
    }
  }

  // Team totals count every row of the period, including accounts the roster does not know.
  const team = new Map<string, Rational>();
  for (const field of TEAM_SUMS) {
    const values = rows.map((r) => r.values[field]).filter((v): v is Rational => v !== undefined);
    if (values.length > 0) team.set(field, sum(values));
  }
  const conversion = team.has('inquiries_paid') && team.has('inquiries') ? div(team.get('inquiries_paid') as Rational, team.get('inquiries') as Rational) : undefined;
  if (conversion !== undefined) team.set('conversion', conversion);
  addDerivedSales(team);
  team.set('agents', { n: BigInt(agents.length), d: 1n });

  const benchmarks = dataset.benchmarks.map((b) => ({ label: b.label, metrics: new Map(Object.entries(b.values) as [string, Rational][]) }));
  return { period, scheme: scheme.name, groups, agents: reports, derived: [...scheme.derived.keys()], team, benchmarks };
}

function buildPayroll(scheme: Scheme, period: Period, agents: readonly Agent[], adjustments: ReadonlyMap<string, { item: string; amount: Fen; reason: string }[]>): Payroll {
  const sheet: PayrollAgent[] = [];
  const days = periodDays(period);
  for (const rules of scheme.groups.values()) {
    const members = agents.filter((a) => a.rules === rules).sort((a, b) => (a.entry.agentId < b.entry.agentId ? -1 : 1));
    // Rank prizes: agents disqualified by a veto leave the ranking, and the others move up.
    const prizes = new Map<string, Map<string, { amount: Fen; basis: string }>>();
    for (const bonus of rules.pay.bonuses) {
      const eligible = members.filter((a) => !a.scorecard?.disqualified);
      const ranking = rank(
        eligible.map((a) => ({ agentId: a.entry.agentId, value: bonus.rankBy === 'kpi_score' ? a.scorecard?.kpiScore : a.metrics.get(bonus.rankBy) })),
        bonus.order,
      );
      const awards = awardPrizes(ranking, bonus.prizes);
      const sharing = new Map<number, number>();
      for (const entry of ranking) sharing.set(entry.rank, (sharing.get(entry.rank) ?? 0) + 1);
      for (const entry of ranking) {
        const amount = awards.get(entry.agentId);
        if (amount === undefined) continue;
        const tied = sharing.get(entry.rank) ?? 1;
        const basis = `#${entry.rank} ${bonus.rankBy} ${showNumber(entry.value)}${tied > 1 ? ` (${tied} tied, pool ÷ ${tied})` : ''}`;
        const forAgent = prizes.get(entry.agentId) ?? new Map();
        forAgent.set(bonus.name, { amount, basis });
        prizes.set(entry.agentId, forAgent);
      }
    }
    for (const agent of members) {
      const e = agent.entry;
      const base = rules.pay.base;
      const monthly = e.baseSalary ?? (base.kind === 'amount' ? base.fen : base.kind === 'level' ? scheme.levels.get(e.level ?? '') ?? 0n : 0n);
      const lines = payLines(rules.pay, {
        base: proratedBase(monthly, agent.days, days),
        metrics: agent.metrics,
        factor: agent.scorecard?.factor ?? { n: 1n, d: 1n },
        prizes: prizes.get(e.agentId) ?? new Map(),
        adjustments: adjustments.get(e.agentId) ?? [],
      });
      sheet.push({ agentId: e.agentId, name: e.name, group: rules.name, lines, total: sumFen(lines.map((l) => l.amount)) });
    }
  }
  const columns: PayColumn[] = [];
  for (const kind of LINE_KINDS) {
    for (const agent of sheet) {
      for (const line of agent.lines) {
        if (line.kind === kind && !columns.some((c) => c.kind === kind && c.name === line.name)) columns.push({ kind, name: line.name });
      }
    }
  }
  const columnTotals = columns.map((column) => sumFen(sheet.map((agent) => columnAmount(agent, column) ?? 0n)));
  return { period, scheme: scheme.name, columns, agents: sheet, columnTotals, total: sumFen(sheet.map((a) => a.total)) };
}

