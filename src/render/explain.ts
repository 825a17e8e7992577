// Render: the trace in words and numbers a finance clerk reads. `basis` is a pay line's formula in
// numbers alone (the `basis` of payroll.json): money to the fen, rates as percentages, a KPI score to
// two decimals, days as days/days — never a fraction like 23443797/220000. `renderExplain` is one
// agent's figures from the inputs to the total (`kefu explain`): a terminal table, Markdown, JSON. Pure.
import type { ChalkInstance } from 'chalk';
import type { AgentTrace, MetricTrace } from '../core/explain.js';
import type { RawDetail } from '../core/metrics/raw/raw-metrics.js';
import { formatDay, formatTimestamp } from '../core/num/dates.js';
import type { Source } from '../core/model/issues.js';
import type { Lang } from '../core/model/issue-texts.js';
import { metricInfo, metricLabel, type MetricKind } from '../core/metrics/metrics.js';
import type { PayLine } from '../core/model/model.js';
import { formatYuan, formatYuanGrouped, roundToFen } from '../core/num/money.js';
import { type Rational, HUNDRED, mul, showNumber, toFixed, toNumber } from '../core/num/rational.js';
import type { Bound } from '../core/model/scheme.js';
import type { KpiLine, PayFormula } from '../core/model/trace.js';
import { formatFactor, formatMetric, formatScore, jsonMetric, payHeader, visible } from './format.js';
import { renderTable } from './table.js';
import { toCsv } from './csv.js';

/** Yuan to the fen, as the sheet shows money: `612299.50` (rounded, as money is, by roundToFen). */
const yuan = (value: Rational): string => formatYuan(roundToFen(value));

/** A rate as a percentage: 0.002 → `0.2%`, 1/3 → `33.3333%`. */
const percent = (rate: Rational): string => `${readable(mul(rate, HUNDRED))}%`;

/** A number as written when it ends within four decimals (`12.5`, `0.0035`), else to four (`0.3333`). */
function readable(value: Rational): string {
  const shown = showNumber(value);
  return /\//.test(shown) || (shown.split('.')[1]?.length ?? 0) > 4 ? toFixed(value, 4) : shown;
}

/** A ranking's value: a KPI score to two decimals, a rate as a percentage, any other figure readably. */
function rankValue(rankBy: string, value: Rational): string {
  if (rankBy === 'kpi_score') return formatScore(value);
  return metricInfo(rankBy).kind === 'ratio' ? percent(value) : readable(value);
}

/** A pay line's formula in numbers: `4000.00 × 17/31`, `(500000.00 × 0.2% + 112299.50 × 0.3%) × 1.2`. */
export function basis(formula: PayFormula): string {
  switch (formula.kind) {
    case 'base':
      if (formula.months) return `${formatYuan(formula.monthly)} × (${formula.months.map((m) => `${m.days}/${m.periodDays}`).join(' + ')})`;
      return formula.days === formula.periodDays ? formatYuan(formula.monthly) : `${formatYuan(formula.monthly)} × ${formula.days}/${formula.periodDays}`;
    case 'tiers': {
      if (formula.slices.length === 0) return `${yuan(formula.value)} ≤ 0`;
      const parts = formula.slices.map((s) => `${yuan(s.base)} × ${percent(s.rate)}`);
      return `${parts.length === 1 ? parts[0] : `(${parts.join(' + ')})`} × ${readable(formula.factor)}`;
    }
    case 'per_unit': {
      if (formula.units.length === 0) return `0 × ${readable(formula.factor)}`;
      const parts = formula.units.map((u) => `${readable(u.units)} × ${formatYuan(u.fen)} (${u.pattern})`);
      return `${parts.length === 1 ? parts[0] : `(${parts.join(' + ')})`} × ${readable(formula.factor)}`;
    }
    case 'no_data':
      return formula.metric === 'order_lines' ? 'per_unit: no order lines' : `${formula.metric}: no data`;
    case 'prize': {
      const tie = formula.tied > 1 ? ` (${formula.tied} tied: ${formatYuan(formula.pool)} ÷ ${formula.tied})` : '';
      return `#${formula.rank} ${formula.rankBy} ${rankValue(formula.rankBy, formula.value)}${tie}`;
    }
    case 'no_prize':
      if (formula.disqualified) return 'vetoed: not ranked';
      return formula.rank === undefined ? '-' : `#${formula.rank} ${formula.rankBy} ${rankValue(formula.rankBy, formula.value as Rational)}: no prize`;
    case 'per_metric':
      return `${readable(formula.value)} × ${yuan(formula.rate)}`;
    case 'adjustment':
      return formatYuan(formula.amount);
    case 'gated':
      return `${formula.metric} ${formula.value === undefined ? '-' : readable(formula.value)} ${formula.bound.op === 'at_least' ? '<' : '>'} ${readable(formula.bound.value)}: 0`;
    case 'cap':
      return `${formatYuan(formula.before)} → ${formatYuan(formula.cap)}`;
    case 'override':
      return formula.vetoed ? 'vetoed: not paid' : `${yuan(formula.value)} × ${percent(formula.rate)} (${formula.team}, ${formula.members})`;
    case 'pool': {
      const pool = formula.basis ? `${yuan(formula.basis.total)} × ${percent(formula.basis.rate)} = ${formatYuan(formula.pool)}` : formatYuan(formula.pool);
      return formula.splitBy === 'equal' || formula.shared === 1 ? `${pool} ÷ ${formula.shared}` : `${pool} × ${readable(formula.weight)}/${readable(formula.totalWeight)}`;
    }
    case 'no_pool':
      return formula.why === 'vetoed' ? 'vetoed: not in the pool' : formula.why === 'below_min' ? `kpi_score < ${readable(formula.minScore as Rational)}: not in the pool` : 'no team: not in the pool';
    case 'contest': {
      const figure = (v: Rational | undefined) => (v === undefined ? '-' : rankValue(formula.metric, v));
      return `${formula.side} ${figure(formula.mine)} vs ${formula.against} ${figure(formula.theirs)}: ${formula.result}${formula.result === 'tied' ? ` (${formatYuan(formula.prize)} split)` : ''}`;
    }
    case 'floor': {
      const floor = formula.days === formula.periodDays ? formatYuan(formula.floor) : `${formatYuan(formula.monthly)} × ${formula.days}/${formula.periodDays} = ${formatYuan(formula.floor)}`;
      return `${floor} − ${formatYuan(formula.variable)} (month ${formula.month} of ${formula.months})`;
    }
  }
}

