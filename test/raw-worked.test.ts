// A hand-worked example of SPEC §2 from RAW data: a tiny chat log (聊天记录) and order report, run
// end to end through the CLI (`report --messages … --orders …`) under several scheme variants.
// Every figure asserted below was computed BY HAND from SPEC.md §1–§2 (the working is in the
// comments), never copied from the program's output. Money is compared as the JSON's two-decimal
// strings, counts as numbers, ratios and seconds with toBeCloseTo.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

// Two 售前 agents in one shop 店A. A001 < A002 (ties and the extra fen of a split go to A001).
const ROSTER = `工号,姓名,客服账号,岗位
A001,张三,店A:张三,售前
A002,李四,店A:李四,售前
A003,王五,店A:王五,售前
`;

// The chat log. Message numbers (#n) are referred to in the working below. 内容 is quoted: it
// holds commas (ASCII and full-width) and doubled quotes. Rows are deliberately NOT in time order
// (A002's conversations come first, and #3/#2 are swapped): the order of rows must not matter.
const MESSAGES = `时间,店铺,客服账号,买家,发送方,内容
2026-10-09 23:59:00,店A,店A:李四,b3,买家,"今天下单，明天能发吗?"
2026-10-10 00:00:30,店A,店A:李四,b3,客服,"可以的, 明天一早发"
2026-10-10 09:00:00,店A,店A:李四,b3,买家,"好的谢谢"
2026-10-10 09:00:10,店A,店A:李四,b3,客服,"不客气"
2026-10-08 11:00:00,店A,店A:李四,b5,买家,"我的快递到哪了, 三天了"
2026-10-08 11:02:00,店A,店A:李四,b5,客服,"已经到您所在城市了"
2026-10-12 09:30:00,店A,店A:李四,b4,客服,"亲，您的优惠券明天到期哦"
2026-10-12 09:40:00,店A,店A:李四,b4,买家,"什么优惠券?"
2026-10-12 09:41:00,店A,店A:李四,b4,客服,"满100减10的, ""全店通用"""
2026-10-13 10:00:00,店A,店A:李四,b4,客服,"亲，还在考虑吗"
2026-10-15 11:00:00,店A,店A:李四,b6,买家,"套餐二现在有优惠吗"
2026-10-15 11:00:30,店A,店A:李四,b6,客服,"今天下单送滤芯"
2026-10-20 10:00:00,店A,店A:李四,b8,买家,"这个能用在E80上吗"
2026-10-20 10:00:40,店A,店A:李四,b8,客服,"可以的"
2026-10-05 10:00:00,店A,店A:张三,b1,买家,"在吗"
2026-10-05 10:00:30,店A,店A:张三,b1,买家,"这款有货吗，""E80""还有吗？"
2026-10-05 10:00:01,店A,店A:张三,b1,机器人,"您好，我是店小蜜, 有什么可以帮您？"
2026-10-05 10:01:00,店A,店A:张三,b1,买家,"发什么快递, 顺丰吗"
2026-10-05 10:01:40,店A,店A:张三,b1,客服,"有货的亲，默认中通, 可以加钱发顺丰"
2026-10-05 10:05:00,店A,店A:张三,b1,买家,"好的"
2026-10-05 10:09:00,店A,店A:张三,b1,客服,"亲，还有什么可以帮您"
2026-10-06 14:00:00,店A,店A:张三,b2,买家,"能便宜点吗"
2026-10-10 10:00:00,店A,店A:张三,b7,买家,"这个尺码偏大吗"
2026-10-10 10:00:15,店A,店A:张三,b7,客服,"偏大半码, 建议拍小一码"
2026-10-15 10:00:00,店A,店A:张三,b6,买家,"套餐一和套餐二有什么区别"
2026-10-15 10:00:20,店A,店A:张三,b6,客服,"套餐一多一个滤芯"
2026-10-25 10:00:00,店A,店A:张三,b9,买家,"可以开发票吗"
2026-10-25 10:01:00,店A,店A:张三,b9,客服,"可以的"
2026-10-16 07:50:00,店A,店A:王五,c1,买家,"晚上能送货吗"
2026-10-16 08:05:00,店A,店A:王五,c1,买家,"有人吗"
2026-10-16 08:10:00,店A,店A:王五,c1,客服,"在的，晚上八点前都能送"
2026-10-17 09:00:00,店A,店A:王五,c2,买家,"能开专票吗"
2026-10-18 08:30:00,店A,店A:王五,c2,买家,"还在吗"
2026-10-18 09:10:00,店A,店A:王五,c2,客服,"可以开专票"
2026-10-25 09:30:00,店A,店A:王五,c3,买家,"发票抬头写错了"
`;
// Message numbering used below (time order per conversation):
//  A001 / b1: #1 10-05 10:00:00 buyer · #2 10:00:01 ROBOT · #3 10:00:30 buyer · #4 10:01:00 buyer
//             #5 10:01:40 agent · #6 10:05:00 buyer · #7 10:09:00 agent
//  A001 / b2: #8 10-06 14:00:00 buyer (never answered)
//  A001 / b7: #9 10-10 10:00:00 buyer · #10 10:00:15 agent
//  A001 / b6: #11 10-15 10:00:00 buyer · #12 10:00:20 agent
//  A001 / b9: #13 10-25 10:00:00 buyer · #14 10:01:00 agent
//  A002 / b3: #15 10-09 23:59:00 buyer · #16 10-10 00:00:30 agent · #17 10-10 09:00:00 buyer
//             #18 10-10 09:00:10 agent
//  A002 / b5: #19 10-08 11:00:00 buyer · #20 11:02:00 agent
//  A002 / b4: #21 10-12 09:30:00 agent (agent-first) · #22 09:40:00 buyer · #23 09:41:00 agent
//             #24 10-13 10:00:00 agent (no buyer message that day)
//  A002 / b6: #25 10-15 11:00:00 buyer · #26 11:00:30 agent
//  A002 / b8: #27 10-20 10:00:00 buyer · #28 10:00:40 agent
//  A003 / c1: #29 10-16 07:50:00 buyer · #30 10-16 08:05:00 buyer · #31 10-16 08:10:00 agent
//  A003 / c2: #32 10-17 09:00:00 buyer · #33 10-18 08:30:00 buyer · #34 10-18 09:10:00 agent
//  A003 / c3: #35 10-25 09:30:00 buyer (never answered; the log's last message is #14, 10-25 10:01:00)
//  (A003's buyers c1, c2, c3 have no orders: A003 matters only for the service metrics.)

