// Core: the metrics of SPEC §2 from the raw month — consultations and rounds from the chat log, then
// attribution of the orders — as exact numbers per roster person, plus the team's shop sales. Every
// account the roster does not know is an owner of its own (it takes part in attribution; what it is
// credited goes to no one's sales) and a warning. Pure.
import { attribute, SPLIT_KEY, type OwnerSales } from './attribution.js';
import type { Consultations, OwnerService } from './chat-metrics.js';
import { assignOwners } from './owners.js';
import type { Period, RosterEntry } from './dataset.js';
import { formatDay } from './dates.js';
import { issue, type Issue } from './issues.js';
import { fenToYuan, formatYuan } from './money.js';
import type { RawMonth } from './raw.js';
import { type Rational, rational, div, add, mul, fromLiteralNumber, ZERO } from './rational.js';
import type { Scheme } from './scheme.js';
import type { Metrics } from './stats.js';
import { globMatcher } from './glob.js';
import { nearestAccount } from './suggest.js';

export interface RawResult {
  /** Metrics by agent_id, for every roster person the raw files speak of. */
  readonly metrics: ReadonlyMap<string, Metrics>;
  /** Credited paid units by SKU, by agent_id (for per-unit commission). */
  readonly unitsBySku: ReadonlyMap<string, ReadonlyMap<string, Rational>>;
  /** Σ paid amount of the period's orders, when there were order files. */
  readonly shopSales?: Rational;
}

const count = (n: number): Rational => rational(BigInt(n));

/** Credited units, in all and by SKU name: the quantity of a line shared by n agents counts 1/n each. */
function units(byKey: ReadonlyMap<number, number>, skus: readonly string[]): { total: Rational; bySku: Map<string, Rational> } {
  let total = ZERO;
  const bySku = new Map<string, Rational>();
  for (const [key, quantity] of byKey) {
    const share = rational(BigInt(quantity), BigInt(key % SPLIT_KEY));
    const sku = skus[Math.floor(key / SPLIT_KEY)] ?? '';
    total = add(total, share);
    bySku.set(sku, add(bySku.get(sku) ?? ZERO, share));
  }
  return { total, bySku };
}

