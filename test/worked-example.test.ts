// A worked example, end to end through the CLI: three 售前 agents, one month (2026-10, 31 days).
// Every figure asserted below was computed BY HAND from SPEC.md §1–§5 (the arithmetic is in the
// comments), never copied from the program's output. Money is compared as the JSON's two-decimal
// strings; ratios and seconds as numbers; KPI scores and points as the JSON's two-decimal numbers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

// Roster. A002 has two accounts joined with `|`, and a 底薪 of its own (4200) that wins over its
// 职级 高级 (4000 in the levels table). A003 joins on 2026-10-11: days employed = 31 − 11 + 1 = 21.
const ROSTER = `工号,姓名,客服账号,岗位,职级,底薪,入职日期,离职日期
A001,张三,店A:张三,售前,中级,,2025-03-01,
A002,李四,店A:李四|店B:李四,售前,高级,4200,2024-07-15,
A003,王五,店B:王五,售前,初级,,2026-10-11,
`;

// Stats export. No 接待人数 and no 咨询人数 column, so means of A002's two rows are weighted by
// 询单人数. The last row is a summary row (汇总值): not an agent, dropped (SPEC §1).
const STATS = `旺旺昵称,询单人数,询单最终付款人数,询单最终付款转化率,首次响应时长（秒),平均响应时长（秒),询单最终付款金额,成功退款金额
店A:张三,100,36,36.00%,9.5,20,"¥125,000.00","¥5,000.00"
店A:李四,100,30,30.00%,12,30,"¥60,123.45","¥1,234.50"
店B:李四,50,10,20.00%,21秒,45,"¥29,876.55",¥765.50
店B:王五,60,16,26.67%,18,40,"¥45,681.25",¥681.25
汇总值,310,92,29.68%,14.5,33.55,"¥260,681.25","¥7,681.25"
`;

const FACTS = `工号,销售目标,红牌,直播时长
A001,100000,1,0
A002,90000,0,2.25
A003,50000,0,12.5
`;

const ADJUSTMENTS = `工号,项目,金额,原因
A002,全勤奖,100,10月全勤
A003,工牌补办,-30.5,遗失工牌补办费用
`;

const SCHEME = `name: 售前绩效方案 2026-10（手算示例）
levels: { 初级: 3000, 中级: 3500, 高级: 4000 }
derived:
  sales_attainment: { ratio: [cs_sales_net, 销售目标] }
groups:
  售前:
    kpi:
      - { metric: sales_attainment, weight: 60, score: { linear: { zero_at: 0.5, full_at: 1.0, max: 120 } } }
      - metric: conversion
        weight: 40
        score: { bands: [ { at_least: 0.30, points: 100 }, { at_least: 0.26, points: 80 }, { at_least: 0.20, points: 60 }, { points: 0 } ] }
    factor:
      - { at_least: 100, factor: 1.2 }
      - { at_least: 85, factor: 1.0 }
      - { at_least: 70, factor: 0.8 }
      - { factor: 0 }
    veto:
      - { metric: 红牌, at_least: 1, factor: 0, disqualify: true }
    pay:
      base: level
      commission:
        - { name: 销售提成, metric: cs_sales_net, mode: marginal, tiers: [ { upto: 50000, rate: 0.003 }, { upto: 100000, rate: "0.5%" }, { rate: 0.008 } ] }
        - { name: 销售额达标奖, metric: cs_sales, mode: whole, tiers: [ { upto: 80000, rate: 0.001 }, { rate: "0.15%" } ] }
      bonuses:
        - { name: 绩效排名奖, rank_by: kpi_score, prizes: [300, 200, 100] }
        - { name: 转化率前二, rank_by: conversion, top: 2, amount: 150 }
        - { name: 转化率冠军, rank_by: conversion, top: 1, amount: 100.01 }
      allowances:
        - { name: 直播补贴, per: 直播时长, rate: 30 }
      deductions:
        - { name: 红牌扣款, per: 红牌, rate: 200 }
`;

