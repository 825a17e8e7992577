// Core: people and rows. Which roster entries are agents this period (and under which group's
// rules), which agent each stats row, fact and adjustment belongs to, and the issues when that cannot
// be told. Pure.
import type { AgentKey, Dataset, FactRow, RosterEntry, StatsRow } from './model/dataset.js';
import { daysEmployed, monthsOf, type Period } from './num/dates.js';
import { issue, type Issue, type Source } from './model/issues.js';
import { formatYuan, type Fen } from './num/money.js';
import type { Rational } from './num/rational.js';
import type { GroupRules, Scheme } from './model/scheme.js';
import { AgentMetrics, MetricSlots } from './metrics/agent-metrics.js';
import { nearest, nearestAccount } from './model/suggest.js';

/**
 * Where an agent's metric comes from, the first of these that has it giving it (SPEC §1–2):
 * - `facts`: the manager's own numbers (a facts column named like a metric, 套餐销售额 → bundle_sales);
 * - `raw`: the chat log and order report, worked out under the scheme (raw wins over the export);
 * - `stats`: the platform's per-agent export, the person's rows combined;
 * - `completed`: what follows from those: refunds or net sales from the other two, aov, sales_share, shop_share;
 * - `derived`: the scheme's own ratios (`derived:`), one of which may use another.
 */
export const METRIC_SOURCES = ['facts', 'raw', 'stats', 'completed', 'derived'] as const;
export type MetricSource = (typeof METRIC_SOURCES)[number];

/** Where the agent's metric was taken from. */
export function sourceOf(agent: Agent, name: string): MetricSource | undefined {
  const number = agent.metrics.sourceOf(name);
  return number === undefined ? undefined : METRIC_SOURCES[number];
}

/** A person on the roster who was employed in the period and whose group the scheme scores. */
export interface Agent {
  readonly entry: RosterEntry;
  readonly rules: GroupRules;
  /** Days employed in the period, start and end dates counted. */
  readonly days: number;
  /** Each with the number of its source in METRIC_SOURCES (taken by core/run.ts; read by sourceOf). */
  readonly metrics: AgentMetrics;
  /** Credited paid units by SKU, when order lines were given (for per-unit commission). */
  unitsBySku?: ReadonlyMap<string, Rational>;
}

export interface Adjustment {
  readonly item: string;
  readonly amount: Fen;
  readonly reason: string;
  readonly source: Source;
}

export function resolveRoster(roster: readonly RosterEntry[], scheme: Scheme, period: Period, issues: Issue[]): Agent[] {
  const agents: Agent[] = [];
  const slots = new MetricSlots();
  const seen = new Set<string>();
  for (const entry of roster) {
    if (seen.has(entry.agentId)) continue; // reported by checkRoster
    seen.add(entry.agentId);
    // Someone who left before the period (or joins after it) is nobody's concern this month.
    const days = daysEmployed(period, entry.startDate, entry.endDate);
    if (days === 0) continue;
    const rules = scheme.groups.get(entry.group);
    if (!rules) {
      if (entry.group !== '') {
        const groups = [...scheme.groups.keys()];
        issues.push(issue('ROSTER_UNKNOWN_GROUP', { group: entry.group, groups: groups.join(', '), suggestion: nearest(entry.group, groups) }, entry.source));
      }
      continue;
    }
    const base = rules.pay.base;
    // A base_salary in the roster is the person's own contract and wins over the level or the number.
    if (base.kind === 'level' && entry.baseSalary === undefined && !(entry.level !== undefined && scheme.levels.has(entry.level))) {
      const levels = [...scheme.levels.keys()];
      issues.push(issue('ROSTER_UNKNOWN_LEVEL', { level: entry.level ?? '', levels: levels.join(', '), suggestion: nearest(entry.level ?? '', levels) }, entry.source));
    }
    if (base.kind === 'roster' && entry.baseSalary === undefined) issues.push(issue('ROSTER_NO_BASE', { id: entry.agentId }, entry.source));
    agents.push({ entry, rules, days, metrics: new AgentMetrics(slots) });
  }
  return agents;
}

/** An agent's team as a key list for indexBy: none for an agent in no team. */
export const teamOf = (agent: Agent): string[] => (agent.entry.team ? [agent.entry.team] : []);

/** Items by each of their keys (roster entries by agent_id, name or account; agents by team), in the items' order. */
export function indexBy<T>(items: readonly T[], keysOf: (item: T) => readonly string[]): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const item of items) {
    for (const key of keysOf(item)) {
      const list = index.get(key);
      if (list) list.push(item);
      else index.set(key, [item]);
    }
  }
  return index;
}

