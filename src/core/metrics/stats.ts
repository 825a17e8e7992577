// Core: an agent's rows of a platform export (several accounts, shops or days) → one set of metrics,
// by SPEC §2's aggregation rule: counts and amounts are summed; a ratio is recomputed from summed
// numerators and denominators; a mean is weighted by its count. Never an average of averages. Pure.
import type { StatsField, StatsRow } from '../model/dataset.js';
import { issue, type Issue } from '../model/issues.js';
import { type Rational, mul, div, sub, sum, ZERO } from '../num/rational.js';
import type { Metrics } from './metrics.js';

const SUMMED: readonly StatsField[] = [
  'consulted', 'received', 'inquiries', 'inquiries_ordered', 'inquiries_paid', 'cs_orders', 'cs_buyers', 'cs_units', 'cs_sales', 'cs_refunds', 'cs_sales_net',
  'unreplied', 'slow_received', 'complaints',
];

/**
 * What each mean is weighted by when rows are combined, in order of preference: the count the
 * platform averaged over (接待人数 for response times), else the nearest count the export has.
 * 自制报表 exports often carry only 询单人数, which is then the weight.
 */
const WEIGHTED_MEANS: readonly { field: StatsField; weights: readonly StatsField[] }[] = [
  { field: 'first_response_s', weights: ['received', 'consulted', 'inquiries'] },
  { field: 'avg_response_s', weights: ['received', 'consulted', 'inquiries'] },
  { field: 'satisfaction', weights: ['received', 'consulted', 'inquiries'] },
  { field: 'answer_ratio', weights: ['received', 'consulted', 'inquiries'] },
  // A rate over rounds, which no export counts: weighted by the people received, as the times are.
  { field: 'fast_reply_rate', weights: ['received', 'consulted', 'inquiries'] },
  { field: 'reply_30s_rate', weights: ['received', 'consulted', 'inquiries'] },
  // A platform's score of the service (拼多多 客服服务分): weighted by the people received, as a rate is.
  { field: 'service_score', weights: ['received', 'consulted', 'inquiries'] },
  // Only when the export has no 接待人数 to recompute it from (see RATIOS).
  { field: 'reply_rate', weights: ['consulted', 'inquiries'] },
];

/** Ratios with a known numerator and denominator: recomputed from the summed parts. */
const RATIOS: readonly { field: StatsField; numerator: StatsField; denominator: StatsField }[] = [
  { field: 'conversion', numerator: 'inquiries_paid', denominator: 'inquiries' },
];

/** How an agent's rows gave a metric (for the trace): summed, a ratio of the sums, or a mean weighted by one count. */
export type Combined = { readonly kind: 'sum' } | { readonly kind: 'ratio'; readonly of: readonly [string, string] } | { readonly kind: 'weighted'; readonly by: readonly [string] };

/**
 * One agent's metrics from their rows of the exports. `combined`, when given, is told how each metric
 * was made of the rows, as it is made here (a metric one row gives as it stands is not in it).
 */
