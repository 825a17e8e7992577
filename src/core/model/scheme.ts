// Core: the scoring and pay scheme after validation (SPEC §3), in exact numbers. parse/scheme.ts
// builds it from YAML; nothing here reads files or knows about YAML, except the source positions kept
// so that a metric the data turns out not to have can still be reported at its line in the scheme.
import type { Fen } from '../num/money.js';
import type { Rational } from '../num/rational.js';
import type { Source } from './issues.js';

export interface Bound {
  readonly op: 'at_least' | 'at_most';
  readonly value: Rational;
}

export type ScoreRule =
  | { readonly kind: 'linear'; readonly zeroAt: Rational; readonly fullAt: Rational; readonly max: Rational }
  | { readonly kind: 'bands'; readonly bands: readonly { readonly bound?: Bound; readonly points: Rational }[] };

export interface KpiItem {
  readonly metric: string;
  readonly weight: Rational;
  readonly score: ScoreRule;
}

export interface FactorBand {
  readonly atLeast?: Rational;
  readonly factor: Rational;
}

export interface Veto {
  readonly metric: string;
  readonly bound: Bound;
  readonly factor: Rational;
  readonly disqualify: boolean;
}

export interface Tier {
  readonly upto?: Rational;
  readonly rate: Rational;
}

/** No commission unless the metric is within the bound (`gate: { metric: 质检分, at_least: 80 }`). */
export interface Gate {
  readonly metric: string;
  readonly bound: Bound;
}

/** What every commission line may carry besides its rule: a cap on the line (before the cap shown too) and a gate. */
interface CommissionLimits {
  readonly cap?: Fen;
  readonly gate?: Gate;
}

export type Commission = CommissionLimits &
  (
    | {
        readonly kind: 'tiers';
        readonly name: string;
        readonly metric: string;
        readonly tiers: readonly Tier[];
        readonly mode: 'marginal' | 'whole';
      }
    | { readonly kind: 'per_unit'; readonly name: string; readonly rates: readonly { readonly pattern: string; readonly fen: Fen }[] }
  );

/** A leader's override (组长提成): `rate` of the metric summed over the leader's team, the leader's own left out (paid by their own commission). */
export interface Override {
  readonly name: string;
  readonly metric: string;
  readonly scope: 'team';
  readonly rate: Rational;
}

/**
 * A bonus pool shared among a group's (or each team's) members: a fixed amount, or a rate of a metric
 * summed over them; split by KPI score, equally, or by a metric, by largest remainder to the fen,
 * among those with at least `minScore` (vetoed agents never).
 */
export interface Pool {
  readonly name: string;
  readonly amount: { readonly kind: 'fixed'; readonly fen: Fen } | { readonly kind: 'rate'; readonly metric: string; readonly rate: Rational };
  readonly scope: 'group' | 'team';
  readonly splitBy: string;
  readonly minScore?: Rational;
  readonly source: Source;
}

/** A sales contest (销售PK赛): the better of each pair of agents, or the best of teams, by a metric, wins the prize. */
export interface Contest {
  readonly name: string;
  readonly metric: string;
  readonly order: 'asc' | 'desc';
  readonly prize: Fen;
  readonly pairs?: readonly { readonly agents: readonly [string, string]; readonly source: Source }[];
  readonly teams?: readonly string[];
  readonly source: Source;
}

export interface RankBonus {
  readonly name: string;
  readonly rankBy: string;
  readonly order: 'asc' | 'desc';
  /** Prize of each place, first place first; `top: N, amount: A` is N places of A. */
  readonly prizes: readonly Fen[];
}

export interface PerMetricLine {
  readonly name: string;
  readonly per: string;
  readonly rate: Rational;
}

export type BaseRule = { readonly kind: 'roster' } | { readonly kind: 'level' } | { readonly kind: 'amount'; readonly fen: Fen };

