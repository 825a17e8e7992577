// Core: which agent an order belongs to (落实, SPEC §2 Attribution), and what that makes of each
// agent's inquiries and sales. Orders are grouped by order id; an order's candidates are the buyer's
// inquiries in the same shop within the window before its basis time; `credit` picks among them, an
// explicit credited account overrides them, none makes the order silent (静默). Split orders are
// divided to the fen by largest remainder. Works on the compact columns of core/raw.ts. Pure.
import type { Consultations } from './chat-metrics.js';
import { businessDay } from './chat-metrics.js';
import { issue, type Issue } from './issues.js';
import type { OrderLines } from './raw.js';
import { splitEvenly } from './money.js';
import type { Attribution } from './scheme.js';

export interface AttributionInput {
  readonly orders: readonly OrderLines[];
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
  /** Display name of an order id, for issues. */
  readonly orderName: (order: number) => string;
}

/** Per owner: what the period's credited paid orders add up to. Amounts in integer fen. */
export interface OwnerSales {
  orders: number;
  buyers: Set<number>;
  sales: number;
  refunds: number;
  bundleSales: number;
  /** Units by split count: units[n] = Σ quantity of lines shared among n agents (so Σ units[n] / n). */
  units: Map<number, number>;
  /** Units by SKU id and split count, for per-unit commission. */
  unitsBySku: Map<number, Map<number, number>>;
}

export interface AttributionResult {
  /** Per consultation: 1 = an inquiry (not after-sales). */
  readonly inquiry: Uint8Array;
  readonly ordered: Uint8Array;
  readonly paid: Uint8Array;
  readonly sales: ReadonlyMap<number, OwnerSales>;
  /** Σ paid amount of the period's orders (fen). */
  readonly shopSales: number;
  /** Σ paid amount of the period's orders credited to no candidate and no account (fen). */
  readonly silentOrders: number;
  /** First and last created_at over all lines (wall-clock seconds), for the range warning. */
  readonly createdRange: readonly [number, number];
}

interface Order {
  readonly shop: number;
  readonly buyer: number;
  readonly created: number;
  readonly paid: number;
  readonly credited: number;
  readonly lines: { file: number; line: number }[];
}

const key = (shop: number, buyer: number, buyers: number) => shop * buyers + buyer;

