// Hostile or careless input that must not reach the terminal, change an output's order, or hang:
// a name holding a terminal escape sequence is shown escaped (and left out of the CSV), report.json is
// the same whatever the order of the export's rows, and a 10-million-character metric name is
// refused at once.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nearest } from '../src/core/model/suggest.js';
import { runCli } from './helpers/cli.js';
import { random, shuffle } from './helpers/random.js';
import { inputSpec, quietIO } from './helpers/spec.js';

const root = join(import.meta.dirname, '..', 'fixtures', '2026-10');
const month = (stats: string[]) => ['--scheme', join(root, 'scheme.yaml'), '--period', '2026-10', '--roster', join(root, 'roster.csv'), '--stats', ...stats, '--facts', join(root, 'facts.csv'), '--adjustments', join(root, 'adjustments.csv')];

describe('hostile input', () => {
  it('shows a terminal escape in a name as its code, on the table and in messages, and leaves it out of the CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-hostile-'));
    const roster = readFileSync(join(root, 'roster.csv'), 'utf8').replace('王晓燕', '王\u001b]0;pwned\u0007晓燕');
    writeFileSync(join(dir, 'roster.csv'), roster);
    const args = ['--scheme', join(root, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'), '--stats', join(root, 'stats-shop-a.csv'), join(root, 'stats-shop-b-gbk.csv'), '--facts', join(root, 'facts.csv'), '--adjustments', join(root, 'adjustments.csv')];
    const table = await runCli(['payroll', ...args]);
    expect(table.stdout).not.toMatch(/[\u001b\u0007]/);
    expect(table.stdout).toContain('王\\x1b]0;pwned\\x07晓燕');
    const csv = await runCli(['payroll', ...args, '--format', 'csv']);
    expect(csv.stdout).not.toMatch(/[\u001b\u0007]/);
    expect(csv.stdout).toContain('王]0;pwned晓燕');
    const unknown = await runCli(['explain', 'K0\u001b[2J01', ...args]);
    expect(unknown.code, unknown.stderr).toBe(1);
    expect(unknown.stderr).not.toContain('\u001b');
    expect(unknown.stderr).toContain('"K0\\u001b[2J01"');
  });

  it('gives the same report.json whatever the order of the export’s rows', async () => {
    // Both exports in one folder, so that their warnings sort the same way in every run.
    const dir = mkdtempSync(join(tmpdir(), 'kefu-order-'));
    writeFileSync(join(dir, 'stats-shop-b-gbk.csv'), readFileSync(join(root, 'stats-shop-b-gbk.csv')));
    const lines = readFileSync(join(root, 'stats-shop-a.csv'), 'utf8').trimEnd().split(/\r?\n/);
    const run = async (body: readonly string[]) => {
      writeFileSync(join(dir, 'stats-shop-a.csv'), `${[lines[0], ...body].join('\r\n')}\r\n`);
      const result = await runCli(['report', ...month([join(dir, 'stats-shop-a.csv'), join(dir, 'stats-shop-b-gbk.csv')]), '--format', 'json']);
      expect(result.code, result.stderr).toBe(0);
      // The rows' lines moved: compare without the places.
      return JSON.parse(result.stdout.replace(/"at": "[^"]*"/g, '"at": ""')) as unknown;
    };
    const base = await run(lines.slice(1));
    for (const seed of [1, 2, 3]) expect(await run(shuffle(lines.slice(1), random(seed))), `seed ${seed}`).toEqual(base);
  });

  it('refuses a 10-million-character metric name at once', () => {
    const started = performance.now();
    expect(nearest('x'.repeat(10_000_000), ['conversion', 'cs_sales', 'first_response_s'])).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('a big file', () => {
  it('loads 300,000 rows without spreading them into a call (which overflows the stack)', async () => {
    const { loadInputs } = await import('../src/cli/load.js');
    const dir = mkdtempSync(join(tmpdir(), 'kefu-big-'));
    const rows = Array.from({ length: 300_000 }, (_, i) => `店:客服${i},${i % 500},${i % 50}`);
    writeFileSync(join(dir, 'stats.csv'), `旺旺昵称,询单人数,询单最终付款人数\n${rows.join('\n')}\n`);
    writeFileSync(join(dir, 'roster.csv'), '工号,姓名,客服账号,岗位\nK001,王,店:客服1,售前\n');
    const loaded = await loadInputs(inputSpec({ scheme: join(root, 'scheme.yaml'), roster: [join(dir, 'roster.csv')], stats: [join(dir, 'stats.csv')] }), quietIO());
    expect(loaded.dataset?.stats).toHaveLength(300_000);
    expect(loaded.dataset?.stats[299_999]?.account).toBe('店:客服299999');
  }, 60_000);
});

describe('a file that is UTF-8 but for a byte', () => {
  it('reads as UTF-8 marked damaged, while a GBK file still reads as GB18030', async () => {
    const { decode } = await import('../src/io/files.js');
    const utf8 = Buffer.from('工号,姓名\nK001,王晓燕\nK002,陈静\n');
    const at = utf8.indexOf(Buffer.from('晓'));
    const damaged = Buffer.concat([utf8.subarray(0, at), Buffer.from([0xff]), utf8.subarray(at)]);
    // One bad byte among 129 CJK characters (the header, two names, 40 more names of 3): 1 in 130,
    // under the 5% of bad characters a UTF-8 file may have before it is taken for another encoding.
    const many = Buffer.concat([damaged, Buffer.from(Array.from({ length: 40 }, (_, i) => `K${100 + i},张三丰\n`).join(''))]);
    expect(decode(many)).toMatchObject({ encoding: 'utf-8', damaged: true });
    expect(decode(many).text).toContain('王\uFFFD晓燕');
    const gbk = Buffer.from([0xb9, 0xa4, 0xba, 0xc5, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb, 0x0a]); // 工号,姓名 in GBK
    expect(decode(gbk)).toEqual({ text: '工号,姓名\n', encoding: 'gb18030' });
  });
});

describe('inputs that are not plain files', () => {
  it('reads a roster and a chat log from pipes (bash process substitution), as from the files', async () => {
    const { spawnSync } = await import('node:child_process');
    const raw = join(root, '..', '2026-10-raw');
    const common = `node bin/kefu.js payroll --scheme ${raw}/scheme.yaml --period 2026-10 --facts ${raw}/facts.csv --format csv`;
    const run = (inputs: string) => spawnSync('bash', ['-c', `${common} ${inputs}`], { cwd: join(root, '..', '..'), encoding: 'utf8' });
    const files = run(`--roster ${root}/roster.csv --messages ${raw}/messages.csv --orders ${raw}/orders.csv`);
    const pipes = run(`--roster <(cat ${root}/roster.csv) --messages <(cat ${raw}/messages.csv) --orders <(cat ${raw}/orders.csv)`);
    expect(files.status, files.stderr).toBe(0);
    expect(pipes.status, pipes.stderr).toBe(0);
    expect(pipes.stdout).toBe(files.stdout);
  });
});
