// Render: the ranked report as rows of text cells (for the table and the CSV) and as JSON (SPEC §5).
// Pure functions of the Report model.
import type { Lang } from '../core/model/issue-texts.js';
import { metricLabel } from '../core/metrics/metrics.js';
import type { AgentReport, Report } from '../core/model/model.js';
import { issueMessage, formatSource } from '../core/model/issues.js';
import { displayWidth, trimZeros, formatMetric, formatScore, formatFactor, jsonMetric, label, pointsHeader, type Style } from './format.js';
import { wrapCell } from './table.js';
import { toNumber } from '../core/num/rational.js';

export interface Grid {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Per column: its cells are numbers as text (or blank), for right alignment and xlsx number cells. */
  readonly numeric: readonly boolean[];
}

interface Column {
  readonly header: string;
  readonly numeric: boolean;
  readonly cell: (agent: AgentReport) => string;
}

/** A metric's header: the scheme's label where it gives one, else the metric's own name in `lang`. */
export const headerOf = (report: Pick<Report, 'labels'>, lang: Lang) => (metric: string): string => metricLabel(metric, lang, report.labels);

/** Vetoes, no prizes, metrics missing; `short` (the terminal's table) counts the missing metrics instead of naming them. */
function note(agent: AgentReport, lang: Lang, header: (m: string) => string, short: boolean): string {
  const parts: string[] = [];
  if (agent.vetoes.length > 0) parts.push(`${label('vetoed', lang)}: ${agent.vetoes.map(header).join(', ')}`);
  if (agent.disqualified) parts.push(label('disqualified', lang));
  if (agent.missing.length > 0) parts.push(short && agent.missing.length > 1 ? `${label('missing', lang)} ×${agent.missing.length}` : `${label('missing', lang)}: ${agent.missing.map(header).join(', ')}`);
  if (agent.flagged) parts.push(label('flagged', lang));
  return parts.join('; ');
}

/** Who: rank, id and name, the first columns of every form of the table. */
const who = (lang: Lang): Column[] => [
  { header: label('rank', lang), numeric: true, cell: (a) => String(a.rank) },
  { header: label('agent_id', lang), numeric: false, cell: (a) => a.agentId },
  { header: label('name', lang), numeric: false, cell: (a) => a.name },
];

/** The result: score, factor and note, the last columns of every form (`short`: the terminal's). */
const result = (lang: Lang, header: (m: string) => string, short: boolean): Column[] => [
  { header: label('kpi_score', lang), numeric: true, cell: (a) => formatScore(a.kpiScore) },
  { header: label(short ? 'factor_short' : 'factor', lang), numeric: true, cell: (a) => formatFactor(a.factor) },
  { header: label('note', lang), numeric: false, cell: (a) => note(a, lang, header, short) },
];

function columns(metrics: readonly string[], kpiMetrics: readonly string[], derived: readonly string[], lang: Lang, style: Style, header: (m: string) => string): Column[] {
  return [
    ...who(lang),
    { header: label('group', lang), numeric: false, cell: (a) => a.group },
    ...metrics.map((m) => ({
      header: header(m),
      numeric: true,
      cell: (a: AgentReport) => formatMetric(m, a.metrics.get(m), style, derived.includes(m) ? 'ratio' : undefined),
    })),
    ...kpiMetrics.map((m) => ({
      header: pointsHeader(header(m), lang),
      numeric: true,
      cell: (a: AgentReport) => {
        const p = a.points.get(m);
        return p === undefined ? '' : formatScore(p);
      },
    })),
    ...result(lang, header, false),
  ];
}

/**
 * The ranked table as a terminal shows it: rank, id, name, each KPI line as `value (points)`, the
 * score, the factor and the note. The metrics the scheme uses only for pay are in the wide table
 * (--wide) and always in CSV and JSON.
 */
export function compactGrid(report: Report, lang: Lang, group: string): Grid {
  const summary = report.groups.find((g) => g.name === group);
  const kpi = summary?.kpiMetrics ?? [];
  const kind = (m: string) => (report.derived.includes(m) ? 'ratio' : undefined);
  const header = headerOf(report, lang);
  const cols: Column[] = [
    ...who(lang),
    ...kpi.map((m) => ({
      header: `${header(m)}\n${label('value_points', lang)}`,
      numeric: true,
      cell: (a: AgentReport) => {
        const value = formatMetric(m, a.metrics.get(m), 'table', kind(m));
        const points = a.points.get(m);
        // Points as few digits as they need (120, 85.5): the score's two decimals are in its own column.
        return points === undefined ? value : `${value} (${trimZeros(formatScore(points))})`;
      },
    })),
    ...result(lang, header, true),
  ];
  return gridOf(cols, report.agents.filter((a) => a.group === group));
}

