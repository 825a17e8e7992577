// Core: rankings and rank prizes (SPEC §3 `rank_by`). Ties share the rank (1, 1, 3) and the prizes of
// the places they cover are pooled and split equally, by largest remainder so the split adds up to the
// fen. Deterministic: equal values are listed by agent_id. Pure.
import { type Rational, cmp } from '../num/rational.js';
import { type Fen, splitEvenly, sumFen } from '../num/money.js';

export interface Ranked {
  readonly agentId: string;
  readonly value: Rational;
  /** 1-based; tied entries share the rank of the first place they cover. */
  readonly rank: number;
}

/** Competition ranking ("1224") of the entries that have a value; the others are not ranked. */
export function rank(entries: readonly { agentId: string; value: Rational | undefined }[], order: 'asc' | 'desc'): Ranked[] {
  const valued = entries.filter((e): e is { agentId: string; value: Rational } => e.value !== undefined);
  const sign = order === 'desc' ? -1 : 1;
  valued.sort((a, b) => sign * cmp(a.value, b.value) || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
  const ranked: Ranked[] = [];
  valued.forEach((entry, i) => {
    const previous = ranked[i - 1];
    const tied = previous !== undefined && cmp(previous.value, entry.value) === 0;
    ranked.push({ ...entry, rank: tied ? previous.rank : i + 1 });
  });
  return ranked;
}

/**
 * Prize money by agent: place p (1-based) is worth prizes[p − 1]. A group tied at rank r covers places
 * r … r + k − 1; those prizes are pooled and split equally among the k, extra fen to the earlier agent_id.
 */
export function awardPrizes(ranked: readonly Ranked[], prizes: readonly Fen[]): Map<string, Fen> {
  const awards = new Map<string, Fen>();
  let i = 0;
  while (i < ranked.length) {
    const first = ranked[i] as Ranked;
    let end = i;
    while (end < ranked.length && (ranked[end] as Ranked).rank === first.rank) end++;
    const tied = ranked.slice(i, end);
    const pool = sumFen(tied.map((_, k) => prizes[first.rank - 1 + k] ?? 0n));
    if (pool > 0n) {
      const shares = splitEvenly(pool, tied.length);
      tied.forEach((r, k) => awards.set(r.agentId, shares[k] as Fen));
    }
    i += tied.length;
  }
  return awards;
}
