// Properties over generated months (seeded, so a failure reproduces): whatever the numbers, the
// sheet adds up to the fen, and neither the order of rows nor how they are split into files matters.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { random, shuffle } from './helpers/random.js';

function generator(seed: number) {
  const next = random(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { int, shuffle: <T>(items: readonly T[]) => shuffle(items, next), pick: <T>(items: readonly T[]) => items[int(0, items.length - 1)] as T };
}

const SCHEME = `name: generated
levels: { 初级: 3000, 中级: 3333.33 }
derived: { attainment: { ratio: [cs_sales_net, 目标] } }
groups:
  售前:
    kpi:
      - { metric: attainment, weight: 70, score: { linear: { zero_at: 0.5, full_at: 1, max: 110 } } }
      - { metric: conversion, weight: 30, score: { bands: [ { at_least: 0.3, points: 100 }, { at_least: 0.2, points: 50 }, { points: 0 } ] } }
    factor: [ { at_least: 90, factor: 1.15 }, { at_least: 60, factor: 1 }, { factor: 0.7 } ]
    veto: [ { metric: 红牌, at_least: 1, factor: 0, disqualify: true } ]
    pay:
      base: level
      commission:
        - { name: 提成, metric: cs_sales_net, tiers: [ { upto: 10000, rate: "0.7%" }, { rate: 0.0123 } ] }
        - { name: 全额, metric: cs_sales, mode: whole, tiers: [ { upto: 5000, rate: 0.001 }, { rate: 0.0021 } ] }
      bonuses:
        - { name: 排名, rank_by: kpi_score, prizes: [333.33, 222.22, 111.11] }
        - { name: 转化, rank_by: conversion, top: 2, amount: 100.01 }
      allowances: [ { name: 直播, per: 时长, rate: 33.33 } ]
      deductions: [ { name: 黄牌, per: 黄牌, rate: 50 } ]
  售后:
    kpi: [ { metric: first_response_s, weight: 100, score: { bands: [ { at_most: 20, points: 100 }, { points: 40 } ] } } ]
    pay:
      base: 2999.99
      bonuses: [ { name: 服务, rank_by: first_response_s, prizes: [0.03] } ]
`;

interface Month {
  roster: string[];
  stats: string[];
  facts: string[];
  adjustments: string[];
}

function generateMonth(seed: number): Month {
  const g = generator(seed);
  const n = g.int(3, 25);
  const roster: string[] = [];
  const stats: string[] = [];
  const facts: string[] = [];
  const adjustments: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `G${String(i).padStart(3, '0')}`;
    const accounts = Array.from({ length: g.int(1, 2) }, (_, k) => `店${k}:${id}`);
    const start = g.int(0, 4) === 0 ? `2026-10-${String(g.int(2, 28)).padStart(2, '0')}` : '2025-01-01';
    roster.push(`${id},人${i},${accounts.join('|')},${g.pick(['售前', '售前', '售后'])},${g.pick(['初级', '中级'])},${start}`);
    for (const account of accounts) {
      // Small numbers make ties in conversion and response time likely.
      // One row per account and day, as a daily export has them.
      const days = [...new Set(Array.from({ length: g.int(1, 3) }, () => g.int(1, 31)))];
      for (const day of days) {
        const inquiries = g.int(0, 12);
        const paid = g.int(0, inquiries);
        stats.push(`${account},2026-10-${String(day).padStart(2, '0')},${inquiries},${paid},${g.int(5, 30)},${g.int(0, 500000) / 100},${g.int(0, 3) === 0 ? g.int(0, 9999) / 100 : '-'}`);
      }
    }
    facts.push(`${id},${g.int(1, 40) * 1000},${g.int(0, 9) === 0 ? 1 : 0},${g.int(0, 2)},${g.int(0, 3) === 0 ? g.int(1, 99) / 10 : ''}`);
    for (let k = g.int(0, 3) === 0 ? g.int(1, 3) : 0; k > 0; k--) {
      adjustments.push(`${id},${g.pick(['补贴', '扣款'])},${(g.int(-5000, 5000) / 100).toFixed(2)},原因${i}-${k}`);
    }
  }
  return { roster, stats, facts, adjustments };
}

