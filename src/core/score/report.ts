// Core: the ranked report (SPEC §5) from scored agents: each group's ranking, the metrics its rules
// use, team totals and benchmarks, and a warning for every KPI metric someone lacks. Pure.
import type { Dataset } from '../model/dataset.js';
import type { Period } from '../num/dates.js';
import { issue, type Issue } from '../model/issues.js';
import { metricLabel, type Metrics } from '../metrics/metrics.js';
import type { AgentReport, GroupSummary, Report } from '../model/model.js';
import { rank, type Ranked } from './rank.js';
import { nearest } from '../model/suggest.js';
import { type Rational, cmp, div, sum, sub, rational, ZERO } from '../num/rational.js';
import type { FlagBottom, GroupRules, Scheme } from '../model/scheme.js';
import type { Scorecard } from './score.js';
import { completedSales } from '../metrics/stats.js';
import { indexBy, teamOf, type Agent } from '../agents.js';

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

/** Team totals are sums over the agents of the report; ratios from the sums (never averaged). */
const TEAM_SUMS = ['consulted', 'received', 'inquiries', 'inquiries_ordered', 'inquiries_paid', 'cs_orders', 'cs_buyers', 'cs_units', 'cs_sales', 'cs_refunds', 'bundle_sales'];

/**
 * Totals over a set of metrics (the team's agents, or the shop's: the agents and the accounts the
 * roster does not know): summed counts and amounts, ratios from the sums (never averaged), and with
 * the shop's sales what nobody in the set was credited with (静默销售).
 */
export function totals(members: readonly Metrics[], shopSales: Rational | undefined): Map<string, Rational> {
  const team = new Map<string, Rational>();
  for (const field of TEAM_SUMS) {
    const values = members.map((m) => m.get(field)).filter((v): v is Rational => v !== undefined);
    if (values.length > 0) team.set(field, sum(values));
  }
  const ratio = (name: string, top: string, bottom: string) => {
    const value = team.has(top) && team.has(bottom) ? div(team.get(top) as Rational, team.get(bottom) as Rational) : undefined;
    if (value !== undefined) team.set(name, value);
  };
  ratio('conversion', 'inquiries_paid', 'inquiries');
  ratio('reply_rate', 'received', 'consulted');
  for (const [name, value] of completedSales(team)) if (!team.has(name)) team.set(name, value);
  if (shopSales !== undefined) {
    team.set('shop_sales', shopSales);
    team.set('silent_sales', sub(shopSales, team.get('cs_sales') ?? ZERO));
    ratio('cs_share', 'cs_sales', 'shop_sales');
  }
  return team;
}

export function teamTotals(agents: readonly Agent[], shopSales: Rational | undefined): Map<string, Rational> {
  return new Map([['agents', rational(BigInt(agents.length))], ...totals(agents.map((a) => a.metrics), shopSales)]);
}

