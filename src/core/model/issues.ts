// Core: problems found in the data or the scheme are values, collected by every stage and printed
// together at the end (never thrown). An issue carries a stable code (tests assert on it), the place,
// and the parameters its message is written from; the words live in messages.ts, in Chinese and English.
import { ISSUE_TEXTS, type IssueCode, type Lang } from './issue-texts.js';

export type Severity = 'error' | 'warning';

export interface Source {
  readonly file: string;
  readonly line?: number;
  /** In a CSV, the field number (1-based); in YAML, the character column. */
  readonly column?: number;
}

export type IssueParams = Readonly<Record<string, string | number | undefined>>;

export interface Issue {
  readonly code: IssueCode;
  readonly severity: Severity;
  readonly params: IssueParams;
  readonly source?: Source;
}

export function issue(code: IssueCode, params: IssueParams = {}, source?: Source): Issue {
  return { code, severity: ISSUE_TEXTS[code].severity, params, ...(source ? { source } : {}) };
}

export const hasErrors = (issues: readonly Issue[]): boolean => issues.some((i) => i.severity === 'error');

export function formatSource(source: Source | undefined): string {
  if (!source) return 'kefu';
  return [source.file, source.line, source.column].filter((part) => part !== undefined).join(':');
}

export function issueMessage(item: Issue, lang: Lang): string {
  return ISSUE_TEXTS[item.code][lang](item.params);
}

/** `file:line:col: error: message [CODE]`, the form SPEC §6 prints. */
export function formatIssue(item: Issue, lang: Lang): string {
  const label = lang === 'zh' ? (item.severity === 'error' ? '错误' : '警告') : item.severity;
  return `${formatSource(item.source)}: ${label}: ${issueMessage(item, lang)} [${item.code}]`;
}

/** Errors first, then by file, line and column (a file's summary lines last), so the output reads top to bottom. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  const rank = (i: Issue) => (i.severity === 'error' ? 0 : 1);
  const line = (i: Issue) => (i.source ? (i.source.line ?? Number.MAX_SAFE_INTEGER) : 0);
  return [...issues].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.source?.file ?? '').localeCompare(b.source?.file ?? '') ||
      line(a) - line(b) ||
      (a.source?.column ?? 0) - (b.source?.column ?? 0),
  );
}

/** How many issues of one code one file shows before the rest are counted in one line. */
export const SHOWN_PER_CODE = 20;

/** The issues of a code summed up for a file: "N more VALUE_BAD_TIME in this file". */
export function moreIssues(file: string, code: IssueCode, count: number): Issue {
  return issue(ISSUE_TEXTS[code].severity === 'error' ? 'MORE_ISSUES' : 'MORE_WARNINGS', { count, code }, { file });
}

/**
 * Keep the first SHOWN_PER_CODE issues of each code in each file; count the rest in one line.
 * `hiddenBefore` are counts already left out elsewhere (by the readers of a file's parts), added in.
 */
export function capIssues(issues: readonly Issue[], hiddenBefore: readonly { file: string; code: IssueCode; count: number }[] = []): Issue[] {
  const shown = new Map<string, number>();
  const hidden = new Map<string, { file: string; code: IssueCode; count: number }>();
  for (const { file, code, count } of hiddenBefore) {
    const key = `${file}\u0000${code}`;
    const entry = hidden.get(key) ?? { file, code, count: 0 };
    entry.count += count;
    hidden.set(key, entry);
  }
  const kept: Issue[] = [];
  for (const item of issues) {
    const file = item.source?.file;
    if (file === undefined || item.code === 'MORE_ISSUES' || item.code === 'MORE_WARNINGS') {
      kept.push(item);
      continue;
    }
    const key = `${file}\u0000${item.code}`;
    const count = shown.get(key) ?? 0;
    if (count < SHOWN_PER_CODE) {
      shown.set(key, count + 1);
      kept.push(item);
    } else {
      const entry = hidden.get(key) ?? { file, code: item.code, count: 0 };
      entry.count++;
      hidden.set(key, entry);
    }
  }
  for (const { file, code, count } of hidden.values()) kept.push(moreIssues(file, code, count));
  return kept;
}
