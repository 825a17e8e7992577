// Core: the metrics of SPEC §2 from the raw month — consultations and rounds from the chat log, then
// attribution of the orders — as exact numbers per roster person, plus the team's shop sales. The
// month is worked out one bucket of buyers at a time (a conversation and an order are each one
// buyer's), so that only one bucket's messages are ever in memory: workBucket works one bucket out (on
// any thread), RawMonthBuilder hands out each bucket's order lines and sums what each bucket gives by
// owner. Every account the roster does not know is an owner of its own
// (it takes part in attribution; what it is credited goes to no one's sales) and a warning. Pure.
import { ALL_CREDIT_FIELDS, attribute, emptySales, SPLIT_KEY, type CreditNote, type OwnerSales } from './attribution.js';
import { consultations, emptyService, type ChatRules, type OwnerService } from './chat-metrics.js';
import { assignOwners, type Owners } from './owners.js';
import type { RosterEntry } from '../../model/dataset.js';
import { formatDay, formatTimestamp, type Period } from '../../num/dates.js';
import { issue, type Issue, type Source } from '../../model/issues.js';
import { fenToYuan, formatYuan, type Fen } from '../../num/money.js';
import { orderColumns, type ChatLog, type ColumnType, type NameTable, type OrderLines, type TypedColumn } from './raw.js';
import { type Rational, rational, div, add, mul, fromLiteralNumber, ZERO } from '../../num/rational.js';
import type { Scheme } from '../../model/scheme.js';
import type { Metrics } from '../metrics.js';
import { globMatcher } from '../../model/glob.js';
import { groupBy } from './group.js';
import { nearestAccount } from '../../model/suggest.js';

export interface RawResult {
  /** Metrics by agent_id, for every roster person the raw files speak of. */
  readonly metrics: ReadonlyMap<string, Metrics>;
  /** Credited paid units by SKU, by agent_id (for per-unit commission), when order reports were given. */
  readonly unitsBySku: ReadonlyMap<string, ReadonlyMap<string, Rational>>;
  /** Σ paid amount of the period's orders, when there were order files (without them: no sales metrics, no units). */
  readonly shopSales?: Rational;
  /** The metrics of the accounts the roster does not know, together: they count for the shop, for no person. */
  readonly unknown?: Metrics;
  /** Those accounts' names (a stats row of one of them is left out of the shop line: the raw data wins). */
  readonly unknownAccounts: readonly string[];
  /** The rows behind the counts of the agent asked for (`detailFor`), when the raw files speak of them. */
  readonly detail?: { readonly agentId: string; readonly rows: RawDetail };
  /** Every agent's credited paid orders of the period (RawAsk.credits), by order id then agent_id. */
  readonly credits?: OrderCredits;
}

/**
 * Every agent's share of each paid order of the period (a final month's credits.json), in columns: a
 * month has a million of them. Share k is order[k] credited to agentId[k]: amount[k] and refund[k]
 * in fen, units[k] of the order's lines not refunded in full (before any split). By order id, then agent_id.
 */
export interface OrderCredits {
  readonly count: number;
  readonly order: readonly string[];
  readonly agentId: readonly string[];
  readonly amount: BigInt64Array;
  readonly refund: BigInt64Array;
  readonly units: Float64Array;
}

/** What a raw month lists besides its sums: one agent's rows (kefu explain), every agent's credited orders. */
export interface RawAsk {
  readonly detailFor?: string;
  readonly credits?: boolean;
}

/**
 * One agent's raw month row by row (kefu explain): the period's consultations, the rounds slower than
 * slow_after_s, and the paid orders of the period credited to them with their share. Their counts and
 * sums are the agent's metrics: consultations = consulted, those with a first response = received, and
 * so on; the orders' shares add up to cs_sales, cs_refunds and bundle_sales. Times are wall-clock seconds.
 */
export interface RawDetail {
  /** The scheme's slow_after_s, which made the slow rounds. */
  readonly slowAfterS: number;
  readonly consultations: readonly ConsultationRow[];
  readonly slowRounds: readonly SlowRound[];
  readonly orders: readonly CreditedOrder[];
}

export interface ConsultationRow {
  readonly buyer: string;
  readonly shop: string;
  /** Its business day, and the time of its first buyer message. */
  readonly day: number;
  readonly firstMessage: number;
  /** Seconds to its first response, when received within round_timeout_s. */
  readonly firstResponseS?: number;
  /** An inquiry (询单), not after-sales; one that led to an order of the buyer's credited to the agent; a paid one. */
  readonly inquiry: boolean;
  readonly ordered: boolean;
  readonly paid: boolean;
}

export interface SlowRound {
  readonly buyer: string;
  readonly shop: string;
  readonly opened: number;
  readonly waitS: number;
}

