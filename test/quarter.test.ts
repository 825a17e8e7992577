// Periods beyond a month (seeds/000: a quarterly exam, a quarterly bonus): `--period 2026-Q4` over the
// inputs of its three months, which kefu.yaml names by {period} month by month. Its metrics are the
// three months' together (sums, ratios from the sums: never a mean of monthly ratios); a quarterly fact
// is weighted like any other; base pay is each month's for its days employed, summed. Worked by hand.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const SCHEME = `name: 季度方案
groups:
  售前:
    kpi:
      - { metric: conversion, weight: 50, score: { linear: { zero_at: 0, full_at: 0.5 } } }
      - { metric: 季度考试, weight: 50, score: { linear: { zero_at: 60, full_at: 100 } } }
    pay:
      base: 3000
      commission: [ { name: 季度提成, metric: cs_sales, tiers: [ { rate: "1%" } ] } ]
`;
const HEADER = '客服账号,询单人数,询单最终付款人数,询单最终付款金额\n';
// K002 all quarter; K001 joins on 16 November.
const MONTHS: Record<string, string> = {
  '2026-10': `${HEADER}店:二,100,30,30000.00\n`,
  '2026-11': `${HEADER}店:一,50,10,10000.00\n店:二,50,20,20000.00\n`,
  '2026-12': `${HEADER}店:一,100,40,40000.00\n店:二,150,30,50000.00\n`,
};

function project(months: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-quarter-'));
  writeFileSync(join(dir, 'scheme.yaml'), SCHEME);
  writeFileSync(join(dir, 'roster.csv'), '工号,姓名,客服账号,岗位,入职日期\nK001,王一,店:一,售前,2026-11-16\nK002,王二,店:二,售前,2025-01-01\n');
  for (const month of months) {
    mkdirSync(join(dir, '数据', month), { recursive: true });
    writeFileSync(join(dir, '数据', month, '客服绩效.csv'), MONTHS[month] as string);
  }
  mkdirSync(join(dir, '季度'));
  writeFileSync(join(dir, '季度', '考试.csv'), '工号,季度考试\nK001,80\nK002,90\n');
  writeFileSync(join(dir, 'kefu.yaml'), 'scheme: scheme.yaml\nroster: roster.csv\nstats: 数据/{period}/客服绩效*.csv\nfacts: 季度/考试.csv\nout: 输出/{period}\n');
  return dir;
}

describe('--period 2026-Q4', () => {
  it('is its three months together, worked by hand', async () => {
    const dir = project(['2026-10', '2026-11', '2026-12']);
    const run = await runCli(['run', '--config', join(dir, 'kefu.yaml'), '--period', '2026-Q4', '--quiet', '--lang', 'en']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = join(dir, '输出', '2026-Q4');
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const payroll = JSON.parse(readFileSync(join(out, 'payroll.json'), 'utf8'));
    const agent = (id: string) => report.agents.find((a: { agent_id: string }) => a.agent_id === id);
    const pay = (id: string) => payroll.agents.find((a: { agent_id: string }) => a.agent_id === id);
    expect(report.period).toBe('2026-Q4');
    // K002: 300 inquiries, 80 paid → 26.67% (the mean of the months' 30%, 40%, 20% would be 30%).
    expect(agent('K002').metrics).toMatchObject({ inquiries: 300, inquiries_paid: 80, cs_sales: '100000.00' });
    expect(agent('K002').metrics.conversion).toBeCloseTo(80 / 300, 10);
    // KPI: conversion 0.2667 / 0.5 × 100 = 53.33 points × 50% + exam (90 − 60) / 40 × 100 = 75 × 50% = 64.17.
    expect(agent('K002').kpi_score).toBe(64.17);
    // K001: 150 inquiries, 50 paid = 33.33% → 66.67 points; exam 80 → 50 points: 58.33.
    expect(agent('K001').kpi_score).toBe(58.33);
    // Base: K002 3000 × (31/31 + 30/30 + 31/31) = 9000.00; K001 joined 16 Nov: 3000 × (0/31 + 15/30 + 31/31) = 4500.00.
    expect(pay('K002').lines[0]).toMatchObject({ amount: '9000.00', basis: '3000.00 × (31/31 + 30/30 + 31/31)' });
    expect(pay('K001').lines[0]).toMatchObject({ amount: '4500.00', basis: '3000.00 × (0/31 + 15/30 + 31/31)' });
    // 季度提成 1% of the quarter's sales: K002 100,000.00 → 1,000.00; K001 50,000.00 → 500.00.
    expect(pay('K002').total).toBe('10000.00');
    expect(pay('K001').total).toBe('5000.00');
  });

  it('says which months have no files', async () => {
    const dir = project(['2026-10', '2026-11']);
    const run = await runCli(['report', '--config', join(dir, 'kefu.yaml'), '--period', '2026-Q4', '--lang', 'en', '--format', 'json']);
    expect(run.stderr).toContain('2026-Q4: no stats files for 2026-12: those months\' figures are not in the period\'s [PERIOD_MONTH_MISSING]');
    expect(run.code).toBe(0);
    const year = await runCli(['check', '--config', join(dir, 'kefu.yaml'), '--period', '2026', '--lang', 'en']);
    expect(year.stderr).toContain('2026: no stats files for 2026-01, 2026-02, 2026-03, 2026-04, 2026-05, 2026-06, 2026-07, 2026-08, 2026-09, 2026-12');
  });
});

describe('a period of several months from raw data', () => {
  it('is its months\' chat logs together: split month by month they give the same figures, and every rate is a ratio of sums', async () => {
    const { rawMonth, SHAPES } = await import('./helpers/raw-month.js');
    const dir = mkdtempSync(join(tmpdir(), 'kefu-quarter-raw-'));
    const month = rawMonth(SHAPES.conversation!, 6000, 23); // from the evening of 30 September to early November
    writeFileSync(join(dir, 'roster.csv'), month.roster);
    writeFileSync(join(dir, 'orders.csv'), month.orders);
    writeFileSync(join(dir, 'scheme.yaml'), 'groups:\n  售前:\n    kpi: [ { metric: conversion, weight: 100, score: { linear: { zero_at: 0, full_at: 0.5 } } } ]\n    pay: { base: 3000 }\n  售后:\n    kpi: [ { metric: first_response_s, weight: 100, score: { linear: { zero_at: 120, full_at: 10 } } } ]\n    pay: { base: 2800 }\n');
    const [header, ...rows] = month.messages.trimEnd().split('\n');
    writeFileSync(join(dir, 'messages.csv'), month.messages);
    const byMonth = new Map<string, string[]>();
    for (const row of rows) byMonth.set(row.slice(0, 7), [...(byMonth.get(row.slice(0, 7)) ?? []), row]);
    expect([...byMonth.keys()].sort()).toEqual(['2026-09', '2026-10', '2026-11']);
    for (const [label, lines] of byMonth) writeFileSync(join(dir, `messages-${label}.csv`), `${header}\n${lines.join('\n')}\n`);
    const common = ['report', '--scheme', join(dir, 'scheme.yaml'), '--from', '2026-09-01', '--to', '2026-11-30', '--roster', join(dir, 'roster.csv'), '--orders', join(dir, 'orders.csv'), '--format', 'json', '--lang', 'en'];
    const whole = JSON.parse((await runCli([...common, '--messages', join(dir, 'messages.csv')])).stdout);
    const split = JSON.parse((await runCli([...common, '--messages', ...[...byMonth.keys()].sort().map((m) => join(dir, `messages-${m}.csv`))])).stdout);
    expect(split.agents).toEqual(whole.agents);
    expect(split.team).toEqual(whole.team);
    for (const agent of whole.agents as { metrics: Record<string, number> }[]) {
      if (agent.metrics.inquiries) expect(agent.metrics.conversion).toBeCloseTo((agent.metrics.inquiries_paid ?? 0) / agent.metrics.inquiries, 10);
    }
  });
});
