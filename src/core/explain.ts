// Core: each agent's trace — every figure of theirs from the inputs to the total, as data: each metric
// with where it came from (the rows and their values, or the chat log and order report, or the parts
// of a ratio), each KPI line with its points, the score as their sum, the factor with its band and
// vetoes, each pay line with its formula (trace.ts). Built from the same values report and payroll
// print, so the two cannot disagree. Pure.
import { sourceOf, type Agent, type MetricSource } from './agents.js';
import type { RosterEntry, StatsRow } from './model/dataset.js';
import { periodDays, type Period } from './num/dates.js';
import type { Source } from './model/issues.js';
import type { PayLine } from './model/model.js';
import type { Fen } from './num/money.js';
import type { Rational } from './num/rational.js';
import type { Scheme } from './model/scheme.js';
import type { Scorecard } from './score/score.js';
import type { Combined } from './metrics/stats.js';
import { nearestMany } from './model/suggest.js';
import type { FactorTrace, KpiLine } from './model/trace.js';
import type { RawDetail } from './metrics/raw/raw-metrics.js';

/** What a metric is made of, when it is not read as it stands. */
export type MetricParts =
  /** Summed over the rows; numerator / denominator (of the rows' sums, for an export); a mean of the rows weighted by a count. */
  | Combined
  /** a − b. */
  | { readonly kind: 'difference'; readonly of: readonly [string, string] }
  /** The agent's cs_sales over the team's or the shop's. */
  | { readonly kind: 'share'; readonly of: readonly [string, 'team' | 'shop'] };

export interface MetricTrace {
  readonly name: string;
  readonly value: Rational;
  readonly source: MetricSource;
  /** The rows it was read from and the value each gave (an export's rows, or a fact's row). */
  readonly rows: readonly { readonly source: Source; readonly value: Rational }[];
  readonly parts?: MetricParts;
}

export interface AgentTrace {
  readonly agentId: string;
  readonly name: string;
  readonly group: string;
  readonly accounts: readonly string[];
  readonly days: number;
  readonly periodDays: number;
  readonly metrics: readonly MetricTrace[];
  readonly kpi: readonly KpiLine[];
  readonly kpiScore: Rational;
  readonly rank: number;
  readonly factor: FactorTrace;
  readonly disqualified: boolean;
  readonly pay: readonly PayLine[];
  readonly total: Fen;
  /** The raw rows behind the counts, when asked for (kefu explain, on chat logs and order reports). */
  readonly raw?: RawDetail;
  /** A metric's header where the scheme gives one (a derived ratio's `label:`). */
  readonly labels: ReadonlyMap<string, string>;
}

/** The ratios the chat log and order report give (SPEC §2); its counts and amounts are counted as they stand. */
const RAW_PARTS: Readonly<Record<string, MetricParts>> = {
  conversion: { kind: 'ratio', of: ['inquiries_paid', 'inquiries'] },
  reply_rate: { kind: 'ratio', of: ['received', 'consulted'] },
  answer_ratio: { kind: 'ratio', of: ['agent_messages', 'buyer_messages'] },
};

/** What follows from the other sources (run.ts, stats.ts completedSales). */
const COMPLETED_PARTS: Readonly<Record<string, MetricParts>> = {
  aov: { kind: 'ratio', of: ['cs_sales', 'cs_buyers'] },
  cs_sales_net: { kind: 'difference', of: ['cs_sales', 'cs_refunds'] },
  cs_refunds: { kind: 'difference', of: ['cs_sales', 'cs_sales_net'] },
  sales_share: { kind: 'share', of: ['cs_sales', 'team'] },
  shop_share: { kind: 'share', of: ['cs_sales', 'shop'] },
};