// --- kefu explain: one agent's figures, from the inputs to the total ---------------------------------

const WORDS = {
  zh: {
    accounts: '账号', days: '在职', of: '/', dayUnit: '天', metrics: '指标', value: '值', source: '来源', basis: '依据',
    kpi: 'KPI', weight: '权重', points: '得分', weighted: '加权', score: 'KPI 得分', rank: '排名', factor: '绩效系数',
    pay: '工资', item: '项目', amount: '金额', formula: '计算', total: '合计', none: '无', vetoes: '一票否决',
    band: (i: number) => `第 ${i + 1} 档`, noBand: '不在任何档', missing: '无数据，按 0 分', linear: (z: string, f: string) => `${z} 为 0 分，${f} 为 100 分，线性`,
    capZero: '，低于 0 分按 0', capMax: (m: string) => `，封顶 ${m}`, disqualified: '取消评奖',
    sources: { facts: '考核数据', raw: '聊天记录/订单', stats: '绩效报表', completed: '推算', derived: '方案 derived' },
    sum: '各行相加', weighted_by: (w: string) => `按 ${w} 加权平均`, team: '团队合计', shop: '店铺销售额',
    from: { roster: '花名册底薪', level: '职级', amount: '方案底薪', none: '未定底薪' }, reason: '原因', otherwise: '其余', payslip: '工资条', section: '类别',
    prize: (rank: number, of: number, by: string, value: string, tied: number, pool: string) => `${by} ${value}，第 ${rank} 名（共 ${of} 人参与，否决者除外）${tied > 1 ? `，${tied} 人并列：${pool} ÷ ${tied}` : ''}`,
    noPrize: (rank: number, by: string, value: string) => `${by} ${value}，第 ${rank} 名：未获奖`,
    unranked: (by: string) => `无 ${by} 数据：不参与排名`,
    vetoedPrize: '一票否决：不参与排名',
    gated: (metric: string, value: string, bound: string) => `${metric} ${value}，未达门槛 ${bound}：本项不发`,
    cap: (before: string, cap: string) => `${before} 超过封顶 ${cap}，扣回超出部分`,
    override: (team: string, members: number, metric: string, value: string, rate: string) => `团队 ${team} 其余 ${members} 人的 ${metric} 合计 ${value} × ${rate}`,
    pool: (scope: string, pool: string, how: string) => `${scope} 奖金池 ${pool}，${how}`,
    poolWeight: (by: string, weight: string, total: string) => `按 ${by} ${weight}/${total} 分配`,
    poolEqual: (n: number) => `${n} 人平分`,
    noPool: { vetoed: '一票否决：不参与分配', below_min: (min: string) => `KPI 得分低于 ${min}：不参与分配`, no_team: '不属于任何团队：不参与团队奖金池' },
    contest: (side: string, mine: string, against: string, theirs: string, result: 'won' | 'tied' | 'lost' | 'none') => `${side} ${mine} 对 ${against} ${theirs}：${{ won: '胜', tied: '平，奖金平分', lost: '负', none: '双方都没有数据，无人得奖' }[result]}`,
    vetoedOverride: '一票否决：本项不发',
    floor: (floor: string, variable: string, month: number, months: number) => `入职第 ${month} 个月（保底 ${months} 个月）：浮动薪酬 ${variable} 补足到 ${floor}`,
    raw: {
      consultations: '咨询明细', slow: (s: number) => `慢响应轮次（超过 ${s} 秒）`, orders: '落实订单（本期已付款）',
      buyer: '买家', shop: '店铺', day: '业务日', first: '首条买家消息', firstResponse: '首响(秒)', kind: '类型', inquiry: '询单', afterSale: '售后',
      ordered: '下单', paid: '付款', yes: '是', no: '-', opened: '开始', wait: '等待(秒)', order: '订单号', paidAt: '付款时间',
      amount: '金额', refund: '退款', bundle: '套餐金额', share: '分摊', units: '件数',
      listed: (shown: number, of: number) => `共 ${of} 条，列出前 ${shown} 条；--all 列出全部`, count: (n: number) => `${n} 条`,
    },
  },
  en: {
    accounts: 'Accounts', days: 'Employed', of: '/', dayUnit: 'days', metrics: 'Metrics', value: 'Value', source: 'Source', basis: 'Basis',
    kpi: 'KPI', weight: 'Weight', points: 'Points', weighted: 'Weighted', score: 'KPI score', rank: 'Rank', factor: 'Factor',
    pay: 'Pay', item: 'Item', amount: 'Amount', formula: 'Formula', total: 'Total', none: 'none', vetoes: 'Vetoes',
    band: (i: number) => `band ${i + 1}`, noBand: 'in no band', missing: 'no data: 0 points', linear: (z: string, f: string) => `0 points at ${z}, 100 at ${f}, straight between`,
    capZero: ', below 0 taken as 0', capMax: (m: string) => `, capped at ${m}`, disqualified: 'no prizes',
    sources: { facts: 'facts', raw: 'chat log / orders', stats: 'platform export', completed: 'worked out', derived: 'scheme derived' },
    sum: 'rows summed', weighted_by: (w: string) => `mean weighted by ${w}`, team: 'team', shop: 'shop sales',
    from: { roster: 'roster base', level: 'level', amount: 'scheme base', none: 'no base set' }, reason: 'reason', otherwise: 'otherwise', payslip: 'Payslip', section: 'Section',
    prize: (rank: number, of: number, by: string, value: string, tied: number, pool: string) => `${by} ${value}, #${rank} of ${of} ranked (vetoed agents left out)${tied > 1 ? `, ${tied} tied: ${pool} ÷ ${tied}` : ''}`,
    noPrize: (rank: number, by: string, value: string) => `${by} ${value}, #${rank}: no prize`,
    unranked: (by: string) => `no ${by}: not ranked`,
    vetoedPrize: 'vetoed: not ranked',
    gated: (metric: string, value: string, bound: string) => `${metric} ${value}, short of the gate ${bound}: not paid`,
    cap: (before: string, cap: string) => `${before} over the cap of ${cap}: the excess taken back`,
    override: (team: string, members: number, metric: string, value: string, rate: string) => `team ${team}'s ${members} other members' ${metric} ${value} × ${rate}`,
    pool: (scope: string, pool: string, how: string) => `${scope} pool ${pool}, ${how}`,
    poolWeight: (by: string, weight: string, total: string) => `by ${by} ${weight}/${total}`,
    poolEqual: (n: number) => `equally among ${n}`,
    noPool: { vetoed: 'vetoed: no share', below_min: (min: string) => `KPI score below ${min}: no share`, no_team: 'in no team: no share of a team pool' },
    contest: (side: string, mine: string, against: string, theirs: string, result: 'won' | 'tied' | 'lost' | 'none') => `${side} ${mine} against ${against} ${theirs}: ${{ won: 'won', tied: 'tied, the prize split', lost: 'lost', none: 'no side has a figure, nobody wins' }[result]}`,
    vetoedOverride: 'vetoed: not paid',
    floor: (floor: string, variable: string, month: number, months: number) => `month ${month} of employment (floor for ${months}): variable pay ${variable} made up to ${floor}`,
    raw: {
      consultations: 'Consultations', slow: (s: number) => `Rounds slower than ${s} s`, orders: 'Orders credited (paid in the period)',
      buyer: 'Buyer', shop: 'Shop', day: 'Business day', first: 'First buyer message', firstResponse: 'First response (s)', kind: 'Kind', inquiry: 'inquiry', afterSale: 'after-sales',
      ordered: 'Ordered', paid: 'Paid', yes: 'yes', no: '-', opened: 'Opened', wait: 'Wait (s)', order: 'Order', paidAt: 'Paid at',
      amount: 'Amount', refund: 'Refund', bundle: 'Bundle', share: 'Share', units: 'Units',
      listed: (shown: number, of: number) => `${of} in all, the first ${shown} listed; --all lists every one`, count: (n: number) => `${n} rows`,
    },
  },
} as const;