// The order report. Several lines with the same 订单编号 are one order. 付款时间 empty = unpaid.
const ORDERS = `订单编号,店铺,买家会员名,订单创建时间,付款时间,实付金额,商家编码,数量,退款金额
OZ,店A,bz,2026-10-01 03:00:00,2026-10-01 03:00:00,30.00,Z-1,1,0
O5,店A,b5,2026-10-03 10:00:00,2026-10-03 10:05:00,60.00,X-5,1,0
O1,店A,b1,2026-10-05 10:30:00,2026-10-05 10:31:00,299.00,E80-1,1,0
O1,店A,b1,2026-10-05 10:30:00,2026-10-05 10:31:00,200.00,TC-02,2,0
O2,店A,b2,2026-10-06 15:00:00,,50.00,X-2,1,0
O7a,店A,b7,2026-10-11 23:59:59,2026-10-11 23:59:59,40.00,X-7,1,0
O7b,店A,b7,2026-10-12 00:00:00,2026-10-12 00:00:00,70.00,X-7,1,0
O6,店A,b6,2026-10-15 12:00:00,2026-10-15 12:01:00,100.01,TC-01,3,0
O8,店A,b8,2026-10-21 09:00:00,2026-10-23 09:00:00,150.00,TC-05,1,0
O8,店A,b8,2026-10-21 09:00:00,2026-10-23 09:00:00,50.00,Y-1,1,50.00
O9,店A,b9,2026-10-25 11:00:00,2026-10-25 11:05:00,80.00,X-9,2,80.00
OW,店A,bw,2026-11-01 03:00:00,2026-11-01 03:00:00,20.00,Z-1,1,0
`;

// A minimal scheme: one group, one KPI metric (weight 100), base 0, one per_unit commission
// (first match wins: TC-01 → 12, any other TC-* → 10; other SKUs match nothing → 0). No factor
// bands: the factor is 1. `extra` adds the variant's top-level keys.
const scheme = (name: string, extra: string): string => `name: 原始数据手算 ${name}
bundles: ["TC-*"]
${extra}
groups:
  售前:
    kpi:
      - { metric: consulted, weight: 100, score: { linear: { zero_at: 0, full_at: 10 } } }
    pay:
      base: 0
      commission:
        - { name: 套餐单件提成, per_unit: { "TC-01": 12, "TC-*": 10 } }
`;

const VARIANTS = {
  // all defaults: day_starts_at 00:00, basis created, window_days 2, credit last, lookback 30,
  // slow_after_s 180, unreplied_as_s null, round_timeout_s 86400
  base: scheme('base', ''),
  unreplied: scheme('unreplied', 'response: { unreplied_as_s: 1800 }'),
  first: scheme('first', 'attribution: { credit: first }'),
  split: scheme('split', 'attribution: { credit: split }'),
  paid: scheme('paid', 'attribution: { basis: paid }'),
  day08: scheme('day08', 'day_starts_at: "08:00"'),
  day08unreplied: scheme('day08unreplied', 'day_starts_at: "08:00"\nresponse: { unreplied_as_s: 1800 }'),
  hours: scheme('hours', 'response: { hours: "10:00-14:00", slow_after_s: 60 }'),
} as const;
type Variant = keyof typeof VARIANTS;

