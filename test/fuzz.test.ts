// Fuzz: broken inputs never change pay silently. Seeded mutations of the sample month (roster, two
// stats exports — one GBK —, facts, adjustments, scheme) and of a small generated raw month (chat log,
// order report), each run through `kefu payroll -o` in-process. Every outcome must be one of:
//   exit 1 — with every line placed (file:line[:col], or a code in brackets), and no output file;
//   exit 0 — the clean month's figures to the fen, or a warning the clean month does not have;
//   exit 2 — wrong usage (never expected here);
// and never a stack trace.
//
// The mutations are corruptions, not other valid months: a CSV cut short inside a line, taking a whole
// field of it (a cut between two lines, or inside a line's last cell, is a shorter file that reads
// as a valid one: no reader can tell), a byte's high bit flipped (an ASCII digit never becomes another digit),
// hostile bytes inserted (NUL, escapes, quotes, commas, line breaks, invalid UTF-8, a BOM, zero-width
// and full-width letters), a cell replaced by a value no export holds (1e59, NaN, 0x10, 10^23, a
// 100,000-character cell, a date where a number goes), a data line written twice in a small table, and
// for the scheme a YAML alias bomb, 5,000 levels of nesting, or an odd number. A blank or `-` cell is
// left out: it is how exports write "no value"; so is a plain negative number, which an adjustment or a
// fact may be.
//
// FUZZ_SEED and FUZZ_RUNS rerun or widen it (`FUZZ_SEED=7 FUZZ_RUNS=2000 npx vitest run test/fuzz`);
// the run stops early past FUZZ_SECONDS (default 40) so CI stays bounded.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { random } from './helpers/random.js';
import { rawMonth, SHAPES } from './helpers/raw-month.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 40);

const root = join(import.meta.dirname, '..', 'fixtures');
const work = mkdtempSync(join(tmpdir(), 'kefu-fuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Month {
  readonly name: string;
  /** File name → bytes. */
  readonly files: Record<string, Uint8Array>;
  readonly args: readonly string[];
  /** Files that are small tables (a line written twice is a corruption there, not a chat message more). */
  readonly small: readonly string[];
}

const bytes = (path: string) => new Uint8Array(readFileSync(path));
const text = (s: string) => new TextEncoder().encode(s);

const SAMPLE: Month = {
  name: 'sample',
  files: {
    'scheme.yaml': bytes(join(root, '2026-10', 'scheme.yaml')),
    'roster.csv': bytes(join(root, '2026-10', 'roster.csv')),
    'stats-a.csv': bytes(join(root, '2026-10', 'stats-shop-a.csv')),
    'stats-b.csv': bytes(join(root, '2026-10', 'stats-shop-b-gbk.csv')),
    'facts.csv': bytes(join(root, '2026-10', 'facts.csv')),
    'adjustments.csv': bytes(join(root, '2026-10', 'adjustments.csv')),
  },
  args: ['--scheme', 'scheme.yaml', '--roster', 'roster.csv', '--stats', 'stats-a.csv', 'stats-b.csv', '--facts', 'facts.csv', '--adjustments', 'adjustments.csv'],
  small: ['roster.csv', 'stats-a.csv', 'stats-b.csv', 'facts.csv', 'adjustments.csv'],
};

const generated = rawMonth(SHAPES.conversation!, 1500, 5);
const RAW: Month = {
  name: 'raw',
  files: {
    'scheme.yaml': text(
      'bundles: ["TC-*"]\ngroups:\n  售前:\n    kpi: [ { metric: conversion, weight: 60, score: { linear: { zero_at: 0.1, full_at: 0.5 } } }, { metric: first_response_s, weight: 40, score: { linear: { zero_at: 120, full_at: 10 } } } ]\n    pay:\n      base: 3000\n      commission: [ { name: 提成, metric: cs_sales_net, tiers: [ { upto: 100000, rate: 0.01 }, { rate: 0.02 } ] }, { name: 单件, per_unit: { "TC-*": 5, "*": 1 } } ]\n  售后:\n    kpi: [ { metric: first_response_s, weight: 100, score: { linear: { zero_at: 120, full_at: 10 } } } ]\n    pay: { base: 2800 }\n',
    ),
    'roster.csv': text(generated.roster),
    'messages.csv': text(generated.messages),
    'orders.csv': text(generated.orders),
  },
  args: ['--scheme', 'scheme.yaml', '--roster', 'roster.csv', '--messages', 'messages.csv', '--orders', 'orders.csv'],
  small: ['roster.csv'],
};

const HOSTILE: readonly Uint8Array[] = [
  [0x00],
  text('\x1b]0;pwned\x07'),
  text('"'),
  text(','),
  text('\n'),
  text('\r'),
  [0xff, 0xfe],
  [0xc3],
  text('\uFEFF'),
  text('\u200B'),
  text('ａ'),
  text('中'),
  text('\t'),
].map((b) => Uint8Array.from(b));

const ODD_CELLS = ['1e59', '¥-5e3', 'NaN', 'Infinity', '0x10', '--3', '1.2.3', '100000000000000000000000', 'x'.repeat(100_000), '2026-13-45', '=1+1', '1,2', '5-'];
const ODD_YAML_NUMBERS = ['1e400', '-50', '.nan', '0x32', '"fifty"', '[]', '{}', '~', '1e-400', '9999999999999999999999'];

type Mutation = (file: string, data: Uint8Array, next: () => number) => { data: Uint8Array; what: string } | undefined;

const at = (next: () => number, n: number) => Math.floor(next() * n);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let k = 0;
  for (const p of parts) {
    out.set(p, k);
    k += p.length;
  }
  return out;
};
const lineStarts = (data: Uint8Array) => {
  const starts = [0];
  for (let i = 0; i < data.length; i++) if (data[i] === 0x0a && i + 1 < data.length) starts.push(i + 1);
  return starts;
};

