// Running payroll as an operation: a project file for cron (kefu.yaml, --period last-month), outputs
// that are the same bytes for the same inputs whatever their order, a manifest that `kefu verify`
// recomputes, a folder never overwritten without --force and never once final, late refunds carried
// into the next month (--prior), two schemes compared over one read, and the progress line.
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { main } from '../src/cli/main.js';
import { relativeMonth } from '../src/cli/spec.js';

const repo = join(import.meta.dirname, '..');
const sample = join(repo, 'fixtures', '2026-10');
const SEVEN = ['payroll.csv', 'payroll.json', 'payroll.xlsx', 'report.csv', 'report.html', 'report.json', 'report.xlsx'];
const tmp = () => mkdtempSync(join(tmpdir(), 'kefu-ops-'));
const read = (path: string) => readFileSync(path);

/** The sample month copied into a fresh folder (its files may then be changed by a test). */
function sampleCopy(): { dir: string; flags: (period?: string) => string[] } {
  const dir = tmp();
  cpSync(sample, join(dir, 'in'), { recursive: true });
  const at = (name: string) => join(dir, 'in', name);
  return {
    dir,
    flags: (period = '2026-10') => ['--scheme', at('scheme.yaml'), '--period', period, '--roster', at('roster.csv'), '--stats', at('stats-shop-a.csv'), at('stats-shop-b-gbk.csv'), '--facts', at('facts.csv'), '--adjustments', at('adjustments.csv')],
  };
}

describe('--period last-month', () => {
  it('is the month before --today', () => {
    expect(relativeMonth('last-month', '2026-11-05')).toBe('2026-10');
    expect(relativeMonth('last-month', '2026-01-31')).toBe('2025-12'); // across the year
    expect(relativeMonth('last-month', '2026-03-31')).toBe('2026-02'); // no day arithmetic: 31 March is in March
    expect(relativeMonth('this-month', '2026-11-05')).toBe('2026-11');
  });
});

describe('kefu.yaml', () => {
  it('names the inputs by {period} and globs; the cron line gives the same month as the flags, and flags override it', async () => {
    const dir = tmp();
    const data = join(dir, '数据', '2026-10');
    mkdirSync(data, { recursive: true });
    for (const name of ['scheme.yaml', 'roster.csv']) cpSync(join(sample, name), join(dir, name));
    cpSync(join(sample, 'stats-shop-a.csv'), join(data, '客服绩效-a店.csv'));
    cpSync(join(sample, 'stats-shop-b-gbk.csv'), join(data, '客服绩效-b店.csv'));
    cpSync(join(sample, 'facts.csv'), join(data, '考核.csv'));
    cpSync(join(sample, 'adjustments.csv'), join(data, '调整.csv'));
    writeFileSync(join(dir, '说明.txt'), 'not an input\n');
    writeFileSync(
      join(dir, 'kefu.yaml'),
      ['scheme: scheme.yaml', 'roster: roster.csv', 'stats: 数据/{period}/客服绩效-*.csv', 'facts: 数据/{period}/考核.csv', 'adjustments:', '  - 数据/{year}-{month}/调整.csv', 'out: 输出/{period}', ''].join('\n'),
    );
    const cron = await runCli(['run', '--config', join(dir, 'kefu.yaml'), '--period', 'last-month', '--today', '2026-11-05', '--quiet']);
    expect(cron.stderr).toBe(''); // --quiet: errors only, and there are none
    expect(cron.stdout).toBe('');
    expect(cron.code).toBe(0);
    const out = join(dir, '输出', '2026-10');
    expect(readdirSync(out).sort()).toEqual(['manifest.json', ...SEVEN]);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.period).toBe('2026-10');
    expect(manifest.asked).toEqual({ period: 'last-month', today: '2026-11-05' });
    // The glob's two files, in name order; paths relative to the output folder.
    expect(manifest.inputs.filter((i: { role: string }) => i.role === 'stats').map((i: { path: string }) => i.path)).toEqual(['../../数据/2026-10/客服绩效-a店.csv', '../../数据/2026-10/客服绩效-b店.csv']);
    expect(manifest.config.path).toBe('../../kefu.yaml');

    // The same month from the flags: the same seven files, byte for byte.
    const flagsOut = join(tmp(), 'out');
    expect((await runCli(['run', ...sampleCopy().flags(), '--out', flagsOut, '--quiet'])).code).toBe(0);
    for (const name of SEVEN) expect(read(join(out, name)).equals(read(join(flagsOut, name))), name).toBe(true);

    // A flag replaces the project file's value: one shop's stats only.
    const one = await runCli(['report', '--config', join(dir, 'kefu.yaml'), '--period', '2026-10', '--stats', join(data, '客服绩效-a店.csv'), '--format', 'json']);
    expect(one.code).toBe(0);
    const team = JSON.parse(one.stdout).team;
    expect(team.inquiries).toBeLessThan(13702); // the whole team's 13,702 inquiries are both shops'
  });
});