// ---------------------------------------------------------------------------------------------
// The hand computation (SPEC §2)
// ---------------------------------------------------------------------------------------------
//
// ## Consultations, rounds, messages (the same in every variant except `unreplied`)
//
// A consultation = (shop, agent, buyer, business day) with ≥ 1 buyer message. Robot messages are
// ignored everywhere. Rounds run per (shop, agent, buyer) in time order: a buyer message opens a
// round if none is open, the next agent message closes it.
//
// A001 (店A:张三)
//   C1 b1 on 10-05:
//     #1 10:00:00 buyer opens R1. #2 10:00:01 is the ROBOT (店小蜜): ignored — it does NOT close R1
//     (if it did, R1 would be 1 s). #3 10:00:30 and #4 10:01:00 are buyer messages while R1 is
//     open: no new round. #5 10:01:40 agent closes R1: 10:01:40 − 10:00:00 = 100 s (response from
//     the FIRST of the three buyer messages, not 70 s from #3 nor 40 s from #4).
//     #6 10:05:00 buyer opens R2; #7 10:09:00 agent closes it: 240 s (> 180: a slow round).
//     buyer messages 4 (#1 #3 #4 #6), agent messages 2 (#5 #7); received (R1 closed), first 100.
//   C2 b2 on 10-06: #8 14:00:00 buyer opens R3; A001 never writes to b2 again: R3 expires unclosed
//     after 86400 s. buyer 1, agent 0; NOT received.
//   C3 b7 on 10-10: #9 → #10 = 15 s. buyer 1, agent 1; received, first 15.
//   C4 b6 on 10-15: #11 → #12 = 20 s. buyer 1, agent 1; received, first 20.
//   C5 b9 on 10-25: #13 → #14 = 60 s. buyer 1, agent 1; received, first 60.
//   consulted = 5; received = 4 (C1 C3 C4 C5); reply_rate = 4/5 = 0.8
//   first_response_s = (100 + 15 + 20 + 60) / 4 = 195/4 = 48.75
//   closed rounds: 100, 240, 15, 20, 60 → avg_response_s = 435/5 = 87; slow_rounds = 1 (240)
//   buyer_messages = 4 + 1 + 1 + 1 + 1 = 8; agent_messages = 2 + 0 + 1 + 1 + 1 = 5
//   answer_ratio = 5/8 = 0.625
//
// A002 (店A:李四)
//   C6 b5 on 10-08: #19 → #20 = 120 s (not slow: 120 ≤ 180). buyer 1, agent 1.
//   C7 b3 on 10-09: #15 23:59:00 buyer opens R; #16 10-10 00:00:30 agent closes it, a day later:
//     60 s to midnight + 30 s = 90 s (not slow: 90 ≤ 180). The round belongs to the day it OPENED
//     (10-09), and so does its closing agent message #16. buyer 1, agent 1; received, first 90.
//     (SPEC §2's own example: "a question at 23:59:00 answered at 00:00:30 is a 90-second round".)
//   C8 b3 on 10-10: #17 09:00:00 buyer opens, #18 09:00:10 closes: 10 s. buyer 1, agent 1 (#16 is
//     NOT an agent-first message of 10-10: it belongs to C7). received, first 10.
//   C9 b4 on 10-12: #21 09:30 agent BEFORE the buyer's first message that day: counts only in
//     agent_messages (opens/closes nothing). #22 09:40 buyer opens, #23 09:41 closes: 60 s.
//     buyer 1, agent 2 (#21 #23); received, first 60.
//   (b4 on 10-13: #24 agent only, no buyer message that day → no consultation, #24 counts nowhere.)
//   C10 b6 on 10-15: #25 → #26 = 30 s. buyer 1, agent 1.
//   C11 b8 on 10-20: #27 → #28 = 40 s. buyer 1, agent 1.
//   consulted = 6; received = 6; reply_rate = 1
//   first_response_s = (120 + 90 + 10 + 60 + 30 + 40) / 6 = 350/6 = 58.333…
//   closed rounds = the same six → avg_response_s = 350/6; slow_rounds = 0 (longest 120 s)
//   buyer_messages = 6; agent_messages = 1 + 1 + 1 + 2 + 1 + 1 = 7; answer_ratio = 7/6
//
// Variant `unreplied` (unreplied_as_s: 1800): the not-received consultation C2 adds 1800 to the
// first-response mean and the unclosed round R3 adds 1800 to the round mean (READING: "adds that
// value to first_response_s" = the value joins the mean as one more term, so the denominators become
// consulted and closed + unclosed rounds):
//   A001 first_response_s = (195 + 1800) / 5 = 1995/5 = 399
//   A001 avg_response_s   = (435 + 1800) / 6 = 2235/6 = 372.5
//   slow_rounds stays 1 (only CLOSED rounds are slow); received stays 4. A002 unchanged.
//
// Variant `day08` (day_starts_at 08:00): every message is at or after 09:00 except #15 (10-09 23:59,
// business day 10-09) and #16 (10-10 00:00:30 → business day 10-09 too), so the consultations and
// all service metrics are the same as above.
//
// A003 (店A:王五): first responses are the consultation's OWN, whatever round is open (SPEC §2).
//   c1: #29 10-16 07:50 buyer opens R1 · #30 08:05 buyer (R1 still open) · #31 08:10 agent closes R1:
//       1200 s (slow: > 180).
//   c2: #32 10-17 09:00 buyer opens R2 · #33 10-18 08:30 buyer (R2 open 23.5 h: no new round) ·
//       #34 10-18 09:10 agent: R2 has waited 24 h 10 min > round_timeout_s 86400 → R2 EXPIRED
//       unclosed before #34, which closes nothing. #34 belongs to its own day's consultation.
//   c3: #35 10-25 09:30 buyer opens R4 and nothing follows. The chat log ends at 10-25 10:01:00 (#14),
//       31 min later: R4 has not waited past round_timeout_s, so it is UNDECIDED (its answer may lie
//       past the export) and counts in no round metric: not closed, not unclosed, not in
//       fast_reply_rate. Its consultation is consulted and not received.
//   Variant base (day starts 00:00): consultations c1 10-16 (first 07:50), c2 10-17 (09:00),
//     c2 10-18 (08:30), c3 10-25 (09:30) → consulted 4.
//     c1 10-16: first response 07:50 → #31 08:10 = 1200 s, received.
//     c2 10-17: the next agent message #34 comes 24 h 10 min after 09:00 > 86400 → NOT received.
//     c2 10-18: 08:30 → #34 09:10 = 2400 s, received — though the round it was written into expired
//       before the answer (the old reading, "the round its first message falls in", left it unreceived).
//     received 2, first_response_s = (1200 + 2400) / 2 = 1800; reply_rate 2/4
//     closed rounds: R1 1200 → avg_response_s 1200, slow_rounds 1
//     buyer_messages 5 (#29 #30 #32 #33 #35); agent_messages 2 (#31 closes R1 → c1; #34 → c2 10-18);
//     answer_ratio 2/5 = 0.4. inquiries 4 (no orders). fast_reply_rate 0/2 = 0 (R1 slow, R2 expired;
//     R4 undecided).
//   Variant day08 (day starts 08:00): #29 07:50 is business day 10-15 — c1 splits in two:
//     c1 10-15 (first 07:50), c1 10-16 (first 08:05), c2 10-17, c2 10-18, c3 10-25 → consulted 5.
//     c1 10-15: 07:50 → 08:10 = 1200 s. c1 10-16: its OWN first message 08:05 → 08:10 = 300 s (not
//       the 1200 s of the round left open from the day before, which counts once, in c1 10-15).
//     c2 10-17 not received; c2 10-18 2400 s.
//     received 3, first_response_s = (1200 + 300 + 2400) / 3 = 1300; reply_rate 3/5
//     avg_response_s 1200 (R1, a round of 10-15), slow_rounds 1; buyer 5, agent 2 (#31 → c1 10-15,
//     #34 → c2 10-18); answer_ratio 0.4; inquiries 5.
//   Variant unreplied (1800, day 00:00): the two consultations not received (c2 10-17, c3 10-25) add
//     1800 each: first = (1200 + 2400 + 1800 + 1800) / 4 = 1800;
//     avg = (1200 + 1800) / 2 = 1500 (R2 unclosed; R4 undecided — counting it would give 1600).
//   Variant day08unreplied: first = (1200 + 300 + 2400 + 1800 + 1800) / 5 = 1500; avg = 1500.
//
// ## fast_reply_rate (3分钟响应率) = rounds closed within slow_after_s / rounds opened (closed or
//   not), counting rounds opened inside response.hours (start included, end excluded).
//   Default hours 00:00-24:00, slow_after_s 180:
//     A001: R1 100 ✓, R2 240 ✗, R3 (b2, never answered) ✗, b7 15 ✓, b6 20 ✓, b9 60 ✓ → 4/6
//     A002: 120 ✓, 90 ✓, 10 ✓, 60 ✓, 30 ✓, 40 ✓ → 6/6 = 1;  A003: 0/2 = 0
//   Variant hours ("10:00-14:00", slow_after_s 60):
//     A001: R1 opened 10-05 10:00:00 (start INCLUDED) 100 > 60 ✗; R2 10:05 240 ✗; R3 opened 14:00:00
//       (end EXCLUDED: not counted); b7 10:00 15 ✓; b6 10:00 20 ✓; b9 10:00 60 ✓ (60 ≤ 60 is within)
//       → 3/5 = 0.6. slow_rounds (> 60): 100, 240 → 2.
//     A002: b5 11:00 120 ✗; b3 23:59, b3 09:00, b4 09:40 outside; b6 11:00 30 ✓; b8 10:00 40 ✓
//       → 2/3. slow_rounds: 120, 90 → 2.
//     A003: R1 07:50 and R2 09:00 both outside (R4 undecided) → no round counted → no value (not 0).
//
// ## Inquiries (after_sale_lookback_days 30, on orders CREATED before the first buyer message)
//   A001: b1 (O1 is created at 10:30, after #1), b2, b7, b6, b9 have no earlier order → 5 inquiries.
//   A002: b5 has O5 created 10-03, 5 days before C6 (10-08 11:00) → C6 is AFTER-SALES, not an inquiry.
//         C7 b3, C8 b3, C9 b4, C10 b6, C11 b8 → 5 inquiries.
//   (no buyer writes again after one of their own orders, so nothing else is after-sales)
//
// ## Orders (amount Σ lines; "paid" = 付款时间 present)
//   OZ  bz 10-01 03:00 created & paid  30.00  Z-1 ×1                         (bz never chats)
//   O5  b5 10-03 10:00 / paid 10:05    60.00  X-5 ×1                         (before b5's chat)
//   O1  b1 10-05 10:30 / paid 10:31   499.00  E80-1 ×1 299.00 + TC-02 ×2 200.00 (bundle line)
//   O2  b2 10-06 15:00 / UNPAID        50.00  X-2 ×1
//   O7a b7 10-11 23:59:59 c&p          40.00  X-7 ×1
//   O7b b7 10-12 00:00:00 c&p          70.00  X-7 ×1
//   O6  b6 10-15 12:00 / paid 12:01   100.01  TC-01 ×3 (bundle)
//   O8  b8 10-21 09:00 / paid 10-23 09:00  200.00  TC-05 ×1 150.00 + Y-1 ×1 50.00 refund 50.00 (in full)
//   O9  b9 10-25 11:00 / paid 11:05    80.00  X-9 ×2, refund 80.00 (the only line, refunded in full)
//   OW  bw 11-01 03:00 c&p             20.00  Z-1 ×1                         (bw never chats)
//
// ## Attribution, variant `base` (basis created, window 2 = basis day or the day before, credit last)
//   OZ  basis 10-01 03:00 (day 10-01, in period): bz has no inquiry → no candidate → SILENT 30.00
//   O5  basis 10-03: b5's only consultation (10-08) is later, and after-sales anyway → SILENT 60.00
//   O1  basis 10-05 10:30: candidates = A001's C1 (day 10-05, first buyer msg 10:00 ≤ 10:30) → A001
//   O2  basis 10-06 15:00: A001's C2 (14:00 ≤ 15:00) → A001, but unpaid: in inquiries_ordered only
//   O7a basis 10-11 23:59:59, day 10-11: window days 10-10..10-11; A001's C3 (10-10) → A001
//   O7b basis 10-12 00:00:00, day 10-12 (midnight edge): window 10-11..10-12; C3 is on 10-10 →
//       no candidate → SILENT 70.00
//   O6  basis 10-15 12:00: candidates A001's C4 (first buyer msg 10:00, last message ≤ 12:00 is #12
//       10:00:20) and A002's C10 (first 11:00, last #26 11:00:30).
//       credit last → the latest last message: A002 (11:00:30 > 10:00:20)
//   O8  basis 10-21 09:00 (created), day 10-21: window 10-20..10-21; A002's C11 (10-20 10:00) → A002
//   O9  basis 10-25 11:00: A001's C5 → A001
//   OW  basis 11-01 03:00: day 11-01 → not in the period (not in shop_sales)
//
//   shop_sales = Σ paid amount of the period's orders (O2 unpaid, OW in November excluded)
//     = 30.00 + 60.00 + 499.00 + 40.00 + 70.00 + 100.01 + 200.00 + 80.00 = 1079.01
//
//   A001 credited: O1, O2 (unpaid), O7a, O9. Paid: O1, O7a, O9.
//     cs_orders = 3 (O1, O7a, O9: orders are GROSS, like cs_sales — O9, refunded in full later,
//       still counts; its refund is in cs_refunds)
//     cs_buyers = 3 (b1, b7, b9)
//     cs_units = O1 1 + 2 = 3, O7a 1 → 4 (O9's 2 units excluded: its only line is refunded in full,
//       and per_unit pays on units)
//     aov = cs_sales / cs_buyers = 619.00 / 3 = 206.333… → "206.33" (both gross; counting only the
//       two orders that stand would give 309.50, mixing gross sales with net buyers)
//     cs_sales = 499.00 + 40.00 + 80.00 = 619.00 (the fully refunded O9 STILL counts in cs_sales)
//     cs_refunds = 80.00 (O9); cs_sales_net = 619.00 − 80.00 = 539.00
//     bundle_sales = TC-02 line of O1 = 200.00
//     inquiries_ordered: C1 (O1 10:30 ≥ 10:00, same day), C2 (O2 15:00 ≥ 14:00, same day),
//       C3 (O7a day 10-11 ≤ 10-10 + 1), C5 (O9) → 4; C4 not (O6 went to A002)
//     inquiries_paid: C1, C3, C5 → 3 (O2 unpaid; O9, refunded in full, was paid).
//     conversion = 3/5 = 0.6
//   A002 credited: O6, O8 (both paid).
//     cs_orders = 2; cs_buyers = 2 (b6, b8)
//     cs_units = O6 3 + O8 TC-05 1 = 4 (the Y-1 line refunded in full is excluded)
//     cs_sales = 100.01 + 200.00 = 300.01; cs_refunds = 50.00; cs_sales_net = 250.01
//     bundle_sales = TC-01 100.01 + TC-05 150.00 = 250.01
//     inquiries_ordered: C10 (O6), C11 (O8) → 2; inquiries_paid 2; conversion = 2/5 = 0.4
//   silent_sales = shop_sales − Σ cs_sales = 1079.01 − (619.00 + 300.01) = 160.00
//     check: silent orders OZ 30.00 + O5 60.00 + O7b 70.00 = 160.00 ✓
//
// ## Variant `first` (credit first): O6 → the candidate whose FIRST buyer message is earliest:
//   A001 (C4 10:00:00 < C10 11:00:00). Everything else as `base`.
//   A001: cs_orders 4, cs_buyers 4 (b1 b7 b9 b6), cs_units 4 + 3 = 7, cs_sales 619.00 + 100.01 = 719.01,
//         cs_refunds 80.00, bundle_sales 200.00 + 100.01 = 300.01,
//         inquiries_ordered 5 (C4 too), inquiries_paid 4, conversion 4/5 = 0.8
//   A002: cs_orders 1, cs_buyers 1, cs_units 1, cs_sales 200.00, cs_refunds 50.00,
//         bundle_sales 150.00, inquiries_ordered 1, inquiries_paid 1, conversion 1/5 = 0.2
//   shop_sales 1079.01; silent_sales = 1079.01 − (719.01 + 200.00) = 160.00
//
// ## Variant `split` (credit split): O6 in equal shares to A001 and A002.
//   100.01 = 10001 fen; 10001 / 2 = 5000 rest 1 → the extra fen to the smaller agent_id:
//   A001 50.01, A002 50.00 (sum 100.01 ✓). Refund 0 → 0.00 each. Units 3/2 = 1.5 each.
//   A001: cs_orders 4, cs_buyers 4, cs_units 4 + 1.5 = 5.5, cs_sales 619.00 + 50.01 = 669.01,
//         cs_refunds 80.00, bundle_sales 200.00 + 50.01 = 250.01,
//         inquiries_ordered 5, inquiries_paid 4, conversion 0.8
//   A002: cs_orders 2, cs_buyers 2, cs_units 1 + 1.5 = 2.5, cs_sales 200.00 + 50.00 = 250.00,
//         cs_refunds 50.00, bundle_sales 150.00 + 50.00 = 200.00,
//         inquiries_ordered 2, inquiries_paid 2, conversion 0.4
//   shop_sales 1079.01; silent_sales = 1079.01 − (669.01 + 250.00) = 160.00
//   (READING: cs_units of a split order is quantity / n, a fraction, as SPEC's last §2 paragraph says.)
//
// ## Per-unit commission (payroll), per_unit { TC-01: 12, TC-*: 10 }, factor 1, base 0.
//   SKU lines credited paid: O1 TC-02 ×2 (A001), O6 TC-01 ×3, O8 TC-05 ×1 (A002 unless noted);
//   no other SKU matches a pattern (→ 0, so refunded non-TC lines do not matter).
//   TC-01 matches "TC-01" first → 12 (not 10: first match wins).
//   last:  A001 = 2 × 10 = 20.00;               A002 = 3 × 12 + 1 × 10 = 46.00
//   first: A001 = 2 × 10 + 3 × 12 = 56.00;      A002 = 1 × 10 = 10.00
//   split: A001 = 2 × 10 + 1.5 × 12 = 38.00;    A002 = 1.5 × 12 + 1 × 10 = 28.00
//
// ## Variant `paid` (basis paid, credit last, day 00:00)
//   OZ paid 10-01 03:00 → silent 30.00; O5 paid 10-03 → silent 60.00
//   O1 paid 10-05 10:31 → A001 (C1); O7a paid 10-11 23:59:59 → A001; O7b paid 10-12 00:00 → silent
//   O2 UNPAID → no basis time under `paid`: not attributed, so C2 is NOT ordered
//   O6 paid 10-15 12:01 → last → A002
//   O8 paid 10-23 09:00, basis day 10-23: window 10-22..10-23; C11 is on 10-20 → SILENT 200.00
//     (under `created` it went to A002: basis 10-21)
//   O9 paid 10-25 11:05 → A001; OW paid 11-01 → not in the period
//   shop_sales = 1079.01 (same orders are in October)
//   A001: cs_orders 3, cs_buyers 3, cs_units 4, cs_sales 619.00, cs_refunds 80.00, bundle_sales 200.00,
//         inquiries_ordered 3 (C1 C3 C5), inquiries_paid 3, conversion 3/5 = 0.6
//   A002: cs_orders 1, cs_buyers 1, cs_units 3, cs_sales 100.01, cs_refunds 0.00, bundle_sales 100.01,
//         inquiries_ordered 1 (C10), inquiries_paid 1, conversion 1/5 = 0.2
//   silent_sales = 1079.01 − (619.00 + 100.01) = 360.00 (= OZ 30 + O5 60 + O7b 70 + O8 200 ✓)
//
// ## Variant `day08` (day_starts_at "08:00", basis created, credit last)
//   A business day runs 08:00 → 08:00 next day.
//   OZ created 10-01 03:00 → business day 09-30 → NOT in the period (out of shop_sales)
//   O7a 10-11 23:59:59 → business day 10-11 → A001 (C3, day 10-10, within window)
//   O7b 10-12 00:00:00 → business day 10-11 (before 08:00) → window 10-10..10-11 → C3 is a candidate
//       (first buyer msg 10-10 10:00 ≤ basis) → A001 (silent under 00:00)
//   OW created 11-01 03:00 → business day 10-31 → IN the period; no candidate → SILENT 20.00
//   the others as `base` (all between 08:00 and 24:00).
//   shop_sales = 60.00 + 499.00 + 40.00 + 70.00 + 100.01 + 200.00 + 80.00 + 20.00 = 1069.01
//   A001: O1, O7a, O7b, O9 (+ O2 unpaid): cs_orders 4 (O1 O7a O7b O9), cs_buyers 3 (b1, b7, b9: O7a and O7b
//         have the same buyer), cs_units 3 + 1 + 1 = 5, cs_sales 499 + 40 + 70 + 80 = 689.00,
//         cs_refunds 80.00, bundle_sales 200.00, inquiries_ordered 4, inquiries_paid 3 (C3 counts
//         once though two orders convert it), conversion 0.6
//   A002: as `base`: cs_sales 300.01 …
//   silent_sales = 1069.01 − (689.00 + 300.01) = 80.00 (= O5 60 + OW 20 ✓)