export function buildReport(
  scheme: Scheme,
  period: Period,
  dataset: Dataset,
  agents: readonly Agent[],
  scorecards: ReadonlyMap<string, Scorecard>,
  shop: { readonly shopSales: Rational | undefined; readonly unknown: readonly Metrics[] },
  issues: Issue[],
): Omit<Report, 'warnings'> {
  const groups: GroupSummary[] = [];
  const reports: AgentReport[] = [];
  for (const rules of scheme.groups.values()) {
    const members = agents.filter((a) => a.rules === rules);
    const ranking = rank(
      members.map((a) => ({ agentId: a.entry.agentId, value: scorecards.get(a.entry.agentId)?.kpiScore })),
      'desc',
    );
    const byId = new Map(members.map((a) => [a.entry.agentId, a]));
    const within = rules.flagBottom?.within;
    if (within !== undefined && !members.some((a) => a.entry.employment === within)) {
      // A 编制 nobody in the group has (a typo: 外包 written 外 包) would mark nobody, silently.
      const kinds = [...new Set(members.map((a) => a.entry.employment).filter((k): k is string => !!k))];
      issues.push(issue('FLAG_WITHIN_UNKNOWN', { group: rules.name, within, kinds: kinds.join(', ') || '-', suggestion: nearest(within, kinds) }));
    }
    const flagged = rules.flagBottom ? bottomOf(ranking, byId, rules.flagBottom) : new Set<string>();
    for (const { agentId, rank: place } of ranking) {
      const agent = byId.get(agentId) as Agent;
      const card = scorecards.get(agentId) as Scorecard;
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
        ...(card.factorTrace.band ? { factorBand: card.factorTrace.band.index } : {}),
        disqualified: card.disqualified,
        vetoes: card.vetoes,
        missing: card.missing,
        metrics: agent.metrics,
        points: card.points,
        daysEmployed: agent.days,
        ...(flagged.has(agentId) ? { flagged: true } : {}),
      });
    }
    groups.push({ name: rules.name, kpiMetrics: rules.kpi.map((k) => k.metric), metrics: metricsUsed(scheme, rules), agents: members.length });
    for (const item of rules.kpi) {
      const lacking = members.filter((a) => !a.metrics.has(item.metric)).map((a) => a.entry.agentId);
      if (lacking.length > 0) {
        const shown = lacking.length > 10 ? `${lacking.slice(0, 10).join(', ')} …` : lacking.join(', ');
        issues.push(
          issue('METRIC_MISSING', { group: rules.name, metric_zh: metricLabel(item.metric, 'zh', scheme.labels), metric_en: metricLabel(item.metric, 'en', scheme.labels), count: lacking.length, agents: shown }),
        );
      }
    }
    for (const c of rules.pay.commission) {
      if (c.kind === 'per_unit' && members.some((a) => a.unitsBySku === undefined)) issues.push(issue('PER_UNIT_NEEDS_ORDERS', { name: c.name }));
    }
  }
  // By shop, then file, then label: the same order whatever the files' names or the order they came in.
  const placed = dataset.benchmarks.map((b) => ({ b, shop: shopOfFile(dataset, b.source.file) ?? '' }));
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  placed.sort((x, y) => text(x.shop, y.shop) || text(x.b.source.file, y.b.source.file) || text(x.b.label, y.b.label));
  const benchmarks = placed.map(({ b, shop: shopName }) => ({ label: b.label, ...(shopName ? { shop: shopName } : {}), metrics: new Map(Object.entries(b.values) as [string, Rational][]) }));
  const team = teamTotals(agents, shop.shopSales);
  // Each team's block: its members' sums, and ratios from the sums (never a mean of the members' ratios).
  const byTeam = indexBy(agents, teamOf);
  const teams = [...byTeam]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, members]) => {
      const groupsOf = [...new Set(members.map((a) => a.rules.name))];
      return { name, ...(groupsOf.length === 1 ? { group: groupsOf[0] as string } : {}), totals: teamTotals(members, undefined) };
    });
  // Beside the team, the shop: the accounts the roster does not know count for it (SPEC §1).
  const shopTotals = shop.unknown.length > 0 ? totals([...agents.map((a) => a.metrics), ...shop.unknown], shop.shopSales) : undefined;
  return { period, scheme: scheme.name, groups, agents: reports, derived: [...scheme.derived.keys()], labels: scheme.labels, team, teams, ...(shopTotals ? { shop: shopTotals } : {}), benchmarks };
}

/**
 * 末尾淘汰: the bottom `count` (or `share` of them, rounded down, at least one) of a group's KPI
 * ranking, among those of one 编制 when `within` is set; an agent tied with the last one marked is
 * marked too (a tie is not broken by agent_id where it decides a flag).
 */
function bottomOf(ranking: readonly Ranked[], byId: ReadonlyMap<string, Agent>, rule: FlagBottom): Set<string> {
  const pool = ranking.filter((r) => rule.within === undefined || byId.get(r.agentId)?.entry.employment === rule.within);
  if (pool.length === 0) return new Set();
  const wanted = rule.count ?? Math.max(1, Number((BigInt(pool.length) * (rule.share as Rational).n) / (rule.share as Rational).d));
  const lowest = [...pool].reverse();
  const cut = lowest[Math.min(wanted, lowest.length) - 1] as Ranked;
  return new Set(lowest.filter((r, i) => i < wanted || cmp(r.value, cut.value) === 0).map((r) => r.agentId));
}

/**
 * The shop an export's benchmark rows (同行同层优秀/均值) compare with: the shop most of the file's
 * accounts belong to (`店铺:子账号`), none when its accounts name no shop.
 */
function shopOfFile(dataset: Dataset, file: string): string | undefined {
  const counts = new Map<string, number>();
  for (const row of dataset.stats) {
    if (row.source.file !== file) continue;
    const at = row.account.lastIndexOf(':');
    if (at > 0) counts.set(row.account.slice(0, at), (counts.get(row.account.slice(0, at)) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [shop, n] of counts) if (best === undefined || n > (counts.get(best) as number)) best = shop;
  return best;
}
