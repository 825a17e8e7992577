// Every agent's trace over every fixture month (stats, raw, the platforms' exports, 淘宝's two files)
// and generated raw months: explain's figures are report's and payroll's, each pay line follows from
// its formula alone to the fen, the KPI score is the sum of its weighted lines, a summed metric is the
// sum of its rows, a fact is its row's value, and a marginal commission's slices cover the metric.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeFromFiles } from '../src/cli/month.js';
import { fenToYuan, roundToFen, sumFen } from '../src/core/num/money.js';
import { add, eq, rational, sum, ZERO, type Rational } from '../src/core/num/rational.js';
import { evaluate } from '../src/core/model/trace.js';
import { rawMonth, SHAPES } from './helpers/raw-month.js';
import { inputSpec, quietIO } from './helpers/spec.js';
import type { InputSpec } from '../src/cli/spec.js';

const root = join(import.meta.dirname, '..', 'fixtures');
const io = quietIO();
const spec = inputSpec;

const sample = {
  scheme: join(root, '2026-10', 'scheme.yaml'),
  roster: [join(root, '2026-10', 'roster.csv')],
  stats: [join(root, '2026-10', 'stats-shop-a.csv'), join(root, '2026-10', 'stats-shop-b-gbk.csv')],
  facts: [join(root, '2026-10', 'facts.csv')],
  adjustments: [join(root, '2026-10', 'adjustments.csv')],
};
const raw = {
  scheme: join(root, '2026-10-raw', 'scheme.yaml'),
  roster: [join(root, '2026-10', 'roster.csv')],
  facts: [join(root, '2026-10-raw', 'facts.csv')],
  adjustments: [join(root, '2026-10', 'adjustments.csv')],
  messages: [join(root, '2026-10-raw', 'messages.csv')],
};

function generated(seed: number): Partial<InputSpec> {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-trace-'));
  const month = rawMonth(SHAPES.conversation!, 6000, seed);
  writeFileSync(join(dir, 'roster.csv'), month.roster);
  writeFileSync(join(dir, 'messages.csv'), month.messages);
  writeFileSync(join(dir, 'orders.csv'), month.orders);
  writeFileSync(
    join(dir, 'scheme.yaml'),
    'day_starts_at: "08:00"\nresponse: { unreplied_as_s: 600 }\nbundles: ["TC-*"]\ngroups:\n  售前:\n    kpi: [ { metric: conversion, weight: 60, score: { linear: { zero_at: 0.1, full_at: 0.5, max: 120 } } }, { metric: fast_reply_rate, weight: 40, score: { bands: [ { at_least: 0.9, points: 100 }, { at_least: 0.7, points: 60 }, { points: 0 } ] } } ]\n    factor: [ { at_least: 90, factor: 1.1 }, { factor: 0.9 } ]\n    pay:\n      base: 3000.01\n      commission: [ { name: 提成, metric: cs_sales_net, tiers: [ { upto: 100000, rate: 0.0133 }, { rate: "2.07%" } ] }, { name: 全额, metric: cs_sales, mode: whole, tiers: [ { upto: 50000, rate: 0.001 }, { rate: 0.003 } ] }, { name: 单件, per_unit: { "TC-*": 5.55, "*": 1.11 } } ]\n      bonuses: [ { name: 排名奖, rank_by: kpi_score, prizes: [300, 200.01, 100] }, { name: 转化, rank_by: conversion, top: 3, amount: 33.33 } ]\n  售后:\n    kpi: [ { metric: first_response_s, weight: 100, score: { linear: { zero_at: 120, full_at: 10 } } } ]\n    pay: { base: 2800 }\n',
  );
  return { scheme: join(dir, 'scheme.yaml'), roster: [join(dir, 'roster.csv')], messages: [join(dir, 'messages.csv')], orders: [join(dir, 'orders.csv')] };
}

const MONTHS: Record<string, () => Partial<InputSpec>> = {
  'stats sample': () => sample,
  'raw sample': () => ({ ...raw, orders: [join(root, '2026-10-raw', 'orders.csv')] }),
  '淘宝 two files': () => ({ ...raw, orders: [join(root, '2026-10-raw', 'taobao', '订单报表.csv')], orderLines: [join(root, '2026-10-raw', 'taobao', '宝贝报表.csv')] }),
  platforms: () => ({
    scheme: join(root, 'platforms', 'scheme.yaml'),
    roster: [join(root, 'platforms', 'roster.csv')],
    stats: [join(root, 'platforms', '拼多多-客服绩效.xlsx'), join(root, 'platforms', '京东-接待数据.xlsx')],
  }),
  'generated 3': () => generated(3),
  'generated 17': () => generated(17),
};