const HEADERS = {
  roster: '工号,姓名,客服账号,岗位,职级,入职日期',
  stats: '客服账号,日期,询单人数,询单最终付款人数,首次响应时长(秒),询单最终付款金额,成功退款金额',
  facts: '工号,目标,红牌,黄牌,时长',
  adjustments: '工号,项目,金额,原因',
};

function write(dir: string, name: string, header: string, rows: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, [header, ...rows].join('\n') + '\n');
  return path;
}

async function payroll(dir: string, month: Month, tag: string, statsSplit = 1) {
  const chunk = Math.ceil(month.stats.length / statsSplit);
  const statsFiles = Array.from({ length: statsSplit }, (_, k) => write(dir, `${tag}-stats${k}.csv`, HEADERS.stats, month.stats.slice(k * chunk, (k + 1) * chunk)));
  const args = [
    '--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10',
    '--roster', write(dir, `${tag}-roster.csv`, HEADERS.roster, month.roster),
    '--stats', ...statsFiles,
    '--facts', write(dir, `${tag}-facts.csv`, HEADERS.facts, month.facts),
    '--adjustments', write(dir, `${tag}-adj.csv`, HEADERS.adjustments, month.adjustments),
  ];
  const json = await runCli(['payroll', ...args, '--format', 'json']);
  const csv = await runCli(['payroll', ...args, '--format', 'csv', '--lang', 'en']);
  const report = await runCli(['report', ...args, '--format', 'json']);
  expect(json.stderr).not.toMatch(/error|错误/);
  expect(json.code).toBe(0);
  return { sheet: JSON.parse(json.stdout), csv: csv.stdout, report: JSON.parse(report.stdout) };
}

const fen = (amount: string) => BigInt(amount.replace('.', ''));

describe('generated months', () => {
  for (const seed of [11, 12, 13, 14, 15, 16, 17, 18]) {
    it(`seed ${seed}: the sheet adds up, and row order and file splits change nothing`, async () => {
      const dir = mkdtempSync(join(tmpdir(), `kefu-gen-${seed}-`));
      writeFileSync(join(dir, 'scheme.yaml'), SCHEME);
      const month = generateMonth(seed);
      const { sheet, csv, report } = await payroll(dir, month, 'a');

      let grand = 0n;
      for (const agent of sheet.agents) {
        const lines = agent.lines.reduce((s: bigint, l: { amount: string }) => s + fen(l.amount), 0n);
        expect(lines, agent.agent_id).toBe(fen(agent.total));
        grand += lines;
      }
      expect(grand).toBe(fen(sheet.total));
      // Prize pools are paid out whole: 333.33 + 222.22 + 111.11 among the ranked, 2 × 100.01 …
      for (const bonus of ['排名', '转化']) {
        const paid = sheet.agents.flatMap((a: { lines: { name: string; amount: string }[] }) => a.lines.filter((l) => l.name === bonus)).reduce((s: bigint, l: { amount: string }) => s + fen(l.amount), 0n);
        const ranked = report.agents.filter((a: { group: string; disqualified: boolean }) => a.group === '售前' && !a.disqualified).length;
        if (bonus === '排名' && ranked >= 3) expect(paid).toBe(66666n);
        if (bonus === '转化') expect(paid <= 20002n).toBe(true);
      }
      // The CSV's totals row is the JSON's total; each row's last cell its agent's total.
      const rows = parse(csv, { bom: true }) as string[][];
      expect(rows[rows.length - 1]?.at(-1)).toBe(sheet.total);
      expect(rows.slice(1, -1).map((r) => r.at(-1))).toEqual(sheet.agents.map((a: { total: string }) => a.total));

      const g = generator(seed * 7919);
      const shuffled = { roster: g.shuffle(month.roster), stats: g.shuffle(month.stats), facts: g.shuffle(month.facts), adjustments: g.shuffle(month.adjustments) };
      const again = await payroll(dir, shuffled, 'b', 3);
      expect(again.sheet).toEqual(sheet);
      expect(again.report.agents).toEqual(report.agents);
    });
  }
});