describe('the same inputs give the same bytes', () => {
  it('run twice, and with every input file shuffled (row order and file order), gives identical outputs', async () => {
    const { dir, flags } = sampleCopy();
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    expect((await runCli(['run', ...flags(), '--out', a, '--quiet'])).code).toBe(0);
    expect((await runCli(['run', ...flags(), '--out', b, '--quiet'])).code).toBe(0);
    for (const name of SEVEN) expect(read(join(a, name)).equals(read(join(b, name))), name).toBe(true);

    // Shuffled: each table's data rows reversed (its header kept first), the two stats files swapped.
    const shuffled = join(dir, 'shuffled');
    mkdirSync(shuffled);
    for (const name of ['roster.csv', 'stats-shop-a.csv', 'facts.csv', 'adjustments.csv']) {
      const [header, ...rows] = readFileSync(join(dir, 'in', name), 'utf8').trimEnd().split(/\r?\n/);
      writeFileSync(join(shuffled, name), [header, ...rows.reverse()].join('\r\n') + '\r\n');
    }
    const s = (name: string) => join(shuffled, name);
    const c = join(dir, 'c');
    const args = ['--scheme', join(dir, 'in', 'scheme.yaml'), '--period', '2026-10', '--roster', s('roster.csv'), '--stats', join(dir, 'in', 'stats-shop-b-gbk.csv'), s('stats-shop-a.csv'), '--facts', s('facts.csv'), '--adjustments', s('adjustments.csv')];
    const shuffledRun = await runCli(['run', ...args, '--out', c, '--quiet']);
    expect(shuffledRun.stderr).toBe('');
    expect(shuffledRun.code).toBe(0);
    for (const name of SEVEN) expect(read(join(a, name)).equals(read(join(c, name))), name).toBe(true);
  });
});