// ---------------------------------------------------------------------------------------------
// The hand computation (SPEC §2 aggregation, §3 scoring and pay, §4 money)
// ---------------------------------------------------------------------------------------------
//
// ## Metrics from the export (SPEC §2 "Aggregation")
//
// A001 (one row, 店A:张三)
//   inquiries = 100, inquiries_paid = 36, conversion = 36/100 = 0.36
//   first_response_s = 9.5, avg_response_s = 20
//   cs_sales = 125000.00, cs_refunds = 5000.00, cs_sales_net = 125000.00 − 5000.00 = 120000.00
//
// A002 (two rows, 店A:李四 + 店B:李四, combined)
//   inquiries      = 100 + 50 = 150
//   inquiries_paid =  30 + 10 = 40
//   conversion = Σpaid / Σinquiries = 40/150 = 4/15 = 0.2666…
//     (NOT the average of the rates: (30% + 20%)/2 = 25%)
//   first_response_s weighted by 询单人数 (no 接待/咨询 column):
//     (12 × 100 + 21 × 50) / 150 = (1200 + 1050)/150 = 2250/150 = 15
//     (NOT the plain average (12 + 21)/2 = 16.5)
//   avg_response_s = (30 × 100 + 45 × 50)/150 = (3000 + 2250)/150 = 5250/150 = 35
//   cs_sales   = 60123.45 + 29876.55 = 90000.00
//   cs_refunds =  1234.50 +   765.50 =  2000.00
//   cs_sales_net = 90000.00 − 2000.00 = 88000.00
//
// A003 (one row, 店B:王五)
//   inquiries = 60, inquiries_paid = 16, conversion = 16/60 = 4/15 = 0.2666… (recomputed from the
//     counts, not the export's rounded "26.67%"), so A002 and A003 TIE exactly on conversion.
//   first_response_s = 18, avg_response_s = 40
//   cs_sales = 45681.25, cs_refunds = 681.25, cs_sales_net = 45000.00
//
// Team (summary row 汇总值 dropped, so each figure is counted once):
//   inquiries = 100 + 150 + 60 = 310; inquiries_paid = 36 + 40 + 16 = 92; conversion = 92/310
//   cs_sales = 125000.00 + 90000.00 + 45681.25 = 260681.25
//   cs_refunds = 5000.00 + 2000.00 + 681.25 = 7681.25; cs_sales_net = 253000.00
//
// ## Derived: sales_attainment = cs_sales_net / 销售目标
//   A001: 120000 / 100000 = 1.2
//   A002:  88000 /  90000 = 44/45 = 0.9777…
//   A003:  45000 /  50000 = 0.9
//
// ## Points (SPEC §3)
// sales_attainment, linear zero_at 0.5, full_at 1.0, max 120: points = (x − 0.5)/(1.0 − 0.5) × 100
//   A001: (1.2 − 0.5)/0.5 × 100 = 140 → capped at max 120 → 120
//   A002: (44/45 − 1/2)/(1/2) × 100 = (88/45 − 1) × 100 = 43/45 × 100 = 860/9 = 95.555… → 95.56
//   A003: (0.9 − 0.5)/0.5 × 100 = 80
// conversion, bands ≥0.30 → 100, ≥0.26 → 80, ≥0.20 → 60, else 0:
//   A001: 0.36 ≥ 0.30 → 100
//   A002: 4/15 = 0.2667 ≥ 0.26 → 80   (the wrong averaged 0.25 would give only 60)
//   A003: 4/15 → 80
//
// ## KPI score = Σ weight × points / 100 (weights 60 and 40)
//   A001: 60 × 120/100 + 40 × 100/100 = 72 + 40 = 112 → 112.00
//   A002: 60 × (860/9)/100 + 40 × 80/100 = 172/3 + 32 = 268/3 = 89.333… → 89.33
//   A003: 60 × 80/100 + 40 × 80/100 = 48 + 32 = 80 → 80.00
// KPI rank (group 售前, higher first): A001 #1 (112), A002 #2 (89.33), A003 #3 (80).
//
// ## Factor: first band reached, then veto
//   A001: 112 ≥ 100 → 1.2; but 红牌 = 1 ≥ 1 → veto: factor 0, disqualified (out of every prize ranking)
//   A002: 89.33 ≥ 85 → 1.0 (红牌 0: no veto)
//   A003: 80 ≥ 70 → 0.8
//
// ## Pay (SPEC §3 pay, §4: each line rounded once, half away from zero, to the fen)
//
// Base (base: level; a roster 底薪 wins; prorated by days employed / 31):
//   A001: level 中级 = 3500, 31/31 → 3500.00
//   A002: roster 底薪 4200 (not 高级 4000), 31/31 → 4200.00
//   A003: level 初级 = 3000 × 21/31 = 63000/31 = 2032.2580… → 2032.26
//
// 销售提成 on cs_sales_net, marginal: 0.003 up to 50000, 0.5% = 0.005 from 50000 to 100000, 0.008 above;
// then × factor:
//   A001: 50000 × 0.003 + 50000 × 0.005 + 20000 × 0.008 = 150 + 250 + 160 = 560; × 0 = 0.00
//   A002: 50000 × 0.003 + 38000 × 0.005 = 150 + 190 = 340; × 1.0 = 340.00
//   A003: 45000 × 0.003 = 135; × 0.8 = 108.00
//
// 销售额达标奖 on cs_sales, whole: the rate of the bracket reached (0.001 up to 80000, else 0.15% =
// 0.0015) on the whole amount; then × factor:
//   A001: 125000 > 80000 → 125000 × 0.0015 = 187.5; × 0 = 0.00
//   A002:  90000 > 80000 →  90000 × 0.0015 = 135; × 1.0 = 135.00
//          (marginal would have been 80000 × 0.001 + 10000 × 0.0015 = 95)
//   A003: 45681.25 ≤ 80000 → 45681.25 × 0.001 = 45.68125; × 0.8 = 36.545 exactly
//          → half away from zero → 36.55 (banker's rounding or a binary float would give 36.54)
//
// Rank bonuses (not × factor). A001 is disqualified: the ranking holds A002 and A003 only.
//   绩效排名奖, prizes [300, 200, 100] by kpi_score: A002 #1 → 300.00, A003 #2 → 200.00, A001 0.00
//     (with A001 in the ranking it would have been A002 200, A003 100)
//   转化率前二, top 2 × 150 by conversion: A002 and A003 tie at #1 (4/15 each); they cover places 1
//     and 2 → pool 150 + 150 = 300 → 300/2 = 150.00 each; A001 0.00
//     (with A001 in: A001 #1 150, and A002/A003 tied at #2 share places 2 and 3: (150 + 0)/2 = 75)
//   转化率冠军, top 1 × 100.01 by conversion: A002 and A003 tie at #1, cover places 1 and 2 → pool
//     100.01 + 0 = 100.01 = 10001 fen; 10001/2 = 5000 rest 1 → the extra fen to the smaller agent_id:
//     A002 50.01, A003 50.00; A001 0.00
//
// 直播补贴 = 直播时长 × 30:  A001 0 × 30 = 0.00;  A002 2.25 × 30 = 67.50;  A003 12.5 × 30 = 375.00
// 红牌扣款 = 红牌 × 200 (a deduction, negative on the sheet): A001 −200.00; A002 0.00; A003 0.00
// Adjustments: A002 全勤奖 +100.00; A003 工牌补办 −30.50
//
// Totals = base + Σ commission × factor + Σ bonuses + Σ allowances − Σ deductions + Σ adjustments:
//   A001: 3500.00 + 0.00 + 0.00 + 0.00 + 0.00 + 0.00 + 0.00 − 200.00              = 3300.00
//   A002: 4200.00 + 340.00 + 135.00 + 300.00 + 150.00 + 50.01 + 67.50 − 0 + 100.00
//         = 4540 → 4675 → 4975 → 5125 → 5175.01 → 5242.51 → 5342.51                  = 5342.51
//   A003: 2032.26 + 108.00 + 36.55 + 200.00 + 150.00 + 50.00 + 375.00 − 0 − 30.50
//         = 2140.26 → 2176.81 → 2376.81 → 2526.81 → 2576.81 → 2951.81 → 2921.31      = 2921.31
//   Grand total: 3300.00 + 5342.51 + 2921.31 = 11563.82
//
// Column totals (a cross-check: they add up to the same grand total):
//   底薪 3500.00 + 4200.00 + 2032.26 = 9732.26; 销售提成 0 + 340 + 108 = 448.00;
//   销售额达标奖 0 + 135 + 36.55 = 171.55; 绩效排名奖 0 + 300 + 200 = 500.00;
//   转化率前二 0 + 150 + 150 = 300.00; 转化率冠军 0 + 50.01 + 50.00 = 100.01;
//   直播补贴 0 + 67.50 + 375 = 442.50; 红牌扣款 −200.00; 全勤奖 100.00; 工牌补办 −30.50
//   9732.26 + 448 + 171.55 + 500 + 300 + 100.01 + 442.50 − 200 + 100 − 30.50 = 11563.82 ✓

