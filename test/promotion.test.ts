// The promotion ladder (seeds/000): the scheme's `promotion:` conditions over this month and the earlier
// months' run folders (--history), listed as candidates in the report, never paid. On fixtures/trend's
// three months, whose KPI scores fixtures/trend/README.md works out: K01 张三 86, 80, 94; K02 李四 35.5,
// 43, 39.25; K03 王五 (joined in September) 92, 92. Conversion: K01 30%, 25%, 35%; K03 30%, 30%.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const trend = join(import.meta.dirname, '..', 'fixtures', 'trend');

/** October of fixtures/trend with a 职级 column and `promotion:` added to its scheme. */
function october(promotion: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-promotion-'));
  writeFileSync(join(dir, 'scheme.yaml'), `${readFileSync(join(trend, 'scheme.yaml'), 'utf8')}${promotion}`);
  const levels: Record<string, string> = { K01: '中级', K02: '高级', K03: '初级', K04: '初级' };
  const roster = readFileSync(join(trend, 'inputs', 'roster.csv'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line, i) => `${line},${i === 0 ? '职级' : levels[line.split(',')[0] as string]}`)
    .join('\n');
  writeFileSync(join(dir, 'roster.csv'), `${roster}\n`);
  const inputs = join(trend, 'inputs', '2026-10');
  return ['--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'), '--stats', join(inputs, 'stats.csv'), '--facts', join(inputs, 'facts.csv'), '--lang', 'en'];
}

const LADDER = 'promotion:\n  ladder: [初级, 中级, 高级]\n  when:\n';

describe('promotion:', () => {
  it('lists who met every condition in each of its months, with the months as evidence', async () => {
    // KPI ≥ 80 three months running: K01 86, 80 (at the bound counts), 94: 中级 → 高级. K03 has no
    // August (not a candidate). K02 is below, and at the top of the ladder anyway.
    const args = october(`${LADDER}    - { metric: kpi_score, at_least: 80, months: 3 }\n`);
    const history = ['--history', join(trend, '2026-08'), join(trend, '2026-09')];
    const json = await runCli(['report', ...args, ...history, '--format', 'json']);
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout).promotions).toEqual([
      { agent_id: 'K01', name: '张三', group: '售前', level: '中级', next: '高级', evidence: [{ metric: 'kpi_score', at_least: 80, months: { '2026-08': 86, '2026-09': 80, '2026-10': 94 } }] },
    ]);
    const table = await runCli(['report', ...args, ...history]);
    expect(table.stdout).toContain('Promotion candidates (promotion: a suggestion, no pay effect): 张三 (K01) 中级 → 高级');
    // Two months of conversion at 25% or more: K01 (25%, 35%) and K03 (30%, 30%), each to the next rung.
    const two = await runCli(['report', ...october(`${LADDER}    - { metric: conversion, at_least: 0.25, months: 2 }\n`), ...history, '--format', 'json']);
    expect(JSON.parse(two.stdout).promotions.map((p: { agent_id: string; next: string }) => `${p.agent_id} ${p.next}`)).toEqual(['K01 高级', 'K03 中级']);
  });

  it('says which months are missing, and lists nobody, when the history is short', async () => {
    const args = october(`${LADDER}    - { metric: kpi_score, at_least: 80, months: 3 }\n`);
    const result = await runCli(['report', ...args, '--history', join(trend, '2026-09'), '--format', 'json']);
    expect(result.stderr).toContain('the promotion condition on kpi_score (3 months running) lacks the months 2026-08');
    expect(result.stderr).toContain('[PROMOTION_HISTORY_SHORT]');
    expect(JSON.parse(result.stdout).promotions).toEqual([]);
  });
});
