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

// --- The pay worked out from the generator's inputs by SPEC §3–§4 alone, not by the program ---------
// Exact fractions of bigints (the test's own arithmetic), yuan rounded to fen once per line, half away
// from zero. Everything but the rank prizes is known this way: base, commissions (with the factor from
// the KPI score), allowance, deduction and adjustments; the prizes are known as pools.

interface Q {
  readonly n: bigint;
  readonly d: bigint;
}
const q = (n: bigint, d = 1n): Q => (d < 0n ? { n: -n, d: -d } : { n, d });
const plus = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d);
const minus = (a: Q, b: Q): Q => q(a.n * b.d - b.n * a.d, a.d * b.d);
const times = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
const over = (a: Q, b: Q): Q => q(a.n * b.d, a.d * b.n);
const atLeast = (a: Q, b: Q): boolean => a.n * b.d >= b.n * a.d;
const clamp = (a: Q, lo: Q, hi: Q): Q => (atLeast(lo, a) ? lo : atLeast(a, hi) ? hi : a);
/** "1234.5", "-12.34" → an exact fraction. */
const decimal = (text: string): Q => {
  const [whole = '0', part = ''] = text.split('.');
  return q(BigInt(whole + part), 10n ** BigInt(part.length));
};
/** Yuan → fen, half away from zero. */
const toFen = (yuan: Q): bigint => {
  const cents = yuan.n * 100n;
  const abs = cents < 0n ? -cents : cents;
  const rounded = (2n * abs + yuan.d) / (2n * yuan.d);
  return cents < 0n ? -rounded : rounded;
};
const ZERO = q(0n);

interface Expected {
  readonly group: string;
  /** Every line but the rank prizes, by name (adjustments summed under `adjustments`), in fen. */
  readonly lines: ReadonlyMap<string, bigint>;
  /** In the kpi_score ranking (售前, no 红牌), and in the conversion ranking (also some inquiries). */
  readonly rankedByScore: boolean;
  readonly rankedByConversion: boolean;
  /** How many stats rows the agent has: with one, its first_response_s is that row's, no combining needed. */
  readonly statsRows: number;
}

