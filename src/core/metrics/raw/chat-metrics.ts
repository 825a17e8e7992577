// Core: consultations and rounds from the chat log (SPEC §2). Messages are grouped into conversations
// (shop, agent, buyer), put in time order (at equal times the buyer first, so row order never
// matters), cut into consultations per business day, then walked for rounds across days and response times.
// Works on the compact columns of raw.ts with plain arrays, for 5,000,000 messages. Pure.
import type { ChatLog } from './raw.js';
import { SENDER_BUYER, senderOfStamp, timeOfStamp } from './raw.js';
import { groupBy, sortRange } from './group.js';

export interface ChatRules {
  /** Seconds after midnight at which a business day begins. */
  readonly dayStartsAt: number;
  readonly roundTimeout: number;
  readonly slowAfter: number;
  /** The hours whose rounds `fast_reply_rate` counts, in seconds after midnight: [from, to), wrapping past midnight when from > to. */
  readonly hours: { readonly from: number; readonly to: number };
  /** The time of the chat log's last message: a round still open then is expired only if it had waited past the timeout. */
  readonly logEnd: number;
  /** The owner whose consultations' first responses and slow rounds are noted one by one (kefu explain), or −1. */
  readonly detailOwner: number;
}

/** Whether a wall-clock time falls inside the rule's hours (start included, end excluded). */
export function inHours(time: number, hours: ChatRules['hours']): boolean {
  const clock = time - Math.floor(time / 86400) * 86400;
  return hours.from <= hours.to ? clock >= hours.from && clock < hours.to : clock >= hours.from || clock < hours.to;
}

/** Sums over an owner's consultations of the period (SPEC §2 service metrics). */
export interface OwnerService {
  consulted: number;
  /** Consultations whose first buyer message got an agent reply within round_timeout_s, and Σ those waits. */
  received: number;
  firstResponseSum: number;
  closedRounds: number;
  responseSum: number;
  slowRounds: number;
  unclosedRounds: number;
  /** Rounds opened inside `response.hours` (closed or not), and those of them closed within slow_after_s. */
  roundsInHours: number;
  fastRoundsInHours: number;
  buyerMessages: number;
  agentMessages: number;
}

export const emptyService = (): OwnerService => ({
  consulted: 0, received: 0, firstResponseSum: 0, closedRounds: 0, responseSum: 0, slowRounds: 0, unclosedRounds: 0,
  roundsInHours: 0, fastRoundsInHours: 0, buyerMessages: 0, agentMessages: 0,
});

/** Every consultation (shop, owner, buyer, business day), in columns: what attribution needs. */
export interface Consultations {
  readonly count: number;
  readonly shop: Int32Array;
  readonly owner: Int32Array;
  readonly buyer: Int32Array;
  readonly day: Int32Array;
  readonly firstBuyerTime: Uint32Array;
  /** The service metrics of the period's consultations, summed by owner as the rounds are walked. */
  readonly service: readonly OwnerService[];
  /** The consultation's messages are stamps[msgStart, msgEnd), in time order. */
  readonly msgStart: Int32Array;
  readonly msgEnd: Int32Array;
  /** All messages' stamps (time and sender, see raw.ts), grouped by conversation and in time order. */
  readonly stamps: Uint32Array;
  /** The detail owner's first responses and slow rounds, one by one (rules.detailOwner ≥ 0). */
  readonly detail?: ServiceDetail;
}

/** One owner's service, consultation by consultation and round by round, for kefu explain. */
export interface ServiceDetail {
  /** Per consultation: the wait for its first response in seconds, when received (counted in `received`); −1 otherwise. */
  readonly firstWait: Int32Array;
  /** The period's rounds answered after more than slow_after_s: the consultation each counts in, when it opened, its wait. */
  readonly slow: { readonly consultation: number; readonly opened: number; readonly wait: number }[];
}

