// Render: the month as one self-contained HTML page — no network, no script, fonts from the system —
// to share in a group chat or show at the monthly meeting: per group the ranked table and a bar
// chart of KPI scores coloured by factor; the pay of each agent as a stacked bar of its parts; the
// team's figures beside the platforms' benchmarks. Charts are inline SVG drawn here from the model (a
// few hundred lines of SVG against a charting library of 200 KB or more inlined in every file). Every
// figure printed is the text report and payroll print; a bar's length is only pixels. Pure.
import type { Lang } from '../core/model/issue-texts.js';
import { LINE_KINDS, type AgentReport, type LineKind, type Payroll, type Report } from '../core/model/model.js';
import { formatYuanGrouped, type Fen } from '../core/num/money.js';
import { cmp, toNumber, type Rational } from '../core/num/rational.js';
import { displayWidth, formatFactor, formatMetric, formatScore, label } from './format.js';
import { metricInfo } from '../core/metrics/metrics.js';
import { compactGrid, headerOf } from './report.js';

const WORDS = {
  zh: {
    title: '绩效与奖金', kpiChart: 'KPI 得分（颜色：绩效系数）', factor: '系数', pay: '工资构成', payNote: '每人一条：底薪、提成、奖金、补贴为正，扣款与负调整在零线左侧',
    benchmarks: '团队与同行', teams: '各团队', team_name: '团队', metric: '指标', team: '团队合计', empty: '本月报表中没有人员：请检查花名册的在职日期与岗位。', total: '合计', agents: '人',
    kinds: { base: '底薪', commission: '提成', bonus: '奖金', allowance: '补贴', deduction: '扣款', adjustment: '调整' } as Record<LineKind, string>,
  },
  en: {
    title: 'KPI and pay', kpiChart: 'KPI score (colour: factor)', factor: 'Factor', pay: 'Pay by part', payNote: 'One bar per agent: base, commission, bonuses and allowances to the right; deductions and negative adjustments left of zero',
    benchmarks: 'Team and benchmarks', teams: 'Teams', team_name: 'Team', metric: 'Metric', team: 'Team', empty: 'No agents in this report: check the roster’s dates and groups.', total: 'Total', agents: 'agents',
    kinds: { base: 'Base', commission: 'Commission', bonus: 'Bonus', allowance: 'Allowance', deduction: 'Deduction', adjustment: 'Adjustment' } as Record<LineKind, string>,
  },
} as const;

/** Colours for the factor bands, best first; and for the parts of pay. */
const BAND_COLOURS = ['#2e7d32', '#1565c0', '#00838f', '#f9a825', '#ef6c00', '#6a1b9a', '#4e342e'];
const VETO_COLOUR = '#c62828';
const KIND_COLOURS: Record<LineKind, string> = { base: '#90a4ae', commission: '#1565c0', bonus: '#2e7d32', allowance: '#00838f', deduction: '#c62828', adjustment: '#f9a825' };

/** Text made safe inside HTML and its attributes: a name with `<script>` in it is shown, never run. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;')).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}
const e = escapeHtml;

/** A number of pixels: two decimals are plenty for a chart (never an amount: amounts are text). */
/** A name cut to `width` terminal-like columns (a CJK character is two) with an ellipsis, so chart labels do not run over each other. */
function clip(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  for (const char of text) {
    if (displayWidth(out + char) > width - 1) break;
    out += char;
  }
  return `${out}…`;
}

const px = (value: number) => String(Math.trunc(value * 100) / 100);

