// Parse: a table's header row → which field holds which canonical column, by the alias table and the
// scheme's `columns:`. One mapping and one rule for every reader (csv-parse tables, workbooks and the
// big-table scanner alike): two headers meaning one column are an error, a missing required column is
// an error naming the headers found, and headers that mean nothing known are handed back as extras.
// A header may carry qualifiers in brackets after its name: a unit (`（分钟）`, `(秒)`, `（元）`, `(%)`),
// which the value parsers then apply, or a note such as a time window (`(8-23点)`, `(全天)`, `（会话）`),
// kept for the report. Also finds the header row below title rows, over one row or two. No I/O.
import { issue, type Issue } from '../core/model/issues.js';
import { normalizeHeader, type ColumnSpec } from './aliases.js';
import type { GridRow } from './grid.js';

export type ExtraAliases = ReadonlyMap<string, readonly string[]>;

/** A unit a header states. */
export type HeaderUnit = 'seconds' | 'minutes' | 'yuan' | 'percent';

export interface MappedColumn {
  readonly index: number;
  readonly unit?: HeaderUnit;
  /** What the header says besides the name and unit: a time window, `会话`, `新`. */
  readonly note?: string;
}

export interface HeaderMap {
  /** Canonical column name → field index. */
  readonly columns: ReadonlyMap<string, number>;
  /** Canonical column name → its field, unit and note. */
  readonly mapped: ReadonlyMap<string, MappedColumn>;
  /** Headers that matched no known column, with their field index (facts columns, ignored extras). */
  readonly extras: readonly { readonly header: string; readonly index: number }[];
  /** A second header for a column that one rule could choose between (the working-hours window over the whole day): left out. */
  readonly passedOver: readonly { readonly index: number; readonly column: string }[];
  /** Required columns no header maps: when any is, the table cannot be read. */
  readonly missing: readonly string[];
  /** No required column is missing. */
  readonly complete: boolean;
}

const UNITS: readonly [RegExp, HeaderUnit][] = [
  [/^(?:秒|s|sec|秒钟)$/, 'seconds'],
  [/^(?:分钟|分|min|mins)$/, 'minutes'],
  [/^(?:元|rmb|cny|¥)$/, 'yuan'],
  [/^%$/, 'percent'],
];

/** `3分钟人工回复率(8-23点)` → name `3分钟人工回复率`, note `8-23点`; `平均人工响应时长(分钟)` → unit minutes. */
function qualifiers(normalized: string): { name: string; unit?: HeaderUnit; notes: string[] } {
  let name = normalized;
  let unit: HeaderUnit | undefined;
  const notes: string[] = [];
  for (let m = /\(([^()]*)\)$/.exec(name); m && m.index > 0; m = /\(([^()]*)\)$/.exec(name)) {
    const inside = m[1] ?? '';
    const known = UNITS.find(([pattern]) => pattern.test(inside));
    if (known) unit ??= known[1];
    else if (inside !== '') notes.unshift(inside);
    name = name.slice(0, m.index);
  }
  return { name, ...(unit ? { unit } : {}), notes };
}

/** A header's note, for a column matched whole (`全天3分钟回复率`, `工作时间平响时长`): the window it names. */
function leadingNote(normalized: string): string | undefined {
  return /^(全天|工作时间)/.exec(normalized)?.[1];
}

/**
 * Which of two headers for one column to take, when their notes decide it: a working-hours window over
 * the whole day (the platforms assess on the window), per conversation over per person (rounds are
 * per conversation). Undefined when the notes do not decide.
 */
function preferred(a: MappedColumn, b: MappedColumn): MappedColumn | undefined {
  const rank = (note: string | undefined) => {
    if (note === undefined) return 1;
    if (/\d+-\d+点|工作时间/.test(note)) return 3;
    if (/会话/.test(note)) return 2;
    if (/全天|人维度/.test(note)) return 0;
    return 1;
  };
  const ra = rank(a.note);
  const rb = rank(b.note);
  if (ra === rb || (a.note === undefined && b.note === undefined)) return undefined;
  return ra > rb ? a : b;
}

/** Normalised header → canonical column (or `extra:NAME` for a scheme alias of a facts metric). Built once per table. */
type Lookup = ReadonlyMap<string, string>;

function headerLookup(specs: readonly ColumnSpec[], extraAliases: ExtraAliases): Lookup {
  const lookup = new Map<string, string>();
  for (const spec of specs) for (const alias of [spec.name, ...spec.aliases]) lookup.set(normalizeHeader(alias), spec.name);
  for (const [name, aliases] of extraAliases) {
    for (const alias of aliases) lookup.set(normalizeHeader(alias), specs.some((s) => s.name === name) ? name : `extra:${name}`);
  }
  return lookup;
}

/** What one header means: its column (or undefined), and the unit and note it states. */
function readHeader(header: string, lookup: Lookup): { target?: string; unit?: HeaderUnit; note?: string } {
  const normalized = normalizeHeader(header);
  const { name, unit: stated, notes } = qualifiers(normalized);
  // A bare % anywhere (`转化率%`) says percent as `(%)` does.
  const unit = stated ?? (/[%％]/.test(header) ? 'percent' : undefined);
  const exact = lookup.get(normalized);
  // Matched whole, a header's note is the window it starts with (`全天3分钟回复率`); else what its brackets say.
  const target = exact ?? lookup.get(name) ?? (stated ? lookup.get(`${name}(${unitWord(stated)})`) : undefined);
  const note = exact !== undefined ? leadingNote(normalized) : notes.length > 0 ? notes.join('，') : undefined;
  return { ...(target !== undefined ? { target } : {}), ...(unit ? { unit } : {}), ...(note ? { note } : {}) };
}

