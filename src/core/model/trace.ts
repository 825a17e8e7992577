// Core: why each figure is what it is, as data — the trace. A pay line carries its formula with the
// numbers that went in; a KPI line the value, the band or line that gave its points; the factor its
// band and every veto that matched; a metric where it came from. Render turns a trace into words
// (render/explain.ts); `evaluate` recomputes a pay line from its formula alone, so a test can check
// that every figure follows from what the trace says. Pure.
import type { Source } from './issues.js';
import { type Fen, fenToYuan } from '../num/money.js';
import { type Rational, add, mul, rational, ZERO } from '../num/rational.js';
import type { Bound } from './scheme.js';

/** One tier's slice of a commission: `base` yuan of the metric, from `from` to `to`, at `rate`. */
export interface TierSlice {
  readonly from: Rational;
  readonly to?: Rational;
  readonly base: Rational;
  readonly rate: Rational;
}

export type PayFormula =
  /** The monthly base × days employed / days in the period; whence the monthly figure came. */
  | {
      readonly kind: 'base';
      readonly monthly: Fen;
      readonly from: 'roster' | 'level' | 'amount' | 'none';
      readonly level?: string;
      readonly days: number;
      readonly periodDays: number;
      /** Over several months (a quarter, a year): each month's days employed of its days; the base is Σ monthly × days / periodDays. */
      readonly months?: readonly { readonly label: string; readonly days: number; readonly periodDays: number }[];
    }
  /** Σ slice × rate, × the factor. */
  | { readonly kind: 'tiers'; readonly metric: string; readonly value: Rational; readonly mode: 'marginal' | 'whole'; readonly slices: readonly TierSlice[]; readonly factor: Rational }
  /** Σ units × the rate of the first pattern each SKU matches, × the factor. */
  | { readonly kind: 'per_unit'; readonly units: readonly { readonly pattern: string; readonly units: Rational; readonly fen: Fen }[]; readonly factor: Rational }
  /** The line's metric has no value (a commission), or no order lines were given (per unit). */
  | { readonly kind: 'no_data'; readonly metric: string }
  /** A place (or a tie's share of the places' pooled prizes) in a ranking. */
  | { readonly kind: 'prize'; readonly rankBy: string; readonly rank: number; readonly value: Rational; readonly tied: number; readonly pool: Fen; readonly share: Fen; readonly ranked: number }
  /** Not among the prize winners (or not ranked: no value, or disqualified by a veto). */
  | { readonly kind: 'no_prize'; readonly rankBy: string; readonly rank?: number; readonly value?: Rational; readonly disqualified: boolean }
  /** An allowance (+) or a deduction (−): the metric's value × the rate. */
  | { readonly kind: 'per_metric'; readonly metric: string; readonly value: Rational; readonly given: boolean; readonly rate: Rational; readonly sign: 1 | -1 }
  /** A manual line, with its reason and row. */
  | { readonly kind: 'adjustment'; readonly amount: Fen; readonly reason: string; readonly source?: Source }
  /** A commission withheld: the gate's metric is not within its bound (or has no value). */
  | { readonly kind: 'gated'; readonly metric: string; readonly value?: Rational; readonly bound: Bound }
  /** What a cap takes back: the capped amount less the amount before the cap (a line of its own, so both show). */
  | { readonly kind: 'cap'; readonly before: Fen; readonly cap: Fen }
  /** A leader's override: the metric summed over the team's other members × the rate (none for a leader out of the prizes by a veto). */
  | { readonly kind: 'override'; readonly metric: string; readonly team: string; readonly members: number; readonly value: Rational; readonly rate: Rational; readonly vetoed?: true }
  /** A share of a bonus pool, by largest remainder: pool × weight / the weights of all who share it. */
  | {
      readonly kind: 'pool';
      readonly scope: string;
      readonly pool: Fen;
      readonly basis?: { readonly metric: string; readonly total: Rational; readonly rate: Rational };
      readonly splitBy: string;
      readonly weight: Rational;
      readonly totalWeight: Rational;
      readonly shared: number;
      readonly share: Fen;
    }
  /** Out of a pool: vetoed, below its min_score, or in no team of a team pool. */
  | { readonly kind: 'no_pool'; readonly scope: string; readonly why: 'vetoed' | 'below_min' | 'no_team'; readonly minScore?: Rational }
  /** A contest: the agent's (or team's) figure against the other side's, and the prize share won. */
  | {
      readonly kind: 'contest';
      readonly metric: string;
      readonly side: string;
      readonly against: string;
      readonly mine?: Rational;
      readonly theirs?: Rational;
      /** `none`: neither side has a figure (or both are out of the prizes by a veto): nobody wins. */
      readonly result: 'won' | 'tied' | 'lost' | 'none';
      readonly prize: Fen;
      readonly share: Fen;
    }
  /** 保底: the variable pay made up to the floor in a joiner's first months, the floor prorated by the days employed. */
  | { readonly kind: 'floor'; readonly floor: Fen; readonly variable: Fen; readonly month: number; readonly months: number; readonly days: number; readonly periodDays: number; readonly monthly: Fen };