export interface CreditedOrder {
  readonly order: string;
  readonly buyer: string;
  readonly shop: string;
  /** When it was paid. */
  readonly paidAt: number;
  /** The agent's share of the order's amount, refund and 套餐 amount (all of it when sharedBy is 1). */
  readonly amount: Fen;
  readonly refund: Fen;
  readonly bundle: Fen;
  readonly sharedBy: number;
  /** Units of the lines not refunded in full, before the share (the agent counts quantity / sharedBy). */
  readonly quantity: number;
}

/**
 * The chat logs and order reports as read, from which the core works the raw month out under the
 * scheme it is computing (its day start, response rules, attribution, bundles) and the roster's owners
 * of each account. Read once by the caller; worked out here, bucket by bucket, wherever the caller runs them.
 */
export interface RawSource {
  /** `asked`: the agent whose rows the result lists one by one (RawResult.detail), every agent's credited orders (RawResult.credits). */
  month(scheme: Scheme, period: Period, roster: readonly RosterEntry[], issues: Issue[], asked?: RawAsk): Promise<RawResult>;
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

/** What the raw files gave besides the buckets of messages: names, channels and the order lines. */
export interface RawTables {
  readonly accounts: readonly string[];
  readonly shops: readonly string[];
  readonly skus: readonly string[];
  /** Channel id → its shop and account ids (a chat message's shop and account). */
  readonly channelShop: Int32Array;
  readonly channelAccount: Int32Array;
  /** The order reports' buyers: id → the bucket of their name (the same bucket their messages were filed into). */
  readonly buyerBucket: Uint8Array;
  readonly buyerNames: NameTable;
  /** The order reports' buyers' names as UTF-8 bytes: id e is arena[keyStart[e], keyStart[e + 1]). */
  readonly buyerKeys: { readonly arena: Uint8Array; readonly keyStart: Int32Array };
  readonly orderIds: NameTable;
  /** Where each account was first seen in a chat log. */
  readonly accountSeen: ReadonlyMap<number, Source>;
  readonly orders: readonly OrderLines[];
  /** Whether order reports were given at all (no orders: no sales metrics, not zero ones). */
  readonly hasOrders: boolean;
  /** The time of the last message of all the chat logs. */
  readonly logEnd: number;
}

/**
 * One bucket's order lines, with each buyer given by its name: `lines.buyer` numbers 0…k−1 index the
 * names of `keys` (UTF-8 bytes), to be numbered together with the bucket's chat messages' buyers.
 */
export interface BucketOrders {
  readonly lines: OrderLines;
  readonly keys: { readonly arena: Uint8Array; readonly keyStart: Int32Array; readonly count: number };
}

/** What working a bucket needs besides the bucket: the same for every bucket. */
export interface BucketRules {
  readonly ownerOf: Int32Array;
  readonly owners: number;
  readonly channelShop: Int32Array;
  readonly channelAccount: Int32Array;
  readonly chat: ChatRules;
  readonly attribution: Scheme['attribution'];
  readonly period: { readonly first: number; readonly last: number };
  /** sku id → 1 when the scheme's `bundles` patterns make it a 套餐 line. */
  readonly bundleSku: Uint8Array;
  /** Note every owner's credited orders (BucketSums.allCredits). */
  readonly allCredits: boolean;
}

/** One bucket: its messages and its order lines, buyers numbered 0…buyers−1 within the bucket. */
export interface BucketJob {
  readonly index: number;
  readonly buyers: number;
  readonly count: number;
  readonly stamp: Uint32Array;
  readonly channel: Int32Array;
  readonly buyer: Int32Array;
  readonly lines: OrderLines;
  /** A buyer's name (its number within the bucket), for the rows of kefu explain. */
  readonly buyerName: (buyer: number) => string;
}

/** The detail owner's rows of one bucket (plain data: it crosses threads): shops, orders by their ids. */
interface BucketDetail {
  readonly consultations: { buyer: string; shop: number; day: number; first: number; wait: number; inquiry: boolean; ordered: boolean; paid: boolean }[];
  readonly slow: { buyer: string; shop: number; opened: number; wait: number }[];
  readonly credits: (CreditNote & { buyer: string; shop: number; paidAt: number })[];
}

/** What one bucket adds up to, by owner (plain data: it crosses threads). */
export interface BucketSums {
  readonly index: number;
  readonly service: readonly OwnerService[];
  /** Per owner: 1 if the bucket has a consultation of theirs (of any day). */
  readonly touched: Uint8Array;
  readonly inquiries: Int32Array;
  readonly ordered: Int32Array;
  readonly paid: Int32Array;
  readonly sales: readonly [number, OwnerSales][];
  readonly shopSales: number;
  readonly detail?: BucketDetail;
  /** Every credited share, ALL_CREDIT_FIELDS numbers each, the order by its dense id in the bucket (rules.allCredits). */
  readonly allCredits?: Float64Array;
}

/** Consultations, rounds and attribution of one bucket of buyers, summed by owner. Pure. */
export function workBucket(rules: BucketRules, job: BucketJob): BucketSums {
  const { owners, period } = rules;
  const log: ChatLog = { count: job.count, stamp: job.stamp, channel: job.channel, buyer: job.buyer, channelShop: rules.channelShop, channelAccount: rules.channelAccount };
  const cons = consultations(log, rules.ownerOf, Math.max(owners, 1), job.buyers, rules.chat, period);
  const attribution = attribute({
    lines: job.lines,
    consultations: cons,
    ownerOf: rules.ownerOf,
    owners,
    buyers: job.buyers,
    rules: rules.attribution,
    dayStartsAt: rules.chat.dayStartsAt,
    first: period.first,
    last: period.last,
    bundleSku: (sku) => rules.bundleSku[sku] === 1,
    detailOwner: rules.chat.detailOwner,
    noteAll: rules.allCredits,
  });
  const touched = new Uint8Array(owners);
  const inquiries = new Int32Array(owners);
  const ordered = new Int32Array(owners);
  const paid = new Int32Array(owners);
  for (let c = 0; c < cons.count; c++) {
    const owner = cons.owner[c] as number;
    touched[owner] = 1;
    const day = cons.day[c] as number;
    if (day < period.first || day > period.last || !attribution.inquiry[c]) continue;
    inquiries[owner]!++;
    if (attribution.ordered[c]) ordered[owner]!++;
    if (attribution.paid[c]) paid[owner]!++;
  }
  const detail = rules.chat.detailOwner >= 0 ? bucketDetail(rules.chat.detailOwner, job, cons, attribution, period) : undefined;
  const allCredits = rules.allCredits ? Float64Array.from(attribution.allCredits) : undefined;
  return { index: job.index, service: cons.service, touched, inquiries, ordered, paid, sales: [...attribution.sales], shopSales: attribution.shopSales, ...(detail ? { detail } : {}), ...(allCredits ? { allCredits } : {}) };
}

/** The detail owner's consultations of the period, slow rounds and credited orders in one bucket. */
function bucketDetail(owner: number, job: BucketJob, cons: ReturnType<typeof consultations>, attribution: ReturnType<typeof attribute>, period: BucketRules['period']): BucketDetail {
  const detail: BucketDetail = { consultations: [], slow: [], credits: [] };
  const firstWait = cons.detail?.firstWait;
  for (let c = 0; c < cons.count; c++) {
    const day = cons.day[c] as number;
    if (cons.owner[c] !== owner || day < period.first || day > period.last) continue;
    detail.consultations.push({
      buyer: job.buyerName(cons.buyer[c] as number),
      shop: cons.shop[c] as number,
      day,
      first: cons.firstBuyerTime[c] as number,
      wait: firstWait?.[c] ?? -1,
      inquiry: attribution.inquiry[c] === 1,
      ordered: attribution.ordered[c] === 1,
      paid: attribution.paid[c] === 1,
    });
  }
  for (const round of cons.detail?.slow ?? []) {
    detail.slow.push({ buyer: job.buyerName(cons.buyer[round.consultation] as number), shop: cons.shop[round.consultation] as number, opened: round.opened, wait: round.wait });
  }
  const { lines } = job;
  for (const credit of attribution.credits) {
    detail.credits.push({ ...credit, buyer: job.buyerName(lines.buyer[credit.line] as number), shop: lines.shop[credit.line] as number, paidAt: lines.paid[credit.line] as number });
  }
  return detail;
}

interface OwnerSums extends OwnerService {
  inquiries: number;
  ordered: number;
  paid: number;
  touched: boolean;
}

const ownerSums = (): OwnerSums => ({ ...emptyService(), inquiries: 0, ordered: 0, paid: 0, touched: false });

/**
 * Works the raw month out bucket by bucket: hands out each bucket's order lines (orders) and the
 * rules (bucketRules) for workBucket, takes each bucket's sums once (add), then finish(). Order and
 * buyer ids in a bucket are numbered afresh within it, so each bucket's tables are small.
 */
export class RawMonthBuilder {
  private readonly owners: Owners;
  private readonly sums: OwnerSums[];
  private readonly sales = new Map<number, OwnerSales>();
  private shopSales = 0;
  /** The kept order lines (those of orders whose lines agree), laid out bucket by bucket. */
  private readonly lines: OrderLines;
  /** Bucket b's lines are lines[linesOfBucket[b], linesOfBucket[b + 1]). */
  private readonly linesOfBucket: Int32Array;
  /** The earliest and latest created_at of all the order lines (0, 0 without any). */
  private readonly createdRange: readonly [number, number];
  /** sku id → 1 when the scheme's `bundles` patterns make it a 套餐 line. */
  private readonly bundleSku: Uint8Array;
  /** Marks for numberDensely: an order id's, and an order buyer's, number within one bucket (−1 between uses). */
  private readonly localOrder: Int32Array;
  private readonly localBuyer: Int32Array;
  private readonly buyerKeys: RawTables['buyerKeys'];

