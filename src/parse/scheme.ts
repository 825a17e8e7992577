// Parse: scheme YAML text → a validated Scheme (SPEC §3). The YAML is read with `yaml` (YAML 1.2,
// positions kept), its shape checked with zod, its meaning checked here (weights total 100, bands in
// order, amounts to the fen); every problem is an issue at the YAML line and column. No I/O.
import { parseDocument, visit, LineCounter, isMap, isPair, isScalar, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { issue, type Issue, type Source } from '../core/model/issues.js';
import { type Rational, fromLiteralNumber, parseDecimal, div, sum, cmp, eq, showNumber, HUNDRED, ZERO } from '../core/num/rational.js';
import { INVISIBLE, INVISIBLE_ALL } from './values.js';
import { METRICS, metricInfo } from '../core/metrics/metrics.js';
import { exactFen, type Fen } from '../core/num/money.js';
import type {
  Benchmark, Bound, Commission, Contest, FactorBand, GroupRules, KpiItem, MetricReference, Override, PerMetricLine, Pool, RankBonus, Scheme, ScoreRule, Tier, Veto,
} from '../core/model/scheme.js';
import { nearest } from '../core/model/suggest.js';

// Reasons for custom zod errors, by key, in both languages.
const REASONS: Record<string, { zh: string; en: string }> = {
  rate: { zh: '应为比率：小数（0.003）或百分数字符串（"0.3%"）', en: 'expected a rate: a fraction (0.003) or a percent string ("0.3%")' },
  base: { zh: '应为 roster（取花名册底薪）、level（取 levels 表）或金额', en: 'expected roster (the roster’s base_salary), level (the levels table) or an amount' },
  time: { zh: '应为 "HH:MM" 形式的时间，如 "08:00"', en: 'expected a time "HH:MM", such as "08:00"' },
  hours: { zh: '应为 "HH:MM-HH:MM" 形式的时段，如 "08:00-24:00"（含开始，不含结束）', en: 'expected hours "HH:MM-HH:MM", such as "08:00-24:00" (start included, end excluded)' },
  score: { zh: 'score 应有且只有 linear 或 bands 之一', en: 'score needs exactly one of linear or bands' },
  commission: { zh: '提成应有 metric 与 tiers，或 per_unit（二选一）', en: 'a commission has either metric with tiers, or per_unit' },
  bonus: { zh: '奖项应有 prizes，或 top 与 amount', en: 'a bonus has either prizes, or top with amount' },
  veto: { zh: 'veto 应有 at_least 或 at_most 之一', en: 'a veto needs one of at_least or at_most' },
  groups: { zh: 'groups 至少要有一个岗位（与花名册的岗位列同名）', en: 'groups needs at least one group (named as in the roster’s group column)' },
  gate: { zh: 'gate 应有 at_least 或 at_most 之一', en: 'a gate needs one of at_least or at_most' },
  pool: { zh: '奖金池的 amount 应为金额（20000），或 { metric: 指标, rate: 比率 }', en: 'a pool’s amount is an amount (20000) or { metric: …, rate: … }' },
  contest: { zh: 'PK 赛应有 pairs（成对的工号）或 teams（团队名）之一', en: 'a contest has either pairs (of agent ids) or teams (team names)' },
  flag_bottom: { zh: 'flag_bottom 应有 count（人数）或 share（比例）之一', en: 'flag_bottom needs one of count (people) or share (a fraction)' },
  level: { zh: '应为数字（30、0.25）或百分数字符串（"25%"）', en: 'expected a number (30, 0.25) or a percent string ("25%")' },
};
const reason = (key: keyof typeof REASONS) => ({ error: `@${key}` });

const num = z.number();
/** `08:00-24:00`: a start and an end time of day (24:00 only as the end). */
const HOURS = /^\s*(([01]?\d|2[0-3]):[0-5]\d)\s*-\s*(([01]?\d|2[0-3]):[0-5]\d|24:00)\s*$/;
const rate = z.union([z.number(), z.string().regex(/^\s*[+-]?\d+(\.\d+)?\s*%\s*$/)], reason('rate'));
const metricName = z.string().min(1);
/** A benchmark level: a number in the metric's own unit (seconds, yuan, a fraction), or a percent for a rate. */
const level = z.union([z.number(), z.string().regex(/^\s*[+-]?\d+(\.\d+)?\s*%\s*$/, reason('level'))], reason('level'));
const benchmark = z.strictObject({ standard: level, excellent: level.optional(), better: z.enum(['higher', 'lower']).optional() });

const band = z.strictObject({ at_least: num.optional(), at_most: num.optional(), points: num });
const score = z
  .strictObject({
    linear: z.strictObject({ zero_at: num, full_at: num, max: num.optional() }).optional(),
    bands: z.array(band).min(1).optional(),
  })
  .refine((s) => (s.linear === undefined) !== (s.bands === undefined), reason('score'));
const kpiItem = z.strictObject({ metric: metricName, weight: num.positive(), score });
const factorBand = z.strictObject({ at_least: num.optional(), factor: num.min(0) });
const veto = z
  .strictObject({ metric: metricName, at_least: num.optional(), at_most: num.optional(), factor: num.min(0), disqualify: z.boolean().optional() })
  .refine((v) => (v.at_least === undefined) !== (v.at_most === undefined), reason('veto'));
const tier = z.strictObject({ upto: num.positive().optional(), rate });
const gate = z
  .strictObject({ metric: metricName, at_least: num.optional(), at_most: num.optional() })
  .refine((g) => (g.at_least === undefined) !== (g.at_most === undefined), reason('gate'));
const commission = z
  .strictObject({
    name: z.string().min(1),
    metric: metricName.optional(),
    tiers: z.array(tier).min(1).optional(),
    mode: z.enum(['marginal', 'whole']).optional(),
    per_unit: z.record(z.string(), num.min(0)).optional(),
    cap: num.min(0).optional(),
    gate: gate.optional(),
  })
  .refine((c) => (c.per_unit === undefined ? c.metric !== undefined && c.tiers !== undefined : c.metric === undefined && c.tiers === undefined), reason('commission'));
const bonus = z
  .strictObject({
    name: z.string().min(1),
    rank_by: metricName,
    order: z.enum(['asc', 'desc']).optional(),
    prizes: z.array(num.min(0)).min(1).max(1000).optional(),
    top: z.number().int().positive().max(1000).optional(),
    amount: num.min(0).optional(),
  })
  .refine((b) => (b.prizes !== undefined) !== (b.top !== undefined && b.amount !== undefined), reason('bonus'));
// An allowance adds and a deduction takes away: the list gives the sign, so a rate below zero is a slip.
const perLine = z.strictObject({ name: z.string().min(1), per: metricName, rate: num.min(0) });
// An override or a pool pays out: a rate below zero is a slip, as an allowance's.
const payRate = rate.refine((r) => (typeof r === 'number' ? r >= 0 : !r.trim().startsWith('-')), { error: 'must be at least 0' });
const override = z.strictObject({ name: z.string().min(1), metric: metricName, scope: z.literal('team'), rate: payRate });
const pool = z.strictObject({
  name: z.string().min(1),
  amount: z.union([num.min(0), z.strictObject({ metric: metricName, rate: payRate })], reason('pool')),
  scope: z.enum(['group', 'team']).optional(),
  split_by: metricName.optional(),
  min_score: num.optional(),
});
const contest = z
  .strictObject({
    name: z.string().min(1),
    metric: metricName,
    order: z.enum(['asc', 'desc']).optional(),
    prize: num.min(0),
    pairs: z.array(z.tuple([z.string().min(1), z.string().min(1)])).min(1).optional(),
    teams: z.array(z.string().min(1)).min(2).refine((t) => new Set(t).size === t.length, { error: 'a team is named twice' }).optional(),
  })
  .refine((c) => (c.pairs === undefined) !== (c.teams === undefined), reason('contest'));
const pay = z.strictObject({
  base: z.union([z.literal('roster'), z.literal('level'), num.min(0)], reason('base')),
  commission: z.array(commission).optional(),
  overrides: z.array(override).optional(),
  bonuses: z.array(bonus).optional(),
  pools: z.array(pool).optional(),
  contests: z.array(contest).optional(),
  allowances: z.array(perLine).optional(),
  deductions: z.array(perLine).optional(),
  cap: num.min(0).optional(),
  floor: z.strictObject({ amount: num.min(0), first_months: z.number().int().positive() }).optional(),
});
const flagBottom = z
  .strictObject({ count: z.number().int().positive().optional(), share: num.positive().max(1).optional(), within: z.string().min(1).optional() })
  .refine((f) => (f.count === undefined) !== (f.share === undefined), reason('flag_bottom'));
const group = z.strictObject({
  kpi: z.array(kpiItem).min(1),
  flag_bottom: flagBottom.optional(),
  factor: z.array(factorBand).min(1).optional(),
  veto: z.array(veto).optional(),
  pay,
});
const schemeShape = z.strictObject({
  name: z.string().min(1).optional(),
  timezone: z.string().optional(),
  day_starts_at: z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, reason('time')).optional(),
  attribution: z
    .strictObject({
      basis: z.enum(['created', 'paid']).optional(),
      window_days: z.number().int().positive().optional(),
      credit: z.enum(['last', 'first', 'split']).optional(),
      after_sale_lookback_days: z.number().int().min(0).optional(),
    })
    .optional(),
  response: z
    .strictObject({
      slow_after_s: num.positive().optional(),
      unreplied_as_s: num.min(0).nullable().optional(),
      round_timeout_s: num.positive().optional(),
      hours: z.string().regex(HOURS, reason('hours')).optional(),
    })
    .optional(),
  bundles: z.array(z.string().min(1)).optional(),
  levels: z.record(z.string(), num.min(0)).optional(),
  derived: z.record(z.string(), z.strictObject({ ratio: z.tuple([metricName, metricName]), label: z.string().min(1).optional() })).optional(),
  columns: z.record(z.string(), z.array(z.string().min(1))).optional(),
  labels: z.record(z.string(), z.string().min(1)).optional(),
  benchmarks: z.record(z.string(), benchmark).optional(),
  promotion: z
    .strictObject({
      ladder: z.array(z.string().min(1)).min(2),
      when: z
        .array(
          z
            .strictObject({ metric: metricName, at_least: num.optional(), at_most: num.optional(), months: z.number().int().positive().max(24) })
            .refine((w) => (w.at_least === undefined) !== (w.at_most === undefined), reason('gate')),
        )
        .min(1),
    })
    .optional(),
  groups: z.record(z.string(), group).refine((g) => Object.keys(g).length > 0, reason('groups')),
});
type RawScheme = z.infer<typeof schemeShape>;
type Path = readonly (string | number)[];

