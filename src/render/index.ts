// Render: one entry per output — the report or the bonus sheet in table, csv or json as text, or
// xlsx as bytes. hledger's `render = case fmt of …`: every format is a view of the same model. Pure.
import type { ChalkInstance } from 'chalk';
import type { Lang } from '../core/model/issue-texts.js';
import type { Payroll, Report } from '../core/model/model.js';
import { displayWidth, formatMetric, label, visible, widest } from './format.js';
import { toCsv } from './csv.js';
import { renderTable, wrapCell, wrapItems, type TableOptions } from './table.js';
import { compactGrid, headerOf, narrowHeaders, reportGrid, reportJson, type Grid as ReportGrid } from './report.js';
import { payrollGrid, payrollJson } from './payroll.js';
import { toXlsx } from './xlsx.js';

export type Format = 'table' | 'csv' | 'json' | 'xlsx';
export type TextFormat = Exclude<Format, 'xlsx'>;

export interface RenderOptions {
  readonly lang: Lang;
  readonly chalk: ChalkInstance;
  readonly colour: boolean;
  readonly bom: boolean;
  /** The table's width to fit, in terminal columns (the terminal's, else 120). */
  readonly width?: number;
  /** Every metric the scheme uses as its own column, not the compact table. */
  readonly wide?: boolean;
}

/** The width a table is fitted to when the terminal's is not known (a pipe, a file). */
export const DEFAULT_WIDTH = 120;

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const isNumeric = (cell: string | undefined) => cell !== undefined && /^-?[\d,]+(\.\d+)?%?$/.test(cell);

