// Core: the canonical metrics of SPEC §2, with their Chinese and English labels, what kind of number
// each is (for output formatting) and which direction is better (for rankings); and an agent's
// metrics as the stages pass them on. Pure data.
import type { Rational } from '../num/rational.js';

/** An agent's (or the team's) metrics by name, exact. */
export type Metrics = Map<string, Rational>;

export type MetricKind = 'count' | 'money' | 'ratio' | 'seconds' | 'number';

export interface MetricInfo {
  readonly name: string;
  readonly zh: string;
  readonly en: string;
  readonly kind: MetricKind;
  /** Lower is better: rankings sort ascending (首响, 平响, 慢响应). */
  readonly lowerIsBetter?: boolean;
}

const list: MetricInfo[] = [
  { name: 'consulted', zh: '咨询人数', en: 'Consulted', kind: 'count' },
  { name: 'received', zh: '接待人数', en: 'Received', kind: 'count' },
  { name: 'reply_rate', zh: '回复率', en: 'Reply rate', kind: 'ratio' },
  { name: 'first_response_s', zh: '首响(秒)', en: 'First response (s)', kind: 'seconds', lowerIsBetter: true },
  { name: 'avg_response_s', zh: '平响(秒)', en: 'Avg response (s)', kind: 'seconds', lowerIsBetter: true },
  { name: 'slow_rounds', zh: '慢响应次数', en: 'Slow rounds', kind: 'count', lowerIsBetter: true },
  { name: 'fast_reply_rate', zh: '3分钟响应率', en: 'Fast reply rate', kind: 'ratio' },
  { name: 'reply_30s_rate', zh: '30秒应答率', en: '30s reply rate', kind: 'ratio' },
  { name: 'unreplied', zh: '未回复人数', en: 'Unreplied', kind: 'count', lowerIsBetter: true },
  { name: 'slow_received', zh: '慢响应人数', en: 'Slow received', kind: 'count', lowerIsBetter: true },
  { name: 'service_score', zh: '客服服务分', en: 'Service score', kind: 'number' },
  { name: 'complaints', zh: '投诉数', en: 'Complaints', kind: 'count', lowerIsBetter: true },
  { name: 'answer_ratio', zh: '答问比', en: 'Answer ratio', kind: 'ratio' },
  { name: 'buyer_messages', zh: '买家消息数', en: 'Buyer messages', kind: 'count' },
  { name: 'agent_messages', zh: '客服消息数', en: 'Agent messages', kind: 'count' },
  { name: 'satisfaction', zh: '客户满意率', en: 'Satisfaction', kind: 'ratio' },
  { name: 'inquiries', zh: '询单人数', en: 'Inquiries', kind: 'count' },
  { name: 'inquiries_ordered', zh: '询单→下单人数', en: 'Inquiries ordered', kind: 'count' },
  { name: 'inquiries_paid', zh: '询单→最终付款人数', en: 'Inquiries paid', kind: 'count' },
  { name: 'conversion', zh: '询单转化率', en: 'Conversion', kind: 'ratio' },
  { name: 'cs_orders', zh: '客服订单数', en: 'CS orders', kind: 'count' },
  { name: 'cs_buyers', zh: '销售人数', en: 'CS buyers', kind: 'count' },
  { name: 'cs_units', zh: '销售量', en: 'CS units', kind: 'number' },
  { name: 'cs_sales', zh: '客服销售额', en: 'CS sales', kind: 'money' },
  { name: 'cs_refunds', zh: '成功退款金额', en: 'CS refunds', kind: 'money' },
  { name: 'cs_sales_net', zh: '客服净销售额', en: 'CS net sales', kind: 'money' },
  { name: 'bundle_sales', zh: '套餐销售额', en: 'Bundle sales', kind: 'money' },
  { name: 'aov', zh: '客单价', en: 'AOV', kind: 'money' },
  { name: 'sales_share', zh: '销售占比', en: 'Sales share', kind: 'ratio' },
  { name: 'shop_share', zh: '客销占比', en: 'Shop share', kind: 'ratio' },
  { name: 'kpi_score', zh: 'KPI得分', en: 'KPI score', kind: 'number' },
  { name: 'shop_sales', zh: '店铺销售额', en: 'Shop sales', kind: 'money' },
  { name: 'silent_sales', zh: '静默销售额', en: 'Silent sales', kind: 'money' },
  { name: 'cs_share', zh: '客服销售占比', en: 'CS share', kind: 'ratio' },
  { name: 'agents', zh: '人数', en: 'Agents', kind: 'count' },
];

export const METRICS: ReadonlyMap<string, MetricInfo> = new Map(list.map((m) => [m.name, m]));

/** A metric that is not canonical (a facts column, a derived ratio) is a plain number, higher better. */
export function metricInfo(name: string): MetricInfo {
  return METRICS.get(name) ?? { name, zh: name, en: name, kind: 'number' };
}

/** A metric's name as people read it: the scheme's label where it gives one (`labels`), else its own in `lang`. */
export function metricLabel(name: string, lang: 'zh' | 'en', labels?: ReadonlyMap<string, string>): string {
  const given = labels?.get(name);
  if (given !== undefined) return given;
  const info = metricInfo(name);
  return lang === 'zh' ? info.zh : info.en;
}
