// Parse: the order report (SPEC §1 `orders`) → compact columns, one entry per order line. Amounts are
// read from the bytes straight into integer fen; every line is checked (negative amount, refund above
// the amount) and the lines of one order must agree on buyer and times. No I/O.
import type { Source } from '../core/issues.js';
import { type Names, type OrderLines, float64, int32, uint32, uint8 } from '../core/raw.js';
import { exactFen, formatYuan } from '../core/money.js';
import { formatTimestamp } from '../core/dates.js';
import { ORDER_COLUMNS } from './aliases.js';
import { BigTableReader, type FileEncoding } from './big-table.js';
import type { ExtraAliases } from './table.js';
import { parseAmount, parseCount } from './values.js';

const YES = new Set(['是', 'true', 'yes', 'y', '1', '套餐']);
const NO = new Set(['否', 'false', 'no', 'n', '0', '']);

export class OrderReader extends BigTableReader {
  private readonly order = int32();
  private readonly shop = int32();
  private readonly buyer = int32();
  private readonly created = uint32();
  private readonly paid = uint32();
  private readonly amount = float64();
  private readonly refund = float64();
  private readonly sku = int32();
  private readonly quantity = float64();
  private readonly bundle = uint8();
  private readonly credited = int32();
  private readonly firstSeen = new Map<number, Source>();
  /** Per order id: the first line's buyer and times, to check the other lines against. */
  private readonly orderBuyer = new Map<number, { buyer: number; created: number; paid: number; line: number }>();

  constructor(
    file: string,
    private readonly names: Names,
    aliases: ExtraAliases,
    encoding: FileEncoding,
  ) {
    super(file, ORDER_COLUMNS, aliases, encoding);
  }

  protected row(bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, line: number): void {
    const text = (column: string) => this.text(bytes, starts, ends, quoted, column);
    const order = this.intern(this.names.orders, bytes, starts, ends, quoted, 'order_id');
    const orderName = this.names.orders.names[order] as string;
    const created = this.timestamp(bytes, starts, ends, quoted, 'created_at');
    const paid = this.timestamp(bytes, starts, ends, quoted, 'paid_at');
    if (created < 0) {
      this.report('VALUE_BAD_TIME', { value: text('created_at'), column: this.header('created_at') }, line, 'created_at');
      return;
    }
    if (paid === -2) {
      this.report('VALUE_BAD_TIME', { value: text('paid_at'), column: this.header('paid_at') }, line, 'paid_at');
      return;
    }
    const amount = this.fen(bytes, starts, ends, quoted, 'amount', line, true);
    const refund = this.index.has('refund') ? this.fen(bytes, starts, ends, quoted, 'refund', line, false) : 0;
    if (amount === undefined || refund === undefined) return;
    if (amount < 0 || refund < 0) {
      this.report('ORDER_BAD_AMOUNT', { order: orderName, what: '金额为负', what_en: 'a negative amount', detail: formatYuan(BigInt(amount < 0 ? amount : refund)), detail_en: `${formatYuan(BigInt(amount < 0 ? amount : refund))}: an amount or refund is never below zero` }, line, amount < 0 ? 'amount' : 'refund');
      return;
    }
    if (refund > amount) {
      this.report('ORDER_BAD_AMOUNT', { order: orderName, what: '退款大于实付', what_en: 'refund larger than the amount paid', detail: `退款 ${formatYuan(BigInt(refund))} > 实付 ${formatYuan(BigInt(amount))}`, detail_en: `refund ${formatYuan(BigInt(refund))} > amount ${formatYuan(BigInt(amount))}` }, line, 'refund');
      return;
    }
    const buyer = this.intern(this.names.buyers, bytes, starts, ends, quoted, 'buyer');
    const first = this.orderBuyer.get(order);
    if (first === undefined) {
      this.orderBuyer.set(order, { buyer, created, paid: Math.max(paid, 0), line });
      this.firstSeen.set(order, { file: this.file, line });
    } else {
      const stamp = (seconds: number) => (seconds > 0 ? formatTimestamp(seconds) : '');
      const conflict =
        first.buyer !== buyer ? ['buyer', this.names.buyers.names[buyer], this.names.buyers.names[first.buyer]]
        : first.created !== created ? ['created_at', stamp(created), stamp(first.created)]
        : first.paid !== Math.max(paid, 0) ? ['paid_at', stamp(Math.max(paid, 0)), stamp(first.paid)] : undefined;
      if (conflict) {
        this.report('ORDER_CONFLICT', { order: orderName, column: this.header(conflict[0] as string), value: conflict[1], other: conflict[2], otherLine: first.line }, line, conflict[0]);
        return;
      }
    }
    let quantity = 1;
    if (this.index.has('quantity')) {
      const q = parseCount(text('quantity'));
      if (q.kind === 'bad') {
        this.report('VALUE_BAD_COUNT', { value: text('quantity'), column: this.header('quantity') }, line, 'quantity');
        return;
      }
      if (q.kind === 'value') quantity = Number(q.value.n);
    }
    let bundle = 2;
    if (this.index.has('bundle')) {
      const b = text('bundle').toLowerCase();
      bundle = YES.has(b) ? 1 : NO.has(b) ? (b === '' ? 2 : 0) : 2;
    }
    let credited = -1;
    if (this.index.has('credited_account') && text('credited_account') !== '') {
      credited = this.intern(this.names.accounts, bytes, starts, ends, quoted, 'credited_account');
    }
    this.order.push(order);
    this.shop.push(this.intern(this.names.shops, bytes, starts, ends, quoted, 'shop'));
    this.buyer.push(buyer);
    this.created.push(created);
    this.paid.push(Math.max(paid, 0));
    this.amount.push(amount);
    this.refund.push(refund);
    this.sku.push(this.index.has('sku') ? this.intern(this.names.skus, bytes, starts, ends, quoted, 'sku') : this.names.skus.id(''));
    this.quantity.push(quantity);
    this.bundle.push(bundle);
    this.credited.push(credited);
  }

