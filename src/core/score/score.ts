// Core: metrics → points → KPI score → factor (SPEC §3): `linear` and `bands` scores, the weighted
// sum, factor bands, then veto rules. All exact; the score is rounded only when displayed. Pure.
import type { Bound, GroupRules, ScoreRule } from '../model/scheme.js';
import type { FactorTrace, KpiLine, PointsRule } from '../model/trace.js';
import { type Rational, sub, mul, div, cmp, min, max, sum, ZERO, ONE, HUNDRED } from '../num/rational.js';
import type { Metrics } from '../metrics/metrics.js';

export function matches(bound: Bound | undefined, value: Rational): boolean {
  if (!bound) return true;
  const c = cmp(value, bound.value);
  return bound.op === 'at_least' ? c >= 0 : c <= 0;
}

/** Points for one value, and the band or line that gave them. Linear: 0 at zero_at, 100 at full_at, straight between, capped at max. */
export function scorePoints(rule: ScoreRule, value: Rational): { points: Rational; rule: PointsRule } {
  if (rule.kind === 'bands') {
    const index = rule.bands.findIndex((b) => matches(b.bound, value));
    const band = rule.bands[index];
    return band ? { points: band.points, rule: { kind: 'band', index, ...(band.bound ? { bound: band.bound } : {}) } } : { points: ZERO, rule: { kind: 'no_band' } };
  }
  // (value − zero_at) / (full_at − zero_at) is the share of the way from 0 to 100 points; it has the
  // right sign whichever way round the two are, so "lower is better" needs no special case.
  const share = div(sub(value, rule.zeroAt), sub(rule.fullAt, rule.zeroAt)) as Rational;
  const raw = mul(share, HUNDRED);
  const capped = cmp(raw, ZERO) < 0 ? 'zero' : cmp(raw, rule.max) > 0 ? 'max' : 'none';
  return { points: min(max(raw, ZERO), rule.max), rule: { kind: 'linear', zeroAt: rule.zeroAt, fullAt: rule.fullAt, max: rule.max, capped } };
}

export function points(rule: ScoreRule, value: Rational): Rational {
  return scorePoints(rule, value).points;
}

export interface Scorecard {
  readonly points: ReadonlyMap<string, Rational>;
  /** Each KPI line: its value, the band or line that gave its points, its weighted part of the score. */
  readonly lines: readonly KpiLine[];
  /** Σ weight × points / 100, exact. */
  readonly kpiScore: Rational;
  readonly factor: Rational;
  /** The factor band and the vetoes that gave the factor. */
  readonly factorTrace: FactorTrace;
  readonly disqualified: boolean;
  /** The veto rules that matched, by metric. */
  readonly vetoes: readonly string[];
  /** KPI metrics the agent has no value for: scored 0, and said so in the report. */
  readonly missing: readonly string[];
}

export function scoreAgent(rules: GroupRules, metrics: Metrics): Scorecard {
  const lines: KpiLine[] = rules.kpi.map((item) => {
    const value = metrics.get(item.metric);
    const scored = value === undefined ? { points: ZERO, rule: { kind: 'missing' } as const } : scorePoints(item.score, value);
    const weighted = div(mul(item.weight, scored.points), HUNDRED) as Rational;
    return { metric: item.metric, weight: item.weight, ...(value !== undefined ? { value } : {}), points: scored.points, weighted, rule: scored.rule };
  });
  const kpiScore = sum(lines.map((l) => l.weighted));
  // 一票否决 only ever lowers pay: the factor is the lowest of the band's and of every matching veto's.
  const matched = rules.veto.flatMap((v) => {
    const value = metrics.get(v.metric);
    return value !== undefined && matches(v.bound, value) ? [{ ...v, value }] : [];
  });
  const bandIndex = rules.factor.findIndex((b) => b.atLeast === undefined || cmp(kpiScore, b.atLeast) >= 0);
  const band = rules.factor[bandIndex];
  // No band that the score reaches: the factor is 1.
  const factor = matched.reduce((lowest, v) => min(lowest, v.factor), band ? band.factor : ONE);
  return {
    points: new Map(lines.map((l) => [l.metric, l.points])),
    lines,
    kpiScore,
    factor,
    factorTrace: {
      ...(band ? { band: { index: bandIndex, ...(band.atLeast !== undefined ? { atLeast: band.atLeast } : {}), factor: band.factor } } : {}),
      vetoes: matched.map((v) => ({ metric: v.metric, bound: v.bound, value: v.value, factor: v.factor, disqualify: v.disqualify })),
      factor,
    },
    disqualified: matched.some((v) => v.disqualify),
    vetoes: matched.map((v) => v.metric),
    missing: lines.filter((l) => l.value === undefined).map((l) => l.metric),
  };
}
