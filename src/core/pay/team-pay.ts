// Core: pay worked out over a team or a group rather than one agent (seeds/000, 002, 003): the
// teams and their leaders from the roster (团队, 组长工号), a leader's override on the team's total,
// bonus pools shared by largest remainder, and sales contests (销售PK赛). Each gives a formula per
// agent (trace.ts), which pay.ts turns into a line like any other. Pure.
import { issue, type Issue } from '../model/issues.js';
import { type Rational, cmp, mul, sum, ZERO, ONE } from '../num/rational.js';
import { monthIndex } from '../num/dates.js';
import { type Fen, formatYuan, roundToFen, splitByWeight, splitEvenly } from '../num/money.js';
import type { Contest, GroupRules, Pool } from '../model/scheme.js';
import type { PayFormula } from '../model/trace.js';
import { indexBy, teamOf, type Agent } from '../agents.js';
import type { Scorecard } from '../score/score.js';
import { totals } from '../score/report.js';

export interface Team {
  readonly name: string;
  /** The agents of the month in the team, in agent_id order (of any group). */
  readonly members: readonly Agent[];
  /** The leader's agent_id: the one the members' 组长工号 name (a leader may lead one team only). */
  readonly leader?: string;
}

/**
 * The month's teams by name, from the roster's team and leader columns. A leader id not on the roster,
 * a team whose members name two leaders, and a leader of two teams are errors at the roster's row.
 */
export function resolveTeams(agents: readonly Agent[], issues: Issue[], roster: readonly { agentId: string }[] = []): Map<string, Team> {
  const byTeam = indexBy(agents, teamOf);
  const known = new Set(agents.map((a) => a.entry.agentId));
  const ledBy = new Map<string, string>();
  const teams = new Map<string, Team>();
  for (const [name, list] of [...byTeam].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const members = [...list].sort((a, b) => (a.entry.agentId < b.entry.agentId ? -1 : 1));
    const gone = new Set<string>();
    let leader: string | undefined;
    for (const member of members) {
      const named = member.entry.leader;
      if (named === undefined || named === '' || named === member.entry.agentId) continue;
      if (!known.has(named)) {
        // A leader on the roster who is not employed this month (left, not yet joined): the team has no leader to pay.
        if (roster.some((e) => e.agentId === named)) {
          if (!gone.has(named)) issues.push(issue('LEADER_NOT_EMPLOYED', { leader: named, team: name }, member.entry.source));
          gone.add(named);
        } else issues.push(issue('LEADER_UNKNOWN', { leader: named, id: member.entry.agentId, team: name }, member.entry.source));
        continue;
      }
      if (leader !== undefined && leader !== named) {
        issues.push(issue('LEADER_CONFLICT', { team: name, leader: named, other: leader, id: member.entry.agentId }, member.entry.source));
        continue;
      }
      leader = named;
    }
    if (leader !== undefined) {
      const earlier = ledBy.get(leader);
      if (earlier !== undefined) {
        const at = agents.find((a) => a.entry.agentId === leader)?.entry.source;
        issues.push(issue('LEADER_TWO_TEAMS', { leader, team: name, other: earlier }, at));
      }
      ledBy.set(leader, name);
    }
    teams.set(name, { name, members, ...(leader !== undefined ? { leader } : {}) });
  }
  return teams;
}

/** Formulas by agent_id, then by item name: what the group- and team-wide lines give each agent. */
export class FormulasByAgent extends Map<string, Map<string, PayFormula>> {
  note(agentId: string, item: string, formula: PayFormula): void {
    const formulas = this.get(agentId) ?? new Map<string, PayFormula>();
    formulas.set(item, formula);
    this.set(agentId, formulas);
  }
}

/** A metric of a set of agents: their sums, and ratios from the sums (never a mean of ratios). */
export function metricOf(members: readonly Agent[], metric: string): Rational | undefined {
  const values = members.map((a) => a.metrics.get(metric));
  if (values.every((v) => v === undefined)) return undefined;
  const together = totals(members.map((a) => a.metrics), undefined);
  return together.get(metric) ?? sum(values.filter((v): v is Rational => v !== undefined));
}

/** Each leader's override formulas, by override name: the metric over their team's other members × the rate. */
export function overrides(rules: GroupRules, members: readonly Agent[], teams: ReadonlyMap<string, Team>, card: (a: Agent) => Scorecard): Map<string, Map<string, PayFormula>> {
  const byAgent = new FormulasByAgent();
  const inGroup = new Map(members.map((a) => [a.entry.agentId, a]));
  for (const team of teams.values()) {
    const leader = team.leader === undefined ? undefined : inGroup.get(team.leader);
    if (leader === undefined) continue;
    // The leader's own sales are paid by their own commission: the override is on the others'.
    const others = team.members.filter((a) => a.entry.agentId !== leader.entry.agentId);
    const vetoed = card(leader).disqualified;
    for (const o of rules.pay.overrides) {
      const value = sum(others.map((a) => a.metrics.get(o.metric) ?? ZERO));
      byAgent.note(leader.entry.agentId, o.name, { kind: 'override', metric: o.metric, team: team.name, members: others.length, value, rate: o.rate, ...(vetoed ? { vetoed: true as const } : {}) });
    }
  }
  return byAgent;
}

