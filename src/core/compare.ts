// Core: two schemes over one month (seeds/002: a new scheme is agreed with the agents before it is
// applied) — per agent the KPI score, rank and pay under each and the change; the team's totals;
// who gains and who loses most. Pure: two computed months in, one comparison out.
import type { Fen } from './num/money.js';
import type { Rational } from './num/rational.js';
import type { Payroll, Report } from './model/model.js';

export interface Side {
  readonly report: Report;
  readonly payroll: Payroll;
}

export interface ComparedAgent {
  readonly agentId: string;
  readonly name: string;
  /** The group under each scheme (a scheme may not pay a group the other does: then undefined there). */
  readonly groups: readonly [string | undefined, string | undefined];
  readonly kpi: readonly [Rational | undefined, Rational | undefined];
  readonly rank: readonly [number | undefined, number | undefined];
  readonly pay: readonly [Fen | undefined, Fen | undefined];
  /** Pay under the second scheme less pay under the first; an agent paid under one only counts 0 under the other. */
  readonly change: Fen;
}

export interface Comparison {
  readonly period: string;
  readonly schemes: readonly [string, string];
  /** In the order of the first scheme's report (group, rank), then agents only the second pays. */
  readonly agents: readonly ComparedAgent[];
  readonly totals: readonly [Fen, Fen];
  readonly change: Fen;
  /** Up to `shown` agents whose pay rises most, largest first; and whose pay falls most. */
  readonly gains: readonly ComparedAgent[];
  readonly losses: readonly ComparedAgent[];
}

/** How many agents the gains and the losses list. */
export const MOST_SHOWN = 5;

export function compareMonths(first: Side, second: Side): Comparison {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const side of [first, second]) {
    for (const agent of side.report.agents) {
      if (!seen.has(agent.agentId)) ids.push(agent.agentId);
      seen.add(agent.agentId);
    }
  }
  const index = (side: Side) => ({
    report: new Map(side.report.agents.map((a) => [a.agentId, a])),
    pay: new Map(side.payroll.agents.map((a) => [a.agentId, a])),
  });
  const sides = [index(first), index(second)] as const;
  const agents = ids.map((agentId): ComparedAgent => {
    const [a, b] = sides.map((s) => s.report.get(agentId)) as [Report['agents'][number] | undefined, Report['agents'][number] | undefined];
    const [pa, pb] = sides.map((s) => s.pay.get(agentId)?.total) as [Fen | undefined, Fen | undefined];
    return {
      agentId,
      name: (a ?? b)?.name ?? '',
      groups: [a?.group, b?.group],
      kpi: [a?.kpiScore, b?.kpiScore],
      rank: [a?.rank, b?.rank],
      pay: [pa, pb],
      change: (pb ?? 0n) - (pa ?? 0n),
    };
  });
  const byChange = [...agents].sort((x, y) => (x.change === y.change ? (x.agentId < y.agentId ? -1 : 1) : x.change > y.change ? -1 : 1));
  return {
    period: first.report.period.label,
    schemes: [first.report.scheme, second.report.scheme],
    agents,
    totals: [first.payroll.total, second.payroll.total],
    change: second.payroll.total - first.payroll.total,
    gains: byChange.filter((a) => a.change > 0n).slice(0, MOST_SHOWN),
    losses: byChange.filter((a) => a.change < 0n).reverse().slice(0, MOST_SHOWN),
  };
}
