// Render: how one value reads in a table or a CSV cell, and the column labels in Chinese or English.
// Display rounding happens here and only here (money is already whole fen). Pure.
import { stripVTControlCharacters } from 'node:util';
import { metricInfo, metricLabel, type MetricKind } from '../core/metrics/metrics.js';
import type { Lang } from '../core/model/issue-texts.js';
import type { LineKind } from '../core/model/model.js';
import { roundToFen, formatYuan, formatYuanGrouped } from '../core/num/money.js';
import { type Rational, toFixed, toNumber, mul, HUNDRED } from '../core/num/rational.js';

export type Style = 'table' | 'csv';

/** A metric's value as text: money with two decimals, ratios as percent, times and scores with two. */
export function formatMetric(name: string, value: Rational | undefined, style: Style, kind: MetricKind = metricInfo(name).kind): string {
  if (value === undefined) return style === 'table' ? '—' : '';
  switch (kind) {
    case 'money':
      return style === 'table' ? formatYuanGrouped(roundToFen(value)) : formatYuan(roundToFen(value));
    case 'ratio':
      return `${toFixed(mul(value, HUNDRED), 2)}%`;
    case 'seconds':
      return toFixed(value, 2);
    case 'count':
      return value.d === 1n ? value.n.toString() : toFixed(value, 2);
    default:
      return value.d === 1n ? value.n.toString() : trimZeros(toFixed(value, 4));
  }
}

/** A metric's value for JSON: money as a two-decimal string, everything else a number. */
export function jsonMetric(name: string, value: Rational): string | number {
  return metricInfo(name).kind === 'money' ? formatYuan(roundToFen(value)) : toNumber(value);
}

export const formatScore = (value: Rational): string => toFixed(value, 2);
export const formatFactor = (value: Rational): string => trimZeros(toFixed(value, 4));

/** `85.50` → `85.5`, `120.00` → `120`. */
export function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

const LABELS = {
  rank: { zh: '排名', en: 'Rank' },
  agent_id: { zh: '工号', en: 'ID' },
  name: { zh: '姓名', en: 'Name' },
  group: { zh: '岗位', en: 'Group' },
  kpi_score: { zh: 'KPI得分', en: 'KPI score' },
  factor: { zh: '绩效系数', en: 'Factor' },
  note: { zh: '备注', en: 'Note' },
  total: { zh: '合计', en: 'Total' },
  points: { zh: '得分', en: 'pts' },
  base: { zh: '底薪', en: 'Base' },
  team: { zh: '团队合计', en: 'Team' },
  shop: { zh: '店铺合计（含花名册外账号）', en: 'Shop (incl. accounts not on the roster)' },
  missing: { zh: '缺数据', en: 'no data' },
  flagged: { zh: '末位', en: 'bottom' },
  flagged_list: { zh: '末位（flag_bottom，不影响工资）', en: 'At the bottom (flag_bottom, no pay effect)' },
  promotions: { zh: '晋升候选（promotion，建议，不影响工资）', en: 'Promotion candidates (promotion: a suggestion, no pay effect)' },
  vetoed: { zh: '否决', en: 'veto' },
  disqualified: { zh: '取消评奖', en: 'no prizes' },
  payroll_sheet: { zh: '奖金表', en: 'Payroll' },
  report_sheet: { zh: '绩效排名', en: 'Report' },
  factor_short: { zh: '系数', en: 'Factor' },
  value_points: { zh: '值 (得分)', en: 'value (pts)' },
  too_wide: { zh: '（表格需要 {need} 列，终端只有 {width} 列：请调宽终端，或用 --format csv 在表格软件中查看）', en: '(the table needs {need} columns, the terminal has {width}: widen it, or use --format csv for a spreadsheet)' },
} as const;

export function label(key: keyof typeof LABELS, lang: Lang): string {
  return LABELS[key][lang];
}

/**
 * Text safe to print on a terminal: a control character (an escape sequence in a name, `\x1b]0;…\x07`,
 * would retitle or repaint the terminal) is shown as its code, `\x1b`, never sent as it is.
 */
export function visible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Display width: a CJK or full-width character takes two columns of a terminal or a spreadsheet. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}

/** The widest line of a rendered table, in terminal columns (colour codes take none). */
export const widest = (text: string): number => Math.max(...text.split('\n').map((line) => displayWidth(stripVTControlCharacters(line))));

/** A spreadsheet's column letter: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export const metricHeader = (name: string, lang: Lang): string => metricLabel(name, lang);
/** A KPI line's points column, after the metric's header (its label or its name). */
export const pointsHeader = (header: string, lang: Lang): string => `${header}${lang === 'zh' ? '' : ' '}${label('points', lang)}`;

/** A pay column's header: the scheme's item name, or 底薪 / Base for the base line. */
export function payHeader(kind: LineKind, name: string, lang: Lang): string {
  return kind === 'base' ? label('base', lang) : name;
}
