// Core: the promotion ladder (seeds/000: 初级 → 中级 → 高级 → 储备组长 → 组长 → 资深组长). The scheme's
// `promotion:` says when to suggest the next rung — each condition met in every one of its last N
// months, this month and the months before it, read from earlier run folders — and the report lists
// the candidates. A suggestion for the manager, never a pay change. Pure.
import { issue, type Issue } from './model/issues.js';
import { cmp, type Rational } from './num/rational.js';
import { monthPeriod, shiftMonth } from './num/dates.js';
import type { Promotion } from './model/scheme.js';
import type { PromotionCandidate, Report } from './model/model.js';
import { KPI_SCORE, type RunMonth } from './trend.js';
import { METRICS } from './metrics/metrics.js';


const within = (value: Rational, bound: Promotion['when'][number]['bound']) => (bound.op === 'at_least' ? cmp(value, bound.value) >= 0 : cmp(value, bound.value) <= 0);

/**
 * Each agent on the ladder below its top whose every condition holds in each of its months. A month
 * the history lacks, or one computed under another scheme for a metric the scheme defines (KPI score,
 * a fact, a derived ratio), leaves that condition unevaluated for everyone, with a warning.
 */
export function promotionCandidates(report: Report, promotion: Promotion, history: readonly RunMonth[]): { candidates: PromotionCandidate[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const period = report.period.label;
  if (!monthPeriod(period)) return { candidates: [], issues };
  const byPeriod = new Map(history.map((m) => [m.period.label, m]));
  const usable: boolean[] = promotion.when.map((rule) => {
    const missing: string[] = [];
    const otherScheme: string[] = [];
    for (let back = 1; back < rule.months; back++) {
      const label = shiftMonth(period, -back);
      const month = byPeriod.get(label);
      if (!month) missing.push(label);
      else if (month.scheme.name !== report.scheme && (rule.metric === KPI_SCORE || !METRICS.has(rule.metric) || report.derived.includes(rule.metric))) otherScheme.push(label);
    }
    if (missing.length > 0) issues.push(issue('PROMOTION_HISTORY_SHORT', { metric: rule.metric, months: rule.months, missing: missing.join(', ') }, rule.source));
    if (otherScheme.length > 0) issues.push(issue('PROMOTION_OTHER_SCHEME', { metric: rule.metric, months: otherScheme.join(', ') }, rule.source));
    return missing.length === 0 && otherScheme.length === 0;
  });
  if (!usable.every(Boolean)) return { candidates: [], issues };
  const candidates: PromotionCandidate[] = [];
  for (const agent of report.agents) {
    const rung = agent.level === undefined ? -1 : promotion.ladder.indexOf(agent.level);
    if (rung < 0 || rung === promotion.ladder.length - 1) continue;
    const evidence: PromotionCandidate['evidence'][number][] = [];
    const holds = promotion.when.every((rule) => {
      const values: { period: string; value: Rational }[] = [];
      for (let back = rule.months - 1; back >= 0; back--) {
        const label = shiftMonth(period, -back);
        const value =
          back === 0
            ? rule.metric === KPI_SCORE ? agent.kpiScore : agent.metrics.get(rule.metric)
            : byPeriod.get(label)?.agents.find((a) => a.agentId === agent.agentId)?.metrics.get(rule.metric);
        if (value === undefined || !within(value, rule.bound)) return false;
        values.push({ period: label, value });
      }
      evidence.push({ metric: rule.metric, bound: rule.bound, values });
      return true;
    });
    if (holds) candidates.push({ agentId: agent.agentId, name: agent.name, group: agent.group, level: agent.level as string, next: promotion.ladder[rung + 1] as string, evidence });
  }
  return { candidates, issues };
}
