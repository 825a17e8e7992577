// CLI: late changes to a paid month (`kefu run --prior DIR`). The prior month is computed again from
// the files its manifest names, as they are now (an order report re-exported with the refunds that
// came late), under the very scheme it was paid with; each agent's difference from the paid sheet
// (DIR/payroll.json) becomes one line 上月追溯调整 <month> of this month's sheet. DIR is only read.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { issue, type Issue } from '../core/model/issues.js';
import type { AdjustmentRow } from '../core/model/dataset.js';
import { exactFen, formatYuanGrouped, type Fen } from '../core/num/money.js';
import { parseDecimal } from '../core/num/rational.js';
import { formatDay } from '../core/num/dates.js';
import { sha256 } from '../io/files.js';
import { changedInputs, readManifest, specFromManifest, type Manifest } from './folder.js';
import { computeFromFiles } from './month.js';
import type { InputSpec } from './spec.js';
import type { CliIO } from './context.js';

/** The pay item of a carried difference: `上月追溯调整 2026-10`. */
export const CARRY_ITEM = '上月追溯调整';

interface PaidSheet {
  readonly agents: readonly { agent_id: string; name: string; total: string; lines: readonly { kind: string; name: string; amount: string; basis?: string }[] }[];
}

const fen = (yuan: string): Fen | undefined => {
  const value = parseDecimal(yuan);
  return value ? exactFen(value) : undefined;
};

export interface Carried {
  readonly rows: AdjustmentRow[];
  readonly issues: Issue[];
  readonly prior?: NonNullable<Manifest['prior']>;
}

export async function carryPrior(dir: string, spec: InputSpec, io: CliIO): Promise<Carried> {
  const issues: Issue[] = [];
  const manifest = await readManifest(dir);
  if (manifest === undefined || manifest === 'unreadable') return { rows: [], issues: [issue('MANIFEST_MISSING', { dir, unreadable: manifest ? 1 : 0 })] };
  const where = { file: join(dir, 'manifest.json') };
  if (manifest.to >= formatDay(spec.period.first)) issues.push(issue('PRIOR_NOT_EARLIER', { dir, period: manifest.period, now: spec.period.label }, where));
  if (!manifest.final) issues.push(issue('PRIOR_NOT_FINAL', { dir, period: manifest.period }, where));
  const changed = await changedInputs(manifest, dir);
  for (const { file, path, why } of changed) {
    if (file.role === 'scheme' && why === 'changed') issues.push(issue('PRIOR_SCHEME_CHANGED', { period: manifest.period }, { file: path }));
    else if (why === 'missing') issues.push(issue('VERIFY_INPUT_MISSING', { role: file.role, recorded: file.path }, { file: path }));
    else if (why === 'stdin') issues.push(issue('VERIFY_INPUT_STDIN', { role: file.role }));
  }
  const paidText = await readFile(join(dir, 'payroll.json')).catch(() => undefined);
  const recorded = manifest.outputs.find((o) => o.name === 'payroll.json')?.sha256;
  if (!paidText || sha256(paidText) !== recorded) issues.push(issue('PRIOR_SHEET_CHANGED', { period: manifest.period }, { file: join(dir, 'payroll.json') }));
  if (issues.some((i) => i.severity === 'error')) return { rows: [], issues };
  const paid = JSON.parse(paidText!.toString('utf8')) as PaidSheet;

  // The month as paid carried its own prior month's lines: they are paid, and stay as they were.
  const carriedBefore: AdjustmentRow[] = [];
  for (const agent of paid.agents) {
    for (const line of agent.lines) {
      const amount = fen(line.amount);
      if (line.kind === 'adjustment' && line.name.startsWith(CARRY_ITEM) && amount !== undefined) {
        carriedBefore.push({ key: { by: 'agent_id', value: agent.agent_id }, item: line.name, amount, reason: line.basis ?? '', source: { file: join(dir, 'payroll.json') } });
      }
    }
  }
  const again = await computeFromFiles(specFromManifest(manifest, dir), io, { adjustments: carriedBefore });
  if (!again.result) {
    issues.push(issue('PRIOR_RECOMPUTE_FAILED', { period: manifest.period }, where), ...again.issues.filter((i) => i.severity === 'error'));
    return { rows: [], issues };
  }
  const inputs = changed.filter((c) => c.why === 'changed').map((c) => c.path);
  const now = new Map(again.result.payroll.agents.map((a) => [a.agentId, a.total]));
  const rows: AdjustmentRow[] = [];
  const gone: string[] = [];
  for (const agent of paid.agents) {
    const before = fen(agent.total);
    const after = now.get(agent.agent_id);
    if (after === undefined || before === undefined) {
      gone.push(agent.agent_id);
      continue;
    }
    if (after === before) continue;
    const reason = `${manifest.period} 重算：实发 ${formatYuanGrouped(before)} → ${formatYuanGrouped(after)}${inputs.length > 0 ? `（变动的文件：${inputs.join('、')}）` : ''}`;
    rows.push({ key: { by: 'agent_id', value: agent.agent_id }, item: `${CARRY_ITEM} ${manifest.period}`, amount: after - before, reason, source: { file: join(dir, 'payroll.json') } });
  }
  const paidIds = new Set(paid.agents.map((a) => a.agent_id));
  for (const id of now.keys()) if (!paidIds.has(id)) gone.push(id);
  if (gone.length > 0) issues.push(issue('PRIOR_AGENTS_DIFFER', { period: manifest.period, ids: gone.join(', ') }, where));
  return { rows, issues, prior: { path: dir, period: manifest.period } };
}
