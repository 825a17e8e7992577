// Every platform's per-agent export in its real shape (fixtures/platforms/, saved by LibreOffice Calc
// from the tables in fixtures/platforms/make.mjs) through `kefu report`, against figures worked by hand
// from those tables. And one month as CSV, as xlsx, and as xlsx with title rows and a two-row header:
// the same report to the byte.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const dir = join(import.meta.dirname, '..', 'fixtures', 'platforms');
const base = ['--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'), '--format', 'json'];

async function metricsOf(files: string[], extra: string[] = []) {
  const result = await runCli(['report', ...base, '--stats', ...files.map((f) => join(dir, f)), ...extra]);
  expect(result.code, result.stderr).toBe(0);
  const report = JSON.parse(result.stdout) as { agents: { agent_id: string; metrics: Record<string, number | string> }[] };
  const byId = Object.fromEntries(report.agents.map((a) => [a.agent_id, a.metrics]));
  return { P01: byId.P01 ?? {}, P02: byId.P02 ?? {}, stderr: result.stderr };
}

/** Ratios are printed to 12 places: compare them to the hand-worked fraction closely, money exactly. */
function expectMetrics(actual: Record<string, number | string>, expected: Record<string, number | string>) {
  for (const [name, value] of Object.entries(expected)) {
    if (typeof value === 'string') expect(actual[name], name).toBe(value);
    else expect(actual[name] as number, name).toBeCloseTo(value, 9);
  }
}

