import { describe, expect, it } from 'vitest';
import { parseDecimal, type Rational } from '../../src/core/num/rational.js';
import { aggregateStats, completedSales } from '../../src/core/metrics/stats.js';
import { points, scoreAgent } from '../../src/core/score/score.js';
import { inHours } from '../../src/core/metrics/raw/chat-metrics.js';
import { rank, awardPrizes } from '../../src/core/score/rank.js';
import { tieredCommission, proratedBase } from '../../src/core/pay/pay.js';
import { basis } from '../../src/render/explain.js';
import type { StatsRow } from '../../src/core/model/dataset.js';
import type { GroupRules } from '../../src/core/model/scheme.js';
import type { Issue } from '../../src/core/model/issues.js';

const q = (text: string) => parseDecimal(text) as Rational;
const row = (values: Record<string, string>, line = 2): StatsRow => ({
  account: 'a',
  values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, q(v)])),
  source: { file: 's.csv', line },
});

describe('aggregation of several rows of one agent', () => {
  it('recomputes conversion from summed parts, never averages averages', () => {
    // Account A: 3 of 10 paid (30%); account B: 1 of 90 (1.11%). Mean of rates = 15.56%; true rate 4/100.
    const issues: Issue[] = [];
    const m = aggregateStats('K1', [row({ inquiries: '10', inquiries_paid: '3', conversion: '0.3' }), row({ inquiries: '90', inquiries_paid: '1', conversion: '0.0111' })], issues);
    expect(m.get('conversion')).toEqual(q('0.04'));
    expect(m.get('inquiries')).toEqual(q('100'));
    expect(issues).toEqual([]);
  });

  it('takes the numerator from rate × inquiries when the export has no paid count', () => {
    // 0.3 × 10 + 0.1 × 30 = 6 paid of 40 → 0.15
    const m = aggregateStats('K1', [row({ inquiries: '10', conversion: '0.3' }), row({ inquiries: '30', conversion: '0.1' })], []);
    expect(m.get('conversion')).toEqual(q('0.15'));
  });

  it('weights response times by received, else consulted, else inquiries', () => {
    // (10 s × 30 + 20 s × 10) / 40 = 12.5 s
    const byReceived = aggregateStats('K1', [row({ received: '30', inquiries: '1', first_response_s: '10' }), row({ received: '10', inquiries: '99', first_response_s: '20' })], []);
    expect(byReceived.get('first_response_s')).toEqual(q('12.5'));
    // by inquiries: (10 × 1 + 20 × 3) / 4 = 17.5
    const byInquiries = aggregateStats('K1', [row({ inquiries: '1', first_response_s: '10' }), row({ inquiries: '3', first_response_s: '20' })], []);
    expect(byInquiries.get('first_response_s')).toEqual(q('17.5'));
  });

  it('a paid count on some rows only is not summed over them: it would make a false conversion', () => {
    // A: 30 of 100 paid; B: 300 inquiries, no paid count and no rate. Σ paid over A alone = 30 of 400.
    const issues: Issue[] = [];
    const m = aggregateStats('K1', [row({ inquiries: '100', inquiries_paid: '30' }), row({ inquiries: '300' }, 3)], issues);
    expect(m.has('inquiries_paid')).toBe(false);
    expect(m.has('conversion')).toBe(false);
    expect(issues.map((i) => [i.code, i.source?.line])).toEqual([['STATS_PARTIAL', 3], ['STATS_CANNOT_COMBINE', 3]]);
  });

  it('warns and leaves a mean missing when nothing can weight it', () => {
    const issues: Issue[] = [];
    const m = aggregateStats('K1', [row({ first_response_s: '10' }), row({ first_response_s: '20' }, 3)], issues);
    expect(m.has('first_response_s')).toBe(false);
    expect(issues.map((i) => i.code)).toEqual(['STATS_CANNOT_COMBINE']);
  });

  it('net sales and average order value from the sums; a refund of `-` on one row is none', () => {
    const m = aggregateStats('K1', [row({ cs_sales: '1000.50', cs_refunds: '100', cs_buyers: '3' }), row({ cs_sales: '99.50', cs_buyers: '1' })], []);
    const completed = completedSales(m);
    expect(m.get('cs_sales')).toEqual(q('1100'));
    // 1100 − 100 = 1000 net; 1100 / (3 + 1) buyers = 275; nothing else is completed.
    expect([...completed.keys()].sort()).toEqual(['aov', 'cs_sales_net']);
    expect(completed.get('cs_sales_net')).toEqual(q('1000'));
    expect(completed.get('aov')).toEqual(q('275'));
  });
});

