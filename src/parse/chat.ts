// Parse: the chat log (聊天记录, SPEC §1 `messages`) → compact columns, one entry per message that
// is not a robot's. Fed by the fast scanner, chunk by chunk; checks each row's time and sender. No I/O.
import type { Source } from '../core/issues.js';
import { type ChatLog, SENDER_AGENT, SENDER_BUYER, int32, stampOf, stampable, uint32 } from '../core/raw.js';
import type { Names } from './names.js';
import { MESSAGE_COLUMNS, SENDERS } from './aliases.js';
import { BigTableReader, type FileEncoding } from './big-table.js';
import { fieldText } from './scan.js';
import type { ExtraAliases } from './table.js';

const ROBOT = 2;
const UNKNOWN = -1;

export class ChatReader extends BigTableReader {
  private readonly stamps = uint32();
  private readonly channels = int32();
  /** (shop, account) → channel id, and back. */
  private readonly channelOf = new Map<number, number>();
  private readonly channelShop: number[] = [];
  private readonly channelAccount: number[] = [];
  private readonly buyers = int32();
  private readonly accountSeen = new Map<number, Source>();
  /** Sender cell bytes (latin1 image) → buyer / agent / robot / unknown. */
  private readonly senderKinds = new Map<string, number>();
  private time = -1;
  private shop = -1;
  private account = -1;
  private buyer = -1;
  private sender = -1;

  constructor(
    file: string,
    private readonly names: Names,
    aliases: ExtraAliases,
    encoding: FileEncoding,
  ) {
    super(file, MESSAGE_COLUMNS, aliases, encoding);
  }

  protected columnsFound(): void {
    [this.time, this.shop, this.account, this.buyer, this.sender] = ['time', 'shop', 'account', 'buyer', 'sender'].map((c) => this.column(c)) as [number, number, number, number, number];
  }

  protected row(bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, line: number): void {
    const sender = this.senderOf(bytes, starts, ends, quoted);
    if (sender === UNKNOWN) {
      this.report('VALUE_BAD_SENDER', { value: this.text(bytes, starts, ends, quoted, this.sender), column: this.header(this.sender) }, line, this.sender);
      return;
    }
    if (sender === ROBOT) return;
    const time = this.timestamp(bytes, starts, ends, quoted, this.time);
    if (time < 0 || !stampable(time)) {
      this.report('VALUE_BAD_TIME', { value: this.text(bytes, starts, ends, quoted, this.time), column: this.header(this.time) }, line, this.time);
      return;
    }
    // A chat export lists a conversation's messages together: a row with the same shop, account and
    // buyer bytes as the row before has the same ids, found with one comparison instead of three lookups.
    if (!this.sameAsPrevious(bytes, starts, ends, quoted)) {
      const account = this.intern(this.names.accounts, bytes, starts, ends, quoted, this.account);
      if (!this.accountSeen.has(account)) this.accountSeen.set(account, { file: this.file, line });
      const shop = this.intern(this.names.shops, bytes, starts, ends, quoted, this.shop);
      const key = shop * 0x100000 + account;
      let channel = this.channelOf.get(key);
      if (channel === undefined) {
        channel = this.channelShop.length;
        this.channelOf.set(key, channel);
        this.channelShop.push(shop);
        this.channelAccount.push(account);
      }
      this.previousChannel = channel;
      this.previousBuyer = this.internBytes(this.names.buyers, bytes, starts, ends, quoted, this.buyer);
      this.rememberPrevious(bytes, starts, ends, quoted);
    }
    this.stamps.push(stampOf(time, sender));
    this.channels.push(this.previousChannel);
    this.buyers.push(this.previousBuyer);
  }

  private previous = new Uint8Array(256);
  private previousEnds = [0, 0, 0];
  private previousValid = false;
  private previousChannel = -1;
  private previousBuyer = -1;

  private sameAsPrevious(bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array): boolean {
    if (!this.previousValid) return false;
    const previous = this.previous;
    let at = 0;
    for (let f = 0; f < 3; f++) {
      const field = f === 0 ? this.shop : f === 1 ? this.account : this.buyer;
      if (quoted[field] === 2) return false;
      const start = starts[field] as number;
      const length = (ends[field] as number) - start;
      const end = this.previousEnds[f] as number;
      if (end - at !== length) return false;
      for (let k = 0; k < length; k++) if (bytes[start + k] !== previous[at + k]) return false;
      at = end;
    }
    return true;
  }

  private rememberPrevious(bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array): void {
    let at = 0;
    this.previousValid = false;
    for (let f = 0; f < 3; f++) {
      const field = f === 0 ? this.shop : f === 1 ? this.account : this.buyer;
      if (quoted[field] === 2) return;
      const start = starts[field] as number;
      const end = ends[field] as number;
      if (at + end - start > this.previous.length) this.previous = new Uint8Array((at + end - start) * 2);
      this.previous.set(bytes.subarray(start, end), at);
      at += end - start;
      this.previousEnds[f] = at;
    }
    this.previousValid = true;
  }

  /** The few sender values a file uses, by their bytes, with what they mean. */
  private readonly senderBytes: { bytes: Uint8Array; kind: number }[] = [];

  private senderOf(bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array): number {
    const start = starts[this.sender] as number;
    const end = ends[this.sender] as number;
    const length = end - start;
    search: for (const known of this.senderBytes) {
      if (known.bytes.length !== length) continue;
      for (let k = 0; k < length; k++) if (known.bytes[k] !== bytes[start + k]) continue search;
      return known.kind;
    }
    const key = bytes.toString('latin1', start, end);
    let kind = this.senderKinds.get(key);
    if (kind === undefined) {
      const text = fieldText(bytes, start, end, quoted[this.sender] as number, this.encoding).trim();
      const known = SENDERS.get(text) ?? SENDERS.get(text.toLowerCase());
      kind = known === 'buyer' ? SENDER_BUYER : known === 'agent' ? SENDER_AGENT : known === 'robot' ? ROBOT : UNKNOWN;
      this.senderKinds.set(key, kind);
      if (this.senderBytes.length < 16) this.senderBytes.push({ bytes: Uint8Array.from(bytes.subarray(start, end)), kind });
    }
    return kind;
  }

  get kept(): number {
    return this.stamps.length;
  }

  expect(rows: number): void {
    for (const column of [this.stamps, this.channels, this.buyers]) column.reserve(rows);
  }

  log(): ChatLog {
    return {
      count: this.stamps.length,
      stamp: this.stamps.view(),
      channel: this.channels.view(),
      channelShop: Int32Array.from(this.channelShop),
      channelAccount: Int32Array.from(this.channelAccount),
      buyer: this.buyers.view(),
      accountSeen: this.accountSeen,
    };
  }
}