export type ExplainFormat = 'table' | 'md' | 'json';

export interface ExplainOptions {
  readonly lang: Lang;
  readonly period: string;
  readonly chalk: ChalkInstance;
  readonly colour: boolean;
  /** How many raw rows of each kind to list (consultations, slow rounds, orders); all when undefined. */
  readonly rows?: number;
}

/** How many raw rows of each kind kefu explain lists unless asked for all. */
export const RAW_ROWS_SHOWN = 10;

/** How a metric's values read: as the report prints them, a scheme's derived ratio as a percentage. */
const kindOf = (trace: AgentTrace, name: string): MetricKind => (trace.metrics.find((m) => m.name === name)?.source === 'derived' ? 'ratio' : metricInfo(name).kind);
const valueText = (trace: AgentTrace, name: string, value: Rational | undefined) => formatMetric(name, value, 'table', kindOf(trace, name));

function boundText(trace: AgentTrace, bound: Bound, metric: string): string {
  return `${bound.op === 'at_least' ? '≥' : '≤'} ${valueText(trace, metric, bound.value)}`;
}

/** Where a metric came from, in words: the rows and their values, or the parts of a ratio. */
function metricBasis(trace: AgentTrace, m: MetricTrace, lang: Lang): string {
  const w = WORDS[lang];
  const name = nameOf(trace, lang);
  const rows = m.rows.map((r) => `${place(r.source)} ${valueText(trace, m.name, r.value)}`);
  const parts = m.parts;
  const how =
    !parts ? ''
    : parts.kind === 'sum' ? w.sum
    : parts.kind === 'weighted' ? w.weighted_by(parts.by.map(name).join(' / '))
    : parts.kind === 'ratio' ? `${name(parts.of[0])} / ${name(parts.of[1])}`
    : parts.kind === 'difference' ? `${name(parts.of[0])} − ${name(parts.of[1])}`
    : `${name(parts.of[0])} / ${parts.of[1] === 'team' ? w.team : w.shop}`;
  return [rows.join(', '), how].filter(Boolean).join('; ');
}