export function renderHtml(report: Report, payroll: Payroll, lang: Lang): string {
  const w = WORDS[lang];
  const title = `${report.scheme} · ${report.period.label}`;
  const body: string[] = [`<h1>${e(title)}</h1>`];
  if (report.agents.length === 0) body.push(`<p class="empty">${e(w.empty)}</p>`);
  for (const group of report.groups) body.push(groupSection(report, group.name, lang));
  if (payroll.agents.length > 0) body.push(paySection(payroll, lang));
  const teams = teamSection(report, lang);
  if (teams) body.push(teams);
  const bench = benchmarkSection(report, lang);
  if (bench) body.push(bench);
  const notes = [
    ...(report.agents.some((a) => a.flagged) ? [`${label('flagged_list', lang)}: ${report.agents.filter((a) => a.flagged).map((a) => `${a.name} (${a.agentId}, ${a.group} #${a.rank})`).join(', ')}`] : []),
    ...(report.promotions?.length ? [`${label('promotions', lang)}: ${report.promotions.map((p) => `${p.name} (${p.agentId}) ${p.level} → ${p.next}`).join(', ')}`] : []),
  ];
  if (notes.length > 0) body.push(`<section class="notes">${notes.map((n) => `<p>${e(n)}</p>`).join('\n')}</section>`);
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)} · ${e(w.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

const STYLE = `
@page { size: A4 landscape; margin: 10mm; }
body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif; color: #212121; margin: 24px; }
h1 { font-size: 22px; margin: 0 0 16px; }
h2 { font-size: 18px; margin: 28px 0 8px; }
section { break-inside: avoid-page; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0 16px; }
th, td { border-bottom: 1px solid #e0e0e0; padding: 3px 8px; text-align: left; white-space: nowrap; }
th { background: #f5f5f5; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.vetoed td { color: #c62828; }
figure { margin: 8px 0 24px; }
figcaption { font-size: 13px; color: #616161; margin-bottom: 4px; }
svg text { font-size: 11px; fill: #424242; }
.legend span { display: inline-block; margin-right: 14px; font-size: 12px; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: -1px; }
.empty { font-size: 16px; color: #c62828; }
@media print { body { margin: 0; } h2 { break-after: avoid; } }
`;

/** The group's ranked table and its KPI chart. */
function groupSection(report: Report, group: string, lang: Lang): string {
  const w = WORDS[lang];
  const grid = compactGrid(report, lang, group);
  const agents = report.agents.filter((a) => a.group === group);
  const head = grid.headers.map((h, k) => `<th${grid.numeric[k] ? ' class="num"' : ''}>${h.split('\n').map(e).join('<br>')}</th>`).join('');
  const rows = grid.rows
    .map((row, i) => {
      const agent = agents[i];
      const cells = row.map((cell, k) => `<td${grid.numeric[k] ? ' class="num"' : ''}>${e(cell)}</td>`).join('');
      return `<tr data-agent="${e(agent?.agentId ?? '')}"${agent && agent.vetoes.length > 0 ? ' class="vetoed"' : ''}>${cells}</tr>`;
    })
    .join('\n');
  // Colour by the scheme's factor band (the first band green, and so on down), the same in every group;
  // a veto (factor 0) red; no bands, one colour.
  const colourOf = (a: AgentReport) => (a.factor.n === 0n ? VETO_COLOUR : BAND_COLOURS[Math.min(a.factorBand ?? 1, BAND_COLOURS.length - 1)] as string);
  const shown = [...new Map(agents.map((a) => [`${colourOf(a)} ${formatFactor(a.factor)}`, a])).values()].sort((x, y) => cmp(y.factor, x.factor));
  const legend = shown.map((a) => `<span><i style="background:${colourOf(a)}"></i>${e(w.factor)} ${e(formatFactor(a.factor))}</span>`).join('');
  return `<section class="group" data-group="${e(group)}">
<h2>${e(group)} (${agents.length} ${e(w.agents)})</h2>
<table class="rank"><thead><tr>${head}</tr></thead><tbody>
${rows}
</tbody></table>
<figure><figcaption>${e(w.kpiChart)}</figcaption>
${kpiChart(agents, colourOf)}
<div class="legend">${legend}</div></figure>
</section>`;
}

/** A vertical bar per agent, in rank order, its height the KPI score on a scale from 0 to the top score. */
function kpiChart(agents: Report['agents'], colourOf: (agent: AgentReport) => string): string {
  const barWidth = 38;
  const gap = 6;
  const height = 220;
  const top = 24;
  const bottom = 46;
  const max = Math.max(100, ...agents.map((a) => toNumber(a.kpiScore)));
  const scale = (score: Rational) => (Math.max(0, toNumber(score)) / max) * height;
  const width = agents.length * (barWidth + gap) + gap;
  const bars = agents
    .map((a, i) => {
      const h = scale(a.kpiScore);
      const x = gap + i * (barWidth + gap);
      const y = top + height - h;
      const score = formatScore(a.kpiScore);
      return `<g><rect class="bar" data-agent="${e(a.agentId)}" data-score="${score}" x="${x}" y="${px(y)}" width="${barWidth}" height="${px(h)}" fill="${colourOf(a)}"><title>${e(`${a.name} ${score}`)}</title></rect>` +
        `<text x="${x + barWidth / 2}" y="${px(y - 4)}" text-anchor="middle">${score}</text>` +
        `<text x="${x + barWidth / 2}" y="${top + height + 14}" text-anchor="middle">${e(clip(a.name, 6))}<title>${e(a.name)}</title></text></g>`;
    })
    .join('\n');
  return `<svg class="kpi-chart" role="img" width="${width}" height="${top + height + bottom}" viewBox="0 0 ${width} ${top + height + bottom}" data-max="${max}" data-plot-height="${height}">
<line x1="0" x2="${width}" y1="${top + height}" y2="${top + height}" stroke="#9e9e9e"/>
${bars}
</svg>`;
}

/** Each agent's pay as a horizontal stacked bar: the positive parts right of zero, the negative left. */
function paySection(payroll: Payroll, lang: Lang): string {
  const w = WORDS[lang];
  const kinds = LINE_KINDS;
  // Each kind's lines above zero and below zero, apart (a +200 and a −50 adjustment are two parts, not +150).
  const parts = payroll.agents.map((agent) => {
    const segments: { kind: LineKind; amount: Fen }[] = [];
    for (const kind of kinds) {
      for (const sign of [1n, -1n]) {
        const amount = agent.lines.filter((l) => l.kind === kind && l.amount * sign > 0n).reduce((t, l) => t + l.amount, 0n);
        if (amount !== 0n) segments.push({ kind, amount });
      }
    }
    return { agent, segments };
  });
  // Yuan as a float for a bar's length in pixels only; every amount shown is formatYuanGrouped's text.
  const yuan = (fen: Fen) => Number(fen) / 100;
  const positive = parts.map((p) => p.segments.filter((s) => s.amount > 0n).reduce((t, s) => t + s.amount, 0n));
  const negative = parts.map((p) => p.segments.filter((s) => s.amount < 0n).reduce((t, s) => t + s.amount, 0n));
  const maxRight = Math.max(1, ...positive.map(yuan));
  const maxLeft = Math.max(0, ...negative.map((v) => -yuan(v)));
  const nameWidth = 80;
  const plot = 760;
  const scale = plot / (maxRight + maxLeft);
  const zero = nameWidth + maxLeft * scale;
  const rowHeight = 18;
  const rows = parts
    .map(({ agent, segments: pieces }, i) => {
      const y = 6 + i * rowHeight;
      let right = zero;
      let left = zero;
      const segments: string[] = [];
      for (const { kind, amount } of pieces) {
        const length = Math.abs(yuan(amount)) * scale;
        const x = amount > 0n ? right : left - length;
        if (amount > 0n) right += length;
        else left -= length;
        segments.push(`<rect class="part" data-agent="${e(agent.agentId)}" data-kind="${kind}" data-amount="${formatYuanGrouped(amount)}" x="${px(x)}" y="${y}" width="${px(length)}" height="${rowHeight - 4}" fill="${KIND_COLOURS[kind]}"><title>${e(`${agent.name} ${w.kinds[kind]} ${formatYuanGrouped(amount)}`)}</title></rect>`);
      }
      return `<g><text x="${nameWidth - 6}" y="${y + rowHeight - 7}" text-anchor="end">${e(clip(agent.name, 12))}<title>${e(agent.name)}</title></text>${segments.join('')}<text x="${px(right + 4)}" y="${y + rowHeight - 7}">${formatYuanGrouped(agent.total)}</text></g>`;
    })
    .join('\n');
  const height = 12 + parts.length * rowHeight;
  const legend = kinds.map((k) => `<span><i style="background:${KIND_COLOURS[k]}"></i>${e(w.kinds[k])}</span>`).join('');
  return `<section class="pay">
<h2>${e(w.pay)}</h2>
<figure><figcaption>${e(w.payNote)} · ${e(w.total)} ${formatYuanGrouped(payroll.total)}</figcaption>
<svg class="pay-chart" role="img" width="${nameWidth + plot + 110}" height="${height}" viewBox="0 0 ${nameWidth + plot + 110} ${height}">
<line x1="${px(zero)}" x2="${px(zero)}" y1="0" y2="${height}" stroke="#9e9e9e"/>
${rows}
</svg>
<div class="legend">${legend}</div></figure>
</section>`;
}

/** Each team's block (团队): its members' sums and the ratios of its sums, one row a team. */
function teamSection(report: Report, lang: Lang): string | undefined {
  if (report.teams.length === 0) return undefined;
  const w = WORDS[lang];
  const header = headerOf(report, lang);
  const metrics = [...new Set(report.teams.flatMap((t) => [...t.totals.keys()]))].filter((m) => m !== 'agents');
  const head = `<th>${e(w.team_name)}</th><th class="num">${e(w.agents)}</th>${metrics.map((m) => `<th class="num">${e(header(m))}</th>`).join('')}`;
  const rows = report.teams
    .map((t) => `<tr data-team="${e(t.name)}"><td>${e(t.name)}</td><td class="num">${e(formatMetric('agents', t.totals.get('agents'), 'table'))}</td>${metrics.map((m) => `<td class="num">${e(formatMetric(m, t.totals.get(m), 'table'))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<section class="teams">
<h2>${e(w.teams)}</h2>
<table><thead><tr>${head}</tr></thead><tbody>
${rows}
</tbody></table>
</section>`;
}

/** The team's figures beside each benchmark's (同行同层优秀/均值, by shop), for the metrics the benchmarks give. */
function benchmarkSection(report: Report, lang: Lang): string | undefined {
  if (report.benchmarks.length === 0) return undefined;
  const w = WORDS[lang];
  const header = headerOf(report, lang);
  // Benchmarks are one peer agent's figures: set beside them the team's rates and times, never its sums.
  const metrics = [...new Set(report.benchmarks.flatMap((b) => [...b.metrics.keys()]))].filter((m) => report.team.has(m) && ['ratio', 'seconds'].includes(metricInfo(m).kind));
  if (metrics.length === 0) return undefined;
  const columns = [{ name: w.team, values: report.team }, ...report.benchmarks.map((b) => ({ name: `${b.shop ? `${b.shop} ` : ''}${b.label}`, values: b.metrics }))];
  const head = `<th>${e(w.metric)}</th>${columns.map((c) => `<th class="num">${e(c.name)}</th>`).join('')}`;
  const rows = metrics.map((m) => `<tr data-metric="${e(m)}"><td>${e(header(m))}</td>${columns.map((c) => `<td class="num">${e(formatMetric(m, c.values.get(m), 'table'))}</td>`).join('')}</tr>`).join('\n');
  return `<section class="benchmarks">
<h2>${e(w.benchmarks)}</h2>
<table><thead><tr>${head}</tr></thead><tbody>
${rows}
</tbody></table>
<p class="legend">${e(label('team', lang))}: ${e(lang === 'zh' ? '本报表人员的合计，比率由合计重新计算' : 'the report’s agents together, ratios worked from the sums')}</p>
</section>`;
}
