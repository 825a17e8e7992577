// The CLI's contract with terminals, pipes, files and spreadsheets (SPEC §5, §6; STYLE's known traps).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guardCell, toCsv } from '../src/render/csv.js';
import { useColour } from '../src/cli/output.js';
import type { CliIO } from '../src/cli/context.js';
import { runCli } from './helpers/cli.js';

const repo = join(import.meta.dirname, '..');
const month = join(repo, 'fixtures', '2026-10');
const inputs = [
  '--scheme', join(month, 'scheme.yaml'), '--period', '2026-10', '--roster', join(month, 'roster.csv'),
  '--stats', join(month, 'stats-shop-a.csv'), join(month, 'stats-shop-b-gbk.csv'),
  '--facts', join(month, 'facts.csv'), '--adjustments', join(month, 'adjustments.csv'),
];
const ESC = '\u001b[';

describe('colour', () => {
  const io = (isTTY: boolean, env: Record<string, string>): CliIO => ({
    stdout: { write: () => true, isTTY },
    stderr: { write: () => true },
    env,
    readStdin: async () => new Uint8Array(),
  });
  it.each([
    ['auto', true, {}, true],
    ['auto', false, {}, false],
    ['auto', true, { TERM: 'dumb' }, false],
    ['auto', true, { NO_COLOR: '1' }, false],
    ['auto', true, { NO_COLOR: '' }, true], // NO_COLOR counts only when non-empty
    ['auto', false, { FORCE_COLOR: '1' }, true],
    ['auto', true, { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
    ['always', false, { NO_COLOR: '1' }, true],
    ['never', true, { FORCE_COLOR: '1' }, false],
  ] as const)('--color=%s, tty %s, env %j → %s', (when, tty, env, expected) => {
    expect(useColour(when, io(tty, env))).toBe(expected);
  });

  it('a piped table has no escape codes, not even cli-table3’s borders', async () => {
    const plain = await runCli(['payroll', ...inputs]);
    expect(plain.stdout).not.toContain(ESC);
    const forced = await runCli(['payroll', ...inputs], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain(ESC);
    const both = await runCli(['payroll', ...inputs], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(both.stdout).not.toContain(ESC);
  });
});

describe('CSV for spreadsheets', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+86 138', "'+86 138"],
    ['@cmd', "'@cmd"],
    ['-x', "'-x"],
    ['\tx', "'\tx"],
    ['-12.50', '-12.50'], // a negative amount stays a number
    ['+5', '+5'],
    ['-3.5%', '-3.5%'],
    ['王晓燕', '王晓燕'],
  ])('guards %j as %j', (cell, expected) => expect(guardCell(cell)).toBe(expected));

  it('quotes commas and quotes, ends rows with CRLF, adds the BOM when asked', () => {
    expect(toCsv(['a', 'b'], [['1,5', 'say "hi"']], true)).toBe('\uFEFFa,b\r\n"1,5","say ""hi"""\r\n');
    expect(toCsv(['a'], [], false)).toBe('a\r\n');
  });

  it('-o FILE.csv writes the BOM Excel needs; stdout has none unless --bom', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-cli-'));
    const file = join(dir, '奖金表.csv');
    const written = await runCli(['payroll', ...inputs, '-o', file]);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    expect(readFileSync(file, 'utf8').startsWith('\uFEFF工号,姓名,岗位,底薪')).toBe(true);
    expect(readdirSync(dir)).toEqual(['奖金表.csv']); // no temp file left behind
    const piped = await runCli(['payroll', ...inputs, '--format', 'csv']);
    expect(piped.stdout.startsWith('工号')).toBe(true);
    const bom = await runCli(['payroll', ...inputs, '--format', 'csv', '--bom']);
    expect(bom.stdout.startsWith('\uFEFF工号')).toBe(true);
  });
});

