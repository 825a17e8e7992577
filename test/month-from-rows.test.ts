// The core computes the month from rows + scheme + period: the chat log and the order report are read
// once, and worked out under whichever scheme the core is computing. Two schemes over one read give
// what each gives over a read of its own — on one thread (src) and on several (the build) — and the
// first month's working leaves the second's inputs as they were read.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../src/core/model/issues.js';
import type { RawSource } from '../src/core/metrics/raw/raw-metrics.js';
import { computeMonth } from '../src/core/run.js';
import type { Scheme } from '../src/core/model/scheme.js';
import { loadInputs } from '../src/cli/load.js';
import type { CliIO } from '../src/cli/context.js';
import type { InputSpec } from '../src/cli/spec.js';
import { parseScheme } from '../src/parse/scheme.js';
import { inputSpec, quietIO } from './helpers/spec.js';

const raw = join(import.meta.dirname, '..', 'fixtures', '2026-10-raw');
const spec: InputSpec = inputSpec({
  scheme: join(raw, 'scheme.yaml'),
  roster: [join(raw, '..', '2026-10', 'roster.csv')],
  facts: [join(raw, 'facts.csv')],
  messages: [join(raw, 'messages.csv')],
  orders: [join(raw, 'orders.csv')],
});

/** The sample scheme, and one that counts business days from 08:00, credits the first agent and pays another tier. */
const schemeA = readFileSync(spec.scheme, 'utf8');
const schemeB = schemeA
  .replace('timezone: Asia/Shanghai', 'timezone: Asia/Shanghai\nday_starts_at: "08:00"')
  .replace('credit: last', 'credit: first')
  .replace('{ upto: 500000, rate: "0.2%" }', '{ upto: 300000, rate: "0.2%" }');

function scheme(text: string): Scheme {
  const parsed = parseScheme(text, 'scheme.yaml');
  expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return parsed.scheme as Scheme;
}

const io = quietIO;
const { period } = spec;

type ReadRaw = (run: { spec: InputSpec; scheme: Scheme; io: CliIO; issues: Issue[]; sources: [] }, uses?: number) => Promise<RawSource & { dispose(): void }>;

async function months(readRawFiles: ReadRaw, env: Record<string, string>) {
  const rows = (await loadInputs({ ...spec, messages: [], orders: [] }, io(env))).dataset!;
  const [a, b] = [scheme(schemeA), scheme(schemeB)];
  const read = (uses: number) => readRawFiles({ spec, scheme: a, io: io(env), issues: [], sources: [] }, uses);
  const once = await read(2);
  try {
    const both = [await computeMonth({ rows, raw: once }, a, period), await computeMonth({ rows, raw: once }, b, period)];
    await expect(computeMonth({ rows, raw: once }, a, period)).rejects.toThrow('read for 2 month(s)');
    const alone = [];
    for (const s of [a, b]) {
      const own = await read(1);
      try {
        alone.push(await computeMonth({ rows, raw: own }, s, period));
      } finally {
        own.dispose();
      }
    }
    return { both, alone };
  } finally {
    once.dispose();
  }
}

describe('two schemes over one read of the raw files', () => {
  it('leave the order lines as read: an order whose lines disagree is reported at its line both times', async () => {
    const { readRawFiles } = await import('../src/cli/raw-load.js');
    const dir = mkdtempSync(join(tmpdir(), 'kefu-month-'));
    // The report's first order again at its end, with another buyer: line 3261 (3259 lines under the header, then this).
    const orders = readFileSync(join(raw, 'orders.csv'), 'utf8');
    const first = orders.split('\n')[1]!.split(',');
    writeFileSync(join(dir, 'orders.csv'), `${orders}${[first[0], first[1], 'someone_else', ...first.slice(3)].join(',')}\n`);
    const rows = (await loadInputs({ ...spec, messages: [], orders: [] }, io({}))).dataset!;
    const a = scheme(schemeA);
    const once = await (readRawFiles as ReadRaw)({ spec: { ...spec, orders: [join(dir, 'orders.csv')] }, scheme: a, io: io({}), issues: [], sources: [] }, 2);
    try {
      const conflicts = async () => (await computeMonth({ rows, raw: once }, a, period)).issues.filter((i) => i.code === 'ORDER_CONFLICT').map((i) => `${i.source?.line} ${i.params.otherLine}`);
      const [firstMonth, second] = [await conflicts(), await conflicts()];
      expect(firstMonth).toEqual([`3261 ${join(dir, 'orders.csv')}:2`]);
      expect(second).toEqual(firstMonth);
    } finally {
      once.dispose();
    }
  });

  it('give, each, the month of a read of its own (one thread)', async () => {
    const { readRawFiles } = await import('../src/cli/raw-load.js');
    const { both, alone } = await months(readRawFiles as ReadRaw, {});
    // The figures and issues (a trace is worked out when asked for, from the same figures).
    const figures = (m: (typeof both)[number] | undefined) => m && { report: m.report, payroll: m.payroll, issues: m.issues };
    expect(figures(both[0])).toEqual(figures(alone[0]));
    expect(figures(both[1])).toEqual(figures(alone[1]));
    // The schemes differ where they should: the first agent credited, another tier, another day.
    const pay = (m: (typeof both)[number]) => m.payroll.total;
    expect(pay(both[0]!)).not.toEqual(pay(both[1]!));
  });

  it('give, each, the month of a read of its own (three threads, buckets spilled to disk)', async () => {
    // The build reads a chat log on threads (a module loaded from src runs on one).
    const { readRawFiles } = (await import(join(import.meta.dirname, '..', 'dist', 'cli', 'raw-load.js'))) as { readRawFiles: ReadRaw };
    const { both, alone } = await months(readRawFiles, { KEFU_THREADS: '3', KEFU_THREAD_MIN_BYTES: '0', KEFU_BUCKET_BYTES: '200000' });
    expect(JSON.stringify(both, bigints)).toBe(JSON.stringify(alone, bigints));
  });
});

/** The build's core is another copy of the core: its results are compared as data. */
const bigints = (_: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);