export function aggregateStats(agentId: string, rows: readonly StatsRow[], issues: Issue[], combined?: Map<string, Combined>): Metrics {
  const metrics: Metrics = new Map();
  const having = (field: StatsField) => rows.filter((r) => r.values[field] !== undefined);

  // Counts and amounts are summed over the rows; a `-` where other rows have a number is none (an
  // export writes 成功退款金额 `-` for no refund). Only 询单→付款人数 is different: next to 询单人数 it
  // makes the conversion, so a row without it gives its rate × its inquiries, or, with neither, the
  // sum is not to be trusted.
  for (const field of SUMMED) {
    if (having(field).length === 0) continue;
    const values = rows.map((r) => {
      const v = r.values[field];
      if (v !== undefined || field !== 'inquiries_paid') return v ?? ZERO;
      if (r.values.conversion !== undefined && r.values.inquiries !== undefined) return mul(r.values.conversion, r.values.inquiries);
      return r.values.inquiries === undefined || r.values.inquiries.n === 0n ? ZERO : undefined;
    });
    if (values.every((v) => v !== undefined)) {
      metrics.set(field, sum(values as Rational[]));
      combined?.set(field, { kind: 'sum' });
    } else issues.push(issue('STATS_PARTIAL', { id: agentId, metric: field }, rows.find((r) => r.values[field] === undefined)?.source));
  }

  for (const { field, numerator, denominator } of RATIOS) {
    // Every row with the ratio or its denominator takes part: one that cannot give its numerator
    // makes the whole ratio unknowable (not the ratio of the other rows).
    if (!rows.some((r) => r.values[field] !== undefined || r.values[numerator] !== undefined)) continue;
    const present = rows.filter((r) => r.values[field] !== undefined || r.values[denominator] !== undefined);
    const parts = present.map((r) => {
      const den = r.values[denominator];
      const ratio = r.values[field];
      const num = r.values[numerator] ?? (den !== undefined && ratio !== undefined ? mul(ratio, den) : undefined);
      return { num, den, ratio };
    });
    if (parts.every((p) => p.num !== undefined && p.den !== undefined)) {
      const value = div(sum(parts.map((p) => p.num as Rational)), sum(parts.map((p) => p.den as Rational)));
      if (value !== undefined) {
        metrics.set(field, value);
        combined?.set(field, { kind: 'ratio', of: [numerator, denominator] });
      }
    } else if (parts.length === 1 && parts[0]?.ratio !== undefined) {
      metrics.set(field, parts[0].ratio);
    } else {
      issues.push(issue('STATS_CANNOT_COMBINE', { id: agentId, metric: field, weight: `${numerator} / ${denominator}` }, present[Math.max(0, parts.findIndex((p) => p.num === undefined || p.den === undefined))]?.source));
    }
  }

  // 回复率 is 接待人数 / 咨询人数 whenever both are there; otherwise a mean of the export's rates.
  const received = metrics.get('received');
  const consulted = metrics.get('consulted');
  const replyRate = received !== undefined && consulted !== undefined && rows.every((r) => r.values.received && r.values.consulted) ? div(received, consulted) : undefined;
  if (replyRate !== undefined) {
    metrics.set('reply_rate', replyRate);
    combined?.set('reply_rate', { kind: 'ratio', of: ['received', 'consulted'] });
  }

  for (const { field, weights } of WEIGHTED_MEANS) {
    if (metrics.has(field)) continue;
    const present = having(field);
    if (present.length === 0) continue;
    if (present.length === 1) {
      metrics.set(field, present[0]?.values[field] as Rational);
      continue;
    }
    const weight = weights.find((w) => present.every((r) => r.values[w] !== undefined));
    if (weight === undefined) {
      issues.push(issue('STATS_CANNOT_COMBINE', { id: agentId, metric: field, weight: weights.join(' / ') }, present[0]?.source));
      continue;
    }
    const total = sum(present.map((r) => r.values[weight] as Rational));
    const weighted = sum(present.map((r) => mul(r.values[field] as Rational, r.values[weight] as Rational)));
    const value = div(weighted, total);
    if (value !== undefined) {
      metrics.set(field, value);
      combined?.set(field, { kind: 'weighted', by: [weight] });
    }
  }

  return metrics;
}

/** What follows from the sales figures: refunds or net sales from the other two, and the average order value (each taken only where no source gave it). */
export function completedSales(metrics: Metrics): Metrics {
  const completed: Metrics = new Map();
  const sales = metrics.get('cs_sales');
  if (sales === undefined) return completed;
  // An export with sales and sales after refunds (去退销售额) but no refunds gives them as the difference.
  const net = metrics.get('cs_sales_net');
  const refunds = metrics.get('cs_refunds');
  if (net !== undefined && refunds === undefined) completed.set('cs_refunds', sub(sales, net));
  if (net === undefined) completed.set('cs_sales_net', sub(sales, refunds ?? ZERO));
  const buyers = metrics.get('cs_buyers');
  const aov = buyers !== undefined ? div(sales, buyers) : undefined;
  if (aov !== undefined) completed.set('aov', aov);
  return completed;
}