describe('commands', () => {
  it('run writes the seven files and prints the report', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kefu-run-')), 'out');
    const result = await runCli(['run', ...inputs, '--out', dir, '--lang', 'en']);
    expect(result.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'payroll.csv', 'payroll.json', 'payroll.xlsx', 'report.csv', 'report.html', 'report.json', 'report.xlsx']);
    expect(result.stdout).toContain('KPI score');
    expect(JSON.parse(readFileSync(join(dir, 'payroll.json'), 'utf8')).agents).toHaveLength(30);
  });

  it('--verbose says which encoding each file was read in', async () => {
    const result = await runCli(['check', ...inputs, '--verbose', '--lang', 'en']);
    expect(result.stderr).toContain('stats-shop-a.csv: utf-8 (BOM)');
    expect(result.stderr).toContain('stats-shop-b-gbk.csv: gb18030');
    expect(result.stderr).toContain('roster.csv: utf-8');
    expect(result.code).toBe(0);
  });

  it('--verbose says, under each small table, the header row taken and how each column mapped, as kefu columns does', async () => {
    const platforms = join(repo, 'fixtures', 'platforms');
    const result = await runCli([
      'check', '--scheme', join(platforms, 'scheme.yaml'), '--period', '2026-10', '--roster', join(platforms, 'roster.csv'),
      '--stats', join(platforms, '拼多多-客服绩效.xlsx'), join(platforms, '咨询接待分析.xlsx'), '--facts', join(month, 'facts.csv'), '--verbose', '--lang', 'en',
    ]);
    expect(result.stdout).toBe(''); // stderr only: stdout stays the report's
    const lines = result.stderr.split('\n');
    const under = (file: string) => lines.slice(lines.findIndex((line) => line.startsWith(file)) + 1).slice(0, 2);
    expect(under(join(platforms, 'roster.csv'))).toEqual(['  header: row 1; table roster', '  columns: 工号→agent_id, 姓名→name, 客服账号→accounts, 岗位→group']);
    const [pddHeader, pddColumns] = under(join(platforms, '拼多多-客服绩效.xlsx'));
    expect(pddHeader).toBe('  header: row 1; table stats; export 拼多多 客服绩效');
    expect(pddColumns).toContain('平均人工响应时长（分钟）→avg_response_s [minutes]');
    expect(pddColumns).toContain('3分钟人工回复率(8-23点)→fast_reply_rate [note 8-23点]');
    expect(pddColumns).toContain('; ignored: 询单流失人数, 需要人工回复的咨询人数');
    expect(pddColumns).toContain('; passed over: 3分钟人工回复率(全天) (3分钟人工回复率(8-23点) taken)');
    // Title rows above the header: row 4 is the one taken.
    expect(under(join(platforms, '咨询接待分析.xlsx'))[0]).toBe('  header: row 4; table stats; export 生意参谋 咨询接待分析');
    // A facts table's columns are its metrics, under their own names.
    expect(under(join(month, 'facts.csv'))[1]).toMatch(/^ {2}columns: 工号→agent_id, 姓名→name, 销售目标→销售目标, .*质检分→质检分/);
    // Without --verbose, none of it.
    const quiet = await runCli(['check', '--scheme', join(platforms, 'scheme.yaml'), '--period', '2026-10', '--roster', join(platforms, 'roster.csv'), '--lang', 'en']);
    expect(quiet.stderr).not.toContain('header: row');
  });

  it('--strict turns warnings into exit 1 and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-strict-'));
    const result = await runCli(['payroll', ...inputs, '--strict', '-o', join(dir, 'p.csv')]);
    expect(result.code).toBe(1);
    expect(existsSync(join(dir, 'p.csv'))).toBe(false);
  });

  it('--from/--to is a period of days', async () => {
    const result = await runCli(['payroll', ...inputs, '--period', '2026-10', '--from', '2026-10-01', '--to', '2026-10-15']);
    expect(result.code).toBe(2);
    const days = await runCli(['payroll', ...inputs.filter((a) => a !== '--period' && a !== '2026-10'), '--from', '2026-10-01', '--to', '2026-10-15', '--format', 'json']);
    expect(days.code).toBe(0);
    const sheet = JSON.parse(days.stdout);
    expect(sheet.period).toBe('2026-10-01..2026-10-15');
    // K030 joins on the 15th: 1 day of 15. 初级 3000 × 1/15 = 200.00.
    const k030 = sheet.agents.find((a: { agent_id: string }) => a.agent_id === 'K030');
    expect(k030.lines[0]).toMatchObject({ kind: 'base', amount: '200.00', basis: '3000.00 × 1/15' });
  });

  it('help exits 0; no command or an unknown flag exits 2', async () => {
    expect((await runCli(['--help'])).code).toBe(0);
    expect((await runCli([])).code).toBe(2);
    expect((await runCli(['payroll', '--nope'])).code).toBe(2);
  });
});

describe('the installed command', () => {
  it('ends quietly with exit 0 when the reader closes the pipe early (| head)', async () => {
    // A sheet of 3,000 people is ~1 MB of JSON: far more than a pipe holds, so the writes after the
    // reader has gone fail with EPIPE, which must end the program quietly, not crash it.
    const dir = mkdtempSync(join(tmpdir(), 'kefu-pipe-'));
    const people = Array.from({ length: 3000 }, (_, i) => `P${i},人${i},店:${i},售前`);
    writeFileSync(join(dir, 'roster.csv'), ['工号,姓名,客服账号,岗位', ...people].join('\n'));
    writeFileSync(join(dir, 'scheme.yaml'), 'name: t\ngroups:\n  售前:\n    kpi: [ { metric: conversion, weight: 100, score: { bands: [ { points: 100 } ] } } ]\n    pay: { base: 3000 }\n');
    const args = ['payroll', '--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'), '--format', 'json'];
    const child = spawn(process.execPath, [join(repo, 'bin', 'kefu.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', (exit) => resolve(exit));
    });
    expect(stderr).not.toContain('EPIPE');
    expect(code).toBe(0);
  });
});