const MUTATIONS: Record<string, Mutation> = {
  cut: (file, data, next) => {
    // A file cut short inside a line, the cut taking at least one whole field of that line (a cut
    // between lines, or inside a line's last cell, is a shorter file that reads as a valid one).
    if (!file.endsWith('.csv')) return undefined;
    const k = 1 + at(next, data.length - 1);
    if (data[k - 1] === 0x0a || data[k - 1] === 0x0d) return undefined;
    let end = k;
    while (end < data.length && data[end] !== 0x0a) end++;
    const line = new TextDecoder().decode(data.subarray(data.lastIndexOf(0x0a, k - 1) + 1, end));
    const rest = new TextDecoder().decode(data.subarray(k, end));
    if (line.includes('"') || !rest.includes(',')) return undefined;
    return { data: data.slice(0, k), what: `cut at byte ${k}` };
  },
  flip: (_file, data, next) => {
    const k = at(next, data.length);
    const out = data.slice();
    out[k] = (out[k] as number) ^ 0x80;
    return { data: out, what: `high bit of byte ${k} flipped` };
  },
  insert: (_file, data, next) => {
    const k = at(next, data.length + 1);
    const token = HOSTILE[at(next, HOSTILE.length)] as Uint8Array;
    return { data: concat(data.subarray(0, k), token, data.subarray(k)), what: `${JSON.stringify(new TextDecoder().decode(token))} inserted at byte ${k}` };
  },
  cell: (file, data, next) => {
    if (!file.endsWith('.csv')) return undefined;
    // A data cell (not the header's, not a blank one) of a line without quotes, replaced.
    const lines = new TextDecoder().decode(data).split('\n');
    const candidates = lines.map((_, i) => i).filter((i) => i > 0 && lines[i]!.trim() !== '' && !lines[i]!.includes('"'));
    if (candidates.length === 0) return undefined;
    const i = candidates[at(next, candidates.length)] as number;
    const cells = (lines[i] as string).split(',');
    const c = at(next, cells.length);
    if ((cells[c] ?? '').trim() === '' || cells[c]?.trim() === '-') return undefined;
    const value = ODD_CELLS[at(next, ODD_CELLS.length)] as string;
    cells[c] = value;
    lines[i] = cells.join(',');
    return { data: text(lines.join('\n')), what: `line ${i + 1} field ${c + 1} → ${value.slice(0, 20)}` };
  },
  twice: (file, data, next) => {
    if (!SAMPLE.small.includes(file) && !RAW.small.includes(file)) return undefined;
    const starts = lineStarts(data);
    if (starts.length < 3) return undefined;
    const i = 1 + at(next, starts.length - 1);
    const from = starts[i] as number;
    const to = starts[i + 1] ?? data.length;
    const line = data.slice(from, to);
    if (line.every((b) => b === 0x0a || b === 0x0d || b === 0x20 || b === 0x2c)) return undefined;
    const ended = line[line.length - 1] === 0x0a ? line : concat(line, text('\n'));
    return { data: concat(data.subarray(0, to), to === data.length && data[to - 1] !== 0x0a ? text('\n') : new Uint8Array(), ended, data.subarray(to)), what: `line ${i + 1} written twice` };
  },
  yaml: (file, data, next) => {
    if (!file.endsWith('.yaml')) return undefined;
    const source = new TextDecoder().decode(data);
    const kind = at(next, 3);
    if (kind === 0) return { data: text(`${source}\nx0: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n${Array.from({ length: 9 }, (_, i) => `x${i + 1}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`).join('\n')}\n`), what: 'alias bomb' };
    if (kind === 1) return { data: text(`${'{a: '.repeat(5000)}1${'}'.repeat(5000)}\n${source}`), what: '5,000 levels of nesting' };
    const numbers = [...source.matchAll(/(?<=[:\s[,])\d+(?:\.\d+)?(?=[\s,\]}])/g)];
    if (numbers.length === 0) return undefined;
    const m = numbers[at(next, numbers.length)] as RegExpMatchArray;
    const value = ODD_YAML_NUMBERS[at(next, ODD_YAML_NUMBERS.length)] as string;
    const k = m.index as number;
    return { data: text(source.slice(0, k) + value + source.slice(k + m[0].length)), what: `number ${m[0]} at ${k} → ${value}` };
  },
};

