// Unit tests of SPEC §2's metrics from raw chats and orders, one rule at a time, each on a month of a
// few messages and orders run through the whole CLI in-process (`report --format json`): the public
// behaviour, so that moving the code behind it (core/metrics/raw/raw-metrics.ts, chat-metrics.ts, attribution.ts)
// cannot change them. Every expected value was worked out by hand from SPEC §2 (the working is in the
// comment above it), never copied from the program's output. Counts and money are exact; a ratio is
// compared to the fraction worked out, to 12 places.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

// A001 甲 works two shops (店A and 店B); A002 乙 and A003 丙 one. agent_id order A001 < A002 breaks ties.
const ROSTER = `工号,姓名,客服账号,岗位
A001,甲,店A:甲|店B:甲,售前
A002,乙,店A:乙,售前
A003,丙,店A:丙,售前
`;

/** A scheme that scores one raw metric; `extra` adds top-level keys (day_starts_at, response, attribution). */
const scheme = (extra = ''): string => `name: raw-metrics unit
${extra}
groups:
  售前:
    kpi:
      - { metric: consulted, weight: 100, score: { linear: { zero_at: 0, full_at: 10 } } }
    pay:
      base: 0
`;

const SENDERS = new Set(['买家', '客服', '机器人', '自动回复']);

/**
 * One chat message, written `MM-DD HH:MM:SS account buyer sender`: the year is 2026; an account
 * without a shop (`甲`) is 店A's (`店A:甲`), and its shop is the part before the colon.
 */
function chat(line: string): string {
  const [day, time, who, buyer, sender, ...rest] = line.trim().split(/\s+/);
  if (!day || !time || !who || !buyer || !sender || !SENDERS.has(sender) || rest.length > 0) throw new Error(`bad chat line: ${line}`);
  const account = who.includes(':') ? who : `店A:${who}`;
  return `2026-${day} ${time},${account.split(':')[0]},${account},${buyer},${sender},…`;
}

interface Order {
  readonly id: string;
  readonly buyer: string;
  /** `MM-DD HH:MM:SS` of 2026. */
  readonly created: string;
  /** Defaults to `created`; '' = unpaid. */
  readonly paid?: string;
  readonly amount: string;
  readonly sku?: string;
  readonly quantity?: number;
  readonly refund?: string;
  readonly credited?: string;
}

function orderRow(o: Order): string {
  const stamp = (t: string) => (t === '' ? '' : `2026-${t}`);
  return [o.id, '店A', o.buyer, stamp(o.created), stamp(o.paid ?? o.created), o.amount, o.sku ?? 'X', o.quantity ?? 1, o.refund ?? '0', o.credited ?? ''].join(',');
}

type Metrics = Record<string, string | number>;
interface Report {
  readonly agents: ReadonlyMap<string, Metrics>;
  readonly team: Metrics;
  readonly warnings: readonly string[];
}

let runs = 0;
/** Run `kefu report` on a month of these messages (and orders, when given) and read its JSON. */
async function report(month: { messages: readonly string[]; orders?: readonly Order[]; extra?: string; period?: string }): Promise<Report> {
  const dir = mkdtempSync(join(tmpdir(), `kefu-raw-unit-${runs++}-`));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const args = [
    'report', '--scheme', file('scheme.yaml', scheme(month.extra)), '--period', month.period ?? '2026-10',
    '--roster', file('roster.csv', ROSTER),
    '--messages', file('messages.csv', `时间,店铺,客服账号,买家,发送方,内容\n${month.messages.map(chat).join('\n')}\n`),
    ...(month.orders ? ['--orders', file('orders.csv', `订单编号,店铺,买家会员名,订单创建时间,付款时间,实付金额,商家编码,数量,退款金额,落实客服\n${month.orders.map(orderRow).join('\n')}\n`)] : []),
    '--format', 'json', '--lang', 'en',
  ];
  const r = await runCli(args);
  if (r.code !== 0) throw new Error(`kefu ${args.join(' ')}\nexit ${r.code}\n${r.stderr}`);
  const json = JSON.parse(r.stdout) as { agents: { agent_id: string; metrics: Metrics }[]; team: Metrics; warnings: { code: string }[] };
  return { agents: new Map(json.agents.map((a) => [a.agent_id, a.metrics])), team: json.team, warnings: json.warnings.map((w) => w.code) };
}

function of(r: Report, agent: string): Metrics {
  const metrics = r.agents.get(agent);
  if (!metrics) throw new Error(`no agent ${agent} in the report`);
  return metrics;
}

