#!/usr/bin/env node
// Writes the raw sample month fixtures/2026-10-raw/: the chat log (聊天记录) and the order report
// (订单报表) of the same AO史密斯 team as fixtures/2026-10/ (same roster, same two shops), for
// SPEC §2 (metrics from raw chats and orders).
//
// Deterministic: every random number comes from a PRNG seeded by a fixed string, so each run
// writes the same bytes. No dependencies, no clock, no Math.random.
//
//   node scripts/make-raw-fixtures.mjs
//
// Files: messages.csv (UTF-8 + BOM, CRLF), orders.csv (UTF-8, LF), scheme.yaml, README.md.
//
// The shapes (see README.md): 售前 accounts receive inquiries (volume, conversion and response
// speed follow each account's row in the stats sample, at about a fifth of its volume); 售后
// accounts receive after-sales chats from buyers with an earlier order (September orders, or an
// October order of their own); a robot (店小蜜) answers first in ~40% of conversations; some buyers
// talk to two agents; agents follow buyers up (催付) before the buyer writes that day; questions
// at 23:5x are answered at 00:0x; silent orders come from buyers who never chatted.

import { fnv1a, mulberry32 } from './random.mjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'fixtures', '2026-10-raw');

// ---------------------------------------------------------------------------------------------
// PRNG: one independent stream per key (FNV-1a of the key seeds mulberry32).

function rng(key) {
  const next = mulberry32(fnv1a('kefu-2026-10-raw/' + key));
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), // inclusive
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
    weighted: (items, weightOf) => {
      let total = 0;
      for (const it of items) total += weightOf(it);
      let x = next() * total;
      for (const it of items) {
        x -= weightOf(it);
        if (x < 0) return it;
      }
      return items[items.length - 1];
    },
    poisson: (lam) => {
      const L = Math.exp(-lam);
      let k = 0;
      let p = 1;
      do {
        k++;
        p *= next();
      } while (p > L);
      return k - 1;
    },
  };
  return r;
}

// ---------------------------------------------------------------------------------------------
// Time: seconds since 2026-09-01 00:00 local time (the files carry no offset). Day 0 = 09-01,
// day 29 = 09-30, day 30 = 10-01, day 60 = 10-31, day 61 = 11-01.

const DAY = 86400;
const EPOCH = Date.UTC(2026, 8, 1);
const SEP30 = 29;
const OCT1 = 30;
const OCT31 = 60;
const NOV1 = 61;
const dayOf = (t) => Math.floor(t / DAY);
const p2 = (n) => String(n).padStart(2, '0');
function fmtTime(t) {
  const d = new Date(EPOCH + t * 1000);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}
const dayOfDate = (s) => Math.round((Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) - EPOCH) / 86400000);

// Arrival profile by hour (chats and orders): quiet mornings, peaks at 10–11, 14–15 and 20–22.
const HOURS = [0, 0, 0, 0, 0, 0, 0, 0.3, 1.5, 4, 7, 7, 4, 5, 7, 7, 6, 5, 4, 6, 8, 9, 7, 2.5];
function timeOfDay(r, latest = DAY - 1) {
  for (;;) {
    const h = r.weighted([...HOURS.keys()], (i) => HOURS[i]);
    const t = h * 3600 + r.int(0, 3599);
    if (t <= latest) return t;
  }
}
// Day factor: 国庆 holiday week busy, weekends a bit busier, 双十一 presale from 10-20 busier still.
function dayFactor(day) {
  if (day < OCT1 || day > OCT31) return 0.12; // only a few rows outside the period
  const date = day - OCT1 + 1;
  const weekday = (day + 2) % 7; // 2026-09-01 is a Tuesday: 0 = Sunday
  let f = 1;
  if (date <= 7) f = 1.25;
  else if (weekday === 0 || weekday === 6) f = 1.1;
  if (date >= 20) f *= 1.3;
  if (date === 31) f *= 1.3;
  return f;
}

// ---------------------------------------------------------------------------------------------
// The team: the accounts of fixtures/2026-10/roster.csv. inq, conv, frs: the account's 询单人数,
// conversion and first response in the stats sample (fixtures/2026-10/stats-*.csv), which the raw
// month follows at SCALE; 售后 accounts also get after-sales chats (aft: relative share).

const A = 'AO史密斯官方旗舰店';
const B = 'AO史密斯热水器专卖店';
const SCALE = 0.145;

// prettier-ignore
const ACCOUNTS = [
  // agent, shop, 子账号, role, inq, conv, frs, aft
  ['K001', A, '晓燕', '售前', 582, 0.2612, 13.0, 0],
  ['K002', A, '静静', '售前', 402, 0.2662, 10.9, 0],
  ['K002', B, '静静', '售前', 172, 0.2674, 11.1, 0],
  ['K003', A, '娜娜', '售前', 928, 0.2909, 12.3, 0],
  ['K004', A, '阿伟', '售前', 998, 0.2916, 8.8, 0],
  ['K005', A, '洋洋', '售前', 689, 0.2671, 13.8, 0],
  ['K005', B, '洋洋', '售前', 459, 0.2571, 15.3, 0],
  ['K006', A, '帆帆', '售前', 623, 0.2568, 12.3, 0],
  ['K007', A, '敏敏', '售前', 0, 0, 0, 0], // sick leave all October: no messages
  ['K008', A, '磊磊', '售前', 985, 0.2995, 15.1, 0],
  ['K009', B, '婷婷', '售前', 760, 0.2342, 12.9, 0],
  ['K010', B, '昊昊', '售前', 508, 0.2008, 24.5, 0],
  ['K011', A, '小丽', '售前', 565, 0.2035, 19.9, 0],
  ['K012', B, '悦悦', '售前', 577, 0.1958, 20.7, 0],
  ['K013', A, '佳怡', '售后', 14, 0.2857, 32.2, 0.5],
  ['K013', B, '佳怡', '售后', 11, 0.2727, 32.2, 0.4],
  ['K014', A, '琳琳', '售后', 44, 0.2045, 19.2, 1],
  ['K015', A, '翔翔', '售后', 71, 0.1549, 23.6, 1],
  ['K016', B, '雪儿', '售后', 83, 0.1084, 16.6, 1],
  ['K017', A, '欣欣', '售后', 55, 0.2909, 29.7, 0.8],
  ['K017', B, '欣欣', '售后', 0, 0, 30.1, 0.3], // after-sales only: 0 inquiries
  ['K018', B, '芳芳', '售后', 83, 0.2169, 33.2, 1],
  ['K019', A, '琦琦', '售后', 57, 0.2281, 33.3, 1],
  ['K020', B, '阿凯', '售前', 543, 0.2799, 8.0, 0],
  ['K021', B, '小雨', '售前', 488, 0.2418, 20.5, 0],
  ['K021', A, '小雨', '售前', 263, 0.2510, 20.0, 0],
  ['K022', B, '喆喆', '售前', 640, 0.2656, 13.9, 0],
  ['K023', B, '瑶瑶', '售前', 1120, 0.3500, 8.8, 0],
  ['K024', B, '晨晨', '售前', 482, 0.2095, 24.4, 0],
  ['K025', B, '小鱼', '售前', 389, 0.2005, 25.7, 0],
  ['K026', A, '雪雪', '售前', 811, 0.2454, 13.2, 0],
  ['K027', B, '梅梅', '售后', 36, 0.2222, 17.5, 0.9],
  ['K028', B, '佳佳', '售后', 36, 0.1667, 26.8, 0.9],
  ['K029', A, '然然', '售后', 39, 0.2051, 20.7, 0.9],
  ['K030', B, '诺诺', '售前', 189, 0.23, 30.8, 0], // joiner: a little above her first weeks' stats
  // Not in the roster: a temp worker for the 双十一 presale (kefu warns about the account).
  [null, A, '临时工', '售前', 700, 0.19, 27, 0],
].map(([agent, shop, nick, role, inq, conv, frs, aft], index) => ({
  index, agent, shop, nick, role, inq, conv, frs, aft, account: `${shop}:${nick}`,
}));

