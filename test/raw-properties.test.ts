// Properties of the raw month (SPEC §2) on the raw sample: the order of rows never matters, nor how
// the log is split into files, and the shop's sales are the agents' plus the silent ones, to the fen.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { random, shuffle } from './helpers/random.js';

const raw = join(import.meta.dirname, '..', 'fixtures', '2026-10-raw');
const roster = join(raw, '..', '2026-10', 'roster.csv');

/** A CSV's records, header first, each written back as one CSV record (quotes and newlines kept). */
function records(path: string): string[] {
  const rows = parse(readFileSync(path), { bom: true, relax_column_count: true }) as string[][];
  return rows.map((row) => stringify([row]).replace(/\n$/, ''));
}

const fen = (amount: string) => BigInt(amount.replace('.', ''));

async function report(messages: readonly string[], orders: readonly string[]) {
  const result = await runCli([
    'report', '--scheme', join(raw, 'scheme.yaml'), '--period', '2026-10', '--roster', roster,
    '--messages', ...messages, '--orders', ...orders, '--facts', join(raw, 'facts.csv'), '--format', 'json',
  ]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

describe('the raw month', () => {
  const messages = records(join(raw, 'messages.csv'));
  const orders = records(join(raw, 'orders.csv'));

  it('Σ cs_sales of the agents + silent sales = shop sales, to the fen', async () => {
    const month = await report([join(raw, 'messages.csv')], [join(raw, 'orders.csv')]);
    const agents = month.agents.reduce((sum: bigint, a: { metrics: { cs_sales?: string } }) => sum + fen(a.metrics.cs_sales ?? '0.00'), 0n);
    expect(agents + fen(month.team.silent_sales)).toBe(fen(month.team.shop_sales));
    expect(fen(month.team.cs_sales)).toBe(agents);
  });

  for (const seed of [1, 2, 3]) {
    it(`shuffled rows, split into three files each, change nothing (seed ${seed})`, async () => {
      const reference = await report([join(raw, 'messages.csv')], [join(raw, 'orders.csv')]);
      const dir = mkdtempSync(join(tmpdir(), `kefu-raw-prop-${seed}-`));
      const next = random(seed);
      const write = (name: string, rows: readonly string[], parts: number) => {
        const shuffled = shuffle(rows.slice(1), next);
        return Array.from({ length: parts }, (_, k) => {
          const path = join(dir, `${name}-${k}.csv`);
          writeFileSync(path, [rows[0], ...shuffled.filter((_, i) => i % parts === k)].join('\n') + '\n');
          return path;
        });
      };
      const month = await report(write('messages', messages, 3), write('orders', orders, 3));
      expect(month.agents).toEqual(reference.agents);
      expect(month.team).toEqual(reference.team);
    });
  }
});