// ---------------------------------------------------------------------------------------------

interface ReportAgent {
  agent_id: string;
  metrics: Record<string, string | number>;
}
interface ReportJson {
  agents: ReportAgent[];
  team: Record<string, string | number>;
  warnings: { code: string; message: string }[];
}
interface PayrollJson {
  agents: { agent_id: string; lines: { kind: string; name: string; amount: string }[]; total: string }[];
  total: string;
}

/** "1234.50" → 123450 fen, exactly (no float). */
function fen(amount: string | number | undefined): bigint {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(String(amount));
  if (!m) throw new Error(`not a two-decimal money string: ${String(amount)}`);
  const value = BigInt(m[2] as string) * 100n + BigInt(m[3] as string);
  return m[1] === '-' ? -value : value;
}

let dir: string;
const reports = {} as Record<Variant, ReportJson>;
const payrolls = {} as Record<'base' | 'first' | 'split', PayrollJson>;
const argsOf = {} as Record<Variant, string[]>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kefu-raw-worked-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text, 'utf8');
    return path;
  };
  const roster = file('roster.csv', ROSTER);
  const messages = file('messages.csv', MESSAGES);
  const orders = file('orders.csv', ORDERS);
  for (const [variant, text] of Object.entries(VARIANTS) as [Variant, string][]) {
    const args = ['--scheme', file(`scheme-${variant}.yaml`, text), '--period', '2026-10', '--roster', roster, '--messages', messages, '--orders', orders, '--format', 'json', '--lang', 'en'];
    argsOf[variant] = args;
    const r = await runCli(['report', ...args]);
    if (r.code !== 0) throw new Error(`report ${variant}: exit ${r.code}\n${r.stderr}`);
    reports[variant] = JSON.parse(r.stdout) as ReportJson;
    if (variant === 'base' || variant === 'first' || variant === 'split') {
      const p = await runCli(['payroll', ...args]);
      if (p.code !== 0) throw new Error(`payroll ${variant}: exit ${p.code}\n${p.stderr}`);
      payrolls[variant] = JSON.parse(p.stdout) as PayrollJson;
    }
  }
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const m = (variant: Variant, id: string): Record<string, string | number> => {
  const a = reports[variant].agents.find((x) => x.agent_id === id);
  if (!a) throw new Error(`no agent ${id} in the ${variant} report`);
  return a.metrics;
};

