// Parse: the built-in header alias table (SPEC §1). Export headers in Chinese, English canonical
// names, full-width and half-width brackets alike all map to one canonical column name per table.
import { halfWidth } from './values.js';

export interface ColumnSpec {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly required?: boolean;
}

/** `首次响应时长（秒)` and `首次响应时长(秒)` and ` 首次响应时长 (秒) ` are one header. */
export function normalizeHeader(header: string): string {
  return halfWidth(header)
    .replace(/^\uFEFF/, '')
    .replace(/→|—>|－>/g, '->')
    .replace(/\s+/g, '')
    .toLowerCase();
}

const AGENT_ID = ['工号', '员工编号', '员工工号', '编号', 'agent_id', 'id'];
const NAME = ['姓名', '名字', '员工姓名', '客服姓名', 'name'];
const ACCOUNT = ['客服账号', '子账号', '旺旺昵称', '客服昵称', '账号', '客服', 'account'];

export const ROSTER_COLUMNS: readonly ColumnSpec[] = [
  { name: 'agent_id', aliases: AGENT_ID, required: true },
  { name: 'name', aliases: NAME, required: true },
  { name: 'accounts', aliases: [...ACCOUNT, 'accounts'], required: true },
  { name: 'group', aliases: ['岗位', '组别', '分组', '职能', 'group'], required: true },
  { name: 'team', aliases: ['团队', '小组', 'team'] },
  { name: 'employment', aliases: ['编制', '用工类型', '用工性质', 'employment'] },
  { name: 'level', aliases: ['职级', '级别', '等级', 'level'] },
  { name: 'base_salary', aliases: ['底薪', '基本工资', 'base_salary'] },
  { name: 'start_date', aliases: ['入职日期', '入职时间', 'start_date'] },
  { name: 'end_date', aliases: ['离职日期', '离职时间', 'end_date'] },
  { name: 'leader', aliases: ['组长工号', '组长', 'leader'] },
];

/**
 * The columns of every platform's per-agent export (shared/PLATFORMS.md: 生意参谋 自制报表 and 咨询接待分析,
 * 千牛, 赤兔, 抖店飞鸽, 拼多多, 京东, 快手). A unit or a window in brackets after a header is read off it
 * (headers.ts), so `平均人工响应时长（分钟）` and `3分钟人工回复率(8-23点)` need no alias of their own.
 */
export const STATS_COLUMNS: readonly ColumnSpec[] = [
  { name: 'account', aliases: [...ACCOUNT, '旺旺账号名称', '账号名称', '客服名称'], required: true },
  { name: 'date', aliases: ['日期', '统计日期', 'date'] },
  { name: 'consulted', aliases: ['咨询人数', '聊天人数', 'consulted'] },
  { name: 'received', aliases: ['接待人数', '人工接待人数', '已接待人数', '人工已接待人数', '接待量', 'received'] },
  { name: 'inquiries', aliases: ['询单人数', '售前接待人数', 'inquiries'] },
  { name: 'inquiries_ordered', aliases: ['询单->下单人数', '下单人数', '促成下单人数', 'inquiries_ordered'] },
  { name: 'inquiries_paid', aliases: ['询单->最终付款人数', '询单最终付款人数', '询单->付款人数', '支付人数', '最终成团人数', 'inquiries_paid'] },
  { name: 'conversion', aliases: ['询单->最终付款转化率', '询单最终付款转化率', '询单转化率', '询单->付款转化率', 'conversion'] },
  // 京东 reports what the agent's buyers ordered (促成下单商品金额): its only sales figure.
  { name: 'cs_sales', aliases: ['客服销售额', '询单最终付款金额', '销售额', '客服询单支付额', '促成下单商品金额', 'cs_sales'] },
  { name: 'cs_refunds', aliases: ['成功退款金额', '退款金额', 'cs_refunds'] },
  { name: 'cs_sales_net', aliases: ['去退销售额', '退款后销售额', 'cs_sales_net'] },
  { name: 'cs_orders', aliases: ['销售订单数', 'cs_orders'] },
  { name: 'cs_units', aliases: ['销售量', '销售件数', 'cs_units'] },
  { name: 'cs_buyers', aliases: ['销售人数', 'cs_buyers'] },
  { name: 'first_response_s', aliases: ['首次响应(秒)', '首次响应时长(秒)', '首次响应时长', '首次响应', '首响', '首响(秒)', '全天首响时长', '首次平均响应时间', 'first_response_s'] },
  {
    name: 'avg_response_s',
    aliases: ['平均响应(秒)', '平均响应时长(秒)', '平均响应时长', '平均响应', '平响', '平响(秒)', '全天平响时长', '工作时间平响时长', '新平均响应时长', '平均人工响应时长', '人工平均回复时长', 'avg_response_s'],
  },
  { name: 'answer_ratio', aliases: ['答问比', 'answer_ratio'] },
  { name: 'reply_rate', aliases: ['回复率', '旺旺回复率', 'reply_rate'] },
  { name: 'satisfaction', aliases: ['客户满意率', '满意率', '全天满意率', 'satisfaction'] },
  {
    name: 'fast_reply_rate',
    aliases: ['3分钟人工响应率', '3分钟人工回复率', '全天3分钟回复率', '工作时间3分钟回复率', '客服3分钟人工回复率', '三分钟回复率', '3分钟回复率', '3分钟响应率', 'fast_reply_rate'],
  },
  { name: 'reply_30s_rate', aliases: ['30秒应答率', '30s应答率', 'reply_30s_rate'] },
  { name: 'unreplied', aliases: ['未回复人数', 'unreplied'] },
  { name: 'slow_received', aliases: ['慢响应人数', '慢接待人数', 'slow_received'] },
  { name: 'service_score', aliases: ['客服服务分', 'service_score'] },
  { name: 'complaints', aliases: ['投诉数', 'complaints'] },
];

