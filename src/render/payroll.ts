// Render: the bonus sheet (奖金表) as a grid — one row per agent, one column per pay item, a total
// column and a totals row — and as JSON (SPEC §5). Pure functions of the Payroll model.
import type { Lang } from '../core/model/issue-texts.js';
import { columnAmount, type Payroll } from '../core/model/model.js';
import { formatYuan, formatYuanGrouped, type Fen } from '../core/num/money.js';
import { label, payHeader, type Style } from './format.js';
import type { Grid } from './report.js';
import { basis } from './explain.js';

export function payrollGrid(payroll: Payroll, lang: Lang, style: Style): Grid & { totals: readonly string[] } {
  const money = (fen: Fen | undefined) => (fen === undefined ? '' : style === 'table' ? formatYuanGrouped(fen) : formatYuan(fen));
  const headers = [
    label('agent_id', lang),
    label('name', lang),
    label('group', lang),
    ...payroll.columns.map((c) => payHeader(c.kind, c.name, lang)),
    label('total', lang),
  ];
  const rows = payroll.agents.map((agent) => [
    agent.agentId,
    agent.name,
    agent.group,
    ...payroll.columns.map((c) => money(columnAmount(agent, c))),
    money(agent.total),
  ]);
  const totals = [label('total', lang), '', '', ...payroll.columnTotals.map(money), money(payroll.total)];
  const numeric = headers.map((_, i) => i >= 3); // 工号, 姓名, 岗位, then amounts
  return { headers, rows, numeric, totals };
}

export function payrollJson(payroll: Payroll): unknown {
  return {
    period: payroll.period.label,
    scheme: payroll.scheme,
    columns: payroll.columns.map((c, i) => ({ kind: c.kind, name: c.name, total: formatYuan(payroll.columnTotals[i] ?? 0n) })),
    agents: payroll.agents.map((agent) => ({
      agent_id: agent.agentId,
      name: agent.name,
      group: agent.group,
      lines: agent.lines.map((line) => ({
        kind: line.kind,
        name: line.name,
        amount: formatYuan(line.amount),
        basis: basis(line.formula),
        ...(line.reason !== undefined ? { reason: line.reason } : {}),
      })),
      total: formatYuan(agent.total),
    })),
    total: formatYuan(payroll.total),
  };
}
