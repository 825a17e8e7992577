// kefu trend's core and its drawing, on months written inline; every expected figure is worked by hand
// in the comments beside it.
import { describe, expect, it } from 'vitest';
import { computeTrend, markOf, statsOf, PAY_TOTAL, type RunMonth } from '../../src/core/trend.js';
import { formatIssue } from '../../src/core/model/issues.js';
import { monthPeriod } from '../../src/core/num/dates.js';
import { div, parseDecimal, rational, type Rational } from '../../src/core/num/rational.js';
import type { Benchmark } from '../../src/core/model/scheme.js';
import { parseScheme } from '../../src/parse/scheme.js';
import { parseRunFolder } from '../../src/parse/run-folder.js';
import { renderTrend, sparkline } from '../../src/render/trend.js';
import { chalkFor } from '../../src/cli/output.js';

const q = (text: string) => parseDecimal(text) as Rational;
const show = (v: Rational | undefined) => (v === undefined ? undefined : `${v.n}/${v.d}`);

interface AgentSpec {
  readonly id: string;
  readonly name?: string;
  readonly metrics: Record<string, string>;
}

function month(period: string, agents: readonly AgentSpec[], options: { team?: Record<string, string>; scheme?: string; sha256?: string; dir?: string; kpi?: string[] } = {}): RunMonth {
  return {
    dir: options.dir ?? `out/${period}`,
    period: monthPeriod(period) ?? { label: period, first: 0, last: 0 },
    scheme: { name: options.scheme ?? '售前方案', ...(options.sha256 ? { sha256: options.sha256 } : {}) },
    agents: agents.map((a) => ({ agentId: a.id, name: a.name ?? a.id, group: '售前', metrics: new Map(Object.entries(a.metrics).map(([k, v]) => [k, q(v)])) })),
    team: new Map(Object.entries(options.team ?? {}).map(([k, v]) => [k, q(v)])),
    kpiMetrics: options.kpi ?? ['conversion'],
    derived: [],
    labels: new Map(),
  };
}

const errors = (issues: readonly { code: string }[]) => issues.map((i) => i.code);

describe('statsOf: lowest, highest, mean and change of a series', () => {
  it('works the figures exactly', () => {
    // 0.30, 0.25, 0.35: min 0.25, max 0.35, mean (0.30 + 0.25 + 0.35) / 3 = 0.90 / 3 = 0.30, change 0.35 − 0.25 = +0.10.
    const s = statsOf([q('0.30'), q('0.25'), q('0.35')]);
    expect([show(s.min), show(s.max), show(s.mean), show(s.change)]).toEqual(['1/4', '7/20', '3/10', '1/10']);
  });

  it('keeps an amount mean exact: 100000.00, 90000.50, 120000.25 → 310000.75 / 3, not a float', () => {
    // 310000.75 / 3 = 31000075 / 300: 103333.58333…, shown 103,333.58 (half away from zero at the fen).
    const s = statsOf([q('100000.00'), q('90000.50'), q('120000.25')]);
    expect(show(s.mean)).toBe('1240003/12');
    expect(show(s.change)).toBe('119999/4'); // 120000.25 − 90000.50 = 29999.75
  });

  it('leaves a month without a value out of the stats, and the change needs both of the last two months', () => {
    // 40, —, 45: min 40, max 45, mean 42.5; no September, so no change.
    const s = statsOf([q('40'), undefined, q('45')]);
    expect([show(s.min), show(s.max), show(s.mean), s.change]).toEqual(['40/1', '45/1', '85/2', undefined]);
    // —, 30, 30: a change of 0 (both months there).
    expect(show(statsOf([undefined, q('30'), q('30')]).change)).toBe('0/1');
    // No value at all: no stats.
    expect(statsOf([undefined, undefined])).toEqual({ values: [undefined, undefined], marks: [undefined, undefined] });
  });
});