  /** An amount cell in integer fen: `1234.56` from the bytes; `¥1,234.56` and the like by the general parser. */
  private fen(bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, column: string, line: number, required: boolean): number | undefined {
    const i = this.index.get(column) as number;
    const start = starts[i] as number;
    const end = ends[i] as number;
    // Fast path: digits, optionally a point and one or two decimals.
    let value = 0;
    let p = start;
    let decimals = -1;
    for (; p < end; p++) {
      const c = bytes[p] as number;
      if (c >= 0x30 && c <= 0x39) {
        if (decimals >= 0 && ++decimals > 2) break;
        value = value * 10 + (c - 0x30);
      } else if (c === 0x2e && decimals < 0) decimals = 0;
      else break;
    }
    if (p === end && p > start && decimals !== 0) return value * (decimals <= 0 ? 100 : decimals === 1 ? 10 : 1);
    const raw = this.text(bytes, starts, ends, quoted, column);
    const parsed = parseAmount(raw);
    if (parsed.kind === 'missing') {
      if (!required) return 0;
      this.report('VALUE_REQUIRED', { column: this.header(column) }, line, column);
      return undefined;
    }
    const fen = parsed.kind === 'value' ? exactFen(parsed.value) : undefined;
    if (fen === undefined || fen > BigInt(Number.MAX_SAFE_INTEGER) || fen < -BigInt(Number.MAX_SAFE_INTEGER)) {
      this.report('VALUE_BAD_AMOUNT', { value: raw, column: this.header(column) }, line, column);
      return undefined;
    }
    return Number(fen);
  }

  lines(): OrderLines {
    return {
      count: this.order.length,
      order: this.order.view(),
      shop: this.shop.view(),
      buyer: this.buyer.view(),
      created: this.created.view(),
      paid: this.paid.view(),
      amount: this.amount.view(),
      refund: this.refund.view(),
      sku: this.sku.view(),
      quantity: this.quantity.view(),
      bundle: this.bundle.view(),
      credited: this.credited.view(),
      firstSeen: this.firstSeen,
    };
  }
}
