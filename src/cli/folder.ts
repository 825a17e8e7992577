// CLI: a month's folder (`kefu run --out DIR`): the seven output files, and manifest.json, which
// records what made them — each input's path (relative to DIR) and sha256, the scheme's, kefu's
// version, the period and the reading options — so that `kefu verify DIR` can make them again and a
// later month can recompute this one (`--prior DIR`). A folder marked final (`--final`: paid) is never
// written again. Outputs hold no timestamp: the same inputs give the same bytes.
import { chmod, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { renderPayroll, renderReport } from '../render/index.js';
import { renderHtml } from '../render/html.js';
import { chalkFor } from './output.js';
import { hashFile, sha256 } from '../io/files.js';
import { formatDay, periodFromLabel, type Period } from '../core/num/dates.js';
import type { MonthResult } from '../core/run.js';
import type { OrderCredits } from '../core/metrics/raw/raw-metrics.js';
import { formatYuan, parseYuan } from '../core/num/money.js';
import type { AdjustmentRow } from '../core/model/dataset.js';
import { issue, type Issue } from '../core/model/issues.js';
import type { Lang } from '../core/model/issue-texts.js';
import type { Encoding } from '../io/files.js';
import { INPUT_ROLES, type InputRole, type InputSpec } from './spec.js';
import { VERSION } from './version.js';

export const MANIFEST = 'manifest.json';


export interface ManifestFile {
  readonly role: InputRole | 'scheme' | 'config';
  /** Relative to the month's folder, with `/`; `-` for standard input. */
  readonly path: string;
  /** Null for standard input: it cannot be read again. */
  readonly sha256: string | null;
  readonly bytes: number | null;
}

export interface Manifest {
  readonly kefu: string;
  readonly period: string;
  readonly from: string;
  readonly to: string;
  /** `--period last-month`: what was asked and the day it was counted from. */
  readonly asked?: { readonly period: string; readonly today: string };
  /** Paid: no kefu command writes this folder again. */
  readonly final: boolean;
  readonly scheme: ManifestFile & { readonly name: string };
  readonly config?: ManifestFile;
  readonly inputs: readonly ManifestFile[];
  readonly options: { readonly encoding: Encoding; readonly lang: Lang; readonly strict: boolean; readonly sheet?: string };
  readonly outputs: readonly { readonly name: string; readonly sha256: string }[];
  /** The earlier month recomputed into this one's 上月追溯调整 lines (`--prior DIR`), and the lines it carried: a recomputation of this month adds them as they were. */
  readonly prior?: { readonly path: string; readonly period: string; readonly lines: readonly CarriedLine[] };
  /** The earlier months' run folders read for the promotion conditions (`--history`), relative to this folder. */
  readonly history?: readonly string[];
}

/** A 上月追溯调整 line as the manifest keeps it. */
export interface CarriedLine {
  readonly agent_id: string;
  readonly item: string;
  readonly amount: string;
  readonly reason: string;
}

export interface OutputSet {
  readonly name: string;
  readonly data: string | Uint8Array;
}

/** Every agent's credited orders of a raw month: kept so that a later recomputation (--prior) names the orders that changed. */
export const CREDITS = 'credits.json';

export interface CreditsFile {
  readonly period: string;
  readonly orders: readonly { order: string; agent_id: string; amount: string; refund: string; units: number }[];
}

/** credits.json: one order share per line, so that two months' files compare line by line too; built in pieces (a month has a million). */
export function creditsText(period: string, credits: OrderCredits): Buffer {
  const pieces: Buffer[] = [Buffer.from(`{\n  "period": ${JSON.stringify(period)},\n  "orders": [\n`)];
  const PIECE = 10_000;
  for (let from = 0; from < credits.count; from += PIECE) {
    const lines: string[] = [];
    for (let k = from; k < Math.min(credits.count, from + PIECE); k++) {
      const share = { order: credits.order[k], agent_id: credits.agentId[k], amount: formatYuan(credits.amount[k] as bigint), refund: formatYuan(credits.refund[k] as bigint), units: credits.units[k] };
      lines.push(`    ${JSON.stringify(share)}${k < credits.count - 1 ? ',' : ''}\n`);
    }
    pieces.push(Buffer.from(lines.join('')));
  }
  pieces.push(Buffer.from('  ]\n}\n'));
  return Buffer.concat(pieces);
}

/** Whether a final month lists its credited orders (credits.json): raw data with order reports. */
export const listsCredits = (spec: InputSpec): boolean => spec.orders.length > 0;

/** The month's seven files, as `run` writes them and `verify` makes them again; and credits.json for raw data. */
export function monthFiles(result: MonthResult, lang: Lang): OutputSet[] {
  const plain = { lang, chalk: chalkFor(false), colour: false, bom: true };
  const { report, payroll } = result;
  return [
    { name: 'report.csv', data: renderReport(report, 'csv', plain) },
    { name: 'report.json', data: renderReport(report, 'json', plain) },
    { name: 'report.xlsx', data: renderReport(report, 'xlsx', plain) },
    { name: 'payroll.csv', data: renderPayroll(payroll, 'csv', plain) },
    { name: 'payroll.json', data: renderPayroll(payroll, 'json', plain) },
    { name: 'payroll.xlsx', data: renderPayroll(payroll, 'xlsx', plain) },
    { name: 'report.html', data: renderHtml(report, payroll, lang) },
    ...(result.credits ? [{ name: CREDITS, data: creditsText(report.period.label, result.credits) }] : []),
  ];
}

/** A path as the manifest keeps it: relative to the folder, `/` between parts (the folder may move with its inputs). */
export const relativeTo = (dir: string, path: string) => (path === '-' ? '-' : relative(resolve(dir), resolve(path)).split(sep).join('/'));

/** A manifest path back to one usable from here. */
export const fromManifest = (dir: string, path: string) => (path === '-' || isAbsolute(path) ? path : join(dir, ...path.split('/')));

async function fileEntry(dir: string, role: ManifestFile['role'], path: string): Promise<ManifestFile> {
  const hashed = path === '-' ? undefined : await hashFile(path);
  return { role, path: relativeTo(dir, path), sha256: hashed?.sha256 ?? null, bytes: hashed?.bytes ?? null };
}

/** The manifest of a month written into `dir` from `spec`. Inputs are listed by role, then path: the order given changes no figure. */
export async function makeManifest(dir: string, spec: InputSpec, schemeName: string, outputs: readonly OutputSet[], options: { final: boolean; prior?: Manifest['prior'] }): Promise<Manifest> {
  const inputs: ManifestFile[] = [];
  for (const role of INPUT_ROLES) {
    const entries = await Promise.all([...new Set(spec[role])].map((path) => fileEntry(dir, role, path)));
    inputs.push(...entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));
  }
  return {
    kefu: VERSION,
    period: spec.period.label,
    from: formatDay(spec.period.first),
    to: formatDay(spec.period.last),
    ...(spec.relative ? { asked: { period: spec.relative.asked, today: spec.relative.today } } : {}),
    final: options.final,
    scheme: { ...(await fileEntry(dir, 'scheme', spec.scheme)), name: schemeName },
    ...(spec.config !== undefined ? { config: await fileEntry(dir, 'config', spec.config) } : {}),
    inputs,
    options: { encoding: spec.encoding, lang: spec.lang, strict: spec.strict, ...(spec.sheet !== undefined ? { sheet: spec.sheet } : {}) },
    outputs: outputs.map((o) => ({ name: o.name, sha256: sha256(o.data) })),
    ...(options.prior ? { prior: options.prior } : {}),
    ...(spec.history?.length ? { history: spec.history.map((dir2) => relativeTo(dir, dir2)) } : {}),
  };
}