export function renderReport(report: Report, format: TextFormat, options: RenderOptions): string;
export function renderReport(report: Report, format: Format, options: RenderOptions): string | Buffer;
export function renderReport(report: Report, format: Format, options: RenderOptions): string | Buffer {
  if (format === 'json') return json(reportJson(report, options.lang));
  if (format === 'csv') {
    const grid = reportGrid(report, options.lang, 'csv');
    return toCsv(grid.headers, grid.rows, options.bom);
  }
  if (format === 'xlsx') {
    // A sheet per group, as the table has: each with that group's columns and its own ranking.
    const sheets = report.groups.map((group) => ({ name: group.name, grid: reportGrid(report, options.lang, 'csv', group.name) }));
    return toXlsx(sheets.length > 0 ? sheets : [{ name: label('report_sheet', options.lang), grid: reportGrid(report, options.lang, 'csv') }]);
  }
  const { lang, chalk, colour } = options;
  const parts: string[] = [`${report.scheme} · ${report.period.label}`];
  const width = options.width ?? DEFAULT_WIDTH;
  for (const group of report.groups) {
    const agents = report.agents.filter((a) => a.group === group.name);
    const tints = agents.map((a) => (a.vetoes.length > 0 ? 'bad' : a.missing.length > 0 ? 'warn' : a.rank === 1 ? 'good' : undefined));
    parts.push('', colour ? chalk.bold(`${group.name} (${group.agents})`) : `${group.name} (${group.agents})`);
    if (options.wide) {
      const grid = reportGrid(report, lang, 'table', group.name);
      const numeric = grid.headers.map((_, i) => grid.rows.length > 0 && grid.rows.every((r) => r[i] === '' || r[i] === '—' || isNumeric(r[i])));
      parts.push(renderTable(grid.headers, grid.rows, { chalk, colour, tints, numeric }));
      continue;
    }
    const table = fitTable(compactGrid(report, lang, group.name), width, { chalk, colour, tints });
    parts.push(table);
    if (widest(table) > width) parts.push(label('too_wide', lang).replace('{need}', String(widest(table))).replace('{width}', String(width)));
  }
  const header = headerOf(report, lang);
  // A totals line: its figures one after another, wrapped between figures (never inside one) at the width.
  const totalsLine = (title: string, totals: Report['team']) => {
    const items = [...totals].filter(([name]) => name !== 'agents').map(([name, value]) => visible(`${header(name)} ${formatMetric(name, value, 'table')}`));
    return items.length > 0 ? wrapItems(`${visible(title)}:`, items, ' · ', '  ', width).join('\n') : '';
  };
  const teamLine = totalsLine(label('team', lang), report.team);
  const lines: string[] = [];
  if (teamLine) lines.push(teamLine);
  for (const team of report.teams) lines.push(totalsLine(team.name, team.totals));
  if (report.shop) lines.push(totalsLine(label('shop', lang), report.shop));
  for (const benchmark of report.benchmarks) lines.push(totalsLine(`${benchmark.shop ? `${benchmark.shop} ` : ''}${benchmark.label}`, benchmark.metrics));
  if (lines.length > 0) parts.push('', ...lines);
  const flagged = report.agents.filter((a) => a.flagged);
  if (flagged.length > 0) parts.push('', visible(`${label('flagged_list', lang)}: ${flagged.map((a) => `${a.name} (${a.agentId}, ${a.group} #${a.rank})`).join(', ')}`));
  if (report.promotions?.length) parts.push('', visible(`${label('promotions', lang)}: ${report.promotions.map((p) => `${p.name} (${p.agentId}) ${p.level} → ${p.next}`).join(', ')}`));
  return `${parts.join('\n')}\n`;
}


/**
 * A grid as a terminal table `width` columns wide where it can be: as it is when it fits; else its
 * headers wrap over their figures' width, then its last column (the note) wraps narrower, down to 8
 * columns. The numbers never wrap: a table still too wide is returned whole (the caller says so).
 */
function fitTable(grid: ReportGrid, width: number, options: Pick<TableOptions, 'chalk' | 'colour' | 'tints'>): string {
  const plain = renderTable(grid.headers, grid.rows, { ...options, numeric: grid.numeric });
  if (widest(plain) <= width) return plain;
  const headers = narrowHeaders(grid);
  const last = headers.length - 1;
  const draw = (note: number | undefined) =>
    renderTable(headers, note === undefined ? grid.rows : grid.rows.map((r) => r.map((cell, k) => (k === last ? wrapCell(cell, note) : cell))), { ...options, numeric: grid.numeric, wrapped: headers.map((_, k) => k === last) });
  let note = Math.max(...grid.rows.map((r) => displayWidth(r[last] ?? '')), displayWidth(headers[last] ?? ''));
  let table = draw(undefined);
  while (widest(table) > width && note > 8) {
    note = Math.max(8, note - (widest(table) - width));
    table = draw(note);
  }
  return table;
}

export function renderPayroll(payroll: Payroll, format: TextFormat, options: RenderOptions): string;
export function renderPayroll(payroll: Payroll, format: Format, options: RenderOptions): string | Buffer;
export function renderPayroll(payroll: Payroll, format: Format, options: RenderOptions): string | Buffer {
  if (format === 'json') return json(payrollJson(payroll));
  const grid = payrollGrid(payroll, options.lang, format === 'table' ? 'table' : 'csv');
  if (format === 'csv') return toCsv(grid.headers, [...grid.rows, grid.totals], options.bom);
  if (format === 'xlsx') return toXlsx([{ name: label('payroll_sheet', options.lang), grid, footer: grid.totals }]);
  const title = `${payroll.scheme} · ${payroll.period.label}`;
  // A pay item that is zero for everyone is left out of the table (never of the CSV or JSON).
  // A blank cell (the item is another group's) counts as zero here.
  const zero = (cell: string | undefined) => cell !== undefined && /^(-?0(\.00)?)?$/.test(cell);
  const keep = grid.headers.map((_, k) => !grid.numeric[k] || !(grid.rows.every((r) => zero(r[k])) && zero(grid.totals[k])));
  const pick = <T>(row: readonly T[]) => row.filter((_, k) => keep[k]);
  const table = renderTable(pick(grid.headers), grid.rows.map(pick), { chalk: options.chalk, colour: options.colour, footer: pick(grid.totals), numeric: pick(grid.numeric) });
  return `${title}\n${table}\n`;
}
