// Core: one agent's pay lines (SPEC §3 pay, §4 money). Each line is a formula with its numbers
// (trace.ts), evaluated exactly and rounded once to the fen by roundToFen; the total is the sum of the
// rounded lines. Ranking prizes are worked out for the whole group in payroll.ts (buildPayroll, with
// rank.ts's awardPrizes) and passed in as formulas. Pure.
import type { Commission, Gate, PayRules, PerMetricLine, Tier } from '../model/scheme.js';
import type { PayLine } from '../model/model.js';
import { type Fen, fenToYuan, roundToFen } from '../num/money.js';
import { type Rational, add, sub, mul, min, max, cmp, rational, ZERO } from '../num/rational.js';
import type { PayFormula, TierSlice } from '../model/trace.js';
import type { Adjustment } from '../agents.js';
import { firstMatch } from '../model/glob.js';
import type { Metrics } from '../metrics/metrics.js';

/** The base for the days employed: `monthly × days / periodDays`. */
export function proratedBase(monthly: Fen, days: number, periodDays: number, from: Extract<PayFormula, { kind: 'base' }>['from'] = 'amount', level?: string): PayLine {
  const formula: PayFormula = { kind: 'base', monthly, from, ...(level !== undefined ? { level } : {}), days, periodDays };
  return { kind: 'base', name: 'base', amount: roundToFen(mul(fenToYuan(monthly), rational(BigInt(days), BigInt(periodDays)))), formula };
}

/** Over several months (a quarter, a year): each month's base for its days employed, summed, rounded once. */
export function basePerMonth(monthly: Fen, months: readonly { label: string; days: number; periodDays: number }[], from: Extract<PayFormula, { kind: 'base' }>['from'], level?: string): PayLine {
  const [only] = months;
  if (months.length === 1 && only) return proratedBase(monthly, only.days, only.periodDays, from, level);
  const days = months.reduce((n, m) => n + m.days, 0);
  const periodDays = months.reduce((n, m) => n + m.periodDays, 0);
  const formula: PayFormula = { kind: 'base', monthly, from, ...(level !== undefined ? { level } : {}), days, periodDays, months };
  const total = months.reduce((t, m) => add(t, mul(fenToYuan(monthly), rational(BigInt(m.days), BigInt(m.periodDays)))), ZERO);
  return { kind: 'base', name: 'base', amount: roundToFen(total), formula };
}

/** The slices of `value` yuan that each tier pays on: marginal (超额累进), or whole (全额累进: one slice, all of it). */
export function tierSlices(value: Rational, tiers: readonly Tier[], mode: 'marginal' | 'whole'): TierSlice[] {
  if (cmp(value, ZERO) <= 0) return [];
  if (mode === 'whole') {
    const tier = tiers.find((t) => t.upto === undefined || cmp(value, t.upto) <= 0) as Tier;
    return [{ from: ZERO, ...(tier.upto !== undefined ? { to: tier.upto } : {}), base: value, rate: tier.rate }];
  }
  let lower = ZERO;
  const slices: TierSlice[] = [];
  for (const tier of tiers) {
    const upper = tier.upto === undefined ? value : min(value, tier.upto);
    const base = max(sub(upper, lower), ZERO);
    if (cmp(base, ZERO) > 0) slices.push({ from: lower, ...(tier.upto !== undefined ? { to: tier.upto } : {}), base, rate: tier.rate });
    if (tier.upto === undefined || cmp(value, tier.upto) <= 0) break;
    lower = tier.upto;
  }
  return slices;
}

/**
 * Commission on `value` yuan before the factor, worked on its own from the tiers (not from the slices
 * the formula shows), so that the test holding the two to the fen compares two ways of working it.
 */
export function tieredCommission(value: Rational, tiers: readonly Tier[], mode: 'marginal' | 'whole'): Rational {
  if (cmp(value, ZERO) <= 0) return ZERO;
  if (mode === 'whole') return mul(value, (tiers.find((t) => t.upto === undefined || cmp(value, t.upto) <= 0) as Tier).rate);
  let amount = ZERO;
  let lower = ZERO;
  for (const tier of tiers) {
    const upper = tier.upto === undefined || cmp(value, tier.upto) < 0 ? value : tier.upto;
    if (cmp(upper, lower) > 0) amount = add(amount, mul(sub(upper, lower), tier.rate));
    if (upper === value) break;
    lower = tier.upto as Rational;
  }
  return amount;
}