describe('sparkline', () => {
  it('scales each month between the series’ lowest (▁) and highest (█), to the nearest of eight bars', () => {
    // 0.30, 0.25, 0.35: (0.30 − 0.25) / (0.35 − 0.25) = 0.5 → 0.5 × 7 = 3.5 → 4 (half away from zero) → ▅.
    expect(sparkline(statsOf([q('0.30'), q('0.25'), q('0.35')]))).toBe('▅▁█');
    // 0, 1, …, 7 of 7: every bar once.
    expect(sparkline(statsOf(['0', '1', '2', '3', '4', '5', '6', '7'].map(q)))).toBe('▁▂▃▄▅▆▇█');
  });

  it('draws a series that never changes as a flat line at mid height, and a month without a value as a space', () => {
    expect(sparkline(statsOf([q('12'), q('12'), q('12')]))).toBe('▄▄▄');
    expect(sparkline(statsOf([undefined, q('0.3'), q('0.3')]))).toBe(' ▄▄');
    expect(sparkline(statsOf([q('5'), undefined, q('9')]))).toBe('▁ █');
    expect(sparkline(statsOf([undefined]))).toBe(' ');
  });
});

describe('marks against a benchmark', () => {
  const higher: Benchmark = { standard: q('0.25'), excellent: q('0.35'), lowerIsBetter: false };
  const lower: Benchmark = { standard: q('30'), excellent: q('15'), lowerIsBetter: true };
  it('is below a standard it falls short of, excellent from the excellent level on, nothing between; the levels themselves count as reached', () => {
    expect(['0.20', '0.25', '0.30', '0.35', '0.40'].map((v) => markOf(q(v), higher))).toEqual(['below', undefined, undefined, 'excellent', 'excellent']);
    // 首响: lower is better, so 45 s is below standard and 15 s excellent.
    expect(['45', '30', '20', '15', '12'].map((v) => markOf(q(v), lower))).toEqual(['below', undefined, undefined, 'excellent', 'excellent']);
    expect(markOf(q('0.5'), { standard: q('0.25'), lowerIsBetter: false })).toBeUndefined();
  });
});

