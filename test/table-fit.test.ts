// The terminal table fits the terminal: at any width from 120 up, no line of `kefu report` is wider
// than the width (the note wraps, the numbers never do); narrower than the numbers need, the table is
// printed whole with a line that says how wide it is and to use --format csv.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from './helpers/cli.js';
import { displayWidth } from '../src/render/format.js';

const f = (p: string) => join(import.meta.dirname, '..', 'fixtures', '2026-10', p);
const month = ['report', '--scheme', f('scheme.yaml'), '--period', '2026-10', '--roster', f('roster.csv'), '--stats', f('stats-shop-a.csv'), f('stats-shop-b-gbk.csv'), '--facts', f('facts.csv')];
const tableLines = (out: string) => out.split('\n').filter((l) => /^[│┌└]/.test(l));

describe('the report table fits the terminal', () => {
  it.each([120, 130, 160, 200])('at %i columns, in both languages', async (width) => {
    for (const lang of ['zh', 'en']) {
      const r = await runCli([...month, '--lang', lang, '--width', String(width)]);
      expect(r.code).toBe(0);
      for (const line of tableLines(r.stdout)) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
      expect(r.stdout).not.toContain('--format csv');
    }
  });

  it('narrower than its numbers: printed whole, each agent on one line, and the way out said', async () => {
    const r = await runCli([...month, '--width', '80']);
    expect(r.code).toBe(0);
    // 20 + 10 agents, each row starting with its rank; every KPI score (two decimals) on the agent's row.
    const rows = tableLines(r.stdout).filter((l) => /^│\s+\d+ │ K\d{3} /.test(l));
    expect(rows).toHaveLength(30);
    for (const row of rows) expect(row).toMatch(/│\s+\d+\.\d{2} │/);
    expect(r.stdout).toContain('终端只有 80 列');
    expect(r.stdout).toContain('--format csv');
  });

  it('--wide has every metric the scheme uses as its own column, like the CSV', async () => {
    const wide = await runCli([...month, '--wide', '--width', '300']);
    const csv = await runCli([...month, '--format', 'csv']);
    const header = csv.stdout.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!.split(',');
    for (const column of header.filter((h) => h !== '备注')) expect(wide.stdout).toContain(column);
  });
});

describe('labels', () => {
  it('a scheme’s labels: (a fact, a built-in) and a derived ratio’s label: head their columns in both languages', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'kefu-labels-'));
    writeFileSync(join(dir, 'scheme.yaml'), readFileSync(f('scheme.yaml'), 'utf8').replace(/^groups:/m, 'labels: { 直播时长: 直播时长(小时), first_response_s: 首响 }\ngroups:'));
    const args = month.map((a) => (a === f('scheme.yaml') ? join(dir, 'scheme.yaml') : a));
    for (const lang of ['zh', 'en']) {
      const wide = await runCli([...args, '--lang', lang, '--format', 'csv']);
      const header = wide.stdout.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!.split(',');
      expect(header).toContain('直播时长(小时)');
      expect(header).toContain('首响');
      expect(header).toContain('销售达成率'); // the sample scheme's derived label
      expect(header).not.toContain(lang === 'zh' ? '首响(秒)' : 'First response (s)');
    }
  });
});

describe('a label is not a use', () => {
  it('labels: { cs_refunds: 退款 } on a scheme that never computes with refunds raises no REFUNDS_COLUMN_MISSING', async () => {
    const { mkdtempSync, writeFileSync, copyFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'kefu-label-use-'));
    const cases = join(import.meta.dirname, 'errors', 'REFUNDS_COLUMN_MISSING');
    for (const name of ['roster.csv', 'stats.csv']) copyFileSync(join(cases, name), join(dir, name));
    writeFileSync(join(dir, 'scheme.yaml'), 'labels: { cs_refunds: 退款 }\ngroups:\n  售前:\n    kpi: [ { metric: conversion, weight: 100, score: { linear: { zero_at: 0, full_at: 0.3 } } } ]\n    pay: { base: 3000 }\n');
    const r = await runCli(['check', '--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'), '--stats', join(dir, 'stats.csv'), '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('REFUNDS_COLUMN_MISSING');
  });
});