export function rawMetrics(raw: RawMonth, roster: readonly RosterEntry[], scheme: Scheme, period: Period, issues: Issue[]): RawResult {
  // Accounts first seen in the orders (a credited account) join the chat log's owners at the end.
  const owners = assignOwners(roster, raw.accounts, raw.chat?.owners);
  const people = owners.people;
  const ownerOf = owners.ownerOf;
  const personAccounts = people.flatMap((p) => p.accounts);
  const dayStartsAt = scheme.dayStartsAtMinutes * 60;
  const cons = raw.chat?.consultations ?? emptyConsultations();
  const bundle = globMatcher(scheme.bundles);
  const bundleSku = raw.skus.map((sku) => sku !== '' && bundle(sku));
  const hasOrders = raw.orders.length > 0;
  const attribution = attribute(
    {
      orders: raw.orders,
      consultations: cons,
      ownerOf,
      owners: owners.count,
      buyers: Math.max(raw.buyerCount, 1),
      rules: scheme.attribution,
      dayStartsAt,
      first: period.first,
      last: period.last,
      bundleSku: (sku) => bundleSku[sku] === true,
      orderName: (order) => raw.orderIds.name(order),
      buyerName: (buyer) => raw.buyerNames.name(buyer),
    },
    issues,
  );
  if (hasOrders && raw.orders.some((o) => o.count > 0)) {
    const [from, to] = attribution.createdRange;
    const fromDay = Math.floor(from / 86400);
    const toDay = Math.floor(to / 86400);
    if (toDay < period.first || fromDay > period.last) {
      issues.push(issue('ORDERS_OUTSIDE_PERIOD', { from: formatDay(fromDay), to: formatDay(toDay), period: period.label }));
    }
  }

  // Per owner: sums over the consultations of the period.
  // Per owner: the service sums the chat digest made, and the period's inquiries and their orders.
  const NONE: OwnerService = { consulted: 0, received: 0, firstResponseSum: 0, closedRounds: 0, responseSum: 0, slowRounds: 0, unclosedRounds: 0, buyerMessages: 0, agentMessages: 0 };
  const sums = Array.from({ length: owners.count }, (_, owner) => ({ ...(cons.service[owner] ?? NONE), inquiries: 0, ordered: 0, paid: 0, touched: false }));
  for (let c = 0; c < cons.count; c++) {
    const s = sums[cons.owner[c] as number];
    if (!s) continue;
    s.touched = true;
    const day = cons.day[c] as number;
    if (day < period.first || day > period.last || !attribution.inquiry[c]) continue;
    s.inquiries++;
    if (attribution.ordered[c]) s.ordered++;
    if (attribution.paid[c]) s.paid++;
  }

  // Accounts nobody on the roster owns: what they did and were credited is the shop's, and said so.
  for (const stranger of owners.strangers) {
    const owner = ownerOf[stranger.account] as number;
    const suggestion = owners.strangers.length <= 200 ? nearestAccount(stranger.name, personAccounts) : undefined;
    const did = { consultations: sums[owner]?.consulted ?? 0, sales: formatYuan(BigInt(attribution.sales.get(owner)?.sales ?? 0)) };
    issues.push(issue('UNKNOWN_ACCOUNT', { account: stranger.name, ...did, suggestion }, raw.chat?.accountSeen.get(stranger.account)));
  }
  const unreplied = scheme.response.unrepliedAsS === undefined ? undefined : fromLiteralNumber(scheme.response.unrepliedAsS);
  const metrics = new Map<string, Metrics>();
  const unitsBySku = new Map<string, Map<string, Rational>>();
  people.forEach((person, owner) => {
    const s = sums[owner] as (typeof sums)[number];
    const sold = attribution.sales.get(owner);
    if (!s.touched && !sold) return;
    const m: Metrics = new Map();
    const set = (name: string, value: Rational | undefined) => value !== undefined && m.set(name, value);
    set('consulted', count(s.consulted));
    set('received', count(s.received));
    set('reply_rate', div(count(s.received), count(s.consulted)));
    // Unclosed rounds are left out of both means, unless the scheme counts them as `unreplied_as_s`.
    const notReceived = s.consulted - s.received;
    set('first_response_s', unreplied === undefined ? div(count(s.firstResponseSum), count(s.received)) : div(add(count(s.firstResponseSum), mul(unreplied, count(notReceived))), count(s.consulted)));
    set('avg_response_s', unreplied === undefined ? div(count(s.responseSum), count(s.closedRounds)) : div(add(count(s.responseSum), mul(unreplied, count(s.unclosedRounds))), count(s.closedRounds + s.unclosedRounds)));
    set('slow_rounds', count(s.slowRounds));
    set('buyer_messages', count(s.buyerMessages));
    set('agent_messages', count(s.agentMessages));
    set('answer_ratio', div(count(s.agentMessages), count(s.buyerMessages)));
    set('inquiries', count(s.inquiries));
    if (hasOrders) {
      set('inquiries_ordered', count(s.ordered));
      set('inquiries_paid', count(s.paid));
      set('conversion', div(count(s.paid), count(s.inquiries)));
      addSales(m, sold, raw.skus);
      if (sold) {
        const bySku = new Map<string, Rational>();
        for (const [sku, value] of units(sold.units, raw.skus).bySku) bySku.set(sku, value);
        unitsBySku.set(person.agentId, bySku);
      } else unitsBySku.set(person.agentId, new Map());
    }
    metrics.set(person.agentId, m);
  });
  return { metrics, unitsBySku, ...(hasOrders ? { shopSales: fenToYuan(BigInt(attribution.shopSales)) } : {}) };
}

function addSales(m: Metrics, sold: OwnerSales | undefined, skus: readonly string[]): void {
  const yuan = (fen: number) => fenToYuan(BigInt(fen));
  m.set('cs_orders', count(sold?.orders ?? 0));
  m.set('cs_buyers', count(sold?.buyers ?? 0));
  m.set('cs_units', sold ? units(sold.units, skus).total : ZERO);
  m.set('cs_sales', yuan(sold?.sales ?? 0));
  m.set('cs_refunds', yuan(sold?.refunds ?? 0));
  m.set('bundle_sales', yuan(sold?.bundleSales ?? 0));
}

function emptyConsultations(): Consultations {
  const i = new Int32Array(0);
  const u = new Uint32Array(0);
  return { count: 0, shop: i, owner: i, buyer: i, day: i, firstBuyerTime: u, msgStart: i, msgEnd: i, stamps: u, service: [] };
}