describe('platform exports as they come', () => {
  it('生意参谋 自制报表: header on row 1, six summary and peer rows below, the period in the file name only', async () => {
    const { P01, P02 } = await metricsOf(['自制报表-报表查看-客服绩效_20261001_20261031_全部.xlsx']);
    // 小满: 30 paid of 100 inquiries; 45,678.90 sales less 1234.00 refunds = 44,444.90 net.
    expectMetrics(P01, { inquiries: 100, inquiries_paid: 30, conversion: 0.3, first_response_s: 12.5, avg_response_s: 25.3, satisfaction: 0.985, reply_rate: 0.991, cs_sales: '45678.90', cs_refunds: '1234.00', cs_sales_net: '44444.90' });
    // 可可: 成功退款金额 `-` is no refund, not zero refunds read from a number.
    expectMetrics(P02, { inquiries: 90, inquiries_paid: 18, conversion: 0.2, first_response_s: 20, avg_response_s: 31.07, cs_sales: '30000.00', cs_sales_net: '30000.00' });
    expect(P02.cs_refunds).toBeUndefined();
  });

  it('生意参谋 咨询接待分析: two title rows and a blank row above the header, rates as 0.9971, 98.67%, 128% and -', async () => {
    const { P01, P02 } = await metricsOf(['咨询接待分析.xlsx']);
    // 回复率 is recomputed as 接待人数 / 咨询人数 = 148 / 150, not the export's rounded 98.67%.
    expectMetrics(P01, { consulted: 150, received: 148, unreplied: 2, slow_received: 3, reply_rate: 148 / 150, first_response_s: 11.2, avg_response_s: 24.6, answer_ratio: 1.35, fast_reply_rate: 0.9971 });
    expectMetrics(P02, { consulted: 130, received: 130, unreplied: 0, slow_received: 5, reply_rate: 1, answer_ratio: 1.28 });
    expect(P02.fast_reply_rate).toBeUndefined();
  });

  it('千牛 客服数据: the first sheet 按客服查看, keyed by 旺旺账号名称', async () => {
    const { P01, P02 } = await metricsOf(['千牛-客服数据.xlsx']);
    expectMetrics(P01, { avg_response_s: 22.5, fast_reply_rate: 0.982 });
    expectMetrics(P02, { avg_response_s: 28, fast_reply_rate: 0.965 });
  });

  it('赤兔 自定义报表: 延迟统计 is missing with a warning; conversion from the rate times 询单人数', async () => {
    const { P01, P02, stderr } = await metricsOf(['自定义报表_人均日接入_下单优先判定_2026-10-01至2026-10-31.xlsx']);
    // 客单价 = 52,345.60 / 31 buyers = 1,688.567… → 1688.57.
    expectMetrics(P01, { consulted: 150, received: 148, inquiries: 100, cs_orders: 33, cs_buyers: 31, cs_units: 75, cs_sales: '52345.60', conversion: 0.31, avg_response_s: 24.1, aov: '1688.57' });
    expect(P01.satisfaction).toBeUndefined();
    expect(stderr).toContain('VALUE_UNSETTLED');
    expectMetrics(P02, { satisfaction: 0.97, conversion: 0.2, aov: '1722.22' });
  });

  it('抖店飞鸽 客服表现: durations as text (2分30秒, 11秒), -- for none', async () => {
    const { P01, P02 } = await metricsOf(['飞鸽-客服表现.xlsx']);
    // 2分30秒 = 150 s; conversion 24 paid / 80 inquiries; net 8,800.50 − 300.50 = 8,500.00 (as the export says).
    expectMetrics(P01, { received: 280, avg_response_s: 150, first_response_s: 11, fast_reply_rate: 0.955, satisfaction: 0.96, inquiries: 80, inquiries_ordered: 30, inquiries_paid: 24, conversion: 0.3, cs_sales: '8800.50', cs_refunds: '300.50', cs_sales_net: '8500.00' });
    // 1分5秒 = 65 s; 15 / 60 = 0.25.
    expectMetrics(P02, { avg_response_s: 65, conversion: 0.25 });
    expect(P02.first_response_s).toBeUndefined();
  });

  it('抖店飞鸽 客服表现 (newer): the working-hours figures are taken over the whole-day and per-conversation ones', async () => {
    const { P01, P02 } = await metricsOf(['飞鸽-客服表现-新版.xlsx']);
    // 工作时间平响时长 2分10秒 = 130 s over 新平均响应时长 140; 工作时间3分钟回复率 96% over 3分钟人工回复率 (会话) 94%.
    expectMetrics(P01, { received: 280, avg_response_s: 130, first_response_s: 12, fast_reply_rate: 0.96, satisfaction: 0.96, cs_sales: '8800.50' });
    expectMetrics(P02, { avg_response_s: 58, fast_reply_rate: 1 });
  });

  it('拼多多 客服绩效: a legacy .xls named .xlsx, response time in minutes, the 8-23点 window over 全天', async () => {
    const { P01, P02 } = await metricsOf(['拼多多-客服绩效.xlsx']);
    // 0.5 分钟 = 30 s; refunds = 客服销售额 − 去退销售额 = 12,345.60 − 12,000.00 = 345.60; 36 / 120 = 0.3.
    expectMetrics(P01, { service_score: 4.85, consulted: 200, received: 188, inquiries: 120, inquiries_paid: 36, conversion: 0.3, cs_sales: '12345.60', cs_sales_net: '12000.00', cs_refunds: '345.60', avg_response_s: 30, fast_reply_rate: 0.984, reply_30s_rate: 0.9, complaints: 1 });
    // 0.75 分钟 = 45 s; 100.00% in the window (99.00% 全天 is passed over).
    expectMetrics(P02, { avg_response_s: 45, fast_reply_rate: 1, reply_30s_rate: 0.95, cs_refunds: '0.00', conversion: 0.25 });
  });

  it('京东 接待数据: sheet 整体数据 keyed by 客服, 合计 row dropped', async () => {
    const { P01, P02 } = await metricsOf(['京东-接待数据.xlsx']);
    expectMetrics(P01, { received: 160, avg_response_s: 18.5, reply_30s_rate: 0.92, fast_reply_rate: 0.975, cs_sales: '23456.00', inquiries: 90, inquiries_ordered: 27, satisfaction: 0.9524 });
    expectMetrics(P02, { received: 100, cs_sales: '10000.00', inquiries_ordered: 12 });
  });

  it('快手 客服_考核数据: per conversation over per person, text durations', async () => {
    const { P01, P02 } = await metricsOf(['快手-客服_考核数据.xlsx']);
    // 三分钟回复率（会话）94.50% over （人维度）96.00%; 21 / 70 = 0.3; 1分10秒 = 70 s.
    expectMetrics(P01, { fast_reply_rate: 0.945, consulted: 180, avg_response_s: 45, inquiries: 70, inquiries_ordered: 25, inquiries_paid: 21, conversion: 0.3, cs_sales: '3150.00' });
    expectMetrics(P02, { avg_response_s: 70, conversion: 0.2, fast_reply_rate: 0.99 });
  });

  it('one person on two platforms rolls up to one row (天猫 自制报表 + 京东 接待数据)', async () => {
    const { P01, stderr } = await metricsOf(['自制报表-报表查看-客服绩效_20261001_20261031_全部.xlsx', '京东-接待数据.xlsx']);
    // Sums: 100 + 90 inquiries, 45,678.90 + 23,456.00 sales. 平响 weighted by the count both rows have
    // (no 接待人数 on the Tmall row, so 询单人数): (25.3×100 + 18.5×90) / 190 = 4195 / 190.
    expectMetrics(P01, { inquiries: 190, cs_sales: '69134.90', avg_response_s: 4195 / 190 });
    // 京东 gives no paid count and no conversion: the summed paid count would be wrong, so there is none.
    expect(P01.inquiries_paid).toBeUndefined();
    expect(stderr).toContain('STATS_PARTIAL');
  });
});