describe('a month folder', () => {
  it('is replaced only by identical outputs or with --force; once --final, never; verify recomputes it', async () => {
    const { dir, flags } = sampleCopy();
    const out = join(dir, 'out');
    expect((await runCli(['run', ...flags(), '--out', out, '--quiet'])).code).toBe(0);
    // The same inputs again: the same bytes, nothing is lost by writing them.
    expect((await runCli(['run', ...flags(), '--out', out, '--quiet'])).code).toBe(0);
    // Another month into the same folder: refused, and the folder is as it was.
    const before = read(join(out, 'payroll.csv'));
    const other = await runCli(['run', ...flags('2026-11'), '--out', out, '--lang', 'en']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('already holds the outputs of 2026-10');
    expect(read(join(out, 'payroll.csv')).equals(before)).toBe(true);
    expect((await runCli(['run', ...flags('2026-11'), '--out', out, '--force', '--quiet'])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).period).toBe('2026-11');

    // Final: the files are read-only, and no run writes the folder again, --force or not.
    expect((await runCli(['run', ...flags(), '--out', out, '--force', '--final', '--quiet'])).code).toBe(0);
    expect(statSync(join(out, 'payroll.csv')).mode & 0o777).toBe(0o444);
    const paid = read(join(out, 'payroll.csv'));
    const again = await runCli(['run', ...flags(), '--out', out, '--force', '--lang', 'en']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[OUTPUT_FINAL]');
    expect(read(join(out, 'payroll.csv')).equals(paid)).toBe(true);

    const verified = await runCli(['verify', out, '--lang', 'en']);
    expect(verified.stderr).toBe('');
    expect(verified.stdout).toContain('2026-10: 6 inputs unchanged; the 7 outputs computed again are identical');
    expect(verified.code).toBe(0);
    // An output edited by hand after the run: verify names it.
    chmodSync(join(out, 'report.csv'), 0o644);
    writeFileSync(join(out, 'report.csv'), readFileSync(join(out, 'report.csv'), 'utf8').replace('K001', 'K999'));
    const edited = await runCli(['verify', out, '--lang', 'en']);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain('report.csv differs from the month computed again (the file was changed after the run)');
  });
});

describe('--prior: a late refund of a paid month', () => {
  it('comes into the next month as one line 上月追溯调整 of the difference, worked by hand', async () => {
    // October is paid (final). A week later the stats export of October is downloaded again: 晓燕's
    // 成功退款金额 is 20,145.86 instead of 10,145.86 (a refund of 10,000.00 that came late).
    // K001 王晓燕 in October: 询单最终付款金额 622,445.36 − 成功退款金额 10,145.86 = cs_sales_net 612,299.50;
    // 销售提成 marginal: 500,000 × 0.2% = 1,000.00 + 112,299.50 × 0.3% = 336.90 → 1,336.90, × factor 1.
    // Recomputed: net 602,299.50 → 1,000.00 + 102,299.50 × 0.3% = 306.8985 → 1,306.90: 30.00 less.
    // Her KPI falls by 10,000 / 650,000 of 销售达成率 (1.15 points of 50): she stays in the 85–95 band
    // (factor 1.0) and out of the prizes; her 组长提成 is on her team's other members' sales and the
    // 团队PK赛 on conversion, neither of which a refund moves: the commission is the only change, −30.00.
    // Her October total: 4,800.00 + 1,336.90 + 组长提成 2,395.84 + 团队PK赛 166.67 = 8,699.41.
    const { dir, flags } = sampleCopy();
    const october = join(dir, 'out', '2026-10');
    expect((await runCli(['run', ...flags(), '--out', october, '--final', '--quiet'])).code).toBe(0);
    const statsA = join(dir, 'in', 'stats-shop-a.csv');
    writeFileSync(statsA, readFileSync(statsA, 'utf8').replace('"¥10,145.86"', '"¥20,145.86"'));

    // November (the sample's files stand in for November's own) carries October's difference.
    const november = join(dir, 'out', '2026-11');
    const run = await runCli(['run', ...flags('2026-11'), '--out', november, '--prior', october, '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const sheet = JSON.parse(readFileSync(join(november, 'payroll.json'), 'utf8'));
    const carried = sheet.agents.flatMap((a: { agent_id: string; lines: { name: string; amount: string; reason?: string }[] }) => a.lines.filter((l) => l.name.startsWith('上月追溯调整')).map((l) => ({ id: a.agent_id, ...l })));
    expect(carried).toHaveLength(1);
    expect(carried[0]).toMatchObject({ id: 'K001', name: '上月追溯调整 2026-10', amount: '-30.00' });
    expect(carried[0].reason).toContain('2026-10 重算：实发 8,699.41 → 8,669.41');
    expect(carried[0].reason).toContain('stats-shop-a.csv');
    // The manifest keeps the carried line, so that November can be verified (made again with it) and,
    // paid, carried from in December without counting October's difference a second time.
    const prior = JSON.parse(readFileSync(join(november, 'manifest.json'), 'utf8')).prior;
    expect(prior).toMatchObject({ path: '../2026-10', period: '2026-10', lines: [{ agent_id: 'K001', item: '上月追溯调整 2026-10', amount: '-30.00' }] });
    const verified = await runCli(['verify', november, '--lang', 'en']);
    expect(verified.stderr).toBe('');
    expect(verified.stdout).toContain('the 7 outputs computed again are identical');
    // The paid folder is only read: not by run, not by -o into it.
    expect((await runCli(['run', ...flags(), '--out', october, '--force'])).code).toBe(1);
    const into = await runCli(['payroll', ...flags(), '-o', join(october, 'payroll.csv'), '--lang', 'en']);
    expect(into.code).toBe(1);
    expect(into.stderr).toContain("is a final (paid) month's folder: kefu writes nothing in it");
    // A month carries only the one just before it: December cannot carry October again.
    const december = await runCli(['run', ...flags('2026-12'), '--out', join(dir, 'out', '2026-12'), '--prior', october, '--lang', 'en']);
    expect(december.code).toBe(1);
    expect(december.stderr).toContain('[PRIOR_NOT_PREVIOUS]');
  });
});

describe('--prior over raw data: the orders that changed are named', () => {
  it('a line of an order refunded in full after October was paid: commission and units, worked by hand', async () => {
    // The raw sample month: K001 王晓燕 is credited with order 2190121325584415426, paid 30 Oct:
    // E80-60L 3,999.00 and ACC-混水阀 129.00, nothing refunded. October: cs_sales_net 172,962.00,
    // factor 1.2; 销售提成 172,962.00 × 0.2% × 1.2 = 415.1088 → 415.11; 单台提成 (17 × 15 + 9 × 10 +
    // 39 × 5) × 1.2 = 648.00. After October is paid the 混水阀 (a "*" unit, 5.00) is refunded in full.
    // Recomputed: net 172,833.00 → × 0.2% × 1.2 = 414.7992 → 414.80 (−0.31); units 39 → 38 of "*" →
    // 535 × 1.2 = 642.00 (−6.00). Her 销售达成率 is still past 108% (120 points, the cap): KPI, factor,
    // rank and prizes do not move. The line: −6.31, naming the order.
    const dir = tmp();
    cpSync(join(repo, 'fixtures', '2026-10-raw'), join(dir, 'in'), { recursive: true });
    const at = (name: string) => join(dir, 'in', name);
    const flags = (period: string) => ['--scheme', at('scheme.yaml'), '--period', period, '--roster', join(sample, 'roster.csv'), '--messages', at('messages.csv'), '--orders', at('orders.csv'), '--facts', at('facts.csv')];
    const october = join(dir, 'out', '2026-10');
    // An everyday run first, then the same month marked final: the same seven outputs, so no --force is needed.
    expect((await runCli(['run', ...flags('2026-10'), '--out', october, '--quiet'])).code).toBe(0);
    expect((await runCli(['run', ...flags('2026-10'), '--out', october, '--final', '--quiet'])).code).toBe(0);
    const credits = JSON.parse(readFileSync(join(october, 'credits.json'), 'utf8'));
    expect(credits.orders.find((c: { order: string }) => c.order === '2190121325584415426')).toEqual({ order: '2190121325584415426', agent_id: 'K001', amount: '4128.00', refund: '0.00', units: 2 });
    const orders = readFileSync(at('orders.csv'), 'utf8');
    const refunded = orders.replace(/^(2190121325584415426,.*,129\.00,ACC-混水阀,1,)0\.00/m, '$1129.00');
    expect(refunded).not.toBe(orders);
    writeFileSync(at('orders.csv'), refunded);

    const november = join(dir, 'out', '2026-11');
    expect((await runCli(['run', ...flags('2026-11'), '--out', november, '--prior', october, '--quiet'])).code).toBe(0);
    const sheet = JSON.parse(readFileSync(join(november, 'payroll.json'), 'utf8'));
    const carried = sheet.agents.flatMap((a: { agent_id: string; lines: { name: string; amount: string; reason?: string }[] }) => a.lines.filter((l) => l.name.startsWith('上月追溯调整')).map((l) => ({ id: a.agent_id, ...l })));
    expect(carried).toHaveLength(1);
    expect(carried[0]).toMatchObject({ id: 'K001', amount: '-6.31' });
    expect(carried[0].reason).toContain('2026-10 重算：实发 6,063.11 → 6,056.80');
    expect(carried[0].reason).toContain('变动的订单：2190121325584415426 退款 0.00 → 129.00、件数 2 → 1');
  }, 60_000);

  it('compare of a scheme with itself over raw data: one read worked out twice, every change 0.00', async () => {
    const raw = join(repo, 'fixtures', '2026-10-raw');
    const args = ['--period', '2026-10', '--roster', join(sample, 'roster.csv'), '--messages', join(raw, 'messages.csv'), '--orders', join(raw, 'orders.csv'), '--facts', join(raw, 'facts.csv')];
    const result = await runCli(['compare', '--scheme', join(raw, 'scheme.yaml'), '--scheme', join(raw, 'scheme.yaml'), ...args, '--format', 'json']);
    expect(result.code).toBe(0);
    const comparison = JSON.parse(result.stdout);
    expect(comparison.agents.every((a: { change: string }) => a.change === '0.00')).toBe(true);
    const payroll = JSON.parse((await runCli(['payroll', '--scheme', join(raw, 'scheme.yaml'), ...args, '--format', 'json'])).stdout);
    expect(comparison.team.total).toEqual({ a: payroll.total, b: payroll.total });
  }, 60_000);
});

describe('kefu compare', () => {
  it('shows each agent under both schemes and the change, worked by hand', async () => {
    // scheme-proposed.yaml: 售前 weights 40/20/20/20 (were 50/20/15/15), one flat 0.3% of net sales
    // (was marginal 0.2% / 0.3% / 0.5% at 500,000 and 1,000,000), first rank prize 1,000 (was 800).
    // K004 张伟: net 1,293,221.98, factor 1 under both. A: 1,000.00 + 1,500.00 + 293,221.98 × 0.5%
    //   (1,466.1099) = 3,966.11; B: 1,293,221.98 × 0.3% = 3,879.66594 → 3,879.67. Change −86.44.
    // K020 郑凯: net 716,931.32; points 120 / 100 / 80 / 100 → A 60 + 20 + 12 + 15 = 107, B 48 + 20 +
    //   16 + 20 = 104: factor 1.2 under both. Commission A (1,000 + 216,931.32 × 0.3%) × 1.2 =
    //   1,980.95; B 716,931.32 × 0.3% × 1.2 = 2,580.95: +600.00. First prize (K023 is disqualified):
    //   800 → 1,000, +200.00. Change +800.00, the most of anyone.
    // K007 赵敏: no data, base only (3,500.00) under both: 0.00.
    // The lines both schemes share (组长提成 on the team's others, 团队PK赛, the 售后 pool) are the same
    // under both: K020 also has 2,454.61 of 组长提成 (0.05% of 外包安徽组's others' 4,909,210.28), and
    // K004 166.67 of 团队PK赛 (售前一组's 26.63% beat 售前二组's 24.71%: 1,000.00 over its six, the
    // first four fen to the first agent_ids).
    const { flags } = sampleCopy();
    const args = flags().slice(2); // without the first --scheme
    const proposed = join(sample, 'scheme-proposed.yaml');
    const result = await runCli(['compare', '--scheme', join(sample, 'scheme.yaml'), '--scheme', proposed, ...args, '--format', 'json']);
    expect(result.code).toBe(0);
    const comparison = JSON.parse(result.stdout);
    const agent = (id: string) => comparison.agents.find((a: { agent_id: string }) => a.agent_id === id);
    expect(agent('K004')).toMatchObject({ total: { a: '9832.78', b: '9746.34' }, change: '-86.44' });
    expect(agent('K020')).toMatchObject({ kpi_score: { a: 107, b: 104 }, rank: { a: 2, b: 2 }, total: { a: '10035.56', b: '10835.56' }, change: '800.00' });
    expect(agent('K007')).toMatchObject({ total: { a: '3500.00', b: '3500.00' }, change: '0.00' });
    expect(comparison.gains[0]).toBe('K020');
    expect(comparison.losses[0]).toBe('K008');
    // The team's change is the sum of the agents' (parts add up), and A's total is the sample sheet's 149,596.90.
    const cents = (s: string) => Math.round(Number(s) * 100);
    expect(comparison.team.total.a).toBe('149596.90');
    expect(comparison.agents.reduce((sum: number, a: { change: string }) => sum + cents(a.change), 0)).toBe(cents(comparison.team.change));
  });
});

describe('the progress line', () => {
  const io = (tty: boolean) => {
    let stderr = '';
    return {
      io: { stdout: { write: () => true, isTTY: false }, stderr: { write: (s: string) => (stderr += s), isTTY: tty }, env: { KEFU_PROGRESS_MIN_BYTES: '0' }, readStdin: async () => new Uint8Array() },
      stderr: () => stderr,
    };
  };
  it('is drawn in place on a terminal, and cleared', async () => {
    const { flags } = sampleCopy();
    const t = io(true);
    expect(await main(['check', ...flags()], t.io)).toBe(0);
    expect(t.stderr()).toMatch(/\r\u001b\[K读取 0\.0 \/ 0\.0 MB/);
    // Cleared before the issues and the summary are printed.
    expect(t.stderr()).toMatch(/\r\u001b\[Kkefu: 警告/);
    expect(t.stderr().endsWith('0 个错误，4 个警告，30 人\n')).toBe(true);
  });
  it('is never written to a pipe or a log, nor with --quiet', async () => {
    const { flags } = sampleCopy();
    const piped = io(false);
    expect(await main(['check', ...flags()], piped.io)).toBe(0);
    expect(piped.stderr()).not.toContain('\r');
    const quiet = io(true);
    expect(await main(['check', ...flags(), '--quiet'], quiet.io)).toBe(0);
    expect(quiet.stderr()).not.toContain('读取');
  });
});

describe('kefu.yaml at its edges (from review)', () => {
  it('never reads kefu\'s own outputs: a glob reaching into the output folder leaves them out', async () => {
    const dir = tmp();
    const data = join(dir, '数据', '2026-10');
    mkdirSync(data, { recursive: true });
    for (const name of ['scheme.yaml', 'roster.csv']) cpSync(join(sample, name), join(dir, name));
    cpSync(join(sample, 'stats-shop-a.csv'), join(data, 'a.csv'));
    cpSync(join(sample, 'facts.csv'), join(dir, 'facts.csv'));
    writeFileSync(join(dir, 'kefu.yaml'), 'scheme: scheme.yaml\nroster: roster.csv\nstats: 数据/{period}/*.csv\nfacts: facts.csv\nout: 数据/{period}/结果\n');
    const args = ['run', '--config', join(dir, 'kefu.yaml'), '--period', '2026-10', '--quiet'];
    expect((await runCli(args)).code).toBe(0);
    // 数据/2026-10/结果/report.csv is under the pattern's folder only one level down: a flat out: is the case that bit.
    writeFileSync(join(dir, 'kefu.yaml'), 'scheme: scheme.yaml\nroster: roster.csv\nstats: 数据/{period}/*.csv\nfacts: facts.csv\nout: 数据/{period}\n');
    expect((await runCli([...args, '--force'])).code).toBe(0);
    const again = await runCli(args);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
  });
});
