// CLI: the shared middle of every command — load the inputs, compute the month in the core, and
// decide from the issues whether anything may be written.
import { computeMonth, type MonthResult } from '../core/run.js';
import { matchRoster } from '../core/explain.js';
import { hasErrors, type Issue } from '../core/model/issues.js';
import type { RosterEntry } from '../core/model/dataset.js';
import { loadInputs, type SourceRead } from './load.js';
import { printIssues } from './output.js';
import { renderColumnsBrief } from '../render/columns.js';
import type { InputSpec } from './spec.js';
import type { CliIO } from './context.js';

export interface Month {
  readonly result?: MonthResult;
  /** The roster as read (kefu explain finds people in it who are not in the report). */
  readonly roster: readonly RosterEntry[];
  readonly issues: readonly Issue[];
  /** False when an error (or, with --strict, a warning) forbids writing any output. */
  readonly ok: boolean;
}

/**
 * Load the inputs and compute the month. `explain`: who kefu explain asks about (agent_id, name or
 * account), whose raw rows the month then lists one by one.
 */
export async function computeFromFiles(spec: InputSpec, io: CliIO, options: { explain?: string } = {}): Promise<Month> {
  const loaded = await loadInputs(spec, io);
  if (spec.verbose) for (const source of loaded.sources) io.stderr.write(`${describeRead(source)}\n${source.layout ? renderColumnsBrief(source.layout, spec.lang) : ''}`);
  let issues: Issue[] = loaded.issues;
  let result: MonthResult | undefined;
  try {
    if (loaded.scheme && loaded.dataset && loaded.rosterRead) {
      const asked = options.explain === undefined ? [] : [...new Set(matchRoster(options.explain, loaded.dataset.roster).map((e) => e.agentId))];
      const detailFor = asked.length === 1 ? asked[0] : undefined;
      result = await computeMonth({ rows: loaded.dataset, ...(loaded.raw ? { raw: loaded.raw } : {}), earlier: loaded.issues, ...(detailFor ? { detailFor } : {}) }, loaded.scheme, spec.period);
      issues = [...issues, ...result.issues];
    }
  } finally {
    loaded.raw?.dispose();
  }
  const ok = result !== undefined && !hasErrors(issues) && !(spec.strict && issues.length > 0);
  return { ...(ok ? { result } : {}), roster: loaded.dataset?.roster ?? [], issues, ok };
}

/** Print every issue to stderr and give the exit code they call for. */
export function reportIssues(month: Month, spec: InputSpec, io: CliIO): number {
  printIssues(month.issues, spec.lang, io);
  return month.ok ? 0 : 1;
}

/** One line of `--verbose`: how a file was read. */
function describeRead(source: SourceRead): string {
  const how = [source.format && source.format !== 'csv' ? source.format : undefined, source.encoding, source.sheet !== undefined ? `sheet ${source.sheet}` : undefined];
  return `${source.name}: ${how.filter(Boolean).join(', ')}${source.threads ? ` (${source.threads} threads)` : ''}`;
}
