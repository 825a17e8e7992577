// Parse: the order report (SPEC §1 `orders`) → compact columns, one entry per order line. Amounts and
// quantities are read from the bytes straight into integer fen and units; every line is checked
// (negative amount, refund above the amount) and the lines of one order must agree on buyer and
// times. No I/O.
import { type OrderLines, growingOrderColumns, int32, orderColumns, stampable } from '../core/metrics/raw/raw.js';
import type { Names } from './names.js';
import { ORDER_COLUMNS, ORDER_LINE_COLUMNS } from './aliases.js';
import { lineClosed, negativeAmount, refundAbove, type OrderHeads } from './order-report.js';
import { BigTableReader, plainDecimal, type FileEncoding } from './big-table.js';
import type { ExtraAliases } from './table.js';
import { parseCount } from './values.js';

const MAX_QUANTITY = 1_000_000_000;
const YES = new Set(['是', 'true', 'yes', 'y', '1', '套餐']);
const NO = new Set(['否', 'false', 'no', 'n', '0']);

export class OrderReader extends BigTableReader {
  private readonly lineColumns = growingOrderColumns();
  private readonly lineNumbers = int32();
  private c = { order: -1, shop: -1, buyer: -1, created: -1, paid: -1, amount: -1, sku: -1, quantity: -1, refund: -1, bundle: -1, credited: -1, price: -1, status: -1 };

  /**
   * `heads` given, the file is a 宝贝报表: its lines take buyer, shop and times from their order in the
   * 订单报表, and their amount is 价格 × 购买数量 until joinOrderLines splits the order's payment.
   */
  constructor(
    file: string,
    private readonly names: Names,
    aliases: ExtraAliases,
    encoding: FileEncoding,
    private readonly heads?: OrderHeads,
  ) {
    super(file, heads ? ORDER_LINE_COLUMNS : ORDER_COLUMNS, aliases, encoding);
  }

  protected columnsFound(): void {
    this.c = {
      order: this.column('order_id'),
      shop: this.column('shop'),
      buyer: this.column('buyer'),
      created: this.column('created_at'),
      paid: this.column('paid_at'),
      amount: this.column('amount'),
      sku: this.column('sku'),
      quantity: this.column('quantity'),
      refund: this.column('refund'),
      bundle: this.column('bundle'),
      credited: this.column('credited_account'),
      price: this.column('price'),
      status: this.column('status'),
    };
  }

  protected row(bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, line: number): void {
    if (this.heads) return this.lineOfReport(this.heads, bytes, starts, ends, quoted, line);
    const c = this.c;
    const text = (i: number) => this.text(bytes, starts, ends, quoted, i);
    // An empty order id, buyer or shop would merge unrelated rows into one: the row is refused.
    for (const field of [c.order, c.buyer, c.shop]) {
      if (this.blank(bytes, starts, ends, field)) return this.report('VALUE_REQUIRED', { column: this.header(field) }, line, field);
    }
    const order = this.internBytes(this.names.orders, bytes, starts, ends, quoted, c.order);
    const created = this.timestamp(bytes, starts, ends, quoted, c.created);
    const paidAt = this.timestamp(bytes, starts, ends, quoted, c.paid);
    if (created < 0 || !stampable(created) || (paidAt > 0 && !stampable(paidAt))) return this.report('VALUE_BAD_TIME', { value: text(c.created), column: this.header(c.created) }, line, c.created);
    if (paidAt === -2) return this.report('VALUE_BAD_TIME', { value: text(c.paid), column: this.header(c.paid) }, line, c.paid);
    const paid = Math.max(paidAt, 0);
    const amount = this.fen(bytes, starts, ends, quoted, c.amount, line, true);
    const refund = c.refund >= 0 ? this.fen(bytes, starts, ends, quoted, c.refund, line, false) : 0;
    if (amount === undefined || refund === undefined) return;
    const name = () => this.names.orders.name(order);
    if (amount < 0 || refund < 0) return this.report('ORDER_BAD_AMOUNT', negativeAmount(name(), amount < 0 ? amount : refund, 'an amount or refund'), line, amount < 0 ? c.amount : c.refund);
    if (refund > amount) return this.report('ORDER_BAD_AMOUNT', refundAbove(name(), refund, amount, false), line, c.refund);
    const buyer = this.internBytes(this.names.buyers, bytes, starts, ends, quoted, c.buyer);
    // Whether the lines of one order agree on buyer and times is checked over all files at once,
    // when the orders are grouped (agreeingLines in core/metrics/raw/raw-metrics.ts).
    const quantity = this.quantity(bytes, starts, ends, quoted, line);
    if (quantity < 0) return;
    let bundle = 2;
    if (c.bundle >= 0 && !this.blank(bytes, starts, ends, c.bundle)) {
      const b = text(c.bundle).toLowerCase();
      bundle = YES.has(b) ? 1 : NO.has(b) ? 0 : 2;
      if (bundle === 2) this.report('VALUE_BAD_BUNDLE', { value: text(c.bundle), column: this.header(c.bundle) }, line, c.bundle);
    }
    const shop = this.intern(this.names.shops, bytes, starts, ends, quoted, c.shop);
    const credited = c.credited >= 0 && text(c.credited) !== '' ? this.intern(this.names.accounts, bytes, starts, ends, quoted, c.credited) : -1;
    this.keep(order, shop, buyer, created, paid, amount, refund, quantity, bundle, credited, bytes, starts, ends, quoted, line);
  }