/** The exact amount a formula gives, before the one rounding to the fen (a prize's share is already in fen). */
export function evaluate(formula: PayFormula): Rational {
  switch (formula.kind) {
    case 'base':
      if (formula.months) return formula.months.reduce((t, m) => add(t, mul(fenToYuan(formula.monthly), rational(BigInt(m.days), BigInt(m.periodDays)))), ZERO);
      return mul(fenToYuan(formula.monthly), rational(BigInt(formula.days), BigInt(formula.periodDays)));
    case 'tiers':
      return mul(formula.slices.reduce((total, s) => add(total, mul(s.base, s.rate)), ZERO), formula.factor);
    case 'per_unit':
      return mul(formula.units.reduce((total, u) => add(total, mul(u.units, fenToYuan(u.fen))), ZERO), formula.factor);
    case 'no_data':
    case 'no_prize':
      return ZERO;
    case 'prize':
      return fenToYuan(formula.share);
    case 'per_metric':
      return mul(mul(formula.value, formula.rate), rational(BigInt(formula.sign)));
    case 'adjustment':
      return fenToYuan(formula.amount);
    case 'gated':
    case 'no_pool':
      return ZERO;
    case 'cap':
      return fenToYuan(formula.cap - formula.before);
    case 'override':
      return formula.vetoed ? ZERO : mul(formula.value, formula.rate);
    case 'pool':
    case 'contest':
      return fenToYuan(formula.share);
    case 'floor':
      return fenToYuan(formula.floor - formula.variable);
  }
}

/** How a KPI line's points were given. */
export type PointsRule =
  | { readonly kind: 'band'; readonly index: number; readonly bound?: Bound }
  | { readonly kind: 'linear'; readonly zeroAt: Rational; readonly fullAt: Rational; readonly max: Rational; readonly capped: 'none' | 'zero' | 'max' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'no_band' };

export interface KpiLine {
  readonly metric: string;
  readonly weight: Rational;
  readonly value?: Rational;
  readonly points: Rational;
  /** weight × points / 100: this line's part of the KPI score. */
  readonly weighted: Rational;
  readonly rule: PointsRule;
}

export interface FactorTrace {
  /** The factor band the score fell in (its index in the scheme's list), or none: 1. */
  readonly band?: { readonly index: number; readonly atLeast?: Rational; readonly factor: Rational };
  /** Every veto that matched, with the value that matched it. */
  readonly vetoes: readonly { readonly metric: string; readonly bound: Bound; readonly value: Rational; readonly factor: Rational; readonly disqualify: boolean }[];
  /** The lowest of the band's and the vetoes'. */
  readonly factor: Rational;
}
