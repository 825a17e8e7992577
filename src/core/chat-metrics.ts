// Core: consultations and rounds from the chat log (SPEC §2). Messages are grouped into conversations
// (shop, agent, buyer), put in time order (at equal times the buyer first, so row order never
// matters), and walked once: consultations per business day, rounds across days, response times.
// Works on the compact columns of core/raw.ts with plain arrays, for 5,000,000 messages. Pure.
import type { ChatLog } from './raw.js';
import { SENDER_BUYER } from './raw.js';

export interface ChatRules {
  /** Seconds after midnight at which a business day begins. */
  readonly dayStartsAt: number;
  readonly roundTimeout: number;
  readonly slowAfter: number;
}

/** Every consultation (shop, owner, buyer, business day), in columns. */
export interface Consultations {
  readonly count: number;
  readonly shop: Int32Array;
  readonly owner: Int32Array;
  readonly buyer: Int32Array;
  readonly day: Int32Array;
  readonly firstBuyerTime: Float64Array;
  readonly buyerMessages: Int32Array;
  readonly agentMessages: Int32Array;
  /** Response time of the first round, −1 when it never closed (not received). */
  readonly firstResponse: Float64Array;
  readonly closedRounds: Int32Array;
  readonly responseSum: Float64Array;
  readonly slowRounds: Int32Array;
  readonly unclosedRounds: Int32Array;
  /** The consultation's messages are times[msgStart, msgEnd) of `times`, in time order. */
  readonly msgStart: Int32Array;
  readonly msgEnd: Int32Array;
  /** All messages' times, grouped by conversation and in time order. */
  readonly times: Uint32Array;
}

export const businessDay = (time: number, dayStartsAt: number): number => Math.floor((time - dayStartsAt) / 86400);

/**
 * @param ownerOf account id → owner index (an agent, or an account nobody on the roster owns)
 */
export function consultations(logs: readonly ChatLog[], ownerOf: Int32Array, owners: number, buyers: number, rules: ChatRules): Consultations {
  const total = logs.reduce((n, log) => n + log.count, 0);
  // 1. A conversation id per message; conversations numbered in order of first appearance.
  const conversationOf = new Int32Array(total);
  const keys = new Map<number, number>();
  const convShop: number[] = [];
  const convOwner: number[] = [];
  const convBuyer: number[] = [];
  let m = 0;
  for (const log of logs) {
    for (let i = 0; i < log.count; i++, m++) {
      const shop = log.shop[i] as number;
      const owner = ownerOf[log.account[i] as number] as number;
      const buyer = log.buyer[i] as number;
      const key = (shop * owners + owner) * buyers + buyer;
      let id = keys.get(key);
      if (id === undefined) {
        id = convShop.length;
        keys.set(key, id);
        convShop.push(shop);
        convOwner.push(owner);
        convBuyer.push(buyer);
      }
      conversationOf[m] = id;
    }
  }
  keys.clear();
  const conversations = convShop.length;

  // 2. Counting sort by conversation, then each conversation in time order (buyer first at equal times).
  const startOf = new Int32Array(conversations + 1);
  for (let i = 0; i < total; i++) startOf[(conversationOf[i] as number) + 1]!++;
  for (let c = 0; c < conversations; c++) startOf[c + 1] = (startOf[c + 1] as number) + (startOf[c] as number);
  const times = new Uint32Array(total);
  const senders = new Uint8Array(total);
  const fill = startOf.slice(0, conversations);
  m = 0;
  for (const log of logs) {
    for (let i = 0; i < log.count; i++, m++) {
      const at = fill[conversationOf[m] as number]!++;
      times[at] = log.time[i] as number;
      senders[at] = log.sender[i] as number;
    }
  }
  for (let c = 0; c < conversations; c++) sortConversation(times, senders, startOf[c] as number, startOf[c + 1] as number);

  // 3. Walk each conversation: consultations per business day, then rounds.
  const out = new ConsultationColumns();
  const waiting: number[] = [];
  for (let c = 0; c < conversations; c++) {
    const from = startOf[c] as number;
    const to = startOf[c + 1] as number;
    // Consultations: the business days with a buyer message; their message ranges are contiguous.
    const dayConsultation = new Map<number, number>();
    for (let i = from; i < to; i++) {
      const day = businessDay(times[i] as number, rules.dayStartsAt);
      let id = dayConsultation.get(day);
      if (senders[i] === SENDER_BUYER) {
        if (id === undefined) {
          id = out.add(convShop[c] as number, convOwner[c] as number, convBuyer[c] as number, day, times[i] as number);
          dayConsultation.set(day, id);
          // The agent's earlier messages that day belong to it too.
          let j = i;
          while (j > from && businessDay(times[j - 1] as number, rules.dayStartsAt) === day) j--;
          out.msgStart[id] = j;
        }
      }
      if (id !== undefined) out.msgEnd[id] = i + 1;
    }
    let open = false;
    let openTime = 0;
    let openConsultation = -1;
    waiting.length = 0;
    for (let i = from; i < to; i++) {
      const time = times[i] as number;
      if (open && time - openTime > rules.roundTimeout) {
        out.unclosedRounds[openConsultation]!++;
        open = false;
        waiting.length = 0;
      }
      const own = dayConsultation.get(businessDay(time, rules.dayStartsAt));
      if (senders[i] === SENDER_BUYER) {
        const consultation = own as number;
        out.buyerMessages[consultation]!++;
        if (!open) {
          open = true;
          openTime = time;
          openConsultation = consultation;
        }
        // The first round of a consultation is the round its first buyer message falls in.
        if (out.firstBuyerTime[consultation] === time && !waiting.includes(consultation) && out.firstResponse[consultation] === -1) waiting.push(consultation);
      } else if (open) {
        const response = time - openTime;
        out.closedRounds[openConsultation]!++;
        out.responseSum[openConsultation]! += response;
        if (response > rules.slowAfter) out.slowRounds[openConsultation]!++;
        out.agentMessages[openConsultation]!++;
        // The closing message belongs to the round's consultation, even on a later day.
        if (out.msgEnd[openConsultation]! < i + 1) out.msgEnd[openConsultation] = i + 1;
        for (const consultation of waiting) out.firstResponse[consultation] = response;
        waiting.length = 0;
        open = false;
      } else if (own !== undefined) {
        out.agentMessages[own]!++;
      }
    }
    if (open) out.unclosedRounds[openConsultation]!++;
  }
  return out.finish(times);
}