/** The named metrics of an agent, for one toEqual: ratios and means within 12 places of the fraction. */
function expectMetrics(r: Report, agent: string, expected: Metrics): void {
  const actual = of(r, agent);
  for (const [name, value] of Object.entries(expected)) {
    if (typeof value === 'number' && !Number.isInteger(value)) expect(actual[name], `${agent} ${name}`).toBeCloseTo(value, 12);
    else expect(actual[name], `${agent} ${name}`).toBe(value);
  }
}

// A conversation of A003 on 10-20 that moves the end of the chat log two weeks past the questions
// above it, so that a question left unanswered there has waited past round_timeout_s (86400 s) and
// its round has expired unclosed — rather than being still open where the export ends.
const LATER = ['10-20 10:00:00 丙 z9 买家', '10-20 10:00:10 丙 z9 客服'];

describe('consultations (咨询)', () => {
  it('are one per (shop, agent, buyer, business day) with a buyer message, over all of an agent\'s accounts', async () => {
    const r = await report({
      messages: [
        '10-05 10:00:00 甲 b1 买家', '10-05 10:00:10 甲 b1 客服', // 店A b1 10-05: round 10 s
        '10-05 15:00:00 甲 b1 买家', '10-05 15:00:10 甲 b1 客服', //   the same day: the same consultation, a second round 10 s
        '10-06 09:00:00 甲 b1 买家', '10-06 09:00:20 甲 b1 客服', // 店A b1 10-06: a new day, a new consultation, 20 s
        '10-05 11:00:00 甲 b2 买家', '10-05 11:00:30 甲 b2 客服', // 店A b2 10-05: another buyer, 30 s
        '10-05 12:00:00 店B:甲 b1 买家', '10-05 12:00:40 店B:甲 b1 客服', // 店B b1 10-05: another shop, 40 s
        '10-05 13:00:00 乙 b1 买家', '10-05 13:00:50 乙 b1 客服', // A002's: another agent, 50 s
        '09-30 22:00:00 甲 b3 买家', '09-30 22:00:05 甲 b3 客服', // business day 09-30: not of the period
      ],
    });
    // A001: (店A,b1,10-05), (店A,b1,10-06), (店A,b2,10-05), (店B,b1,10-05) = 4, all received.
    //   first responses 10, 20, 30, 40 → 100/4 = 25; rounds 10, 10, 20, 30, 40 → 110/5 = 22;
    //   buyer messages 2 + 1 + 1 + 1 = 5, agent messages 5.
    expectMetrics(r, 'A001', { consulted: 4, received: 4, first_response_s: 25, avg_response_s: 22, buyer_messages: 5, agent_messages: 5 });
    // A002: one consultation, answered in 50 s.
    expectMetrics(r, 'A002', { consulted: 1, received: 1, first_response_s: 50 });
    expect(r.team.consulted).toBe(5);
  });

  it('follow day_starts_at: a business day runs from 08:00 to 08:00, and the period is of business days', async () => {
    const messages = [
      '10-05 07:59:00 甲 b2 买家', '10-05 07:59:10 甲 b2 客服',
      '10-05 08:00:00 甲 b2 买家', '10-05 08:00:10 甲 b2 客服',
      '10-10 23:00:00 甲 b3 买家', '10-10 23:00:10 甲 b3 客服',
      '10-11 01:00:00 甲 b3 买家', '10-11 01:00:10 甲 b3 客服',
      '11-01 07:30:00 甲 b4 买家', '11-01 07:30:10 甲 b4 客服',
    ];
    // 00:00: b2 10-05 (1), b3 10-10 and 10-11 (2), b4 11-01 is November → consulted 3, buyer messages 4.
    expectMetrics(await report({ messages }), 'A001', { consulted: 3, buyer_messages: 4, agent_messages: 4 });
    // 08:00: b2 07:59 is business day 10-04 and 08:00 is 10-05 (2); b3 23:00 and 01:00 are both 10-10 (1);
    //   b4 11-01 07:30 is business day 10-31, in October (1) → consulted 4, buyer messages 5, agent 5.
    expectMetrics(await report({ messages, extra: 'day_starts_at: "08:00"' }), 'A001', { consulted: 4, buyer_messages: 5, agent_messages: 5 });
  });

  it('ignore robot messages (机器人, 自动回复) in every metric', async () => {
    const r = await report({
      messages: [
        '10-05 10:00:00 甲 b1 买家',
        '10-05 10:00:01 甲 b1 机器人', // would close the round in 1 s if it counted
        '10-05 10:00:02 甲 b1 自动回复',
        '10-05 10:00:40 甲 b1 客服',
        '10-05 11:00:00 甲 b2 机器人', // b2 hears only from robots and never writes: nothing
        '10-05 11:00:05 甲 b2 自动回复',
      ],
    });
    // One consultation (b1), its one round 10:00:00 → 10:00:40 = 40 s; 1 buyer and 1 agent message.
    expectMetrics(r, 'A001', { consulted: 1, received: 1, first_response_s: 40, avg_response_s: 40, buyer_messages: 1, agent_messages: 1, answer_ratio: 1 });
  });

  it('count the agent\'s messages before the buyer\'s first of the day only in agent_messages; a day without a buyer message is nowhere', async () => {
    const r = await report({
      messages: [
        '10-05 09:00:00 甲 b1 客服', // before the buyer's first message: agent_messages only
        '10-05 09:10:00 甲 b1 客服', // likewise
        '10-05 10:00:00 甲 b1 买家',
        '10-05 10:00:30 甲 b1 客服', // closes the round: 30 s
        '10-06 09:00:00 甲 b1 客服', // b1 does not write on 10-06: no consultation, counts nowhere
        '10-07 09:00:00 甲 b2 客服', // b2 never writes: nothing
      ],
    });
    // consulted 1, first response 30 (from the buyer's 10:00, not the agent's 09:00), one round of 30 s,
    // agent messages 2 + 1 = 3, buyer 1 → answer_ratio 3.
    expectMetrics(r, 'A001', { consulted: 1, received: 1, first_response_s: 30, avg_response_s: 30, agent_messages: 3, buyer_messages: 1, answer_ratio: 3 });
  });
});