/** The sales-side metrics of one agent in one variant, all hand-computed above. */
interface Sales {
  inquiries_ordered: number;
  inquiries_paid: number;
  conversion: number;
  cs_orders: number;
  cs_buyers: number;
  cs_units: number;
  cs_sales: string;
  cs_refunds: string;
  bundle_sales: string;
}
function expectSales(variant: Variant, id: string, s: Sales): void {
  const x = m(variant, id);
  expect(x.inquiries, `${variant} ${id} inquiries`).toBe(5);
  expect(x.inquiries_ordered, `${variant} ${id} inquiries_ordered`).toBe(s.inquiries_ordered);
  expect(x.inquiries_paid, `${variant} ${id} inquiries_paid`).toBe(s.inquiries_paid);
  expect(x.conversion as number, `${variant} ${id} conversion`).toBeCloseTo(s.conversion, 10);
  expect(x.cs_orders, `${variant} ${id} cs_orders`).toBe(s.cs_orders);
  expect(x.cs_buyers, `${variant} ${id} cs_buyers`).toBe(s.cs_buyers);
  expect(x.cs_units as number, `${variant} ${id} cs_units`).toBeCloseTo(s.cs_units, 10);
  expect(x.cs_sales, `${variant} ${id} cs_sales`).toBe(s.cs_sales);
  expect(x.cs_refunds, `${variant} ${id} cs_refunds`).toBe(s.cs_refunds);
  expect(x.bundle_sales, `${variant} ${id} bundle_sales`).toBe(s.bundle_sales);
}

