// Core: the typed rows that parse/ hands to the core, one interface per input table of SPEC §1.
// Every row keeps its source line so that a problem found later is reported at the place it came from.
import type { DayNumber } from '../num/dates.js';
import type { Fen } from '../num/money.js';
import type { Rational } from '../num/rational.js';
import type { Source } from './issues.js';

export interface RosterEntry {
  readonly agentId: string;
  readonly name: string;
  readonly accounts: readonly string[];
  readonly group: string;
  readonly team?: string;
  readonly employment?: string;
  readonly level?: string;
  readonly baseSalary?: Fen;
  readonly startDate?: DayNumber;
  readonly endDate?: DayNumber;
  readonly leader?: string;
  readonly source: Source;
}

/** The numeric fields a platform's per-agent export may carry (SPEC §1, `stats`). */
export const STATS_FIELDS = [
  'consulted',
  'received',
  'inquiries',
  'inquiries_paid',
  'conversion',
  'cs_sales',
  'cs_refunds',
  'cs_units',
  'cs_buyers',
  'first_response_s',
  'avg_response_s',
  'answer_ratio',
  'reply_rate',
  'satisfaction',
  'fast_reply_rate',
  'reply_30s_rate',
  'unreplied',
  'slow_received',
  'service_score',
  'complaints',
  'inquiries_ordered',
  'cs_orders',
  'cs_sales_net',
] as const;
export type StatsField = (typeof STATS_FIELDS)[number];

export interface StatsRow {
  readonly account: string;
  readonly date?: DayNumber;
  readonly values: Readonly<Partial<Record<StatsField, Rational>>>;
  readonly source: Source;
}

/** A row of a stats export that is a benchmark, not an agent: 同行同层优秀, 同行同层均值. */
export interface BenchmarkRow {
  readonly label: string;
  readonly values: Readonly<Partial<Record<StatsField, Rational>>>;
  readonly source: Source;
}

export type AgentKey = { readonly by: 'agent_id' | 'name' | 'account'; readonly value: string };

/** A facts row is one agent's, or a whole team's or group's (团队定量指标: every member gets its numbers). */
export type FactKey = AgentKey | { readonly by: 'team' | 'group'; readonly value: string };

export interface FactRow {
  readonly key: FactKey;
  /** Metric name → value; a blank cell is absent. */
  readonly values: ReadonlyMap<string, Rational>;
  readonly source: Source;
}

export interface AdjustmentRow {
  readonly key: AgentKey;
  readonly item: string;
  readonly amount: Fen;
  readonly reason: string;
  readonly source: Source;
  /** A paid month's late change carried into this one (上月追溯调整): for someone gone since, a warning, not an error. */
  readonly carried?: true;
}

export interface Dataset {
  readonly roster: readonly RosterEntry[];
  readonly stats: readonly StatsRow[];
  readonly benchmarks: readonly BenchmarkRow[];
  readonly facts: readonly FactRow[];
  /** Every fact column seen, even one left blank for everybody: the metrics the scheme may name. */
  readonly factNames: ReadonlySet<string>;
  readonly adjustments: readonly AdjustmentRow[];
  /**
   * The fields each stats export's header gave, by file: a figure the scheme needs may be absent
   * because its column is (not because a cell is blank), and then is said so.
   */
  readonly statsColumns?: ReadonlyMap<string, ReadonlySet<StatsField>>;
}