describe('computeTrend', () => {
  // Three months of two agents; K03 joins in September, K04 leaves after it.
  const months = [
    month('2026-10', [
      { id: 'K01', name: '张三', metrics: { conversion: '0.35', first_response_s: '18', kpi_score: '94', cs_sales: '120000.25' } },
      { id: 'K02', name: '李四', metrics: { conversion: '0.23', first_response_s: '45', kpi_score: '39.25', cs_sales: '55000' } },
      { id: 'K03', name: '王五', metrics: { conversion: '0.3', first_response_s: '12', kpi_score: '92', cs_sales: '30000' } },
    ], { team: { conversion: '0.274285714286', cs_sales: '205000.25' } }),
    month('2026-08', [
      { id: 'K01', name: '张三', metrics: { conversion: '0.30', first_response_s: '20', kpi_score: '86', cs_sales: '100000.00' } },
      { id: 'K02', name: '李四', metrics: { conversion: '0.20', first_response_s: '40', kpi_score: '35.5', cs_sales: '50000' } },
      { id: 'K04', name: '赵六', metrics: { conversion: '0.25', first_response_s: '28', kpi_score: '74', cs_sales: '40000' } },
    ], { team: { conversion: '0.236842105263', cs_sales: '190000.00' } }),
    month('2026-09', [
      { id: 'K03', name: '王五', metrics: { conversion: '0.3', first_response_s: '12', kpi_score: '92', cs_sales: '30000' } },
      { id: 'K01', name: '张三', metrics: { conversion: '0.25', first_response_s: '25', kpi_score: '80', cs_sales: '90000.50' } },
      { id: 'K02', name: '李四', metrics: { conversion: '0.22', first_response_s: '35', kpi_score: '43', cs_sales: '60000' } },
      { id: 'K04', name: '赵六', metrics: { conversion: '0.2', first_response_s: '32', kpi_score: '40', cs_sales: '35000' } },
    ], { team: { conversion: '0.232558139535', cs_sales: '215000.50' } }),
  ];

  it('puts the months in period order, whatever the order given, and the agents in the last month’s order, then those gone', () => {
    const { trend, issues } = computeTrend(months);
    expect(issues).toEqual([]);
    expect(trend!.months.map((m) => m.period.label)).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(trend!.agents.map((a) => a.agentId)).toEqual(['K01', 'K02', 'K03', 'K04']);
    // Default metrics: the KPI metrics (conversion here), then the KPI score; no payroll.json, so no pay total.
    expect(trend!.metrics).toEqual(['conversion', 'kpi_score']);
  });

  it('leaves a month an agent was not there empty, never zero', () => {
    const { trend } = computeTrend(months);
    const k03 = trend!.agents.find((a) => a.agentId === 'K03')!.series.get('conversion')!;
    const k04 = trend!.agents.find((a) => a.agentId === 'K04')!.series.get('conversion')!;
    expect(k03.values.map(show)).toEqual([undefined, '3/10', '3/10']);
    expect(k04.values.map(show)).toEqual(['1/4', '1/5', undefined]);
    // 赵六: 0.25, 0.20 → mean 0.225; no October, no change.
    expect([show(k04.mean), k04.change]).toEqual(['9/40', undefined]);
  });

  it("takes the team's ratio from each month's report (recomputed from its sums), never a mean of the agents' ratios", () => {
    const { trend } = computeTrend(months);
    const team = trend!.team.get('conversion')!;
    // 90/380, 100/430, 96/350 as report.json wrote them (12 decimals); a mean of the agents' ratios in
    // August would be (0.30 + 0.20 + 0.25) / 3 = 0.25, not the team's 0.2368.
    expect(team.values.map(show)).toEqual(['0.236842105263', '0.232558139535', '0.274285714286'].map((v) => show(q(v))));
    // The team's mean is the mean of its months: (0.236842105263 + 0.232558139535 + 0.274285714286) / 3 = 0.743685959084 / 3.
    expect(show(team.mean)).toBe(show(div(q('0.743685959084'), rational(3n))));
  });

  it('narrows to one agent (by id or name) and to the metrics asked for, by name or header', () => {
    const { trend, issues } = computeTrend(months, { agent: '李四', metrics: ['首响(秒)', 'cs_sales'] });
    expect(issues).toEqual([]);
    expect(trend!.agents.map((a) => a.agentId)).toEqual(['K02']);
    expect(trend!.metrics).toEqual(['first_response_s', 'cs_sales']);
  });

  it('says which agent or metric it does not know, with the nearest', () => {
    const agent = computeTrend(months, { agent: 'K05' });
    expect(agent.trend).toBeUndefined();
    expect(agent.issues.map((i) => formatIssue(i, 'en'))).toEqual(['kefu: error: no month has an agent with the agent_id or name "K05"; nearest: K01, K02, K04 [TREND_UNKNOWN_AGENT]']);
    const metric = computeTrend(months, { metrics: ['convertion'] });
    expect(metric.issues.map((i) => formatIssue(i, 'en'))).toEqual([
      'kefu: error: no month has the metric "convertion"; did you mean "conversion"? (the months have: conversion, first_response_s, kpi_score, cs_sales) [TREND_UNKNOWN_METRIC]',
    ]);
  });

  it('refuses two folders of one period, naming both', () => {
    const twice = [...months, month('2026-10', [], { dir: 'backup/2026-10' })];
    const { trend, issues } = computeTrend(twice);
    expect(trend).toBeUndefined();
    expect(issues.map((i) => formatIssue(i, 'en'))).toEqual(['backup/2026-10: error: out/2026-10 and backup/2026-10 are both 2026-10: give one folder per period [TREND_SAME_PERIOD]']);
  });

  it('refuses a half month beside its whole month (periods that overlap)', () => {
    const half = { ...month('2026-10', [], { dir: 'out/half' }), period: { label: '2026-10-01..2026-10-15', first: months[0]!.period.first, last: months[0]!.period.first + 14 } };
    expect(errors(computeTrend([months[0]!, half]).issues)).toEqual(['TREND_SAME_PERIOD']);
  });

  describe('with benchmarks', () => {
    const { scheme } = parseScheme(
      `benchmarks:
  conversion: { standard: 0.25, excellent: 0.35 }
  first_response_s: { standard: 30, excellent: 15 }
  cs_sales: { standard: 100000 }
groups:
  售前:
    kpi: [ { metric: conversion, weight: 100, score: { linear: { zero_at: 0, full_at: 0.4 } } } ]
    pay: { base: 3000 }
`,
      's.yaml',
    );

    it('adds the benchmarked metrics to the default ones and marks each agent month, not the team', () => {
      const { trend } = computeTrend(months, { scheme: scheme! });
      expect(trend!.metrics).toEqual(['conversion', 'first_response_s', 'cs_sales', 'kpi_score']);
      // 李四's 首响 40, 35, 45 against a standard of 30 (lower better): below every month.
      expect(trend!.agents[1]!.series.get('first_response_s')!.marks).toEqual(['below', 'below', 'below']);
      // 张三's conversion 0.30, 0.25, 0.35: between, at the standard (reached), at excellent.
      expect(trend!.agents[0]!.series.get('conversion')!.marks).toEqual([undefined, undefined, 'excellent']);
      expect(trend!.team.get('conversion')!.marks).toEqual([undefined, undefined, undefined]);
    });

    it('lists an agent’s shortfalls in the last month, the furthest below the standard (relatively) first', () => {
      const { trend } = computeTrend(months, { scheme: scheme! });
      // 李四 in October: 首响 45 vs 30 → 15/30 = 50%; cs_sales 55000 vs 100000 → 45%; conversion 0.23 vs 0.25 → 0.02/0.25 = 8%.
      const li = trend!.agents.find((a) => a.agentId === 'K02')!;
      expect(li.shortfalls.map((s) => [s.metric, show(s.gap)])).toEqual([['first_response_s', '1/2'], ['cs_sales', '9/20'], ['conversion', '2/25']]);
      // 张三 in October: 35%, 18 s and 120000.25 all reach their standards: none.
      expect(trend!.agents[0]!.shortfalls).toEqual([]);
      // 赵六 left in September: no October value, so no shortfall listed.
      expect(trend!.agents.find((a) => a.agentId === 'K04')!.shortfalls).toEqual([]);
    });

    it('ranks a shortfall from a standard of 0 first: no relative gap measures it', () => {
      const cards = parseScheme('benchmarks:\n  黄牌: { standard: 0, better: lower }\n  conversion: { standard: 0.5 }\ngroups:\n  售前:\n    kpi: [ { metric: conversion, weight: 100, score: { linear: { zero_at: 0, full_at: 0.4 } } } ]\n    pay: { base: 3000 }\n', 's.yaml').scheme!;
      const one = [month('2026-10', [{ id: 'K01', metrics: { conversion: '0.1', 黄牌: '1' } }])];
      const { trend } = computeTrend(one, { scheme: cards });
      // conversion 0.1 vs 0.5 is 80% below; one 黄牌 against 0 has no ratio, and comes first.
      expect(trend!.agents[0]!.shortfalls.map((s) => [s.metric, show(s.gap)])).toEqual([['黄牌', undefined], ['conversion', '4/5']]);
    });

    it('names a benchmark metric that is nowhere, at its line in the scheme', () => {
      const typo = parseScheme('benchmarks:\n  conversoin: { standard: 0.25 }\ngroups:\n  售前:\n    kpi: [ { metric: conversion, weight: 100, score: { linear: { zero_at: 0, full_at: 0.4 } } } ]\n    pay: { base: 3000 }\n', 's.yaml').scheme!;
      expect(computeTrend(months, { scheme: typo }).issues.map((i) => formatIssue(i, 'en'))).toEqual([
        's.yaml:2:3: error: unknown metric "conversoin": not a built-in metric, not under derived, not a column of a facts file; did you mean "conversion"? [SCHEME_UNKNOWN_METRIC]',
      ]);
    });
  });

  describe('months of different schemes', () => {
    // September under 旧方案 (conversion and a fact 质检分 scored), October under 新方案; a kpi_score in both.
    const sept = month('2026-09', [{ id: 'K01', metrics: { conversion: '0.25', 质检分: '90', kpi_score: '80', [PAY_TOTAL]: '3900.00' } }], { scheme: '旧方案', kpi: ['conversion', '质检分'], team: { [PAY_TOTAL]: '3900.00' } });
    const oct = month('2026-10', [{ id: 'K01', metrics: { conversion: '0.35', first_response_s: '18', 质检分: '95', kpi_score: '94', [PAY_TOTAL]: '4200.00' } }], { scheme: '新方案', kpi: ['conversion', 'first_response_s', '质检分'], team: { [PAY_TOTAL]: '4200.00' } });

    it('warns, naming the metrics that depend on the scheme and those not in every month', () => {
      const { trend, issues } = computeTrend([sept, oct]);
      expect(issues.map((i) => formatIssue(i, 'en'))).toEqual([
        "kefu: warning: the months were computed under different schemes (2026-09: 旧方案; 2026-10: 新方案): 质检分, KPI score, Pay total depend on the scheme: shown for the months of 新方案 (2026-10) only, never compared across schemes; not in every month, shown where they are: First response (s) (not in 2026-09). To compare every month, run them again under one scheme (kefu run --scheme …) [TREND_SCHEMES_DIFFER]",
      ]);
      expect(trend!.warnings).toEqual(issues);
      const k01 = trend!.agents[0]!;
      // A built-in metric is compared across both: (0.25 + 0.35) / 2 = 0.30.
      expect(show(k01.series.get('conversion')!.mean)).toBe('3/10');
      // The scheme's own are shown for October only, never averaged with September's.
      expect(k01.series.get('kpi_score')!.values.map(show)).toEqual([undefined, '94/1']);
      expect(show(k01.series.get('kpi_score')!.mean)).toBe('94/1');
      expect(k01.series.get('质检分')!.values.map(show)).toEqual([undefined, '95/1']);
      expect(trend!.team.get(PAY_TOTAL)!.values.map(show)).toEqual([undefined, '4200/1']);
    });

    it('tells schemes apart by the manifests’ sha256 when both months have one, else by name', () => {
      const a = { ...sept, scheme: { name: '售前方案', sha256: 'a'.repeat(64) } };
      const b = { ...oct, scheme: { name: '售前方案', sha256: 'b'.repeat(64) } };
      // One name, two hashes: the scheme was edited between the months.
      expect(errors(computeTrend([a, b]).issues)).toEqual(['TREND_SCHEMES_DIFFER']);
      // The same hash: the same scheme, whatever it is called.
      expect(computeTrend([{ ...a, scheme: { name: '旧名', sha256: 'a'.repeat(64) } }, { ...b, scheme: { name: '新名', sha256: 'a'.repeat(64) } }]).issues).toEqual([]);
      // An older folder without a manifest beside one with: by name.
      expect(computeTrend([{ ...a, scheme: { name: '售前方案' } }, b]).issues).toEqual([]);
    });
  });
});