/** Rationals as whole-number weights in the same proportions (over their common denominator). */
function wholeWeights(weights: readonly Rational[]): bigint[] {
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
  const common = weights.reduce((l, w) => (l * w.d) / gcd(l, w.d), 1n);
  return weights.map((w) => (w.n * common) / w.d);
}

/**
 * Each member's pool formulas, by pool name. A pool is the group's (or, scope team, each team's):
 * its amount fixed, or its rate × the metric summed over its members; shared by those not vetoed and
 * at min_score or above, by weight, by largest remainder: the shares add up to the pool to the fen.
 * Weights all zero: shared equally (POOL_WEIGHTS_ZERO); nobody to share it: unpaid (POOL_UNPAID).
 */
export function pools(rules: GroupRules, members: readonly Agent[], card: (a: Agent) => Scorecard, issues: Issue[]): Map<string, Map<string, PayFormula>> {
  const byAgent = new FormulasByAgent();
  const set = (agent: Agent, name: string, formula: PayFormula) => byAgent.note(agent.entry.agentId, name, formula);
  for (const pool of rules.pay.pools) {
    const scopes = indexBy(members, pool.scope === 'group' ? () => [rules.name] : teamOf);
    if (pool.scope === 'team') for (const agent of members) if (teamOf(agent).length === 0) set(agent, pool.name, { kind: 'no_pool', scope: '', why: 'no_team' });
    for (const [scope, list] of scopes) sharePool(pool, scope, list, card, set, issues);
  }
  return byAgent;
}

function sharePool(pool: Pool, scope: string, list: readonly Agent[], card: (a: Agent) => Scorecard, set: (a: Agent, name: string, f: PayFormula) => void, issues: Issue[]): void {
  let amount: Fen;
  let basis: { metric: string; total: Rational; rate: Rational } | undefined;
  if (pool.amount.kind === 'fixed') amount = pool.amount.fen;
  else {
    const metric = pool.amount.metric;
    const total = sum(list.map((a) => a.metrics.get(metric) ?? ZERO));
    basis = { metric: pool.amount.metric, total, rate: pool.amount.rate };
    // A pool pays out: refunds above sales leave it empty, never take money off the people sharing it.
    amount = cmp(total, ZERO) > 0 ? roundToFen(mul(total, pool.amount.rate)) : 0n;
  }
  const sharing: Agent[] = [];
  for (const agent of list) {
    const c = card(agent);
    if (c.disqualified) set(agent, pool.name, { kind: 'no_pool', scope, why: 'vetoed' });
    else if (pool.minScore !== undefined && cmp(c.kpiScore, pool.minScore) < 0) set(agent, pool.name, { kind: 'no_pool', scope, why: 'below_min', minScore: pool.minScore });
    else sharing.push(agent);
  }
  if (sharing.length === 0) {
    if (amount > 0n) issues.push(issue('POOL_UNPAID', { pool: pool.name, scope, amount: formatYuan(amount) }, pool.source));
    return;
  }
  const weightOf = (a: Agent): Rational => {
    if (pool.splitBy === 'equal') return ONE;
    const value = pool.splitBy === 'kpi_score' ? card(a).kpiScore : a.metrics.get(pool.splitBy);
    return value === undefined || cmp(value, ZERO) < 0 ? ZERO : value;
  };
  let weights = sharing.map(weightOf);
  if (weights.every((w) => cmp(w, ZERO) === 0)) {
    if (pool.splitBy !== 'equal') issues.push(issue('POOL_WEIGHTS_ZERO', { pool: pool.name, scope, split_by: pool.splitBy }, pool.source));
    weights = sharing.map(() => ONE);
  }
  const totalWeight = sum(weights);
  const shares = splitByWeight(amount, wholeWeights(weights));
  sharing.forEach((agent, i) => {
    set(agent, pool.name, {
      kind: 'pool',
      scope,
      pool: amount,
      ...(basis ? { basis } : {}),
      splitBy: pool.splitBy,
      weight: weights[i] as Rational,
      totalWeight,
      shared: sharing.length,
      share: shares[i] as Fen,
    });
  });
}

/**
 * Each contestant's contest formulas, by contest name. A pair: the better figure wins the prize, a tie
 * splits it, a side without a figure loses to one with. Teams: the best team's figure (its members'
 * sums, ratios from the sums) wins, the prize split among its members in the group, largest remainder.
 * An agent named in a pair who is not in the group, or a team nobody in the group belongs to, is an
 * error at the contest's line.
 */