/** A row's place as a person finds it: the file's name (its folder is in the JSON) and the line. */
const place = (source: Source): string => `${source.file.split(/[\\/]/).pop()}:${source.line ?? ''}`;

function pointsBasis(trace: AgentTrace, line: KpiLine, lang: Lang): string {
  const w = WORDS[lang];
  const rule = line.rule;
  switch (rule.kind) {
    case 'missing':
      return w.missing;
    case 'no_band':
      return w.noBand;
    case 'band':
      return `${rule.bound ? boundText(trace, rule.bound, line.metric) : w.otherwise} → ${readable(line.points)} (${w.band(rule.index)})`;
    case 'linear': {
      const cap = rule.capped === 'zero' ? w.capZero : rule.capped === 'max' ? w.capMax(readable(rule.max)) : '';
      return `${w.linear(valueText(trace, line.metric, rule.zeroAt), valueText(trace, line.metric, rule.fullAt))}${cap}`;
    }
  }
}

function factorBasis(trace: AgentTrace, lang: Lang): string {
  const w = WORDS[lang];
  const band = trace.factor.band;
  const parts = [band ? [formatScore(trace.kpiScore), band.atLeast !== undefined ? `≥ ${readable(band.atLeast)}` : '', '→', formatFactor(band.factor), `(${w.band(band.index)})`].filter(Boolean).join(' ') : '1'];
  for (const v of trace.factor.vetoes) parts.push(`${w.vetoes}: ${nameOf(trace, lang)(v.metric)} ${valueText(trace, v.metric, v.value)} ${boundText(trace, v.bound, v.metric)} → ${formatFactor(v.factor)}${v.disqualify ? ` (${w.disqualified})` : ''}`);
  return parts.join('; ');
}

