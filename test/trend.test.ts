// kefu trend at the CLI: the sample history in fixtures/trend is what kefu run writes from its inputs
// (so the goldens read real run folders), and the command's shape — formats from -o, nothing written
// on an error. The figures themselves are worked by hand in unit/trend.test.ts and in the goldens.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const root = join(import.meta.dirname, '..', 'fixtures', 'trend');
const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

describe('fixtures/trend', () => {
  it.each(['08', '09', '10'])('2026-%s is kefu run’s report.json and payroll.json on fixtures/trend/inputs', async (m) => {
    const out = join(mkdtempSync(join(tmpdir(), 'kefu-trend-')), `2026-${m}`);
    const inputs = join(root, 'inputs');
    const r = await runCli(['run', '--scheme', join(root, 'scheme.yaml'), '--period', `2026-${m}`, '--roster', join(inputs, 'roster.csv'), '--stats', join(inputs, `2026-${m}`, 'stats.csv'), '--facts', join(inputs, `2026-${m}`, 'facts.csv'), '--out', out]);
    expect(r.code).toBe(0);
    const report = json(join(out, 'report.json'));
    // August stands for a run from before report.json carried the scheme's derived ratios and labels, and the teams.
    if (m === '08') {
      delete report.derived;
      delete report.labels;
      delete report.teams;
    }
    expect(json(join(root, `2026-${m}`, 'report.json'))).toEqual(report);
    expect(json(join(root, `2026-${m}`, 'payroll.json'))).toEqual(json(join(out, 'payroll.json')));
  });

  it('has manifests whose scheme hash is scheme.yaml’s', () => {
    const sha = createHash('sha256').update(readFileSync(join(root, 'scheme.yaml'))).digest('hex');
    for (const m of ['09', '10']) expect((json(join(root, `2026-${m}`, 'manifest.json')).scheme as { sha256: string }).sha256).toBe(sha);
    expect(existsSync(join(root, '2026-08', 'manifest.json'))).toBe(false);
  });
});

describe('kefu trend', () => {
  const months = ['08', '09', '10'].map((m) => join(root, `2026-${m}`));

  it('writes the format -o names, whole, a CSV with the BOM Excel needs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-trend-out-'));
    const r = await runCli(['trend', ...months, '-o', join(dir, '趋势.csv')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const text = readFileSync(join(dir, '趋势.csv'), 'utf8');
    expect(text.startsWith('\uFEFF工号,姓名,岗位,指标,2026-08,2026-09,2026-10,最低,最高,均值,环比\r\n')).toBe(true);
  });

  it('writes nothing when a folder is not a run folder, and says which', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-trend-out-'));
    const r = await runCli(['trend', ...months, join(root, 'inputs'), '-o', join(dir, 'trend.json'), '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(root, 'inputs')}: error: no report.json in this folder`);
    expect(existsSync(join(dir, 'trend.json'))).toBe(false);
  });

  it('takes one month: its figures are its min, max and mean, with no change', async () => {
    const r = await runCli(['trend', months[2] as string, '--metric', 'conversion', '--format', 'csv', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')[1]).toBe('K01,张三,售前,Conversion,35.00%,35.00%,35.00%,35.00%,');
  });

  it('colours a month below standard red and one at excellent green with --color always, the marks in plain text', async () => {
    const r = await runCli(['trend', ...months, '--scheme', join(root, 'scheme.yaml'), '--metric', 'conversion', '--color', 'always']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\u001b[31m20.00% ▼\u001b[39m');
    expect(r.stdout).toContain('\u001b[32m35.00% ▲\u001b[39m');
    // The colour is the table's, never text a cell escapes (\x1b shown as four characters).
    expect(r.stdout).not.toContain('\\x1b');
    const plain = await runCli(['trend', ...months, '--scheme', join(root, 'scheme.yaml'), '--metric', 'conversion']);
    expect(plain.stdout).not.toContain('\u001b');
  });
});