  /** What the buckets need of the tables: the big name tables (buyers, order ids) are not kept. */
  private readonly tables: Omit<RawTables, 'buyerNames' | 'orderIds' | 'orders' | 'buyerBucket' | 'buyerKeys'>;
  /** The owner whose rows are listed (kefu explain), or −1; then the order ids are kept, and each bucket's. */
  private readonly detailOwner: number;
  private readonly detail?: {
    readonly agentId: string;
    readonly rows: BucketDetail[];
  };
  /** Kept when rows are listed (detail, credits): the order ids, and bucket b's dense id k is orderGlobals[b][k]. */
  private readonly orderIds?: NameTable;
  private readonly orderGlobals: number[][] = [];
  /** Every owner's credited shares (RawAsk.credits): owner, global order id, amount, refund, units. */
  private readonly credits?: number[];

  constructor(
    raw: RawTables,
    roster: readonly RosterEntry[],
    private readonly scheme: Scheme,
    private readonly period: Period,
    buckets: number,
    issues: Issue[],
    asked: RawAsk = {},
  ) {
    const { detailFor } = asked;
    this.tables = { accounts: raw.accounts, shops: raw.shops, skus: raw.skus, channelShop: raw.channelShop, channelAccount: raw.channelAccount, accountSeen: raw.accountSeen, hasOrders: raw.hasOrders, logEnd: raw.logEnd };
    this.localBuyer = new Int32Array(raw.buyerBucket.length).fill(-1);
    this.buyerKeys = raw.buyerKeys;
    this.owners = assignOwners(roster, raw.accounts);
    this.detailOwner = detailFor === undefined ? -1 : this.owners.people.findIndex((p) => p.agentId === detailFor);
    if (this.detailOwner >= 0) this.detail = { agentId: detailFor as string, rows: [] };
    if (asked.credits) this.credits = [];
    if (this.detail || this.credits) this.orderIds = raw.orderIds;
    this.sums = Array.from({ length: this.owners.count }, ownerSums);
    const lines = joinLines(raw.orders);
    let orders = 0;
    for (let i = 0; i < lines.count; i++) orders = Math.max(orders, (lines.order[i] as number) + 1);
    // The lines of one order must agree on buyer and times: checked here over all files, as lines
    // with two buyers would otherwise fall into two buckets. An order that disagrees is left out.
    const valid = agreeingLines(lines, orders, raw, issues);
    this.createdRange = createdRange(lines);
    // The lines laid out bucket by bucket, so that a bucket's lines are one range of every column: a
    // counting sort, each column scattered in one pass that reads in file order and writes at 64
    // moving places (gathering a bucket's lines from all over the columns missed the cache at every line).
    const start = new Int32Array(buckets + 1);
    const bucketOf = (i: number) => raw.buyerBucket[lines.buyer[i] as number] as number;
    for (let i = 0; i < lines.count; i++) if (valid[i]) start[bucketOf(i) + 1]!++;
    for (let b = 0; b < buckets; b++) start[b + 1] = (start[b + 1] as number) + (start[b] as number);
    const next = start.slice(0, buckets);
    const place = new Int32Array(lines.count).fill(-1);
    for (let i = 0; i < lines.count; i++) if (valid[i]) place[i] = next[bucketOf(i)]!++;
    const kept = start[buckets] as number;
    this.linesOfBucket = start;
    // Each column is laid out in one scratch buffer and copied back over itself: one column's worth of
    // memory more, not a second copy of the report.
    const scratch = new ArrayBuffer(8 * lines.count);
    this.lines = {
      ...orderColumns((name) => scatter(lines[name], place, kept, scratch)),
      count: kept,
      // Where each line came from is not needed past the checks above.
      files: lines.files,
      fileOf: new Uint8Array(0),
      lineNumber: new Int32Array(0),
    };
    const bundle = globMatcher(scheme.bundles);
    this.bundleSku = Uint8Array.from(raw.skus, (sku) => (sku !== '' && bundle(sku) ? 1 : 0));
    this.localOrder = new Int32Array(orders).fill(-1);
  }

