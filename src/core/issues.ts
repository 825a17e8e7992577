// Core: problems found in the data or the scheme are values, collected by every stage and printed
// together at the end (never thrown). An issue carries a stable code (tests assert on it), the place,
// and the parameters its message is written from; the words live in messages.ts, in Chinese and English.
import { MESSAGES, type IssueCode, type Lang } from './messages.js';

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
  return { code, severity: MESSAGES[code].severity, params, ...(source ? { source } : {}) };
}

export const hasErrors = (issues: readonly Issue[]): boolean => issues.some((i) => i.severity === 'error');

export function formatSource(source: Source | undefined): string {
  if (!source) return 'kefu';
  return [source.file, source.line, source.column].filter((part) => part !== undefined).join(':');
}

export function issueMessage(item: Issue, lang: Lang): string {
  return MESSAGES[item.code][lang](item.params);
}

/** `file:line:col: error: message [CODE]`, the form SPEC §6 prints. */
export function formatIssue(item: Issue, lang: Lang): string {
  const label = lang === 'zh' ? (item.severity === 'error' ? '错误' : '警告') : item.severity;
  return `${formatSource(item.source)}: ${label}: ${issueMessage(item, lang)} [${item.code}]`;
}

/** Errors first, then by file, line and column, so the output reads top to bottom. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  const rank = (i: Issue) => (i.severity === 'error' ? 0 : 1);
  return [...issues].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.source?.file ?? '').localeCompare(b.source?.file ?? '') ||
      (a.source?.line ?? 0) - (b.source?.line ?? 0) ||
      (a.source?.column ?? 0) - (b.source?.column ?? 0),
  );
}