// ---------------------------------------------------------------------------------------------

interface ReportAgent {
  agent_id: string;
  rank: number;
  kpi_score: number;
  factor: number;
  disqualified: boolean;
  vetoes: string[];
  missing: string[];
  days_employed: number;
  metrics: Record<string, string | number>;
  points: Record<string, number>;
}
interface ReportJson {
  agents: ReportAgent[];
  team: Record<string, string | number>;
  warnings: { code: string; message: string }[];
}
interface PayLineJson {
  kind: string;
  name: string;
  amount: string;
}
interface PayrollJson {
  columns: { kind: string; name: string; total: string }[];
  agents: { agent_id: string; lines: PayLineJson[]; total: string }[];
  total: string;
}

/** "−1234.50" → −123450 fen, exactly (no float). */
function fen(amount: string): bigint {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(amount);
  if (!m) throw new Error(`not a two-decimal money string: ${amount}`);
  const value = BigInt(m[2] as string) * 100n + BigInt(m[3] as string);
  return m[1] === '-' ? -value : value;
}

let dir: string;
let args: string[];
let report: ReportJson;
let payroll: PayrollJson;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kefu-worked-example-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text, 'utf8');
    return path;
  };
  args = [
    '--scheme', file('scheme.yaml', SCHEME),
    '--period', '2026-10',
    '--roster', file('roster.csv', ROSTER),
    '--stats', file('stats.csv', STATS),
    '--facts', file('facts.csv', FACTS),
    '--adjustments', file('adjustments.csv', ADJUSTMENTS),
    '--format', 'json',
  ];
  const r = await runCli(['report', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  report = JSON.parse(r.stdout) as ReportJson;
  const p = await runCli(['payroll', ...args]);
  expect(p.code).toBe(0);
  payroll = JSON.parse(p.stdout) as PayrollJson;
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('worked example: report', () => {
  const agent = (id: string) => {
    const a = report.agents.find((x) => x.agent_id === id);
    if (!a) throw new Error(`no agent ${id} in the report`);
    return a;
  };

  it('lists the three agents in KPI rank order: A001 112, A002 89.33, A003 80', () => {
    expect(report.agents.map((a) => [a.agent_id, a.rank])).toEqual([
      ['A001', 1],
      ['A002', 2],
      ['A003', 3],
    ]);
  });

  it('A001: capped sales points, KPI 112.00, vetoed by 红牌 to factor 0 and disqualified, still KPI rank 1', () => {
    const a = agent('A001');
    expect(a.rank).toBe(1);
    expect(a.kpi_score).toBe(112); // 60 × 120/100 + 40 × 100/100
    expect(a.points).toEqual({ sales_attainment: 120, conversion: 100 }); // 140 capped at 120
    expect(a.factor).toBe(0); // 1.2 by band, then the 红牌 veto
    expect(a.disqualified).toBe(true);
    expect(a.vetoes).toEqual(['红牌']);
    expect(a.missing).toEqual([]);
    expect(a.metrics.conversion).toBeCloseTo(0.36, 10); // 36/100
    expect(a.metrics.first_response_s).toBeCloseTo(9.5, 10);
    expect(a.metrics.cs_sales).toBe('125000.00');
    expect(a.metrics.cs_refunds).toBe('5000.00');
    expect(a.metrics.cs_sales_net).toBe('120000.00');
    expect(a.metrics.sales_attainment).toBeCloseTo(1.2, 10); // 120000 / 100000
    expect(a.days_employed).toBe(31);
  });

  it('A002 (two accounts): conversion Σpaid/Σinquiries = 4/15, first response weighted by 询单人数 = 15 s', () => {
    const a = agent('A002');
    expect(a.rank).toBe(2);
    expect(a.kpi_score).toBe(89.33); // 172/3 + 32 = 268/3
    expect(a.points).toEqual({ sales_attainment: 95.56, conversion: 80 }); // 860/9; 4/15 ≥ 0.26
    expect(a.factor).toBe(1); // 89.33 ≥ 85
    expect(a.disqualified).toBe(false);
    expect(a.vetoes).toEqual([]);
    expect(a.metrics.inquiries).toBe(150); // 100 + 50
    expect(a.metrics.inquiries_paid).toBe(40); // 30 + 10
    expect(a.metrics.conversion).toBeCloseTo(4 / 15, 10); // not (30% + 20%)/2 = 0.25
    expect(a.metrics.first_response_s).toBeCloseTo(15, 10); // (12×100 + 21×50)/150, not 16.5
    expect(a.metrics.avg_response_s).toBeCloseTo(35, 10); // (30×100 + 45×50)/150
    expect(a.metrics.cs_sales).toBe('90000.00'); // 60123.45 + 29876.55
    expect(a.metrics.cs_refunds).toBe('2000.00'); // 1234.50 + 765.50
    expect(a.metrics.cs_sales_net).toBe('88000.00');
    expect(a.metrics.sales_attainment).toBeCloseTo(44 / 45, 10); // 88000 / 90000
    expect(a.days_employed).toBe(31);
  });

  it('A003 (joined 2026-10-11): 21 days, KPI 80.00, factor 0.8', () => {
    const a = agent('A003');
    expect(a.rank).toBe(3);
    expect(a.kpi_score).toBe(80); // 48 + 32
    expect(a.points).toEqual({ sales_attainment: 80, conversion: 80 });
    expect(a.factor).toBe(0.8);
    expect(a.disqualified).toBe(false);
    expect(a.metrics.conversion).toBeCloseTo(4 / 15, 10); // 16/60, ties A002 exactly
    expect(a.metrics.first_response_s).toBeCloseTo(18, 10);
    expect(a.metrics.cs_sales).toBe('45681.25');
    expect(a.metrics.cs_refunds).toBe('681.25');
    expect(a.metrics.cs_sales_net).toBe('45000.00');
    expect(a.metrics.sales_attainment).toBeCloseTo(0.9, 10); // 45000 / 50000
    expect(a.days_employed).toBe(21); // 31 − 11 + 1
  });

  it('drops the 汇总值 summary row: team totals count each agent once, and no unknown account is reported', () => {
    expect(report.team.inquiries).toBe(310); // 100 + 150 + 60
    expect(report.team.inquiries_paid).toBe(92); // 36 + 40 + 16
    expect(report.team.conversion).toBeCloseTo(92 / 310, 10);
    expect(report.team.cs_sales).toBe('260681.25');
    expect(report.team.cs_refunds).toBe('7681.25');
    expect(report.team.cs_sales_net).toBe('253000.00');
    expect(report.warnings.map((w) => w.code)).not.toContain('UNKNOWN_ACCOUNT');
  });
});

describe('worked example: bonus sheet', () => {
  const lines = (id: string): Record<string, string> => {
    const a = payroll.agents.find((x) => x.agent_id === id);
    if (!a) throw new Error(`no agent ${id} in the payroll`);
    return Object.fromEntries(a.lines.map((l) => [`${l.kind}:${l.name}`, l.amount]));
  };
  const total = (id: string) => payroll.agents.find((x) => x.agent_id === id)?.total;

  it('A001: base 3500.00, commissions × 0, out of every prize ranking, 红牌扣款 −200.00, total 3300.00', () => {
    expect(lines('A001')).toEqual({
      'base:base': '3500.00', // 中级 3500 × 31/31
      'commission:销售提成': '0.00', // 560 × 0
      'commission:销售额达标奖': '0.00', // 187.5 × 0
      'bonus:绩效排名奖': '0.00', // disqualified
      'bonus:转化率前二': '0.00', // disqualified, though best conversion 0.36
      'bonus:转化率冠军': '0.00',
      'allowance:直播补贴': '0.00', // 0 × 30
      'deduction:红牌扣款': '-200.00', // 1 × 200
    });
    expect(total('A001')).toBe('3300.00');
  });

  it('A002: roster 底薪 wins over level, marginal and whole commissions, first prize after the veto, the extra fen', () => {
    expect(lines('A002')).toEqual({
      'base:base': '4200.00', // roster 底薪, not 高级 4000
      'commission:销售提成': '340.00', // (50000 × 0.003 + 38000 × 0.005) × 1.0
      'commission:销售额达标奖': '135.00', // 90000 × 0.0015 × 1.0 (whole)
      'bonus:绩效排名奖': '300.00', // #1 once A001 is out
      'bonus:转化率前二': '150.00', // (150 + 150) / 2
      'bonus:转化率冠军': '50.01', // 10001 fen / 2 = 5000 r 1 → extra fen to A002 < A003
      'allowance:直播补贴': '67.50', // 2.25 × 30
      'deduction:红牌扣款': '0.00',
      'adjustment:全勤奖': '100.00',
    });
    expect(total('A002')).toBe('5342.51');
  });

  it('A003: prorated base 2032.26, commissions × 0.8 with 36.545 → 36.55, allowance 375.00, adjustment −30.50', () => {
    expect(lines('A003')).toEqual({
      'base:base': '2032.26', // 3000 × 21/31 = 2032.258…
      'commission:销售提成': '108.00', // 45000 × 0.003 × 0.8
      'commission:销售额达标奖': '36.55', // 45681.25 × 0.001 × 0.8 = 36.545 → half away from zero
      'bonus:绩效排名奖': '200.00', // #2 once A001 is out
      'bonus:转化率前二': '150.00', // (150 + 150) / 2
      'bonus:转化率冠军': '50.00', // 10001 fen / 2, no extra fen
      'allowance:直播补贴': '375.00', // 12.5 × 30
      'deduction:红牌扣款': '0.00',
      'adjustment:工牌补办': '-30.50',
    });
    expect(total('A003')).toBe('2921.31');
  });

  it('every agent total is the sum of its rounded lines, and the grand total is 11563.82', () => {
    for (const a of payroll.agents) {
      const sum = a.lines.reduce((s, l) => s + fen(l.amount), 0n);
      expect(fen(a.total), a.agent_id).toBe(sum);
    }
    expect(payroll.agents.map((a) => a.agent_id).sort()).toEqual(['A001', 'A002', 'A003']);
    expect(payroll.total).toBe('11563.82'); // 3300.00 + 5342.51 + 2921.31
    expect(fen(payroll.total)).toBe(payroll.agents.reduce((s, a) => s + fen(a.total), 0n));
  });

  it('column totals add up to the grand total', () => {
    const columns = Object.fromEntries(payroll.columns.map((c) => [`${c.kind}:${c.name}`, c.total]));
    expect(columns).toEqual({
      'base:base': '9732.26',
      'commission:销售提成': '448.00',
      'commission:销售额达标奖': '171.55',
      'bonus:绩效排名奖': '500.00',
      'bonus:转化率前二': '300.00',
      'bonus:转化率冠军': '100.01',
      'allowance:直播补贴': '442.50',
      'deduction:红牌扣款': '-200.00',
      'adjustment:全勤奖': '100.00',
      'adjustment:工牌补办': '-30.50',
    });
    expect(payroll.columns.reduce((s, c) => s + fen(c.total), 0n)).toBe(fen(payroll.total));
  });
});