/** Every key the scheme language has: the pool an unknown key's suggestion is drawn from. */
const KNOWN_KEYS = [
  'name', 'timezone', 'day_starts_at', 'attribution', 'basis', 'window_days', 'credit', 'after_sale_lookback_days', 'response',
  'label', 'labels', 'slow_after_s', 'unreplied_as_s', 'round_timeout_s', 'hours', 'bundles', 'levels', 'derived', 'ratio', 'columns', 'groups', 'kpi',
  'metric', 'weight', 'score', 'linear', 'zero_at', 'full_at', 'max', 'bands', 'at_least', 'at_most', 'points', 'factor', 'veto',
  'disqualify', 'pay', 'base', 'commission', 'tiers', 'upto', 'rate', 'mode', 'per_unit', 'bonuses', 'rank_by', 'order', 'prizes',
  'top', 'amount', 'allowances', 'deductions', 'per', 'cap', 'gate', 'overrides', 'scope', 'pools', 'split_by', 'min_score',
  'contests', 'pairs', 'teams', 'prize', 'floor', 'first_months', 'flag_bottom', 'count', 'share', 'within',
  'benchmarks', 'standard', 'excellent', 'better', 'promotion', 'ladder', 'when', 'months',
];

export interface ParsedScheme {
  readonly scheme?: Scheme;
  readonly issues: Issue[];
}

