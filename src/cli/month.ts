// CLI: the shared middle of every command — load the inputs, compute the month in the core, and
// decide from the issues whether anything may be written.
import { computeMonth, type MonthResult } from '../core/run.js';
import { matchRoster } from '../core/explain.js';
import { hasErrors, issue, type Issue } from '../core/model/issues.js';
import type { AdjustmentRow, RosterEntry } from '../core/model/dataset.js';
import { loadInputs, readScheme, type SourceRead } from './load.js';
import { startProgress } from './progress.js';
import { loadRunFolders } from './trend-load.js';
import { promotionCandidates } from '../core/promotion.js';
import type { Scheme } from '../core/model/scheme.js';
import { printIssues } from './output.js';
import { renderColumnsBrief } from '../render/columns.js';
import type { InputSpec } from './spec.js';
import type { CliIO } from './context.js';

export interface Month {
  readonly result?: MonthResult;
  /** The same month under each scheme of ComputeOptions.alsoUnder, in that order. */
  readonly alsoUnder?: readonly MonthResult[];
  /** The roster as read (kefu explain finds people in it who are not in the report). */
  readonly roster: readonly RosterEntry[];
  readonly issues: readonly Issue[];
  /** False when an error (or, with --strict, a warning) forbids writing any output. */
  readonly ok: boolean;
}

export interface ComputeOptions {
  /** Who kefu explain asks about (agent_id, name or account), whose raw rows the month then lists one by one. */
  readonly explain?: string;
  /** Schemes to compute the same read of the files under as well (kefu compare): their results in `Month.alsoUnder`. */
  readonly alsoUnder?: readonly string[];
  /** Pay lines added to the adjustments files' (a prior month's 上月追溯调整). */
  readonly adjustments?: readonly AdjustmentRow[];
  /** List every agent's credited orders (raw data): MonthResult.credits. */
  readonly credits?: boolean;
}

/** Load the inputs and compute the month: under the scheme of the spec, and under each of `alsoUnder`. */
export async function computeFromFiles(spec: InputSpec, io: CliIO, options: ComputeOptions = {}): Promise<Month> {
  const stopProgress = await startProgress(spec, io);
  const loaded = await loadInputs(spec, io, 1 + (options.alsoUnder?.length ?? 0)).catch((error: unknown) => {
    stopProgress();
    throw error;
  });
  if (spec.verbose) for (const source of loaded.sources) io.stderr.write(`${describeRead(source)}\n${source.layout ? renderColumnsBrief(source.layout, spec.lang) : ''}`);
  let issues: Issue[] = [...(spec.warnings ?? []), ...loaded.issues];
  const others: Scheme[] = [];
  for (const path of options.alsoUnder ?? []) {
    const scheme = await readScheme(path, spec.encoding, io, issues);
    if (!scheme) continue;
    // The files are read once, with the first scheme's `columns:` aliases: a scheme reading them otherwise cannot share the read.
    const columns = (s: Scheme) => JSON.stringify([...s.columns].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    if (loaded.scheme && columns(scheme) !== columns(loaded.scheme)) issues.push(issue('COMPARE_COLUMNS_DIFFER', { scheme: path }, { file: path }));
    others.push(scheme);
  }
  let result: MonthResult | undefined;
  const alsoUnder: MonthResult[] = [];
  try {
    if (loaded.scheme && loaded.dataset && loaded.rosterRead && others.length === (options.alsoUnder ?? []).length) {
      const asked = options.explain === undefined ? [] : [...new Set(matchRoster(options.explain, loaded.dataset.roster).map((e) => e.agentId))];
      const detailFor = asked.length === 1 ? asked[0] : undefined;
      const rows = options.adjustments?.length ? { ...loaded.dataset, adjustments: [...loaded.dataset.adjustments, ...options.adjustments] } : loaded.dataset;
      const inputs = { rows, ...(loaded.raw ? { raw: loaded.raw } : {}), earlier: issues, ...(detailFor ? { detailFor } : {}), ...(options.credits ? { credits: true } : {}) };
      result = await computeMonth(inputs, loaded.scheme, spec.period);
      issues = [...issues, ...result.issues];
      for (const scheme of others) {
        const other = await computeMonth(inputs, scheme, spec.period);
        // The same file's warnings come once, whichever scheme found them.
        const seen = new Set(issues.map((i) => JSON.stringify(i)));
        issues = [...issues, ...other.issues.filter((i) => !seen.has(JSON.stringify(i)))];
        alsoUnder.push(other);
      }
    }
  } finally {
    stopProgress();
    loaded.raw?.dispose();
  }
  // Promotion candidates (a suggestion): this month against the earlier months' run folders.
  const promotion = loaded.scheme?.promotion;
  if (result && promotion) {
    const history = spec.history?.length ? await loadRunFolders(spec.history, io) : { months: [], issues: [] };
    const found = promotionCandidates(result.report, promotion, history.months);
    const more = [...history.issues, ...found.issues];
    issues = [...issues, ...more];
    result = { ...result, report: { ...result.report, promotions: found.candidates, warnings: [...result.report.warnings, ...more.filter((i) => i.severity === 'warning')] } };
  }
  return settled({ result, alsoUnder }, loaded.dataset?.roster ?? [], issues, spec);
}

/** A month with every issue found: its result kept only when no error (nor, with --strict, a warning) forbids writing it. */
function settled(computed: Pick<Month, 'result' | 'alsoUnder'>, roster: Month['roster'], issues: readonly Issue[], spec: InputSpec): Month {
  const ok = computed.result !== undefined && !hasErrors(issues) && !(spec.strict && issues.length > 0);
  return { ...(ok ? computed : {}), roster, issues, ok };
}

/** The month with issues found beside it (a prior month's recomputation): printed first, and they count for --strict like its own. */
export function withIssues(month: Month, earlier: readonly Issue[], spec: InputSpec): Month {
  return earlier.length === 0 ? month : settled(month, month.roster, [...earlier, ...month.issues], spec);
}

/** Print every issue to stderr and give the exit code they call for. */
export function reportIssues(month: Month, spec: InputSpec, io: CliIO): number {
  printIssues(spec.quiet && !spec.strict ? month.issues.filter((i) => i.severity === 'error') : month.issues, spec.lang, io);
  return month.ok ? 0 : 1;
}

/** One line of `--verbose`: how a file was read. */
function describeRead(source: SourceRead): string {
  const how = [source.format && source.format !== 'csv' ? source.format : undefined, source.encoding, source.sheet !== undefined ? `sheet ${source.sheet}` : undefined];
  return `${source.name}: ${how.filter(Boolean).join(', ')}${source.threads ? ` (${source.threads} threads)` : ''}`;
}
