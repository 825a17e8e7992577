// Core: the bonus sheet (SPEC §3 pay, §4 money) for scored agents: rank prizes per group (vetoed
// agents out, ties pooled), what the group or a team earns together (team-pay.ts: overrides, pools,
// contests), each agent's pay lines, the sheet's columns and their totals. Pure.
import { daysEmployed, monthsOf, periodDays, type Period } from '../num/dates.js';
import { LINE_KINDS, columnAmount, type LineKind, type PayColumn, type Payroll, type PayrollAgent } from '../model/model.js';
import { sumFen, type Fen } from '../num/money.js';
import { basePerMonth, payLines } from './pay.js';
import { rank, awardPrizes } from '../score/rank.js';
import type { GroupRules, Scheme } from '../model/scheme.js';
import type { Adjustment, Agent } from '../agents.js';
import type { Scorecard } from '../score/score.js';
import type { PayFormula } from '../model/trace.js';
import { issue, type Issue } from '../model/issues.js';
import { contests, FormulasByAgent, monthEmployed, overrides, pools, type Team } from './team-pay.js';

/** The monthly base and where it came from: the roster's own 底薪 over the scheme's level or amount. */
function monthlyBase(scheme: Scheme, rules: GroupRules, e: Agent['entry']): { monthly: Fen; from: 'roster' | 'level' | 'amount' | 'none' } {
  if (e.baseSalary !== undefined) return { monthly: e.baseSalary, from: 'roster' };
  const base = rules.pay.base;
  if (base.kind === 'amount') return { monthly: base.fen, from: 'amount' };
  const level = base.kind === 'level' ? scheme.levels.get(e.level ?? '') : undefined;
  return level !== undefined ? { monthly: level, from: 'level' } : { monthly: 0n, from: 'none' };
}

export function buildPayroll(
  scheme: Scheme,
  period: Period,
  agents: readonly Agent[],
  scorecards: ReadonlyMap<string, Scorecard>,
  adjustments: ReadonlyMap<string, readonly Adjustment[]>,
  teams: ReadonlyMap<string, Team> = new Map(),
  issues: Issue[] = [],
): Payroll {
  const card = (agent: Agent) => scorecards.get(agent.entry.agentId) as Scorecard;
  const sheet: PayrollAgent[] = [];
  const months = monthsOf(period);
  for (const rules of scheme.groups.values()) {
    const members = agents.filter((a) => a.rules === rules).sort((a, b) => (a.entry.agentId < b.entry.agentId ? -1 : 1));
    // Rank prizes: agents disqualified by a veto leave the ranking, and the others move up.
    const prizes = new FormulasByAgent();
    const award = (agentId: string, bonus: string, formula: PayFormula) => prizes.note(agentId, bonus, formula);
    for (const bonus of rules.pay.bonuses) {
      const eligible = members.filter((a) => !card(a).disqualified);
      for (const a of members) if (card(a).disqualified) award(a.entry.agentId, bonus.name, { kind: 'no_prize', rankBy: bonus.rankBy, disqualified: true });
      const ranking = rank(
        eligible.map((a) => ({ agentId: a.entry.agentId, value: bonus.rankBy === 'kpi_score' ? card(a).kpiScore : a.metrics.get(bonus.rankBy) })),
        bonus.order,
      );
      const awards = awardPrizes(ranking, bonus.prizes);
      const sharing = new Map<number, number>();
      for (const entry of ranking) sharing.set(entry.rank, (sharing.get(entry.rank) ?? 0) + 1);
      // The prizes a tie pools: of the places it covers, once per rank (a tie of thousands at 0 points is common).
      const pools = new Map<number, bigint>();
      const poolOf = (rankAt: number, tied: number) => {
        let pool = pools.get(rankAt);
        if (pool === undefined) pools.set(rankAt, (pool = sumFen(bonus.prizes.slice(rankAt - 1, rankAt - 1 + tied))));
        return pool;
      };
      for (const entry of ranking) {
        const share = awards.get(entry.agentId);
        const tied = sharing.get(entry.rank) ?? 1;
        const pool = poolOf(entry.rank, tied);
        award(
          entry.agentId,
          bonus.name,
          share === undefined
            ? { kind: 'no_prize', rankBy: bonus.rankBy, rank: entry.rank, value: entry.value, disqualified: false }
            : { kind: 'prize', rankBy: bonus.rankBy, rank: entry.rank, value: entry.value, tied, pool, share, ranked: ranking.length },
        );
      }
    }
    // Worked out over the group or a team: leaders' overrides, pool shares, contests.
    const overridden = overrides(rules, members, teams, card);
    const pooled = pools(rules, members, card, issues);
    const contested = contests(rules, members, card, issues);
    // A gate whose metric an agent has no value for withholds the commission: said, naming them.
    const ungated = new Map<string, string[]>();
    for (const agent of members) {
      const e = agent.entry;
      const { monthly, from } = monthlyBase(scheme, rules, e);
      const month = monthEmployed(e.startDate, period.first);
      const lines = payLines(rules.pay, {
        base: basePerMonth(monthly, months.map((m) => ({ label: m.label, days: daysEmployed(m, e.startDate, e.endDate), periodDays: periodDays(m) })), from, from === 'level' ? e.level : undefined),
        metrics: agent.metrics,
        factor: card(agent).factor,
        ...(agent.unitsBySku ? { unitsBySku: agent.unitsBySku } : {}),
        prizes: prizes.get(e.agentId) ?? new Map(),
        overrides: overridden.get(e.agentId) ?? new Map(),
        pools: pooled.get(e.agentId) ?? new Map(),
        contests: contested.get(e.agentId) ?? new Map(),
        ...(month !== undefined ? { monthEmployed: month } : {}),
        days: { employed: agent.days, of: periodDays(period) },
        disqualified: card(agent).disqualified,
        adjustments: adjustments.get(e.agentId) ?? [],
      });
      sheet.push({ agentId: e.agentId, name: e.name, group: rules.name, lines, total: sumFen(lines.map((l) => l.amount)) });
      for (const l of lines) {
        if (l.formula.kind !== 'gated' || l.formula.value !== undefined) continue;
        const ids = ungated.get(l.name);
        if (ids) ids.push(e.agentId);
        else ungated.set(l.name, [e.agentId]);
      }
    }
    for (const [name, ids] of ungated) {
      const gate = rules.pay.commission.find((c) => c.name === name)?.gate;
      issues.push(issue('GATE_NO_VALUE', { group: rules.name, commission: name, metric: gate?.metric ?? '', count: ids.length, agents: ids.length > 10 ? `${ids.slice(0, 10).join(', ')} …` : ids.join(', ') }));
    }
  }
  // One column per item, in kind order, then in the order the items first appear.
  const seen = new Map<LineKind, Set<string>>(LINE_KINDS.map((kind) => [kind, new Set<string>()]));
  for (const agent of sheet) for (const line of agent.lines) seen.get(line.kind)?.add(line.name);
  const columns: PayColumn[] = LINE_KINDS.flatMap((kind) => [...(seen.get(kind) ?? [])].map((name) => ({ kind, name })));
  const columnTotals = columns.map((column) => sumFen(sheet.map((agent) => columnAmount(agent, column) ?? 0n)));
  return { period, scheme: scheme.name, columns, agents: sheet, columnTotals, total: sumFen(sheet.map((a) => a.total)) };
}

