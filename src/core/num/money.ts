// Core: money as integer fen (bigint). The only place an amount is rounded is `roundToFen`, half away
// from zero, once per line of a bonus sheet; pools and split orders are divided by largest remainder
// so the parts add up to the whole to the fen.
import { type Rational, rational, mul, parseDecimal, roundHalfAwayFromZero } from './rational.js';

export type Fen = bigint;

const FEN_PER_YUAN: Rational = { n: 100n, d: 1n };

/** Round an exact amount in yuan to fen, half away from zero (¥0.005 → ¥0.01, −¥0.005 → −¥0.01). */
export function roundToFen(yuan: Rational): Fen {
  return roundHalfAwayFromZero(mul(yuan, FEN_PER_YUAN));
}

/** The fen of an amount that must already be whole fen (prizes, adjustments); undefined otherwise. */
export function exactFen(yuan: Rational): Fen | undefined {
  const fen = mul(yuan, FEN_PER_YUAN);
  return fen.d === 1n ? fen.n : undefined;
}

export function fenToYuan(fen: Fen): Rational {
  return rational(fen, 100n);
}

/** "1234.50", "-12.05": the form JSON and CSV carry. */
export function formatYuan(fen: Fen): string {
  const negative = fen < 0n;
  const abs = (negative ? -fen : fen).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

/** The fen an amount as formatYuan writes it stands for ("6136.90" → 613690n): undefined for any other text. */
export function parseYuan(text: string): Fen | undefined {
  const value = parseDecimal(text);
  return value ? exactFen(value) : undefined;
}

/** "1,234.50" for the terminal table. */
export function formatYuanGrouped(fen: Fen): string {
  const plain = formatYuan(fen);
  const [whole = '', cents = ''] = plain.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/**
 * Divide `total` fen into `count` equal shares by largest remainder: every share is the floor of the
 * exact share, and the fen left over go one each to the first shares (callers order the receivers by
 * agent_id, so who gets the extra fen is defined). The shares always add up to `total`.
 */
export function splitEvenly(total: Fen, count: number): Fen[] {
  if (count <= 0) return [];
  const n = BigInt(count);
  const negative = total < 0n;
  const abs = negative ? -total : total;
  const floor = abs / n;
  let left = abs - floor * n;
  const shares: Fen[] = [];
  for (let i = 0; i < count; i++) {
    const share = floor + (left > 0n ? 1n : 0n);
    if (left > 0n) left--;
    shares.push(negative ? -share : share);
  }
  return shares;
}

/**
 * A non-negative total split in proportion to non-negative weights, by largest remainder: each part is
 * its exact share rounded down, and the fen left over go one each to the largest remainders (the
 * earlier part of equals first), so the parts add up to the total. All weights zero: split evenly.
 */
export function splitByWeight(total: Fen, weights: readonly bigint[]): Fen[] {
  const whole = weights.reduce((a, b) => a + b, 0n);
  if (whole === 0n) return splitEvenly(total, weights.length);
  const parts = weights.map((w) => (total * w) / whole);
  let left = total - parts.reduce((a, b) => a + b, 0n);
  const byRemainder = weights.map((w, i) => ({ i, r: (total * w) % whole })).sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i));
  for (const { i } of byRemainder) {
    if (left <= 0n) break;
    parts[i] = (parts[i] as bigint) + 1n;
    left--;
  }
  return parts;
}

export function sumFen(values: Iterable<Fen>): Fen {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}