describe('scoring', () => {
  const linear = { kind: 'linear' as const, zeroAt: q('0.6'), fullAt: q('1'), max: q('120') };
  it.each([
    ['0.5', '0'],
    ['0.6', '0'],
    ['0.9', '75'], // (0.9 − 0.6) / 0.4 × 100 exactly, not 74.99999
    ['1', '100'],
    ['1.1', '120'], // 125 capped at max 120
  ])('linear at %s gives %s points', (value, expected) => expect(points(linear, q(value))).toEqual(q(expected)));

  it('linear with lower better (zero_at > full_at)', () => {
    const rule = { kind: 'linear' as const, zeroAt: q('60'), fullAt: q('10'), max: q('100') };
    expect(points(rule, q('35'))).toEqual(q('50'));
    expect(points(rule, q('5'))).toEqual(q('100'));
    expect(points(rule, q('70'))).toEqual(q('0'));
  });

  it('bands: the first that matches', () => {
    const rule = {
      kind: 'bands' as const,
      bands: [{ bound: { op: 'at_most' as const, value: q('15') }, points: q('100') }, { bound: { op: 'at_most' as const, value: q('30') }, points: q('60') }, { points: q('0') }],
    };
    expect(points(rule, q('15'))).toEqual(q('100'));
    expect(points(rule, q('15.01'))).toEqual(q('60'));
    expect(points(rule, q('31'))).toEqual(q('0'));
  });

  it('KPI score, factor band at the exact boundary, veto and missing metrics', () => {
    const rules: GroupRules = {
      name: 'g',
      kpi: [
        { metric: 'a', weight: q('50'), score: linear },
        { metric: 'b', weight: q('50'), score: linear },
      ],
      factor: [{ atLeast: q('85'), factor: q('1.2') }, { factor: q('0.8') }],
      veto: [{ metric: '红牌', bound: { op: 'at_least', value: q('1') }, factor: q('0'), disqualify: true }],
      pay: { base: { kind: 'amount', fen: 0n }, commission: [], overrides: [], bonuses: [], pools: [], contests: [], allowances: [], deductions: [] },
    };
    // a = 0.88 → 70 points, b = 1.0 → 100: 50×70/100 + 50×100/100 = 85 exactly → factor 1.2.
    const card = scoreAgent(rules, new Map([['a', q('0.88')], ['b', q('1')]]));
    expect(card.kpiScore).toEqual(q('85'));
    expect(card.factor).toEqual(q('1.2'));
    const vetoed = scoreAgent(rules, new Map([['a', q('0.88')], ['b', q('1')], ['红牌', q('1')]]));
    expect(vetoed.factor).toEqual(q('0'));
    expect(vetoed.disqualified).toBe(true);
    const missing = scoreAgent(rules, new Map([['a', q('1')]]));
    expect(missing.missing).toEqual(['b']);
    expect(missing.kpiScore).toEqual(q('50'));
  });

  it('a veto only lowers the factor: the lowest of the band and every matching veto', () => {
    const rules: GroupRules = {
      name: 'g',
      kpi: [{ metric: 'a', weight: q('100'), score: linear }],
      factor: [{ atLeast: q('90'), factor: q('1.2') }, { atLeast: q('60'), factor: q('1') }, { factor: q('0.5') }],
      veto: [
        { metric: '黄牌', bound: { op: 'at_least', value: q('2') }, factor: q('0.6'), disqualify: false },
        { metric: '投诉', bound: { op: 'at_least', value: q('1') }, factor: q('0.3'), disqualify: false },
      ],
      pay: { base: { kind: 'amount', fen: 0n }, commission: [], overrides: [], bonuses: [], pools: [], contests: [], allowances: [], deductions: [] },
    };
    // linear zero_at 0.6, full_at 1.0: a = 0.7 → 25 points → KPI 25 → band factor 0.5.
    // 黄牌 2 matches the first veto (0.6): the factor stays 0.5 — a veto never raises it.
    const low = scoreAgent(rules, new Map([['a', q('0.7')], ['黄牌', q('2')]]));
    expect(low.kpiScore).toEqual(q('25'));
    expect(low.factor).toEqual(q('0.5'));
    expect(low.vetoes).toEqual(['黄牌']);
    // a = 1.0 → 100 points → band 1.2; 黄牌 2 (0.6) and 投诉 1 (0.3) both match: the lower, 0.3, wins,
    // whichever is written first.
    const both = scoreAgent(rules, new Map([['a', q('1')], ['黄牌', q('2')], ['投诉', q('1')]]));
    expect(both.factor).toEqual(q('0.3'));
    expect(both.vetoes).toEqual(['黄牌', '投诉']);
    // Only the first veto: band 1.2 lowered to 0.6.
    expect(scoreAgent(rules, new Map([['a', q('1')], ['黄牌', q('3')]])).factor).toEqual(q('0.6'));
  });
});

