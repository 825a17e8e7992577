// The scheme's benchmarks: section under the month's commands: its metrics are checked like every
// other name in the scheme, and naming one is no use of it (it computes nothing, so it calls for no
// column). kefu trend's own use of it is in trend.test.ts.
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

const KPI = '    kpi: [ { metric: conversion, weight: 100, score: { linear: { zero_at: 0, full_at: 0.3 } } } ]\n    pay: { base: 3000 }\n';

async function check(benchmarks: string) {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-benchmarks-'));
  const cases = join(import.meta.dirname, 'errors', 'REFUNDS_COLUMN_MISSING');
  for (const name of ['roster.csv', 'stats.csv']) copyFileSync(join(cases, name), join(dir, name));
  writeFileSync(join(dir, 'scheme.yaml'), `benchmarks:\n${benchmarks}\ngroups:\n  售前:\n${KPI}`);
  return runCli(['check', '--scheme', join(dir, 'scheme.yaml'), '--period', '2026-10', '--roster', join(dir, 'roster.csv'), '--stats', join(dir, 'stats.csv'), '--lang', 'en']);
}

describe('benchmarks: in kefu check', () => {
  it('a benchmark on net sales alone raises no REFUNDS_COLUMN_MISSING', async () => {
    const r = await check('  cs_sales_net: { standard: 500000 }');
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('REFUNDS_COLUMN_MISSING');
  });

  it('a misspelt benchmark metric is SCHEME_UNKNOWN_METRIC at its name, with the nearest', async () => {
    const r = await check('  first_reponse_s: { standard: 30, excellent: 15 }');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/scheme\.yaml:2:3: error: unknown metric "first_reponse_s".*did you mean "first_response_s"\? \[SCHEME_UNKNOWN_METRIC\]/);
  });
});
