// Parse: a table's header row → which field holds which canonical column, by the alias table and the
// scheme's `columns:`. One mapping and one rule for every reader (csv-parse tables and the big-table
// scanner alike): two headers meaning one column are an error, a missing required column is an error
// naming the headers found, and headers that mean nothing known are handed back as extras. No I/O.
import { issue, type Issue } from '../core/issues.js';
import { normalizeHeader, type ColumnSpec } from './aliases.js';

export type ExtraAliases = ReadonlyMap<string, readonly string[]>;

export interface HeaderMap {
  /** Canonical column name → field index. */
  readonly columns: ReadonlyMap<string, number>;
  /** Headers that matched no known column, with their field index (facts columns, ignored extras). */
  readonly extras: readonly { readonly header: string; readonly index: number }[];
  /** False when a required column is missing: the table cannot be read. */
  readonly complete: boolean;
}

export function mapHeaders(headers: readonly string[], specs: readonly ColumnSpec[], extraAliases: ExtraAliases, file: string, issues: Issue[]): HeaderMap {
  const lookup = new Map<string, string>();
  for (const spec of specs) for (const alias of [spec.name, ...spec.aliases]) lookup.set(normalizeHeader(alias), spec.name);
  for (const [name, aliases] of extraAliases) {
    for (const alias of aliases) lookup.set(normalizeHeader(alias), specs.some((s) => s.name === name) ? name : `extra:${name}`);
  }
  const columns = new Map<string, number>();
  const extras: { header: string; index: number }[] = [];
  headers.forEach((header, index) => {
    const mapped = lookup.get(normalizeHeader(header));
    if (mapped === undefined || mapped.startsWith('extra:')) {
      // A scheme alias for a non-canonical name (a facts metric) renames the extra column.
      if (header !== '') extras.push({ header: mapped ? mapped.slice('extra:'.length) : header, index });
      return;
    }
    const earlier = columns.get(mapped);
    if (earlier !== undefined) {
      // Which of the two is meant cannot be guessed (退款金额 and 成功退款金额 differ): never pick one silently.
      issues.push(issue('CSV_DUPLICATE_COLUMN', { column: mapped, headers: `${headers[earlier]}, ${header}` }, { file, line: 1, column: index + 1 }));
      return;
    }
    columns.set(mapped, index);
  });
  let complete = true;
  for (const spec of specs) {
    if (spec.required && !columns.has(spec.name)) {
      complete = false;
      issues.push(issue('CSV_MISSING_COLUMN', { column: spec.name, aliases: spec.aliases.join(' / '), found: headers.join(', ') }, { file, line: 1 }));
    }
  }
  return { columns, extras, complete };
}