function expectTeam(variant: Variant, shop: string, silent: string): void {
  const r = reports[variant];
  expect(r.team.shop_sales, `${variant} shop_sales`).toBe(shop);
  expect(r.team.silent_sales, `${variant} silent_sales`).toBe(silent);
  // Σ agents' cs_sales + silent_sales = shop_sales, to the fen
  const sum = r.agents.reduce((s, a) => s + fen(a.metrics.cs_sales), 0n);
  expect(sum + fen(r.team.silent_sales), `${variant} Σ cs_sales + silent = shop`).toBe(fen(r.team.shop_sales));
}

// Service metrics, identical in base, first, split, paid and day08.
const SERVICE_A001 = { consulted: 5, received: 4, first_response_s: 195 / 4, avg_response_s: 87, slow_rounds: 1, buyer_messages: 8, agent_messages: 5, reply_rate: 0.8, answer_ratio: 5 / 8 };
const SERVICE_A002 = { consulted: 6, received: 6, first_response_s: 350 / 6, avg_response_s: 350 / 6, slow_rounds: 0, buyer_messages: 6, agent_messages: 7, reply_rate: 1, answer_ratio: 7 / 6 };
function expectService(variant: Variant, id: string, s: typeof SERVICE_A001): void {
  const x = m(variant, id);
  expect(x.consulted, `${variant} ${id} consulted`).toBe(s.consulted);
  expect(x.received, `${variant} ${id} received`).toBe(s.received);
  expect(x.first_response_s as number, `${variant} ${id} first_response_s`).toBeCloseTo(s.first_response_s, 9);
  expect(x.avg_response_s as number, `${variant} ${id} avg_response_s`).toBeCloseTo(s.avg_response_s, 9);
  expect(x.slow_rounds, `${variant} ${id} slow_rounds`).toBe(s.slow_rounds);
  expect(x.buyer_messages, `${variant} ${id} buyer_messages`).toBe(s.buyer_messages);
  expect(x.agent_messages, `${variant} ${id} agent_messages`).toBe(s.agent_messages);
  expect(x.reply_rate as number, `${variant} ${id} reply_rate`).toBeCloseTo(s.reply_rate, 10);
  expect(x.answer_ratio as number, `${variant} ${id} answer_ratio`).toBeCloseTo(s.answer_ratio, 10);
}

describe('raw worked example: chats (consultations, rounds, messages)', () => {
  it('A001: robot ignored, three buyer messages make one 100 s round, one unreplied consultation', () => {
    const x = m('base', 'A001');
    expect(x.consulted).toBe(5); // C1 b1, C2 b2, C3 b7, C4 b6, C5 b9
    expect(x.received).toBe(4); // C2 (b2) never answered
    expect(x.first_response_s as number).toBeCloseTo(48.75, 9); // (100 + 15 + 20 + 60) / 4; robot would make it 1 s
    expect(x.avg_response_s as number).toBeCloseTo(87, 9); // (100 + 240 + 15 + 20 + 60) / 5
    expect(x.slow_rounds).toBe(1); // 240 s > 180
    expect(x.buyer_messages).toBe(8); // 4 + 1 + 1 + 1 + 1 (robot #2 not counted anywhere)
    expect(x.agent_messages).toBe(5); // 2 + 0 + 1 + 1 + 1
    expect(x.reply_rate as number).toBeCloseTo(0.8, 10); // 4/5
    expect(x.answer_ratio as number).toBeCloseTo(0.625, 10); // 5/8
  });

  it('A002: a 23:59 question answered at 00:00:30 is a 90 s round of the day it opened; agent-first message only in agent_messages', () => {
    const x = m('base', 'A002');
    expect(x.consulted).toBe(6); // C6 b5, C7 b3 10-09, C8 b3 10-10, C9 b4, C10 b6, C11 b8 (b4 on 10-13: none)
    expect(x.received).toBe(6);
    expect(x.first_response_s as number).toBeCloseTo(350 / 6, 9); // (120 + 90 + 10 + 60 + 30 + 40) / 6
    expect(x.avg_response_s as number).toBeCloseTo(350 / 6, 9); // the same six closed rounds
    expect(x.slow_rounds).toBe(0); // longest 120 s ≤ 180
    expect(x.buyer_messages).toBe(6);
    expect(x.agent_messages).toBe(7); // 1 + 1 + 1 + 2 (#21 agent-first, #23) + 1 + 1; #24 (10-13) nowhere
    expect(x.reply_rate as number).toBeCloseTo(1, 10);
    expect(x.answer_ratio as number).toBeCloseTo(7 / 6, 10);
  });

  it('unreplied_as_s: 1800 counts the unreplied consultation and its unclosed round in both means', () => {
    const x = m('unreplied', 'A001');
    expect(x.consulted).toBe(5);
    expect(x.received).toBe(4);
    expect(x.first_response_s as number).toBeCloseTo(399, 9); // (195 + 1800) / 5
    expect(x.avg_response_s as number).toBeCloseTo(372.5, 9); // (435 + 1800) / 6
    expect(x.slow_rounds).toBe(1); // only closed rounds
    expectService('unreplied', 'A002', SERVICE_A002); // nothing unreplied: unchanged
  });

  it('the service metrics do not depend on attribution, and not on day_starts_at here', () => {
    for (const v of ['base', 'first', 'split', 'paid', 'day08'] as const) {
      expectService(v, 'A001', SERVICE_A001);
      expectService(v, 'A002', SERVICE_A002);
    }
  });

  it('inquiries: the after-sales buyer b5 (order 5 days before) is not an inquiry', () => {
    expect(m('base', 'A001').inquiries).toBe(5);
    expect(m('base', 'A002').inquiries).toBe(5); // 6 consultations − C6 (b5, after-sales)
  });
});