/** Per-unit commission: each SKU's credited units at the rate of the first pattern it matches. */
function perUnitFormula(rule: Extract<Commission, { kind: 'per_unit' }>, unitsBySku: ReadonlyMap<string, Rational> | undefined, factor: Rational): PayFormula {
  // Needs SKU-level order lines, which a platform's per-agent export does not carry.
  if (!unitsBySku) return { kind: 'no_data', metric: 'order_lines' };
  const match = firstMatch(rule.rates.map((r) => r.pattern));
  const byRate = new Map<number, Rational>();
  for (const [sku, units] of unitsBySku) {
    const index = match(sku);
    if (index >= 0) byRate.set(index, add(byRate.get(index) ?? ZERO, units));
  }
  const units = [...byRate].sort((a, b) => a[0] - b[0]).map(([index, count]) => {
    const rate = rule.rates[index] as { pattern: string; fen: Fen };
    return { pattern: rate.pattern, units: count, fen: rate.fen };
  });
  return { kind: 'per_unit', units, factor };
}

function commissionFormula(rule: Commission, metrics: Metrics, factor: Rational, unitsBySku: ReadonlyMap<string, Rational> | undefined): PayFormula {
  if (rule.kind === 'per_unit') return perUnitFormula(rule, unitsBySku, factor);
  const value = metrics.get(rule.metric);
  if (value === undefined) return { kind: 'no_data', metric: rule.metric };
  return { kind: 'tiers', metric: rule.metric, value, mode: rule.mode, slices: tierSlices(value, rule.tiers, rule.mode), factor };
}

function perMetricFormula(rule: PerMetricLine, metrics: Metrics, sign: 1 | -1): PayFormula {
  const value = metrics.get(rule.per);
  return { kind: 'per_metric', metric: rule.per, value: value ?? ZERO, given: value !== undefined, rate: rule.rate, sign };
}

/**
 * A line's amount, exact, then rounded once to the fen. Worked here from the rules' own terms (the
 * tiers' commission, the units' rates, the prize awarded); trace.ts's `evaluate` works it again from
 * the formula alone, and the tests hold the two to the fen.
 */
function amountOf(formula: PayFormula, commission: () => Rational): Fen {
  switch (formula.kind) {
    case 'tiers':
    case 'per_unit':
      return roundToFen(mul(commission(), formula.factor));
    case 'prize':
      return formula.share;
    case 'per_metric': {
      const amount = roundToFen(mul(formula.value, formula.rate));
      return formula.sign < 0 ? -amount : amount;
    }
    case 'adjustment':
      return formula.amount;
    case 'cap':
      return formula.cap - formula.before;
    case 'override':
      return formula.vetoed ? 0n : roundToFen(mul(formula.value, formula.rate));
    case 'pool':
    case 'contest':
      return formula.share;
    case 'floor':
      return formula.floor - formula.variable;
    default:
      return 0n;
  }
}

const line = (kind: PayLine['kind'], name: string, formula: PayFormula, commission: () => Rational = () => ZERO, reason?: string): PayLine => ({
  kind,
  name,
  amount: amountOf(formula, commission),
  formula,
  ...(reason !== undefined ? { reason } : {}),
});

/** What a commission rule pays before the factor, from the rule and the agent's numbers (not from a formula). */
function commissionBeforeFactor(rule: Commission, metrics: Metrics, unitsBySku: ReadonlyMap<string, Rational> | undefined): Rational {
  if (rule.kind === 'tiers') {
    const value = metrics.get(rule.metric);
    return value === undefined ? ZERO : tieredCommission(value, rule.tiers, rule.mode);
  }
  const match = firstMatch(rule.rates.map((r) => r.pattern));
  let total = ZERO;
  for (const [sku, units] of unitsBySku ?? []) {
    const index = match(sku);
    if (index >= 0) total = add(total, mul(units, fenToYuan((rule.rates[index] as { fen: Fen }).fen)));
  }
  return total;
}

export interface PayInputs {
  readonly base: PayLine;
  readonly metrics: Metrics;
  readonly factor: Rational;
  /** Each rank bonus's formula for this agent, by bonus name: a prize, or why none. */
  readonly prizes: ReadonlyMap<string, PayFormula>;
  /** Worked out over the group or a team (team-pay.ts), by item name: the agent's override (leaders only), pool share, contest result. */
  readonly overrides?: ReadonlyMap<string, PayFormula>;
  readonly pools?: ReadonlyMap<string, PayFormula>;
  readonly contests?: ReadonlyMap<string, PayFormula>;
  /** Which month of their employment the period is (1: the month they joined), when the roster has a start date. */
  readonly monthEmployed?: number;
  /** Days employed in the period, of its days: the floor is prorated by them, as the base is. */
  readonly days?: { readonly employed: number; readonly of: number };
  /** Out of every prize by a veto: no floor either. */
  readonly disqualified?: boolean;
  readonly adjustments: readonly Adjustment[];
  readonly unitsBySku?: ReadonlyMap<string, Rational>;
}