describe('parseRunFolder', () => {
  const report = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      period: '2026-10',
      scheme: '售前方案',
      agents: [{ agent_id: 'K01', name: '张三', group: '售前', rank: 1, kpi_score: 94, factor: 1, metrics: { cs_sales: '120000.25', conversion: 0.35, sales_attainment: 1.2000025 }, points: { conversion: 100 } }],
      team: { agents: 1, cs_sales: '120000.25', conversion: 0.35 },
      ...extra,
    });

  it('reads amounts from their strings and ratios from the number as written, with the pay total beside the KPI score', () => {
    const issues: never[] = [];
    const m = parseRunFolder(
      {
        dir: 'out/2026-10',
        report: { file: 'out/2026-10/report.json', text: report({ derived: ['sales_attainment'], labels: { sales_attainment: '销售达成率' } }) },
        payroll: { file: 'out/2026-10/payroll.json', text: JSON.stringify({ period: '2026-10', agents: [{ agent_id: 'K01', total: '4200.00' }], total: '4200.00' }) },
        manifest: { file: 'out/2026-10/manifest.json', text: JSON.stringify({ kefu: '0.1.0', period: '2026-10', scheme: { path: 's.yaml', sha256: 'AB'.repeat(32), name: '售前方案' }, inputs: [], outputs: [], final: false }) },
      },
      issues,
    )!;
    expect(issues).toEqual([]);
    const k01 = m.agents[0]!.metrics;
    expect([show(k01.get('cs_sales')), show(k01.get('conversion')), show(k01.get('sales_attainment')), show(k01.get('kpi_score')), show(k01.get(PAY_TOTAL))]).toEqual(['480001/4', '7/20', '480001/400000', '94/1', '4200/1']);
    expect(m.kpiMetrics).toEqual(['conversion']);
    // The team's head count is no metric to trend.
    expect([...m.team.keys()]).toEqual(['cs_sales', 'conversion', PAY_TOTAL]);
    expect(m.scheme).toEqual({ name: '售前方案', sha256: 'ab'.repeat(32) });
    expect([m.derived, [...m.labels]]).toEqual([['sales_attainment'], [['sales_attainment', '销售达成率']]]);
  });

  it('says what is wrong with a file that is not kefu’s', () => {
    const issues: Parameters<typeof parseRunFolder>[1] = [];
    expect(parseRunFolder({ dir: 'd', report: { file: 'd/report.json', text: '{"period": "2026-10",' } }, issues)).toBeUndefined();
    expect(parseRunFolder({ dir: 'd', report: { file: 'd/report.json', text: report({ period: '十月' }) } }, issues)).toBeUndefined();
    expect(parseRunFolder({ dir: 'd', report: { file: 'd/report.json', text: report({ team: { cs_sales: '¥120,000.25' } }) } }, issues)).toBeUndefined();
    expect(parseRunFolder({ dir: 'd', report: { file: 'd/report.json', text: report() }, payroll: { file: 'd/payroll.json', text: JSON.stringify({ period: '2026-09', agents: [], total: '0.00' }) } }, issues)).toBeUndefined();
    expect(issues.map((i) => formatIssue(i, 'en').replace(/\(not JSON: .*\)/, '(not JSON: …)'))).toEqual([
      'd/report.json: error: not a kefu report (not JSON: …): give folders that kefu run --out wrote, unchanged [TREND_BAD_REPORT]',
      'd/report.json: error: not a kefu report (period: expected a month such as "2026-10", got "十月"): give folders that kefu run --out wrote, unchanged [TREND_BAD_REPORT]',
      'd/report.json: error: not a kefu report (team.cs_sales: expected an amount such as "1234.50"): give folders that kefu run --out wrote, unchanged [TREND_BAD_REPORT]',
      "d/payroll.json: error: not a kefu bonus sheet (its period is 2026-09, report.json's 2026-10): give folders that kefu run --out wrote, unchanged [TREND_BAD_REPORT]",
    ]);
  });

  it('falls back to the scheme’s name, with a warning, when the manifest cannot be read', () => {
    const issues: Parameters<typeof parseRunFolder>[1] = [];
    const m = parseRunFolder({ dir: 'd', report: { file: 'd/report.json', text: report() }, manifest: { file: 'd/manifest.json', text: '{"scheme": {"name": "x"}}' } }, issues)!;
    expect(m.scheme).toEqual({ name: '售前方案' });
    expect(issues.map((i) => formatIssue(i, 'en'))).toEqual([
      "d/manifest.json: warning: cannot be read (scheme.sha256: missing (expected string)): which scheme the month used is told by the scheme's name in report.json instead [TREND_BAD_MANIFEST]",
    ]);
  });
});