export const businessDay = (time: number, dayStartsAt: number): number => Math.floor((time - dayStartsAt) / 86400);

/**
 * SPEC §2's consultations and rounds: the messages grouped into conversations, each conversation cut
 * into consultations by business day, then its rounds walked for the service sums.
 * @param ownerOf account id → owner index (an agent, or an account nobody on the roster owns)
 */
export function consultations(log: ChatLog, ownerOf: Int32Array, owners: number, buyers: number, rules: ChatRules, period: { first: number; last: number }): Consultations {
  const conversations = groupConversations(log, ownerOf, owners, buyers);
  const { out, ofConversation } = cutByBusinessDay(conversations, owners, rules.dayStartsAt);
  const detail = rules.detailOwner >= 0 ? { firstWait: new Int32Array(out.count).fill(-1), slow: [] } : undefined;
  const service = walkRounds(conversations, out, ofConversation, owners, rules, period, detail);
  return out.finish(conversations.stamps, service, detail);
}

/** The messages of each conversation (shop, owner, buyer), together and in time order. */
interface Conversations {
  readonly count: number;
  /** Conversation c's messages' stamps are stamps[start[c], start[c + 1]). */
  readonly stamps: Uint32Array;
  readonly start: Int32Array;
  /** Each conversation's (shop, owner) pair, numbered shop × owners + owner, and its buyer. */
  readonly pair: Int32Array;
  readonly buyer: Int32Array;
}

/**
 * The messages grouped by conversation (buyer, pair) in time order: a counting sort by buyer, then
 * each buyer's few messages by (pair, stamp). Stamps order equal times buyer first (SPEC §2).
 */
function groupConversations(log: ChatLog, ownerOf: Int32Array, owners: number, buyers: number): Conversations {
  const { stamp, buyer, channel } = log;
  const total = log.count;
  // (shop, owner) pairs, numbered shop × owners + owner; a message's channel gives its pair.
  const pairTable = Int32Array.from(log.channelShop, (shop, c) => shop * owners + (ownerOf[log.channelAccount[c] as number] as number));
  const pairOf = (m: number) => pairTable[channel[m] as number] as number;
  const sorted = new Uint32Array(total);
  let conversations = 0;
  const byBuyer = groupBy(total, buyers, (m) => buyer[m] as number).items;
  {
    const compare = (a: number, b: number) => pairOf(a) - pairOf(b) || (stamp[a] as number) - (stamp[b] as number);
    let from = 0;
    while (from < total) {
      const b = buyer[byBuyer[from] as number] as number;
      let to = from + 1;
      while (to < total && buyer[byBuyer[to] as number] === b) to++;
      sortRange(byBuyer, from, to, compare);
      for (let k = from; k < to; k++) {
        if (k === from || pairOf(byBuyer[k] as number) !== pairOf(byBuyer[k - 1] as number)) conversations++;
        sorted[k] = stamp[byBuyer[k] as number] as number;
      }
      from = to;
    }
  }
  const startOf = new Int32Array(conversations + 1);
  const convPair = new Int32Array(conversations);
  const convBuyer = new Int32Array(conversations);
  for (let k = 0, c = -1; k < total; k++) {
    const m = byBuyer[k] as number;
    const previous = k > 0 ? (byBuyer[k - 1] as number) : -1;
    if (previous < 0 || pairOf(m) !== pairOf(previous) || buyer[m] !== buyer[previous]) {
      c++;
      startOf[c] = k;
      convPair[c] = pairOf(m);
      convBuyer[c] = buyer[m] as number;
    }
  }
  startOf[conversations] = total;
  return { count: conversations, stamps: sorted, start: startOf, pair: convPair, buyer: convBuyer };
}

/**
 * Consultations: the business days of a conversation with a buyer message, each with that day's
 * messages (the agent's earlier ones included). Conversation c's consultations are
 * ofConversation[c] … ofConversation[c + 1] − 1, by day.
 */