describe('one month, three shapes of file', () => {
  const XLSX = createRequire(import.meta.url)('@e965/xlsx') as typeof import('@e965/xlsx');
  const header = ['客服账号', '咨询人数', '询单人数', '最终成团人数', '客服销售额（元）', '平均人工响应时长（分钟）', '3分钟人工回复率(8-23点)'];
  const data = [
    ['拼多多店:小满', 200, 120, 36, 12345.6, 0.5, '98.40%'],
    ['拼多多店:可可', 150, 100, 25, 9000, 0.75, '100.00%'],
    ['店铺总计', 350, 220, 61, 21345.6, 0.61, '99.09%'],
  ];
  const csv = [header, ...data].map((r) => r.join(',')).join('\n') + '\n';
  const book = (rows: unknown[][], merges: { s: { r: number; c: number }; e: { r: number; c: number } }[] = []) => {
    const ws = XLSX.utils.aoa_to_sheet(rows);
    ws['!merges'] = merges;
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Sheet0');
    return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  };
  // Two title rows, a blank row, then a group row over the field names: 客服账号 merged down both
  // header rows, 咨询数据 over three columns, 销售数据 over the last three.
  const titled = book(
    [
      ['拼多多 客服绩效'],
      ['统计时间：2026-10-01 至 2026-10-31'],
      [],
      ['客服账号', '咨询数据', '', '', '销售与响应', '', ''],
      ['', '咨询人数', '询单人数', '最终成团人数', '客服销售额（元）', '平均人工响应时长（分钟）', '3分钟人工回复率(8-23点)'],
      ...data,
    ],
    [
      { s: { r: 0, c: 0 }, e: { r: 0, c: 6 } },
      { s: { r: 3, c: 0 }, e: { r: 4, c: 0 } },
      { s: { r: 3, c: 1 }, e: { r: 3, c: 3 } },
      { s: { r: 3, c: 4 }, e: { r: 3, c: 6 } },
    ],
  );

  it('gives the same report to the byte from CSV, xlsx, and xlsx with title rows and a two-row header', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'kefu-shapes-'));
    writeFileSync(join(tmp, 'stats.csv'), csv);
    writeFileSync(join(tmp, 'plain.xlsx'), book([header, ...data]));
    writeFileSync(join(tmp, 'titled.xlsx'), titled);
    const outputs = [];
    for (const file of ['stats.csv', 'plain.xlsx', 'titled.xlsx']) {
      for (const format of ['json', 'csv']) {
        const result = await runCli(['report', ...base.slice(0, -2), '--format', format, '--stats', join(tmp, file)]);
        expect(result.code, result.stderr).toBe(0);
        outputs.push({ file, format, stdout: result.stdout });
      }
    }
    for (const output of outputs) expect(output.stdout, `${output.file} ${output.format}`).toBe(outputs.find((o) => o.format === output.format)?.stdout);
    // And the figures are the ones worked by hand: 0.5 分钟 = 30 s, 36 / 120.
    const report = JSON.parse(outputs[0]?.stdout ?? '{}') as { agents: { agent_id: string; metrics: Record<string, number | string> }[] };
    expectMetrics(report.agents.find((a) => a.agent_id === 'P01')?.metrics ?? {}, { avg_response_s: 30, conversion: 0.3, cs_sales: '12345.60', fast_reply_rate: 0.984 });
  });
});