/** What a metric from `source` is made of, if anything but a value as it stands. */
function partsOf(input: TraceInputs, name: string, source: MetricSource, rows: number): MetricParts | undefined {
  switch (source) {
    case 'derived': {
      const rule = input.scheme.derived.get(name);
      return rule ? { kind: 'ratio', of: rule.ratio } : undefined;
    }
    case 'stats': {
      // A ratio is always its parts' (an export's 26.12% gives way to 152 / 582); a sum or a mean of one row is that row.
      const how = input.combined.get(name);
      return how && (how.kind === 'ratio' || rows > 1) ? how : undefined;
    }
    case 'raw':
      return RAW_PARTS[name];
    case 'completed':
      return COMPLETED_PARTS[name];
    default:
      return undefined;
  }
}

export interface TraceInputs {
  readonly scheme: Scheme;
  readonly period: Period;
  readonly agent: Agent;
  readonly card: Scorecard;
  readonly rank: number;
  readonly statsRows: readonly StatsRow[];
  /** How the stats rows made each metric (metrics/stats.ts aggregateStats). */
  readonly combined: ReadonlyMap<string, Combined>;
  readonly facts: ReadonlyMap<string, { readonly value: Rational; readonly source: Source }>;
  readonly pay: readonly PayLine[];
  readonly total: Fen;
  readonly raw?: RawDetail;
}

export function traceAgent(input: TraceInputs): AgentTrace {
  const { agent, card } = input;
  const metrics: MetricTrace[] = [...agent.metrics].map(([name, value]) => {
    // Every metric was taken from a source (run.ts take).
    const source = sourceOf(agent, name) as MetricSource;
    const fact = input.facts.get(name);
    const rows =
      source === 'facts' && fact
        ? [{ source: fact.source, value: fact.value }]
        : source === 'stats'
          ? input.statsRows.flatMap((row) => {
              const v = row.values[name as keyof StatsRow['values']];
              return v !== undefined ? [{ source: row.source, value: v }] : [];
            })
          : [];
    const parts = partsOf(input, name, source, rows.length);
    return { name, value, source, rows, ...(parts ? { parts } : {}) };
  });
  return {
    agentId: agent.entry.agentId,
    name: agent.entry.name,
    group: agent.entry.group,
    accounts: agent.entry.accounts,
    days: agent.days,
    periodDays: periodDays(input.period),
    metrics,
    kpi: card.lines,
    kpiScore: card.kpiScore,
    rank: input.rank,
    factor: card.factorTrace,
    disqualified: card.disqualified,
    pay: input.pay,
    total: input.total,
    ...(input.raw ? { raw: input.raw } : {}),
    labels: input.scheme.labels,
  };
}

/** The roster entries whose agent_id, name or an account is `query` (spaces at the ends aside). */
export function matchRoster(query: string, roster: readonly RosterEntry[]): RosterEntry[] {
  const key = query.trim();
  return roster.filter((e) => e.agentId === key || e.name === key || e.accounts.includes(key));
}

/** Who `kefu explain` was asked about: an agent of the report, someone on the roster who is not in it, or nobody. */
export type Found =
  | { readonly kind: 'agent'; readonly trace: AgentTrace }
  | { readonly kind: 'not_in_report'; readonly entry: RosterEntry }
  | { readonly kind: 'ambiguous'; readonly ids: readonly string[] }
  | { readonly kind: 'unknown'; readonly nearest: readonly string[] };

/** An agent by agent_id, name or account (exactly, spaces at the ends aside); else the nearest of those. */
export function findAgent(query: string, traces: { get(agentId: string): AgentTrace | undefined }, roster: readonly RosterEntry[]): Found {
  const key = query.trim();
  const matching = matchRoster(key, roster);
  const ids = [...new Set(matching.map((e) => e.agentId))];
  if (ids.length > 1) return { kind: 'ambiguous', ids };
  const entry = matching[0];
  if (!entry) return { kind: 'unknown', nearest: nearestMany(key, roster.flatMap((e) => [e.agentId, e.name, ...e.accounts]), 3) };
  const trace = traces.get(entry.agentId);
  return trace ? { kind: 'agent', trace } : { kind: 'not_in_report', entry };
}