describe('ranking and prizes', () => {
  const entries = [
    { agentId: 'K3', value: q('90') },
    { agentId: 'K1', value: q('95') },
    { agentId: 'K2', value: q('90') },
    { agentId: 'K4', value: q('80') },
    { agentId: 'K5', value: undefined },
  ];
  it('ties share the rank; agents without the metric are not ranked', () => {
    expect(rank(entries, 'desc').map((r) => [r.agentId, r.rank])).toEqual([['K1', 1], ['K2', 2], ['K3', 2], ['K4', 4]]);
    expect(rank(entries, 'asc').map((r) => [r.agentId, r.rank])).toEqual([['K4', 1], ['K2', 2], ['K3', 2], ['K1', 4]]);
  });

  it('pools the prizes of the places a tie covers and splits them to the fen', () => {
    // Places 2 and 3 tied: (300.00 + 200.01) / 2 = 250.005 → 250.01 to K2 (smaller id), 250.00 to K3.
    const awards = awardPrizes(rank(entries, 'desc'), [50000n, 30000n, 20001n]);
    expect([...awards]).toEqual([['K1', 50000n], ['K2', 25001n], ['K3', 25000n]]);
    // A tie for the last paid place shares it with the unpaid place below: 200 + 0 over 2.
    const top2 = awardPrizes(rank(entries, 'desc'), [10000n, 20000n]);
    expect(top2.get('K2')).toBe(10000n);
    expect(top2.get('K3')).toBe(10000n);
  });
});

describe('pay', () => {
  const tiers = [{ upto: q('100000'), rate: q('0.003') }, { upto: q('200000'), rate: q('0.005') }, { rate: q('0.008') }];
  it('marginal: each rate on the part inside its bracket', () => {
    // 100000 × 0.003 + 100000 × 0.005 + 50000 × 0.008 = 300 + 500 + 400 = 1200
    expect(tieredCommission(q('250000'), tiers, 'marginal')).toEqual(q('1200'));
    expect(tieredCommission(q('100000'), tiers, 'marginal')).toEqual(q('300'));
    expect(tieredCommission(q('-5'), tiers, 'marginal')).toEqual(q('0'));
  });
  it('whole: the reached bracket’s rate on the whole amount', () => {
    // 250000 × 0.008 = 2000; 150000 × 0.005 = 750; exactly 100000 stays in the first bracket: 300.
    expect(tieredCommission(q('250000'), tiers, 'whole')).toEqual(q('2000'));
    expect(tieredCommission(q('150000'), tiers, 'whole')).toEqual(q('750'));
    expect(tieredCommission(q('100000'), tiers, 'whole')).toEqual(q('300'));
  });
  it('prorates the base by days employed, rounded once', () => {
    // 3000 × 17 / 31 = 1645.1612… → 1645.16
    expect(proratedBase(300000n, 17, 31)).toMatchObject({ amount: 164516n, formula: { kind: 'base', monthly: 300000n, days: 17, periodDays: 31 } });
    expect(basis(proratedBase(300000n, 17, 31).formula)).toBe('3000.00 × 17/31');
    // 3500 × 21 / 31 = 2370.9677… → 2370.97
    expect(proratedBase(350000n, 21, 31).amount).toBe(237097n);
  });
});

describe('response hours', () => {
  it('start included, end excluded, wrapping past midnight', () => {
    const day = 20_000 * 86400; // any midnight
    const at = (h: number, m = 0) => day + h * 3600 + m * 60;
    const office = { from: 8 * 3600, to: 24 * 3600 };
    expect(inHours(at(8), office)).toBe(true);
    expect(inHours(at(7, 59), office)).toBe(false);
    expect(inHours(at(23, 59), office)).toBe(true);
    expect(inHours(at(0), office)).toBe(false);
    const night = { from: 20 * 3600, to: 2 * 3600 };
    expect(inHours(at(20), night)).toBe(true);
    expect(inHours(at(1, 59), night)).toBe(true);
    expect(inHours(at(2), night)).toBe(false);
    expect(inHours(at(12), night)).toBe(false);
  });
});

describe('an agent\'s metrics over shared slots', () => {
  it('read as a Map: in the order first set, a value set again in its place, each with its source', async () => {
    const { AgentMetrics, MetricSlots } = await import('../../src/core/metrics/agent-metrics.js');
    const { rational } = await import('../../src/core/num/rational.js');
    const slots = new MetricSlots();
    const a = new AgentMetrics(slots);
    const b = new AgentMetrics(slots);
    // b numbers y before x; a still lists x, y, z as set, and a's y replaced keeps its place.
    b.set('y', rational(1n), 2).set('x', rational(2n), 2);
    a.set('x', rational(10n), 2).set('y', rational(20n), 2).set('z', rational(30n));
    a.set('y', rational(21n), 0);
    expect([...a]).toEqual([['x', rational(10n)], ['y', rational(21n)], ['z', rational(30n)]]);
    expect([...a.keys()]).toEqual(['x', 'y', 'z']);
    expect([a.sourceOf('x'), a.sourceOf('y'), a.sourceOf('z'), a.sourceOf('w')]).toEqual([2, 0, undefined, undefined]);
    expect([a.size, a.has('z'), a.has('w'), b.get('z')]).toEqual([3, true, false, undefined]);
    expect(a.delete('x')).toBe(true);
    expect([...a.keys()]).toEqual(['y', 'z']);
    expect(new Map(b)).toEqual(new Map([['y', rational(1n)], ['x', rational(2n)]]));
  });
});