  /** The rules and tables every bucket is worked with: the same for all, sent once to each thread. */
  bucketRules(): BucketRules {
    const { scheme, period, owners, tables } = this;
    const dayStartsAt = scheme.dayStartsAtMinutes * 60;
    return {
      ownerOf: owners.ownerOf,
      owners: owners.count,
      channelShop: tables.channelShop,
      channelAccount: tables.channelAccount,
      chat: { dayStartsAt, roundTimeout: scheme.response.roundTimeoutS, slowAfter: scheme.response.slowAfterS, hours: scheme.response.hours, logEnd: tables.logEnd, detailOwner: this.detailOwner },
      attribution: scheme.attribution,
      period: { first: period.first, last: period.last },
      bundleSku: this.bundleSku,
      allCredits: this.credits !== undefined,
    };
  }

  /** Add what one bucket gave (workBucket's result) to the month's sums. */
  add(result: BucketSums): void {
    result.service.forEach((service, owner) => {
      const s = this.sums[owner] as OwnerSums;
      addSums(s, service);
      if (result.touched[owner]) s.touched = true;
      s.inquiries += result.inquiries[owner] as number;
      s.ordered += result.ordered[owner] as number;
      s.paid += result.paid[owner] as number;
    });
    this.shopSales += result.shopSales;
    for (const [owner, sold] of result.sales) {
      const total = this.sales.get(owner);
      if (total) addSales(total, sold);
      else this.sales.set(owner, sold);
    }
    const globals = this.orderGlobals[result.index] ?? [];
    if (this.detail && result.detail) {
      this.detail.rows.push({ ...result.detail, credits: result.detail.credits.map((c) => ({ ...c, order: globals[c.order] as number })) });
    }
    if (this.credits && result.allCredits) {
      const all = result.allCredits;
      for (let k = 0; k < all.length; k += ALL_CREDIT_FIELDS) {
        this.credits.push(all[k] as number, globals[all[k + 1] as number] as number, all[k + 2] as number, all[k + 3] as number, all[k + 4] as number);
      }
    }
  }

