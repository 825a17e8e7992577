// Core: metrics → points → KPI score → factor (SPEC §3): `linear` and `bands` scores, the weighted
// sum, factor bands, then veto rules. All exact; the score is rounded only when displayed. Pure.
import type { Bound, FactorBand, GroupRules, ScoreRule, Veto } from './scheme.js';
import { type Rational, sub, mul, div, cmp, min, max, sum, ZERO, ONE, HUNDRED } from './rational.js';
import type { Metrics } from './stats.js';

export function matches(bound: Bound | undefined, value: Rational): boolean {
  if (!bound) return true;
  const c = cmp(value, bound.value);
  return bound.op === 'at_least' ? c >= 0 : c <= 0;
}

/** Points for one value. Linear: 0 at zero_at, 100 at full_at, straight between, capped at max. */
export function points(rule: ScoreRule, value: Rational): Rational {
  if (rule.kind === 'bands') {
    const band = rule.bands.find((b) => matches(b.bound, value));
    return band ? band.points : ZERO;
  }
  // (value − zero_at) / (full_at − zero_at) is the share of the way from 0 to 100 points; it has the
  // right sign whichever way round the two are, so "lower is better" needs no special case.
  const share = div(sub(value, rule.zeroAt), sub(rule.fullAt, rule.zeroAt)) as Rational;
  return min(max(mul(share, HUNDRED), ZERO), rule.max);
}

export interface Scorecard {
  readonly points: ReadonlyMap<string, Rational>;
  /** Σ weight × points / 100, exact. */
  readonly kpiScore: Rational;
  readonly factor: Rational;
  readonly disqualified: boolean;
  /** The veto rules that matched, by metric. */
  readonly vetoes: readonly string[];
  /** KPI metrics the agent has no value for: scored 0, and said so in the report. */
  readonly missing: readonly string[];
}

export function factorFor(bands: readonly FactorBand[], score: Rational): Rational {
  const band = bands.find((b) => b.atLeast === undefined || cmp(score, b.atLeast) >= 0);
  return band ? band.factor : ONE;
}

export function scoreAgent(rules: GroupRules, metrics: Metrics): Scorecard {
  const pointsByMetric = new Map<string, Rational>();
  const missing: string[] = [];
  const weighted: Rational[] = [];
  for (const item of rules.kpi) {
    const value = metrics.get(item.metric);
    const p = value === undefined ? ZERO : points(item.score, value);
    if (value === undefined) missing.push(item.metric);
    pointsByMetric.set(item.metric, p);
    weighted.push(div(mul(item.weight, p), HUNDRED) as Rational);
  }
  const kpiScore = sum(weighted);
  // 一票否决 only ever lowers pay: the factor is the lowest of the band's and of every matching veto's.
  const matched: Veto[] = rules.veto.filter((v) => {
    const value = metrics.get(v.metric);
    return value !== undefined && matches(v.bound, value);
  });
  const factor = matched.reduce((lowest, v) => min(lowest, v.factor), factorFor(rules.factor, kpiScore));
  return {
    points: pointsByMetric,
    kpiScore,
    factor,
    disqualified: matched.some((v) => v.disqualify),
    vetoes: matched.map((v) => v.metric),
    missing,
  };
}