describe('every figure follows from its trace', () => {
  it.each(Object.keys(MONTHS))('%s', async (name) => {
    const month = await computeFromFiles(spec(MONTHS[name]!()), io);
    expect(month.result, month.issues.filter((i) => i.severity === 'error').map((i) => i.code).join(', ')).toBeDefined();
    const { report, payroll, traces } = month.result!;
    expect([...traces.ids].sort()).toEqual(report.agents.map((a) => a.agentId).sort());
    let paidSomething = false;
    for (const agent of report.agents) {
      const trace = traces.get(agent.agentId)!;
      const sheet = payroll.agents.find((a) => a.agentId === agent.agentId)!;
      // The same figures as report and payroll.
      expect(trace.rank).toBe(agent.rank);
      expect(eq(trace.kpiScore, agent.kpiScore)).toBe(true);
      expect(eq(trace.factor.factor, agent.factor)).toBe(true);
      expect(trace.total).toBe(sheet.total);
      expect(trace.pay).toEqual(sheet.lines);
      for (const m of trace.metrics) expect(eq(m.value, agent.metrics.get(m.name) as Rational), `${agent.agentId} ${m.name}`).toBe(true);
      // The KPI score is the sum of its weighted lines; the factor is the lowest of the band's and the vetoes'.
      expect(eq(sum(trace.kpi.map((l) => l.weighted)), trace.kpiScore)).toBe(true);
      const lowest = [trace.factor.band?.factor, ...trace.factor.vetoes.map((v) => v.factor)].filter((f): f is Rational => f !== undefined);
      if (lowest.length > 0) expect(lowest.some((f) => eq(f, trace.factor.factor))).toBe(true);
      // Each pay line from its formula alone, and the total from the lines.
      for (const line of trace.pay) {
        expect(roundToFen(evaluate(line.formula)), `${agent.agentId} ${line.name}`).toBe(line.amount);
        if (line.amount !== 0n) paidSomething = true;
        const f = line.formula;
        if (f.kind === 'tiers' && f.mode === 'marginal' && f.value.n > 0n) expect(eq(f.slices.reduce((t, s) => add(t, s.base), ZERO), f.value)).toBe(true);
      }
      expect(sumFen(trace.pay.map((l) => l.amount))).toBe(trace.total);
      // A summed metric is the sum of its rows; a fact is its row's value.
      for (const m of trace.metrics) {
        if (m.parts?.kind === 'sum') expect(eq(sum(m.rows.map((r) => r.value)), m.value), m.name).toBe(true);
        if (m.source === 'facts' || (m.source === 'stats' && m.rows.length === 1 && m.parts === undefined)) expect(eq(m.rows[0]!.value, m.value), m.name).toBe(true);
      }
    }
    expect(paidSomething).toBe(true);
  });
});

// kefu explain on raw data lists the rows behind the counts: consultations, slow rounds, credited
// orders. Listed in full, they add up to the agent's metrics, which the month worked out as sums by
// owner: a consultation per `consulted`, one with a first response per `received`, their waits to
// `first_response_s`, the credited orders' shares to cs_sales, cs_refunds, bundle_sales and cs_units.
const RAW_MONTHS: Record<string, { month: () => Partial<InputSpec>; unreplied?: number }> = {
  'raw sample': { month: MONTHS['raw sample']! },
  '淘宝 two files': { month: MONTHS['淘宝 two files']! },
  'generated 3 (unreplied_as_s 600, day 08:00)': { month: MONTHS['generated 3']!, unreplied: 600 },
};

describe('the raw rows kefu explain lists add up to the metrics', () => {
  it.each(Object.keys(RAW_MONTHS))('%s', async (name) => {
    const { month: files, unreplied } = RAW_MONTHS[name]!;
    const input = spec(files());
    const ids = (await computeFromFiles(input, io)).result!.report.agents.map((a) => a.agentId);
    let listed = 0;
    for (const id of ids.slice(0, 12)) {
      const trace = (await computeFromFiles(input, io, { explain: id })).result!.traces.get(id)!;
      const metric = (n: string) => trace.metrics.find((m) => m.name === n)?.value;
      const raw = trace.raw;
      if (metric('consulted') === undefined) {
        expect(raw?.consultations ?? []).toHaveLength(0);
        continue;
      }
      expect(raw, id).toBeDefined();
      const { consultations, slowRounds, orders } = raw!;
      const count = (n: number) => rational(BigInt(n));
      const same = (n: string, value: Rational) => expect(eq(metric(n)!, value), `${id} ${n}`).toBe(true);
      const received = consultations.filter((c) => c.firstResponseS !== undefined);
      same('consulted', count(consultations.length));
      same('received', count(received.length));
      const waits = received.reduce((t, c) => t + c.firstResponseS!, 0);
      if (unreplied === undefined) {
        if (received.length > 0) same('first_response_s', rational(BigInt(waits), BigInt(received.length)));
      } else same('first_response_s', rational(BigInt(waits + unreplied * (consultations.length - received.length)), BigInt(consultations.length)));
      const inquiries = consultations.filter((c) => c.inquiry);
      same('inquiries', count(inquiries.length));
      same('inquiries_ordered', count(inquiries.filter((c) => c.ordered).length));
      same('inquiries_paid', count(inquiries.filter((c) => c.paid).length));
      same('slow_rounds', count(slowRounds.length));
      for (const r of slowRounds) expect(r.waitS).toBeGreaterThan(raw!.slowAfterS);
      same('cs_orders', count(orders.length));
      same('cs_buyers', count(new Set(orders.map((o) => o.buyer)).size));
      same('cs_sales', fenToYuan(sumFen(orders.map((o) => o.amount))));
      same('cs_refunds', fenToYuan(sumFen(orders.map((o) => o.refund))));
      same('bundle_sales', fenToYuan(sumFen(orders.map((o) => o.bundle))));
      same('cs_units', orders.reduce((t, o) => add(t, rational(BigInt(o.quantity), BigInt(o.sharedBy))), ZERO));
      listed += consultations.length + orders.length;
    }
    expect(listed).toBeGreaterThan(0);
  });
});