  /** The order lines of one bucket, order ids numbered afresh, each buyer given by its name. */
  orders(index: number): BucketOrders {
    const { lines, localOrder, localBuyer, buyerKeys } = this;
    const from = this.linesOfBucket[index] as number;
    const to = this.linesOfBucket[index + 1] as number;
    const { local: order, globals: orderGlobals } = numberDensely(lines.order, from, to, localOrder);
    if (this.orderIds) this.orderGlobals[index] = orderGlobals;
    // The bucket's buyers numbered 0…k−1, with their names' bytes.
    const { local: buyer, globals: named } = numberDensely(lines.buyer, from, to, localBuyer);
    const keyStart = new Int32Array(named.length + 1);
    for (let k = 0; k < named.length; k++) {
      const global = named[k] as number;
      keyStart[k + 1] = (keyStart[k] as number) + (buyerKeys.keyStart[global + 1] as number) - (buyerKeys.keyStart[global] as number);
    }
    const arena = new Uint8Array(keyStart[named.length] as number);
    for (let k = 0; k < named.length; k++) {
      const global = named[k] as number;
      arena.set(buyerKeys.arena.subarray(buyerKeys.keyStart[global] as number, buyerKeys.keyStart[global + 1] as number), keyStart[k] as number);
    }
    return {
      keys: { arena, keyStart, count: named.length },
      lines: {
        ...orderColumns((name) => (name === 'order' ? order : name === 'buyer' ? buyer : lines[name].slice(from, to))),
        count: to - from,
        files: lines.files,
        fileOf: new Uint8Array(0),
        lineNumber: new Int32Array(0),
      },
    };
  }