function cutByBusinessDay(conversations: Conversations, owners: number, dayStartsAt: number): { out: ConsultationColumns; ofConversation: Int32Array } {
  const { stamps: sorted, start: startOf } = conversations;
  // Counted first so their columns are allocated once, at their size.
  let count = 0;
  for (let c = 0; c < conversations.count; c++) {
    let lastDay = Number.NaN;
    for (let i = startOf[c] as number; i < (startOf[c + 1] as number); i++) {
      if (senderOfStamp(sorted[i] as number) !== SENDER_BUYER) continue;
      const day = businessDay(timeOfStamp(sorted[i] as number), dayStartsAt);
      if (day !== lastDay) {
        count++;
        lastDay = day;
      }
    }
  }
  const out = new ConsultationColumns(count);
  const ofConversation = new Int32Array(conversations.count + 1);
  for (let c = 0; c < conversations.count; c++) {
    const from = startOf[c] as number;
    const to = startOf[c + 1] as number;
    const shop = Math.floor((conversations.pair[c] as number) / owners);
    const owner = (conversations.pair[c] as number) % owners;
    ofConversation[c] = out.count;
    let lastDay = Number.NaN;
    for (let i = from; i < to; i++) {
      if (senderOfStamp(sorted[i] as number) !== SENDER_BUYER) continue;
      const day = businessDay(timeOfStamp(sorted[i] as number), dayStartsAt);
      if (day === lastDay) continue;
      lastDay = day;
      const id = out.add(shop, owner, conversations.buyer[c] as number, day, timeOfStamp(sorted[i] as number));
      let j = i;
      while (j > from && businessDay(timeOfStamp(sorted[j - 1] as number), dayStartsAt) === day) j--;
      out.msgStart[id] = j;
      let e = i + 1;
      while (e < to && businessDay(timeOfStamp(sorted[e] as number), dayStartsAt) === day) e++;
      out.msgEnd[id] = e;
    }
  }
  ofConversation[conversations.count] = out.count;
  return { out, ofConversation };
}

/**
 * Each conversation's rounds and first responses, walked in time order, summed by owner over the
 * period's consultations. A round's closing message may lengthen its consultation's messages (msgEnd).
 */