export type AgentLookup = (key: AgentKey, source: Issue['source'], issues: Issue[]) => Agent | 'not employed' | undefined;

/**
 * Finds the agent a facts or adjustments row is about: the agent, 'not employed' for someone on the
 * roster who is not in this period's report, or undefined (and an issue) for anyone else — a typo
 * worth an error, since a fact or an adjustment would otherwise be lost.
 */
export function agentLookup(dataset: Dataset, agents: readonly Agent[]): AgentLookup {
  const keys = (by: AgentKey['by']) => (e: RosterEntry) => (by === 'agent_id' ? [e.agentId] : by === 'name' ? [e.name] : e.accounts);
  const employed = { agent_id: indexBy(agents, (a) => keys('agent_id')(a.entry)), name: indexBy(agents, (a) => keys('name')(a.entry)), account: indexBy(agents, (a) => keys('account')(a.entry)) };
  const roster = { agent_id: indexBy(dataset.roster, keys('agent_id')), name: indexBy(dataset.roster, keys('name')), account: indexBy(dataset.roster, keys('account')) };
  return (key, source, issues) => {
    const found = employed[key.by].get(key.value) ?? [];
    if (found.length === 1) return found[0];
    if (found.length > 1) {
      issues.push(issue('AMBIGUOUS_NAME', { value: key.value, ids: found.map((a) => a.entry.agentId).join(', ') }, source));
      return undefined;
    }
    if (roster[key.by].has(key.value)) return 'not employed' as const;
    // A near name or account is likely a typo; a near 工号 (K012 for K021) is just another person.
    const candidates = key.by === 'agent_id' ? [] : roster[key.by].keys();
    issues.push(issue('UNKNOWN_AGENT', { key: key.by, value: key.value, suggestion: nearest(key.value, candidates) }, source));
    return undefined;
  };
}

/** Each agent's facts, by agent_id, and the row each came from: a fact names its own metric, or a built-in one (套餐销售额 → bundle_sales). */
export function factsByAgent(dataset: Dataset, lookup: AgentLookup, issues: Issue[], agents: readonly Agent[] = []): Map<string, Map<string, { value: Rational; source: Source }>> {
  const byAgent = new Map<string, Map<string, { value: Rational; source: Source }>>();
  const shared: { row: FactRow; members: Agent[] }[] = [];
  const whole = { team: indexBy(agents, teamOf), group: indexBy(agents, (a) => [a.rules.name]) };
  for (const row of dataset.facts) {
    const key = row.key;
    if (key.by === 'team' || key.by === 'group') {
      // A team's or a group's numbers (the shop's 无忧购 or DSR score) are every member's.
      const members = whole[key.by].get(key.value);
      if (!members) issues.push(issue('FACT_UNKNOWN_TEAM', { by: key.by, value: key.value, suggestion: nearest(key.value, whole[key.by].keys()) }, row.source));
      else shared.push({ row, members });
      continue;
    }
    const agent = lookup(key as AgentKey, row.source, issues);
    if (agent === undefined || agent === 'not employed') continue; // a fact of someone gone changes no pay
    let facts = byAgent.get(agent.entry.agentId);
    if (!facts) byAgent.set(agent.entry.agentId, (facts = new Map()));
    for (const [name, value] of row.values) {
      const other = facts.get(name);
      if (other !== undefined) {
        issues.push(issue('FACT_DUPLICATE', { id: agent.entry.agentId, metric: name, other: `${other.source.file}:${other.source.line}` }, row.source));
        continue;
      }
      facts.set(name, { value, source: row.source });
    }
  }
  // An agent's own figure wins over their team's, a team's over its group's (the more particular one),
  // whatever the order of the files; one team's (or group's) figure given twice is an error, as an agent's.
  const given = new Map<string, FactRow>();
  for (const { row } of shared) {
    for (const name of row.values.keys()) {
      const at = `${row.key.by}\u0000${row.key.value}\u0000${name}`;
      const other = given.get(at);
      if (other) issues.push(issue('FACT_DUPLICATE', { id: `${row.key.value}`, metric: name, other: `${other.source.file}:${other.source.line}` }, row.source));
      else given.set(at, row);
    }
  }
  shared.sort((a, b) => (a.row.key.by === b.row.key.by ? 0 : a.row.key.by === 'team' ? -1 : 1));
  for (const { row, members } of shared) {
    for (const agent of members) {
      let facts = byAgent.get(agent.entry.agentId);
      if (!facts) byAgent.set(agent.entry.agentId, (facts = new Map()));
      for (const [name, value] of row.values) if (!facts.has(name)) facts.set(name, { value, source: row.source });
    }
  }
  return byAgent;
}