/** Characters no scheme means to hold in a name or a pattern: controls, zero-width and direction marks, a BOM. */
const codePoint = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

export function parseScheme(text: string, file: string): ParsedScheme {
  const issues: Issue[] = [];
  if (text.trim() === '') return { issues: [issue('SCHEME_EMPTY', {}, { file })] };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, version: '1.2', keepSourceTokens: true });
  const at = (offset: number | undefined): Source => {
    if (offset === undefined) return { file };
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    // Thousands of nested brackets exhaust the YAML reader's stack at every level: one error, at the first.
    const deep = doc.errors.find((e) => /Maximum call stack/.test(e.message));
    if (deep) return { issues: [issue('SCHEME_YAML_SYNTAX', { reason: 'nested too deeply for a scheme (thousands of levels of { or [)', full_width: 0 }, at(deep.pos[0]))] };
    for (const error of doc.errors) {
      // A full-width colon (售前：) is the most common slip when typing a scheme in a Chinese IME.
      const line = text.slice(0, error.pos[0]).split('\n').length;
      const fullWidth = /[：]/.test(text.split('\n')[line - 1] ?? '') || /[：]/.test(text.split('\n')[line - 2] ?? '');
      issues.push(issue('SCHEME_YAML_SYNTAX', { reason: error.message.split('\n')[0], full_width: fullWidth ? 1 : 0 }, at(error.pos[0])));
    }
    return { issues };
  }
  const locate = (path: Path, key?: string): Source => at(offsetOf(doc, path, key));

  // A number the YAML reader cannot hold exactly (more than 15 significant digits, 1e-400) would be
  // silently changed: refuse it rather than compute with another number than the one written.
  visit(doc, {
    Scalar(_, node) {
      // A control or invisible character (NUL, a zero-width space, a BOM pasted mid-line) in a name or
      // a SKU pattern would make it match nothing, silently: refused where it stands.
      const invisible = typeof node.value === 'string' ? INVISIBLE.exec(node.value) : null;
      if (invisible) {
        const code = codePoint(invisible[0]);
        const shown = (node.value as string).replace(INVISIBLE_ALL, (c) => `⟨${codePoint(c)}⟩`);
        issues.push(issue('SCHEME_BAD_VALUE', { value: shown, reason_zh: `含有看不见的字符 ${code}：删去它（常见于从网页或聊天软件复制来的文字）`, reason_en: `holds an invisible character ${code}: delete it (it comes with text copied from web pages and chats)` }, at(node.range?.[0])));
        return;
      }
      if (typeof node.value !== 'number' || !node.srcToken || !('source' in node.srcToken)) return;
      const source = String(node.srcToken.source);
      const written = parseDecimal(source.replace(/_/g, ''));
      // YAML also reads 0x32, 0o62, .inf and .nan as numbers: a scheme's money and weights are decimals.
      if (!written && !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(source)) {
        issues.push(issue('SCHEME_BAD_VALUE', { value: source, reason_zh: '请用十进制写数字（如 50、0.3）', reason_en: 'write numbers in decimals (50, 0.3)' }, at(node.range?.[0])));
        return;
      }
      if (written && Number.isFinite(node.value) && !eq(written, fromLiteralNumber(node.value))) {
        issues.push(issue('SCHEME_BAD_VALUE', { value: String(node.srcToken.source), reason_zh: '数字位数太多，无法精确表示：最多 15 位有效数字', reason_en: 'too many digits to hold exactly: use at most 15 significant digits' }, at(node.range?.[0])));
      }
    },
  });

  // An alias repeats what it names: a few are a convenience, thousands nested a bomb (a billion laughs).
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 200 }) as unknown;
  } catch (error) {
    let first: number | undefined;
    visit(doc, {
      Alias(_, node) {
        first ??= node.range?.[0];
      },
    });
    return { issues: [issue('SCHEME_YAML_SYNTAX', { reason: `${(error as Error).message}: a scheme's aliases (*name) may expand to at most 200 nodes`, full_width: 0 }, at(first))] };
  }
  if (raw === null || raw === undefined) return { issues: [issue('SCHEME_EMPTY', {}, { file })] }; // comments only
  let parsed = schemeShape.safeParse(raw);
  if (!parsed.success && parsed.error.issues.every((p) => p.code === 'unrecognized_keys')) {
    // Only unknown keys: report them, and check the rest as if they were not there, so that one run
    // shows every problem of the file.
    for (const problem of parsed.error.issues) {
      if (problem.code !== 'unrecognized_keys') continue;
      const path = problem.path as Path;
      for (const key of problem.keys) issues.push(issue('SCHEME_UNKNOWN_KEY', { key, path: pathText(path), suggestion: nearest(key, KNOWN_KEYS) }, locate(path, key)));
      const parent = path.reduce<unknown>((node, step) => (node as Record<string | number, unknown>)[step], raw) as Record<string, unknown>;
      for (const key of problem.keys) delete parent[key];
    }
    parsed = schemeShape.safeParse(raw);
  }
  if (!parsed.success) {
    // A misspelt key (`wieght`) also leaves the real one missing: report the typo with its suggestion
    // and not, a second time, the key it was meant to be.
    const suggested = new Set<string>();
    const problems = parsed.error.issues;
    for (const problem of problems) {
      if (problem.code !== 'unrecognized_keys') continue;
      for (const key of problem.keys) {
        const suggestion = nearest(key, KNOWN_KEYS);
        if (suggestion) suggested.add(JSON.stringify([...problem.path, suggestion]));
      }
    }
    for (const problem of problems) {
      if (problem.code === 'invalid_type' && suggested.has(JSON.stringify(problem.path))) continue;
      if (problem.code === 'unrecognized_keys') {
        const path = problem.path as Path;
        for (const key of problem.keys) {
          issues.push(issue('SCHEME_UNKNOWN_KEY', { key, path: pathText(path), suggestion: nearest(key, KNOWN_KEYS) }, locate(path, key)));
        }
      } else issues.push(zodIssue(problem, doc, locate));
    }
    return { issues };
  }
  const scheme = buildScheme(parsed.data, schemeName(file), locate, issues);
  return issues.some((i) => i.severity === 'error') ? { issues } : { scheme, issues };
}