  finish(issues: Issue[]): RawResult {
    const { tables, owners, sums, sales, period, scheme } = this;
    const hasOrders = tables.hasOrders;
    const [from, to] = this.createdRange;
    if (hasOrders && to > 0) {
      const fromDay = Math.floor(from / 86400);
      const toDay = Math.floor(to / 86400);
      if (toDay < period.first || fromDay > period.last) {
        issues.push(issue('ORDERS_OUTSIDE_PERIOD', { from: formatDay(fromDay), to: formatDay(toDay), period: period.label }));
      }
    }
    // Accounts nobody on the roster owns: what they did and were credited is the shop's, and said so.
    const personAccounts = owners.people.flatMap((p) => p.accounts);
    for (const stranger of owners.strangers) {
      const owner = owners.ownerOf[stranger.account] as number;
      const suggestion = owners.strangers.length <= 200 ? nearestAccount(stranger.name, personAccounts) : undefined;
      const did = { consultations: sums[owner]?.consulted ?? 0, sales: formatYuan(BigInt(sales.get(owner)?.sales ?? 0)) };
      issues.push(issue('UNKNOWN_ACCOUNT', { account: stranger.name, ...did, suggestion }, tables.accountSeen.get(stranger.account)));
    }
    if (this.shopSales > Number.MAX_SAFE_INTEGER) issues.push(issue('AMOUNTS_TOO_LARGE', { total: formatYuan(BigInt(this.shopSales)) }));
    if (!hasOrders) issues.push(issue('RAW_WITHOUT_ORDERS'));
    const unreplied = scheme.response.unrepliedAsS === undefined ? undefined : fromLiteralNumber(scheme.response.unrepliedAsS);
    const metricsOf = (s: OwnerSums, sold: OwnerSales | undefined, credited: ReturnType<typeof units> | undefined): Metrics =>
      serviceAndSales(s, sold, credited?.total, hasOrders, unreplied);
    const metrics = new Map<string, Metrics>();
    const unitsBySku = new Map<string, Map<string, Rational>>();
    owners.people.forEach((person, owner) => {
      const s = sums[owner] as OwnerSums;
      const sold = sales.get(owner);
      if (!s.touched && !sold) return;
      const credited = sold ? units(sold.units, tables.skus) : undefined;
      metrics.set(person.agentId, metricsOf(s, sold, credited));
      if (hasOrders) unitsBySku.set(person.agentId, credited?.bySku ?? new Map());
    });
    // The accounts nobody on the roster owns, together: the shop's numbers beyond the team's.
    let unknown: Metrics | undefined;
    if (owners.strangers.length > 0) {
      const s = ownerSums();
      const sold = emptySales();
      for (const stranger of owners.strangers) {
        const owner = owners.ownerOf[stranger.account] as number;
        addSums(s, sums[owner] as OwnerSums);
        const theirs = sales.get(owner);
        if (theirs) addSales(sold, theirs);
      }
      unknown = metricsOf(s, sold, units(sold.units, tables.skus));
    }
    const unknownAccounts = owners.strangers.map((s) => s.name);
    const detail = this.detail ? { agentId: this.detail.agentId, rows: this.detailRows(this.detail) } : undefined;
    const credits = this.credits ? this.creditRows(this.credits) : undefined;
    return { metrics, unitsBySku, unknownAccounts, ...(hasOrders ? { shopSales: fenToYuan(BigInt(this.shopSales)) } : {}), ...(unknown ? { unknown } : {}), ...(detail ? { detail } : {}), ...(credits ? { credits } : {}) };
  }

  /** Every person's credited shares by order id, then agent_id (an account nobody on the roster owns is the shop's: left out). */
  private creditRows(all: readonly number[]): OrderCredits {
    const ids = this.orderIds as NameTable;
    const people = this.owners.people;
    const kept: number[] = [];
    for (let k = 0; k < all.length; k += ALL_CREDIT_FIELDS) if (people[all[k] as number]) kept.push(k);
    const names = kept.map((k) => ids.name(all[k + 1] as number));
    const agents = kept.map((k) => (people[all[k] as number] as { agentId: string }).agentId);
    const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const sorted = Int32Array.from(kept.keys()).sort((x, y) => byText(names[x] as string, names[y] as string) || byText(agents[x] as string, agents[y] as string));
    const count = sorted.length;
    const credits = { count, order: new Array<string>(count), agentId: new Array<string>(count), amount: new BigInt64Array(count), refund: new BigInt64Array(count), units: new Float64Array(count) };
    sorted.forEach((i, row) => {
      const k = kept[i] as number;
      credits.order[row] = names[i] as string;
      credits.agentId[row] = agents[i] as string;
      credits.amount[row] = BigInt(all[k + 2] as number);
      credits.refund[row] = BigInt(all[k + 3] as number);
      credits.units[row] = all[k + 4] as number;
    });
    return credits;
  }