describe('rounds (轮次)', () => {
  it('open at the first unanswered buyer message and close at the next agent message', async () => {
    const r = await report({
      messages: [
        '10-05 10:00:00 甲 b1 买家', // opens R1
        '10-05 10:00:50 甲 b1 买家', // R1 is open: no new round
        '10-05 10:01:40 甲 b1 客服', // closes R1: 100 s (from 10:00:00, not 50 s from 10:00:50)
        '10-05 10:01:50 甲 b1 客服', // no round open: closes nothing
        '10-05 10:10:00 甲 b1 买家', // opens R2
        '10-05 10:14:00 甲 b1 客服', // closes R2: 240 s > 180, slow
      ],
    });
    // first 100; avg (100 + 240)/2 = 170; slow 1; fast 1/2; buyer 3, agent 3.
    expectMetrics(r, 'A001', { consulted: 1, received: 1, first_response_s: 100, avg_response_s: 170, slow_rounds: 1, fast_reply_rate: 0.5, buyer_messages: 3, agent_messages: 3 });
  });

  it('run across midnight into the day they opened, and at an equal time the buyer\'s message comes first', async () => {
    const r = await report({
      messages: [
        '10-09 23:59:00 甲 b1 买家',
        '10-10 00:00:30 甲 b1 客服', // closes the 10-09 round: 90 s; b1 has no consultation on 10-10
        '10-07 11:00:00 甲 b2 客服', // written before the buyer's row at the same second:
        '10-07 11:00:00 甲 b2 买家', //   the buyer's message counts first, so the agent's closes a 0 s round
      ],
    });
    // consultations b1 10-09 and b2 10-07 = 2, both received: first (90 + 0)/2 = 45, rounds 90 and 0 → 45;
    // agent messages 2 (the 00:00:30 one belongs to the 10-09 round's consultation), buyer 2.
    expectMetrics(r, 'A001', { consulted: 2, received: 2, first_response_s: 45, avg_response_s: 45, slow_rounds: 0, agent_messages: 2, buyer_messages: 2 });
  });

  it('expire after round_timeout_s without an agent message: the late answer closes nothing, the next question opens a new round', async () => {
    const r = await report({
      extra: 'response: { round_timeout_s: 600 }',
      messages: [
        '10-05 10:00:00 甲 b1 买家', // opens R1
        '10-05 10:11:00 甲 b1 客服', // 660 s > 600: R1 has expired; this closes nothing (an agent message of the day)
        '10-05 10:12:00 甲 b1 买家', // opens R2
        '10-05 10:13:00 甲 b1 客服', // closes R2: 60 s
        '10-06 10:00:00 甲 b2 买家', // opens R3
        '10-06 10:10:00 甲 b2 客服', // 600 s exactly is not more than 600: closes R3
      ],
    });
    // consulted 2; b1's first message was answered 660 s later, past the timeout → not received; b2 received
    // in 600 s → received 1, first_response_s 600, reply_rate 1/2. closed rounds R2 60, R3 600 → avg 330;
    // slow (> 180) R3 → 1; fast_reply_rate = R2 / (R1 expired, R2, R3) = 1/3. agent messages 3, buyer 3.
    expectMetrics(r, 'A001', {
      consulted: 2, received: 1, reply_rate: 0.5, first_response_s: 600, avg_response_s: 330, slow_rounds: 1, fast_reply_rate: 1 / 3, agent_messages: 3, buyer_messages: 3,
    });
  });
});