/** A pay line's formula, with where the base came from and an adjustment's reason and row. */
function payBasis(trace: AgentTrace, line: PayLine, lang: Lang): string {
  const w = WORDS[lang];
  const name = nameOf(trace, lang);
  const f = line.formula;
  if (f.kind === 'base') return `${basis(f)} (${w.from[f.from]}${f.level ? ` ${f.level}` : ''}; ${f.days}${w.of}${f.periodDays} ${w.dayUnit})`;
  if (f.kind === 'adjustment') return `${basis(f)} (${w.reason}: ${f.reason}${f.source ? `; ${place(f.source)}` : ''})`;
  if (f.kind === 'tiers') return `${name(f.metric)} ${yuan(f.value)}: ${basis(f)}`;
  if (f.kind === 'per_metric') return `${name(f.metric)} ${basis(f)}`;
  if (f.kind === 'prize') return w.prize(f.rank, f.ranked, name(f.rankBy), rankValue(f.rankBy, f.value), f.tied, formatYuan(f.pool));
  if (f.kind === 'no_prize') return f.disqualified ? w.vetoedPrize : f.rank === undefined ? w.unranked(name(f.rankBy)) : w.noPrize(f.rank, name(f.rankBy), rankValue(f.rankBy, f.value as Rational));
  if (f.kind === 'gated') return w.gated(name(f.metric), f.value === undefined ? '-' : valueText(trace, f.metric, f.value), boundText(trace, f.bound, f.metric));
  if (f.kind === 'cap') return w.cap(formatYuan(f.before), formatYuan(f.cap));
  if (f.kind === 'override') return f.vetoed ? w.vetoedOverride : w.override(f.team, f.members, name(f.metric), yuan(f.value), percent(f.rate));
  if (f.kind === 'pool') {
    const pool = f.basis ? `${name(f.basis.metric)} ${yuan(f.basis.total)} × ${percent(f.basis.rate)} = ${formatYuan(f.pool)}` : formatYuan(f.pool);
    const how = f.splitBy === 'equal' ? w.poolEqual(f.shared) : w.poolWeight(f.splitBy === 'kpi_score' ? w.score : name(f.splitBy), readable(f.weight), readable(f.totalWeight));
    return w.pool(f.scope, pool, how);
  }
  if (f.kind === 'no_pool') return f.why === 'below_min' ? w.noPool.below_min(readable(f.minScore as Rational)) : w.noPool[f.why];
  if (f.kind === 'contest') {
    const figure = (v: Rational | undefined) => (v === undefined ? '-' : rankValue(f.metric, v));
    return w.contest(f.side, figure(f.mine), f.against, figure(f.theirs), f.result);
  }
  if (f.kind === 'floor') return w.floor(formatYuan(f.floor), formatYuan(f.variable), f.month, f.months);
  return basis(f);
}

/** A metric's name as the agent reads it: the scheme's label where it gives one, else the metric's own. */
const nameOf = (trace: AgentTrace, lang: Lang) => (metric: string): string => metricLabel(metric, lang, trace.labels);

type Section = { title: string; headers: string[]; rows: string[][]; numeric: boolean[]; footer?: string[]; note?: string };

/** Where each metric came from: a section of rows of cells, shared by the table and Markdown forms. */
function metricsSection(trace: AgentTrace, lang: Lang): Section {
  const w = WORDS[lang];
  return {
    title: w.metrics,
    headers: [w.metrics, w.value, w.source, w.basis],
    rows: trace.metrics.map((m) => [nameOf(trace, lang)(m.name), valueText(trace, m.name, m.value), w.sources[m.source], metricBasis(trace, m, lang)]),
    numeric: [false, true, false, false],
  };
}

/** The KPI lines, their sum and the factor. */
function kpiSection(trace: AgentTrace, lang: Lang): Section {
  const w = WORDS[lang];
  return {
    title: w.kpi,
    headers: [w.metrics, w.weight, w.value, w.points, w.basis, w.weighted],
    rows: trace.kpi.map((l) => [nameOf(trace, lang)(l.metric), readable(l.weight), valueText(trace, l.metric, l.value), readable(l.points), pointsBasis(trace, l, lang), formatScore(l.weighted)]),
    numeric: [false, true, true, true, false, true],
    footer: [w.score, '', '', '', trace.kpi.map((l) => formatScore(l.weighted)).join(' + '), formatScore(trace.kpiScore)],
    note: `${w.rank} #${trace.rank} · ${w.factor} ${formatFactor(trace.factor.factor)}: ${factorBasis(trace, lang)}`,
  };
}

