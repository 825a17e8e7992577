// Parse: the chat log (聊天记录, SPEC §1 `messages`) → one (stamp, channel, buyer's name) record per
// message that is not a robot's, handed to a sink as it is read (the loader files them by buyer). The
// buyer is given by its name's UTF-8 bytes and their hash, never interned here: buyers are numbered
// one bucket at a time, later. Fed by the fast scanner, chunk by chunk; checks each row's time and
// sender. No I/O.
import { SENDER_AGENT, SENDER_BUYER, stampOf, stampable } from '../core/metrics/raw/raw.js';
import type { Names } from './names.js';
import { MESSAGE_COLUMNS, SENDERS } from './aliases.js';
import { BigTableReader, type FileEncoding } from './big-table.js';
import { fieldText } from './scan.js';
import { hashBytes } from './byte-names.js';
import type { ExtraAliases } from './table.js';

const ROBOT = 2;
const UNKNOWN = -1;

export class ChatReader extends BigTableReader {
  /** Messages kept (robots' left out). */
  private count = 0;
  /** Sender cell bytes (latin1 image) → buyer / agent / robot / unknown. */
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
    /** Each message kept: its buyer's name is bytes[start, end) (valid during the call), with their hash. */
    private readonly sink: (stamp: number, channel: number, bytes: Uint8Array, start: number, end: number, hash: number) => void,
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
    for (const field of [this.shop, this.account, this.buyer]) {
      if (this.blank(bytes, starts, ends, field)) {
        this.report('VALUE_REQUIRED', { column: this.header(field) }, line, field);
        return;
      }
    }
    const time = this.timestamp(bytes, starts, ends, quoted, this.time);
    if (time < 0 || !stampable(time)) {
      this.report('VALUE_BAD_TIME', { value: this.text(bytes, starts, ends, quoted, this.time), column: this.header(this.time) }, line, this.time);
      return;
    }
    // A chat export lists a conversation's messages together: a row with the same shop, account and
    // buyer bytes as the row before has the same ids, found with one comparison instead of three lookups.
    if (!this.sameAsPrevious(bytes, starts, ends, quoted)) {
      const account = this.intern(this.names.accounts, bytes, starts, ends, quoted, this.account);
      if (!this.names.accountSeen.has(account)) this.names.accountSeen.set(account, { file: this.file, line });
      const shop = this.intern(this.names.shops, bytes, starts, ends, quoted, this.shop);
      this.previousChannel = this.names.channels.id(shop, account);
      this.nameKey(bytes, starts, ends, quoted, this.buyer);
      const { bytes: keyBytes, start, end } = this.key;
      if (this.buyerKey.length < end - start) this.buyerKey = new Uint8Array((end - start) * 2);
      for (let k = start; k < end; k++) this.buyerKey[k - start] = keyBytes[k] as number;
      this.buyerLength = end - start;
      this.previousHash = hashBytes(this.buyerKey, 0, this.buyerLength);
      this.rememberPrevious(bytes, starts, ends, quoted);
    }
    this.count++;
    if (time > this.latest) this.latest = time;
    this.sink(stampOf(time, sender), this.previousChannel, this.buyerKey, 0, this.buyerLength, this.previousHash);
  }

  private previous = new Uint8Array(256);
  private previousEnds = [0, 0, 0];
  private previousValid = false;
  private previousChannel = -1;
  /** The current buyer's name (UTF-8 bytes) and its hash: rows of one conversation share them. */
  private buyerKey = new Uint8Array(64);
  private buyerLength = 0;
  private previousHash = 0;
  /** The latest time of a message kept: where the log ends. */
  latest = 0;

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
      if (at + end - start > this.previous.length) {
        const bigger = new Uint8Array((at + end - start) * 2);
        bigger.set(this.previous.subarray(0, at));
        this.previous = bigger;
      }
      for (let k = start; k < end; k++) this.previous[at + k - start] = bytes[k] as number;
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
    // A value not seen yet is decoded once; a file has a few (a bad file's many are decoded each time).
    const text = fieldText(bytes, start, end, quoted[this.sender] as number, this.encoding).trim();
    const known = SENDERS.get(text) ?? SENDERS.get(text.toLowerCase());
    const kind = known === 'buyer' ? SENDER_BUYER : known === 'agent' ? SENDER_AGENT : known === 'robot' ? ROBOT : UNKNOWN;
    if (this.senderBytes.length < 16) this.senderBytes.push({ bytes: Uint8Array.from(bytes.subarray(start, end)), kind });
    return kind;
  }

  get kept(): number {
    return this.count;
  }

  expect(): void {
    // Rows go to the sink as they are read: nothing to size here.
  }
}