export function contests(rules: GroupRules, members: readonly Agent[], card: (a: Agent) => Scorecard, issues: Issue[]): Map<string, Map<string, PayFormula>> {
  const byAgent = new FormulasByAgent();
  const set = (agentId: string, name: string, formula: PayFormula) => byAgent.note(agentId, name, formula);
  const byId = new Map(members.map((a) => [a.entry.agentId, a]));
  for (const contest of rules.pay.contests) {
    const better = (x: Rational | undefined, y: Rational | undefined): number => {
      if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? -1 : 1;
      return (contest.order === 'desc' ? 1 : -1) * cmp(x, y);
    };
    for (const pair of contest.pairs ?? []) {
      const sides = pair.agents.map((id) => byId.get(id));
      const missing = pair.agents.filter((_, k) => sides[k] === undefined);
      if (missing.length > 0) {
        issues.push(issue('CONTEST_UNKNOWN_AGENT', { contest: contest.name, ids: missing.join(', '), group: rules.name }, pair.source));
        continue;
      }
      const [a, b] = sides as [Agent, Agent];
      // A side out of the prizes by a veto competes with no figure: it cannot win.
      const figure = (agent: Agent) => (card(agent).disqualified ? undefined : agent.metrics.get(contest.metric));
      const [va, vb] = [figure(a), figure(b)];
      const nobody = va === undefined && vb === undefined;
      if (nobody) issues.push(issue('CONTEST_NO_WINNER', { contest: contest.name, pair: pair.agents.join(' vs '), metric: contest.metric }, pair.source));
      const outcome = better(va, vb);
      const shares = nobody ? [0n, 0n] : outcome === 0 ? splitEvenly(contest.prize, 2) : outcome > 0 ? [contest.prize, 0n] : [0n, contest.prize];
      const result = (k: number) => (nobody ? 'none' : outcome === 0 ? 'tied' : (outcome > 0) === (k === 0) ? 'won' : 'lost');
      [a, b].forEach((agent, k) => {
        const [mine, theirs] = k === 0 ? [va, vb] : [vb, va];
        set(agent.entry.agentId, contest.name, {
          kind: 'contest',
          metric: contest.metric,
          side: agent.entry.agentId,
          against: (k === 0 ? b : a).entry.agentId,
          ...(mine !== undefined ? { mine } : {}),
          ...(theirs !== undefined ? { theirs } : {}),
          result: result(k),
          prize: contest.prize,
          share: shares[k] as Fen,
        });
      });
    }
    if (contest.teams) teamContest(contest, members, card, set, rules.name, issues);
  }
  return byAgent;
}

function teamContest(contest: Contest, members: readonly Agent[], card: (a: Agent) => Scorecard, set: (agentId: string, name: string, f: PayFormula) => void, group: string, issues: Issue[]): void {
  const teams = (contest.teams ?? []).map((name) => ({ name, members: members.filter((a) => a.entry.team === name) }));
  const empty = teams.filter((t) => t.members.length === 0).map((t) => t.name);
  if (empty.length > 0) {
    issues.push(issue('CONTEST_UNKNOWN_TEAM', { contest: contest.name, teams: empty.join(', '), group }, contest.source));
    return;
  }
  const figures = teams.map((t) => metricOf(t.members, contest.metric));
  const order = contest.order === 'desc' ? 1 : -1;
  // The best of some figures by the contest's order (none when no figure is there).
  const bestOf = (figs: readonly (Rational | undefined)[]) => figs.reduce<Rational | undefined>((b, f) => (f !== undefined && (b === undefined || order * cmp(f, b) > 0) ? f : b), undefined);
  const best = bestOf(figures);
  const winners = teams.filter((_, k) => best !== undefined && figures[k] !== undefined && cmp(figures[k] as Rational, best) === 0);
  if (winners.length === 0) issues.push(issue('CONTEST_NO_WINNER', { contest: contest.name, pair: teams.map((t) => t.name).join(' vs '), metric: contest.metric }, contest.source));
  const teamShares = splitEvenly(contest.prize, Math.max(winners.length, 1));
  teams.forEach((team, k) => {
    const won = winners.indexOf(team);
    // The team's figure is all its members'; its prize goes to those not out of the prizes by a veto.
    const sharing = team.members.filter((a) => !card(a).disqualified);
    const split = won >= 0 ? splitEvenly(teamShares[won] as Fen, sharing.length) : [];
    const shares = team.members.map((a) => (won >= 0 && sharing.includes(a) ? (split[sharing.indexOf(a)] as Fen) : 0n));
    // What each team was measured against: the best figure among the others.
    const theirs = bestOf(figures.filter((_, j) => j !== k));
    const mine = figures[k];
    team.members.forEach((agent, i) => {
      set(agent.entry.agentId, contest.name, {
        kind: 'contest',
        metric: contest.metric,
        side: team.name,
        against: teams.filter((t) => t !== team).map((t) => t.name).join('、'),
        ...(mine !== undefined ? { mine } : {}),
        ...(theirs !== undefined ? { theirs } : {}),
        result: winners.length === 0 ? 'none' : won < 0 ? 'lost' : winners.length > 1 ? 'tied' : 'won',
        prize: contest.prize,
        share: shares[i] as Fen,
      });
    });
  });
}

/** 1 for the month the agent joined, 2 for the next…, from the roster's start date to the period's first day. */
export const monthEmployed = (start: number | undefined, periodFirst: number): number | undefined => (start === undefined ? undefined : monthIndex(periodFirst) - monthIndex(start) + 1);
