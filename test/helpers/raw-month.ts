// Test helper: a generated raw month (chat log and order report) of a given shape, small enough for a
// test and seeded so that a failing case can be rerun: rows in conversation or time order, few or many
// buyers, short or long conversations, orders from buyers who never chatted, robots, an account the
// roster does not know, refunds, business days that start at 08:00 with questions asked before it.
import { random } from './random.js';

export interface Shape {
  readonly order: 'conversation' | 'time';
  readonly buyers: number;
  readonly turns: readonly [number, number];
  /** Share of orders from buyers who never chatted. */
  readonly strangers: number;
  /** Quoted line breaks inside message contents (which may put a thread's cut inside a quote). */
  readonly breaks: boolean;
}

export const SHAPES: Readonly<Record<string, Shape>> = {
  conversation: { order: 'conversation', buyers: 2000, turns: [1, 5], strangers: 0, breaks: false },
  time: { order: 'time', buyers: 2000, turns: [1, 5], strangers: 0, breaks: false },
  'many-buyers': { order: 'conversation', buyers: 12000, turns: [1, 2], strangers: 0.4, breaks: false },
  long: { order: 'conversation', buyers: 300, turns: [10, 40], strangers: 0, breaks: false },
  'line-breaks': { order: 'time', buyers: 2000, turns: [1, 4], strangers: 0.1, breaks: true },
};

export interface RawMonth {
  readonly roster: string;
  readonly messages: string;
  readonly orders: string;
}

export function rawMonth(shape: Shape, messages: number, seed: number): RawMonth {
  const next = random(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const agents = Array.from({ length: 12 }, (_, i) => ({ id: `K${String(i + 1).padStart(3, '0')}`, account: `${i % 2 ? '专卖店' : '旗舰店'}:客服${i + 1}`, shop: i % 2 ? '专卖店' : '旗舰店' }));
  // The last agent's account is not on the roster: its numbers are the shop's.
  const roster = ['工号,姓名,客服账号,岗位', ...agents.slice(0, -1).map((a, i) => `${a.id},客服${i + 1},${a.account},${i % 4 === 3 ? '售后' : '售前'}`)].join('\n') + '\n';
  const two = (n: number) => String(n).padStart(2, '0');
  const start = Date.UTC(2026, 8, 30, 20) / 1000; // from the evening before the period
  const stamp = (t: number) => {
    const d = new Date((start + t) * 1000);
    return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  };
  const text = (i: number) => (shape.breaks && i % 3 === 0 ? `"第${i}句, 有""引号""\n和换行"` : `"第${i}句, 有""引号"""`);
  const rows: { t: number; line: string }[] = [];
  const talks: [number, number, number][] = [];
  while (rows.length < messages) {
    const a = agents[int(0, agents.length - 1)] as (typeof agents)[number];
    const b = int(0, shape.buyers - 1);
    let t = int(0, 32 * 86400);
    if (next() < 0.3) talks.push([agents.indexOf(a), b, t]);
    if (next() < 0.3) rows.push({ t: t + 1, line: `${stamp(t + 1)},${a.shop},${a.account},买家${b},机器人,欢迎光临` });
    for (let turn = int(shape.turns[0], shape.turns[1]); turn > 0; turn--) {
      rows.push({ t, line: `${stamp(t)},${a.shop},${a.account},买家${b},买家,${text(rows.length)}` });
      t += next() < 0.05 ? int(200, 100000) : int(1, 90);
      if (next() < 0.93) rows.push({ t, line: `${stamp(t)},${a.shop},${a.account},买家${b},客服,${text(rows.length)}` });
      t += int(10, 900);
    }
  }
  if (shape.order === 'time') rows.sort((x, y) => x.t - y.t);
  const orders: string[] = ['订单编号,店铺,买家会员名,订单创建时间,付款时间,实付金额,商家编码,数量,退款金额'];
  let stranger = shape.buyers;
  for (let o = 0; o < messages / 5; o++) {
    const [a, b, t] = talks[int(0, talks.length - 1)] as [number, number, number];
    const buyer = next() < shape.strangers ? stranger++ : b;
    const created = t + int(30, 2 * 86400);
    const paid = next() < 0.9 ? stamp(created + int(5, 900)) : '';
    for (let k = int(1, 3); k > 0; k--) {
      const amount = int(99, 8999);
      const refund = next() < 0.05 ? amount : next() < 0.05 ? Math.floor(amount / 3) : 0;
      orders.push(`O${o},${(agents[a] as (typeof agents)[number]).shop},买家${buyer},${stamp(created)},${paid},${amount}.${two(int(0, 99))},${next() < 0.3 ? 'TC-' : 'E'}${int(1, 9)},${int(1, 3)},${refund}.00`);
    }
  }
  return { roster, messages: `时间,店铺,客服账号,买家,发送方,内容\n${rows.map((r) => r.line).join('\n')}\n`, orders: `${orders.join('\n')}\n` };
}