export function mapHeaders(headers: readonly string[], specs: readonly ColumnSpec[], extraAliases: ExtraAliases, file: string, issues: Issue[], line = 1): HeaderMap {
  return mapWith(headerLookup(specs, extraAliases), headers, specs, file, issues, line);
}

function mapWith(lookup: Lookup, headers: readonly string[], specs: readonly ColumnSpec[], file: string, issues: Issue[], line: number): HeaderMap {
  const mapped = new Map<string, MappedColumn>();
  const extras: { header: string; index: number }[] = [];
  const passedOver: { index: number; column: string }[] = [];
  headers.forEach((header, index) => {
    const { target, unit, note } = readHeader(header, lookup);
    if (target === undefined || target.startsWith('extra:')) {
      // A scheme alias for a non-canonical name (a facts metric) renames the extra column.
      if (header !== '') extras.push({ header: target ? target.slice('extra:'.length) : header, index });
      return;
    }
    const found: MappedColumn = { index, ...(unit ? { unit } : {}), ...(note ? { note } : {}) };
    const earlier = mapped.get(target);
    if (earlier !== undefined) {
      const choice = preferred(earlier, found);
      if (choice) {
        mapped.set(target, choice);
        passedOver.push({ index: (choice === earlier ? found : earlier).index, column: target });
        return;
      }
      // Which of the two is meant cannot be guessed (退款金额 and 成功退款金额 differ): never pick one silently.
      issues.push(issue('CSV_DUPLICATE_COLUMN', { column: target, headers: `${headers[earlier.index]}, ${header}` }, { file, line, column: index + 1 }));
      return;
    }
    mapped.set(target, found);
  });
  const missing = specs.filter((spec) => spec.required && !mapped.has(spec.name));
  for (const spec of missing) {
    issues.push(issue('CSV_MISSING_COLUMN', { column: spec.name, aliases: spec.aliases.join(' / '), found: headers.filter((h) => h !== '').join(', ') }, { file, line }));
  }
  const columns = new Map([...mapped].map(([name, column]) => [name, column.index]));
  return { columns, mapped, extras, passedOver, missing: missing.map((spec) => spec.name), complete: missing.length === 0 };
}

function unitWord(unit: HeaderUnit): string {
  return unit === 'seconds' ? '秒' : unit === 'minutes' ? '分钟' : unit === 'yuan' ? '元' : '%';
}

/** How many rows from the top the header is looked for in (title rows, a date range, a blank row). */
export const HEADER_SEARCH_ROWS = 20;

export interface FoundHeader {
  readonly headers: readonly string[];
  /** The header's rows: one, or two when a group row stands above the field names. */
  readonly lines: readonly number[];
  /** Where the data starts, as an index into the rows. */
  readonly dataFrom: number;
  readonly map: HeaderMap;
}

/**
 * The header row: among the first rows, the one (or the pair: a group row above the field names) that
 * maps the most required columns, then the most columns; the topmost of equals. Its issues (a missing
 * or doubled column) are the chosen header's only. A grid whose best row maps at most one column has
 * no header: undefined, and the caller says what was looked for.
 */
export function findHeader(rows: readonly GridRow[], specs: readonly ColumnSpec[], extraAliases: ExtraAliases, file: string, issues: Issue[]): FoundHeader | undefined {
  const lookup = headerLookup(specs, extraAliases);
  const required = specs.filter((s) => s.required).length;
  let best: (FoundHeader & { score: number; found: Issue[] }) | undefined;
  const consider = (headers: readonly string[], lines: number[], dataFrom: number) => {
    const found: Issue[] = [];
    const map = mapWith(lookup, headers, specs, file, found, lines[lines.length - 1] as number);
    const score = (required - map.missing.length) * 1000 + map.columns.size * 2 - (lines.length - 1);
    if (!best || score > best.score) best = { headers, lines, dataFrom, map, score, found };
  };
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    const row = rows[i] as GridRow;
    const single = row.cells.map((cell) => cell.trim());
    consider(single, [row.line], i + 1);
    const below = rows[i + 1];
    if (below && below.line === row.line + 1) {
      const lower = below.cells.map((cell) => cell.trim());
      const width = Math.max(single.length, lower.length);
      const combined = Array.from({ length: width }, (_, c) => {
        const up = single[c] ?? '';
        const down = lower[c] ?? '';
        if (down === '' || down === up) return up;
        if (up === '') return down;
        return `${up}${down}`;
      });
      // The field names alone where the group and field together mean nothing known.
      const fields = combined.map((header, c) => {
        const down = lower[c] ?? '';
        const { target } = readHeader(header, lookup);
        return (target !== undefined && !target.startsWith('extra:')) || down === '' ? header : down;
      });
      consider(fields, [row.line, below.line], i + 2);
    }
  }
  const chosen = best as (FoundHeader & { score: number; found: Issue[] }) | undefined;
  if (!chosen || chosen.map.columns.size + chosen.map.extras.length === 0 || (chosen.map.columns.size <= 1 && !chosen.map.complete)) return undefined;
  issues.push(...chosen.found);
  return { headers: chosen.headers, lines: chosen.lines, dataFrom: chosen.dataFrom, map: chosen.map };
}
