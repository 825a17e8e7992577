// Core: the report and the bonus sheet as data (SPEC §5). Renderers are pure functions of these;
// JSON is this model serialised. Pure types.
import type { Fen } from '../num/money.js';
import type { Rational } from '../num/rational.js';
import type { Period } from '../num/dates.js';
import type { Issue } from './issues.js';
import type { PayFormula } from './trace.js';
import type { Bound } from './scheme.js';

export interface AgentReport {
  readonly agentId: string;
  readonly name: string;
  readonly group: string;
  readonly team?: string;
  readonly employment?: string;
  readonly level?: string;
  /** KPI rank within the group (1 = best); ties share it. */
  readonly rank: number;
  readonly kpiScore: Rational;
  readonly factor: Rational;
  /** The index of the scheme's factor band the score fell in (0: the first, best band), if the group has bands. */
  readonly factorBand?: number;
  readonly disqualified: boolean;
  readonly vetoes: readonly string[];
  /** KPI metrics the agent has no value for (scored 0). */
  readonly missing: readonly string[];
  readonly metrics: ReadonlyMap<string, Rational>;
  readonly points: ReadonlyMap<string, Rational>;
  readonly daysEmployed: number;
  /** At the bottom of the group's KPI ranking by the scheme's flag_bottom (末尾淘汰): a mark, no pay effect. */
  readonly flagged?: boolean;
}

/** A suggestion of the next rung of the ladder (晋升候选), with the months that met each condition. */
export interface PromotionCandidate {
  readonly agentId: string;
  readonly name: string;
  readonly group: string;
  readonly level: string;
  readonly next: string;
  readonly evidence: readonly { readonly metric: string; readonly bound: Bound; readonly values: readonly { readonly period: string; readonly value: Rational }[] }[];
}

/** A team's block in the report: its members' sums, ratios from the sums. */
export interface TeamSummary {
  readonly name: string;
  /** The group, when all its members are in one. */
  readonly group?: string;
  readonly totals: ReadonlyMap<string, Rational>;
}

export interface GroupSummary {
  readonly name: string;
  readonly kpiMetrics: readonly string[];
  /** Every metric the group's rules use, a derived ratio after its two parts: the report's columns. */
  readonly metrics: readonly string[];
  readonly agents: number;
}

export interface Report {
  readonly period: Period;
  readonly scheme: string;
  readonly groups: readonly GroupSummary[];
  /** Grouped in scheme order, best rank first, ties by agent_id. */
  readonly agents: readonly AgentReport[];
  /** The scheme's derived metrics: ratios, shown as percentages. */
  readonly derived: readonly string[];
  /** A metric's header where the scheme gives it one (Scheme.labels), in either language. */
  readonly labels: ReadonlyMap<string, string>;
  /** Team totals: summed counts and amounts, ratios from the sums. */
  readonly team: ReadonlyMap<string, Rational>;
  /** Each team of the roster (团队), its totals made the same way. */
  readonly teams: readonly TeamSummary[];
  /** The scheme's promotion candidates, when `promotion:` and earlier months (--history) were given. */
  readonly promotions?: readonly PromotionCandidate[];
  /** The shop's totals — the team's plus the accounts the roster does not know — when there are such accounts. */
  readonly shop?: ReadonlyMap<string, Rational>;
  /** 同行同层优秀 / 同行同层均值 rows of the exports, as the platform wrote them. */
  readonly benchmarks: readonly { readonly label: string; readonly shop?: string; readonly metrics: ReadonlyMap<string, Rational> }[];
  readonly warnings: readonly Issue[];
}

export type LineKind = 'base' | 'commission' | 'bonus' | 'allowance' | 'deduction' | 'adjustment';
export const LINE_KINDS: readonly LineKind[] = ['base', 'commission', 'bonus', 'allowance', 'deduction', 'adjustment'];

export interface PayLine {
  readonly kind: LineKind;
  readonly name: string;
  /** Rounded once, to the fen; deductions are negative. */
  readonly amount: Fen;
  /** How the amount was reached, as data with its numbers (render/explain.ts words it). */
  readonly formula: PayFormula;
  /** An adjustment's reason. */
  readonly reason?: string;
}

export interface PayrollAgent {
  readonly agentId: string;
  readonly name: string;
  readonly group: string;
  readonly lines: readonly PayLine[];
  /** Σ lines, so every row of the sheet adds up. */
  readonly total: Fen;
}

export interface PayColumn {
  readonly kind: LineKind;
  readonly name: string;
}

export interface Payroll {
  readonly period: Period;
  readonly scheme: string;
  /** One column per pay item, in kind order then scheme order: the bonus sheet's columns. */
  readonly columns: readonly PayColumn[];
  readonly agents: readonly PayrollAgent[];
  /** Σ of each column, in `columns` order, and the grand total (= Σ agent totals = Σ column totals). */
  readonly columnTotals: readonly Fen[];
  readonly total: Fen;
}

/**
 * The sheet's cell for one agent and one column: lines of the same item add up (two 全勤奖 rows);
 * undefined where the item is not part of the agent's pay at all (another group's commission).
 */
export function columnAmount(agent: PayrollAgent, column: PayColumn): Fen | undefined {
  let total: Fen | undefined;
  for (const line of agent.lines) if (line.kind === column.kind && line.name === column.name) total = (total ?? 0n) + line.amount;
  return total;
}
