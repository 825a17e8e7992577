// Core: which agent an order belongs to (落实, SPEC §2 Attribution), and what that makes of each
// agent's inquiries and sales. Orders are grouped by order id; an order's candidates are the buyer's
// inquiries in the same shop within the window before its basis time; `credit` picks among them, an
// explicit credited account overrides them, none makes the order silent (静默). Split orders are
// divided to the fen by largest remainder. Works on the compact columns of raw.ts. Pure.
import type { Consultations } from './chat-metrics.js';
import { businessDay } from './chat-metrics.js';
import { groupBy, sortRange } from './group.js';
import { lastStampAt, timeOfStamp, type OrderLines } from './raw.js';
import { splitEvenly } from '../../num/money.js';
import type { Attribution } from '../../model/scheme.js';

export interface AttributionInput {
  /** The order lines (of one bucket of buyers). */
  readonly lines: OrderLines;
  readonly consultations: Consultations;
  /** account id → owner index; owners are numbered in agent_id order, tie-breaks use it. */
  readonly ownerOf: Int32Array;
  readonly owners: number;
  readonly buyers: number;
  readonly rules: Attribution;
  readonly dayStartsAt: number;
  /** The period's first and last business day. */
  readonly first: number;
  readonly last: number;
  /** sku id → the line is a 套餐 line by the scheme's `bundles` patterns. */
  readonly bundleSku: (sku: number) => boolean;
  /** The owner whose credited orders are noted one by one (kefu explain), or −1. */
  readonly detailOwner: number;
  /** Note every owner's credited orders too, compactly (AttributionResult.allCredits). */
  readonly noteAll?: boolean;
}

/** A paid order of the period credited to the detail owner: its share of the order, in integer fen. */
export interface CreditNote {
  /** The order's dense id (within the bucket) and one of its lines (its buyer, shop and times are the order's). */
  readonly order: number;
  readonly line: number;
  readonly amount: number;
  readonly refund: number;
  readonly bundle: number;
  /** The number of agents the order is shared among (1: the owner's alone). */
  readonly sharedBy: number;
  /** Σ quantity of the lines not refunded in full (each agent of n counts quantity / n). */
  readonly quantity: number;
}

/** Per owner: what the period's credited paid orders add up to. Amounts in integer fen. */
export interface OwnerSales {
  orders: number;
  /** Distinct buyers: orders are visited buyer by buyer, so a buyer is new when it differs from the last. */
  buyers: number;
  lastBuyer: number;
  sales: number;
  refunds: number;
  bundleSales: number;
  /**
   * Credited units by SKU and split count, keyed sku × SPLIT_KEY + n: Σ quantity of the lines of that
   * SKU shared among n agents (each of whom counts quantity / n). One map update per order line.
   */
  units: Map<number, number>;
}

/** An owner with nothing sold yet. */
export const emptySales = (): OwnerSales => ({ orders: 0, buyers: 0, lastBuyer: -1, sales: 0, refunds: 0, bundleSales: 0, units: new Map() });

export interface AttributionResult {
  /** Per consultation: 1 = an inquiry (not after-sales). */
  readonly inquiry: Uint8Array;
  readonly ordered: Uint8Array;
  readonly paid: Uint8Array;
  readonly sales: ReadonlyMap<number, OwnerSales>;
  /** Σ paid amount of the period's orders (fen). */
  readonly shopSales: number;
  /** The detail owner's credited orders, in the order they were credited (input.detailOwner ≥ 0). */
  readonly credits: readonly CreditNote[];
  /** With input.noteAll: every credited share, five numbers each (ALL_CREDIT_FIELDS). */
  readonly allCredits: number[];
}

/** The five numbers of a share in AttributionResult.allCredits: owner, order (dense id), amount, refund (fen), units. */
export const ALL_CREDIT_FIELDS = 5;

const key = (shop: number, buyer: number, buyers: number) => shop * buyers + buyer;

/** Units keys: sku × SPLIT_KEY + n, n the number of agents sharing the line (fewer than this). */
export const SPLIT_KEY = 1 << 16;