/** The pay items kefu adds itself: a cap's line, the variable pay's cap, the floor made up. */
export const CAP_SUFFIX = '封顶';
export const VARIABLE_CAP = '浮动薪酬封顶';
export const FLOOR_LINE = '保底补足';

/** A commission withheld by its gate: the gate's metric missing or outside its bound. */
function gateFormula(gate: Gate | undefined, metrics: Metrics): PayFormula | undefined {
  if (!gate) return undefined;
  const value = metrics.get(gate.metric);
  const within = value !== undefined && (gate.bound.op === 'at_least' ? cmp(value, gate.bound.value) >= 0 : cmp(value, gate.bound.value) <= 0);
  return within ? undefined : { kind: 'gated', metric: gate.metric, ...(value !== undefined ? { value } : {}), bound: gate.bound };
}

/** Variable pay: the commission and bonus lines. */
const variableOf = (lines: readonly PayLine[]): Fen => lines.reduce((total, l) => (l.kind === 'commission' || l.kind === 'bonus' ? total + l.amount : total), 0n);

export function payLines(rules: PayRules, input: PayInputs): PayLine[] {
  const lines: PayLine[] = [input.base];
  for (const c of rules.commission) {
    const gated = gateFormula(c.gate, input.metrics);
    if (gated) {
      lines.push(line('commission', c.name, gated));
      continue;
    }
    const earned = line('commission', c.name, commissionFormula(c, input.metrics, input.factor, input.unitsBySku), () => commissionBeforeFactor(c, input.metrics, input.unitsBySku));
    lines.push(earned);
    // The cap is a line of its own: the sheet shows the commission before it and what it took back.
    if (c.cap !== undefined && earned.amount > c.cap) lines.push(line('commission', `${c.name}${CAP_SUFFIX}`, { kind: 'cap', before: earned.amount, cap: c.cap }));
  }
  // A leader's override, a pool share, a contest: only for those they concern (a blank cell for the others).
  for (const o of rules.overrides) {
    const formula = input.overrides?.get(o.name);
    if (formula) lines.push(line('commission', o.name, formula));
  }
  for (const b of rules.bonuses) lines.push(line('bonus', b.name, input.prizes.get(b.name) ?? { kind: 'no_prize', rankBy: b.rankBy, disqualified: false }));
  for (const p of rules.pools) {
    const formula = input.pools?.get(p.name);
    if (formula) lines.push(line('bonus', p.name, formula));
  }
  for (const c of rules.contests) {
    const formula = input.contests?.get(c.name);
    if (formula) lines.push(line('bonus', c.name, formula));
  }
  const variable = variableOf(lines);
  if (rules.cap !== undefined && variable > rules.cap) lines.push(line('bonus', VARIABLE_CAP, { kind: 'cap', before: variable, cap: rules.cap }));
  const month = input.monthEmployed;
  if (rules.floor && month !== undefined && month <= rules.floor.months && !input.disqualified) {
    const after = variableOf(lines);
    // A joiner of the 30th is guaranteed two days' worth, as their base is two days'.
    const days = input.days ?? { employed: 1, of: 1 };
    const floor = roundToFen(mul(fenToYuan(rules.floor.fen), rational(BigInt(days.employed), BigInt(days.of))));
    if (after < floor) lines.push(line('allowance', FLOOR_LINE, { kind: 'floor', floor, monthly: rules.floor.fen, variable: after, month, months: rules.floor.months, days: days.employed, periodDays: days.of }));
  }
  for (const a of rules.allowances) lines.push(line('allowance', a.name, perMetricFormula(a, input.metrics, 1)));
  for (const d of rules.deductions) lines.push(line('deduction', d.name, perMetricFormula(d, input.metrics, -1)));
  for (const a of input.adjustments) lines.push(line('adjustment', a.item, { kind: 'adjustment', amount: a.amount, reason: a.reason, source: a.source }, undefined, a.reason));
  return lines;
}