/** What a payroll run gave: each agent's pay amounts and total, to the fen (names are labels, not figures), and its warnings. */
interface Outcome {
  readonly code: number;
  readonly stderr: string;
  readonly figures?: string;
  readonly written: boolean;
}

async function run(month: Month, files: Record<string, Uint8Array>, dir: string): Promise<Outcome> {
  mkdirSync(dir, { recursive: true });
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  const out = join(dir, 'payroll.json');
  const args = ['payroll', '--period', '2026-10', '--lang', 'en', '--format', 'json', '-o', out, ...month.args.map((a) => (a.includes('.') ? join(dir, a) : a))];
  const r = await runCli(args);
  const written = existsSync(out);
  const figures = written ? figuresOf(readFileSync(out, 'utf8')) : undefined;
  return { code: r.code, stderr: r.stderr, written, ...(figures !== undefined ? { figures } : {}) };
}

function figuresOf(json: string): string {
  const sheet = JSON.parse(json) as { agents: { agent_id: string; total: string; lines: { name: string; amount: string }[] }[] };
  return sheet.agents.map((a) => `${a.agent_id} ${a.total} ${a.lines.map((l) => l.amount).sort().join(' ')}`).join('\n');
}

const warnings = (stderr: string) => new Set(stderr.split('\n').filter((l) => /\bwarning:/.test(l)));
const STACK = /^\s+at .+[:(]\d+|\b(TypeError|RangeError|ReferenceError|SyntaxError|InternalError)\b|Maximum call stack/m;

describe('fuzz: broken input never changes pay silently', () => {
  it(`seed ${SEED}: ${RUNS} mutations`, async () => {
    const next = random(SEED);
    const clean = new Map<string, Outcome>();
    for (const month of [SAMPLE, RAW]) {
      const outcome = await run(month, month.files, join(work, `clean-${month.name}`));
      expect(outcome.code, `${month.name}: ${outcome.stderr}`).toBe(0);
      clean.set(month.name, outcome);
    }
    const counts: Record<string, number> = { 'exit 0, same figures': 0, 'exit 0, a new warning': 0, 'exit 1': 0, 'exit 2': 0 };
    const failures: string[] = [];
    const started = Date.now();
    let done = 0;
    for (let n = 0; n < RUNS && Date.now() - started < SECONDS * 1000; n++) {
      const month = next() < 0.75 ? SAMPLE : RAW;
      const names = Object.keys(month.files);
      const file = names[at(next, names.length)] as string;
      const kinds = Object.keys(MUTATIONS);
      let mutated: ReturnType<Mutation>;
      for (let tries = 0; tries < 10 && !mutated; tries++) mutated = MUTATIONS[kinds[at(next, kinds.length)] as string]!(file, month.files[file] as Uint8Array, next);
      if (!mutated) continue;
      const dir = join(work, `case-${n}`);
      const outcome = await run(month, { ...month.files, [file]: mutated.data }, dir);
      const base = clean.get(month.name) as Outcome;
      const what = `#${n} ${month.name} ${file}: ${mutated.what} → exit ${outcome.code}`;
      done++;
      if (STACK.test(outcome.stderr)) failures.push(`${what}: a stack trace\n${outcome.stderr.slice(0, 2000)}`);
      if (outcome.code === 1) {
        counts['exit 1']!++;
        if (outcome.written) failures.push(`${what}: wrote its output`);
        const lines = outcome.stderr.split('\n').filter((l) => /\berror:/.test(l));
        if (lines.length === 0) failures.push(`${what}: no error line\n${outcome.stderr.slice(0, 2000)}`);
        for (const line of lines) if (!/^[^:\n]+:\d+(:\d+)?: error:|\[[A-Z_]+\]\s*$/.test(line)) failures.push(`${what}: an error neither placed nor coded: ${line.slice(0, 300)}`);
      } else if (outcome.code === 0) {
        if (outcome.figures === base.figures) counts['exit 0, same figures']!++;
        else {
          const before = warnings(base.stderr);
          const added = [...warnings(outcome.stderr)].filter((w) => !before.has(w));
          if (added.length > 0) counts['exit 0, a new warning']!++;
          else failures.push(`${what}: other figures and no new warning`);
        }
      } else if (outcome.code === 2) counts['exit 2']!++;
      else failures.push(`${what}: exit ${outcome.code}`);
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(`fuzz seed ${SEED}: ${done} mutated inputs in ${((Date.now() - started) / 1000).toFixed(1)} s: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    expect(failures, failures.slice(0, 10).join('\n\n')).toEqual([]);
    expect(done).toBeGreaterThan(Math.min(RUNS, 100) * 0.8);
  }, 120_000);
});