function lowerBound(values: Uint32Array | Float64Array, target: number, from = 0, to = values.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type Group = { readonly start: Int32Array; readonly items: Int32Array };

/**
 * SPEC §2's attribution over one bucket of buyers: the orders grouped and paired with their (shop,
 * buyer); the consultations sorted into inquiries and after-sales; then each order credited — to its
 * explicit account, else by `credit` among its candidate inquiries — marking the inquiries it
 * converts, and its paid amount shared among its owners' sales.
 */
export function attribute(input: AttributionInput): AttributionResult {
  const { consultations: cons, rules, lines } = input;
  const window = rules.windowDays;
  const orders = groupOrders(lines);
  const pairs = pairOrders(lines, orders, cons, input.buyers);
  const { inquiry, inquiriesOfPair } = findInquiries(cons, pairs, rules.afterSaleLookbackDays);

  const ordered = new Uint8Array(cons.count);
  const paidFlags = new Uint8Array(cons.count);
  const sales = new Map<number, OwnerSales>();
  const salesOf = (owner: number): OwnerSales => {
    let s = sales.get(owner);
    if (!s) sales.set(owner, (s = emptySales()));
    return s;
  };
  let shopSales = 0;
  const credits: CreditNote[] = [];
  const allCredits: number[] = [];
  const detailOwner = input.detailOwner;
  const noteFor =
    detailOwner >= 0 || input.noteAll
      ? (owner: number) => (n: CreditNote) => {
          if (owner === detailOwner) credits.push(n);
          if (input.noteAll) allCredits.push(owner, n.order, n.amount, n.refund, n.quantity);
        }
      : undefined;

  // Attribution runs over every order in the files, pair by pair, each pair's orders by id.
  const credited: number[] = [];
  for (let pair = 0; pair < pairs.count; pair++) {
    const inquiries = inquiriesOfPair.items.subarray(inquiriesOfPair.start[pair] as number, inquiriesOfPair.start[pair + 1] as number);
    for (let k = pairs.orders.start[pair] as number; k < (pairs.orders.start[pair + 1] as number); k++) {
      const o = pairs.orders.items[k] as number;
      const first = orders.firstLine[o] as number;
      const created = lines.created[first] as number;
      const paid = lines.paid[first] as number;
      const basis = rules.basis === 'created' ? created : paid;
      if (basis === 0) continue; // unpaid under basis: paid — no basis time
      const basisDay = businessDay(basis, input.dayStartsAt);
      const from = orders.byOrder.start[o] as number;
      const to = orders.byOrder.start[o + 1] as number;

      const explicit = explicitOwner(lines, orders.byOrder.items, from, to, input.ownerOf);
      if (explicit >= 0) {
        credited.length = 1;
        credited[0] = explicit;
      } else {
        // Candidates: the buyer's inquiries that started within the window and by the basis time.
        pick(inquiries, basis, basisDay - (window - 1), rules.credit, cons, credited);
      }

      const isPaid = paid > 0;
      for (const owner of credited) {
        for (const c of inquiries) {
          if ((cons.firstBuyerTime[c] as number) > basis) break;
          if (cons.owner[c] === owner && basisDay <= (cons.day[c] as number) + window - 1) {
            ordered[c] = 1;
            if (isPaid) paidFlags[c] = 1;
          }
        }
      }

      if (!isPaid || basisDay < input.first || basisDay > input.last) continue;
      shopSales += creditSales(lines, o, orders.byOrder.items, from, to, credited, salesOf, input.bundleSku, noteFor);
    }
  }
  return { inquiry, ordered, paid: paidFlags, sales, shopSales, credits, allCredits };
}

/**
 * The order lines grouped by the dense order id, and each order's first line, whose buyer and times are
 * the order's (an order whose lines disagree was left out before the buckets: raw-metrics.ts's
 * agreeingLines); −1 for an id without lines.
 */
function groupOrders(lines: OrderLines): { count: number; byOrder: Group; firstLine: Int32Array } {
  let count = 0;
  for (let i = 0; i < lines.count; i++) count = Math.max(count, (lines.order[i] as number) + 1);
  const byOrder = groupBy(lines.count, count, (i) => lines.order[i] as number);
  const firstLine = new Int32Array(count).fill(-1);
  for (let o = 0; o < count; o++) if ((byOrder.start[o + 1] as number) > (byOrder.start[o] as number)) firstLine[o] = byOrder.items[byOrder.start[o] as number] as number;
  return { count, byOrder, firstLine };
}

/**
 * The (shop, buyer) pairs that have orders, numbered densely in (buyer, shop) order: each pair's orders
 * (`orders`, by id; the group after the last pair holds the ids without lines), their created times
 * sorted at the same positions, and each consultation's pair (−1: its buyer has no order in its shop).
 */
interface OrderPairs {
  readonly count: number;
  readonly orders: Group;
  readonly createdSorted: Float64Array;
  readonly ofConsultation: Int32Array;
}

function pairOrders(lines: OrderLines, orders: ReturnType<typeof groupOrders>, cons: Consultations, buyers: number): OrderPairs {
  const { count: orderCount, firstLine } = orders;
  // Sorted by counting, shop first then (stably) buyer, so no hash table is needed.
  let shops = 1;
  for (let o = 0; o < orderCount; o++) if ((firstLine[o] as number) >= 0) shops = Math.max(shops, (lines.shop[firstLine[o] as number] as number) + 1);
  for (let c = 0; c < cons.count; c++) shops = Math.max(shops, (cons.shop[c] as number) + 1);
  const validOrders = groupBy(orderCount, 2, (o) => ((firstLine[o] as number) >= 0 ? 0 : 1));
  const byShop = groupBy(validOrders.start[1] as number, shops, (k) => lines.shop[firstLine[validOrders.items[k] as number] as number] as number);
  const byBuyer = groupBy(byShop.items.length, buyers, (k) => lines.buyer[firstLine[validOrders.items[byShop.items[k] as number] as number] as number] as number);
  const orderPair = new Int32Array(orderCount).fill(-1);
  // A buyer's pairs, by shop: pairsOfBuyer[b] … pairsOfBuyer[b + 1] − 1, each pair's shop in pairShop.
  const pairsOfBuyer = new Int32Array(buyers + 1);
  const pairShop: number[] = [];
  let pairs = 0;
  let lastKey = -1;
  for (let k = 0; k < byBuyer.items.length; k++) {
    const o = validOrders.items[byShop.items[byBuyer.items[k] as number] as number] as number;
    const line = firstLine[o] as number;
    const pairKey = key(lines.shop[line] as number, lines.buyer[line] as number, buyers);
    if (pairKey !== lastKey) {
      pairsOfBuyer[(lines.buyer[line] as number) + 1]!++;
      pairShop.push(lines.shop[line] as number);
      pairs++;
      lastKey = pairKey;
    }
    orderPair[o] = pairs - 1;
  }
  for (let b = 0; b < buyers; b++) pairsOfBuyer[b + 1] = (pairsOfBuyer[b + 1] as number) + (pairsOfBuyer[b] as number);
  const ofConsultation = new Int32Array(cons.count).fill(-1);
  for (let c = 0; c < cons.count; c++) {
    const b = cons.buyer[c] as number;
    for (let p = pairsOfBuyer[b] as number; p < (pairsOfBuyer[b + 1] as number); p++) {
      if (pairShop[p] === cons.shop[c]) {
        ofConsultation[c] = p;
        break;
      }
    }
  }
  const ordersOfPair = groupBy(orderCount, pairs + 1, (o) => (orderPair[o] === -1 ? pairs : (orderPair[o] as number)));
  // created times, pair by pair (the pair's range in ordersOfPair), each pair's sorted.
  const createdSorted = new Float64Array(ordersOfPair.items.length);
  for (let k = 0; k < ordersOfPair.items.length; k++) createdSorted[k] = lines.created[firstLine[ordersOfPair.items[k] as number] as number] as number;
  for (let p = 0; p < pairs; p++) createdSorted.subarray(ordersOfPair.start[p] as number, ordersOfPair.start[p + 1] as number).sort();
  return { count: pairs, orders: ordersOfPair, createdSorted, ofConsultation };
}

/**
 * Inquiries (询单) and after-sales (售后): a consultation is after-sales when the buyer had an order in
 * the shop created within the lookback before its first buyer message. The inquiries of buyers with
 * orders are grouped by pair (the group after the last pair holds the rest), each pair's by first
 * message then owner, for attribution.
 */
function findInquiries(cons: Consultations, pairs: OrderPairs, lookbackDays: number): { inquiry: Uint8Array; inquiriesOfPair: Group } {
  const { orders, createdSorted } = pairs;
  const lookback = lookbackDays * 86400;
  const inquiry = new Uint8Array(cons.count);
  const consultationPair = new Int32Array(cons.count).fill(-1);
  for (let c = 0; c < cons.count; c++) {
    const pair = pairs.ofConsultation[c] as number;
    if (pair < 0) {
      inquiry[c] = 1;
      continue;
    }
    const first = cons.firstBuyerTime[c] as number;
    const from = orders.start[pair] as number;
    const before = lowerBound(createdSorted, first, from, orders.start[pair + 1] as number);
    if (before > from && (createdSorted[before - 1] as number) >= first - lookback) continue;
    inquiry[c] = 1;
    consultationPair[c] = pair;
  }
  const inquiriesOfPair = groupBy(cons.count, pairs.count + 1, (c) => (consultationPair[c] === -1 ? pairs.count : (consultationPair[c] as number)));
  const inquiryOrder = (a: number, b: number) => (cons.firstBuyerTime[a] as number) - (cons.firstBuyerTime[b] as number) || (cons.owner[a] as number) - (cons.owner[b] as number);
  for (let pair = 0; pair < pairs.count; pair++) sortRange(inquiriesOfPair.items, inquiriesOfPair.start[pair] as number, inquiriesOfPair.start[pair + 1] as number, inquiryOrder);
  return { inquiry, inquiriesOfPair };
}

/** The owner of the order's explicit credited account (落实客服; its last line's that names one), or −1. */
function explicitOwner(lines: OrderLines, items: Int32Array, from: number, to: number, ownerOf: Int32Array): number {
  let explicit = -1;
  for (let j = from; j < to; j++) {
    const account = lines.credited[items[j] as number] as number;
    if (account >= 0) explicit = ownerOf[account] as number;
  }
  return explicit;
}

/**
 * A paid order of the period, its lines items[from, to), credited: its amount, refund and bundle amount shared among `credited`
 * to the fen by largest remainder, each owner counting the order, the buyer and the units. Returns its
 * amount, for shop_sales (a silent order, 静默, counts there only). `noteFor(owner)` gives where to note
 * that owner's share, if anywhere (kefu explain).
 */
function creditSales(
  lines: OrderLines,
  order: number,
  items: Int32Array,
  from: number,
  to: number,
  credited: readonly number[],
  salesOf: (owner: number) => OwnerSales,
  bundleSku: (sku: number) => boolean,
  noteFor?: (owner: number) => (n: CreditNote) => void,
): number {
  let amount = 0;
  let refund = 0;
  let bundleAmount = 0;
  for (let j = from; j < to; j++) {
    const line = items[j] as number;
    const lineAmount = lines.amount[line] as number;
    amount += lineAmount;
    refund += lines.refund[line] as number;
    if (lines.bundle[line] === 1 || bundleSku(lines.sku[line] as number)) bundleAmount += lineAmount;
  }
  const n = credited.length;
  if (n === 0) return amount;
  const buyer = lines.buyer[items[from] as number] as number;
  // Most orders have one owner.
  const amountShares = n === 1 ? undefined : splitEvenly(BigInt(amount), n);
  const refundShares = n === 1 ? undefined : splitEvenly(BigInt(refund), n);
  const bundleShares = n === 1 ? undefined : splitEvenly(BigInt(bundleAmount), n);
  credited.forEach((owner, share) => {
    const s = salesOf(owner);
    const mine = {
      amount: amountShares ? Number(amountShares[share]) : amount,
      refund: refundShares ? Number(refundShares[share]) : refund,
      bundle: bundleShares ? Number(bundleShares[share]) : bundleAmount,
    };
    s.sales += mine.amount;
    s.refunds += mine.refund;
    s.bundleSales += mine.bundle;
    // Orders and buyers are gross, like sales (a refund later is in cs_refunds); units leave out
    // the lines refunded in full, since per_unit pays on them.
    s.orders++;
    if (s.lastBuyer !== buyer) {
      s.buyers++;
      s.lastBuyer = buyer;
    }
    let quantity = 0;
    for (let j = from; j < to; j++) {
      const line = items[j] as number;
      if (refundedInFull(lines, line)) continue;
      const unitKey = (lines.sku[line] as number) * SPLIT_KEY + n;
      s.units.set(unitKey, (s.units.get(unitKey) ?? 0) + (lines.quantity[line] as number));
      quantity += lines.quantity[line] as number;
    }
    noteFor?.(owner)({ order, line: items[from] as number, ...mine, sharedBy: n, quantity });
  });
  return amount;
}

/** A line whose refund is its whole (non-zero) amount. */
const refundedInFull = (lines: OrderLines, line: number): boolean => (lines.amount[line] as number) > 0 && (lines.refund[line] as number) >= (lines.amount[line] as number);

/**
 * The owners an order is credited to, in owner (agent_id) order, written into `into`: among the
 * inquiries (in first-message order) that started on `earliestDay` or later and by the basis time.
 */
function pick(inquiries: Int32Array, basis: number, earliestDay: number, credit: Attribution['credit'], cons: Consultations, into: number[]): void {
  let count = 0;
  let best = -1;
  let bestValue = 0;
  for (const c of inquiries) {
    if ((cons.firstBuyerTime[c] as number) > basis) break;
    if ((cons.day[c] as number) < earliestDay) continue;
    const owner = cons.owner[c] as number;
    if (credit === 'split') {
      let k = 0;
      while (k < count && into[k] !== owner) k++;
      if (k === count) into[count++] = owner;
      continue;
    }
    let value: number;
    if (credit === 'first') value = -(cons.firstBuyerTime[c] as number);
    else {
      // The candidate's last message (buyer or agent) at or before the basis time.
      const at = lowerBound(cons.stamps, lastStampAt(basis) + 1, cons.msgStart[c] as number, cons.msgEnd[c] as number) - 1;
      value = timeOfStamp(cons.stamps[at] as number);
    }
    if (best === -1 || value > bestValue || (value === bestValue && owner < (cons.owner[best] as number))) {
      best = c;
      bestValue = value;
    }
  }
  if (best >= 0) into[count++] = cons.owner[best] as number;
  if (into.length !== count) into.length = count;
  if (count > 1) into.sort((a, b) => a - b);
}
