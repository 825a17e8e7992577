// Core: the ranked report (SPEC §5) from scored agents: each group's ranking, the metrics its rules
// use, team totals and benchmarks, and a warning for every KPI metric someone lacks. Pure.
import type { Dataset, Period, StatsField, StatsRow } from './dataset.js';
import { issue, type Issue } from './issues.js';
import { metricLabel } from './metrics.js';
import type { AgentReport, GroupSummary, Report } from './model.js';
import { rank } from './rank.js';
import { type Rational, div, sum } from './rational.js';
import type { GroupRules, Scheme } from './scheme.js';
import { scoreAgent, type Scorecard } from './score.js';
import { addDerivedSales } from './stats.js';
import type { Agent } from './agents.js';

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

export function buildReport(scheme: Scheme, period: Period, dataset: Dataset, agents: Agent[], rows: readonly StatsRow[], issues: Issue[]): Omit<Report, 'warnings'> {
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