describe('first response (首问首答)', () => {
  it('is measured from the consultation\'s own first buyer message, whatever round is still open (08:05 into a round open since 07:50)', async () => {
    const messages = ['10-16 07:50:00 甲 c1 买家', '10-16 08:05:00 甲 c1 买家', '10-16 08:10:00 甲 c1 客服', ...LATER];
    // day_starts_at 08:00: 07:50 is business day 10-15, 08:05 is 10-16 → two consultations. One round,
    // 07:50 → 08:10 = 1200 s (slow), of 10-15, with its closing message. First responses: 10-15 1200 s,
    // 10-16 from its own 08:05 → 08:10 = 300 s → (1200 + 300)/2 = 750. buyer 2, agent 1, answer 1/2.
    expectMetrics(await report({ messages, extra: 'day_starts_at: "08:00"' }), 'A001', {
      consulted: 2, received: 2, first_response_s: 750, avg_response_s: 1200, slow_rounds: 1, fast_reply_rate: 0, buyer_messages: 2, agent_messages: 1, answer_ratio: 0.5,
    });
    // day_starts_at 00:00: one consultation (10-16), first message 07:50 → 1200 s.
    expectMetrics(await report({ messages }), 'A001', { consulted: 1, received: 1, first_response_s: 1200, avg_response_s: 1200 });
  });

  it('unreplied_as_s joins the means: once per consultation not received, once per unclosed round', async () => {
    const messages = [
      '10-05 10:00:00 甲 b1 买家', '10-05 10:01:00 甲 b1 客服', // 60 s
      '10-05 10:05:00 甲 b1 买家', '10-05 10:07:00 甲 b1 客服', // 120 s
      '10-06 10:00:00 甲 b2 买家', // never answered: not received, its round expires unclosed
      ...LATER,
    ];
    // Without it: first_response_s over the received only = 60; avg over closed rounds (60 + 120)/2 = 90.
    expectMetrics(await report({ messages }), 'A001', { consulted: 2, received: 1, reply_rate: 0.5, first_response_s: 60, avg_response_s: 90 });
    // unreplied_as_s 1800: first = (60 + 1800)/2 = 930; avg = (60 + 120 + 1800)/3 = 660; received stays 1
    // and slow_rounds 0 (only closed rounds are slow; 120 ≤ 180).
    expectMetrics(await report({ messages, extra: 'response: { unreplied_as_s: 1800 }' }), 'A001', {
      consulted: 2, received: 1, first_response_s: 930, avg_response_s: 660, slow_rounds: 0,
    });
  });
});

describe('slow rounds and fast_reply_rate (3分钟响应率)', () => {
  const messages = [
    '10-05 08:59:59 甲 b1 买家', '10-05 09:00:09 甲 b1 客服', // 10 s, opened before 09:00
    '10-05 09:00:00 甲 b2 买家', '10-05 09:01:00 甲 b2 客服', // 60 s, opened at 09:00 (start included)
    '10-05 12:00:00 甲 b3 买家', '10-05 12:01:01 甲 b3 客服', // 61 s
    '10-05 17:59:59 甲 b4 买家', '10-05 18:03:19 甲 b4 客服', // 200 s, opened inside 09:00-18:00
    '10-05 18:00:00 甲 b5 买家', '10-05 18:00:05 甲 b5 客服', // 5 s, opened at 18:00 (end excluded)
    '10-05 13:00:00 甲 b6 买家', // never answered: expires unclosed
    ...LATER,
  ];

  it('by default: slower than 180 s is slow, and every round opened all day counts', async () => {
    // closed rounds 10, 60, 61, 200, 5 → avg 336/5 = 67.2; slow (> 180): 200 → 1;
    // fast = within 180 s / all six rounds (b6 expired) = (10, 60, 61, 5) 4/6.
    expectMetrics(await report({ messages }), 'A001', { avg_response_s: 67.2, slow_rounds: 1, fast_reply_rate: 4 / 6 });
  });

  it('with slow_after_s 60 and hours "09:00-18:00": slow_rounds over all closed rounds, the rate over rounds opened inside the hours', async () => {
    const r = await report({ messages, extra: 'response: { slow_after_s: 60, hours: "09:00-18:00" }' });
    // slow (> 60 s): 61 and 200 → 2 (60 s is not slow). In the hours: b2 60 ✓, b3 61 ✗, b4 200 ✗,
    // b6 expired ✗ (b1 opened 08:59:59 and b5 18:00:00 are outside) → 1/4.
    expectMetrics(r, 'A001', { avg_response_s: 67.2, slow_rounds: 2, fast_reply_rate: 0.25 });
  });
});

