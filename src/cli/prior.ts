// CLI: late changes to a paid month (`kefu run --prior DIR`). The prior month is computed again from
// the files its manifest names, as they are now (an order report re-exported with the refunds that
// came late), under the very scheme it was paid with; each agent's difference from the paid sheet
// (DIR/payroll.json) becomes one line 上月追溯调整 <month> of this month's sheet. DIR is only read.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { issue, type Issue } from '../core/model/issues.js';
import type { AdjustmentRow } from '../core/model/dataset.js';
import { formatYuan, formatYuanGrouped, parseYuan } from '../core/num/money.js';
import { formatDay } from '../core/num/dates.js';
import { sha256 } from '../io/files.js';
import { CREDITS, carriedRows, changedInputs, changedIssue, listsCredits, readManifest, specFromManifest, type CreditsFile, type Manifest } from './folder.js';
import type { OrderCredits } from '../core/metrics/raw/raw-metrics.js';
import { computeFromFiles } from './month.js';
import type { InputSpec } from './spec.js';
import type { CliIO } from './context.js';

/** The pay item of a carried difference: `上月追溯调整 2026-10`. */
export const CARRY_ITEM = '上月追溯调整';

interface PaidSheet {
  readonly agents: readonly { agent_id: string; name: string; total: string; lines: readonly { kind: string; name: string; amount: string; basis?: string }[] }[];
}


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
  // Only the period just before: a month's late changes are carried once, into the next month (a later
  // month carrying it again would pay the same difference twice).
  else if (formatDay(spec.period.first - 1) !== manifest.to) issues.push(issue('PRIOR_NOT_PREVIOUS', { dir, period: manifest.period, now: spec.period.label }, where));
  if (!manifest.final) issues.push(issue('PRIOR_NOT_FINAL', { dir, period: manifest.period }, where));
  const changed = await changedInputs(manifest, dir);
  // Data files changed since are the point of a recomputation; a moved one, standard input or a changed scheme are not.
  for (const change of changed) {
    if (change.file.role === 'scheme' && change.why === 'changed') issues.push(issue('PRIOR_SCHEME_CHANGED', { period: manifest.period }, { file: change.path }));
    else if (change.why !== 'changed') issues.push(changedIssue(change));
  }
  const paidText = await readFile(join(dir, 'payroll.json')).catch(() => undefined);
  const recorded = manifest.outputs.find((o) => o.name === 'payroll.json')?.sha256;
  if (!paidText || sha256(paidText) !== recorded) issues.push(issue('PRIOR_SHEET_CHANGED', { period: manifest.period }, { file: join(dir, 'payroll.json') }));
  if (issues.some((i) => i.severity === 'error')) return { rows: [], issues };
  const paid = JSON.parse(paidText!.toString('utf8')) as PaidSheet;

  // The month as paid carried its own prior month's lines (its manifest keeps them): paid, and added as they were.
  const carriedBefore = carriedRows(manifest, dir);
  const priorSpec = specFromManifest(manifest, dir);
  const again = await computeFromFiles(priorSpec, io, { adjustments: carriedBefore, credits: listsCredits(priorSpec) });
  if (!again.result) {
    issues.push(issue('PRIOR_RECOMPUTE_FAILED', { period: manifest.period }, where), ...again.issues.filter((i) => i.severity === 'error'));
    return { rows: [], issues };
  }
  const inputs = changed.filter((c) => c.why === 'changed').map((c) => c.path);
  const changedOrders = again.result.credits ? await orderChanges(dir, manifest, again.result.credits, issues) : new Map<string, string[]>();
  const now = new Map(again.result.payroll.agents.map((a) => [a.agentId, a.total]));
  const rows: AdjustmentRow[] = [];
  const gone: string[] = [];
  for (const agent of paid.agents) {
    const before = parseYuan(agent.total);
    const after = now.get(agent.agent_id);
    if (after === undefined || before === undefined) {
      gone.push(agent.agent_id);
      continue;
    }
    if (after === before) continue;
    const orders = changedOrders.get(agent.agent_id) ?? [];
    const shown = orders.slice(0, ORDERS_NAMED).join('，');
    const named = orders.length === 0 ? '' : `；变动的订单：${shown}${orders.length > ORDERS_NAMED ? ` 等 ${orders.length} 笔` : ''}`;
    const reason = `${manifest.period} 重算：实发 ${formatYuanGrouped(before)} → ${formatYuanGrouped(after)}${inputs.length > 0 ? `（变动的文件：${inputs.join('、')}）` : ''}${named}`;
    rows.push({ key: { by: 'agent_id', value: agent.agent_id }, item: `${CARRY_ITEM} ${manifest.period}`, amount: after - before, reason, source: { file: join(dir, 'payroll.json') }, carried: true });
  }
  const paidIds = new Set(paid.agents.map((a) => a.agent_id));
  for (const id of now.keys()) if (!paidIds.has(id)) gone.push(id);
  if (gone.length > 0) issues.push(issue('PRIOR_AGENTS_DIFFER', { period: manifest.period, ids: gone.join(', ') }, where));
  const lines = rows.map((r) => ({ agent_id: r.key.value, item: r.item, amount: formatYuan(r.amount), reason: r.reason }));
  return { rows, issues, prior: { path: dir, period: manifest.period, lines } };
}

/** How many changed orders a carried line names before it counts the rest. */
const ORDERS_NAMED = 10;

/**
 * Per agent, the orders whose credited share changed between the paid month (its credits.json) and
 * the recomputation: `O9 退款 0.00 → 499.00`, an order newly credited or no longer credited.
 */
async function orderChanges(dir: string, manifest: Manifest, now: OrderCredits, issues: Issue[]): Promise<Map<string, string[]>> {
  const changes = new Map<string, string[]>();
  const text = await readFile(join(dir, CREDITS)).catch(() => undefined);
  const recorded = manifest.outputs.find((o) => o.name === CREDITS)?.sha256;
  if (!text || sha256(text) !== recorded) {
    issues.push(issue('PRIOR_NO_CREDITS', { period: manifest.period }, { file: join(dir, CREDITS) }));
    return changes;
  }
  const paid = (JSON.parse(text.toString('utf8')) as CreditsFile).orders;
  const key = (order: string, agentId: string) => `${order}\u0000${agentId}`;
  const before = new Map(paid.map((c) => [key(c.order, c.agent_id), c]));
  const add = (agentId: string, line: string) => {
    const list = changes.get(agentId);
    if (list) list.push(line);
    else changes.set(agentId, [line]);
  };
  const seen = new Set<string>();
  for (let row = 0; row < now.count; row++) {
    const c = { order: now.order[row] as string, agentId: now.agentId[row] as string, amount: formatYuan(now.amount[row] as bigint), refund: formatYuan(now.refund[row] as bigint), units: now.units[row] as number };
    const k = key(c.order, c.agentId);
    seen.add(k);
    const old = before.get(k);
    const { amount, refund } = c;
    if (!old) add(c.agentId, `${c.order} 新计入 ${amount}`);
    else if (old.amount !== amount || old.refund !== refund || old.units !== c.units) {
      const parts = [old.amount !== amount ? `金额 ${old.amount} → ${amount}` : '', old.refund !== refund ? `退款 ${old.refund} → ${refund}` : '', old.units !== c.units ? `件数 ${old.units} → ${c.units}` : ''];
      add(c.agentId, `${c.order} ${parts.filter(Boolean).join('、')}`);
    }
  }
  for (const c of paid) if (!seen.has(key(c.order, c.agent_id))) add(c.agent_id, `${c.order} 不再计入（原 ${c.amount}）`);
  return changes;
}
