// Parse: the JSON files of a run folder (`kefu run --out DIR`) → one month for `kefu trend`:
// report.json (checked with zod: a file that is not a kefu report is an issue naming what is wrong),
// payroll.json's totals and manifest.json's scheme hash when they are there. Amounts are read from
// their strings digit by digit; ratios from the JSON number's shortest decimal, as kefu wrote them. No I/O.
import { z } from 'zod';
import { issue, type Issue } from '../core/model/issues.js';
import { periodFromLabel } from '../core/num/dates.js';
import { fromLiteralNumber, parseDecimal, type Rational } from '../core/num/rational.js';
import { KPI_SCORE, PAY_TOTAL, type RunMonth } from '../core/trend.js';

/** An amount as JSON carries it ("1892702.37") or any other metric (0.35, 1120). */
const AMOUNT = /^-?\d+(\.\d+)?$/;
const amount = z.string().regex(AMOUNT, { error: 'expected an amount such as "1234.50"' });
const figure = z.union([z.number(), amount]);
const metrics = z.record(z.string(), figure);

const reportShape = z.looseObject({
  period: z.string(),
  scheme: z.string(),
  agents: z.array(
    z.looseObject({
      agent_id: z.string().min(1),
      name: z.string(),
      group: z.string(),
      kpi_score: z.number(),
      metrics,
      points: z.record(z.string(), z.number()),
    }),
  ),
  team: metrics,
  derived: z.array(z.string()).optional(),
  labels: z.record(z.string(), z.string()).optional(),
});
const payrollShape = z.looseObject({
  period: z.string(),
  agents: z.array(z.looseObject({ agent_id: z.string().min(1), total: amount })),
  total: amount,
});
const manifestShape = z.looseObject({
  period: z.string().optional(),
  scheme: z.looseObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/i, { error: 'expected a sha256 in hex' }) }),
});

/** The text of a run folder's files; payroll and manifest undefined when the folder has none. */
export interface RunFolderText {
  readonly dir: string;
  readonly report: { readonly file: string; readonly text: string };
  readonly payroll?: { readonly file: string; readonly text: string };
  readonly manifest?: { readonly file: string; readonly text: string };
}

const exact = (value: number | string): Rational => (typeof value === 'string' ? (parseDecimal(value) as Rational) : fromLiteralNumber(value));

/** The first problem zod found, as `agents[3].kpi_score: missing (a number)`, quoting what was there. */
function problemOf(error: z.ZodError, raw: unknown): string {
  const first = error.issues[0];
  if (!first) return 'not the expected shape';
  const path = first.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  const found = first.path.reduce<unknown>((node, step) => (node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[step] : undefined), raw);
  const shown = JSON.stringify(found);
  const what =
    first.code !== 'invalid_type' ? first.message
    : found === undefined ? `missing (expected ${first.expected})`
    : `expected ${first.expected}, got ${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}`;
  return `${path ? `${path}: ` : ''}${what}`;
}

function readJson<T>(file: { file: string; text: string }, shape: z.ZodType<T>, onBad: (reason: string) => void): T | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(file.text);
  } catch (error) {
    onBad(`not JSON: ${(error as Error).message}`);
    return undefined;
  }
  const parsed = shape.safeParse(raw);
  if (!parsed.success) {
    onBad(problemOf(parsed.error, raw));
    return undefined;
  }
  return parsed.data;
}

/** One run folder as a month of the trend; undefined (with an issue) when report.json or payroll.json is not kefu's. */
export function parseRunFolder(folder: RunFolderText, issues: Issue[]): RunMonth | undefined {
  const bad = (kind: 'report' | 'payroll', file: string) => (reason: string) => issues.push(issue('TREND_BAD_REPORT', { kind, reason }, { file }));
  const report = readJson(folder.report, reportShape, bad('report', folder.report.file));
  if (!report) return undefined;
  const period = periodFromLabel(report.period);
  if (!period) {
    bad('report', folder.report.file)(`period: expected a month such as "2026-10", got ${JSON.stringify(report.period)}`);
    return undefined;
  }
  const payroll = folder.payroll ? readJson(folder.payroll, payrollShape, bad('payroll', folder.payroll.file)) : undefined;
  if (folder.payroll && !payroll) return undefined;
  if (folder.payroll && payroll && payroll.period !== report.period) {
    bad('payroll', folder.payroll.file)(`its period is ${payroll.period}, report.json's ${report.period}`);
    return undefined;
  }
  let sha256: string | undefined;
  if (folder.manifest) {
    const manifest = readJson(folder.manifest, manifestShape, (reason) => issues.push(issue('TREND_BAD_MANIFEST', { reason }, { file: folder.manifest?.file ?? '' })));
    if (manifest && manifest.period !== undefined && manifest.period !== report.period) {
      issues.push(issue('TREND_BAD_MANIFEST', { reason: `its period is ${manifest.period}, report.json's ${report.period}` }, { file: folder.manifest.file }));
    } else if (manifest) sha256 = manifest.scheme.sha256.toLowerCase();
  }

  const pay = new Map((payroll?.agents ?? []).map((a) => [a.agent_id, exact(a.total)]));
  const kpiMetrics: string[] = [];
  const agents = report.agents.map((a) => {
    for (const name of Object.keys(a.points)) if (!kpiMetrics.includes(name)) kpiMetrics.push(name);
    const values = new Map(Object.entries(a.metrics).map(([name, value]) => [name, exact(value)]));
    values.set(KPI_SCORE, exact(a.kpi_score));
    const total = pay.get(a.agent_id);
    if (total !== undefined) values.set(PAY_TOTAL, total);
    return { agentId: a.agent_id, name: a.name, group: a.group, metrics: values };
  });
  const team = new Map(Object.entries(report.team).filter(([name]) => name !== 'agents').map(([name, value]) => [name, exact(value)]));
  if (payroll) team.set(PAY_TOTAL, exact(payroll.total));
  return {
    dir: folder.dir,
    period,
    scheme: { name: report.scheme, ...(sha256 !== undefined ? { sha256 } : {}) },
    agents,
    team,
    kpiMetrics,
    derived: report.derived ?? [],
    labels: new Map(Object.entries(report.labels ?? {})),
  };
}
