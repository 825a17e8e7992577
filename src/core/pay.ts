// Core: one agent's pay lines (SPEC §3 pay, §4 money). Each line is computed exactly and rounded once
// to the fen by roundToFen; the total is the sum of the rounded lines. Ranking prizes are computed for
// the whole group in payroll.ts (buildPayroll, with rank.ts's awardPrizes) and passed in. Pure.
import type { Commission, PayRules, PerMetricLine, Tier } from './scheme.js';
import type { PayLine } from './model.js';
import { type Fen, roundToFen, formatYuan, fenToYuan } from './money.js';
import { type Rational, add, sub, mul, min, max, cmp, rational, showNumber, ZERO } from './rational.js';
import { firstMatch } from './glob.js';
import type { Metrics } from './stats.js';

export function proratedBase(monthly: Fen, days: number, periodDays: number): PayLine {
  const exact = mul(fenToYuan(monthly), rational(BigInt(days), BigInt(periodDays)));
  const basis = days === periodDays ? formatYuan(monthly) : `${formatYuan(monthly)} × ${days}/${periodDays}`;
  return { kind: 'base', name: 'base', amount: roundToFen(exact), basis };
}

/** Commission on `value` yuan before the factor: marginal (超额累进) or whole (全额累进) tiers. */
export function tieredCommission(value: Rational, tiers: readonly Tier[], mode: 'marginal' | 'whole'): { amount: Rational; basis: string } {
  if (cmp(value, ZERO) <= 0) return { amount: ZERO, basis: '0' };
  if (mode === 'whole') {
    const tier = tiers.find((t) => t.upto === undefined || cmp(value, t.upto) <= 0) as Tier;
    return { amount: mul(value, tier.rate), basis: `${showNumber(value)} × ${showNumber(tier.rate)}` };
  }
  let lower = ZERO;
  let amount = ZERO;
  const parts: string[] = [];
  for (const tier of tiers) {
    const upper = tier.upto === undefined ? value : min(value, tier.upto);
    const slice = max(sub(upper, lower), ZERO);
    if (cmp(slice, ZERO) > 0) {
      amount = add(amount, mul(slice, tier.rate));
      parts.push(`${showNumber(slice)} × ${showNumber(tier.rate)}`);
    }
    if (tier.upto === undefined || cmp(value, tier.upto) <= 0) break;
    lower = tier.upto;
  }
  return { amount, basis: parts.join(' + ') };
}

/** Per-unit commission: each SKU's credited units at the rate of the first pattern it matches. */
function perUnitLine(rule: Extract<Commission, { kind: 'per_unit' }>, unitsBySku: ReadonlyMap<string, Rational> | undefined, factor: Rational): PayLine {
  // Needs SKU-level order lines, which a platform's per-agent export does not carry.
  if (!unitsBySku) return { kind: 'commission', name: rule.name, amount: 0n, basis: 'per_unit: no order lines' };
  const match = firstMatch(rule.rates.map((r) => r.pattern));
  const byRate = new Map<number, Rational>();
  for (const [sku, units] of unitsBySku) {
    const index = match(sku);
    if (index >= 0) byRate.set(index, add(byRate.get(index) ?? ZERO, units));
  }
  let amount = ZERO;
  const parts: string[] = [];
  for (const [index, units] of [...byRate].sort((a, b) => a[0] - b[0])) {
    const rate = rule.rates[index] as { pattern: string; fen: Fen };
    amount = add(amount, mul(units, fenToYuan(rate.fen)));
    parts.push(`${showNumber(units)} × ${formatYuan(rate.fen)} (${rate.pattern})`);
  }
  const basis = parts.length === 0 ? '0' : parts.length === 1 ? (parts[0] as string) : `(${parts.join(' + ')})`;
  return { kind: 'commission', name: rule.name, amount: roundToFen(mul(amount, factor)), basis: `${basis} × ${showNumber(factor)}` };
}

function commissionLine(rule: Commission, metrics: Metrics, factor: Rational, unitsBySku: ReadonlyMap<string, Rational> | undefined): PayLine {
  if (rule.kind === 'per_unit') return perUnitLine(rule, unitsBySku, factor);
  const value = metrics.get(rule.metric);
  if (value === undefined) return { kind: 'commission', name: rule.name, amount: 0n, basis: `${rule.metric}: no data` };
  const { amount, basis } = tieredCommission(value, rule.tiers, rule.mode);
  const single = !basis.includes('+');
  return {
    kind: 'commission',
    name: rule.name,
    amount: roundToFen(mul(amount, factor)),
    basis: `${single ? basis : `(${basis})`} × ${showNumber(factor)}`,
  };
}

function perMetricLine(rule: PerMetricLine, metrics: Metrics, kind: 'allowance' | 'deduction'): PayLine {
  const value = metrics.get(rule.per) ?? ZERO;
  const amount = roundToFen(mul(value, rule.rate));
  return { kind, name: rule.name, amount: kind === 'deduction' ? -amount : amount, basis: `${showNumber(value)} × ${showNumber(rule.rate)}` };
}

export interface PayInputs {
  readonly base: PayLine;
  readonly metrics: Metrics;
  readonly factor: Rational;
  /** Prize money of each rank bonus, by bonus name, with the basis of the award. */
  readonly prizes: ReadonlyMap<string, { amount: Fen; basis: string }>;
  readonly adjustments: readonly { item: string; amount: Fen; reason: string }[];
  readonly unitsBySku?: ReadonlyMap<string, Rational>;
}

export function payLines(rules: PayRules, input: PayInputs): PayLine[] {
  return [
    input.base,
    ...rules.commission.map((c) => commissionLine(c, input.metrics, input.factor, input.unitsBySku)),
    ...rules.bonuses.map((b): PayLine => {
      const prize = input.prizes.get(b.name);
      return { kind: 'bonus', name: b.name, amount: prize?.amount ?? 0n, basis: prize?.basis ?? '-' };
    }),
    ...rules.allowances.map((a) => perMetricLine(a, input.metrics, 'allowance')),
    ...rules.deductions.map((d) => perMetricLine(d, input.metrics, 'deduction')),
    ...input.adjustments.map((a): PayLine => ({ kind: 'adjustment', name: a.item, amount: a.amount, basis: formatYuan(a.amount), reason: a.reason })),
  ];
}