function lowerBound(values: readonly number[] | Uint32Array | Float64Array, target: number, from = 0, to = values.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function attribute(input: AttributionInput, issues: Issue[]): AttributionResult {
  const { consultations: cons, rules, buyers } = input;
  const window = rules.windowDays;

  // Orders by id, their lines gathered; the lines of one order must agree (also across files).
  const orders = new Map<number, Order>();
  let minCreated = Number.POSITIVE_INFINITY;
  let maxCreated = Number.NEGATIVE_INFINITY;
  input.orders.forEach((file, f) => {
    for (let i = 0; i < file.count; i++) {
      const id = file.order[i] as number;
      const created = file.created[i] as number;
      if (created < minCreated) minCreated = created;
      if (created > maxCreated) maxCreated = created;
      const existing = orders.get(id);
      if (!existing) {
        orders.set(id, { shop: file.shop[i] as number, buyer: file.buyer[i] as number, created, paid: file.paid[i] as number, credited: file.credited[i] as number, lines: [{ file: f, line: i }] });
        continue;
      }
      if (existing.buyer !== file.buyer[i] || existing.created !== created || existing.paid !== file.paid[i]) {
        issues.push(issue('ORDER_CONFLICT', { order: input.orderName(id), column: existing.buyer !== file.buyer[i] ? 'buyer' : 'created_at/paid_at', value: '', other: '', otherLine: file.firstSeen.get(id)?.line ?? '?' }, file.firstSeen.get(id)));
        continue;
      }
      existing.lines.push({ file: f, line: i });
    }
  });

  // After-sales (售后): the buyer had an order in the shop created within the lookback before.
  const createdByBuyer = new Map<number, number[]>();
  for (const order of orders.values()) {
    const k = key(order.shop, order.buyer, buyers);
    const list = createdByBuyer.get(k);
    if (list) list.push(order.created);
    else createdByBuyer.set(k, [order.created]);
  }
  for (const list of createdByBuyer.values()) list.sort((a, b) => a - b);
  const lookback = rules.afterSaleLookbackDays * 86400;
  const inquiry = new Uint8Array(cons.count);
  const inquiriesByBuyer = new Map<number, number[]>();
  for (let c = 0; c < cons.count; c++) {
    const first = cons.firstBuyerTime[c] as number;
    const k = key(cons.shop[c] as number, cons.buyer[c] as number, buyers);
    const created = createdByBuyer.get(k);
    const before = created ? lowerBound(created, first) : 0;
    const afterSale = created !== undefined && before > 0 && (created[before - 1] as number) >= first - lookback;
    if (afterSale) continue;
    inquiry[c] = 1;
    const list = inquiriesByBuyer.get(k);
    if (list) list.push(c);
    else inquiriesByBuyer.set(k, [c]);
  }
  for (const list of inquiriesByBuyer.values()) list.sort((a, b) => (cons.firstBuyerTime[a] as number) - (cons.firstBuyerTime[b] as number) || (cons.owner[a] as number) - (cons.owner[b] as number));

  const ordered = new Uint8Array(cons.count);
  const paidFlags = new Uint8Array(cons.count);
  const sales = new Map<number, OwnerSales>();
  const salesOf = (owner: number): OwnerSales => {
    let s = sales.get(owner);
    if (!s) sales.set(owner, (s = { orders: 0, buyers: new Set(), sales: 0, refunds: 0, bundleSales: 0, units: new Map(), unitsBySku: new Map() }));
    return s;
  };
  let shopSales = 0;
  let silent = 0;

  // Attribution runs over every order in the files, in order id order so the result never depends
  // on the order of rows.
  const ids = [...orders.keys()].sort((a, b) => a - b);
  for (const id of ids) {
    const order = orders.get(id) as Order;
    const basis = rules.basis === 'created' ? order.created : order.paid;
    if (basis === 0) continue; // unpaid under basis: paid — no basis time
    const basisDay = businessDay(basis, input.dayStartsAt);
    const k = key(order.shop, order.buyer, buyers);
    const inquiries = inquiriesByBuyer.get(k) ?? [];

    let credited: number[];
    if (order.credited >= 0) credited = [input.ownerOf[order.credited] as number];
    else {
      const candidates: number[] = [];
      for (const c of inquiries) {
        if ((cons.firstBuyerTime[c] as number) > basis) break;
        if ((cons.day[c] as number) >= basisDay - (window - 1)) candidates.push(c);
      }
      credited = pick(candidates, basis, rules.credit, cons);
    }

    const isPaid = order.paid > 0;
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
    let amount = 0;
    let refund = 0;
    let bundleAmount = 0;
    let counted = false;
    for (const { file, line } of order.lines) {
      const lines = input.orders[file] as OrderLines;
      const lineAmount = lines.amount[line] as number;
      amount += lineAmount;
      refund += lines.refund[line] as number;
      const bundle = lines.bundle[line];
      if (bundle === 1 || input.bundleSku(lines.sku[line] as number)) bundleAmount += lineAmount;
      if ((lines.refund[line] as number) < lineAmount || lineAmount === 0) counted = true;
    }
    shopSales += amount;
    if (credited.length === 0) {
      silent += amount;
      continue;
    }
    const n = credited.length;
    const amountShares = splitEvenly(BigInt(amount), n);
    const refundShares = splitEvenly(BigInt(refund), n);
    const bundleShares = splitEvenly(BigInt(bundleAmount), n);
    credited.forEach((owner, share) => {
      const s = salesOf(owner);
      s.sales += Number(amountShares[share]);
      s.refunds += Number(refundShares[share]);
      s.bundleSales += Number(bundleShares[share]);
      if (!counted) return; // every line refunded in full: not an order, a buyer or units
      s.orders++;
      s.buyers.add(order.buyer);
      for (const { file, line } of order.lines) {
        const lines = input.orders[file] as OrderLines;
        if ((lines.refund[line] as number) >= (lines.amount[line] as number) && (lines.amount[line] as number) > 0) continue;
        const quantity = lines.quantity[line] as number;
        s.units.set(n, (s.units.get(n) ?? 0) + quantity);
        const sku = lines.sku[line] as number;
        let bySplit = s.unitsBySku.get(sku);
        if (!bySplit) s.unitsBySku.set(sku, (bySplit = new Map()));
        bySplit.set(n, (bySplit.get(n) ?? 0) + quantity);
      }
    });
  }
  return {
    inquiry,
    ordered,
    paid: paidFlags,
    sales,
    shopSales,
    silentOrders: silent,
    createdRange: [minCreated, maxCreated],
  };
}

/** The owners an order is credited to, in owner (agent_id) order. */
function pick(candidates: readonly number[], basis: number, credit: Attribution['credit'], cons: Consultations): number[] {
  if (candidates.length === 0) return [];
  if (credit === 'split') return [...new Set(candidates.map((c) => cons.owner[c] as number))].sort((a, b) => a - b);
  let best = -1;
  let bestValue = 0;
  for (const c of candidates) {
    const owner = cons.owner[c] as number;
    let value: number;
    if (credit === 'first') value = -(cons.firstBuyerTime[c] as number);
    else {
      // The candidate's last message (buyer or agent) at or before the basis time.
      const at = lowerBound(cons.times, basis + 1, cons.msgStart[c] as number, cons.msgEnd[c] as number) - 1;
      value = cons.times[at] as number;
    }
    if (best === -1 || value > bestValue || (value === bestValue && owner < (cons.owner[best] as number))) {
      best = c;
      bestValue = value;
    }
  }
  return [cons.owner[best] as number];
}
