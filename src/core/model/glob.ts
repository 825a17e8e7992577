// Core: SKU patterns (`E80*`, `TC-?`) as the scheme writes them for `per_unit` and `bundles`: `*` is
// any run of characters, `?` one character, everything else itself. Pure.

export function globRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'u');
}

/** Does a SKU match any of the patterns? */
export function globMatcher(patterns: readonly string[]): (sku: string) => boolean {
  const compiled = patterns.map(globRegExp);
  return (sku) => compiled.some((re) => re.test(sku));
}

/** The index of the first pattern a SKU matches, or −1 (per-unit rates: the first match wins). */
export function firstMatch(patterns: readonly string[]): (sku: string) => number {
  const compiled = patterns.map(globRegExp);
  return (sku) => compiled.findIndex((re) => re.test(sku));
}