/** The offset of the node at `path` (or of `key` inside the map there), else its nearest ancestor. */
function offsetOf(doc: Document, path: Path, key?: string): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = (depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true)) as Node | null | undefined;
    if (!node) continue;
    if (key !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
      if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
    }
    if (depth < path.length && isMap(node)) {
      // The key of the missing child is a better place than the whole parent map.
      const childKey = String(path[depth]);
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === childKey);
      if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
    }
    if (node.range) return node.range[0];
  }
  return undefined;
}

function pathText(path: Path): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '') || '(top level)';
}

function zodIssue(problem: z.core.$ZodIssue, doc: Document, locate: (path: Path, key?: string) => Source): Issue {
  const path = problem.path as Path;
  const present = doc.getIn(path as (string | number)[], true) !== undefined;
  let zh: string;
  let en: string;
  if (problem.message.startsWith('@') && REASONS[problem.message.slice(1)]) {
    ({ zh, en } = REASONS[problem.message.slice(1)] as { zh: string; en: string });
  } else if (problem.code === 'invalid_type' && !present) {
    zh = `缺少必填项（应为 ${problem.expected}）`;
    en = `required (expected ${problem.expected})`;
  } else if (problem.code === 'invalid_type') {
    zh = `类型错误：应为 ${problem.expected}`;
    en = `expected ${problem.expected}`;
  } else if (problem.code === 'invalid_value') {
    const values = problem.values.map((v) => String(v)).join(' / ');
    zh = `应为 ${values} 之一`;
    en = `expected one of ${values}`;
  } else if (problem.code === 'too_small') {
    zh = problem.origin === 'array' ? `至少需要 ${problem.minimum} 项` : `应${problem.inclusive ? '不小于' : '大于'} ${problem.minimum}`;
    en = problem.origin === 'array' ? `needs at least ${problem.minimum} item(s)` : `must be ${problem.inclusive ? 'at least' : 'more than'} ${problem.minimum}`;
  } else {
    zh = en = problem.message;
  }
  // Quote the value that was there, when it is a plain one.
  const value = present ? doc.getIn(path as (string | number)[]) : undefined;
  if (value !== undefined && (typeof value !== 'object' || value === null)) {
    zh += `，现为 ${JSON.stringify(value)}`;
    en += `, got ${JSON.stringify(value)}`;
  }
  return issue('SCHEME_INVALID', { path: pathText(path), reason_zh: zh, reason_en: en }, locate(path));
}

// --- from the checked shape to exact numbers, with the checks zod cannot express ----------------

/** A scheme without `name:` is called after its file: `售前方案.yaml` → 售前方案. */
function schemeName(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base) || 'scheme';
}

const minutesOf = (clock: string): number => {
  const [h = 0, m = 0] = clock.split(':').map(Number);
  return h * 60 + m;
};