export interface PayRules {
  readonly base: BaseRule;
  readonly commission: readonly Commission[];
  readonly overrides: readonly Override[];
  readonly bonuses: readonly RankBonus[];
  readonly pools: readonly Pool[];
  readonly contests: readonly Contest[];
  readonly allowances: readonly PerMetricLine[];
  readonly deductions: readonly PerMetricLine[];
  /** The most the variable pay (commission and bonus lines together) may come to. */
  readonly cap?: Fen;
  /** 保底: the least the variable pay comes to in a joiner's first months. */
  readonly floor?: { readonly fen: Fen; readonly months: number };
}

/** 末尾淘汰: mark the bottom of the group's KPI ranking (among one 编制 when `within`), no pay effect. */
export interface FlagBottom {
  readonly count?: number;
  readonly share?: Rational;
  readonly within?: string;
}

export interface GroupRules {
  readonly name: string;
  readonly kpi: readonly KpiItem[];
  readonly factor: readonly FactorBand[];
  readonly veto: readonly Veto[];
  readonly pay: PayRules;
  readonly flagBottom?: FlagBottom;
}

export interface Attribution {
  readonly basis: 'created' | 'paid';
  readonly windowDays: number;
  readonly credit: 'last' | 'first' | 'split';
  readonly afterSaleLookbackDays: number;
}

export interface ResponseRules {
  readonly slowAfterS: number;
  readonly unrepliedAsS?: number;
  readonly roundTimeoutS: number;
  /** The hours whose rounds `fast_reply_rate` counts, seconds after midnight: [from, to), wrapping when from > to. */
  readonly hours: { readonly from: number; readonly to: number };
}

/** A place in the scheme that names a metric, checked against the data's metrics once it is read. */
export interface MetricReference {
  readonly metric: string;
  readonly source: Source;
  /** Named only to give it a header (`labels:`): the scheme does not compute with it. */
  readonly label?: true;
  /** Named only to be measured against (`benchmarks:`): the scheme does not compute with it either. */
  readonly benchmark?: true;
}

/**
 * A metric's standard (标准值) and excellent (优秀值) levels (`benchmarks:`), for `kefu trend` to mark the
 * months below standard and rank an agent's shortfalls. Which way is better is the catalogue's (首响:
 * lower), else `better:`, else what the two levels say (excellent below standard: lower is better).
 */
export interface Benchmark {
  readonly standard: Rational;
  readonly excellent?: Rational;
  readonly lowerIsBetter: boolean;
}

export interface Scheme {
  readonly name: string;
  readonly timezone: string;
  /** Minutes after midnight at which a business day begins (`day_starts_at`). */
  readonly dayStartsAtMinutes: number;
  readonly attribution: Attribution;
  readonly response: ResponseRules;
  readonly bundles: readonly string[];
  readonly levels: ReadonlyMap<string, Fen>;
  /** A ratio of two metrics, under the scheme's name for it; `label` is its header in the output (either language). */
  readonly derived: ReadonlyMap<string, { readonly ratio: readonly [string, string]; readonly label?: string }>;
  /** A metric's header in every output and both languages, where the scheme gives one (`labels:`, a derived ratio's `label:`). */
  readonly labels: ReadonlyMap<string, string>;
  /** Extra header aliases: canonical column or metric name → headers that mean it. */
  readonly columns: ReadonlyMap<string, readonly string[]>;
  readonly groups: ReadonlyMap<string, GroupRules>;
  /** Standard and excellent levels by metric (`benchmarks:`), in the scheme's order. */
  readonly benchmarks: ReadonlyMap<string, Benchmark>;
  /** The promotion ladder and when to suggest the next rung (`promotion:`): a suggestion, never pay. */
  readonly promotion?: Promotion;
  readonly metricReferences: readonly MetricReference[];
}

/** 晋升: the ladder of 职级, lowest first, and the conditions met every month of a run of months. */
export interface Promotion {
  readonly ladder: readonly string[];
  readonly when: readonly { readonly metric: string; readonly bound: Bound; readonly months: number; readonly source: Source }[];
}
