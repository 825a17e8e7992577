// Render: one entry per output — the report or the bonus sheet in table, csv or json as text, or
// xlsx as bytes. hledger's `render = case fmt of …`: every format is a view of the same model. Pure.
import type { ChalkInstance } from 'chalk';
import type { Lang } from '../core/model/issue-texts.js';
import type { Payroll, Report } from '../core/model/model.js';
import { formatMetric, label, metricHeader } from './format.js';
import { toCsv } from './csv.js';
import { renderTable } from './table.js';
import { reportGrid, reportJson } from './report.js';
import { payrollGrid, payrollJson } from './payroll.js';
import { toXlsx } from './xlsx.js';

export type Format = 'table' | 'csv' | 'json' | 'xlsx';
export type TextFormat = Exclude<Format, 'xlsx'>;

export interface RenderOptions {
  readonly lang: Lang;
  readonly chalk: ChalkInstance;
  readonly colour: boolean;
  readonly bom: boolean;
}

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
  for (const group of report.groups) {
    const grid = reportGrid(report, lang, 'table', group.name);
    const agents = report.agents.filter((a) => a.group === group.name);
    const tints = agents.map((a) => (a.vetoes.length > 0 ? 'bad' : a.missing.length > 0 ? 'warn' : a.rank === 1 ? 'good' : undefined));
    const numeric = grid.headers.map((_, i) => grid.rows.length > 0 && grid.rows.every((r) => r[i] === '' || r[i] === '—' || isNumeric(r[i])));
    parts.push('', colour ? chalk.bold(`${group.name} (${group.agents})`) : `${group.name} (${group.agents})`);
    parts.push(renderTable(grid.headers, grid.rows, { chalk, colour, tints, numeric }));
  }
  const totalsLine = (totals: Report['team']) =>
    [...totals]
      .filter(([name]) => name !== 'agents')
      .map(([name, value]) => `${metricHeader(name, lang)} ${formatMetric(name, value, 'table')}`)
      .join(' · ');
  const teamLine = totalsLine(report.team);
  if (teamLine) parts.push('', `${label('team', lang)}: ${teamLine}`);
  if (report.shop) parts.push(`${label('shop', lang)}: ${totalsLine(report.shop)}`);
  for (const benchmark of report.benchmarks) parts.push(`${benchmark.label}: ${totalsLine(benchmark.metrics)}`);
  return `${parts.join('\n')}\n`;
}

export function renderPayroll(payroll: Payroll, format: TextFormat, options: RenderOptions): string;
export function renderPayroll(payroll: Payroll, format: Format, options: RenderOptions): string | Buffer;
export function renderPayroll(payroll: Payroll, format: Format, options: RenderOptions): string | Buffer {
  if (format === 'json') return json(payrollJson(payroll));
  const grid = payrollGrid(payroll, options.lang, format === 'table' ? 'table' : 'csv');
  if (format === 'csv') return toCsv(grid.headers, [...grid.rows, grid.totals], options.bom);
  if (format === 'xlsx') return toXlsx([{ name: label('payroll_sheet', options.lang), grid, footer: grid.totals }]);
  const title = `${payroll.scheme} · ${payroll.period.label}`;
  return `${title}\n${renderTable(grid.headers, grid.rows, { chalk: options.chalk, colour: options.colour, footer: grid.totals, numeric: grid.numeric })}\n`;
}
