// `kefu init`: the three starter files, written together or not at all, and never over a file that is
// there; the starter scheme read by the real parser, with the AO Smith interview's weights (seeds/000),
// and a tiny month computed with it to the fen; kefu.yaml in the form the config loader reads.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseScheme } from '../src/parse/scheme.js';
import { showNumber } from '../src/core/num/rational.js';
import { runCli } from './helpers/cli.js';

const templates = join(import.meta.dirname, '..', 'templates');
const fresh = () => mkdtempSync(join(tmpdir(), 'kefu-init-'));

/** A month for the two example rows of the roster template: their accounts' export and their facts. */
const STATS = [
  '旺旺昵称,询单人数,询单最终付款人数,询单最终付款转化率,首次响应时长（秒),客户满意率,询单最终付款金额,成功退款金额',
  '示例旗舰店:晓燕,400,120,30.00%,12.5,97.00%,"¥620,000.00","¥8,000.00"',
  '示例专卖店:晓燕,100,20,20.00%,18,96.00%,"¥90,000.00",0',
  '示例旗舰店:娜娜,300,0,0%,16,98.50%,0,0',
].join('\n');
const FACTS = ['工号,姓名,销售目标,套餐目标,套餐销售额,质检分,黄牌,红牌,直播时长', 'K001,王晓燕,650000,100000,92000,,0,0,12', 'K002,李娜,,,,95,1,0,'].join('\n');

