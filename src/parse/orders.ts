// Parse: the order report (SPEC §1 `orders`) → compact columns, one entry per order line. Amounts and
// quantities are read from the bytes straight into integer fen and units; every line is checked
// (negative amount, refund above the amount) and the lines of one order must agree on buyer and
// times. No I/O.
import { type OrderLines, float64, int32, stampable, uint32, uint8 } from '../core/raw.js';
import type { Names } from './names.js';
import { exactFen, formatYuan } from '../core/money.js';
import { ORDER_COLUMNS } from './aliases.js';
import { BigTableReader, type FileEncoding } from './big-table.js';
import type { ExtraAliases } from './table.js';
import { parseAmount, parseCount } from './values.js';

const MAX_QUANTITY = 1_000_000_000;
const YES = new Set(['是', 'true', 'yes', 'y', '1', '套餐']);
const NO = new Set(['否', 'false', 'no', 'n', '0']);

/**
 * Digits, an optional point and at most `decimals` decimals, as an integer scaled by 10^decimals; NaN
 * otherwise, and NaN past 15 digits, so that what this returns is always exact (below 2^53): longer
 * numbers go to the general parser, which checks the bound.
 */
function plainDecimal(bytes: Buffer, start: number, end: number, decimals: number): number {
  let value = 0;
  let digits = 0;
  let after = -1;
  let p = start;
  for (; p < end; p++) {
    const c = bytes[p] as number;
    if (c >= 0x30 && c <= 0x39) {
      if (after >= 0 && ++after > decimals) return NaN;
      value = value * 10 + (c - 0x30);
      digits++;
    } else if (c === 0x2e && after < 0) after = 0;
    else return NaN;
  }
  const scale = decimals - Math.max(after, 0);
  if (p === start || after === 0 || digits + scale > 15) return NaN;
  return value * 10 ** scale;
}

export class OrderReader extends BigTableReader {
  private readonly orders = int32();
  private readonly shops = int32();
  private readonly buyers = int32();
  private readonly createds = uint32();
  private readonly paids = uint32();
  private readonly amounts = float64();
  private readonly refunds = float64();
  private readonly skus = int32();
  private readonly quantities = int32();
  private readonly bundles = uint8();
  private readonly credits = int32();
  private readonly lineNumbers = int32();
  private c = { order: -1, shop: -1, buyer: -1, created: -1, paid: -1, amount: -1, sku: -1, quantity: -1, refund: -1, bundle: -1, credited: -1 };