describe('kefu columns', () => {
  it('says how an export reads: format, sheet, header row, each mapping with its unit and window, rows dropped', async () => {
    const result = await runCli(['columns', join(dir, '拼多多-客服绩效.xlsx'), join(dir, '咨询接待分析.xlsx'), '--lang', 'en']);
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).toContain('format: xls (legacy binary .xls, named .xlsx)');
    expect(out).toContain('export: 拼多多 客服绩效');
    expect(out).toMatch(/O {3}平均人工响应时长（分钟） +→ avg_response_s Avg response \(s\) \[minutes\]/);
    expect(out).toMatch(/M {3}3分钟人工回复率\(8-23点\) +→ fast_reply_rate Fast reply rate \[note 8-23点\]/);
    expect(out).toMatch(/U {3}3分钟人工回复率\(全天\) +\(passed over: the column is taken from M\)/);
    expect(out).toMatch(/F {3}询单流失人数 +\(ignored\)/);
    expect(out).toContain('summary rows dropped: 4 店铺总计, 5 平均');
    // 咨询接待分析: two title rows and a blank row above the header on row 4.
    expect(out).toContain('sheet: 数据信息');
    expect(out).toContain('header: row 4');
    expect(out).toContain('summary rows dropped: 7 汇总值, 8 平均值');
  });

  it('reads the period and 赤兔 attribution rule off the file name, and fails on a file with no header', async () => {
    const chitu = await runCli(['columns', join(dir, '自定义报表_人均日接入_下单优先判定_2026-10-01至2026-10-31.xlsx'), '--lang', 'en']);
    expect(chitu.stdout).toContain('from the file name: period 2026-10-01..2026-10-31, attribution rule 下单优先判定');
    const tmp = mkdtempSync(join(tmpdir(), 'kefu-columns-'));
    writeFileSync(join(tmp, 'junk.csv'), '月报\n备注,见附件\n');
    const junk = await runCli(['columns', join(tmp, 'junk.csv'), '--lang', 'en']);
    expect(junk.code).toBe(1);
    expect(junk.stdout).toContain('no header found');
  });
});

describe('the platforms’ real columns are not taken for misspellings', () => {
  it('no HEADER_NEAR_KNOWN on any platform export (3分钟未回复人数 is not 未回复人数, 有效接待人数 not 售前接待人数)', async () => {
    const { readdirSync } = await import('node:fs');
    const dir = join(import.meta.dirname, '..', 'fixtures', 'platforms');
    const exports = readdirSync(dir).filter((name) => /\.xlsx?$/.test(name));
    expect(exports.length).toBeGreaterThan(5);
    for (const name of exports) {
      const r = await runCli(['check', '--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'), '--stats', join(dir, name), '--lang', 'en']);
      expect(r.stderr, name).not.toContain('HEADER_NEAR_KNOWN');
    }
  });
});
