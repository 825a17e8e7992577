// Parse: 淘宝's order export as it comes, in two files joined by 订单编号 (shared/PLATFORMS.md): the
// 订单报表, one row per order (buyer, shop, times, 买家实际支付金额, 订单状态), read here into the
// orders' heads; the 宝贝报表, one row per line (价格, 购买数量, 商家编码, its own 订单状态 and
// 退款金额), read by the order reader with these heads (orders.ts). What the buyer paid for an order
// is then split over its lines in proportion to 价格 × 购买数量, by largest remainder, so the lines add
// up to the payment to the fen. No I/O.
import { formatYuan, splitByWeight } from '../core/num/money.js';
import { stampable, type OrderLines } from '../core/metrics/raw/raw.js';
import { issue, type Issue, type IssueParams } from '../core/model/issues.js';
import { ORDER_REPORT_COLUMNS } from './aliases.js';
import { BigTableReader, type FileEncoding } from './big-table.js';
import type { Names } from './names.js';
import type { ExtraAliases } from './table.js';

/** ORDER_BAD_AMOUNT's words for an amount (or price, or refund) below zero. */
export function negativeAmount(order: string, fen: number, what: string): IssueParams {
  const bad = formatYuan(BigInt(fen));
  return { order, what: '金额为负', what_en: 'a negative amount', detail: bad, detail_en: `${bad}: ${what} is never below zero` };
}

/** ORDER_BAD_AMOUNT's words for a refund above what was paid (for a 宝贝报表 line: its share of the payment). */
export function refundAbove(order: string, refund: number, paid: number, share: boolean): IssueParams {
  const [r, a] = [formatYuan(BigInt(refund)), formatYuan(BigInt(paid))];
  return share
    ? { order, what: '退款大于实付', what_en: 'refund larger than the amount paid', detail: `退款 ${r} > 此行分得的实付 ${a}`, detail_en: `refund ${r} > this line's share of the payment, ${a}` }
    : { order, what: '退款大于实付', what_en: 'refund larger than the amount paid', detail: `退款 ${r} > 实付 ${a}`, detail_en: `refund ${r} > amount ${a}` };
}

/** Status words of an order or a line. */
const AWAITING_PAYMENT = /等待买家付款|待付款/;
const CLOSED = /交易关闭|已关闭|退款成功/;

/** The orders of the 订单报表, by order id (the order reader's names): who, where, when, what was paid. */
export class OrderHeads {
  readonly files: string[] = [];
  readonly buyer: number[] = [];
  readonly shop: number[] = [];
  readonly created: number[] = [];
  /** 0 = not paid. */
  readonly paid: number[] = [];
  /** What the buyer paid, in fen (0 when not paid). */
  readonly amount: number[] = [];
  /** Paid, then closed: refunded in full. */
  readonly closed: boolean[] = [];
  readonly fileOf: number[] = [];
  /** 0 = no order of this id in the 订单报表. */
  readonly line: number[] = [];

  has(order: number): boolean {
    return (this.line[order] ?? 0) > 0;
  }
}

/** Reads one 订单报表 into the heads; an order number seen twice is an error. */
export class OrderReportReader extends BigTableReader {
  private kept_ = 0;
  private readonly fileIndex: number;
  private c = { order: -1, shop: -1, buyer: -1, created: -1, paid: -1, amount: -1, status: -1 };

  constructor(
    file: string,
    private readonly names: Names,
    private readonly heads: OrderHeads,
    aliases: ExtraAliases,
    encoding: FileEncoding,
  ) {
    super(file, ORDER_REPORT_COLUMNS, aliases, encoding);
    this.fileIndex = heads.files.push(file) - 1;
  }

  protected columnsFound(): void {
    this.c = {
      order: this.column('order_id'),
      shop: this.column('shop'),
      buyer: this.column('buyer'),
      created: this.column('created_at'),
      paid: this.column('paid_at'),
      amount: this.column('amount'),
      status: this.column('status'),
    };
  }