export function resolveAdjustments(dataset: Dataset, lookup: AgentLookup, period: Period, issues: Issue[]): Map<string, Adjustment[]> {
  const byAgent = new Map<string, Adjustment[]>();
  for (const row of dataset.adjustments) {
    const agent = lookup(row.key, row.source, issues);
    if (agent === 'not employed') {
      // Money for someone not on this month's sheet would be lost without a word; a late change of a
      // paid month for someone gone since cannot be put on this sheet at all: said, to settle apart.
      issues.push(issue(row.carried ? 'PRIOR_NOT_EMPLOYED' : 'ADJUSTMENT_NOT_EMPLOYED', { value: row.key.value, amount: formatYuan(row.amount), period: period.label }, row.source));
      continue;
    }
    if (!agent) continue;
    const list = byAgent.get(agent.entry.agentId) ?? [];
    // The same line twice (same person, item, amount and reason) is most often a row pasted twice: said.
    const twin = list.find((a) => a.item === row.item && a.amount === row.amount && a.reason === row.reason);
    if (twin) issues.push(issue('ADJUSTMENT_DUPLICATE', { id: agent.entry.agentId, item: row.item, amount: formatYuan(row.amount), other: `${twin.source.file}:${twin.source.line}` }, row.source));
    list.push({ item: row.item, amount: row.amount, reason: row.reason, source: row.source });
    byAgent.set(agent.entry.agentId, list);
  }
  // One order whatever the order of the file's rows: by item, then amount, then reason.
  for (const list of byAgent.values()) {
    list.sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
  }
  return byAgent;
}

/**
 * The stats rows of the period, by agent. An account the roster does not know is a warning (its rows
 * are returned apart: they count for the shop); rows of someone not employed this period are left out.
 */
export function assignStats(dataset: Dataset, agents: readonly Agent[], scheme: Scheme, period: Period, issues: Issue[]): { byAgent: Map<string, StatsRow[]>; unknown: StatsRow[] } {
  const byAccount = new Map<string, RosterEntry>();
  for (const entry of dataset.roster) for (const account of entry.accounts) if (!byAccount.has(account)) byAccount.set(account, entry);
  const agentIds = new Set(agents.map((a) => a.entry.agentId));
  const inPeriod = dataset.stats.filter((row) => row.date === undefined || (row.date >= period.first && row.date <= period.last));
  const byAgent = new Map<string, StatsRow[]>();
  const unknownAccounts = new Map<string, StatsRow>();
  const unknown: StatsRow[] = [];
  // One account on one day (or for the whole file) given twice would count twice. Over several months
  // (a quarter) each month's export is a file of its own: an undated row is one per account and file.
  const severalMonths = monthsOf(period).length > 1;
  const seenRow = new Map<string, StatsRow>();
  for (const row of inPeriod) {
    const key = `${row.account}\u0000${row.date ?? (severalMonths ? row.source.file : '')}`;
    const earlier = seenRow.get(key);
    if (earlier) issues.push(issue('STATS_DUPLICATE_ROW', { account: row.account, other: `${earlier.source.file}:${earlier.source.line}` }, row.source));
    else seenRow.set(key, row);
  }
  const notEmployed = new Set<string>();
  for (const row of inPeriod) {
    const entry = byAccount.get(row.account);
    if (!entry) {
      if (!unknownAccounts.has(row.account)) unknownAccounts.set(row.account, row);
      unknown.push(row);
      continue;
    }
    if (!agentIds.has(entry.agentId)) {
      if (!notEmployed.has(entry.agentId) && scheme.groups.has(entry.group)) {
        issues.push(issue('NOT_EMPLOYED', { id: entry.agentId, period: period.label }, row.source));
      }
      notEmployed.add(entry.agentId);
      continue;
    }
    const list = byAgent.get(entry.agentId) ?? [];
    list.push(row);
    byAgent.set(entry.agentId, list);
  }
  for (const [account, row] of unknownAccounts) {
    issues.push(issue('UNKNOWN_ACCOUNT', { account, suggestion: unknownAccounts.size <= 200 ? nearestAccount(account, byAccount.keys()) : undefined }, row.source));
  }
  return { byAgent, unknown };
}