  constructor(
    file: string,
    private readonly names: Names,
    aliases: ExtraAliases,
    encoding: FileEncoding,
  ) {
    super(file, ORDER_COLUMNS, aliases, encoding);
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
    };
  }

  protected row(bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, line: number): void {
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
    if (amount < 0 || refund < 0) {
      const bad = formatYuan(BigInt(amount < 0 ? amount : refund));
      return this.report('ORDER_BAD_AMOUNT', { order: name(), what: '金额为负', what_en: 'a negative amount', detail: bad, detail_en: `${bad}: an amount or refund is never below zero` }, line, amount < 0 ? c.amount : c.refund);
    }
    if (refund > amount) {
      const [r, a] = [formatYuan(BigInt(refund)), formatYuan(BigInt(amount))];
      return this.report('ORDER_BAD_AMOUNT', { order: name(), what: '退款大于实付', what_en: 'refund larger than the amount paid', detail: `退款 ${r} > 实付 ${a}`, detail_en: `refund ${r} > amount ${a}` }, line, c.refund);
    }
    const buyer = this.internBytes(this.names.buyers, bytes, starts, ends, quoted, c.buyer);
    // Whether the lines of one order agree on buyer and times is checked over all files at once,
    // when the orders are grouped (core/attribution.ts).
    let quantity = 1;
    if (c.quantity >= 0) {
      quantity = plainDecimal(bytes, starts[c.quantity] as number, ends[c.quantity] as number, 0);
      if (Number.isNaN(quantity)) {
        const q = parseCount(text(c.quantity));
        quantity = q.kind === 'value' ? Number(q.value.n) : q.kind === 'missing' ? 1 : -1;
      }
      // A quantity is held in 32 bits: past a billion it is no quantity a shop sells (and would wrap).
      if (quantity < 0 || quantity > MAX_QUANTITY) return this.report('VALUE_BAD_COUNT', { value: text(c.quantity), column: this.header(c.quantity) }, line, c.quantity);
    }
    let bundle = 2;
    if (c.bundle >= 0 && !this.blank(bytes, starts, ends, c.bundle)) {
      const b = text(c.bundle).toLowerCase();
      bundle = YES.has(b) ? 1 : NO.has(b) ? 0 : 2;
      if (bundle === 2) this.report('VALUE_BAD_BUNDLE', { value: text(c.bundle), column: this.header(c.bundle) }, line, c.bundle);
    }
    this.orders.push(order);
    this.shops.push(this.intern(this.names.shops, bytes, starts, ends, quoted, c.shop));
    this.buyers.push(buyer);
    this.createds.push(created);
    this.paids.push(paid);
    this.amounts.push(amount);
    this.refunds.push(refund);
    this.skus.push(c.sku >= 0 ? this.intern(this.names.skus, bytes, starts, ends, quoted, c.sku) : this.names.skus.id(''));
    this.quantities.push(quantity);
    this.bundles.push(bundle);
    this.lineNumbers.push(line);
    this.credits.push(c.credited >= 0 && text(c.credited) !== '' ? this.intern(this.names.accounts, bytes, starts, ends, quoted, c.credited) : -1);
  }

  /** An amount cell in integer fen: `1234.56` from the bytes; `¥1,234.56` and the like by the general parser. */
  private fen(bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, i: number, line: number, required: boolean): number | undefined {
    const fast = plainDecimal(bytes, starts[i] as number, ends[i] as number, 2);
    if (!Number.isNaN(fast)) return fast;
    const raw = this.text(bytes, starts, ends, quoted, i);
    const parsed = parseAmount(raw);
    if (parsed.kind === 'missing') {
      if (!required) return 0;
      this.report('VALUE_REQUIRED', { column: this.header(i) }, line, i);
      return undefined;
    }
    const fen = parsed.kind === 'value' ? exactFen(parsed.value) : undefined;
    if (fen === undefined) {
      this.report('VALUE_BAD_AMOUNT', { value: raw, column: this.header(i) }, line, i);
      return undefined;
    }
    // Amounts are held as whole fen in doubles: exact only below 2^53.
    if (fen > BigInt(Number.MAX_SAFE_INTEGER) || fen < -BigInt(Number.MAX_SAFE_INTEGER)) {
      this.report('VALUE_TOO_LARGE', { value: raw, column: this.header(i) }, line, i);
      return undefined;
    }
    return Number(fen);
  }

  get kept(): number {
    return this.orders.length;
  }

  expect(rows: number): void {
    const columns = [this.orders, this.shops, this.buyers, this.createds, this.paids, this.amounts, this.refunds, this.skus, this.quantities, this.bundles, this.credits, this.lineNumbers];
    for (const column of columns) column.reserve(rows);
  }

  lines(): OrderLines {
    return {
      count: this.orders.length,
      order: this.orders.view(),
      shop: this.shops.view(),
      buyer: this.buyers.view(),
      created: this.createds.view(),
      paid: this.paids.view(),
      amount: this.amounts.view(),
      refund: this.refunds.view(),
      sku: this.skus.view(),
      quantity: this.quantities.view(),
      bundle: this.bundles.view(),
      credited: this.credits.view(),
      files: [this.file],
      fileOf: new Uint8Array(this.orders.length),
      lineNumber: this.lineNumbers.view(),
    };
  }
}