// Employment windows (roster 入职/离职), as day numbers; the temp worker covers 10-18 … 10-31.
const START = { K030: dayOfDate('2026-10-15'), temp: dayOfDate('2026-10-18') };
const END = { K025: dayOfDate('2026-10-20'), K007: -1 };
for (const a of ACCOUNTS) {
  const key = a.agent ?? 'temp';
  a.first = START[key] ?? 0;
  a.last = END[key] ?? 999;
  // Slow tail and body of the response-time distribution, from the account's first response.
  a.body = Math.max(6, a.frs * 0.75);
  a.midP = 0.015 + a.frs / 1000;
  a.slowP = 0.003 + a.frs / 2500;
}
// Shifts: each person has two days off a week (rotating), both accounts alike; 10-31 all hands.
const agentNo = (a) => (a.agent ? Number(a.agent.slice(1)) : 31);
const employed = (a, day) => day >= a.first && day <= a.last;
const works = (a, day) => employed(a, day) && (day === OCT31 || ![0, 4].includes((day + agentNo(a) * 3) % 7));
for (const a of ACCOUNTS) {
  let n = 0;
  for (let d = OCT1; d <= OCT31; d++) if (works(a, d)) n++;
  // the stats numbers cover the days employed: spread them over the days worked
  a.rate = n ? (a.inq * SCALE) / n : 0;
}

// ---------------------------------------------------------------------------------------------
// Catalogue: heaters (1,999–8,999), 套餐 lines (TC-*), accessories (99–599). Prices in yuan.

const HEATERS = {
  'E40-40L': [1999, 2299],
  'E60-50L': [2599, 2899],
  'E60-60L': [2799, 3199],
  'E80-60L': [3999, 4399],
  'E80-80L': [4599, 4999],
  'JSQ-13': [2999, 3299],
  'JSQ-16': [3699, 4199],
  'JSQ-20': [5699, 6299],
  'JSQ-32-零冷水': [7999, 8999],
  'CEWH-100': [6999, 7999],
};
const HEATER_WEIGHT = { 'E40-40L': 6, 'E60-50L': 14, 'E60-60L': 12, 'E80-60L': 22, 'E80-80L': 12, 'JSQ-13': 6, 'JSQ-16': 14, 'JSQ-20': 7, 'JSQ-32-零冷水': 4, 'CEWH-100': 3 };
const BUNDLES = {
  E: [['TC-E80-安装套餐', 399, 599], ['TC-E60-安装套餐', 299, 459], ['TC-净水套餐', 1599, 2599]],
  JSQ: [['TC-JSQ-安装套餐', 399, 699], ['TC-零冷水-循环泵套餐', 899, 1299], ['TC-净水套餐', 1599, 2599]],
};
const ACCESSORIES = [['ACC-混水阀', 129, 199], ['ACC-镁棒', 99, 129], ['ACC-前置过滤器', 399, 599], ['ACC-延保2年', 199, 299], ['ACC-花洒套装', 159, 359]];
const family = (m) => (m.startsWith('JSQ') ? 'JSQ' : 'E');
const modelName = (m) => m.replace(/-零冷水$/, '零冷水');
function price(r, [lo, hi]) {
  // list prices end in 9 (steps of 100, or of 10 under 1000); a third of lines carry a share
  // of a shop coupon (up to 3%), with fen
  const step = lo >= 1000 ? 100 : 10;
  const yuan = lo + step * r.int(0, Math.floor((hi - lo) / step));
  const fen = yuan * 100;
  return r.chance(0.3) ? fen - r.int(1, Math.floor(fen * 0.03)) : fen;
}

// ---------------------------------------------------------------------------------------------
// Buyers: realistic nicknames, unique.

const usedBuyers = new Set();
const NICK_WORDS = ['热水器选购中', '小王同学', '装修中的老李', '新房装修ing', '晴天的猫', '木子李', '宝妈小雨', '奋斗的小刘', '一只胖橘',
  '爱吃橙子的鱼', '南京张先生', '杭州小陈', '阿杰爱装修', '快乐每一天', '深圳打工人', '老周家', '静待花开', '追风少年', '向日葵',
  '微笑的鱼', '北京李女士', '成都吃货', '秋天的风', '程序员老张', '江南烟雨', '苏州小美', '大头儿子', '阳光明媚', '咸鱼翻身',
  '合肥的王姐', '武汉热干面', '一路向北', '平凡之路', '猫猫不吃鱼', '装修小白', '二胎奶爸', '婚房布置中', '西瓜太郎', '花开富贵', '老房改造'];
