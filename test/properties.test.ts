// Invariants over the sample month: the sheet adds up, row order never matters, the CSV is the JSON.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { random, shuffle } from './helpers/random.js';

const month = join(import.meta.dirname, '..', 'fixtures', '2026-10');
const inputs = {
  roster: join(month, 'roster.csv'),
  statsA: join(month, 'stats-shop-a.csv'),
  statsB: join(month, 'stats-shop-b-gbk.csv'),
  facts: join(month, 'facts.csv'),
  adjustments: join(month, 'adjustments.csv'),
};
const args = (files: typeof inputs) => [
  '--scheme', join(month, 'scheme.yaml'), '--period', '2026-10', '--roster', files.roster,
  '--stats', files.statsA, files.statsB, '--facts', files.facts, '--adjustments', files.adjustments,
];

const fen = (amount: string) => BigInt(amount.replace('.', ''));

interface PayrollJson {
  agents: { agent_id: string; lines: { kind: string; name: string; amount: string }[]; total: string }[];
  columns: { kind: string; name: string; total: string }[];
  total: string;
}

async function payrollJson(files = inputs): Promise<PayrollJson> {
  const result = await runCli(['payroll', ...args(files), '--format', 'json']);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as PayrollJson;
}

/** A seeded shuffle, so a failure can be reproduced. */
const shuffled = <T>(items: readonly T[], seed: number): T[] => shuffle(items, random(seed));

/** Shuffle a CSV's data rows (header first; summary rows are rows like any other to the reader). */
function shuffleFile(path: string, seed: number, dir: string, encoding: 'utf8' | 'gbk' = 'utf8'): string {
  const bytes = readFileSync(path);
  const text = encoding === 'gbk' ? new TextDecoder('gb18030').decode(bytes) : bytes.toString('utf8');
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  const out = join(dir, `${seed}-${path.split('/').pop()}`);
  // Written back as UTF-8: the GBK file's content, in another order and encoding.
  writeFileSync(out, [lines[0], ...shuffled(lines.slice(1), seed)].join('\n') + '\n');
  return out;
}

describe('properties of the sample month', () => {
  it('every agent’s lines add up to their total, and the totals to the sheet total', async () => {
    const sheet = await payrollJson();
    let grand = 0n;
    for (const agent of sheet.agents) {
      expect(agent.lines.reduce((sum, l) => sum + fen(l.amount), 0n), agent.agent_id).toBe(fen(agent.total));
      grand += fen(agent.total);
    }
    expect(grand).toBe(fen(sheet.total));
    // The totals row: each column's total is the sum of its cells, and the columns add up to the total.
    for (const column of sheet.columns) {
      const cells = sheet.agents.flatMap((a) => a.lines.filter((l) => l.kind === column.kind && l.name === column.name));
      expect(cells.reduce((sum, l) => sum + fen(l.amount), 0n), column.name).toBe(fen(column.total));
    }
    expect(sheet.columns.reduce((sum, c) => sum + fen(c.total), 0n)).toBe(fen(sheet.total));
  });

  it('shuffling the rows of every input changes nothing', async () => {
    const reference = await payrollJson();
    const referenceReport = JSON.parse((await runCli(['report', ...args(inputs), '--format', 'json'])).stdout);
    const dir = mkdtempSync(join(tmpdir(), 'kefu-shuffle-'));
    for (const seed of [1, 2, 3, 4, 5]) {
      const files = {
        roster: shuffleFile(inputs.roster, seed, dir),
        statsA: shuffleFile(inputs.statsA, seed, dir),
        statsB: shuffleFile(inputs.statsB, seed, dir, 'gbk'),
        facts: shuffleFile(inputs.facts, seed, dir),
        adjustments: shuffleFile(inputs.adjustments, seed, dir),
      };
      expect(await payrollJson(files)).toEqual(reference);
      const report = JSON.parse((await runCli(['report', ...args(files), '--format', 'json'])).stdout);
      expect(report.agents).toEqual(referenceReport.agents);
      expect(report.team).toEqual(referenceReport.team);
    }
  });

  it('the bonus sheet CSV parses back to the JSON’s amounts', async () => {
    const sheet = await payrollJson();
    const csv = await runCli(['payroll', ...args(inputs), '--format', 'csv', '--lang', 'en']);
    const [header, ...rows] = parse(csv.stdout, { bom: true }) as string[][];
    const totals = rows.pop() as string[];
    expect(rows).toHaveLength(sheet.agents.length);
    sheet.agents.forEach((agent, i) => {
      const row = rows[i] as string[];
      expect(row[0]).toBe(agent.agent_id);
      sheet.columns.forEach((column, c) => {
        const lines = agent.lines.filter((l) => l.kind === column.kind && l.name === column.name);
        const expected = lines.length === 0 ? '' : (lines.reduce((s, l) => s + fen(l.amount), 0n) / 1n).toString();
        const cell = row[3 + c] as string;
        expect(cell === '' ? '' : fen(cell).toString(), `${agent.agent_id} ${header?.[3 + c]}`).toBe(expected);
      });
      expect(row[row.length - 1]).toBe(agent.total);
    });
    expect(totals[totals.length - 1]).toBe(sheet.total);
  });

  it('the report CSV has one row per agent of the JSON, in the same order', async () => {
    const json = JSON.parse((await runCli(['report', ...args(inputs), '--format', 'json'])).stdout);
    const csv = await runCli(['report', ...args(inputs), '--format', 'csv', '--lang', 'en']);
    const [header, ...rows] = parse(csv.stdout) as string[][];
    expect(rows.map((r) => r[1])).toEqual(json.agents.map((a: { agent_id: string }) => a.agent_id));
    const scoreColumn = (header as string[]).indexOf('KPI score');
    expect(rows.map((r) => Number(r[scoreColumn]))).toEqual(json.agents.map((a: { kpi_score: number }) => a.kpi_score));
  });
});
