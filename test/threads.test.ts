// A chat log read on several threads (byte ranges, each filing its messages into buckets) gives the
// same month, the same warnings and the same errors at the same lines, to the byte, as one thread:
// on the sample month, on files whose cuts fall inside quoted line breaks (then the file goes back to
// one thread), and on files with bad rows in every range (their lines and the "N more" counts must
// come out as one thread reports them). Runs the built program, as the threads run compiled code.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { random as seeded } from './helpers/random.js';
import { rawMonth, SHAPES } from './helpers/raw-month.js';

const repo = join(import.meta.dirname, '..');
const raw = join(repo, 'fixtures', '2026-10-raw');
const kefu = (args: readonly string[], env: Record<string, string>) => spawnSync(process.execPath, [join(repo, 'bin', 'kefu.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

/** The same command on one thread and on several; both results, for comparing. */
function oneAndMany(args: readonly string[], threads = 3) {
  const one = kefu(args, { KEFU_THREADS: '1' });
  const many = kefu(args, { KEFU_THREADS: String(threads), KEFU_THREAD_MIN_BYTES: '0' });
  return { one, many };
}

describe('a chat log on several threads', () => {
  it('changes nothing in the sample month: report, warnings, exit', () => {
    const args = [
      'report', '--scheme', join(raw, 'scheme.yaml'), '--period', '2026-10', '--roster', join(repo, 'fixtures', '2026-10', 'roster.csv'),
      '--messages', join(raw, 'messages.csv'), '--orders', join(raw, 'orders.csv'), '--facts', join(raw, 'facts.csv'), '--format', 'json', '--lang', 'en',
    ];
    // It did run on threads: --verbose says so.
    expect(kefu([...args, '--verbose'], { KEFU_THREADS: '3', KEFU_THREAD_MIN_BYTES: '0' }).stderr).toContain('messages.csv: utf-8 (3 threads)');
    for (const threads of [2, 3, 7]) {
      const { one, many } = oneAndMany(args, threads);
      expect(one.status).toBe(0);
      expect(many.status).toBe(0);
      expect(many.stdout).toBe(one.stdout);
      expect(many.stderr).toBe(one.stderr);
    }
  });

  it('lists the same raw rows in kefu explain: consultations, slow rounds and credited orders', () => {
    const args = [
      'explain', 'K001', '--all', '--scheme', join(raw, 'scheme.yaml'), '--period', '2026-10', '--roster', join(repo, 'fixtures', '2026-10', 'roster.csv'),
      '--messages', join(raw, 'messages.csv'), '--orders', join(raw, 'orders.csv'), '--facts', join(raw, 'facts.csv'), '--format', 'json', '--lang', 'en',
    ];
    const { one, many } = oneAndMany(args, 3);
    expect(one.status).toBe(0);
    expect((JSON.parse(one.stdout) as { raw: { consultations: { count: number } } }).raw.consultations.count).toBeGreaterThan(10); // more than the ten listed without --all
    expect(many.stdout).toBe(one.stdout);
  });

  it('writes the same credits.json (every agent\'s credited orders) with `run --final`, and its shares add up to each agent\'s cs_sales', () => {
    const out = (name: string) => join(mkdtempSync(join(tmpdir(), 'kefu-threads-')), name);
    const [a, b] = [out('one'), out('many')];
    const args = (dir: string) => [
      'run', '--scheme', join(raw, 'scheme.yaml'), '--period', '2026-10', '--roster', join(repo, 'fixtures', '2026-10', 'roster.csv'),
      '--messages', join(raw, 'messages.csv'), '--orders', join(raw, 'orders.csv'), '--facts', join(raw, 'facts.csv'), '--quiet', '--final', '--out', dir,
    ];
    expect(kefu(args(a), { KEFU_THREADS: '1' }).status).toBe(0);
    expect(kefu(args(b), { KEFU_THREADS: '3', KEFU_THREAD_MIN_BYTES: '0' }).status).toBe(0);
    const credits = readFileSync(join(a, 'credits.json'), 'utf8');
    expect(readFileSync(join(b, 'credits.json'), 'utf8')).toBe(credits);
    const fen = (yuan: string) => BigInt(yuan.replace('.', ''));
    const byAgent = new Map<string, bigint>();
    for (const c of JSON.parse(credits).orders as { agent_id: string; amount: string }[]) byAgent.set(c.agent_id, (byAgent.get(c.agent_id) ?? 0n) + fen(c.amount));
    const agents = JSON.parse(readFileSync(join(a, 'report.json'), 'utf8')).agents as { agent_id: string; metrics: { cs_sales?: string } }[];
    for (const agent of agents) expect(byAgent.get(agent.agent_id) ?? 0n, agent.agent_id).toBe(fen(agent.metrics.cs_sales ?? '0.00'));
  });

  it('gives the same errors at the same lines, and the same "N more" counts, when every range has bad rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-threads-bad-'));
    const random = seeded(7);
    const rows = ['时间,店铺,客服账号,买家,发送方,内容'];
    for (let i = 0; i < 4000; i++) {
      const bad = i % 97 === 5; // about 41 bad times, spread through the file: past the 20 shown
      const time = bad ? '2026-10-3x 10:00:00' : `2026-10-${String(1 + (i % 28)).padStart(2, '0')} ${String(8 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`;
      const sender = i % 151 === 3 ? '系统' : random() < 0.5 ? '买家' : '客服';
      rows.push(`${time},店,店:${i % 3 === 0 ? '乙' : '甲'},b${i % 300},${sender},"内容${i}"`);
    }
    writeFileSync(join(dir, 'messages.csv'), `${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'roster.csv'), '工号,姓名,客服账号,岗位\nA1,甲,店:甲,售前\n');
    writeFileSync(join(dir, 'scheme.yaml'), 'groups:\n  售前:\n    kpi: [ { metric: first_response_s, weight: 100, score: { linear: { zero_at: 60, full_at: 10 } } } ]\n    pay: { base: 0 }\n');
    const args = ['check', '--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'), '--messages', join(dir, 'messages.csv'), '--lang', 'en'];
    const { one, many } = oneAndMany(args, 4);
    expect(kefu([...args, '--verbose'], { KEFU_THREADS: '4', KEFU_THREAD_MIN_BYTES: '0' }).stderr).toContain('messages.csv: utf-8 (4 threads)');
    expect(one.status).toBe(1);
    expect(one.stderr).toContain('more VALUE_BAD_TIME');
    expect(one.stderr).toContain('UNKNOWN_ACCOUNT'); // 店:乙, first seen on line 2
    expect(many.status).toBe(1);
    expect(many.stderr).toBe(one.stderr);
  });

  it('goes back to one thread when a malformed record stops a range, so the errors are those one thread finds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-threads-malformed-'));
    const rows = ['时间,店铺,客服账号,买家,发送方,内容'];
    for (let i = 2; i <= 3000; i++) {
      const time = i % 500 === 9 ? '2026-10-3x 10:00:00' : `2026-10-${String(1 + (i % 28)).padStart(2, '0')} 10:00:00`;
      rows.push(i === 1502 ? `${time},店,店:甲,b"q,买家,坏的引号` : `${time},店,店:甲,b${i % 50},${i % 2 ? '客服' : '买家'},内容`);
    }
    writeFileSync(join(dir, 'messages.csv'), `${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'roster.csv'), '工号,姓名,客服账号,岗位\nA1,甲,店:甲,售前\n');
    writeFileSync(join(dir, 'scheme.yaml'), 'groups:\n  售前:\n    kpi: [ { metric: first_response_s, weight: 100, score: { linear: { zero_at: 60, full_at: 10 } } } ]\n    pay: { base: 0 }\n');
    const args = ['check', '--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'), '--messages', join(dir, 'messages.csv'), '--lang', 'en'];
    const { one, many } = oneAndMany(args, 4);
    expect(one.status).toBe(1);
    expect(one.stderr).toContain('messages.csv:1502');
    expect(many.stderr).toBe(one.stderr);
  });

  it('goes back to one thread when a cut falls inside a quoted line break, and still gives the same month', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-threads-quoted-'));
    const rows = ['时间,店铺,客服账号,买家,发送方,内容'];
    // Most line breaks are inside quoted contents: a cut after "the first line break" lands in a quote.
    for (let i = 0; i < 3000; i++) {
      const time = `2026-10-${String(1 + (i % 28)).padStart(2, '0')} 10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
      rows.push(`${time},店,店:甲,b${i % 200},${i % 2 ? '客服' : '买家'},"第一行\n第二行\n第三行, ""引号""\n第四行"`);
    }
    writeFileSync(join(dir, 'messages.csv'), `${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'orders.csv'), '订单编号,店铺,买家会员名,订单创建时间,付款时间,实付金额\n1,店,b1,2026-10-02 11:00:00,2026-10-02 11:00:00,100.00\n');
    writeFileSync(join(dir, 'roster.csv'), '工号,姓名,客服账号,岗位\nA1,甲,店:甲,售前\n');
    writeFileSync(join(dir, 'scheme.yaml'), 'groups:\n  售前:\n    kpi: [ { metric: first_response_s, weight: 100, score: { linear: { zero_at: 60, full_at: 10 } } } ]\n    pay: { base: 0 }\n');
    const args = ['report', '--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'), '--messages', join(dir, 'messages.csv'), '--orders', join(dir, 'orders.csv'), '--format', 'json', '--lang', 'en'];
    // Back on one thread: --verbose names no threads.
    expect(kefu([...args, '--verbose'], { KEFU_THREADS: '5', KEFU_THREAD_MIN_BYTES: '0' }).stderr).toMatch(/messages\.csv: utf-8\n/);
    for (const threads of [2, 5]) {
      const { one, many } = oneAndMany(args, threads);
      expect(one.status).toBe(0);
      expect(many.stdout).toBe(one.stdout);
      expect(many.stderr).toBe(one.stderr);
    }
    expect(JSON.parse(kefu(args, { KEFU_THREADS: '1' }).stdout).agents[0].metrics.buyer_messages).toBe(1500);
  });

  it.each(Object.keys(SHAPES))('gives the month to the byte on a generated month of shape %s, with business days from 08:00', (name) => {
    const shape = SHAPES[name]!;
    const dir = mkdtempSync(join(tmpdir(), `kefu-threads-${name}-`));
    const month = rawMonth(shape, 20000, 11);
    writeFileSync(join(dir, 'roster.csv'), month.roster);
    writeFileSync(join(dir, 'messages.csv'), month.messages);
    writeFileSync(join(dir, 'orders.csv'), month.orders);
    writeFileSync(
      join(dir, 'scheme.yaml'),
      'day_starts_at: "08:00"\nresponse: { unreplied_as_s: 600, hours: "08:00-23:00" }\nbundles: ["TC-*"]\ngroups:\n  售前:\n    kpi: [ { metric: conversion, weight: 60, score: { linear: { zero_at: 0.1, full_at: 0.5 } } }, { metric: fast_reply_rate, weight: 40, score: { linear: { zero_at: 0.5, full_at: 1 } } } ]\n    pay:\n      base: 3000\n      commission: [ { name: 提成, metric: cs_sales_net, tiers: [ { upto: 100000, rate: 0.01 }, { rate: 0.02 } ] }, { name: 单件, per_unit: { "TC-*": 5 } } ]\n      bonuses: [ { name: 排名奖, rank_by: kpi_score, prizes: [300, 200] } ]\n  售后:\n    kpi: [ { metric: first_response_s, weight: 100, score: { linear: { zero_at: 120, full_at: 10 } } } ]\n    pay: { base: 2800 }\n',
    );
    const inputs = ['--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'), '--messages', join(dir, 'messages.csv'), '--orders', join(dir, 'orders.csv'), '--lang', 'en'];
    const verbose = kefu(['check', ...inputs, '--verbose'], { KEFU_THREADS: '3', KEFU_THREAD_MIN_BYTES: '0' }).stderr;
    if (!shape.breaks) expect(verbose).toContain('messages.csv: utf-8 (3 threads)');
    for (const command of [['report', '--format', 'json'], ['payroll', '--format', 'csv']]) {
      const { one, many } = oneAndMany([...command, ...inputs], 3);
      expect(one.status).toBe(0);
      expect(many.stdout).toBe(one.stdout);
      expect(many.stderr).toBe(one.stderr);
      // With the threads' buckets spilled to temporary files (handed over by descriptor) too.
      const spilled = kefu([...command, ...inputs], { KEFU_THREADS: '3', KEFU_THREAD_MIN_BYTES: '0', KEFU_BUCKET_BYTES: '30000' });
      expect(spilled.stdout).toBe(one.stdout);
      expect(spilled.stderr).toBe(one.stderr);
    }
  });
});
