// The stats reader on inline exports: a rate column written in percent points (生意参谋 咨询接待分析
// writes `99.71` for 99.71%) is told from the whole column, and `kefu columns` and `--verbose` say so.
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/core/model/issues.js';
import { parseDecimal, type Rational } from '../../src/core/num/rational.js';
import { gridFromCsv } from '../../src/parse/grid.js';
import { parseStats } from '../../src/parse/stats.js';
import { describeGrid } from '../../src/parse/layout.js';
import { renderColumns, renderColumnsBrief } from '../../src/render/columns.js';

const NO_ALIASES = new Map<string, readonly string[]>();

function read(csv: string) {
  const issues: Issue[] = [];
  const grid = gridFromCsv(csv, '咨询接待分析.csv', issues);
  if (!grid) throw new Error('grid');
  const { rows, benchmarks } = parseStats(grid, NO_ALIASES, issues);
  const of = (account: string) => rows.find((row) => row.account === account)?.values ?? {};
  return { rows, benchmarks, of, issues, layout: describeGrid(grid, NO_ALIASES, 'stats') };
}

const exact = (text: string) => parseDecimal(text) as Rational;

describe('rates written as bare percent points', () => {
  // Two title rows above the header, as 咨询接待分析 has them; 汇总值 and 平均值 below the agents.
  const export咨询 = [
    '咨询接待分析,,,,,,',
    '统计时间：2026-10-01 ~ 2026-10-31,,,,,,',
    '旺旺昵称,咨询人数,接待人数,未回复人数,3分钟人工响应率,旺旺回复率,答问比',
    '店:小满,150,148,2,99.71,0.9867,1.35',
    '店:可可,130,130,0,100,1,1.28',
    '店:阿青,40,40,0,0.5,0.5,0.9',
    '店:新人,10,10,0,-,--,-',
    '汇总值,330,328,2,86.07,0.99,1.3',
    '平均值,110,109.3,0.7,86.07,0.99,1.3',
  ].join('\n');

  it('reads the whole column in percent points when no value has % and one is above 1: 99.71, 100 and 0.5 are 0.9971, 1 and 0.005', () => {
    const { of, issues } = read(export咨询);
    // 0.5 beside 99.71 may be a fraction among points or a typo: read as points, and said.
    expect(issues.map((i) => [i.code, i.params.value, i.params.big])).toEqual([['RATE_POINTS_MIXED', '0.5', '99.71']]);
    // 99.71 / 100 = 0.9971; 100 / 100 = 1; 0.5 / 100 = 0.005 — the 0.5 too: the column says how to read it, not the cell.
    expect(of('店:小满').fast_reply_rate).toEqual(exact('0.9971'));
    expect(of('店:可可').fast_reply_rate).toEqual(exact('1'));
    expect(of('店:阿青').fast_reply_rate).toEqual(exact('0.005'));
    expect(of('店:新人').fast_reply_rate).toBeUndefined(); // `-` is no value, not 0
    // 旺旺回复率 has no value above 1: fractions, as written (1 is 100%, 0.5 is 50%).
    expect(of('店:小满').reply_rate).toEqual(exact('0.9867'));
    expect(of('店:可可').reply_rate).toEqual(exact('1'));
    expect(of('店:阿青').reply_rate).toEqual(exact('0.5'));
    // 答问比 is a ratio, not a rate: 1.35 stays 1.35.
    expect(of('店:小满').answer_ratio).toEqual(exact('1.35'));
  });

  it('a summary row does not decide: the rows read do', () => {
    // Only 汇总值 has a value above 1; the agents' fractions stay fractions.
    const { of, issues } = read(['旺旺昵称,咨询人数,3分钟人工响应率', '店:小满,150,0.9971', '店:可可,130,1', '汇总值,280,99.8'].join('\n'));
    expect(issues).toEqual([]);
    expect(of('店:小满').fast_reply_rate).toEqual(exact('0.9971'));
    expect(of('店:可可').fast_reply_rate).toEqual(exact('1'));
  });

  it('a benchmark row reads as the agents do', () => {
    const { benchmarks, issues } = read(['旺旺昵称,询单人数,询单最终付款转化率', '店:小满,100,31.5', '同行同层优秀,-,35'].join('\n'));
    expect(issues).toEqual([]);
    expect(benchmarks[0]?.values.conversion).toEqual(exact('0.35'));
  });

  it('a % anywhere in the column keeps a bare number above 1 an error: the column is not in points', () => {
    const { of, issues } = read(['旺旺昵称,询单人数,询单最终付款转化率', '店:小满,100,35', '店:可可,90,20%'].join('\n'));
    expect(issues.map((i) => [i.code, i.source?.line, i.params.points])).toEqual([['VALUE_BAD_RATE', 2, undefined]]);
    expect(of('店:可可').conversion).toEqual(exact('0.2'));
  });

  it('above 100 is an error in a column of points, whether the values or the header say so', () => {
    const values = read(['旺旺昵称,咨询人数,3分钟人工响应率', '店:小满,150,99.71', '店:可可,130,150'].join('\n'));
    expect(values.issues.map((i) => [i.code, i.source?.line, i.source?.column, i.params.value, i.params.points])).toEqual([['VALUE_BAD_RATE', 3, 3, '150', 'values']]);
    expect(values.of('店:小满').fast_reply_rate).toEqual(exact('0.9971'));
    const header = read(['旺旺昵称,咨询人数,3分钟人工响应率(%)', '店:小满,150,0.5', '店:可可,130,150'].join('\n'));
    expect(header.issues.map((i) => [i.code, i.params.points])).toEqual([['VALUE_BAD_RATE', 'header']]);
    // The header says percent: 0.5 is 0.5%, as in a column the values say is in points.
    expect(header.of('店:小满').fast_reply_rate).toEqual(exact('0.005'));
  });

  it('kefu columns and --verbose say which column was read in percent points', () => {
    const { layout } = read(export咨询);
    expect(layout?.columns.filter((c) => c.percentPoints).map((c) => c.header)).toEqual(['3分钟人工响应率']);
    if (!layout) throw new Error('layout');
    expect(renderColumns({ name: '咨询接待分析.csv', format: 'csv', encoding: 'utf-8' }, layout, 'en')).toMatch(/E {3}3分钟人工响应率 +→ fast_reply_rate Fast reply rate \[percent points \(no % sign: 99\.71 is 99\.71%\)\]/);
    expect(renderColumnsBrief(layout, 'en')).toBe(
      [
        '  header: row 3; table stats; export 生意参谋 咨询接待分析',
        '  columns: 旺旺昵称→account, 咨询人数→consulted, 接待人数→received, 未回复人数→unreplied, 3分钟人工响应率→fast_reply_rate [percent points (no % sign: 99.71 is 99.71%)], 旺旺回复率→reply_rate, 答问比→answer_ratio',
        '',
      ].join('\n'),
    );
  });
});