function walkRounds(conversations: Conversations, out: ConsultationColumns, ofConversation: Int32Array, owners: number, rules: ChatRules, period: { first: number; last: number }, detail: ServiceDetail | undefined): OwnerService[] {
  const { stamps: sorted, start: startOf } = conversations;
  const service: OwnerService[] = Array.from({ length: owners }, emptyService);
  const waiting: number[] = [];
  for (let c = 0; c < conversations.count; c++) {
    const from = startOf[c] as number;
    const to = startOf[c + 1] as number;
    const owner = (conversations.pair[c] as number) % owners;
    // This conversation's consultations: ids firstId … endId − 1, by day.
    const firstId = ofConversation[c] as number;
    const endId = ofConversation[c + 1] as number;
    // Rounds, in time order: a buyer message opens one if none is open, the next agent message closes
    // it, unless the round has waited longer than round_timeout_s.
    let open = false;
    let openTime = 0;
    let openInHours = false;
    let openConsultation = -1;
    let cursor = firstId; // the consultation of the current message's day, or past it
    // First responses (首问首答) are the consultation's own: from its first buyer message to the next
    // agent message, whatever round is open. `waiting` holds the consultations not answered yet;
    // `nextFirst` is the consultation whose first buyer message comes next.
    let nextFirst = firstId;
    waiting.length = 0;
    // Service sums go to the owner, for consultations of the period only.
    const sums = service[owner] as OwnerService;
    const noted = owner === rules.detailOwner ? detail : undefined;
    const inPeriod = (consultation: number) => {
      const day = out.day[consultation] as number;
      return day >= period.first && day <= period.last;
    };
    const unclosed = () => {
      if (!inPeriod(openConsultation)) return;
      sums.unclosedRounds++;
      if (openInHours) sums.roundsInHours++;
    };
    for (let id = firstId; id < endId; id++) if (inPeriod(id)) sums.consulted++;
    for (let i = from; i < to; i++) {
      const t = timeOfStamp(sorted[i] as number);
      if (open && t - openTime > rules.roundTimeout) {
        unclosed();
        open = false;
      }
      const day = businessDay(t, rules.dayStartsAt);
      while (cursor < endId && (out.day[cursor] as number) < day) cursor++;
      const own = cursor < endId && out.day[cursor] === day ? cursor : -1;
      if (senderOfStamp(sorted[i] as number) === SENDER_BUYER) {
        if (inPeriod(own)) sums.buyerMessages++;
        if (!open) {
          open = true;
          openTime = t;
          openInHours = inHours(t, rules.hours);
          openConsultation = own;
        }
        if (nextFirst === own) {
          waiting.push(own);
          nextFirst++;
        }
        continue;
      }
      for (const consultation of waiting) {
        const wait = t - (out.firstBuyerTime[consultation] as number);
        if (wait > rules.roundTimeout || !inPeriod(consultation)) continue;
        sums.received++;
        sums.firstResponseSum += wait;
        if (noted) noted.firstWait[consultation] = wait;
      }
      waiting.length = 0;
      if (open) {
        const response = t - openTime;
        if (inPeriod(openConsultation)) {
          sums.closedRounds++;
          sums.responseSum += response;
          if (response > rules.slowAfter) {
            sums.slowRounds++;
            noted?.slow.push({ consultation: openConsultation, opened: openTime, wait: response });
          }
          if (openInHours) {
            sums.roundsInHours++;
            if (response <= rules.slowAfter) sums.fastRoundsInHours++;
          }
          // The closing message belongs to the round's consultation, even on a later day.
          sums.agentMessages++;
        }
        if ((out.msgEnd[openConsultation] as number) < i + 1) out.msgEnd[openConsultation] = i + 1;
        open = false;
      } else if (own >= 0) {
        if (inPeriod(own)) sums.agentMessages++;
      }
    }
    // A round still open where the log ends expired if it had waited past the timeout by then; one
    // asked less than that before the end is undecided (its answer may be past the export) and counts nowhere.
    if (open && rules.logEnd - openTime > rules.roundTimeout) unclosed();
  }
  return service;
}

/** The columns of consultations, allocated once at their final size. */
class ConsultationColumns {
  count = 0;
  readonly shop: Int32Array;
  readonly owner: Int32Array;
  readonly buyer: Int32Array;
  readonly day: Int32Array;
  readonly firstBuyerTime: Uint32Array;
  readonly msgStart: Int32Array;
  readonly msgEnd: Int32Array;

  constructor(size: number) {
    this.shop = new Int32Array(size);
    this.owner = new Int32Array(size);
    this.buyer = new Int32Array(size);
    this.day = new Int32Array(size);
    this.firstBuyerTime = new Uint32Array(size);
    this.msgStart = new Int32Array(size);
    this.msgEnd = new Int32Array(size);
  }

  add(shop: number, owner: number, buyer: number, day: number, firstBuyerTime: number): number {
    const id = this.count++;
    this.shop[id] = shop;
    this.owner[id] = owner;
    this.buyer[id] = buyer;
    this.day[id] = day;
    this.firstBuyerTime[id] = firstBuyerTime;
    return id;
  }

  finish(stamps: Uint32Array, service: readonly OwnerService[], detail: ServiceDetail | undefined): Consultations {
    const { count, shop, owner, buyer, day, firstBuyerTime, msgStart, msgEnd } = this;
    return { count, shop, owner, buyer, day, firstBuyerTime, msgStart, msgEnd, stamps, service, ...(detail ? { detail } : {}) };
  }
}
