// Core: who owns each account seen in the raw files. Owners are the roster's people in agent_id order,
// then the accounts nobody on the roster owns, by name: an owner's index is its tie-break rank ("ties
// go to the smaller agent_id"). Pure.
import type { RosterEntry } from '../../model/dataset.js';

export interface Owners {
  /** Roster people, one per agent_id, in agent_id order: owner i < people.length is people[i]. */
  readonly people: readonly RosterEntry[];
  /** Account id → owner index. */
  readonly ownerOf: Int32Array;
  /** Accounts nobody on the roster owns, owner index people.length + k for strangers[k]. */
  readonly strangers: readonly { readonly name: string; readonly account: number }[];
  readonly count: number;
}

export function assignOwners(roster: readonly RosterEntry[], accounts: readonly string[]): Owners {
  const people = [...new Map(roster.map((e) => [e.agentId, e])).values()].sort((a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
  const personOfAccount = new Map<string, number>();
  people.forEach((e, i) => e.accounts.forEach((account) => personOfAccount.has(account) || personOfAccount.set(account, i)));
  const ownerOf = new Int32Array(accounts.length).fill(-1);
  const strangers: { name: string; account: number }[] = [];
  const fresh: { name: string; account: number }[] = [];
  accounts.forEach((name, account) => {
    if (ownerOf[account] !== -1) return;
    const person = personOfAccount.get(name);
    if (person !== undefined) ownerOf[account] = person;
    else fresh.push({ name, account });
  });
  fresh.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const stranger of fresh) {
    ownerOf[stranger.account] = people.length + strangers.length;
    strangers.push(stranger);
  }
  return { people, ownerOf, strangers, count: people.length + strangers.length };
}