function buildScheme(raw: RawScheme, defaultName: string, locate: (path: Path, key?: string) => Source, issues: Issue[]): Scheme {
  const references: MetricReference[] = [];
  const ref = (metric: string, path: Path) => references.push({ metric, source: locate(path) });
  const q = (value: number) => fromLiteralNumber(value);
  const fen = (value: number, path: Path): Fen => {
    const exact = exactFen(q(value));
    if (exact === undefined) issues.push(issue('SCHEME_BAD_VALUE', { value, reason_zh: '金额最多两位小数', reason_en: 'an amount has at most two decimals' }, locate(path)));
    return exact ?? 0n;
  };
  const rateOf = (value: number | string): Rational =>
    typeof value === 'number' ? q(value) : (div(parseDecimal(value.trim().slice(0, -1).trim()) as Rational, HUNDRED) as Rational);

  if (raw.timezone !== undefined) {
    const zone = timeZoneProblem(raw.timezone);
    if (zone) issues.push(issue('SCHEME_BAD_VALUE', { value: raw.timezone, ...zone }, locate(['timezone'])));
  }
  let hours = { from: 0, to: 86400 };
  if (raw.response?.hours !== undefined) {
    const [from = '', to = ''] = raw.response.hours.split('-').map((part) => part.trim());
    hours = { from: minutesOf(from) * 60, to: minutesOf(to) * 60 };
    if (hours.from === hours.to) {
      issues.push(issue('SCHEME_BAD_VALUE', { value: raw.response.hours, reason_zh: '开始与结束相同，时段为空：全天请写 "00:00-24:00"', reason_en: 'the start equals the end, so no time is inside: write "00:00-24:00" for the whole day' }, locate(['response', 'hours'])));
    }
  }
  const levels = new Map<string, Fen>();
  for (const [level, amount] of Object.entries(raw.levels ?? {})) levels.set(level, fen(amount, ['levels', level]));
  // Headers: `labels:` for any metric (a fact, a built-in), and a derived ratio's own `label:`.
  const labels = new Map<string, string>();
  for (const [metric, text] of Object.entries(raw.labels ?? {})) {
    labels.set(metric, text);
    references.push({ metric, source: locate(['labels', metric]), label: true });
  }
  for (const [name, rule] of Object.entries(raw.derived ?? {})) if (rule.label) labels.set(name, rule.label);
  const derived = new Map<string, { ratio: readonly [string, string]; label?: string }>();
  for (const [name, rule] of Object.entries(raw.derived ?? {})) {
    derived.set(name, { ratio: rule.ratio, ...(rule.label ? { label: rule.label } : {}) });
    rule.ratio.forEach((metric, i) => ref(metric, ['derived', name, 'ratio', i]));
  }

  const benchmarks = new Map<string, Benchmark>();
  for (const [metric, levels] of Object.entries(raw.benchmarks ?? {})) {
    references.push({ metric, source: locate(['benchmarks'], metric), benchmark: true });
    const found = benchmarkOf(metric, levels, rateOf, (key) => locate(['benchmarks', metric, key]), issues);
    if (found) benchmarks.set(metric, found);
  }

  const groups = new Map<string, GroupRules>();
  for (const [groupName, g] of Object.entries(raw.groups)) {
    const base: Path = ['groups', groupName];
    const kpi: KpiItem[] = g.kpi.map((item, i) => {
      const path = [...base, 'kpi', i];
      ref(item.metric, [...path, 'metric']);
      return { metric: item.metric, weight: q(item.weight), score: scoreRule(item.score, [...path, 'score'], locate, issues) };
    });
    const total = sum(kpi.map((k) => k.weight));
    if (!eq(total, HUNDRED)) {
      const shown = g.kpi.reduce((text, k, i) => `${text}${i ? ' + ' : ''}${k.weight}`, '');
      issues.push(issue('SCHEME_WEIGHTS', { group: groupName, total: `${shown} = ${showNumber(total)}` }, locate([...base, 'kpi'])));
    }
    const factor = factorBands(g.factor ?? [{ factor: 1 }], [...base, 'factor'], locate, issues);
    const vetoes: Veto[] = (g.veto ?? []).map((v, i) => {
      ref(v.metric, [...base, 'veto', i, 'metric']);
      const bound: Bound = v.at_least !== undefined ? { op: 'at_least', value: q(v.at_least) } : { op: 'at_most', value: q(v.at_most as number) };
      return { metric: v.metric, bound, factor: q(v.factor), disqualify: v.disqualify ?? false };
    });
    const payPath = [...base, 'pay'];
    const commissions: Commission[] = (g.pay.commission ?? []).map((c, i) => {
      const path = [...payPath, 'commission', i];
      if (c.gate) ref(c.gate.metric, [...path, 'gate', 'metric']);
      const limits = {
        ...(c.cap !== undefined ? { cap: fen(c.cap, [...path, 'cap']) } : {}),
        ...(c.gate ? { gate: { metric: c.gate.metric, bound: boundOf(c.gate) } } : {}),
      };
      if (c.per_unit) {
        return { kind: 'per_unit', name: c.name, rates: Object.entries(c.per_unit).map(([pattern, amount]) => ({ pattern, fen: fen(amount, [...path, 'per_unit', pattern]) })), ...limits };
      }
      ref(c.metric as string, [...path, 'metric']);
      const tiers: Tier[] = (c.tiers ?? []).map((t) => ({ ...(t.upto !== undefined ? { upto: q(t.upto) } : {}), rate: rateOf(t.rate) }));
      checkTiers(tiers, [...path, 'tiers'], locate, issues);
      return { kind: 'tiers', name: c.name, metric: c.metric as string, tiers, mode: c.mode ?? 'marginal', ...limits };
    });
    const overrides: Override[] = (g.pay.overrides ?? []).map((o, i) => {
      ref(o.metric, [...payPath, 'overrides', i, 'metric']);
      return { name: o.name, metric: o.metric, scope: o.scope, rate: rateOf(o.rate) };
    });
    const pools: Pool[] = (g.pay.pools ?? []).map((p, i) => {
      const path = [...payPath, 'pools', i];
      const splitBy = p.split_by ?? 'kpi_score';
      if (splitBy !== 'kpi_score' && splitBy !== 'equal') ref(splitBy, [...path, 'split_by']);
      let amount: Pool['amount'];
      if (typeof p.amount === 'number') amount = { kind: 'fixed', fen: fen(p.amount, [...path, 'amount']) };
      else {
        ref(p.amount.metric, [...path, 'amount', 'metric']);
        amount = { kind: 'rate', metric: p.amount.metric, rate: rateOf(p.amount.rate) };
      }
      return { name: p.name, amount, scope: p.scope ?? 'group', splitBy, ...(p.min_score !== undefined ? { minScore: q(p.min_score) } : {}), source: locate(path) };
    });
    // One agent in two pairs of one contest would be paid twice, or race themselves.
    const contests: Contest[] = (g.pay.contests ?? []).map((c, i) => {
      const path = [...payPath, 'contests', i];
      ref(c.metric, [...path, 'metric']);
      const seen = new Map<string, number>();
      const pairs = c.pairs?.map((pair, k) => {
        for (const agent of pair) {
          const earlier = seen.get(agent);
          if (earlier !== undefined) issues.push(issue('SCHEME_BAD_VALUE', { value: agent, reason_zh: `${agent} 已在第 ${earlier + 1} 组 PK 中：一人只能在一组里`, reason_en: `${agent} is in pair ${earlier + 1} already: one agent, one pair` }, locate([...path, 'pairs', k])));
          seen.set(agent, k);
        }
        return { agents: pair, source: locate([...path, 'pairs', k]) };
      });
      return { name: c.name, metric: c.metric, order: c.order ?? (lowerIsBetter(c.metric) ? 'asc' : 'desc'), prize: fen(c.prize, [...path, 'prize']), ...(pairs ? { pairs } : {}), ...(c.teams ? { teams: c.teams } : {}), source: locate(path) };
    });
    const cap = g.pay.cap !== undefined ? fen(g.pay.cap, [...payPath, 'cap']) : undefined;
    const floor = g.pay.floor ? { fen: fen(g.pay.floor.amount, [...payPath, 'floor', 'amount']), months: g.pay.floor.first_months } : undefined;
    if (cap !== undefined && floor && cap < floor.fen) {
      issues.push(issue('SCHEME_BAD_VALUE', { value: g.pay.cap, reason_zh: `浮动薪酬封顶 ${g.pay.cap} 低于保底 ${g.pay.floor?.amount}：保底永远达不到`, reason_en: `the variable pay cap ${g.pay.cap} is below the floor ${g.pay.floor?.amount}: the floor could never be paid` }, locate([...payPath, 'cap'])));
    }
    const flag = g.flag_bottom;
    const bonuses: RankBonus[] = (g.pay.bonuses ?? []).map((b, i) => {
      const path = [...payPath, 'bonuses', i];
      if (b.rank_by !== 'kpi_score') ref(b.rank_by, [...path, 'rank_by']);
      const prizes = b.prizes
        ? b.prizes.map((p, j) => fen(p, [...path, 'prizes', j]))
        : Array.from({ length: b.top as number }, () => fen(b.amount as number, [...path, 'amount']));
      return { name: b.name, rankBy: b.rank_by, order: b.order ?? (lowerIsBetter(b.rank_by) ? 'asc' : 'desc'), prizes };
    });
    const perLines = (list: typeof g.pay.allowances, key: string): PerMetricLine[] =>
      (list ?? []).map((line, i) => {
        ref(line.per, [...payPath, key, i, 'per']);
        return { name: line.name, per: line.per, rate: q(line.rate) };
      });
    const baseRule = g.pay.base === 'roster' || g.pay.base === 'level' ? { kind: g.pay.base } : { kind: 'amount' as const, fen: fen(g.pay.base, [...payPath, 'base']) };
    if (baseRule.kind === 'level' && levels.size === 0) {
      issues.push(issue('SCHEME_BAD_VALUE', { value: 'level', reason_zh: '方案没有 levels 表', reason_en: 'the scheme has no levels table' }, locate([...payPath, 'base'])));
    }
    groups.set(groupName, {
      name: groupName,
      kpi,
      factor,
      veto: vetoes,
      pay: {
        base: baseRule,
        commission: commissions,
        overrides,
        bonuses,
        pools,
        contests,
        allowances: perLines(g.pay.allowances, 'allowances'),
        deductions: perLines(g.pay.deductions, 'deductions'),
        ...(cap !== undefined ? { cap } : {}),
        ...(floor ? { floor } : {}),
      },
      ...(flag ? { flagBottom: { ...(flag.count !== undefined ? { count: flag.count } : {}), ...(flag.share !== undefined ? { share: q(flag.share) } : {}), ...(flag.within !== undefined ? { within: flag.within } : {}) } } : {}),
    });
  }
  return {
    name: raw.name ?? defaultName,
    timezone: raw.timezone ?? 'Asia/Shanghai',
    dayStartsAtMinutes: minutesOf(raw.day_starts_at ?? '00:00'),
    attribution: {
      basis: raw.attribution?.basis ?? 'created',
      windowDays: raw.attribution?.window_days ?? 2,
      credit: raw.attribution?.credit ?? 'last',
      afterSaleLookbackDays: raw.attribution?.after_sale_lookback_days ?? 30,
    },
    response: {
      slowAfterS: raw.response?.slow_after_s ?? 180,
      ...(raw.response?.unreplied_as_s != null ? { unrepliedAsS: raw.response.unreplied_as_s } : {}),
      roundTimeoutS: raw.response?.round_timeout_s ?? 86400,
      hours,
    },
    bundles: raw.bundles ?? [],
    levels,
    derived,
    labels,
    columns: new Map(Object.entries(raw.columns ?? {})),
    groups,
    benchmarks,
    ...(raw.promotion
      ? {
          promotion: {
            ladder: raw.promotion.ladder,
            when: raw.promotion.when.map((w, i) => {
              if (w.metric !== 'kpi_score') ref(w.metric, ['promotion', 'when', i, 'metric']);
              return { metric: w.metric, bound: boundOf(w), months: w.months, source: locate(['promotion', 'when', i]) };
            }),
          },
        }
      : {}),
    metricReferences: references,
  };
}

