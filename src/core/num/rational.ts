// Core: exact rational numbers (bigint numerator / denominator) for every metric, score and rate.
// Nothing here rounds except `roundHalfAwayFromZero`, which money.ts and the renderers call by name.
// No floating point enters: a KPI score of exactly 85 must reach the 85 band, not 84.99999999.

export interface Rational {
  readonly n: bigint; // numerator, carries the sign
  readonly d: bigint; // denominator, always > 0, gcd(n, d) = 1
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function rational(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError('rational with zero denominator');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const ZERO: Rational = { n: 0n, d: 1n };
export const ONE: Rational = { n: 1n, d: 1n };
export const HUNDRED: Rational = { n: 100n, d: 1n };

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$|^([+-])?\.(\d+)$/;

/** Exact value of a plain decimal literal such as "-12.5", "0.003", "1e-7". Returns undefined otherwise. */
export function parseDecimal(text: string): Rational | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const sign = (m[1] ?? m[5]) === '-' ? -1n : 1n;
  const whole = m[2] ?? '0';
  const fraction = m[3] ?? m[6] ?? '';
  const exponent = m[4] ? Number(m[4]) : 0;
  let n = BigInt(whole + fraction) * sign;
  let d = 10n ** BigInt(fraction.length);
  if (exponent > 0) n *= 10n ** BigInt(exponent);
  if (exponent < 0) d *= 10n ** BigInt(-exponent);
  return rational(n, d);
}

/**
 * Exact value of a number that came from a YAML literal. JavaScript prints a double as the shortest
 * decimal that reads back to it, which is the literal as written for anything under 16 digits.
 */
export function fromLiteralNumber(value: number): Rational {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const parsed = parseDecimal(String(value));
  if (!parsed) throw new RangeError(`cannot read ${value} as a decimal`);
  return parsed;
}

export function add(a: Rational, b: Rational): Rational {
  if (a.d === b.d) return rational(a.n + b.n, a.d);
  return rational(a.n * b.d + b.n * a.d, a.d * b.d);
}
export function sub(a: Rational, b: Rational): Rational {
  return add(a, neg(b));
}
export function neg(a: Rational): Rational {
  return { n: -a.n, d: a.d };
}
export function mul(a: Rational, b: Rational): Rational {
  return rational(a.n * b.n, a.d * b.d);
}
/** a / b; undefined when b is zero (a ratio with nothing under it has no value). */
export function div(a: Rational, b: Rational): Rational | undefined {
  if (b.n === 0n) return undefined;
  return rational(a.n * b.d, a.d * b.n);
}
export function cmp(a: Rational, b: Rational): -1 | 0 | 1 {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}
export const eq = (a: Rational, b: Rational): boolean => a.n === b.n && a.d === b.d;
export const min = (a: Rational, b: Rational): Rational => (cmp(a, b) <= 0 ? a : b);
export const max = (a: Rational, b: Rational): Rational => (cmp(a, b) >= 0 ? a : b);

export function sum(values: Iterable<Rational>): Rational {
  let total = ZERO;
  for (const v of values) total = add(total, v);
  return total;
}

/** The integer nearest to `a`, halves away from zero (2.5 → 3, −2.5 → −3). */
export function roundHalfAwayFromZero(a: Rational): bigint {
  const negative = a.n < 0n;
  const absN = negative ? -a.n : a.n;
  const rounded = (2n * absN + a.d) / (2n * a.d);
  return negative ? -rounded : rounded;
}

/** Decimal text with exactly `digits` decimals, rounded half away from zero: for display only. */
export function toFixed(a: Rational, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const scaled = roundHalfAwayFromZero(mul(a, { n: scale, d: 1n }));
  const negative = scaled < 0n;
  const abs = (negative ? -scaled : scaled).toString().padStart(digits + 1, '0');
  const head = abs.slice(0, abs.length - digits);
  const tail = digits > 0 ? '.' + abs.slice(abs.length - digits) : '';
  return (negative ? '-' : '') + head + tail;
}

/** Plain decimal text of an exact number, for explanations: 0.003, 12.5, or 17/31 if it does not terminate in 8 decimals. */
export function showNumber(value: Rational): string {
  for (let digits = 0; digits <= 8; digits++) {
    const text = toFixed(value, digits);
    if (eq(parseDecimal(text) as Rational, value)) return text;
  }
  return `${value.n}/${value.d}`;
}

/** Nearest double, for JSON numbers and charts; never fed back into arithmetic. */
export function toNumber(a: Rational): number {
  if (a.d === 1n) return Number(a.n);
  // Twelve significant decimals is more than any ratio or mean here needs and reads cleanly in JSON.
  return Number(toFixed(a, 12));
}