const gridOf = (cols: readonly Column[], agents: readonly AgentReport[]): Grid => ({ headers: cols.map((c) => c.header), rows: agents.map((a) => cols.map((c) => c.cell(a))), numeric: cols.map((c) => c.numeric) });

/** The headers wrapped to the width of their columns' cells (First response (s) over three lines), for a narrow terminal. */
export function narrowHeaders(grid: Grid): string[] {
  return grid.headers.map((header, k) => {
    const [name, ...rest] = header.split('\n') as [string, ...string[]];
    // As wide as the column's figures, and never narrower than a word of the header (Factor stays whole).
    const cells = Math.max(...name.split(/\s+/).map(displayWidth), ...rest.map(displayWidth), ...grid.rows.map((r) => displayWidth(r[k] ?? '')));
    return [wrapCell(name, cells), ...rest].join('\n');
  });
}

function union(lists: readonly (readonly string[])[]): string[] {
  const all: string[] = [];
  for (const list of lists) for (const item of list) if (!all.includes(item)) all.push(item);
  return all;
}

/** One grid of every agent, with the union of every group's columns (a cell is blank where a group lacks it). */
export function reportGrid(report: Report, lang: Lang, style: Style, group?: string): Grid {
  const groups = report.groups.filter((g) => group === undefined || g.name === group);
  const cols = columns(union(groups.map((g) => g.metrics)), union(groups.map((g) => g.kpiMetrics)), report.derived, lang, style, headerOf(report, lang));
  return gridOf(cols, report.agents.filter((a) => group === undefined || a.group === group));
}

function mapObject(map: ReadonlyMap<string, import('../core/num/rational.js').Rational>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of map) out[name] = jsonMetric(name, value);
  return out;
}

export function reportJson(report: Report, lang: Lang): unknown {
  return {
    period: report.period.label,
    scheme: report.scheme,
    // How to read the metrics the scheme names (kefu trend reads these back): its ratios, its headers.
    ...(report.derived.length > 0 ? { derived: report.derived } : {}),
    ...(report.labels.size > 0 ? { labels: Object.fromEntries(report.labels) } : {}),
    agents: report.agents.map((a) => ({
      agent_id: a.agentId,
      name: a.name,
      group: a.group,
      ...(a.team ? { team: a.team } : {}),
      ...(a.employment ? { employment: a.employment } : {}),
      ...(a.level ? { level: a.level } : {}),
      rank: a.rank,
      kpi_score: Number(formatScore(a.kpiScore)),
      factor: Number(formatFactor(a.factor)),
      disqualified: a.disqualified,
      vetoes: a.vetoes,
      missing: a.missing,
      days_employed: a.daysEmployed,
      metrics: mapObject(a.metrics),
      points: Object.fromEntries([...a.points].map(([m, p]) => [m, Number(formatScore(p))])),
      ...(a.flagged ? { flagged_bottom: true } : {}),
    })),
    team: mapObject(report.team),
    teams: report.teams.map((t) => ({ name: t.name, ...(t.group !== undefined ? { group: t.group } : {}), totals: mapObject(t.totals) })),
    ...(report.promotions
      ? {
          promotions: report.promotions.map((p) => ({
            agent_id: p.agentId,
            name: p.name,
            group: p.group,
            level: p.level,
            next: p.next,
            evidence: p.evidence.map((e) => ({ metric: e.metric, [e.bound.op]: toNumber(e.bound.value), months: Object.fromEntries(e.values.map((v) => [v.period, toNumber(v.value)])) })),
          })),
        }
      : {}),
    ...(report.shop ? { shop: mapObject(report.shop) } : {}),
    benchmarks: report.benchmarks.map((b) => ({ label: b.label, ...(b.shop ? { shop: b.shop } : {}), metrics: mapObject(b.metrics) })),
    warnings: report.warnings.map((w) => ({
      code: w.code,
      message: issueMessage(w, lang),
      ...(w.source ? { at: formatSource(w.source) } : {}),
    })),
  };
}