/**
 * A metric's benchmark, which way is better settled: the catalogue knows it for its metrics (首响 lower,
 * conversion higher); `better:` says it for the others (a fact such as 黄牌); else excellent below
 * standard means lower is better, and without either, higher is. Levels or a `better:` that go against
 * what is known (首响 with excellent 30 above standard 15) are an error: the marks would be upside down.
 */
function benchmarkOf(
  metric: string,
  raw: z.infer<typeof benchmark>,
  level: (value: number | string) => Rational,
  locate: (key: string) => Source,
  issues: Issue[],
): Benchmark | undefined {
  const standard = level(raw.standard);
  const excellent = raw.excellent !== undefined ? level(raw.excellent) : undefined;
  const catalogued = METRICS.get(metric);
  const known = catalogued ? catalogued.lowerIsBetter === true : raw.better !== undefined ? raw.better === 'lower' : undefined;
  const said = excellent !== undefined && !eq(excellent, standard) ? cmp(excellent, standard) < 0 : undefined;
  const lowerIsBetter = known ?? said ?? false;
  const way = (lower: boolean) => (lower ? { zh: '越低越好', en: 'lower is better' } : { zh: '越高越好', en: 'higher is better' });
  if (catalogued && raw.better !== undefined && (raw.better === 'lower') !== lowerIsBetter) {
    const w = way(lowerIsBetter);
    issues.push(issue('SCHEME_BAD_VALUE', { value: raw.better, reason_zh: `${metric} ${w.zh}，这是指标本身的定义：删去 better`, reason_en: `${metric}: ${w.en}, by the metric's own definition: delete better` }, locate('better')));
    return undefined;
  }
  if (said !== undefined && said !== lowerIsBetter) {
    const w = way(lowerIsBetter);
    const should = lowerIsBetter ? { zh: '低于', en: 'below' } : { zh: '高于', en: 'above' };
    issues.push(
      issue('SCHEME_BAD_VALUE', {
        value: raw.excellent,
        reason_zh: `${metric} ${w.zh}，优秀值（excellent）应${should.zh}标准值（standard ${showNumber(standard)}）`,
        reason_en: `${metric}: ${w.en}, so excellent must be ${should.en} the standard (${showNumber(standard)})`,
      }, locate('excellent')),
    );
    return undefined;
  }
  return { standard, ...(excellent !== undefined ? { excellent } : {}), lowerIsBetter };
}