describe('raw worked example: first responses are the consultation\'s own', () => {
  const service = (variant: Variant) => {
    const x = m(variant, 'A003');
    return { consulted: x.consulted, received: x.received, first: x.first_response_s, avg: x.avg_response_s, slow: x.slow_rounds, buyer: x.buyer_messages, agent: x.agent_messages };
  };
  it('a round left open from the day before: the new day\'s consultation waits only from its own first message (day 08:00)', () => {
    const d = service('day08');
    expect(d.consulted).toBe(5); // c1 10-15, c1 10-16, c2 10-17, c2 10-18, c3 10-25
    expect(d.received).toBe(3);
    expect(d.first as number).toBeCloseTo(1300, 9); // (1200 + 300 + 2400) / 3; the old reading gave 1600
    expect(d.avg as number).toBeCloseTo(1200, 9); // the one closed round, counted once
    expect(d.slow).toBe(1);
    expect(d.buyer).toBe(5);
    expect(d.agent).toBe(2);
    expect(m('day08', 'A003').inquiries).toBe(5);
  });
  it('a consultation written into a round that expires before the answer is still received (day 00:00)', () => {
    const b = service('base');
    expect(b.consulted).toBe(4);
    expect(b.received).toBe(2); // c1 10-16 (1200 s) and c2 10-18 (2400 s); c2 10-17 waited past the timeout
    expect(b.first as number).toBeCloseTo(1800, 9); // (1200 + 2400) / 2
    expect(b.avg as number).toBeCloseTo(1200, 9);
    expect(b.slow).toBe(1);
    expect(b.buyer).toBe(5);
    expect(b.agent).toBe(2);
    expect(m('base', 'A003').reply_rate as number).toBeCloseTo(2 / 4, 10);
    expect(m('base', 'A003').answer_ratio as number).toBeCloseTo(0.4, 10);
  });
  it('unreplied_as_s joins the consultation\'s own first response and the expired round', () => {
    expect(m('unreplied', 'A003').first_response_s as number).toBeCloseTo(1800, 9); // (1200 + 2400 + 1800 + 1800) / 4
    // R2 expired (1800 joins the mean); R4, asked 31 min before the log ends, is undecided: not 1600.
    expect(m('unreplied', 'A003').avg_response_s as number).toBeCloseTo(1500, 9); // (1200 + 1800) / 2
    expect(m('day08unreplied', 'A003').first_response_s as number).toBeCloseTo(1500, 9); // (1200 + 300 + 2400 + 1800 + 1800) / 5
    expect(m('day08unreplied', 'A003').avg_response_s as number).toBeCloseTo(1500, 9);
  });
});

describe('raw worked example: fast_reply_rate (3分钟响应率)', () => {
  it('all day, slow_after_s 180: rounds closed within 180 s over every round opened, expired ones too', () => {
    expect(m('base', 'A001').fast_reply_rate as number).toBeCloseTo(4 / 6, 10);
    expect(m('base', 'A002').fast_reply_rate as number).toBeCloseTo(1, 10);
    expect(m('base', 'A003').fast_reply_rate as number).toBeCloseTo(0, 10);
  });
  it('hours 10:00-14:00 (start in, end out) and slow_after_s 60 (60 s is within)', () => {
    expect(m('hours', 'A001').fast_reply_rate as number).toBeCloseTo(3 / 5, 10);
    expect(m('hours', 'A002').fast_reply_rate as number).toBeCloseTo(2 / 3, 10);
    expect(m('hours', 'A003').fast_reply_rate).toBeUndefined(); // no round opened inside the hours
    expect(m('hours', 'A001').slow_rounds).toBe(2);
    expect(m('hours', 'A002').slow_rounds).toBe(2);
  });
});

describe('raw worked example: attribution and sales', () => {
  it('base (created, last, 00:00): O6 to A002 (latest last message), O7b silent past midnight, O9 refunded in full', () => {
    expectSales('base', 'A001', {
      inquiries_ordered: 4, // C1, C2 (unpaid O2), C3, C5
      inquiries_paid: 3, // C1, C3, C5
      conversion: 3 / 5,
      cs_orders: 3, // O1, O7a, O9 (gross: O9, refunded in full, counts)
      cs_buyers: 3, // b1, b7, b9
      cs_units: 4, // 1 + 2 + 1
      cs_sales: '619.00', // 499.00 + 40.00 + 80.00 (O9 still in)
      cs_refunds: '80.00',
      bundle_sales: '200.00', // TC-02 line of O1
    });
    expect(m('base', 'A001').cs_sales_net).toBe('539.00'); // 619.00 − 80.00
    expect(m('base', 'A001').aov).toBe('206.33'); // 619.00 / 3 gross buyers (not 619.00 / 2 = 309.50)
    expectSales('base', 'A002', {
      inquiries_ordered: 2, // C10 (O6), C11 (O8)
      inquiries_paid: 2,
      conversion: 2 / 5,
      cs_orders: 2, // O6, O8
      cs_buyers: 2, // b6, b8
      cs_units: 4, // 3 + 1 (Y-1 refunded in full excluded)
      cs_sales: '300.01', // 100.01 + 200.00
      cs_refunds: '50.00',
      bundle_sales: '250.01', // TC-01 100.01 + TC-05 150.00
    });
    expect(m('base', 'A002').cs_sales_net).toBe('250.01');
    expectTeam('base', '1079.01', '160.00'); // silent OZ 30 + O5 60 + O7b 70
  });

  it('credit: first gives O6 to A001 (earliest first buyer message)', () => {
    expectSales('first', 'A001', {
      inquiries_ordered: 5,
      inquiries_paid: 4,
      conversion: 4 / 5,
      cs_orders: 4,
      cs_buyers: 4,
      cs_units: 7,
      cs_sales: '719.01',
      cs_refunds: '80.00',
      bundle_sales: '300.01',
    });
    expectSales('first', 'A002', {
      inquiries_ordered: 1,
      inquiries_paid: 1,
      conversion: 1 / 5,
      cs_orders: 1,
      cs_buyers: 1,
      cs_units: 1,
      cs_sales: '200.00',
      cs_refunds: '50.00',
      bundle_sales: '150.00',
    });
    expectTeam('first', '1079.01', '160.00');
  });

  it('credit: split divides 100.01 into 50.01 (A001, smaller agent_id) and 50.00, and 3 units into 1.5 each', () => {
    expectSales('split', 'A001', {
      inquiries_ordered: 5,
      inquiries_paid: 4,
      conversion: 4 / 5,
      cs_orders: 4, // each agent counts the split order
      cs_buyers: 4,
      cs_units: 5.5, // 4 + 3/2
      cs_sales: '669.01', // 619.00 + 50.01
      cs_refunds: '80.00',
      bundle_sales: '250.01', // 200.00 + 50.01
    });
    expectSales('split', 'A002', {
      inquiries_ordered: 2,
      inquiries_paid: 2,
      conversion: 2 / 5,
      cs_orders: 2,
      cs_buyers: 2,
      cs_units: 2.5, // 1 + 3/2
      cs_sales: '250.00', // 200.00 + 50.00
      cs_refunds: '50.00',
      bundle_sales: '200.00', // 150.00 + 50.00
    });
    expectTeam('split', '1079.01', '160.00');
  });

  it('basis: paid — O8 paid two days after its inquiry falls out of the window; unpaid O2 is not attributed', () => {
    expectSales('paid', 'A001', {
      inquiries_ordered: 3, // C1, C3, C5 (O2 has no basis time)
      inquiries_paid: 3,
      conversion: 3 / 5,
      cs_orders: 3,
      cs_buyers: 3,
      cs_units: 4,
      cs_sales: '619.00',
      cs_refunds: '80.00',
      bundle_sales: '200.00',
    });
    expectSales('paid', 'A002', {
      inquiries_ordered: 1, // C10 only
      inquiries_paid: 1,
      conversion: 1 / 5,
      cs_orders: 1,
      cs_buyers: 1,
      cs_units: 3,
      cs_sales: '100.01',
      cs_refunds: '0.00',
      bundle_sales: '100.01',
    });
    expectTeam('paid', '1079.01', '360.00'); // OZ 30 + O5 60 + O7b 70 + O8 200
  });

  it('day_starts_at 08:00: orders at 00:00 and 03:00 belong to the previous business day', () => {
    expectSales('day08', 'A001', {
      inquiries_ordered: 4,
      inquiries_paid: 3,
      conversion: 3 / 5,
      cs_orders: 4, // O1, O7a, O7b (O7b now on business day 10-11, inside the window), O9
      cs_buyers: 3, // b1, b7, b9
      cs_units: 5,
      cs_sales: '689.00', // 499 + 40 + 70 + 80
      cs_refunds: '80.00',
      bundle_sales: '200.00',
    });
    expectSales('day08', 'A002', {
      inquiries_ordered: 2,
      inquiries_paid: 2,
      conversion: 2 / 5,
      cs_orders: 2,
      cs_buyers: 2,
      cs_units: 4,
      cs_sales: '300.01',
      cs_refunds: '50.00',
      bundle_sales: '250.01',
    });
    // OZ (10-01 03:00 → 09-30) leaves the period; OW (11-01 03:00 → 10-31) enters it, silent
    expectTeam('day08', '1069.01', '80.00'); // silent O5 60 + OW 20
  });
});

