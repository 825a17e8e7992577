// Reading the order report on the second core (KEFU_THREADS=2) gives the same month, to the byte,
// as reading it on the first. Runs the built program, as the thread runs the compiled reader.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..');
const raw = join(repo, 'fixtures', '2026-10-raw');
const args = [
  join(repo, 'bin', 'kefu.js'), 'report', '--scheme', join(raw, 'scheme.yaml'), '--period', '2026-10',
  '--roster', join(repo, 'fixtures', '2026-10', 'roster.csv'), '--messages', join(raw, 'messages.csv'),
  '--orders', join(raw, 'orders.csv'), '--facts', join(raw, 'facts.csv'), '--format', 'json', '--lang', 'en',
];

describe('the order report on a thread of its own', () => {
  it('changes nothing in the report or the warnings', () => {
    const run = (env: Record<string, string>) => spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, ...env } });
    const one = run({ KEFU_THREADS: '1' });
    const two = run({ KEFU_THREADS: '2', KEFU_THREAD_MIN_BYTES: '0' });
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toBe(one.stderr);
    expect(JSON.parse(two.stdout).team.shop_sales).toBeDefined();
  });
});