const lowerIsBetter = (metric: string) => metricInfo(metric).lowerIsBetter === true;

const boundOf = (b: { at_least?: number | undefined; at_most?: number | undefined }): Bound =>
  b.at_least !== undefined ? { op: 'at_least', value: fromLiteralNumber(b.at_least) } : { op: 'at_most', value: fromLiteralNumber(b.at_most as number) };

function scoreRule(raw: z.infer<typeof score>, path: Path, locate: (path: Path) => Source, issues: Issue[]): ScoreRule {
  if (raw.linear) {
    const zeroAt = fromLiteralNumber(raw.linear.zero_at);
    const fullAt = fromLiteralNumber(raw.linear.full_at);
    if (eq(zeroAt, fullAt)) {
      issues.push(issue('SCHEME_BAD_VALUE', { value: raw.linear.full_at, reason_zh: 'zero_at 与 full_at 不能相等', reason_en: 'zero_at and full_at must differ' }, locate([...path, 'linear'])));
    }
    return { kind: 'linear', zeroAt, fullAt, max: fromLiteralNumber(raw.linear.max ?? 100) };
  }
  const bands = (raw.bands ?? []).map((b) => {
    const bound: Bound | undefined =
      b.at_least !== undefined ? { op: 'at_least', value: fromLiteralNumber(b.at_least) } : b.at_most !== undefined ? { op: 'at_most', value: fromLiteralNumber(b.at_most) } : undefined;
    return { ...(bound ? { bound } : {}), points: fromLiteralNumber(b.points) };
  });
  (raw.bands ?? []).forEach((b, i) => {
    if (b.at_least !== undefined && b.at_most !== undefined) {
      issues.push(issue('SCHEME_BANDS_ORDER', { detail_zh: '一档只能有 at_least 或 at_most 之一', detail_en: 'a band has one of at_least or at_most' }, locate([...path, 'bands', i])));
    }
  });
  checkBands(bands.map((b) => b.bound), [...path, 'bands'], locate, issues);
  return { kind: 'bands', bands };
}