/** The columns that name the person a facts or adjustments row is about, in order of preference. */
export const KEY_COLUMNS: readonly ColumnSpec[] = [
  { name: 'agent_id', aliases: AGENT_ID },
  { name: 'name', aliases: NAME },
  { name: 'account', aliases: ACCOUNT },
];

export const ADJUSTMENT_COLUMNS: readonly ColumnSpec[] = [
  ...KEY_COLUMNS,
  { name: 'amount', aliases: ['金额', '调整金额', 'amount'], required: true },
  { name: 'reason', aliases: ['原因', '备注', '说明', 'reason'], required: true },
  { name: 'item', aliases: ['项目', '类别', '名目', 'item'] },
];

/**
 * Summary rows of an export (SPEC §1): not agents. The benchmarks (peer excellent, peer average) are
 * kept for the report; the rest are dropped.
 */
export const SUMMARY_LABELS: ReadonlySet<string> = new Set([
  '汇总', '均值', '平均', '合计', '总计', '汇总值', '平均值', '全店汇总值', '全店平均值', '店铺汇总值', '店铺平均值', '店铺总计',
]);
export const BENCHMARK_LABELS: ReadonlySet<string> = new Set(['同行同层优秀', '同行同层均值']);

const SHOP = ['店铺', '店铺名称', '店铺名', 'shop'];
const BUYER = ['买家', '买家会员名', '买家昵称', '买家账号', '顾客', '客户', 'buyer'];

export const MESSAGE_COLUMNS: readonly ColumnSpec[] = [
  { name: 'time', aliases: ['时间', '发送时间', '消息时间', '聊天时间', 'time'], required: true },
  { name: 'shop', aliases: SHOP, required: true },
  { name: 'account', aliases: ['客服账号', '客服', '子账号', '客服昵称', '旺旺昵称', 'account'], required: true },
  { name: 'buyer', aliases: BUYER, required: true },
  { name: 'sender', aliases: ['发送方', '发送者', '发送人', '发送人类型', '消息来源', 'sender'], required: true },
];

export const ORDER_COLUMNS: readonly ColumnSpec[] = [
  { name: 'order_id', aliases: ['订单编号', '订单号', '主订单编号', '订单id', 'order_id'], required: true },
  { name: 'shop', aliases: SHOP, required: true },
  { name: 'buyer', aliases: BUYER, required: true },
  { name: 'created_at', aliases: ['下单时间', '订单创建时间', '创建时间', 'created_at'], required: true },
  { name: 'paid_at', aliases: ['付款时间', '订单付款时间', '支付时间', 'paid_at'], required: true },
  { name: 'amount', aliases: ['实付金额', '买家实际支付金额', '实际支付金额', '支付金额', 'amount'], required: true },
  { name: 'sku', aliases: ['商家编码', '商品编码', '商家编码(sku)', 'sku'] },
  { name: 'quantity', aliases: ['数量', '购买数量', '宝贝数量', '商品数量', 'quantity'] },
  { name: 'refund', aliases: ['退款金额', '成功退款金额', 'refund'] },
  { name: 'bundle', aliases: ['套餐', '是否套餐', 'bundle'] },
  { name: 'credited_account', aliases: ['落实客服', '指定客服', 'credited_account'] },
];

/**
 * 淘宝's order export in its two files (已卖出的宝贝, shared/PLATFORMS.md): the 订单报表, one row per
 * order, gives who bought, when and what was paid; the 宝贝报表, one row per line, what was bought.
 * `--orders 订单报表 --order-lines 宝贝报表` joins them by 订单编号.
 */
const orderColumn = (name: string) => ORDER_COLUMNS.find((spec) => spec.name === name) as ColumnSpec;
const ORDER_STATUS: ColumnSpec = { name: 'status', aliases: ['订单状态', '交易状态', 'status'] };
export const ORDER_REPORT_COLUMNS: readonly ColumnSpec[] = [
  orderColumn('order_id'),
  { ...orderColumn('shop'), aliases: [...orderColumn('shop').aliases, '店铺名称'] },
  orderColumn('buyer'),
  { ...orderColumn('created_at'), aliases: [...orderColumn('created_at').aliases, '买家下单时间'] },
  { ...orderColumn('paid_at'), aliases: [...orderColumn('paid_at').aliases, '买家付款时间'] },
  { ...orderColumn('amount'), aliases: [...orderColumn('amount').aliases, '买家实付金额'] },
  ORDER_STATUS,
];
export const ORDER_LINE_COLUMNS: readonly ColumnSpec[] = [
  orderColumn('order_id'),
  { name: 'price', aliases: ['价格', '单价', '商品价格', 'price'], required: true },
  orderColumn('quantity'),
  orderColumn('sku'),
  orderColumn('refund'),
  ORDER_STATUS,
];

/** What the sender column may say (SPEC §1: buyer / agent / robot). Robots are ignored everywhere. */
export const SENDERS: ReadonlyMap<string, 'buyer' | 'agent' | 'robot'> = new Map([
  ...['买家', '顾客', '客户', 'buyer', 'customer'].map((s) => [s, 'buyer'] as const),
  ...['客服', '卖家', '商家', '人工', '人工客服', 'agent', 'seller'].map((s) => [s, 'agent'] as const),
  ...['机器人', '自动回复', '店小蜜', '智能客服', '机器人客服', 'robot', 'bot'].map((s) => [s, 'robot'] as const),
]);