describe('renderTrend', () => {
  const plain = { lang: 'en' as const, chalk: chalkFor(false), colour: false, bom: false, width: 120, byAgent: false };
  const months = [
    month('2026-08', [{ id: 'K01', metrics: { conversion: '0.30', cs_sales: '100000.00' } }]),
    month('2026-09', [{ id: 'K01', metrics: { conversion: '0.25', cs_sales: '90000.50' } }]),
    month('2026-10', [{ id: 'K01', metrics: { conversion: '0.35', cs_sales: '120000.25' } }]),
  ];

  it('formats as the report does, the change of a rate in percentage points, the mean of amounts to the fen', () => {
    const { trend } = computeTrend(months, { metrics: ['conversion', 'cs_sales'] });
    const text = renderTrend(trend!, 'table', plain);
    // conversion: mean 30.00%, change +10.00pp; sales: mean 310000.75 / 3 = 103,333.58, change 120000.25 − 90000.50 = +29,999.75.
    expect(text).toContain('│ K01 │ K01  │  30.00% │  25.00% │  35.00% │ 25.00% │ 35.00% │ 30.00% │ +10.00pp │ ▅▁█   │');
    expect(text).toContain('│ K01 │ K01  │ 100,000.00 │ 90,000.50 │ 120,000.25 │ 90,000.50 │ 120,000.25 │ 103,333.58 │ +29,999.75 │ ▃▁█   │');
    // CSV: no grouping, the change as a plain signed figure; JSON: amounts as strings, ratios as numbers.
    const csv = renderTrend(trend!, 'csv', plain);
    expect(csv.split('\r\n')[2]).toBe('K01,K01,售前,CS sales,100000.00,90000.50,120000.25,90000.50,120000.25,103333.58,+29999.75');
    const json = JSON.parse(renderTrend(trend!, 'json', plain)) as { agents: { metrics: Record<string, { mean: unknown; change: unknown }> }[] };
    expect(json.agents[0]!.metrics.cs_sales).toMatchObject({ mean: '103333.58', change: '29999.75' });
    expect(json.agents[0]!.metrics.conversion).toMatchObject({ mean: 0.3, change: 0.1 });
  });

  it('lists only the latest months that fit the width, and says so', () => {
    const { trend } = computeTrend(months, { metrics: ['cs_sales'] });
    // Three months of amounts take 111 columns, two 98: at 105 the last two are listed (2026-08 only in the title).
    const text = renderTrend(trend!, 'table', { ...plain, width: 105 });
    expect(text.split('2026-08')).toHaveLength(2);
    expect(text).toContain('│ K01 │ K01  │ 90,000.50 │ 120,000.25 │');
    expect(text).toContain('(the table lists the last 2 months; min, max, mean and trend are over all 3; --format csv has every month)');
    for (const line of text.split('\n').filter((l) => /^[┌│└]/.test(l))) expect([...line].length).toBeLessThanOrEqual(105);
  });

  it('gives an agent no row under a metric they have no value of in any month (another group’s), in the table and the CSV', () => {
    const two = [
      month('2026-09', [{ id: 'K01', metrics: { conversion: '0.3', kpi_score: '80' } }, { id: 'S01', metrics: { satisfaction: '0.98', kpi_score: '90' } }]),
      month('2026-10', [{ id: 'K01', metrics: { conversion: '0.35', kpi_score: '85' } }, { id: 'S01', metrics: { satisfaction: '0.99', kpi_score: '92' } }]),
    ];
    const { trend } = computeTrend(two, { metrics: ['conversion', 'kpi_score'] });
    const table = renderTrend(trend!, 'table', plain);
    const [conversion, score] = table.split('KPI score');
    expect(conversion).not.toContain('S01');
    expect(score).toContain('S01');
    expect(renderTrend(trend!, 'csv', plain).split('\r\n').filter((l) => l.startsWith('S01'))).toEqual(['S01,S01,售前,KPI score,90.00,92.00,90.00,92.00,91.00,+2.00']);
  });
});