/**
 * Bands are read top to bottom and the first match wins, so `at_least` bounds must fall and `at_most`
 * bounds rise; only the last band may have no bound, and it must have none so that every value scores.
 */
function checkBands(bounds: readonly (Bound | undefined)[], path: Path, locate: (path: Path) => Source, issues: Issue[]): void {
  const last = bounds.length - 1;
  bounds.forEach((bound, i) => {
    if (i < last && bound === undefined) {
      issues.push(issue('SCHEME_LAST_BAND', { detail_zh: `只有最后一档可以不设界限，第 ${i + 1} 档缺少 at_least/at_most`, detail_en: `only the last band may be unbounded; band ${i + 1} needs at_least or at_most` }, locate([...path, i])));
    }
    if (i === last && bound !== undefined) {
      issues.push(issue('SCHEME_LAST_BAND', { detail_zh: '最后一档不能有界限（兜底档），否则有人不落在任何一档', detail_en: 'the last band must have no bound, so that every value falls in a band' }, locate([...path, i])));
    }
    const previous = bounds[i - 1];
    if (i > 0 && bound && previous) {
      if (bound.op !== previous.op) {
        issues.push(issue('SCHEME_BANDS_ORDER', { detail_zh: `第 ${i + 1} 档混用了 at_least 与 at_most`, detail_en: `band ${i + 1} mixes at_least and at_most` }, locate([...path, i])));
      } else {
        const c = cmp(bound.value, previous.value);
        if (bound.op === 'at_least' ? c >= 0 : c <= 0) {
          const want = bound.op === 'at_least' ? '从高到低' : '从低到高';
          issues.push(issue('SCHEME_BANDS_ORDER', { detail_zh: `第 ${i + 1} 档 ${bound.op}: ${showNumber(bound.value)} 应排在第 ${i} 档 ${showNumber(previous.value)} 之前；${bound.op} 档应${want}排列`, detail_en: `band ${i + 1} (${bound.op}: ${showNumber(bound.value)}) must come before band ${i} (${showNumber(previous.value)})` }, locate([...path, i])));
        }
      }
    }
  });
}

function factorBands(raw: { at_least?: number | undefined; factor: number }[], path: Path, locate: (path: Path) => Source, issues: Issue[]): FactorBand[] {
  const bands = raw.map((b) => ({ ...(b.at_least !== undefined ? { atLeast: fromLiteralNumber(b.at_least) } : {}), factor: fromLiteralNumber(b.factor) }));
  checkBands(bands.map((b) => (b.atLeast ? { op: 'at_least' as const, value: b.atLeast } : undefined)), path, locate, issues);
  return bands;
}

function checkTiers(tiers: readonly Tier[], path: Path, locate: (path: Path) => Source, issues: Issue[]): void {
  const bounds = tiers.map((t) => (t.upto ? { op: 'at_most' as const, value: t.upto } : undefined));
  checkBands(bounds, path, locate, issues);
  tiers.forEach((t, i) => {
    if (cmp(t.rate, ZERO) < 0) issues.push(issue('SCHEME_BAD_VALUE', { value: showNumber(t.rate), reason_zh: '提成比例不能为负', reason_en: 'a rate cannot be negative' }, locate([...path, i, 'rate'])));
  });
}

/**
 * Why a time zone cannot be used, or undefined. Export times carry no offset and kefu reads them as
 * wall-clock time, so a response time is a difference of wall clocks: exact in a zone whose offset
 * never changes (China's since 1991), an hour off across a daylight-saving change. Such zones are
 * refused rather than computed wrong; the check covers 2000–2068, the times kefu can read.
 */
function timeZoneProblem(zone: string): { reason_zh: string; reason_en: string } | undefined {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  } catch {
    return { reason_zh: '不是 IANA 时区名，如 Asia/Shanghai', reason_en: 'not an IANA time zone such as Asia/Shanghai' };
  }
  const offsetAt = (ms: number) => format.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value;
  const first = offsetAt(Date.UTC(2000, 0, 1));
  for (let year = 2000; year <= 2068; year++) {
    for (let month = 0; month < 12; month++) {
      const offset = offsetAt(Date.UTC(year, month, 15));
      if (offset !== first) {
        return {
          reason_zh: `该时区的 UTC 偏移会变化（夏令时等：${first} / ${offset}）。导出的时间没有时区，kefu 按当地钟点计算时长，只支持偏移固定的时区，如 Asia/Shanghai`,
          reason_en: `its UTC offset changes (daylight saving or the like: ${first} / ${offset}). Export times carry no offset and kefu measures durations on the wall clock, so only zones with a fixed offset are supported, such as Asia/Shanghai`,
        };
      }
    }
  }
  return undefined;
}