describe('raw worked example: per-unit commission', () => {
  const commission = (variant: 'base' | 'first' | 'split', id: string) =>
    payrolls[variant].agents.find((a) => a.agent_id === id)?.lines.find((l) => l.kind === 'commission' && l.name === '套餐单件提成')?.amount;

  it('per_unit, first match wins (TC-01 → 12), split units are quantity / n', () => {
    expect(commission('base', 'A001')).toBe('20.00'); // TC-02 2 × 10
    expect(commission('base', 'A002')).toBe('46.00'); // TC-01 3 × 12 + TC-05 1 × 10
    expect(commission('first', 'A001')).toBe('56.00'); // 2 × 10 + 3 × 12
    expect(commission('first', 'A002')).toBe('10.00'); // 1 × 10
    expect(commission('split', 'A001')).toBe('38.00'); // 2 × 10 + 1.5 × 12
    expect(commission('split', 'A002')).toBe('28.00'); // 1.5 × 12 + 1 × 10
  });
});

describe('raw worked example: kefu explain lists the rows behind the counts', () => {
  interface RawJson {
    slow_after_s: number;
    consultations: { count: number; rows: { buyer: string; day: string; first_message: string; first_response_s: number | null; inquiry: boolean; ordered: boolean; paid: boolean }[] };
    slow_rounds: { count: number; rows: { buyer: string; opened: string; wait_s: number }[] };
    orders: { count: number; rows: { order: string; buyer: string; paid_at: string; amount: string; refund: string; bundle: string; shared_by: number; quantity: number }[] };
  }
  const explain = async (variant: Variant, agent: string, all: boolean): Promise<RawJson> => {
    const r = await runCli(['explain', agent, ...argsOf[variant], ...(all ? ['--all'] : [])]);
    if (r.code !== 0) throw new Error(`explain ${agent}: exit ${r.code}\n${r.stderr}`);
    return (JSON.parse(r.stdout) as { raw: RawJson }).raw;
  };

  it('base, A001: five consultations with their own first responses, one slow round, three credited orders', async () => {
    const raw = await explain('base', 'A001', true);
    // C1…C5 of the working above, in time order; C2 b2 never answered; C4 b6's order O6 went to A002.
    expect(raw.consultations.count).toBe(5);
    expect(raw.consultations.rows.map((c) => [c.buyer, c.first_message, c.first_response_s, c.inquiry, c.ordered, c.paid])).toEqual([
      ['b1', '2026-10-05 10:00:00', 100, true, true, true], // O1
      ['b2', '2026-10-06 14:00:00', null, true, true, false], // O2, unpaid
      ['b7', '2026-10-10 10:00:00', 15, true, true, true], // O7a
      ['b6', '2026-10-15 10:00:00', 20, true, false, false], // O6 credited to A002 (latest last message)
      ['b9', '2026-10-25 10:00:00', 60, true, true, true], // O9
    ]);
    // R2 of C1: #6 10:05:00 → #7 10:09:00 = 240 s > 180.
    expect(raw.slow_after_s).toBe(180);
    expect(raw.slow_rounds.rows).toEqual([{ buyer: 'b1', shop: '店A', opened: '2026-10-05 10:05:00', wait_s: 240 }]);
    // O1 299.00 + 200.00 (TC-02 ×2 is the 套餐 line; 3 units), O7a 40.00, O9 80.00 refunded in full (no units):
    // 499.00 + 40.00 + 80.00 = 619.00 = cs_sales; refunds 80.00; bundle 200.00.
    expect(raw.orders.rows.map((o) => [o.order, o.buyer, o.paid_at, o.amount, o.refund, o.bundle, o.shared_by, o.quantity])).toEqual([
      ['O1', 'b1', '2026-10-05 10:31:00', '499.00', '0.00', '200.00', 1, 3],
      ['O7a', 'b7', '2026-10-11 23:59:59', '40.00', '0.00', '0.00', 1, 1],
      ['O9', 'b9', '2026-10-25 11:05:00', '80.00', '80.00', '0.00', 1, 0],
    ]);
  });

  it('split, A002 by name: the shared order O6 gives 50.00 of 100.01 (the extra fen went to A001)', async () => {
    const raw = await explain('split', '李四', true);
    expect(raw.orders.rows.map((o) => [o.order, o.amount, o.refund, o.bundle, o.shared_by, o.quantity])).toEqual([
      ['O6', '50.00', '0.00', '50.00', 2, 3], // TC-01 ×3, each of the two counts 3/2
      ['O8', '200.00', '50.00', '150.00', 1, 1], // Y-1 refunded in full: its unit left out
    ]);
    expect(raw.slow_rounds.count).toBe(0); // A002's longest round is 120 s
  });

  it('without --all, the first ten of each are listed and the count is all of them', async () => {
    const raw = await explain('base', 'A001', false);
    expect(raw.consultations.count).toBe(5); // fewer than ten: all of them
    expect(raw.consultations.rows).toHaveLength(5);
  });
});
