// Parse: a project file (kefu.yaml) → the inputs of a month as path patterns, each with its place in
// the file. The patterns name files relative to the project file's folder, with `{period}` for the
// month (2026-10) and `*` / `?` within one path segment; cli/config.ts turns them into paths. No I/O.
import { parseDocument, LineCounter, isMap, isScalar, isSeq, type Node } from 'yaml';
import { issue, type Issue, type Source } from '../core/model/issues.js';
import { nearest } from '../core/model/suggest.js';

/** The keys of a project file: the input flags (order_lines for --order-lines), the output folder and the reading options. */
export const CONFIG_LISTS = ['roster', 'stats', 'facts', 'adjustments', 'messages', 'orders', 'order_lines'] as const;
export const CONFIG_SINGLES = ['scheme', 'out', 'period', 'lang', 'encoding', 'sheet'] as const;
export type ConfigList = (typeof CONFIG_LISTS)[number];
export type ConfigSingle = (typeof CONFIG_SINGLES)[number];
const KEYS: readonly string[] = [...CONFIG_SINGLES, ...CONFIG_LISTS];

export interface ConfigValue {
  readonly values: readonly string[];
  readonly source: Source;
}

export interface ProjectConfig {
  readonly file: string;
  readonly entries: ReadonlyMap<ConfigSingle | ConfigList, ConfigValue>;
}

export function parseConfig(text: string, file: string): { config?: ProjectConfig; issues: Issue[] } {
  const issues: Issue[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, version: '1.2' });
  const at = (node: Node | null | undefined): Source => {
    const offset = node?.range?.[0];
    if (offset === undefined) return { file };
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  const bad = (node: Node | null | undefined, key: string, zh: string, en: string) => issues.push(issue('CONFIG_INVALID', { key, reason_zh: zh, reason_en: en }, at(node)));
  if (doc.errors.length > 0) {
    const lines = text.split('\n');
    for (const error of doc.errors) {
      const pos = lineCounter.linePos(error.pos[0]);
      const reason = error.message.split('\n')[0] ?? '';
      // `{period}` first in a path, or inside [ ], reads as a YAML map: the path needs quotes.
      const braces = /\{/.test(lines[pos.line - 1] ?? '');
      issues.push(issue('CONFIG_INVALID', { key: '(YAML)', reason_zh: `${reason}${braces ? '（含 { } 的路径放在 [ ] 里或以 { 开头时，要加引号："{period}/a.csv"）' : ''}`, reason_en: `${reason}${braces ? ' (a path with { } inside [ ] or starting with { needs quotes: "{period}/a.csv")' : ''}` }, { file, line: pos.line, column: pos.col }));
    }
    return { issues };
  }
  const entries = new Map<ConfigSingle | ConfigList, ConfigValue>();
  if (doc.contents === null) return { config: { file, entries }, issues };
  if (!isMap(doc.contents)) {
    bad(doc.contents, '(top level)', '项目文件应为“键: 值”的列表，如 scheme: scheme.yaml', 'a project file is a list of "key: value", such as scheme: scheme.yaml');
    return { issues };
  }
  for (const pair of doc.contents.items) {
    const keyNode = pair.key as Node | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    if (!KEYS.includes(key)) {
      issues.push(issue('CONFIG_UNKNOWN_KEY', { key, suggestion: nearest(key, KEYS), known: KEYS.join(', ') }, at(keyNode)));
      continue;
    }
    const valueNode = pair.value as Node | null;
    const many = (CONFIG_LISTS as readonly string[]).includes(key);
    const items = isSeq(valueNode) ? (valueNode.items as (Node | null)[]) : [valueNode];
    if (isSeq(valueNode) && !many) {
      bad(valueNode, key, `${key} 只能写一个值`, `${key} takes one value, not a list`);
      continue;
    }
    const values: string[] = [];
    for (const item of items) {
      if (!isScalar(item) || item.value === null || item.value === undefined || String(item.value).trim() === '') {
        const map = isMap(item) ? '；以 { 开头的路径要加引号："{period}/a.csv"' : '';
        bad(item ?? keyNode, key, `应为文件路径（可含 {period}、* 与 ?）${map}`, `expected a file path (it may hold {period}, * and ?)${map ? '; a path starting with { needs quotes: "{period}/a.csv"' : ''}`);
        continue;
      }
      values.push(String(item.value));
    }
    if (values.length === items.length) entries.set(key as ConfigSingle | ConfigList, { values, source: at(valueNode ?? keyNode) });
  }
  return issues.length > 0 ? { issues } : { config: { file, entries }, issues };
}

/** `{period}` (2026-10), `{year}` (2026) and `{month}` (10) of a pattern; any other `{…}` is left for the caller to refuse. */
export function fillPeriod(pattern: string, period: string): string {
  const [year = '', month = ''] = period.split('-');
  return pattern.replace(/\{period\}/g, period).replace(/\{year\}/g, year).replace(/\{month\}/g, month);
}

/** A path segment with `*` or `?` as a whole-segment matcher (nothing else is special). */
export function segmentMatcher(segment: string): RegExp | undefined {
  if (!/[*?]/.test(segment)) return undefined;
  const body = [...segment].map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 'u');
}