function handWorked(month: Month): Map<string, Expected> {
  const out = new Map<string, Expected>();
  const facts = new Map(month.facts.map((row) => [row.split(',')[0], row.split(',')]));
  for (const row of month.roster) {
    const [id = '', , accounts = '', group = '', level = '', start = ''] = row.split(',');
    // Prorated base: start_date counted; 2025-01-01 is before the period (31 of 31 days).
    const days = start.startsWith('2026-10-') ? 32 - Number(start.slice(8)) : 31;
    const monthly = group === '售后' ? decimal('2999.99') : decimal(level === '中级' ? '3333.33' : '3000');
    const lines = new Map<string, bigint>([['base', toFen(times(monthly, q(BigInt(days), 31n)))]]);
    const mine = new Set(accounts.split('|'));
    const statsRows = month.stats.filter((stat) => mine.has(stat.split(',')[0] ?? '')).length;
    const adjustments = month.adjustments.filter((a) => a.split(',')[0] === id).reduce((sum, a) => sum + fen(a.split(',')[2] ?? ''), 0n);
    lines.set('adjustments', adjustments);
    const [, target = '1', red = '0', yellow = '0', hours = ''] = facts.get(id) ?? [];
    let inquiries = 0n;
    if (group === '售前') {
      // Σ over the agent's rows; a refund of `-` is none.
      let sales = ZERO;
      let refunds = ZERO;
      let paid = 0n;
      for (const stat of month.stats) {
        const [account = '', , inq = '0', inqPaid = '0', , amount = '0', refund = '-'] = stat.split(',');
        if (!mine.has(account)) continue;
        inquiries += BigInt(inq);
        paid += BigInt(inqPaid);
        sales = plus(sales, decimal(amount));
        if (refund !== '-') refunds = plus(refunds, decimal(refund));
      }
      const net = minus(sales, refunds);
      // KPI: attainment = net / 目标 on linear 0.5 → 0, 1 → 100, capped at 110 (weight 70); conversion
      // on bands ≥ 0.3 → 100, ≥ 0.2 → 50, else 0, and 0 without inquiries (weight 30).
      const attainment = clamp(times(minus(over(net, decimal(target)), q(1n, 2n)), q(200n)), ZERO, q(110n));
      const conversion = inquiries > 0n ? q(paid, inquiries) : undefined;
      const conversionPoints = conversion && atLeast(conversion, q(3n, 10n)) ? q(100n) : conversion && atLeast(conversion, q(2n, 10n)) ? q(50n) : ZERO;
      const score = plus(times(attainment, q(7n, 10n)), times(conversionPoints, q(3n, 10n)));
      const factor = Number(red) >= 1 ? ZERO : atLeast(score, q(90n)) ? decimal('1.15') : atLeast(score, q(60n)) ? q(1n) : decimal('0.7');
      // 提成: marginal, 0.7% up to 10000 and 1.23% above, on net sales (nothing on a loss).
      const marginal = atLeast(ZERO, net) ? ZERO : plus(times(clamp(net, ZERO, q(10000n)), decimal('0.007')), times(clamp(minus(net, q(10000n)), ZERO, net), decimal('0.0123')));
      // 全额: whole, the rate of the bracket reached (0.1% up to 5000 inclusive, else 0.21%) on all of cs_sales.
      const whole = times(sales, atLeast(q(5000n), sales) ? decimal('0.001') : decimal('0.0021'));
      lines.set('提成', toFen(times(marginal, factor)));
      lines.set('全额', toFen(times(whole, factor)));
      lines.set('直播', toFen(times(hours === '' ? ZERO : decimal(hours), decimal('33.33'))));
      lines.set('黄牌', -toFen(times(decimal(yellow), q(50n))));
    }
    const rankedByScore = group === '售前' && Number(red) < 1;
    out.set(id, { group, lines, rankedByScore, rankedByConversion: rankedByScore && inquiries > 0n, statsRows });
  }
  return out;
}

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
      // Every line but the prizes is the hand-worked one; a prize is never negative.
      const expected = handWorked(month);
      expect(sheet.agents.map((a: { agent_id: string }) => a.agent_id).sort()).toEqual([...expected.keys()].sort());
      for (const agent of sheet.agents as { agent_id: string; group: string; lines: { kind: string; name: string; amount: string }[] }[]) {
        const want = expected.get(agent.agent_id)!;
        expect(agent.group).toBe(want.group);
        const got = new Map<string, bigint>([['adjustments', 0n]]);
        for (const line of agent.lines) {
          if (line.kind === 'bonus') expect(fen(line.amount), `${agent.agent_id} ${line.name}`).toBeGreaterThanOrEqual(0n);
          else if (line.kind === 'adjustment') got.set('adjustments', (got.get('adjustments') ?? 0n) + fen(line.amount));
          else got.set(line.name, fen(line.amount));
        }
        expect(Object.fromEntries(got), agent.agent_id).toEqual(Object.fromEntries(want.lines));
      }
      // The prize pools are paid out whole to whoever can be ranked: 333.33 + 222.22 + 111.11 over the
      // first three places (ties pool the places they cover), 100.01 to each of the first two by
      // conversion, 0.03 to the best 售后 first response.
      const pool = (bonus: string) =>
        sheet.agents.flatMap((a: { lines: { name: string; amount: string }[] }) => a.lines.filter((l) => l.name === bonus)).reduce((s: bigint, l: { amount: string }) => s + fen(l.amount), 0n);
      const byScore = [...expected.values()].filter((e) => e.rankedByScore).length;
      const byConversion = [...expected.values()].filter((e) => e.rankedByConversion).length;
      expect(pool('排名')).toBe([0n, 33333n, 55555n, 66666n][Math.min(byScore, 3)]);
      expect(pool('转化')).toBe(BigInt(Math.min(byConversion, 2)) * 10001n);
      // (售后 with several rows and no inquiries have no weight to combine their times by, so may go unranked.)
      const aftersales = [...expected.values()].filter((e) => e.group === '售后');
      if (aftersales.length === 0) expect(pool('服务')).toBe(0n);
      else if (aftersales.some((e) => e.statsRows === 1)) expect(pool('服务')).toBe(3n);
      else expect(pool('服务') <= 3n).toBe(true);
      // Someone is paid a commission, and the month pays something: a sheet of zeros fails above and here.
      expect(sheet.agents.some((a: { lines: { kind: string; amount: string }[] }) => a.lines.some((l) => l.kind === 'commission' && fen(l.amount) > 0n))).toBe(true);
      expect(fen(sheet.total) > 0n).toBe(true);
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
