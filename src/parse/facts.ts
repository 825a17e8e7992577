// Parse: facts (one agent, any number of named numbers: targets, QA score, cards, live-stream hours)
// and adjustments (manual pay lines with a required reason). Both are keyed by agent_id, name or
// account; the key is resolved against the roster in core/agents.ts. No I/O.
import { issue, type Issue } from '../core/model/issues.js';
import type { AdjustmentRow, AgentKey, FactKey, FactRow } from '../core/model/dataset.js';
import type { Rational } from '../core/num/rational.js';
import { exactFen } from '../core/num/money.js';
import { KEY_COLUMNS, ADJUSTMENT_COLUMNS, ROSTER_COLUMNS, STATS_COLUMNS, normalizeHeader } from './aliases.js';

// A facts file often carries roster columns (岗位, 职级) beside the numbers: those are not metrics.
export const FACTS_COLUMNS = [...KEY_COLUMNS, ...ROSTER_COLUMNS.filter((c) => !['agent_id', 'name', 'accounts'].includes(c.name)).map((c) => ({ ...c, required: false }))];
import { readTable, readCell, readColumn, cellText, type ExtraAliases, type Table, type TableRow } from './table.js';
import type { Grid, GridRow } from './grid.js';
import { parseAmount, parseNumber, parseRate, pastMost, type CellResult } from './values.js';

function keyColumn(table: Table, issues: Issue[]): AgentKey['by'] | undefined {
  for (const spec of KEY_COLUMNS) if (table.columns.has(spec.name)) return spec.name as AgentKey['by'];
  issues.push(
    issue(
      'CSV_MISSING_COLUMN',
      { column: 'agent_id / name / account', aliases: KEY_COLUMNS.flatMap((s) => s.aliases.slice(0, 3)).join(' / '), found: table.headers.join(', ') },
      { file: table.file, line: table.headerLine },
    ),
  );
  return undefined;
}

function rowKey<By extends FactKey['by']>(table: Table, row: TableRow, by: By): { by: By; value: string } {
  return { by, value: cellText(table, row, by) ?? '' };
}

/** A facts file's key: an agent's (工号, 姓名, 账号) when it has one, else a team's (团队) or a group's (岗位). */
function factKeyColumn(table: Table, issues: Issue[]): FactKey['by'] | undefined {
  if (!KEY_COLUMNS.some((spec) => table.columns.has(spec.name))) {
    if (table.columns.has('team')) return 'team';
    if (table.columns.has('group')) return 'group';
  }
  return keyColumn(table, issues);
}

/** Facts are plain numbers; `95%` is 0.95, and amounts may carry ¥ or 元. */
function parseFact(raw: string): CellResult<Rational> {
  const text = raw.trim();
  const read = readFact(text);
  // Past 10^12 a fact is no month's figure, as for a stats export.
  return read.kind === 'value' && pastMost(read.value) ? { kind: 'bad', code: 'FACT_TOO_LARGE' } : read;
}

function readFact(text: string): CellResult<Rational> {
  if (text.endsWith('%')) return parseRate(text);
  const plain = parseNumber(text);
  if (plain.kind !== 'bad') return plain;
  const amount = parseAmount(text);
  return amount.kind === 'bad' ? plain : amount;
}

export interface FactColumn {
  readonly index: number;
  readonly header: string;
  /** The metric it fills. */
  readonly name: string;
  /** Words and no number (备注): not a metric. */
  readonly text: boolean;
}

/**
 * What the columns of a facts table that are not key columns are. Every one becomes a metric: a
 * built-in one if the header is one of its export names (首响 → first_response_s), else under its own
 * name (brackets normalised). A column with words and no number in it (备注, two cells or more) is
 * not a metric. Shared by the reader and `kefu columns`.
 */
export function factColumns(extras: Table['extras'], rows: readonly GridRow[]): FactColumn[] {
  const builtIn = new Map(STATS_COLUMNS.flatMap((c) => [c.name, ...c.aliases].map((a) => [normalizeHeader(a), c.name] as const)));
  return extras.map((extra) => {
    const cells = rows.map((row) => (row.cells[extra.index] ?? '').trim()).filter((cell) => cell !== '');
    const text = cells.length > 1 && cells.every((cell) => parseFact(cell).kind === 'bad');
    return { index: extra.index, header: extra.header, name: builtIn.get(normalizeHeader(extra.header)) ?? extra.header.trim().replace(/（/g, '(').replace(/）/g, ')'), text };
  });
}

export function parseFacts(grid: Grid, aliases: ExtraAliases, issues: Issue[]): { rows: FactRow[]; names: string[] } {
  const { file } = grid;
  const table = readTable(grid, FACTS_COLUMNS, aliases, issues, true);
  if (!table) return { rows: [], names: [] };
  const by = factKeyColumn(table, issues);
  if (!by) return { rows: [], names: [] };
  // A column of words is left out, with a warning: if it is a note, nothing to do.
  const metrics = factColumns(table.extras, table.rows).filter((metric) => {
    if (metric.text) issues.push(issue('FACT_TEXT_COLUMN', { column: metric.header }, { file, line: table.headerLine, column: metric.index + 1 }));
    return !metric.text;
  });
  const rows: FactRow[] = [];
  for (const row of table.rows) {
    const values = new Map<string, Rational>();
    for (const metric of metrics) {
      const v = readCell(table, row, metric.index, parseFact, issues);
      if (v !== undefined) values.set(metric.name, v);
    }
    rows.push({ key: rowKey(table, row, by), values, source: { file, line: row.line } });
  }
  return { rows, names: metrics.map((m) => m.name) };
}

export function parseAdjustments(grid: Grid, aliases: ExtraAliases, issues: Issue[]): AdjustmentRow[] {
  const { file } = grid;
  const table = readTable(grid, ADJUSTMENT_COLUMNS, aliases, issues);
  if (!table) return [];
  const by = keyColumn(table, issues);
  if (!by) return [];
  const rows: AdjustmentRow[] = [];
  for (const row of table.rows) {
    const key = rowKey(table, row, by);
    const amountIndex = table.columns.get('amount') as number;
    const amount = readColumn(table, row, 'amount', parseAmount, issues);
    const reason = cellText(table, row, 'reason') ?? '';
    const source = { file, line: row.line };
    if (amount === undefined) {
      if ((row.cells[amountIndex] ?? '').trim() === '') issues.push(issue('VALUE_REQUIRED', { column: table.headers[amountIndex] }, { ...source, column: amountIndex + 1 }));
      continue;
    }
    const fen = exactFen(amount);
    // Past 10^12 yuan (as a stats figure) is a typo or a damaged file, never a manual line of pay.
    const large = fen !== undefined && pastMost(amount);
    if (fen === undefined || large) {
      issues.push(issue('ADJUSTMENT_BAD_AMOUNT', { value: (row.cells[amountIndex] ?? '').trim(), large: large ? 1 : 0 }, { ...source, column: amountIndex + 1 }));
      continue;
    }
    if (reason === '') {
      const reasonIndex = table.columns.get('reason') as number;
      issues.push(issue('ADJUSTMENT_NO_REASON', { id: key.value, amount: (row.cells[amountIndex] ?? '').trim() }, { ...source, column: reasonIndex + 1 }));
      continue;
    }
    rows.push({ key, item: cellText(table, row, 'item') || '手工调整', amount: fen, reason, source });
  }
  return rows;
}