/** The carried lines of a recorded month, as the adjustments a recomputation adds (their source: the manifest). */
export function carriedRows(manifest: Manifest, dir: string): AdjustmentRow[] {
  return (manifest.prior?.lines ?? []).flatMap((line) => {
    const fen = parseYuan(line.amount);
    return fen === undefined ? [] : [{ key: { by: 'agent_id' as const, value: line.agent_id }, item: line.item, amount: fen, reason: line.reason, source: { file: join(dir, MANIFEST) }, carried: true as const }];
  });
}

export const manifestText = (manifest: Manifest) => `${JSON.stringify(manifest, null, 2)}\n`;

/** What a folder holds: its manifest when it has one (undefined: no manifest; 'unreadable': one that is not a kefu manifest). */
export async function readManifest(dir: string): Promise<Manifest | 'unreadable' | undefined> {
  const text = await readFile(join(dir, MANIFEST), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const data = JSON.parse(text) as Partial<Manifest>;
    if (typeof data.kefu !== 'string' || typeof data.period !== 'string' || !periodFromLabel(data.period) || !Array.isArray(data.inputs) || !Array.isArray(data.outputs) || typeof data.scheme?.path !== 'string') return 'unreadable';
    return data as Manifest;
  } catch {
    return 'unreadable';
  }
}