describe('answer_ratio and reply_rate', () => {
  it('answer_ratio = agent messages / buyer messages over the consultations', async () => {
    const r = await report({
      messages: [
        '10-05 10:00:00 甲 b1 买家', '10-05 10:00:10 甲 b1 买家', '10-05 10:00:20 甲 b1 买家', '10-05 10:00:30 甲 b1 客服',
        '10-06 10:00:00 甲 b2 买家', '10-06 10:00:10 甲 b2 客服', '10-06 10:00:15 甲 b2 机器人', '10-06 10:00:20 甲 b2 客服',
        '10-07 10:00:00 甲 b3 客服', // no buyer message that day: nowhere
      ],
    });
    // agent 1 + 2 = 3, buyer 3 + 1 = 4 (the robot is neither) → 3/4.
    expectMetrics(r, 'A001', { agent_messages: 3, buyer_messages: 4, answer_ratio: 0.75 });
  });

  it('reply_rate = received / consulted', async () => {
    const r = await report({
      messages: [
        '10-05 10:00:00 甲 b1 买家', '10-05 10:00:20 甲 b1 客服',
        '10-05 11:00:00 甲 b2 买家', '10-05 11:00:20 甲 b2 客服',
        '10-05 12:00:00 甲 b3 买家', '10-05 12:00:20 甲 b3 客服',
        '10-06 10:00:00 甲 b4 买家', // never answered
        ...LATER,
      ],
    });
    // 3 of 4 consultations received → 0.75; first responses all 20 s.
    expectMetrics(r, 'A001', { consulted: 4, received: 3, reply_rate: 0.75, first_response_s: 20 });
  });
});