  /** The detail owner's rows of every bucket, by name and in time order (then buyer, shop and order: the same on any thread). */
  private detailRows(detail: NonNullable<RawMonthBuilder['detail']>): RawDetail {
    const orderIds = this.orderIds as NameTable;
    const shop = (id: number) => this.tables.shops[id] ?? '';
    const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const rows = detail.rows;
    const consultations: ConsultationRow[] = rows
      .flatMap((r) => r.consultations)
      .map((c) => ({ buyer: c.buyer, shop: shop(c.shop), day: c.day, firstMessage: c.first, ...(c.wait >= 0 ? { firstResponseS: c.wait } : {}), inquiry: c.inquiry, ordered: c.ordered, paid: c.paid }))
      .sort((a, b) => a.firstMessage - b.firstMessage || byText(a.buyer, b.buyer) || byText(a.shop, b.shop));
    const slowRounds: SlowRound[] = rows
      .flatMap((r) => r.slow)
      .map((r) => ({ buyer: r.buyer, shop: shop(r.shop), opened: r.opened, waitS: r.wait }))
      .sort((a, b) => a.opened - b.opened || byText(a.buyer, b.buyer) || byText(a.shop, b.shop));
    const orders: CreditedOrder[] = rows
      .flatMap((r) => r.credits)
      .map((c) => ({ order: orderIds.name(c.order), buyer: c.buyer, shop: shop(c.shop), paidAt: c.paidAt, amount: BigInt(c.amount), refund: BigInt(c.refund), bundle: BigInt(c.bundle), sharedBy: c.sharedBy, quantity: c.quantity }))
      .sort((a, b) => a.paidAt - b.paidAt || byText(a.order, b.order));
    return { slowAfterS: this.scheme.response.slowAfterS, consultations, slowRounds, orders };
  }
}

/** Add one owner's (or one bucket's) sums into another's: every count, and whether they were touched. */
function addSums(into: OwnerSums, from: OwnerService | OwnerSums): void {
  for (const key of Object.keys(from) as (keyof OwnerSums)[]) {
    if (key === 'touched') into.touched ||= (from as OwnerSums).touched;
    else into[key] += (from as OwnerSums)[key];
  }
}

/** Add one bucket's (or one owner's) sales into another's: buckets hold different buyers, so distinct buyers add up. */
function addSales(into: OwnerSales, from: OwnerSales): void {
  into.orders += from.orders;
  into.buyers += from.buyers;
  into.sales += from.sales;
  into.refunds += from.refunds;
  into.bundleSales += from.bundleSales;
  for (const [key, units] of from.units) into.units.set(key, (into.units.get(key) ?? 0) + units);
}

/**
 * SPEC §2's metrics from an owner's sums: the service metrics, and with order reports the sales ones.
 * `unitTotal` is the owner's credited units; `unreplied` the scheme's `unreplied_as_s`.
 */
function serviceAndSales(s: OwnerSums, sold: OwnerSales | undefined, unitTotal: Rational | undefined, hasOrders: boolean, unreplied: Rational | undefined): Metrics {
  const m: Metrics = new Map();
  const set = (name: string, value: Rational | undefined) => value !== undefined && m.set(name, value);
  set('consulted', count(s.consulted));
  set('received', count(s.received));
  set('reply_rate', div(count(s.received), count(s.consulted)));
  // Unanswered consultations and unclosed rounds are left out of the means, unless the scheme counts them as `unreplied_as_s`.
  const notReceived = s.consulted - s.received;
  set('first_response_s', unreplied === undefined ? div(count(s.firstResponseSum), count(s.received)) : div(add(count(s.firstResponseSum), mul(unreplied, count(notReceived))), count(s.consulted)));
  set('avg_response_s', unreplied === undefined ? div(count(s.responseSum), count(s.closedRounds)) : div(add(count(s.responseSum), mul(unreplied, count(s.unclosedRounds))), count(s.closedRounds + s.unclosedRounds)));
  set('slow_rounds', count(s.slowRounds));
  set('fast_reply_rate', div(count(s.fastRoundsInHours), count(s.roundsInHours)));
  set('buyer_messages', count(s.buyerMessages));
  set('agent_messages', count(s.agentMessages));
  set('answer_ratio', div(count(s.agentMessages), count(s.buyerMessages)));
  set('inquiries', count(s.inquiries));
  if (!hasOrders) return m;
  const yuan = (fen: number) => fenToYuan(BigInt(fen));
  set('inquiries_ordered', count(s.ordered));
  set('inquiries_paid', count(s.paid));
  set('conversion', div(count(s.paid), count(s.inquiries)));
  set('cs_orders', count(sold?.orders ?? 0));
  set('cs_buyers', count(sold?.buyers ?? 0));
  set('cs_units', unitTotal ?? ZERO);
  set('cs_sales', yuan(sold?.sales ?? 0));
  set('cs_refunds', yuan(sold?.refunds ?? 0));
  set('bundle_sales', yuan(sold?.bundleSales ?? 0));
  return m;
}

// A column laid out anew, in place: entry i goes to place[i] (−1: left out), through `scratch`; the
// column's first `size` entries are returned. One function per element type, so each stays monomorphic
// (one generic function over the typed-array types measured about 15% slower on 4M order lines).
function scatter(column: TypedColumn, place: Int32Array, size: number, scratch: ArrayBuffer): TypedColumn {
  if (column instanceof Int32Array) return scatterInt32(column, place, size, scratch);
  if (column instanceof Uint32Array) return scatterUint32(column, place, size, scratch);
  if (column instanceof Float64Array) return scatterFloat64(column, place, size, scratch);
  return scatterUint8(column, place, size, scratch);
}
function scatterInt32(column: Int32Array, place: Int32Array, size: number, scratch: ArrayBuffer): Int32Array {
  const out = new Int32Array(scratch, 0, size);
  for (let i = 0; i < place.length; i++) if ((place[i] as number) >= 0) out[place[i] as number] = column[i] as number;
  column.set(out);
  return column.subarray(0, size);
}
function scatterUint32(column: Uint32Array, place: Int32Array, size: number, scratch: ArrayBuffer): Uint32Array {
  const out = new Uint32Array(scratch, 0, size);
  for (let i = 0; i < place.length; i++) if ((place[i] as number) >= 0) out[place[i] as number] = column[i] as number;
  column.set(out);
  return column.subarray(0, size);
}
function scatterFloat64(column: Float64Array, place: Int32Array, size: number, scratch: ArrayBuffer): Float64Array {
  const out = new Float64Array(scratch, 0, size);
  for (let i = 0; i < place.length; i++) if ((place[i] as number) >= 0) out[place[i] as number] = column[i] as number;
  column.set(out);
  return column.subarray(0, size);
}
function scatterUint8(column: Uint8Array, place: Int32Array, size: number, scratch: ArrayBuffer): Uint8Array {
  const out = new Uint8Array(scratch, 0, size);
  for (let i = 0; i < place.length; i++) if ((place[i] as number) >= 0) out[place[i] as number] = column[i] as number;
  column.set(out);
  return column.subarray(0, size);
}

/**
 * The ids column[from, to) numbered 0, 1, … in the order they first come, and the ids in that order.
 * `marker` maps an id to its number meanwhile; it is −1 everywhere before and after.
 */
function numberDensely(column: Int32Array, from: number, to: number, marker: Int32Array): { local: Int32Array; globals: number[] } {
  const local = new Int32Array(to - from);
  const globals: number[] = [];
  for (let k = from; k < to; k++) {
    const id = column[k] as number;
    if (marker[id] === -1) {
      marker[id] = globals.length;
      globals.push(id);
    }
    local[k - from] = marker[id] as number;
  }
  for (const id of globals) marker[id] = -1;
  return { local, globals };
}

/** The earliest and latest created_at of order lines. */
function createdRange(lines: OrderLines): [number, number] {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < lines.count; i++) {
    from = Math.min(from, lines.created[i] as number);
    to = Math.max(to, lines.created[i] as number);
  }
  return lines.count > 0 ? [from, to] : [0, 0];
}