describe('kefu init', () => {
  it('writes scheme.yaml, roster.csv (UTF-8 with BOM) and kefu.yaml, and says what to run next', async () => {
    const dir = join(fresh(), '客服绩效');
    const result = await runCli(['init', dir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['kefu.yaml', 'roster.csv', 'scheme.yaml']);
    expect(readFileSync(join(dir, 'scheme.yaml'), 'utf8')).toBe(readFileSync(join(templates, 'scheme.yaml'), 'utf8'));
    const roster = readFileSync(join(dir, 'roster.csv'));
    expect([...roster.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(result.stdout).toContain(`已写入 ${dir} ：`);
    expect(result.stdout).toContain('kefu check --config kefu.yaml --period 2026-10');
    expect(result.stdout).toContain('kefu run --config kefu.yaml --period 2026-10');
    const english = await runCli(['init', join(dir, 'en'), '--lang', 'en']);
    expect(english.stdout).toMatch(/^wrote into .*\nnext:/ms);
  });

  it('writes into the current folder by default', () => {
    // main() runs in-process and a worker cannot chdir: the built command runs in the folder instead.
    const dir = fresh();
    const printed = execFileSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'kefu.js'), 'init'], { cwd: dir, encoding: 'utf8' });
    expect(readdirSync(dir).sort()).toEqual(['kefu.yaml', 'roster.csv', 'scheme.yaml']);
    expect(printed).toMatch(/^已写入当前文件夹：\n/);
    expect(printed).not.toContain('cd ');
  });

  it('refuses to overwrite: with any of the three there, it writes none and names each one there', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'roster.csv'), '工号,姓名\n');
    const result = await runCli(['init', dir, '--lang', 'en']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${join(dir, 'roster.csv')}: error: already there: kefu init never overwrites a file, and wrote none of its three; move or rename it, or run kefu init in another folder [INIT_FILE_EXISTS]\n`);
    expect(readdirSync(dir)).toEqual(['roster.csv']);
    expect(readFileSync(join(dir, 'roster.csv'), 'utf8')).toBe('工号,姓名\n');

    // A second init over a first one names all three, in Chinese by default.
    const again = fresh();
    expect((await runCli(['init', again])).code).toBe(0);
    const second = await runCli(['init', again]);
    expect(second.code).toBe(1);
    expect(second.stderr.trim().split('\n').map((line) => line.slice(0, line.indexOf(':')))).toEqual(['kefu.yaml', 'roster.csv', 'scheme.yaml'].map((name) => join(again, name)));
    expect(second.stderr).toContain('[INIT_FILE_EXISTS]');
  });

  it('into a path that is a file: exit 1, one line, nothing written', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'taken'), 'x');
    const result = await runCli(['init', join(dir, 'taken', 'sub'), '--lang', 'en']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^kefu: cannot write .*taken.* is a file, not a folder; nothing was written\n$/);
    expect(readdirSync(dir)).toEqual(['taken']);
  });
});

describe('the starter scheme', () => {
  const text = readFileSync(join(templates, 'scheme.yaml'), 'utf8');
  const parsed = parseScheme(text, 'scheme.yaml');

  it('reads with the real parser, without a single issue', () => {
    expect(parsed.issues).toEqual([]);
    expect(parsed.scheme).toBeDefined();
  });

  it('weighs 售前 as the AO Smith interview does: 50 sales target, 20 bundle target, 30 conversion and response', () => {
    const kpi = parsed.scheme?.groups.get('售前')?.kpi.map((item) => [item.metric, showNumber(item.weight)]);
    expect(kpi).toEqual([
      ['sales_attainment', '50'],
      ['bundle_attainment', '20'],
      ['conversion', '15'],
      ['first_response_s', '15'],
    ]);
    // The comment quotes the interview word for word (CI has ../shared beside the clone).
    expect(text).toContain('赤兔访谈第 53 期');
    const quoted = /“(绩效考核中的50%[^”]*)”/s.exec(text)?.[1]?.replace(/\s*#\s*/g, '');
    expect(quoted).toContain('剩余30%');
    const seed = join(import.meta.dirname, '..', '..', 'shared', 'seeds', '000_7a3c1e7aa256e3c9.txt');
    if (existsSync(seed)) expect(readFileSync(seed, 'utf8')).toContain(quoted);
  });

  it('explains each section in Chinese: weights, bands, factor, commission, deductions', () => {
    for (const words of ['KPI 和权重', '分档打分', '绩效系数', '提成', '扣款', '一票否决']) expect(text).toContain(words);
    // Every line of the scheme is Chinese comment or YAML: no English prose.
    const comments = text.split('\n').filter((line) => line.trim().startsWith('#'));
    for (const line of comments) expect(line, line).not.toMatch(/\b(the|and|of|is)\b/);
  });

  it('checks clean and computes a tiny month with the roster template, to the fen', async () => {
    const dir = fresh();
    expect((await runCli(['init', dir])).code).toBe(0);
    writeFileSync(join(dir, 'stats.csv'), STATS);
    writeFileSync(join(dir, 'facts.csv'), FACTS);
    const inputs = ['--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'), '--stats', join(dir, 'stats.csv'), '--facts', join(dir, 'facts.csv'), '--lang', 'en'];
    const check = await runCli(['check', ...inputs]);
    expect(check.stderr).toBe('0 error(s), 0 warning(s), 2 agent(s)\n');
    expect(check.code).toBe(0);

    const out = join(dir, 'out');
    const run = await runCli(['run', ...inputs, '--out', out]);
    expect(run.code).toBe(0);
    const payroll = JSON.parse(readFileSync(join(out, 'payroll.json'), 'utf8')) as { agents: { agent_id: string; lines: { name: string; amount: string }[]; total: string }[] };
    const lines = (id: string) => Object.fromEntries(payroll.agents.find((a) => a.agent_id === id)?.lines.map((l) => [l.name, l.amount]) ?? []);
    // K001, 组长 of 售前: net sales 620,000 + 90,000 − 8,000 = 702,000 against a target of 650,000 is 108%,
    // 120 points (capped); bundles 92,000 / 100,000 = 92%, 84 points; conversion 140 / 500 = 28%, 80;
    // first response 13.6 s, 100. KPI 50×1.2 + 20×0.84 + 15×0.8 + 15×1 = 103.8: factor 1.2.
    // Commission (500,000 × 0.2% + 202,000 × 0.3%) × 1.2 = 1,927.20; first of the group, 800; 12 h live, 360.
    expect(lines('K001')).toMatchObject({ base: '4800.00', 销售提成: '1927.20', 绩效排名奖: '800.00', 直播补贴: '360.00', 黄牌扣款: '0.00' });
    expect(payroll.agents.find((a) => a.agent_id === 'K001')?.total).toBe('7887.20');
    // K002, 售后, her own 底薪 3,200: 服务之星 300, one yellow card −50.
    expect(lines('K002')).toMatchObject({ base: '3200.00', 服务之星: '300.00', 黄牌扣款: '-50.00' });
    expect(payroll.agents.find((a) => a.agent_id === 'K002')?.total).toBe('3450.00');
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { agents: { agent_id: string; kpi_score: number; factor: number }[] };
    expect(report.agents.find((a) => a.agent_id === 'K001')).toMatchObject({ kpi_score: 103.8, factor: 1.2 });
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('kefu.yaml', () => {
  const text = readFileSync(join(templates, 'kefu.yaml'), 'utf8');

  it('is in the form the config loader reads: these keys, paths relative to it, {period} in the monthly ones', () => {
    expect(parse(text)).toEqual({
      scheme: 'scheme.yaml',
      roster: 'roster.csv',
      stats: '数据/{period}/客服绩效*.csv',
      facts: '数据/{period}/考核.csv',
      adjustments: '数据/{period}/调整.csv',
      out: '输出/{period}',
    });
    for (const key of ['messages', 'orders', 'order_lines', 'lang', 'encoding']) expect(text).toMatch(new RegExp(`^# ${key}: `, 'm'));
  });

  it('shows the cron line it enables', () => {
    expect(text).toContain('kefu run --config kefu.yaml --period last-month');
  });
});