/** The pay lines with their formulas, and the total. */
function paySection(trace: AgentTrace, lang: Lang): Section {
  const w = WORDS[lang];
  return {
    title: w.pay,
    headers: [w.item, w.amount, w.formula],
    rows: trace.pay.map((line) => [payHeader(line.kind, line.name, lang), formatYuanGrouped(line.amount), payBasis(trace, line, lang)]),
    numeric: [false, true, false],
    footer: [w.total, formatYuanGrouped(trace.total), trace.pay.map((l) => formatYuan(l.amount)).join(' + ')],
  };
}

/**
 * The raw rows behind the counts: the period's consultations, the slow rounds and the credited orders,
 * the first `limit` of each; when every one is listed, the orders' total is their sum (= cs_sales).
 */
function rawSections(raw: RawDetail, lang: Lang, limit: number | undefined): Section[] {
  const w = WORDS[lang];
  const r = w.raw;
  const yes = (flag: boolean) => (flag ? r.yes : r.no);
  const section = <T>(title: string, all: readonly T[], headers: string[], numeric: boolean[], row: (item: T) => string[], total?: (items: readonly T[]) => string[]): Section => {
    const shown = limit === undefined ? all : all.slice(0, limit);
    const complete = shown.length === all.length;
    return {
      title,
      headers,
      rows: shown.map(row),
      numeric,
      ...(complete && total && all.length > 0 ? { footer: total(all) } : {}),
      note: complete ? r.count(all.length) : r.listed(shown.length, all.length),
    };
  };
  const fen = (items: readonly RawDetail['orders'][number][], pick: (o: RawDetail['orders'][number]) => bigint) => formatYuan(items.reduce((sum, o) => sum + pick(o), 0n));
  return [
    section(
      w.raw.consultations,
      raw.consultations,
      [r.buyer, r.shop, r.day, r.first, r.firstResponse, r.kind, r.ordered, r.paid],
      [false, false, false, false, true, false, false, false],
      (c) => [c.buyer, c.shop, formatDay(c.day), formatTimestamp(c.firstMessage), c.firstResponseS === undefined ? '-' : String(c.firstResponseS), c.inquiry ? r.inquiry : r.afterSale, yes(c.ordered), yes(c.paid)],
    ),
    section(r.slow(raw.slowAfterS), raw.slowRounds, [r.buyer, r.shop, r.opened, r.wait], [false, false, false, true], (s) => [s.buyer, s.shop, formatTimestamp(s.opened), String(s.waitS)]),
    section(
      r.orders,
      raw.orders,
      [r.order, r.buyer, r.shop, r.paidAt, r.amount, r.refund, r.bundle, r.share, r.units],
      [false, false, false, false, true, true, true, false, true],
      (o) => [o.order, o.buyer, o.shop, formatTimestamp(o.paidAt), formatYuan(o.amount), formatYuan(o.refund), formatYuan(o.bundle), o.sharedBy === 1 ? '1' : `1/${o.sharedBy}`, String(o.quantity)],
      (all) => [w.total, '', '', '', fen(all, (o) => o.amount), fen(all, (o) => o.refund), fen(all, (o) => o.bundle), '', ''],
    ),
  ];
}

function heading(trace: AgentTrace, options: Pick<ExplainOptions, 'lang' | 'period'>): string[] {
  const w = WORDS[options.lang];
  return [
    `${trace.agentId} ${trace.name} · ${trace.group} · ${options.period}`,
    `${w.accounts}: ${trace.accounts.join(', ') || w.none} · ${w.days} ${trace.days}${w.of}${trace.periodDays} ${w.dayUnit}`,
  ];
}