/** Every file's order lines as one set of columns (no copy when there is one file). */
function joinLines(files: readonly OrderLines[]): OrderLines {
  if (files.length === 1) return files[0] as OrderLines;
  const total = files.reduce((n, f) => n + f.count, 0);
  const join = (pick: (f: OrderLines) => TypedColumn, type: ColumnType): TypedColumn => {
    const out = new type(total);
    let at = 0;
    for (const f of files) {
      out.set(pick(f), at);
      at += f.count;
    }
    return out;
  };
  const names = files.flatMap((f) => f.files);
  const fileOf = new Uint8Array(total);
  let at = 0;
  for (const f of files) {
    const offset = names.indexOf(f.files[0] as string);
    for (let i = 0; i < f.count; i++) fileOf[at + i] = offset + (f.fileOf[i] as number);
    at += f.count;
  }
  return {
    ...orderColumns((name, type) => join((f) => f[name], type)),
    count: total,
    files: names,
    fileOf,
    lineNumber: join((f) => f.lineNumber, Int32Array) as Int32Array,
  };
}

/** Whether each order line may be used: 0 for every line of an order whose lines disagree (reported). */
function agreeingLines(lines: OrderLines, orders: number, tables: RawTables, issues: Issue[]): Uint8Array {
  const byOrder = groupBy(lines.count, orders, (i) => lines.order[i] as number);
  const valid = new Uint8Array(lines.count).fill(1);
  for (let o = 0; o < orders; o++) {
    const from = byOrder.start[o] as number;
    const to = byOrder.start[o + 1] as number;
    const first = byOrder.items[from] as number;
    for (let k = from + 1; k < to; k++) {
      const line = byOrder.items[k] as number;
      const column =
        lines.buyer[line] !== lines.buyer[first] ? 'buyer'
        : lines.shop[line] !== lines.shop[first] ? 'shop'
        : lines.created[line] !== lines.created[first] ? 'created_at'
        : lines.paid[line] !== lines.paid[first] ? 'paid_at'
        : (lines.credited[line] as number) >= 0 && (lines.credited[first] as number) >= 0 && lines.credited[line] !== lines.credited[first] ? 'credited_account'
        : undefined;
      if (!column) continue;
      const stamp = (seconds: number) => (seconds > 0 ? formatTimestamp(seconds) : '(unpaid)');
      const [value, other] =
        column === 'buyer' ? [tables.buyerNames.name(lines.buyer[line] as number), tables.buyerNames.name(lines.buyer[first] as number)]
        : column === 'shop' || column === 'credited_account' ? ['', '']
        : column === 'created_at' ? [stamp(lines.created[line] as number), stamp(lines.created[first] as number)]
        : [stamp(lines.paid[line] as number), stamp(lines.paid[first] as number)];
      const at = (l: number) => ({ file: lines.files[lines.fileOf[l] as number] as string, line: lines.lineNumber[l] as number });
      issues.push(issue('ORDER_CONFLICT', { order: tables.orderIds.name(o), column, value, other, otherLine: `${at(first).file}:${at(first).line}` }, at(line)));
      for (let j = from; j < to; j++) valid[byOrder.items[j] as number] = 0;
      break;
    }
  }
  return valid;
}