const PINYIN_A = ['wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'zhao', 'huang', 'zhou', 'wu', 'xu', 'sun', 'hu', 'zhu', 'gao', 'lin'];
const PINYIN_B = ['xiaoming', 'jie', 'lei', 'fang', 'ting', 'hao', 'yu', 'na', 'wei', 'qiang', 'min', 'jing', 'lili', 'bo', 'xin', 'kai'];
function newBuyer(r) {
  for (;;) {
    const u = r.next();
    let name;
    if (u < 0.35) name = r.chance(0.6) ? `tb_${r.int(100000, 999999)}` : `tb${r.int(10000000, 99999999)}${r.int(0, 9)}`;
    else if (u < 0.62) name = `${r.pick(PINYIN_A)}${r.pick(['', '_', ''])}${r.pick(PINYIN_B)}${r.pick([r.int(1975, 2003), p2(r.int(1, 12)) + p2(r.int(1, 28)), r.int(1, 999)])}`;
    else name = r.pick(NICK_WORDS) + (r.chance(0.75) ? r.pick(['', '_', '']) + r.int(1, 9999) : '');
    if (!usedBuyers.has(name)) {
      usedBuyers.add(name);
      return name;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// What people write. {m} the model asked about, {m2} another, {p} its price, {nick}, {shop}.

const T = {
  robot: [
    '亲，您好，欢迎光临{shop}~ 我是店小蜜，有什么可以帮您？',
    '亲，您好，欢迎光临{shop}~',
    '亲，双十一预售已开启，定金50抵100，点击查看活动详情>>',
    '您好，人工客服正在赶来，请稍候~',
  ],
  hello: [['在吗', '你好', '在吗？', '你好，在吗', '有人吗', '客服在吗', 'hello'],
    ['在的亲，请问有什么可以帮您~', '您好，我是{nick}，很高兴为您服务~', '亲，在的呢，请问想了解哪款热水器？', '在的，亲请讲~']],
  buy: [['好的，那我拍了', '拍下了', '已拍，麻烦尽快发货', '刚拍了，备注了安装时间', '好,就{m}了'],
    ['好的亲，已为您备注尽快发货~', '收到亲，感谢您的支持，祝您生活愉快~', '好的，发货后物流信息会同步给您哦']],
  leave: [['我再考虑一下', '好的，我对比一下', '谢谢，我先看看', '等双十一再买吧', '好的谢谢'],
    ['好的亲，有问题随时联系我们哦~', '好的亲，可以先加购物车，活动开始提醒您~', '不客气亲，祝您生活愉快~']],
  buyerMore: ['？', '在吗？', '有人吗', '急', '[图片]', '亲？', '麻烦快点'],
  agentMore: ['[商品卡片] AO史密斯{m}', '[图片]', '您看下这款哦~', '[链接] 双十一预售活动'],
  thanks: [['好的谢谢', '行吧', '好的，麻烦了'], ['不客气亲，祝您生活愉快~', '好的亲，有问题随时联系我们']],
  chase: ['亲，您拍下的{m}还没有付款哦，今天付款优先发货~', '亲，订单还未付款，库存紧张，请尽快付款哦'],
  chaseReply: [['好的，马上付', '刚付了', '付好了'], ['好的亲，收到，尽快为您发货~']],
  followUp: ['亲，昨天您咨询的{m}还需要吗？今天下单送混水阀哦', '亲，您看中的{m}今天有限时券，需要的话可以拍了哦~'],
  checkIn: ['您好，您的热水器已经安装好了吗？使用中有问题随时联系我们~'],
};
// Question → answer pairs, by topic (a conversation picks whole pairs, so answers fit questions).
const QA = {
  model: [
    ['{m}和{m2}有什么区别', '{m}和{m2}主要是容量和功率的区别，{m}出水量更大'],
    ['{m}够三口人用吗', '亲，{m}三口之家完全够用的，可以连续洗3-4人~'],
    ['"{m}"型号还有货吗', '有货的亲，今天16点前付款当天发出'],
    ['我家两个卫生间，{m}够用吗', '两个卫生间建议选{m}，同时出水也不影响水温'],
    ['{m}是一级能效吗', '是的亲，{m}是一级能效，比三级能效省电约30%'],
    ['{m}加热要多久', '亲，{m}满水加热约40分钟，开速热模式更快哦'],
    ['{m}和{m2}哪个好,纠结', '亲，家里人多选{m}，预算有限选{m2}，都是一级能效'],
  ],
  modelGas: [
    ['{m}和{m2}有什么区别', '{m}和{m2}主要是升数不同，{m}同时供两处用水更稳'],
    ['"{m}"型号还有货吗', '有货的亲，今天16点前付款当天发出'],
    ['{m}冬天水温够吗', '亲，{m}是恒温款，冬天进水5度也能稳定出热水'],
    ['{m}声音大吗', '亲，{m}是静音款，运行声音很小的'],
  ],
  install: [
    ['包安装吗', '亲，全国联保免费上门安装，辅材按当地网点标准收取'],
    ['安装要另外收费吗', '安装免费的亲，冷热水管等辅材按网点标准收费，也可以拍安装套餐'],
    ['安装需要打孔吗，墙是空心砖', '亲，承重墙可以直接装，空心砖要加固支架，师傅上门会评估'],
    ['老房子电线是4平方的，能装吗', '4平方的线可以的，建议单独走一路16A插座'],
    ['卫生间宽度只有55cm，能放下吗', '亲，{m}宽度是52cm，55cm可以放下的'],
    ['安装套餐包含什么', '亲，安装套餐包含：\n1. 上门安装调试\n2. 冷热水管一套\n3. 安装支架'],
    ['安装的时候要准备什么', '收到货后联系我们预约，师傅会在24小时内联系您，准备好水电位就行'],
  ],
  price: [
    ['{m}现在多少钱', '亲，{m}现在到手价{p}元，领券再减100'],
    ['有没有优惠券', '亲，页面下方可以领满3000减150的店铺券哦'],
    ['双十一会更便宜吗', '双十一是预售价，现在下单和双十一同价，放心买~'],
    ['领了券怎么用不了', '亲，券要满3000才能用，{m}满足的，刷新一下再试试'],
    ['能便宜点吗，诚心要', '亲，已经是活动最低价了，再送您一个混水阀哦'],
  ],
  baojia: [
    ['现在买保价吗', '亲，支持价保到11月11日，降价可申请退差价'],
    ['双十一降价了能补差价吗', '亲，保价期内降价联系我们补差价的，放心拍~'],
  ],
  gift: [
    ['有什么赠品', '亲，现在下单送混水阀+延保2年哦'],
    ['赠品是什么，能换吗', '亲，赠品是随单发的混水阀和花洒，不支持更换哦'],
    ['净水套餐划算吗', '套餐里有前置过滤器，单买是399元,套餐更划算'],
  ],
  gas: [
    ['燃气的和电的哪个好', '亲，燃气热水器即开即热，电热水器安装方便，看您家里条件哦'],
    ['天然气的还是液化气的', '亲，下单备注天然气或液化气，默认天然气12T'],
    ['{m}适合几个卫生间', '{m}适合一厨一卫，两个卫生间建议选JSQ-20'],
    ['零冷水是什么意思', '零冷水就是打开龙头就是热水，不用放冷水'],
    ['需要装烟管吗', '需要的亲，烟管在"TC-JSQ-安装套餐"里包含了'],
  ],
  delivery: [
    ['什么时候发货', '亲，16点前付款当天发货，日日顺物流送货入户'],
    ['上海能送货上门吗', '亲，全国大部分地区送货入户，偏远地区送到镇上'],
    ['用什么快递', '日日顺物流，大件送货上门哦'],
  ],
  invoice: [
    ['能开发票吗', '可以的亲，确认收货后在订单详情申请电子发票'],
    ['可以开专票吗', '专票要提供开票信息，拍下后联系客服登记哦'],
  ],
  againSameDay: [
    ['刚才问过另一个客服了，{m}还送赠品吗', '亲，赠品还有的，现在下单送混水阀+延保哦'],
    ['刚才那个客服下线了吗？{m}还有货吗', '亲，我来为您服务，{m}有现货的'],
  ],
  againNextDay: [
    ['我昨天问过，{m}今天能发货吗', '有的亲，今天16点前付款今天发'],
    ['昨天咨询过{m}，现在下单还送混水阀吗', '亲，还送的，今天下单送混水阀+延保2年'],
  ],
  followReply: [
    ['还需要，现在下单有赠品吗', '有的亲，赠品随单发~'],
    ['好的，我看看', '好的亲，有问题随时找我~'],
    ['那我拍了', '好的亲，拍下尽快为您发货'],
  ],
  // after-sales
  logistics: [
    ['我的热水器到哪了', '亲，帮您查了，已到本地网点，预计明天送货上门'],
    ['怎么还没发货', '亲，已催促仓库，今天会发出，请耐心等待~'],
    ['物流三天没更新了', '亲，大件物流中转会慢一些，已为您联系物流加急'],
  ],
  fitting: [
    ['师傅什么时候来安装', '亲，已联系网点，师傅会在24小时内电话联系您'],
    ['安装师傅还没联系我', '亲，抱歉久等，已为您催促网点，今天内联系您'],
    ['能约周末安装吗', '可以的亲，已备注周末上门安装'],
    ['安装师傅收了200材料费,正常吗', '亲，辅材按网点收费标准收取，您可以要一下收费单，超标的我们给您处理'],
  ],
  fault: [
    ['热水器显示E4是什么意思', '亲，E4一般是温度传感器问题，已为您报修，师傅会上门检测'],
    ['加热很慢，是不是坏了', '亲，麻烦拍个视频,我们帮您登记售后'],
    ['接口有点漏水', '亲，已为您登记上门维修，全程免费'],
    ['"{m}"的遥控器不管用', '亲，先换一下电池试试，还不行给您补发一个'],
  ],
  refund: [
    ['我前天买的今天便宜了200，能补差价吗', '亲，在价保期内，已为您申请补差价，请留意退款'],
    ['尺寸不合适能退吗', '亲，未安装未拆封支持7天无理由退货'],
    ['赠品混水阀没收到', '亲，已为您补发混水阀，单号稍后发您'],
    ['套餐里的安装我不需要了，能退吗', '可以的亲，安装服务部分给您退款'],
  ],
  checkInReply: [
    ['已经装好了，挺好的', '好的亲，祝您使用愉快~'],
    ['还没装，师傅还没联系', '亲，已为您催促网点，今天会联系您'],
  ],
};
const AFTER_TOPICS = ['logistics', 'fitting', 'fault', 'refund', 'invoice'];

function fill(s, ctx) {
  return s.replace(/\{(\w+)\}/g, (_, k) => String(ctx[k]));
}

// ---------------------------------------------------------------------------------------------
// The chat log.

const messages = []; // { t, seq, shop, account, buyer, sender, text }
let seq = 0;
function say(t, acc, buyer, sender, text) {
  messages.push({ t, seq: seq++, shop: acc.shop, account: acc.account, buyer, sender, text });
}

/** Open rounds per (account, buyer): a later conversation must not close them (see README). */
const openSince = new Map();
const pairKey = (acc, buyer) => acc.account + '\u0000' + buyer;
const lastSeen = new Map();
const pairFree = (acc, buyer, t) => {
  const o = openSince.get(pairKey(acc, buyer));
  const l = lastSeen.get(pairKey(acc, buyer)) ?? -1;
  return (o === undefined || t > o + DAY + 600) && t > l;
};

function responseTime(r, acc) {
  const u = r.next();
  if (u < acc.slowP) return r.int(181, 600);
  if (u < acc.slowP + acc.midP) return r.int(41, 180);
  return Math.max(3, Math.min(40, Math.round(acc.body * (0.4 + 1.2 * r.next()))));
}

/**
 * One conversation: rounds of buyer messages and agent answers. rounds: [[buyerText, agentText], …].
 * Options: robot (店小蜜 greets first), answered (rounds answered; later ones are not), firstRt.
 * Returns the time of the last message and of the last agent message.
 */
function converse(r, acc, buyer, t0, rounds, ctx, { robot = false, answered = rounds.length, firstRt, agentFirst } = {}) {
  let t = t0;
  let lastAgent = -1;
  if (agentFirst) {
    say(t, acc, buyer, '客服', fill(agentFirst, ctx));
    lastAgent = t;
    t += r.int(60, 3 * 3600);
  }
  for (let i = 0; i < rounds.length; i++) {
    const [bq, aa] = rounds[i];
    const open = t;
    say(t, acc, buyer, '买家', fill(bq, ctx));
    if (i === 0 && robot) {
      say(t + r.int(1, 2), acc, buyer, '机器人', fill(r.pick(T.robot.slice(0, 3)), ctx));
      if (r.chance(0.1)) say(t + r.int(3, 5), acc, buyer, '机器人', T.robot[3]);
    }
    const extra = r.chance(0.12) ? r.int(1, r.chance(0.2) ? 2 : 1) : 0;
    for (let k = 0; k < extra; k++) {
      t += r.int(3, 25);
      say(t, acc, buyer, '买家', r.pick(T.buyerMore));
    }
    if (i >= answered) {
      openSince.set(pairKey(acc, buyer), open);
      lastSeen.set(pairKey(acc, buyer), t);
      return { end: t, lastAgent, unanswered: true };
    }
    const rt = i === 0 && firstRt !== undefined ? firstRt : responseTime(r, acc);
    let ta = Math.max(open + rt, t + r.int(2, 6));
    say(ta, acc, buyer, '客服', fill(aa, ctx));
    if (r.chance(0.1)) {
      ta += r.int(4, 25);
      say(ta, acc, buyer, '客服', fill(r.pick(T.agentMore), ctx));
    }
    lastAgent = ta;
    t = ta + (r.chance(0.85) ? r.int(15, 240) : r.int(240, 1500));
  }
  openSince.delete(pairKey(acc, buyer));
  lastSeen.set(pairKey(acc, buyer), lastAgent);
  return { end: lastAgent, lastAgent, unanswered: false };
}

const pair = (r, topic) => (QA[topic] ? r.pick(QA[topic]) : [r.pick(T[topic][0]), r.pick(T[topic][1])]);

/** The rounds of an inquiry about model m; ends with a purchase or a goodbye. */
function inquiryRounds(r, m, buys) {
  const rounds = [];
  if (r.chance(0.25)) rounds.push(pair(r, 'hello'));
  const topics = family(m) === 'JSQ' ? ['modelGas', 'gas', 'install', 'price', 'gift', 'baojia', 'delivery', 'invoice'] : ['model', 'install', 'price', 'gift', 'baojia', 'delivery', 'invoice'];
  const weight = { model: 5, modelGas: 3, gas: 3, install: 4, price: 4, gift: 2, baojia: 2, delivery: 2, invoice: 1 };
  const n = r.weighted([1, 2, 3, 4], (k) => [60, 28, 9, 3][k - 1]);
  for (let i = 0; i < n; i++) rounds.push(pair(r, r.weighted(topics, (x) => weight[x])));
  if (buys ? r.chance(0.4) : r.chance(0.2)) rounds.push(pair(r, buys ? 'buy' : 'leave'));
  return rounds;
}

// ---------------------------------------------------------------------------------------------
// Orders.

const orders = []; // { id, shop, buyer, created, paid|null, lines: [{ sku, qty, amount, refund }] }
const usedIds = new Set();
function orderId(r) {
  for (;;) {
    const id = String(r.int(2, 4)) + String(r.int(100000000, 999999999)) + String(r.int(100000000, 999999999));
    if (!usedIds.has(id)) {
      usedIds.add(id);
      return id;
    }
  }
}

function heaterLine(r, m) {
  const qty = r.chance(0.08) ? 2 : 1;
  return { sku: m, qty, amount: price(r, HEATERS[m]) * qty, refund: 0 };
}
function makeLines(r, m, { accessoryOnly = false } = {}) {
  if (accessoryOnly) {
    const [sku, lo, hi] = r.pick(ACCESSORIES);
    const qty = r.chance(0.1) ? 2 : 1;
    return [{ sku, qty, amount: price(r, [lo, hi]) * qty, refund: 0 }];
  }
  const lines = [heaterLine(r, m)];
  if (r.chance(0.52)) {
    const opts = BUNDLES[family(m)].filter(([sku]) => !(sku.includes('E80') && !m.startsWith('E80')) && !(sku.includes('E60') && m.startsWith('E80')));
    const [sku, lo, hi] = r.weighted(opts, ([sku]) => (sku.includes('净水') ? 2 : sku.includes('零冷水') ? (m.includes('零冷水') ? 5 : 2) : 4));
    lines.push({ sku, qty: 1, amount: price(r, [lo, hi]), refund: 0 });
  }
  const accessories = r.chance(0.38) ? (r.chance(0.25) ? 2 : 1) : 0;
  const pool = [...ACCESSORIES];
  for (let k = 0; k < accessories; k++) {
    const [sku, lo, hi] = pool.splice(r.int(0, pool.length - 1), 1)[0];
    lines.push({ sku, qty: 1, amount: price(r, [lo, hi]), refund: 0 });
  }
  return lines;
}
function refunds(r, lines, paid) {
  if (!paid) return;
  const u = r.next();
  if (u < 0.025) {
    for (const l of lines) l.refund = l.amount; // whole order refunded (退货退款)
  } else if (u < 0.045) {
    const l = lines[lines.length - 1];
    l.refund = l.amount; // one line refunded in full (e.g. the accessory)
  } else if (u < 0.11) {
    const l = lines[0];
    l.refund = Math.min(l.amount, r.pick([50, 100, 100, 150, 200, 300]) * 100); // 价保 / 补差价
  }
}
function placeOrder(r, shop, buyer, created, m, { paidAt, accessoryOnly } = {}) {
  if (dayOf(created) > NOV1) return null; // beyond the export
  let paid = paidAt;
  if (paid === undefined) {
    const u = r.next();
    paid = u < 0.06 ? null : created + (u < 0.9 ? r.int(8, 300) : r.int(300, 5400));
  }
  const lines = makeLines(r, m, { accessoryOnly });
  refunds(r, lines, paid !== null);
  const o = { id: orderId(r), shop, buyer, created, paid, lines };
  orders.push(o);
  return o;
}

// ---------------------------------------------------------------------------------------------
// Generate the month: inquiries (with orders), after-sales chats, silent orders.

const presales = ACCOUNTS.filter((a) => a.rate > 0);
const pickModel = (r) => r.weighted(Object.keys(HEATERS), (m) => HEATER_WEIGHT[m]);
const otherModel = (r, m) => {
  const same = Object.keys(HEATERS).filter((x) => x !== m && family(x) === family(m));
  return r.pick(same);
};
const ctxOf = (r, acc, m) => ({ m: modelName(m), m2: modelName(otherModel(r, m)), p: Math.floor(HEATERS[m][0] / 100) * 100 + 99, nick: acc.nick, shop: acc.shop });
const chatted = []; // { buyer, shop, acc, day, end, order } for after-sales and follow-ups
const stats = { inquiries: 0, twoAgents: 0, midnight: 0, agentFirst: 0, unanswered: 0, afterSales: 0, silent: 0, chase: 0 };

function inquiry(r, acc, day, { midnight = false } = {}) {
  if (!works(acc, day)) return;
  const buyer = newBuyer(r);
  const m = pickModel(r);
  let ctx = ctxOf(r, acc, m);
  const latest = day === acc.last ? 21 * 3600 : 23 * 3600 + 40 * 60;
  let t0 = day * DAY + timeOfDay(r, latest);
  let firstRt;
  if (midnight) {
    // a question at 23:5x answered at 00:0x (the agent's late shift)
    t0 = day * DAY + 23 * 3600 + r.int(50 * 60, 59 * 60 + 50);
    firstRt = (day + 1) * DAY + r.int(5, r.chance(0.7) ? 60 : 420) - t0;
    stats.midnight++;
  }
  // conversion: the chance that this buyer orders (a bit above the target conversion, since some
  // orders go unpaid, come too late, or are credited to a second agent)
  const buys = r.chance(Math.min(0.9, acc.conv * 1.15 + 0.03));
  const noAnswer = !midnight && r.chance(0.025 + acc.frs / 1500);
  const rounds = inquiryRounds(r, m, buys && !noAnswer);
  let answered = noAnswer ? 0 : rounds.length;
  if (!noAnswer && rounds.length > 1 && r.chance(0.05)) answered = rounds.length - 1; // the last "谢谢" goes unanswered
  const robot = r.chance(0.4);
  stats.inquiries++;
  if (noAnswer) stats.unanswered++;
  let conv = converse(r, acc, buyer, t0, rounds, ctx, { robot, answered, firstRt });
  let lastAcc = acc;
  let orderAfter = conv.end;
  // some buyers talk to a second agent of the same shop, the same day or the next
  if (!noAnswer && r.chance(0.1)) {
    const nextDay = r.chance(0.35) || conv.end > day * DAY + 22 * 3600;
    const d2 = nextDay ? day + 1 : day;
    const others = presales.filter((b) => b.shop === acc.shop && b.agent !== acc.agent && works(b, d2) && b.role === '售前' && b.inq > 300);
    if (others.length) {
      const acc2 = r.weighted(others, (b) => b.rate);
      const latest2 = d2 === acc2.last ? 21 * 3600 : 23 * 3600 + 30 * 60;
      const t2 = nextDay ? d2 * DAY + timeOfDay(r, latest2) : conv.end + r.int(600, 4 * 3600);
      if (t2 <= d2 * DAY + latest2 && pairFree(acc2, buyer, t2)) {
        // the buyer may order between the two conversations (then the first agent gets it)
        const between = buys && r.chance(0.25);
        if (between) orderAfter = conv.end;
        const ctx2 = ctxOf(r, acc2, m);
        const rounds2 = [pair(r, nextDay ? 'againNextDay' : 'againSameDay')];
        if (r.chance(0.5)) rounds2.push(pair(r, r.pick(['price', 'gift', 'delivery'])));
        if (buys && !between && r.chance(0.5)) rounds2.push(pair(r, 'buy'));
        const conv2 = converse(r, acc2, buyer, t2, rounds2, ctx2, { robot: r.chance(0.4) });
        stats.twoAgents++;
        if (!between) {
          conv = conv2;
          lastAcc = acc2;
          orderAfter = conv2.end;
          ctx = ctx2;
        }
      }
    }
  }
  const rec = { buyer, shop: acc.shop, acc: lastAcc, day: dayOf(t0), end: conv.end, m, order: null };
  chatted.push(rec);
  if (buys) {
    // when: soon after the chat (same day or just past midnight), the next day, or too late (silent)
    const u = r.next();
    let created;
    if (u < 0.68) created = orderAfter + (r.chance(0.7) ? r.int(20, 1800) : r.int(1800, 4 * 3600));
    else if (u < 0.96) created = (dayOf(orderAfter) + 1) * DAY + timeOfDay(r);
    else created = (dayOf(orderAfter) + r.int(2, 4)) * DAY + timeOfDay(r);
    // 催付: one order in ten waits for payment; the agent chases the next day before the buyer writes
    let paidAt;
    const chaseDay = dayOf(created) + 1;
    if (r.chance(0.1) && works(lastAcc, chaseDay) && chaseDay <= NOV1) {
      const tc = chaseDay * DAY + r.int(10 * 3600, 17 * 3600);
      if (pairFree(lastAcc, buyer, tc)) {
        stats.agentFirst++;
        stats.chase++;
        if (r.chance(0.6)) {
          const c = converse(r, lastAcc, buyer, tc, [pair(r, 'chaseReply')], ctx, { agentFirst: r.pick(T.chase) });
          paidAt = c.end + r.int(30, 600);
        } else {
          say(tc, lastAcc, buyer, '客服', fill(r.pick(T.chase), ctx)); // no reply: no consultation
          lastSeen.set(pairKey(lastAcc, buyer), tc);
          paidAt = null;
        }
      }
    }
    rec.order = placeOrder(r, acc.shop, buyer, created, m, { paidAt });
    // one buyer in twenty adds a second order later the same day (an accessory they forgot)
    if (rec.order && rec.order.paid !== null && r.chance(0.05)) placeOrder(r, acc.shop, buyer, created + r.int(600, 4 * 3600), m, { accessoryOnly: true });
  } else if (!noAnswer && r.chance(0.07)) {
    // follow-up the next day: the agent writes first; half the buyers answer, some then buy
    const d2 = dayOf(conv.end) + 1;
    const tf = d2 * DAY + r.int(10 * 3600, 16 * 3600);
    if (works(lastAcc, d2) && d2 <= NOV1 && pairFree(lastAcc, buyer, tf)) {
      stats.agentFirst++;
      if (r.chance(0.5)) {
        const c = converse(r, lastAcc, buyer, tf, [pair(r, 'followReply')], ctx, { agentFirst: r.pick(T.followUp) });
        if (r.chance(0.4)) rec.order = placeOrder(r, acc.shop, buyer, c.end + r.int(60, 1800), m);
      } else {
        say(tf, lastAcc, buyer, '客服', fill(r.pick(T.followUp), ctx));
        lastSeen.set(pairKey(lastAcc, buyer), tf);
      }
    }
  }
}

// 1. Inquiries, day by day (09-30 and 11-01 only lightly: rows outside the period).
for (let day = SEP30; day <= NOV1; day++) {
  for (const acc of presales) {
    const r = rng(`inq/${acc.account}/${day}`);
    const n = r.poisson(acc.rate * dayFactor(day));
    for (let k = 0; k < n; k++) inquiry(r, acc, day);
  }
  // midnight: a question at 23:5x answered at 00:0x, most days (09-30 → 10-01 and 10-31 → 11-01 too)
  const r = rng(`midnight/${day}`);
  if (day < NOV1 && (day === SEP30 || day === OCT31 || r.chance(0.75))) {
    const acc = r.weighted(presales.filter((a) => a.role === '售前' && works(a, day) && employed(a, day + 1)), (a) => a.rate);
    inquiry(r, acc, day, { midnight: true });
  }
}

// 2. After-sales buyers: September orders (buyers who write in October about delivery,
//    installation, faults, refunds, invoices) and October buyers who come back.
{
  const r = rng('september-orders');
  for (let k = 0; k < 520; k++) {
    const day = r.chance(0.75) ? r.int(14, SEP30) : r.int(3, 13);
    const shop = r.chance(0.55) ? A : B;
    placeOrder(r, shop, newBuyer(r), day * DAY + timeOfDay(r), pickModel(r), { accessoryOnly: r.chance(0.08) });
  }
}
const afterSalesAccounts = (shop, day) => ACCOUNTS.filter((a) => a.shop === shop && a.aft > 0 && works(a, day));
function afterSale(r, o, day, preferred) {
  let acc = preferred && works(preferred, day) && r.chance(0.35) ? preferred : null;
  if (!acc) {
    const pool = afterSalesAccounts(o.shop, day);
    if (!pool.length) return;
    acc = r.weighted(pool, (a) => a.aft);
  }
  const t0 = day * DAY + timeOfDay(r, (day === acc.last ? 21 : 23) * 3600 + 20 * 60);
  if (!pairFree(acc, o.buyer, t0) || t0 <= o.created) return;
  const m = HEATERS[o.lines[0].sku] ? o.lines[0].sku : pickModel(r);
  const ctx = ctxOf(r, acc, m);
  // 售后 also checks in on buyers first (回访): an agent-first message
  if (r.chance(0.08)) {
    stats.agentFirst++;
    stats.afterSales++;
    converse(r, acc, o.buyer, t0, [pair(r, 'checkInReply')], ctx, { agentFirst: r.pick(T.checkIn) });
    return;
  }
  const topic = r.weighted(AFTER_TOPICS, (x) => ({ logistics: 3, fitting: 4, fault: 2, refund: 2, invoice: 1 })[x]);
  const rounds = [pair(r, topic)];
  if (r.chance(0.45)) rounds.push(pair(r, r.pick(AFTER_TOPICS)));
  if (r.chance(0.5)) rounds.push(pair(r, 'thanks'));
  stats.afterSales++;
  converse(r, acc, o.buyer, t0, rounds, ctx, { robot: r.chance(0.4), answered: r.chance(0.02) ? 0 : rounds.length });
}
{
  const r = rng('after-sales');
  for (const o of orders.slice()) {
    const createdDay = dayOf(o.created);
    if (createdDay < OCT1) {
      // September buyers: within the 30-day lookback, mostly; a few write after it (→ inquiries)
      if (!r.chance(0.7)) continue;
      const late = r.chance(0.02);
      const lo = Math.max(OCT1, createdDay + 2);
      const hi = Math.min(OCT31, createdDay + (late ? 40 : 29));
      if (lo > hi) continue;
      const day = late ? hi : r.int(lo, hi);
      afterSale(r, o, day, null);
      if (r.chance(0.15) && day + 1 <= OCT31) afterSale(r, o, day + r.int(1, 3), null);
      if (r.chance(0.05)) placeOrder(r, o.shop, o.buyer, (day + r.int(0, 2)) * DAY + timeOfDay(r), pickModel(r), { accessoryOnly: true });
    }
  }
  for (const c of chatted) {
    const o = c.order;
    if (!o || o.paid === null || dayOf(o.created) > OCT31 - 2 || !r.chance(0.28)) continue;
    const day = Math.min(OCT31, dayOf(o.created) + r.int(1, 10));
    afterSale(r, o, day, c.acc);
  }
}

// 3. Silent orders: buyers who never chatted, spread over the days like the chats. Their sales
//    are sized on the chatted orders of the month: ~24% of shop sales before window misses.
{
  const paidFen = (o) => o.lines.reduce((s, l) => s + l.amount, 0);
  const octPaid = orders.filter((o) => o.paid !== null && dayOf(o.created) >= OCT1 && dayOf(o.created) <= OCT31).reduce((s, o) => s + paidFen(o), 0);
  const target = octPaid * 0.27;
  const r = rng('silent');
  const days = [];
  for (let d = OCT1; d <= OCT31; d++) days.push(d);
  let sum = 0;
  while (sum < target) {
    const day = r.weighted(days, dayFactor);
    const o = placeOrder(r, r.chance(0.5) ? A : B, newBuyer(r), day * DAY + timeOfDay(r), pickModel(r), { accessoryOnly: r.chance(0.12) });
    stats.silent++;
    if (o.paid !== null) sum += paidFen(o);
  }
  for (const day of [SEP30, SEP30, NOV1, NOV1, NOV1]) placeOrder(r, r.chance(0.5) ? A : B, newBuyer(r), day * DAY + timeOfDay(r), pickModel(r));
}

// ---------------------------------------------------------------------------------------------
// Checks: nobody chats outside their employment; K007 has no messages; rounds never cross a
// (shop, account, buyer) conversation of someone else.

{
  const byAccount = new Map(ACCOUNTS.map((a) => [a.account, a]));
  for (const msg of messages) {
    const a = byAccount.get(msg.account);
    if (!a) throw new Error(`unknown account ${msg.account}`);
    if (msg.sender !== '买家' && !employed(a, dayOf(msg.t))) throw new Error(`${msg.account} writes on ${fmtTime(msg.t)} outside employment`);
    if (a.agent === 'K007') throw new Error('K007 has messages');
  }
  for (const o of orders) for (const l of o.lines) if (l.refund > l.amount || l.amount <= 0) throw new Error(`bad line ${o.id}`);
}

// ---------------------------------------------------------------------------------------------
// Write.

function csvCell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}
const csvLine = (cells) => cells.map(csvCell).join(',');
const money = (fen) => `${Math.floor(fen / 100)}.${p2(fen % 100)}`;

messages.sort((x, y) => x.t - y.t || x.seq - y.seq);
const msgText =
  '\ufeff' +
  [csvLine(['时间', '店铺', '客服账号', '买家', '发送方', '内容']), ...messages.map((m) => csvLine([fmtTime(m.t), m.shop, m.account, m.buyer, m.sender, m.text]))].join('\r\n') +
  '\r\n';

orders.sort((x, y) => x.created - y.created || (x.id < y.id ? -1 : 1));
const orderRows = [csvLine(['订单编号', '店铺', '买家会员名', '订单创建时间', '付款时间', '实付金额', '商家编码', '数量', '退款金额'])];
for (const o of orders) {
  for (const l of o.lines) {
    orderRows.push(csvLine([o.id, o.shop, o.buyer, fmtTime(o.created), o.paid === null ? '' : fmtTime(o.paid), money(l.amount), l.sku, l.qty, money(l.refund)]));
  }
}
const orderText = orderRows.join('\n') + '\n';

const SCHEME = `# AO史密斯 客服绩效方案, raw-data edition: the scheme of fixtures/2026-10/scheme.yaml, with the
# metrics computed from the chat log and the order report (SPEC §2) instead of the platform's stats.
# Written by scripts/make-raw-fixtures.mjs (edit the script, not this file).
# 售前: 50% 销售目标达成, 20% 套餐目标达成, 30% 转化与响应; 排名奖; 直播补贴; 兼职讲师课时费; 单台提成.
name: AO史密斯客服绩效方案 2026-10 (原始数据)
timezone: Asia/Shanghai
attribution: { basis: created, window_days: 2, credit: last, after_sale_lookback_days: 30 }
response: { slow_after_s: 180, round_timeout_s: 86400 }
bundles: ["TC-*"]                 # 套餐 lines: bundle_sales is computed from the orders
levels: { 初级: 3000, 中级: 3500, 高级: 4000, 储备组长: 4300, 组长: 4800, 资深组长: 5500 }
derived:
  sales_attainment: { ratio: [cs_sales_net, 销售目标] }
  bundle_attainment: { ratio: [bundle_sales, 套餐目标] }
groups:
  售前:
    kpi:
      - { metric: sales_attainment, weight: 50, score: { linear: { zero_at: 0.6, full_at: 1.0, max: 120 } } }
      - { metric: bundle_attainment, weight: 20, score: { linear: { zero_at: 0.5, full_at: 1.0 } } }
      - metric: conversion
        weight: 15
        score: { bands: [ { at_least: 0.30, points: 100 }, { at_least: 0.25, points: 80 }, { at_least: 0.20, points: 60 }, { points: 0 } ] }
      - metric: first_response_s
        weight: 15
        score: { bands: [ { at_most: 15, points: 100 }, { at_most: 20, points: 90 }, { at_most: 30, points: 60 }, { points: 0 } ] }
    factor:
      - { at_least: 95, factor: 1.2 }
      - { at_least: 85, factor: 1.0 }
      - { at_least: 70, factor: 0.8 }
      - { factor: 0.5 }
    veto:
      - { metric: 红牌, at_least: 1, factor: 0, disqualify: true }
    pay:
      base: level
      commission:
        - name: 销售提成
          metric: cs_sales_net
          mode: marginal
          tiers: [ { upto: 500000, rate: "0.2%" }, { upto: 1000000, rate: "0.3%" }, { rate: "0.5%" } ]
        - { name: 单台提成, per_unit: { "E80*": 15, "JSQ*": 10, "*": 5 } }
      bonuses:
        - { name: 绩效排名奖, rank_by: kpi_score, prizes: [800, 500, 300] }
        - { name: 转化率前三, rank_by: conversion, top: 3, amount: 200 }
      allowances:
        - { name: 直播补贴, per: 直播时长, rate: 30 }
        - { name: 兼职讲师课时费, per: 授课课时, rate: 100 }
      deductions:
        - { name: 黄牌扣款, per: 黄牌, rate: 50 }
  售后:
    kpi:
      - { metric: 质检分, weight: 40, score: { linear: { zero_at: 70, full_at: 100 } } }
      - metric: reply_rate                # raw chats carry no 满意率: the reply rate stands in
        weight: 30
        score: { bands: [ { at_least: 0.98, points: 100 }, { at_least: 0.95, points: 80 }, { at_least: 0.90, points: 50 }, { points: 0 } ] }
      - metric: first_response_s
        weight: 30
        score: { bands: [ { at_most: 15, points: 100 }, { at_most: 25, points: 80 }, { at_most: 40, points: 50 }, { points: 0 } ] }
    factor:
      - { at_least: 90, factor: 1.1 }
      - { at_least: 75, factor: 1.0 }
      - { factor: 0.8 }
    veto:
      - { metric: 红牌, at_least: 1, factor: 0, disqualify: true }
    pay:
      base: level
      bonuses:
        - { name: 服务之星, rank_by: kpi_score, prizes: [300] }
      deductions:
        - { name: 黄牌扣款, per: 黄牌, rate: 50 }
`;

// README: the story, with the counts of this run.
const lines = orders.reduce((s, o) => s + o.lines.length, 0);
const inPeriod = messages.filter((m) => dayOf(m.t) >= OCT1 && dayOf(m.t) <= OCT31).length;
const robots = messages.filter((m) => m.sender === '机器人').length;
const oct = orders.filter((o) => dayOf(o.created) >= OCT1 && dayOf(o.created) <= OCT31);
const fullRefund = orders.filter((o) => o.paid !== null && o.lines.every((l) => l.refund === l.amount)).length;
const partRefund = orders.reduce((s, o) => s + o.lines.filter((l) => l.refund > 0 && l.refund < l.amount).length, 0);
const tempDays = new Set(messages.filter((m) => m.account.endsWith(':临时工') && m.sender === '买家').map((m) => m.buyer + dayOf(m.t))).size;
const README = `# Raw sample month: October 2026 (AO史密斯 chat log + order report)

Generated by \`node scripts/make-raw-fixtures.mjs\` (deterministic; edit the script, not these files). Same team, roster and shops as \`fixtures/2026-10/\` (A \`${A}\`, B \`${B}\`); each account's chats follow its row in the stats sample (conversion, first response) at about a fifth of its volume.

- **messages.csv** (UTF-8 + BOM, CRLF): ${messages.length} messages, ${messages.length - inPeriod} on 09-30 / 11-01 (outside the period). 店小蜜 (发送方 \`机器人\`, ${robots} messages) greets first in ~40% of conversations. 内容 has commas, quotes (\`"E80"型号\`) and embedded newlines. Response times mostly 5–40 s, a tail over 180 s.
- **orders.csv** (UTF-8, LF): ${orders.length} orders, ${lines} lines (heater \`E80-60L\`…, 套餐 \`TC-*\`, accessories \`ACC-*\`), 19-digit 订单编号; ${oct.length} created in October, the rest in September (after-sales buyers' earlier orders) and on 11-01. ${orders.filter((o) => o.paid === null).length} unpaid (付款时间 empty); ${fullRefund} refunded in full, ${partRefund} lines partly (价保, 补差价).
- **Inquiries**: ${stats.inquiries} buyers ask 售前 about E80/E60/JSQ, 安装, 价格, 保价, 赠品; buyers order 0–2 days later (some too late: silent). ${stats.unanswered} consultations are never answered.
- **Two agents**: ${stats.twoAgents} buyers talk to a second agent of the same shop, the same day or the next (\`credit: last\` gives the order to the second, unless it was placed in between).
- **Temp worker**: \`${A}:临时工\` is not in the roster (10-18 … 10-31, ${tempDays} consultations): kefu warns UNKNOWN_ACCOUNT; what it is credited goes to no one.
- **After-sales**: ~520 September orders; most of those buyers, and about a quarter of October's, write to 售后 (物流, 安装, 故障, 价保, 发票): ${stats.afterSales} after-sales chats, not inquiries. A few write more than 30 days after ordering and count as inquiries.
- **Silent orders**: ${stats.silent} orders from buyers who never chatted (about a quarter of shop sales, with the late orders).
- **Midnight**: ${stats.midnight} questions at 23:5x answered at 00:0x (incl. 09-30 → 10-01 and 10-31 → 11-01).
- **Agent first**: ${stats.agentFirst} times an agent writes before the buyer that day (催付 of unpaid orders, follow-ups, 售后回访).
- **People**: K007 (sick leave) has no messages; K025 chats until 10-20, K030 from 10-15.
- **Scale**: this month is about a fifth of the stats sample, so \`facts.csv\` here is \`fixtures/2026-10/facts.csv\` with 销售目标 and 套餐目标 at a fifth (and no 套餐销售额: bundle sales come from the \`TC-*\` lines). Raw chats carry no 满意率: 售后 are scored on 回复率 instead.

Run the month:

    node bin/kefu.js run --scheme fixtures/2026-10-raw/scheme.yaml --period 2026-10 --roster fixtures/2026-10/roster.csv --messages fixtures/2026-10-raw/messages.csv --orders fixtures/2026-10-raw/orders.csv --facts fixtures/2026-10-raw/facts.csv --adjustments fixtures/2026-10/adjustments.csv --out out/2026-10-raw
`;

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'messages.csv'), msgText);
writeFileSync(join(OUT, 'orders.csv'), orderText);
writeFileSync(join(OUT, 'scheme.yaml'), SCHEME);
writeFileSync(join(OUT, 'README.md'), README);

// facts.csv: the stats sample's facts with the targets at a fifth, to the scale of this month.
{
  const [header, ...rows] = readFileSync(join(OUT, '..', '2026-10', 'facts.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
  const keep = header.map((h, i) => (h === '套餐销售额' ? -1 : i)).filter((i) => i >= 0);
  const scale = (h, v) => ((h === '销售目标' || h === '套餐目标') && v !== '' ? String(Math.round(Number(v) / 5 / 1000) * 1000) : v);
  const lines = [keep.map((i) => header[i]), ...rows.map((r) => keep.map((i) => scale(header[i], r[i] ?? '')))];
  writeFileSync(join(OUT, 'facts.csv'), lines.map((l) => l.join(',')).join('\n') + '\n');
}
console.log(
  `messages.csv: ${messages.length} messages (${messages.length - inPeriod} outside October), ${Buffer.byteLength(msgText)} bytes\n` +
    `orders.csv: ${orders.length} orders, ${lines} lines, ${Buffer.byteLength(orderText)} bytes\n` +
    `story: ${JSON.stringify(stats)}`,
);
