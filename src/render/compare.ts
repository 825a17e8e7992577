// Render: a comparison of two schemes (core/compare.ts) → a terminal table with the team's totals and
// who gains and loses most, CSV for a spreadsheet, or JSON. Scheme A is the first --scheme, B the
// second; a blank cell is an agent the scheme does not pay. Pure.
import type { Comparison, ComparedAgent } from '../core/compare.js';
import { formatYuan, formatYuanGrouped, type Fen } from '../core/num/money.js';
import type { Lang } from '../core/model/issue-texts.js';
import { toCsv } from './csv.js';
import { formatScore, label, visible } from './format.js';
import { renderTable } from './table.js';
import type { RenderOptions, TextFormat } from './index.js';

const WORDS = {
  change: { zh: '变化', en: 'Change' },
  schemes: { zh: '方案', en: 'Schemes' },
  gains: { zh: '涨得最多', en: 'Gain most' },
  losses: { zh: '降得最多', en: 'Lose most' },
  none: { zh: '无', en: 'none' },
  title: { zh: '新旧方案对比', en: 'Scheme comparison' },
} as const;
const word = (key: keyof typeof WORDS, lang: Lang) => WORDS[key][lang];

const signed = (fen: Fen, grouped: boolean) => `${fen > 0n ? '+' : ''}${grouped ? formatYuanGrouped(fen) : formatYuan(fen)}`;

function grid(comparison: Comparison, lang: Lang, grouped: boolean): { headers: string[]; rows: string[][] } {
  const both = (key: 'kpi_score' | 'rank' | 'total') => [`${label(key, lang)} A`, `${label(key, lang)} B`];
  const headers = [label('agent_id', lang), label('name', lang), label('group', lang), ...both('kpi_score'), ...both('rank'), ...both('total'), word('change', lang)];
  const money = (fen: Fen | undefined) => (fen === undefined ? '' : grouped ? formatYuanGrouped(fen) : formatYuan(fen));
  const rows = comparison.agents.map((a) => [
    a.agentId,
    a.name,
    a.groups[0] === a.groups[1] || a.groups[1] === undefined ? (a.groups[0] ?? '') : a.groups[0] === undefined ? a.groups[1] : `${a.groups[0]} → ${a.groups[1]}`,
    ...a.kpi.map((k) => (k === undefined ? '' : formatScore(k))),
    ...a.rank.map((r) => (r === undefined ? '' : String(r))),
    ...a.pay.map(money),
    signed(a.change, grouped),
  ]);
  return { headers, rows };
}

const who = (list: readonly ComparedAgent[], lang: Lang) => (list.length === 0 ? word('none', lang) : list.map((a) => (lang === 'zh' ? `${a.name}（${a.agentId}）${signed(a.change, true)}` : `${a.name} (${a.agentId}) ${signed(a.change, true)}`)).join(lang === 'zh' ? '，' : ', '));

export function renderComparison(comparison: Comparison, format: TextFormat, options: RenderOptions): string {
  const { lang } = options;
  if (format === 'json') {
    const yuan = (fen: Fen | undefined) => (fen === undefined ? null : formatYuan(fen));
    const agent = (a: ComparedAgent) => ({
      agent_id: a.agentId,
      name: a.name,
      group: { a: a.groups[0] ?? null, b: a.groups[1] ?? null },
      kpi_score: { a: a.kpi[0] === undefined ? null : Number(formatScore(a.kpi[0])), b: a.kpi[1] === undefined ? null : Number(formatScore(a.kpi[1])) },
      rank: { a: a.rank[0] ?? null, b: a.rank[1] ?? null },
      total: { a: yuan(a.pay[0]), b: yuan(a.pay[1]) },
      change: formatYuan(a.change),
    });
    return `${JSON.stringify(
      {
        period: comparison.period,
        schemes: { a: comparison.schemes[0], b: comparison.schemes[1] },
        agents: comparison.agents.map(agent),
        team: { total: { a: formatYuan(comparison.totals[0]), b: formatYuan(comparison.totals[1]) }, change: formatYuan(comparison.change) },
        gains: comparison.gains.map((a) => a.agentId),
        losses: comparison.losses.map((a) => a.agentId),
      },
      null,
      2,
    )}\n`;
  }
  if (format === 'csv') {
    const { headers, rows } = grid(comparison, lang, false);
    const totals = [label('team', lang), '', '', '', '', '', '', formatYuan(comparison.totals[0]), formatYuan(comparison.totals[1]), signed(comparison.change, false)];
    return toCsv(headers, [...rows, totals], options.bom);
  }
  const { headers, rows } = grid(comparison, lang, true);
  const numeric = headers.map((_, i) => i >= 3);
  const table = renderTable(headers, rows, {
    chalk: options.chalk,
    colour: options.colour,
    numeric,
    footer: [label('team', lang), '', '', '', '', '', '', formatYuanGrouped(comparison.totals[0]), formatYuanGrouped(comparison.totals[1]), signed(comparison.change, true)],
  });
  const colon = lang === 'zh' ? '：' : ': ';
  return [
    `${word('title', lang)} ${comparison.period}`,
    visible(`A${colon}${comparison.schemes[0]}`),
    visible(`B${colon}${comparison.schemes[1]}`),
    table,
    visible(`${word('gains', lang)}${colon}${who(comparison.gains, lang)}`),
    visible(`${word('losses', lang)}${colon}${who(comparison.losses, lang)}`),
    '',
  ].join('\n');
}