describe('the shop beside the team', () => {
  it('counts an account the roster does not know for the shop, for no person', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-shop-'));
    writeFileSync(join(dir, 'scheme.yaml'), 'groups:\n  售前:\n    kpi: [ { metric: conversion, weight: 100, score: { linear: { zero_at: 0, full_at: 1 } } } ]\n    pay: { base: 0 }\n');
    writeFileSync(join(dir, 'roster.csv'), '工号,姓名,客服账号,岗位\nK1,甲,店:甲,售前\n');
    writeFileSync(join(dir, 'stats.csv'), '客服账号,咨询人数,接待人数,询单人数,询单最终付款人数,客服销售额\n店:甲,100,90,80,20,10000.00\n店:临时,50,40,40,10,3000.50\n');
    const args = ['report', '--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'), '--stats', join(dir, 'stats.csv'), '--lang', 'en'];
    const json = await runCli([...args, '--format', 'json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    // The team is 甲 alone; the shop adds 店:临时: 100 + 50 consulted, 20 + 10 paid of 80 + 40 inquiries.
    expect(report.team).toMatchObject({ agents: 1, consulted: 100, inquiries: 80, inquiries_paid: 20, cs_sales: '10000.00' });
    expect(report.shop).toMatchObject({ consulted: 150, received: 130, inquiries: 120, inquiries_paid: 30, cs_sales: '13000.50' });
    expect(report.shop.conversion).toBeCloseTo(30 / 120, 12); // from the sums, not an average of 0.25 and 0.25
    expect(report.shop.reply_rate).toBeCloseTo(130 / 150, 12);
    const table = await runCli([...args, '--color', 'never']);
    expect(table.stdout).toMatch(/\nShop \(incl\. accounts not on the roster\): Consulted 150 /);
  });
});

describe('stats exports: 3分钟人工响应率', () => {
  it('is fast_reply_rate, and rows of one agent are weighted by 接待人数', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-fast-'));
    writeFileSync(join(dir, 'scheme.yaml'), 'groups:\n  售前:\n    kpi: [ { metric: fast_reply_rate, weight: 100, score: { linear: { zero_at: 0.5, full_at: 1 } } } ]\n    pay: { base: 0 }\n');
    writeFileSync(join(dir, 'roster.csv'), '工号,姓名,客服账号,岗位\nK1,甲,店A:甲|店B:甲,售前\n');
    writeFileSync(join(dir, 'stats.csv'), '客服账号,接待人数,3分钟人工响应率\n店A:甲,300,95.00%\n店B:甲,100,0.75\n');
    const r = await runCli(['report', '--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'), '--stats', join(dir, 'stats.csv'), '--format', 'json']);
    expect(r.code).toBe(0);
    const agent = JSON.parse(r.stdout).agents[0];
    // (0.95 × 300 + 0.75 × 100) / 400 = (285 + 75) / 400 = 0.9 → linear 0.5…1: (0.9 − 0.5) / 0.5 = 80 points
    expect(agent.metrics.fast_reply_rate).toBeCloseTo(0.9, 12);
    expect(agent.kpi_score).toBe(80);
  });
});

describe('an account not on the roster, in both the chat log and a stats export', () => {
  it('counts once in the shop line: the raw data wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-shop-both-'));
    writeFileSync(join(dir, 'scheme.yaml'), 'groups:\n  售前:\n    kpi: [ { metric: consulted, weight: 100, score: { linear: { zero_at: 0, full_at: 10 } } } ]\n    pay: { base: 0 }\n');
    writeFileSync(join(dir, 'roster.csv'), '工号,姓名,客服账号,岗位\nK1,甲,店:甲,售前\n');
    writeFileSync(join(dir, 'stats.csv'), '客服账号,咨询人数,接待人数\n店:李,50,40\n');
    writeFileSync(join(dir, 'messages.csv'), '时间,店铺,客服账号,买家,发送方\n2026-10-01 10:00:00,店,店:甲,b1,买家\n2026-10-01 10:00:10,店,店:甲,b1,客服\n2026-10-02 10:00:00,店,店:李,b2,买家\n');
    const r = await runCli(['report', '--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'), '--stats', join(dir, 'stats.csv'), '--messages', join(dir, 'messages.csv'), '--format', 'json']);
    expect(r.code).toBe(0);
    // The team: 甲's one consultation. The shop: + 店:李's one from the chat log (not its 50 from the export).
    expect(JSON.parse(r.stdout).team.consulted).toBe(1);
    expect(JSON.parse(r.stdout).shop.consulted).toBe(2);
  });
});
