// Parse: which platform export a table is (shared/PLATFORMS.md), told by the headers only that
// export has, and what its file name says that the table does not (the period, 赤兔's attribution
// rule), and whether that period is the run's. Identification only: every export is read by the one
// alias table. Pure data and matching.
import { normalizeHeader } from './aliases.js';
import { parseDate } from './values.js';
import { issue, type Issue } from '../core/model/issues.js';
import { formatDay, monthPeriod, type DayNumber, type Period } from '../core/num/dates.js';

export interface Profile {
  readonly name: string;
  /** Any one of these sets of headers, all present, identifies the export. */
  readonly signatures: readonly (readonly string[])[];
}

const PROFILES: readonly Profile[] = [
  { name: '生意参谋 自制报表·客服绩效', signatures: [['旺旺昵称', '询单最终付款人数']] },
  { name: '生意参谋 咨询接待分析', signatures: [['旺旺昵称', '咨询人数', '未回复人数'], ['旺旺昵称', '慢响应人数']] },
  { name: '千牛 客服数据（按客服查看）', signatures: [['旺旺账号名称', '人工接待会话量'], ['旺旺账号名称', '3分钟人工响应率']] },
  { name: '赤兔 自定义报表', signatures: [['客服昵称', '聊天人数(原咨询人数)'], ['客服昵称', '上班天数']] },
  { name: '抖店飞鸽 客服表现', signatures: [['客服在线天数', '全天平响时长'], ['全天首响时长', '客服询单支付额']] },
  { name: '抖店飞鸽 客服表现（新版）', signatures: [['工作时间平响时长'], ['人工已接待人数', '新平均响应时长(秒)']] },
  { name: '拼多多 客服绩效', signatures: [['客服服务分'], ['最终成团人数', '询单流失人数']] },
  { name: '京东 咚咚 接待数据', signatures: [['促成下单商品金额'], ['30s应答率', '客服3分钟人工回复率']] },
  { name: '快手 客服_考核数据', signatures: [['三分钟回复率(会话)'], ['人工平均回复时长', '询单客单价']] },
  { name: '淘宝 订单报表', signatures: [['买家会员名', '订单付款时间', '买家实际支付金额']] },
  { name: '淘宝 宝贝报表', signatures: [['标题', '购买数量', '商家编码']] },
];

/** The platform export whose signature headers are all among these, or undefined. */
export function matchProfile(headers: readonly string[]): Profile | undefined {
  const present = new Set(headers.map(normalizeHeader));
  return PROFILES.find((profile) => profile.signatures.some((signature) => signature.every((h) => present.has(normalizeHeader(h)))));
}

export interface NameFacts {
  readonly from?: DayNumber;
  readonly to?: DayNumber;
  /** 赤兔's attribution rule: 付款判定, 下单优先判定, 下单判定. */
  readonly rule?: string;
}

/**
 * What an export's file name says: `…_20261001_20261031_全部.xlsx` (生意参谋), `…_下单优先判定_2026-10-01至2026-10-31.xlsx` (赤兔).
 */
export function nameFacts(name: string): NameFacts {
  const base = name.split(/[\\/]/).pop() ?? name;
  const day = (text: string) => {
    const result = parseDate(text);
    return result.kind === 'value' ? result.value : undefined;
  };
  const range = /(\d{8})_(\d{8})/.exec(base) ?? /(\d{4}-\d{2}-\d{2})\s*(?:至|~|～|_|到)\s*(\d{4}-\d{2}-\d{2})/.exec(base);
  const from = range ? day(range[1] as string) : undefined;
  const to = range ? day(range[2] as string) : undefined;
  const rule = /(下单优先判定|付款判定|下单判定)/.exec(base)?.[1];
  return { ...(from !== undefined && to !== undefined ? { from, to } : {}), ...(rule ? { rule } : {}) };
}

/**
 * A warning when the dates a file's name states are not the run's period: an export's figures cover
 * the days its name says (生意参谋 and 赤兔 write them nowhere else), so last month's file would pass
 * for this month's. Whether the name's range misses the period, covers part of it, or runs past it is
 * said. Nothing when the name has no dates or states the period exactly.
 */
export function namePeriodIssue(file: string, period: Period): Issue | undefined {
  const { from, to } = nameFacts(file);
  if (from === undefined || to === undefined || (from === period.first && to === period.last)) return undefined;
  // A quarter's or a year's inputs are its months' files: one whole month inside the period is in place.
  const month = monthPeriod(formatDay(from).slice(0, 7));
  if (month && month.first === from && month.last === to && from >= period.first && to <= period.last) return undefined;
  const overlap = to < period.first || from > period.last ? 'none' : from <= period.first && to >= period.last ? 'more' : 'part';
  return issue('FILE_PERIOD_MISMATCH', { from: formatDay(from), to: formatDay(to), first: formatDay(period.first), last: formatDay(period.last), overlap }, { file });
}