/** Sections as Markdown, under a title and a subtitle. */
function markdown(title: string, subtitle: string, parts: readonly Section[]): string {
  const cell = (text: string) => visible(text).replace(/\|/g, '\\|');
  const table = (headers: string[], rows: string[][], numeric: boolean[]) =>
    [`| ${headers.map(cell).join(' | ')} |`, `|${numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
  const bold = (row: readonly string[]) => row.map((c, i) => (i < 2 && c !== '' ? `**${c}**` : c));
  const body = parts.map((s) => [`## ${s.title}`, '', table(s.headers, s.footer ? [...s.rows, bold(s.footer)] : s.rows, s.numeric), ...(s.note ? ['', s.note] : [])].join('\n'));
  return `# ${title}\n\n${subtitle}\n\n${body.join('\n\n')}\n`;
}

/** One agent's explanation: a terminal table, Markdown, or JSON. */
export function renderExplain(trace: AgentTrace, format: ExplainFormat, options: ExplainOptions): string {
  if (format === 'json') return `${JSON.stringify(explainJson(trace, options.rows), null, 2)}\n`;
  const [title, subtitle] = heading(trace, options);
  const parts = [
    metricsSection(trace, options.lang),
    ...(trace.raw ? rawSections(trace.raw, options.lang, options.rows) : []),
    kpiSection(trace, options.lang),
    paySection(trace, options.lang),
  ];
  if (format === 'md') return markdown(title as string, subtitle as string, parts);
  const { chalk, colour } = options;
  const body = parts.map((s) =>
    [colour ? chalk.bold(s.title) : s.title, renderTable(s.headers, s.rows, { chalk, colour, numeric: s.numeric, ...(s.footer ? { footer: s.footer } : {}) }), ...(s.note ? [s.note] : [])].join('\n'),
  );
  return `${colour ? chalk.bold(title) : title}\n${subtitle}\n\n${body.join('\n\n')}\n`;
}

/**
 * A payslip (工资条): the KPI lines with their points, the factor, each pay line with its formula and
 * the total — the explanation without the metrics' sources — as Markdown, and the same lines as CSV.
 */
export function renderPayslip(trace: AgentTrace, options: Pick<ExplainOptions, 'lang' | 'period'>): { md: string; csv: string } {
  const w = WORDS[options.lang];
  const [kpi, pay] = [kpiSection(trace, options.lang), paySection(trace, options.lang)];
  const [title, subtitle] = heading(trace, options);
  const md = markdown(`${w.payslip} · ${title}`, subtitle as string, [kpi, pay]);
  const rows = [
    ...kpi.rows.map((r) => [w.kpi, r[0] as string, r[2] as string, r[3] as string, r[4] as string]),
    [w.kpi, w.score, '', formatScore(trace.kpiScore), kpi.note ?? ''],
    ...trace.pay.map((line) => [w.pay, payHeader(line.kind, line.name, options.lang), '', formatYuan(line.amount), payBasis(trace, line, options.lang)]),
    [w.pay, w.total, '', formatYuan(trace.total), ''],
  ];
  const csv = toCsv([w.section, w.item, w.value, w.points + ' / ' + w.amount, w.basis], rows, true);
  return { md, csv };
}

/** The trace as JSON: money as two-decimal strings, other figures as numbers, every formula as data and as `basis`. */
function explainJson(trace: AgentTrace, limit: number | undefined): unknown {
  const num = (r: Rational | undefined) => (r === undefined ? null : toNumber(r));
  return {
    agent_id: trace.agentId,
    name: trace.name,
    group: trace.group,
    accounts: trace.accounts,
    days_employed: trace.days,
    period_days: trace.periodDays,
    metrics: trace.metrics.map((m) => ({
      name: m.name,
      value: jsonMetric(m.name, m.value),
      source: m.source,
      rows: m.rows.map((r) => ({ file: r.source.file, line: r.source.line ?? null, value: jsonMetric(m.name, r.value) })),
      ...(m.parts ? { parts: m.parts } : {}),
    })),
    kpi: trace.kpi.map((l) => ({ metric: l.metric, weight: num(l.weight), value: num(l.value), points: num(l.points), weighted: num(l.weighted), rule: jsonRule(l) })),
    kpi_score: num(trace.kpiScore),
    rank: trace.rank,
    factor: {
      value: num(trace.factor.factor),
      band: trace.factor.band ? { index: trace.factor.band.index, at_least: num(trace.factor.band.atLeast), factor: num(trace.factor.band.factor) } : null,
      vetoes: trace.factor.vetoes.map((v) => ({ metric: v.metric, op: v.bound.op, bound: num(v.bound.value), value: num(v.value), factor: num(v.factor), disqualify: v.disqualify })),
    },
    disqualified: trace.disqualified,
    pay: trace.pay.map((line) => ({ kind: line.kind, name: line.name, amount: formatYuan(line.amount), basis: basis(line.formula), formula: jsonFormula(line.formula) })),
    total: formatYuan(trace.total),
    ...(trace.raw ? { raw: rawJson(trace.raw, limit) } : {}),
  };
}

/** The raw rows as JSON: each kind's count, and its rows (the first `limit`, or all); times as written in the files, money as two-decimal strings. */
function rawJson(raw: RawDetail, limit: number | undefined): unknown {
  const list = <T, U>(all: readonly T[], row: (item: T) => U) => ({ count: all.length, rows: (limit === undefined ? all : all.slice(0, limit)).map(row) });
  return {
    slow_after_s: raw.slowAfterS,
    consultations: list(raw.consultations, (c) => ({
      buyer: c.buyer, shop: c.shop, day: formatDay(c.day), first_message: formatTimestamp(c.firstMessage), first_response_s: c.firstResponseS ?? null, inquiry: c.inquiry, ordered: c.ordered, paid: c.paid,
    })),
    slow_rounds: list(raw.slowRounds, (s) => ({ buyer: s.buyer, shop: s.shop, opened: formatTimestamp(s.opened), wait_s: s.waitS })),
    orders: list(raw.orders, (o) => ({
      order: o.order, buyer: o.buyer, shop: o.shop, paid_at: formatTimestamp(o.paidAt), amount: formatYuan(o.amount), refund: formatYuan(o.refund), bundle: formatYuan(o.bundle), shared_by: o.sharedBy, quantity: o.quantity,
    })),
  };
}

function jsonRule(line: KpiLine): unknown {
  const r = line.rule;
  if (r.kind === 'band') return { kind: 'band', index: r.index, ...(r.bound ? { op: r.bound.op, bound: toNumber(r.bound.value) } : {}) };
  if (r.kind === 'linear') return { kind: 'linear', zero_at: toNumber(r.zeroAt), full_at: toNumber(r.fullAt), max: toNumber(r.max), capped: r.capped };
  return { kind: r.kind };
}

/** A formula as JSON: money as two-decimal strings, rates, counts and factors as numbers. */
function jsonFormula(f: PayFormula): unknown {
  switch (f.kind) {
    case 'base':
      return { ...f, monthly: formatYuan(f.monthly) };
    case 'tiers':
      return { kind: f.kind, metric: f.metric, value: yuan(f.value), mode: f.mode, factor: toNumber(f.factor), slices: f.slices.map((s) => ({ from: yuan(s.from), to: s.to === undefined ? null : yuan(s.to), base: yuan(s.base), rate: toNumber(s.rate) })) };
    case 'per_unit':
      return { kind: f.kind, factor: toNumber(f.factor), units: f.units.map((u) => ({ pattern: u.pattern, units: toNumber(u.units), rate: formatYuan(u.fen) })) };
    case 'prize':
      return { kind: f.kind, rank_by: f.rankBy, rank: f.rank, value: toNumber(f.value), tied: f.tied, pool: formatYuan(f.pool), share: formatYuan(f.share), ranked: f.ranked };
    case 'no_prize':
      return { kind: f.kind, rank_by: f.rankBy, rank: f.rank ?? null, value: f.value === undefined ? null : toNumber(f.value), disqualified: f.disqualified };
    case 'per_metric':
      return { kind: f.kind, metric: f.metric, value: toNumber(f.value), given: f.given, rate: yuan(f.rate), sign: f.sign };
    case 'adjustment':
      return { kind: f.kind, amount: formatYuan(f.amount), reason: f.reason, file: f.source?.file ?? null, line: f.source?.line ?? null };
    case 'no_data':
      return f;
    case 'gated':
      return { kind: f.kind, metric: f.metric, value: f.value === undefined ? null : toNumber(f.value), op: f.bound.op, bound: toNumber(f.bound.value) };
    case 'cap':
      return { kind: f.kind, before: formatYuan(f.before), cap: formatYuan(f.cap) };
    case 'override':
      return { kind: f.kind, metric: f.metric, team: f.team, members: f.members, value: yuan(f.value), rate: toNumber(f.rate), vetoed: f.vetoed === true };
    case 'pool':
      return {
        kind: f.kind, scope: f.scope, pool: formatYuan(f.pool), ...(f.basis ? { metric: f.basis.metric, total: yuan(f.basis.total), rate: toNumber(f.basis.rate) } : {}),
        split_by: f.splitBy, weight: toNumber(f.weight), total_weight: toNumber(f.totalWeight), shared: f.shared, share: formatYuan(f.share),
      };
    case 'no_pool':
      return { kind: f.kind, scope: f.scope, why: f.why, ...(f.minScore ? { min_score: toNumber(f.minScore) } : {}) };
    case 'contest':
      return { kind: f.kind, metric: f.metric, side: f.side, against: f.against, mine: f.mine === undefined ? null : toNumber(f.mine), theirs: f.theirs === undefined ? null : toNumber(f.theirs), result: f.result, prize: formatYuan(f.prize), share: formatYuan(f.share) };
    case 'floor':
      return { kind: f.kind, floor: formatYuan(f.floor), monthly: formatYuan(f.monthly), days: f.days, period_days: f.periodDays, variable: formatYuan(f.variable), month: f.month, months: f.months };
  }
}