  /** The line's quantity (1 when the file has none), or −1 after reporting a bad one. */
  private quantity(bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, line: number): number {
    const i = this.c.quantity;
    if (i < 0) return 1;
    let quantity = plainDecimal(bytes, starts[i] as number, ends[i] as number, 0);
    if (Number.isNaN(quantity)) {
      const q = parseCount(this.text(bytes, starts, ends, quoted, i));
      quantity = q.kind === 'value' ? Number(q.value.n) : q.kind === 'missing' ? 1 : -1;
    }
    // A quantity is held in 32 bits: past a billion it is no quantity a shop sells (and would wrap).
    if (quantity < 0 || quantity > MAX_QUANTITY) {
      this.report('VALUE_BAD_COUNT', { value: this.text(bytes, starts, ends, quoted, i), column: this.header(i) }, line, i);
      return -1;
    }
    return quantity;
  }

  private keep(order: number, shop: number, buyer: number, created: number, paid: number, amount: number, refund: number, quantity: number, bundle: number, credited: number, bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, line: number): void {
    const out = this.lineColumns;
    out.order.push(order);
    out.shop.push(shop);
    out.buyer.push(buyer);
    out.created.push(created);
    out.paid.push(paid);
    out.amount.push(amount);
    out.refund.push(refund);
    out.sku.push(this.c.sku >= 0 ? this.intern(this.names.skus, bytes, starts, ends, quoted, this.c.sku) : this.names.skus.id(''));
    out.quantity.push(quantity);
    out.bundle.push(bundle);
    out.credited.push(credited);
    this.lineNumbers.push(line);
  }

  /**
   * A line of a 宝贝报表: its order must be in the 订单报表. Its amount is 价格 × 购买数量 (the weight its
   * share of the payment is split by); its refund −1 when its own status says it was closed and no
   * 退款金额 says how much (then all of its share, see joinOrderLines).
   */
  private lineOfReport(heads: OrderHeads, bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, line: number): void {
    const c = this.c;
    if (this.blank(bytes, starts, ends, c.order)) return this.report('VALUE_REQUIRED', { column: this.header(c.order) }, line, c.order);
    const order = this.internBytes(this.names.orders, bytes, starts, ends, quoted, c.order);
    if (!heads.has(order)) return this.report('ORDER_NOT_IN_REPORT', { order: this.names.orders.name(order), files: heads.files.join(', ') }, line, c.order);
    const price = this.fen(bytes, starts, ends, quoted, c.price, line, true);
    if (price === undefined) return;
    const quantity = this.quantity(bytes, starts, ends, quoted, line);
    if (quantity < 0) return;
    let refund = 0;
    if (c.refund >= 0 && !this.blank(bytes, starts, ends, c.refund)) {
      const given = this.fen(bytes, starts, ends, quoted, c.refund, line, false);
      if (given === undefined) return;
      // A refund below zero is refused here: −1 below stands for "closed, its whole share", never a −0.01 read.
      if (given < 0) return this.report('ORDER_BAD_AMOUNT', negativeAmount(this.names.orders.name(order), given, 'a price or refund'), line, c.refund);
      refund = given;
    } else if (c.status >= 0 && lineClosed(this.text(bytes, starts, ends, quoted, c.status))) refund = -1;
    if (price < 0 || refund < -1) return this.report('ORDER_BAD_AMOUNT', negativeAmount(this.names.orders.name(order), price < 0 ? price : refund, 'a price or refund'), line, price < 0 ? c.price : c.refund);
    const value = price * quantity;
    if (!Number.isSafeInteger(value)) return this.report('VALUE_TOO_LARGE', { value: this.text(bytes, starts, ends, quoted, c.price), column: this.header(c.price) }, line, c.price);
    this.keep(order, heads.shop[order] as number, heads.buyer[order] as number, heads.created[order] as number, heads.paid[order] as number, value, refund, quantity, 2, -1, bytes, starts, ends, quoted, line);
  }

  get kept(): number {
    return this.lineNumbers.length;
  }

  expect(rows: number): void {
    for (const column of [...Object.values(this.lineColumns), this.lineNumbers]) column.reserve(rows);
  }

  lines(): OrderLines {
    const count = this.lineNumbers.length;
    return { ...orderColumns((name) => this.lineColumns[name].view()), count, files: [this.file], fileOf: new Uint8Array(count), lineNumber: this.lineNumbers.view() };
  }
}