describe('attribution (落实)', () => {
  it('credits an order to an inquiry of the same or the previous business day (window_days 2), or of window_days − 1 days before', async () => {
    const messages = ['10-05 10:00:00 甲 b1 买家', '10-05 10:00:30 甲 b1 客服'];
    const orders: Order[] = [
      { id: 'O1', buyer: 'b1', created: '10-06 23:59:59', amount: '10.00' }, // basis day 10-06
      { id: 'O2', buyer: 'b1', created: '10-07 00:00:00', amount: '20.00' }, // basis day 10-07
    ];
    // window 2: O1 (10-06 ≤ 10-05 + 1) → A001; O2 (window 10-06..10-07) has no candidate → silent.
    let r = await report({ messages, orders });
    expectMetrics(r, 'A001', { inquiries: 1, inquiries_ordered: 1, inquiries_paid: 1, conversion: 1, cs_orders: 1, cs_buyers: 1, cs_sales: '10.00' });
    expect([r.team.shop_sales, r.team.silent_sales]).toEqual(['30.00', '20.00']);
    // window 1: the basis day only → both silent; the inquiry converts through nothing.
    r = await report({ messages, orders, extra: 'attribution: { window_days: 1 }' });
    expectMetrics(r, 'A001', { inquiries: 1, inquiries_ordered: 0, inquiries_paid: 0, conversion: 0, cs_orders: 0, cs_buyers: 0, cs_sales: '0.00' });
    expect([r.team.shop_sales, r.team.silent_sales]).toEqual(['30.00', '30.00']);
    // window 3: 10-05..10-07 → both to A001: 2 orders of 1 buyer, 30.00.
    r = await report({ messages, orders, extra: 'attribution: { window_days: 3 }' });
    expectMetrics(r, 'A001', { inquiries_paid: 1, cs_orders: 2, cs_buyers: 1, cs_sales: '30.00' });
    expect(r.team.silent_sales).toBe('0.00');
  });

  it('needs the inquiry\'s first buyer message by the basis time; an order just before the chat makes it after-sales', async () => {
    const messages = ['10-05 10:00:00 甲 b1 买家', '10-05 10:00:20 甲 b1 客服'];
    const orders: Order[] = [{ id: 'O1', buyer: 'b1', created: '10-05 09:59:59', amount: '10.00' }];
    // lookback 30 days: O1 was created 1 s before the first buyer message → after-sales, not an inquiry;
    // O1 has no candidate → silent.
    let r = await report({ messages, orders });
    expectMetrics(r, 'A001', { consulted: 1, inquiries: 0, cs_sales: '0.00' });
    expect(r.team.silent_sales).toBe('10.00');
    // lookback 0: an inquiry, but its first message (10:00:00) is after O1's basis (09:59:59) → still silent.
    r = await report({ messages, orders, extra: 'attribution: { after_sale_lookback_days: 0 }' });
    expectMetrics(r, 'A001', { inquiries: 1, inquiries_ordered: 0, conversion: 0, cs_sales: '0.00' });
    expect(r.team.silent_sales).toBe('10.00');
  });

  describe('between two agents', () => {
    const messages = [
      // bA: 甲 at 10:00, the order at 10:30, 乙 at 11:00.
      '10-05 10:00:00 甲 bA 买家', '10-05 10:00:20 甲 bA 客服',
      '10-05 11:00:00 乙 bA 买家', '10-05 11:00:30 乙 bA 客服',
      // bB: 甲 at 10:00, 乙 at 11:00, the order at 12:00, 甲 again at 12:30.
      '10-06 10:00:00 甲 bB 买家', '10-06 10:00:20 甲 bB 客服',
      '10-06 11:00:00 乙 bB 买家', '10-06 11:00:30 乙 bB 客服',
      '10-06 12:30:00 甲 bB 客服',
      // bC: both at the same times, 乙's rows first in the file.
      '10-07 10:00:00 乙 bC 买家', '10-07 10:00:10 乙 bC 客服',
      '10-07 10:00:00 甲 bC 买家', '10-07 10:00:10 甲 bC 客服',
    ];
    const orders: Order[] = [
      { id: 'O1', buyer: 'bA', created: '10-05 10:30:00', amount: '10.00' },
      { id: 'O2', buyer: 'bB', created: '10-06 12:00:00', amount: '20.00' },
      { id: 'O3', buyer: 'bC', created: '10-07 11:00:00', amount: '40.00' },
    ];
    // Inquiries: A001 bA, bB, bC = 3. A002 bB, bC = 2: its bA consultation (11:00) came 30 min after O1
    // was created, so it is after-sales.

    it('credit: last gives the order to the candidate whose last message at or before the basis time is latest; ties to the smaller agent_id', async () => {
      const r = await report({ messages, orders });
      // O1: 乙's bA chat starts after the order → the only candidate is A001.
      // O2: last messages by 12:00: A001 10:00:20 (its 12:30 message is after), A002 11:00:30 → A002.
      // O3: both last at 10:00:10 → the smaller agent_id, A001.
      expectMetrics(r, 'A001', { inquiries: 3, inquiries_paid: 2, cs_orders: 2, cs_buyers: 2, cs_sales: '50.00' });
      expectMetrics(r, 'A002', { inquiries: 2, inquiries_paid: 1, cs_orders: 1, cs_buyers: 1, cs_sales: '20.00' });
      expect(r.team.silent_sales).toBe('0.00');
    });

    it('credit: first gives it to the candidate whose first buyer message is earliest', async () => {
      const r = await report({ messages, orders, extra: 'attribution: { credit: first }' });
      // O1 → A001 (only candidate); O2 → A001 (10:00 < 11:00); O3 → tie at 10:00:00 → A001.
      expectMetrics(r, 'A001', { inquiries: 3, inquiries_paid: 3, conversion: 1, cs_orders: 3, cs_buyers: 3, cs_sales: '70.00' });
      expectMetrics(r, 'A002', { inquiries: 2, inquiries_paid: 0, conversion: 0, cs_orders: 0, cs_sales: '0.00' });
    });
  });

  it('credit: split shares an order equally to the fen, the extra fen to the smaller agent_id, units as fractions', async () => {
    const r = await report({
      extra: 'attribution: { credit: split }',
      messages: ['10-06 10:00:00 甲 bB 买家', '10-06 10:00:20 甲 bB 客服', '10-06 11:00:00 乙 bB 买家', '10-06 11:00:30 乙 bB 客服'],
      orders: [{ id: 'O2', buyer: 'bB', created: '10-06 12:00:00', amount: '100.01', quantity: 3, refund: '0.03' }],
    });
    // 10001 fen / 2 = 5000 r 1 → A001 50.01, A002 50.00; refund 3 fen → 2 + 1; units 3/2 each; each
    // counts the order and the buyer.
    expectMetrics(r, 'A001', { cs_sales: '50.01', cs_refunds: '0.02', cs_units: 1.5, cs_orders: 1, cs_buyers: 1, inquiries_paid: 1 });
    expectMetrics(r, 'A002', { cs_sales: '50.00', cs_refunds: '0.01', cs_units: 1.5, cs_orders: 1, cs_buyers: 1, inquiries_paid: 1 });
    expect([r.team.shop_sales, r.team.silent_sales]).toEqual(['100.01', '0.00']);
  });

  it('credited_account (落实客服) overrides the candidates, and credits an order that has none', async () => {
    const r = await report({
      messages: ['10-05 10:00:00 甲 b1 买家', '10-05 10:00:20 甲 b1 客服'],
      orders: [
        { id: 'O1', buyer: 'b1', created: '10-05 11:00:00', amount: '10.00', credited: '店A:乙' }, // A001's candidate, but 乙's by credit
        { id: 'O2', buyer: 'bx', created: '10-06 11:00:00', amount: '20.00', credited: '店A:甲' }, // bx never chatted
      ],
    });
    // A001: O2 only; its b1 inquiry converted through no order of its own.
    expectMetrics(r, 'A001', { inquiries: 1, inquiries_ordered: 0, inquiries_paid: 0, cs_orders: 1, cs_buyers: 1, cs_sales: '20.00' });
    expectMetrics(r, 'A002', { cs_orders: 1, cs_buyers: 1, cs_sales: '10.00' });
    expect(r.team.silent_sales).toBe('0.00');
  });

  it('basis: paid counts an order from its payment, and leaves an unpaid one unattributed', async () => {
    const messages = ['10-05 10:00:00 甲 b1 买家', '10-05 10:00:20 甲 b1 客服', '10-06 10:00:00 甲 b2 买家', '10-06 10:00:20 甲 b2 客服'];
    const orders: Order[] = [
      { id: 'O1', buyer: 'b1', created: '10-05 11:00:00', paid: '10-08 09:00:00', amount: '10.00' },
      { id: 'O2', buyer: 'b2', created: '10-06 11:00:00', paid: '', amount: '20.00' },
    ];
    // created: O1 → A001 (paid), O2 → A001 (unpaid: ordered, not paid, no sales); shop 10.00.
    let r = await report({ messages, orders });
    expectMetrics(r, 'A001', { inquiries: 2, inquiries_ordered: 2, inquiries_paid: 1, conversion: 0.5, cs_orders: 1, cs_sales: '10.00' });
    expect([r.team.shop_sales, r.team.silent_sales]).toEqual(['10.00', '0.00']);
    // paid: O1's basis day 10-08, window 10-07..10-08 → b1's 10-05 inquiry is too early → silent;
    // O2 has no basis time → attributed to no one, so b2's inquiry is not ordered.
    r = await report({ messages, orders, extra: 'attribution: { basis: paid }' });
    expectMetrics(r, 'A001', { inquiries: 2, inquiries_ordered: 0, inquiries_paid: 0, conversion: 0, cs_orders: 0, cs_sales: '0.00' });
    expect([r.team.shop_sales, r.team.silent_sales]).toEqual(['10.00', '10.00']);
  });

  it('converts an inquiry of the period\'s last day through an order of the next; the order\'s sales are the next period\'s', async () => {
    const month = {
      messages: ['10-31 22:00:00 甲 b1 买家', '10-31 22:00:20 甲 b1 客服'],
      orders: [{ id: 'O1', buyer: 'b1', created: '11-01 09:00:00', amount: '88.00' }],
    };
    // October: the 10-31 inquiry is paid (O1, basis day 11-01 = 10-31 + 1), but O1 is November's.
    const october = await report(month);
    expectMetrics(october, 'A001', { inquiries: 1, inquiries_ordered: 1, inquiries_paid: 1, conversion: 1, cs_orders: 0, cs_sales: '0.00' });
    expect(october.team.shop_sales).toBe('0.00');
    // November: O1's sales are A001's, with no inquiry of November.
    const november = await report({ ...month, period: '2026-11' });
    expectMetrics(november, 'A001', { inquiries: 0, cs_orders: 1, cs_buyers: 1, cs_sales: '88.00' });
    expect(november.team.shop_sales).toBe('88.00');
  });
});

