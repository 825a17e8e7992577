// Core: "did you mean …?" — the nearest known name to a misspelt one, by edit distance. Pure.

/** No name a person types is longer: a longer word (a garbled cell, an attack) gets no suggestion, fast. */
const MAX_WORD = 200;

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0] as number;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] as number;
      previous[j] = Math.min(above + 1, (previous[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length] as number;
}

/** Up to `count` candidates closest to the word, nearest first (ties in the candidates' order). */
export function nearestMany(word: string, candidates: Iterable<string>, count: number): string[] {
  if (word.length > MAX_WORD) return [];
  const lower = word.toLowerCase();
  const scored = [...new Set(candidates)].filter((c) => c.length <= MAX_WORD * 2).map((candidate, order) => ({ candidate, order, distance: editDistance(lower, candidate.toLowerCase()) }));
  scored.sort((a, b) => a.distance - b.distance || a.order - b.order);
  return scored.slice(0, count).map((s) => s.candidate);
}

/** The closest candidate within a third of the word's length (at least 1), or within `most` edits when given. */
export function nearest(word: string, candidates: Iterable<string>, most?: number): string | undefined {
  if (word.length > MAX_WORD) return undefined;
  const limit = most ?? Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    // Two words whose lengths differ by more than the limit are farther apart than it: not compared.
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance && distance <= limit && candidate !== word) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The nearest account, judged on the sub-account after `店铺:` when both share the shop, so that two
 * accounts of one shop are not "near" just because the shop's long name is the same.
 */
export function nearestAccount(account: string, candidates: Iterable<string>): string | undefined {
  const split = (a: string) => {
    const at = a.lastIndexOf(':');
    return at < 0 ? ['', a] : [a.slice(0, at), a.slice(at + 1)];
  };
  const [shop, sub] = split(account);
  const sameShop = [...candidates].filter((c) => split(c)[0] === shop);
  const near = nearest(sub as string, sameShop.map((c) => split(c)[1] as string));
  return near === undefined ? undefined : `${shop}${shop ? ':' : ''}${near}`;
}