/** The period of the outputs a folder holds without a manifest (an older kefu's): report.json's, if there is one. */
export async function folderPeriod(dir: string): Promise<string | undefined> {
  for (const name of ['report.json', 'payroll.json']) {
    const text = await readFile(join(dir, name), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    try {
      const period = (JSON.parse(text) as { period?: unknown }).period;
      return typeof period === 'string' ? period : '?';
    } catch {
      return '?';
    }
  }
  return undefined;
}

/** True when every file of `outputs` is in `dir` with these very bytes. */
export async function sameOutputs(dir: string, outputs: readonly OutputSet[]): Promise<boolean> {
  // credits.json comes with --final only: an everyday run's folder is the same month without it.
  for (const output of outputs.filter((o) => o.name !== CREDITS)) {
    const there = await readFile(join(dir, output.name)).catch(() => undefined);
    if (!there || sha256(there) !== sha256(output.data)) return false;
  }
  return true;
}

/** A paid month's files are read-only for everyone, a reminder to any other program (kefu itself reads the manifest). */
export async function lockFiles(dir: string, names: readonly string[]): Promise<void> {
  for (const name of names) await chmod(join(dir, name), 0o444).catch(() => undefined);
}

/** The inputs of a recorded month, as flags would give them, relative to here. */
export function specFromManifest(manifest: Manifest, dir: string): InputSpec {
  const files = (role: InputRole) => manifest.inputs.filter((f) => f.role === role).map((f) => fromManifest(dir, f.path));
  // readManifest took only a manifest whose period reads.
  const period = periodFromLabel(manifest.period) as Period;
  return {
    scheme: fromManifest(dir, manifest.scheme.path),
    period,
    roster: files('roster'),
    stats: files('stats'),
    facts: files('facts'),
    adjustments: files('adjustments'),
    messages: files('messages'),
    orders: files('orders'),
    orderLines: files('orderLines'),
    ...(manifest.history?.length ? { history: manifest.history.map((path) => fromManifest(dir, path)) } : {}),
    encoding: manifest.options.encoding,
    ...(manifest.options.sheet !== undefined ? { sheet: manifest.options.sheet } : {}),
    lang: manifest.options.lang,
    strict: manifest.options.strict,
    verbose: false,
    quiet: true,
    color: 'never',
  };
}

/** Each recorded file that is no longer there, or whose bytes changed since (sha256), with its path from here. */
export interface ChangedInput {
  readonly file: ManifestFile;
  readonly path: string;
  readonly why: 'missing' | 'changed' | 'stdin';
  readonly now?: string;
}

/** What a recorded input no longer being as it was means: moved, changed (with both sha256s), or read from standard input. */
export function changedIssue({ file, path, why, now }: ChangedInput): Issue {
  if (why === 'stdin') return issue('VERIFY_INPUT_STDIN', { role: file.role });
  if (why === 'missing') return issue('VERIFY_INPUT_MISSING', { role: file.role, recorded: file.path }, { file: path });
  return issue('VERIFY_INPUT_CHANGED', { role: file.role, was: (file.sha256 ?? '').slice(0, 12), now: (now ?? '').slice(0, 12) }, { file: path });
}

export async function changedInputs(manifest: Manifest, dir: string): Promise<ChangedInput[]> {
  const changed: ChangedInput[] = [];
  for (const file of [manifest.scheme, ...manifest.inputs]) {
    const path = fromManifest(dir, file.path);
    if (file.path === '-' || file.sha256 === null) {
      changed.push({ file, path, why: 'stdin' });
      continue;
    }
    const now = await hashFile(path);
    if (!now) changed.push({ file, path, why: 'missing' });
    else if (now.sha256 !== file.sha256) changed.push({ file, path, why: 'changed', now: now.sha256 });
  }
  return changed;
}