describe('sales metrics', () => {
  it('cs_orders and cs_buyers are gross, cs_units leaves fully refunded lines out, aov = cs_sales / cs_buyers', async () => {
    const r = await report({
      messages: [
        '10-05 10:00:00 甲 b1 买家', '10-05 10:00:20 甲 b1 客服',
        '10-06 10:00:00 甲 b2 买家', '10-06 10:00:20 甲 b2 客服',
        '10-07 10:00:00 甲 b3 买家', '10-07 10:00:20 甲 b3 客服',
        '10-08 10:00:00 甲 b4 买家', '10-08 10:00:20 甲 b4 客服',
      ],
      orders: [
        { id: 'O1', buyer: 'b1', created: '10-05 11:00:00', amount: '100.00', sku: 'X', quantity: 2 },
        { id: 'O1', buyer: 'b1', created: '10-05 11:00:00', amount: '50.00', sku: 'Y', quantity: 1, refund: '50.00' }, // refunded in full
        { id: 'O1', buyer: 'b1', created: '10-05 11:00:00', amount: '40.00', sku: 'Z', quantity: 4, refund: '10.00' }, // in part
        { id: 'O2', buyer: 'b1', created: '10-05 12:00:00', amount: '30.00', quantity: 1, refund: '30.00' }, // the whole order refunded
        { id: 'O3', buyer: 'b2', created: '10-06 11:00:00', amount: '20.00', quantity: 1 },
        { id: 'O4', buyer: 'b3', created: '10-07 11:00:00', amount: '10.00', quantity: 1 },
        { id: 'O5', buyer: 'b4', created: '10-08 11:00:00', paid: '', amount: '1000.00', quantity: 1 }, // unpaid
      ],
    });
    // Paid orders O1 190.00, O2 30.00, O3 20.00, O4 10.00 → cs_orders 4 (O2 counts though refunded),
    // cs_buyers 3 (b1, b2, b3), cs_sales 250.00, cs_refunds 50 + 10 + 30 = 90.00, net 160.00;
    // cs_units: O1 2 + 4 (Y out), O2 0 (its line refunded in full), O3 1, O4 1 = 8;
    // aov 250.00 / 3 = 83.333… → 83.33. inquiries 4, ordered 4 (b4's unpaid O5 too), paid 3 → 0.75.
    expectMetrics(r, 'A001', {
      cs_orders: 4, cs_buyers: 3, cs_sales: '250.00', cs_refunds: '90.00', cs_sales_net: '160.00', cs_units: 8, aov: '83.33',
      inquiries: 4, inquiries_ordered: 4, inquiries_paid: 3, conversion: 0.75,
    });
    expect([r.team.shop_sales, r.team.silent_sales]).toEqual(['250.00', '0.00']);
  });

  it('silent sales: shop sales of the period that no agent is credited, an unknown account\'s included', async () => {
    const r = await report({
      messages: [
        '10-05 10:00:00 甲 b1 买家', '10-05 10:00:20 甲 b1 客服',
        '10-05 11:00:00 临时 b1 买家', '10-05 11:00:20 临时 b1 客服', // 店A:临时 is on no roster
        '10-06 10:00:00 甲 b2 买家', '10-06 10:00:20 甲 b2 客服',
      ],
      orders: [
        { id: 'O1', buyer: 'b1', created: '10-05 12:00:00', amount: '40.00' }, // last: 临时 (11:00:20 > 10:00:20) → no one's
        { id: 'O2', buyer: 'b2', created: '10-06 11:00:00', amount: '50.00' }, // → A001
        { id: 'O3', buyer: 'bx', created: '10-10 10:00:00', amount: '30.00' }, // bx never chatted → silent
        { id: 'O4', buyer: 'bx', created: '09-30 23:59:59', amount: '1000.00' }, // September
        { id: 'O5', buyer: 'bx', created: '11-01 00:00:00', amount: '2000.00' }, // November
        { id: 'O6', buyer: 'bx', created: '10-12 10:00:00', paid: '', amount: '500.00' }, // unpaid
      ],
    });
    // shop_sales = O1 40 + O2 50 + O3 30 = 120.00; A001 50.00; silent = 120 − 50 = 70.00; cs_share 50/120.
    expectMetrics(r, 'A001', { inquiries: 2, inquiries_paid: 1, cs_orders: 1, cs_sales: '50.00' });
    expect([r.team.shop_sales, r.team.silent_sales, r.team.cs_sales]).toEqual(['120.00', '70.00', '50.00']);
    expect(r.team.cs_share).toBeCloseTo(50 / 120, 12);
    expect(r.warnings).toContain('UNKNOWN_ACCOUNT');
  });
});