  protected row(bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, line: number): void {
    const { c, heads } = this;
    const text = (i: number) => this.text(bytes, starts, ends, quoted, i);
    for (const field of [c.order, c.buyer, c.shop]) {
      if (this.blank(bytes, starts, ends, field)) return this.report('VALUE_REQUIRED', { column: this.header(field) }, line, field);
    }
    const order = this.internBytes(this.names.orders, bytes, starts, ends, quoted, c.order);
    if (heads.has(order)) {
      const first = `${heads.files[heads.fileOf[order] as number]}:${heads.line[order]}`;
      return this.report('ORDER_DUPLICATE', { order: this.names.orders.name(order), other: first }, line, c.order);
    }
    const created = this.timestamp(bytes, starts, ends, quoted, c.created);
    const paidAt = this.timestamp(bytes, starts, ends, quoted, c.paid);
    // As the order reader refuses them (orders.ts): a time the compact columns cannot hold is no order's.
    if (created < 0 || !stampable(created)) return this.report('VALUE_BAD_TIME', { value: text(c.created), column: this.header(c.created) }, line, c.created);
    if (paidAt === -2 || (paidAt > 0 && !stampable(paidAt))) return this.report('VALUE_BAD_TIME', { value: text(c.paid), column: this.header(c.paid) }, line, c.paid);
    const status = c.status >= 0 ? text(c.status) : '';
    // An order awaiting payment, or closed before it was paid (交易关闭 with no 付款时间), was not paid.
    const paid = paidAt > 0 && !AWAITING_PAYMENT.test(status) ? paidAt : 0;
    const amount = this.fen(bytes, starts, ends, quoted, c.amount, line, false);
    if (amount === undefined) return;
    if (amount < 0) return this.report('ORDER_BAD_AMOUNT', negativeAmount(this.names.orders.name(order), amount, 'an amount'), line, c.amount);
    heads.buyer[order] = this.internBytes(this.names.buyers, bytes, starts, ends, quoted, c.buyer);
    heads.shop[order] = this.intern(this.names.shops, bytes, starts, ends, quoted, c.shop);
    heads.created[order] = created;
    heads.paid[order] = paid;
    heads.amount[order] = paid > 0 ? amount : 0;
    heads.closed[order] = paid > 0 && CLOSED.test(status);
    heads.fileOf[order] = this.fileIndex;
    heads.line[order] = line;
    this.kept_++;
  }

  get kept(): number {
    return this.kept_;
  }

  expect(): void {}
}

/** Whether a line's own 订单状态 says it was closed (refunded in full) while its order was paid. */
export const lineClosed = (status: string): boolean => CLOSED.test(status);

/**
 * The lines of every 宝贝报表, read with `amount` = 价格 × 购买数量 and `refund` = −1 where a closed
 * line's refund is the whole of its share: each order's payment split over its lines, closed lines
 * refunded in full, and every order of the 订单报表 found among the lines (else it is an error there:
 * an order without its lines would vanish from the month).
 */
export function joinOrderLines(sets: readonly OrderLines[], heads: OrderHeads, names: Names, issues: Issue[]): void {
  // The lines of each order, over all files, in file order.
  const byOrder = new Map<number, { set: OrderLines; index: number }[]>();
  for (const set of sets) {
    for (let i = 0; i < set.count; i++) {
      const order = set.order[i] as number;
      let list = byOrder.get(order);
      if (!list) byOrder.set(order, (list = []));
      list.push({ set, index: i });
    }
  }
  for (const [order, list] of byOrder) {
    const weights = list.map(({ set, index }) => BigInt(set.amount[index] as number));
    const shares = splitByWeight(BigInt(heads.amount[order] ?? 0), weights);
    list.forEach(({ set, index }, k) => {
      const share = Number(shares[k] as bigint);
      set.amount[index] = share;
      const refund = set.refund[index] as number;
      if (refund < 0 || heads.closed[order]) set.refund[index] = share;
      else if (refund > share) {
        issues.push(issue('ORDER_BAD_AMOUNT', refundAbove(names.orders.name(order), refund, share, true), { file: set.files[set.fileOf[index] as number] as string, line: set.lineNumber[index] as number }));
      }
    });
  }
  heads.line.forEach((line, order) => {
    if (line > 0 && !byOrder.has(order)) issues.push(issue('ORDER_WITHOUT_LINES', { order: names.orders.name(order) }, { file: heads.files[heads.fileOf[order] as number] as string, line }));
  });
}
