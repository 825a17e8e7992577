// Parse: the chat log (聊天记录, SPEC §1 `messages`) → compact columns, one entry per message that
// is not a robot's. Fed by the fast scanner, chunk by chunk; checks each row's time and sender. No I/O.
import type { Issue, Source } from '../core/issues.js';
import { type ChatLog, type Names, SENDER_AGENT, SENDER_BUYER, int32, uint32, uint8 } from '../core/raw.js';
import { MESSAGE_COLUMNS, SENDERS } from './aliases.js';
import { BigTableReader, type FileEncoding } from './big-table.js';
import { fieldText } from './scan.js';
import type { ExtraAliases } from './table.js';

const ROBOT = 2;

export class ChatReader extends BigTableReader {
  private readonly time = uint32();
  private readonly shop = int32();
  private readonly account = int32();
  private readonly buyer = int32();
  private readonly sender = uint8();
  private readonly accountSeen = new Map<number, Source>();
  /** Sender cell bytes (latin1 image) → buyer / agent / robot, or −1 for an unknown value. */
  private readonly senders = new Map<string, number>();

  constructor(
    file: string,
    private readonly names: Names,
    aliases: ExtraAliases,
    encoding: FileEncoding,
  ) {
    super(file, MESSAGE_COLUMNS, aliases, encoding);
  }

  protected row(bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, line: number): void {
    const sender = this.senderOf(bytes, starts, ends, quoted, line);
    if (sender === ROBOT || sender < 0) return;
    const time = this.timestamp(bytes, starts, ends, quoted, 'time');
    if (time < 0) {
      this.report('VALUE_BAD_TIME', { value: this.text(bytes, starts, ends, quoted, 'time'), column: this.header('time') }, line, 'time');
      return;
    }
    const account = this.intern(this.names.accounts, bytes, starts, ends, quoted, 'account');
    if (!this.accountSeen.has(account)) this.accountSeen.set(account, { file: this.file, line });
    this.time.push(time);
    this.shop.push(this.intern(this.names.shops, bytes, starts, ends, quoted, 'shop'));
    this.account.push(account);
    this.buyer.push(this.intern(this.names.buyers, bytes, starts, ends, quoted, 'buyer'));
    this.sender.push(sender);
  }

  private senderOf(bytes: Buffer, starts: Int32Array, ends: Int32Array, quoted: Uint8Array, line: number): number {
    const i = this.index.get('sender') as number;
    const start = starts[i] as number;
    const end = ends[i] as number;
    const key = bytes.toString('latin1', start, end);
    let kind = this.senders.get(key);
    if (kind === undefined) {
      const text = fieldText(bytes, start, end, quoted[i] as number, this.encoding).trim();
      const known = SENDERS.get(text) ?? SENDERS.get(text.toLowerCase());
      kind = known === 'buyer' ? SENDER_BUYER : known === 'agent' ? SENDER_AGENT : known === 'robot' ? ROBOT : -1;
      this.senders.set(key, kind);
    }
    if (kind < 0) this.report('VALUE_BAD_SENDER', { value: this.text(bytes, starts, ends, quoted, 'sender'), column: this.header('sender') }, line, 'sender');
    return kind;
  }

  log(): ChatLog {
    return {
      count: this.time.length,
      time: this.time.view(),
      shop: this.shop.view(),
      account: this.account.view(),
      buyer: this.buyer.view(),
      sender: this.sender.view(),
      accountSeen: this.accountSeen,
    };
  }

  override issues(): Issue[] {
    return super.issues();
  }
}
