// 淘宝's order export as it comes: the 订单报表 (one row per order) and the 宝贝报表 (one row per line),
// joined by 订单编号 with `--orders 订单报表 --order-lines 宝贝报表`. The raw sample month's orders in
// that shape (fixtures/2026-10-raw/taobao/make.py: GBK, CRLF, headers ending in a space, ="…" order
// numbers, 订单状态 words) give the one-table report to the byte; a payment is split over its lines
// by largest remainder, worked by hand.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitByWeight } from '../src/core/num/money.js';
import { runCli } from './helpers/cli.js';

const raw = join(import.meta.dirname, '..', 'fixtures', '2026-10-raw');
const month = ['--scheme', join(raw, 'scheme.yaml'), '--period', '2026-10', '--roster', join(raw, '..', '2026-10', 'roster.csv'), '--facts', join(raw, 'facts.csv'), '--messages', join(raw, 'messages.csv')];

describe('淘宝 订单报表 + 宝贝报表', () => {
  it('give the one-table order report’s report and sheet to the byte', async () => {
    for (const command of ['report', 'payroll']) {
      const one = await runCli([command, ...month, '--orders', join(raw, 'orders.csv'), '--format', 'csv']);
      const two = await runCli([command, ...month, '--orders', join(raw, 'taobao', '订单报表.csv'), '--order-lines', join(raw, 'taobao', '宝贝报表.csv'), '--format', 'csv']);
      expect(one.code, one.stderr).toBe(0);
      expect(two.code, two.stderr).toBe(0);
      expect(two.stdout).toBe(one.stdout);
      expect(two.stderr).toBe(one.stderr);
    }
  });

  it('splits what the buyer paid over the lines by 价格 × 购买数量, and a closed line is refunded its share', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-taobao-'));
    writeFileSync(join(dir, 'roster.csv'), '工号,姓名,客服账号,岗位\nK001,王,店:王,售前\n');
    writeFileSync(join(dir, 'scheme.yaml'), 'groups:\n  售前:\n    kpi: [ { metric: conversion, weight: 100, score: { linear: { zero_at: 0, full_at: 1 } } } ]\n    pay: { base: 3000 }\n');
    writeFileSync(join(dir, 'messages.csv'), '时间,店铺,客服账号,买家,发送方\n2026-10-01 10:00:00,店,店:王,b1,买家\n2026-10-01 10:00:30,店,店:王,b1,客服\n');
    writeFileSync(join(dir, '订单报表.csv'), '订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间 ,店铺名称\n="O1",b1,100.00,交易成功,2026-10-01 11:00:00,2026-10-01 11:01:00,店\n="O2",b1,80.00,等待买家付款,2026-10-01 12:00:00,,店\n');
    writeFileSync(join(dir, '宝贝报表.csv'), '订单编号,标题,价格,购买数量,订单状态,商家编码\nO1,热水器,30.00,1,交易成功,E80\nO1,滤芯,20.00,2,交易关闭,F1\nO2,净水器,80.00,1,等待买家付款,J1\n');
    const result = await runCli(['report', '--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'), '--messages', join(dir, 'messages.csv'), '--orders', join(dir, '订单报表.csv'), '--order-lines', join(dir, '宝贝报表.csv'), '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    const metrics = (JSON.parse(result.stdout) as { agents: { metrics: Record<string, unknown> }[] }).agents[0]?.metrics ?? {};
    // O1 paid 100.00 over lines worth 30.00 × 1 and 20.00 × 2 (weights 3000 and 4000 of 7000 fen):
    // 10000 × 3/7 = 4285 r 5000/7000, 10000 × 4/7 = 5714 r 2000/7000, the fen left goes to the first:
    // 42.86 and 57.14. The second line is closed (交易关闭) on a paid order: refunded in full, 57.14.
    // O2 awaits payment: not paid, so not sales. Its 2 units are out of cs_units with the refund.
    expect(metrics).toMatchObject({ cs_sales: '100.00', cs_refunds: '57.14', cs_sales_net: '42.86', cs_orders: 1, cs_units: 1, inquiries_paid: 1 });
  });

  it('splits by largest remainder so the parts add up to the payment', () => {
    expect(splitByWeight(10000n, [3000n, 4000n])).toEqual([4286n, 5714n]);
    // 1 fen over three equal lines: the first takes it. Weights all zero: split evenly.
    expect(splitByWeight(1n, [5n, 5n, 5n])).toEqual([1n, 0n, 0n]);
    expect(splitByWeight(101n, [0n, 0n])).toEqual([51n, 50n]);
    // 99.99 over 1:1:1 = 33.33 each; 100.00 over 1:1:1 = 33.34, 33.33, 33.33.
    expect(splitByWeight(9999n, [1n, 1n, 1n])).toEqual([3333n, 3333n, 3333n]);
    expect(splitByWeight(10000n, [1n, 1n, 1n])).toEqual([3334n, 3333n, 3333n]);
  });

  it('kefu columns tells the two files apart and maps their headers, the ones ending in a space too', async () => {
    const result = await runCli(['columns', join(raw, 'taobao', '订单报表.csv'), join(raw, 'taobao', '宝贝报表.csv'), '--lang', 'en']);
    expect(result.code, result.stderr).toBe(0);
    const [report, lines] = result.stdout.split('\n\n');
    expect(report).toContain('table: order-report');
    expect(report).toContain('export: 淘宝 订单报表');
    expect(report).toMatch(/M\s+订单付款时间\s+→ paid_at/);
    expect(report).toMatch(/S\s+店铺名称\s+→ shop/);
    expect(report).toContain('data rows: 1712');
    expect(lines).toContain('table: order-lines');
    expect(lines).toMatch(/C\s+价格\s+→ price/);
    expect(lines).toContain('data rows: 3259');
  });

  it('refuses a refund below zero in the 宝贝报表 and a time the columns cannot hold in the 订单报表', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-taobao-bad-'));
    writeFileSync(join(dir, 'roster.csv'), '工号,姓名,客服账号,岗位\nK001,王,店:王,售前\n');
    writeFileSync(join(dir, 'scheme.yaml'), 'groups:\n  售前:\n    kpi: [ { metric: conversion, weight: 100, score: { linear: { zero_at: 0, full_at: 1 } } } ]\n    pay: { base: 3000 }\n');
    writeFileSync(join(dir, 'messages.csv'), '时间,店铺,客服账号,买家,发送方\n2026-10-01 10:00:00,店,店:王,b1,买家\n');
    writeFileSync(join(dir, '订单报表.csv'), '订单编号,买家会员名,买家实际支付金额,订单状态,订单创建时间,订单付款时间 ,店铺名称\nO1,b1,100.00,交易成功,2026-10-01 11:00:00,2026-10-01 11:01:00,店\nO2,b1,50.00,交易成功,1969-12-31 11:00:00,,店\n');
    writeFileSync(join(dir, '宝贝报表.csv'), '订单编号,标题,价格,购买数量,订单状态,商家编码,退款金额\nO1,热水器,100.00,1,交易成功,E80,-0.01\n');
    const result = await runCli(['check', '--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'), '--messages', join(dir, 'messages.csv'), '--orders', join(dir, '订单报表.csv'), '--order-lines', join(dir, '宝贝报表.csv'), '--lang', 'en']);
    expect(result.code).toBe(1);
    // −0.01 was read as the "closed: its whole share" mark before; 1969 does not fit the time columns.
    expect(result.stderr).toContain('宝贝报表.csv:2:7: error: order "O1": a negative amount: -0.01: a price or refund is never below zero [ORDER_BAD_AMOUNT]');
    expect(result.stderr).toMatch(/订单报表\.csv:3:5: error: .*1969-12-31 11:00:00.*\[VALUE_BAD_TIME\]/);
  });

  it('needs the 订单报表 beside the 宝贝报表', async () => {
    const result = await runCli(['report', ...month, '--order-lines', join(raw, 'taobao', '宝贝报表.csv')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--order-lines (宝贝报表) is joined to an order report: give the 订单报表 with --orders too');
  });
});
