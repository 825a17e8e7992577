// CLI: what a command needs from the outside world, passed in so that tests run main() in-process
// with fake streams; and the few failures that are not data issues, each with its exit code (SPEC §6).
import type { Issue } from '../core/model/issues.js';
import type { Lang } from '../core/model/issue-texts.js';

export interface CliIO {
  readonly stdout: { write(chunk: string | Uint8Array): unknown; readonly isTTY?: boolean; readonly columns?: number };
  readonly stderr: { write(chunk: string): unknown; readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readStdin(): Promise<Uint8Array>;
}

export const EXIT_OK = 0;
export const EXIT_DATA = 1;
export const EXIT_USAGE = 2;

/** Wrong usage: a bad flag value, a missing required flag. Exit 2. */
export class UsageError extends Error {}

/** Data issues found before the month is read (a project file's errors): printed, exit 1. */
export class InputIssues extends Error {
  constructor(
    readonly issues: readonly Issue[],
    readonly lang: Lang,
  ) {
    super(`${issues.length} issue(s)`);
  }
}
