// Parse: roster CSV text → roster entries (SPEC §1). Checks what one file can show by itself: a bad
// date or amount, a duplicate agent_id, one account in two rows. Group and level names are checked
// against the scheme in core/agents.ts. No I/O.
import { issue, type Issue } from '../core/model/issues.js';
import type { RosterEntry } from '../core/model/dataset.js';
import { exactFen, type Fen } from '../core/num/money.js';
import type { Rational } from '../core/num/rational.js';
import { formatDay } from '../core/num/dates.js';
import { ROSTER_COLUMNS } from './aliases.js';
import { readTable, cellText, cellSource, readColumn, type ExtraAliases, type Table, type TableRow } from './table.js';
import type { Grid } from './grid.js';
import { parseAmount, parseDate } from './values.js';

export function splitAccounts(text: string): string[] {
  return text
    .split(/[|;；\n]/)
    .map((account) => account.trim())
    .filter((account) => account !== '');
}

/** The roster's entries; undefined when the file cannot be read as a table at all. */
export function parseRoster(grid: Grid, aliases: ExtraAliases, issues: Issue[]): RosterEntry[] | undefined {
  const { file } = grid;
  const table = readTable(grid, ROSTER_COLUMNS, aliases, issues);
  if (!table) return undefined;
  const entries: RosterEntry[] = [];
  for (const row of table.rows) {
    const text = (column: string) => cellText(table, row, column) || undefined;
    for (const required of ['agent_id', 'name', 'group']) {
      if (!text(required)) {
        const index = table.columns.get(required) as number;
        issues.push(issue('VALUE_REQUIRED', { column: table.headers[index] }, { file, line: row.line, column: index + 1 }));
      }
    }
    const baseSalary = readColumn(table, row, 'base_salary', parseAmount, issues);
    const startDate = readColumn(table, row, 'start_date', parseDate, issues);
    const endDate = readColumn(table, row, 'end_date', parseDate, issues);
    entries.push({
      agentId: text('agent_id') ?? '',
      name: text('name') ?? '',
      accounts: splitAccounts(text('accounts') ?? ''),
      group: text('group') ?? '',
      team: text('team'),
      employment: text('employment'),
      level: text('level'),
      baseSalary: baseSalary === undefined ? undefined : exactBase(baseSalary, table, row, issues),
      startDate,
      endDate,
      leader: text('leader'),
      source: { file, line: row.line },
    });
  }
  return entries;
}

/** A base salary is money on a pay sheet: whole fen, or an error (never rounded silently). */
function exactBase(value: Rational, table: Table, row: TableRow, issues: Issue[]): Fen | undefined {
  const fen = exactFen(value);
  if (fen === undefined) {
    const index = table.columns.get('base_salary') as number;
    issues.push(issue('VALUE_BAD_AMOUNT', { value: (row.cells[index] ?? '').trim(), column: table.headers[index] }, cellSource(table, row, index)));
  }
  return fen;
}

/** Checks across all roster files: duplicate agent_id, an account in two rows, end before start. */
export function checkRoster(entries: readonly RosterEntry[], issues: Issue[]): void {
  const byId = new Map<string, RosterEntry>();
  const byAccount = new Map<string, RosterEntry>();
  for (const entry of entries) {
    const earlier = byId.get(entry.agentId);
    if (earlier) issues.push(issue('ROSTER_DUPLICATE_ID', { id: entry.agentId, otherLine: earlier.source.line }, entry.source));
    else byId.set(entry.agentId, entry);
    for (const account of entry.accounts) {
      const owner = byAccount.get(account);
      if (owner && owner !== entry) {
        issues.push(
          issue('ROSTER_DUPLICATE_ACCOUNT', { account, id: entry.agentId, otherId: owner.agentId, otherLine: owner.source.line }, entry.source),
        );
      } else byAccount.set(account, entry);
    }
    if (entry.startDate !== undefined && entry.endDate !== undefined && entry.endDate < entry.startDate) {
      issues.push(issue('ROSTER_BAD_DATES', { id: entry.agentId, start: formatDay(entry.startDate), end: formatDay(entry.endDate) }, entry.source));
    }
  }
}
