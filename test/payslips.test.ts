// Payslips (工资条): `kefu payroll --per-agent -o DIR` writes one statement per agent, Markdown and
// CSV, and an index, all or none. Each slip's lines are the bonus sheet's; one slip is compared whole
// with test/payslips/K003-李娜.md, whose figures were worked by hand:
//   commission (500000 × 0.2% + 500000 × 0.3% + 261434.11 × 0.5%) × 0.8 = 3807.17055 × 0.8 = 3045.74;
//   KPI 30.12 + 20.00 + 12.00 + 15.00 = 77.12 ≥ 70 → factor 0.8;
//   total 4000 + 3045.74 + 200 + 375 + 400 + 100 = 8120.74.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const root = join(import.meta.dirname, '..');
const month = ['--scheme', 'fixtures/2026-10/scheme.yaml', '--period', '2026-10', '--roster', 'fixtures/2026-10/roster.csv', '--stats', 'fixtures/2026-10/stats-shop-a.csv', 'fixtures/2026-10/stats-shop-b-gbk.csv', '--facts', 'fixtures/2026-10/facts.csv', '--adjustments', 'fixtures/2026-10/adjustments.csv'].map((a) => (a.startsWith('fixtures') ? join(root, a) : a));

describe('payslips', () => {
  it('one per agent, Markdown and CSV, whose lines are the bonus sheet’s', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kefu-slips-')), 'slips');
    const result = await runCli(['payroll', ...month, '--per-agent', '-o', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`已写入 30 份工资条到 ${dir}`);
    const files = readdirSync(dir);
    expect(files).toHaveLength(61);
    const sheet = JSON.parse((await runCli(['payroll', ...month, '--format', 'json'])).stdout) as { agents: { agent_id: string; name: string; lines: { name: string; amount: string }[]; total: string }[]; total: string };
    const index = JSON.parse(readFileSync(join(dir, 'payslips.json'), 'utf8')) as { period: string; total: string; agents: { agent_id: string; total: string; md: string; csv: string }[] };
    expect(index.period).toBe('2026-10');
    expect(index.total).toBe(sheet.total);
    for (const agent of sheet.agents) {
      const entry = index.agents.find((a) => a.agent_id === agent.agent_id)!;
      expect(entry.total).toBe(agent.total);
      expect(entry.md).toBe(`${agent.agent_id}-${agent.name}.md`);
      // The CSV's pay rows are the sheet's lines, in order, then the total.
      const rows = parse(readFileSync(join(dir, entry.csv)), { bom: true }) as string[][];
      const pay = rows.filter((r) => r[0] === '工资');
      expect(pay.map((r) => r[3])).toEqual([...agent.lines.map((l) => l.amount), agent.total]);
      expect(readFileSync(join(dir, entry.md), 'utf8')).toContain(`| **合计** | **${Number(agent.total).toLocaleString('en-US', { minimumFractionDigits: 2 })}** |`);
    }
    expect(readFileSync(join(dir, 'K003-李娜.md'), 'utf8')).toBe(readFileSync(join(import.meta.dirname, 'payslips', 'K003-李娜.md'), 'utf8'));
  });

  it('needs a folder', async () => {
    const result = await runCli(['payroll', ...month, '--per-agent']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--per-agent writes one file per agent: name the folder with -o DIR');
  });
});