/** Insertion sort of one conversation by (time, sender): conversations are short and mostly in order. */
function sortConversation(times: Uint32Array, senders: Uint8Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const t = times[i] as number;
    const s = senders[i] as number;
    let j = i - 1;
    while (j >= from && ((times[j] as number) > t || ((times[j] as number) === t && (senders[j] as number) > s))) {
      times[j + 1] = times[j] as number;
      senders[j + 1] = senders[j] as number;
      j--;
    }
    times[j + 1] = t;
    senders[j + 1] = s;
  }
}

/** Growable columns for consultations. */
class ConsultationColumns {
  count = 0;
  private capacity = 1024;
  shop = new Int32Array(this.capacity);
  owner = new Int32Array(this.capacity);
  buyer = new Int32Array(this.capacity);
  day = new Int32Array(this.capacity);
  firstBuyerTime = new Float64Array(this.capacity);
  buyerMessages = new Int32Array(this.capacity);
  agentMessages = new Int32Array(this.capacity);
  firstResponse = new Float64Array(this.capacity);
  closedRounds = new Int32Array(this.capacity);
  responseSum = new Float64Array(this.capacity);
  slowRounds = new Int32Array(this.capacity);
  unclosedRounds = new Int32Array(this.capacity);
  msgStart = new Int32Array(this.capacity);
  msgEnd = new Int32Array(this.capacity);

  add(shop: number, owner: number, buyer: number, day: number, firstBuyerTime: number): number {
    if (this.count === this.capacity) this.grow();
    const id = this.count++;
    this.shop[id] = shop;
    this.owner[id] = owner;
    this.buyer[id] = buyer;
    this.day[id] = day;
    this.firstBuyerTime[id] = firstBuyerTime;
    this.firstResponse[id] = -1;
    return id;
  }

  private grow(): void {
    this.capacity *= 2;
    const grow = <T extends Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(this.capacity);
      b.set(a);
      return b;
    };
    this.shop = grow(this.shop);
    this.owner = grow(this.owner);
    this.buyer = grow(this.buyer);
    this.day = grow(this.day);
    this.firstBuyerTime = grow(this.firstBuyerTime);
    this.buyerMessages = grow(this.buyerMessages);
    this.agentMessages = grow(this.agentMessages);
    this.firstResponse = grow(this.firstResponse);
    this.closedRounds = grow(this.closedRounds);
    this.responseSum = grow(this.responseSum);
    this.slowRounds = grow(this.slowRounds);
    this.unclosedRounds = grow(this.unclosedRounds);
    this.msgStart = grow(this.msgStart);
    this.msgEnd = grow(this.msgEnd);
  }

  finish(times: Uint32Array): Consultations {
    const n = this.count;
    return {
      count: n,
      shop: this.shop.subarray(0, n),
      owner: this.owner.subarray(0, n),
      buyer: this.buyer.subarray(0, n),
      day: this.day.subarray(0, n),
      firstBuyerTime: this.firstBuyerTime.subarray(0, n),
      buyerMessages: this.buyerMessages.subarray(0, n),
      agentMessages: this.agentMessages.subarray(0, n),
      firstResponse: this.firstResponse.subarray(0, n),
      closedRounds: this.closedRounds.subarray(0, n),
      responseSum: this.responseSum.subarray(0, n),
      slowRounds: this.slowRounds.subarray(0, n),
      unclosedRounds: this.unclosedRounds.subarray(0, n),
      msgStart: this.msgStart.subarray(0, n),
      msgEnd: this.msgEnd.subarray(0, n),
      times,
    };
  }
}
