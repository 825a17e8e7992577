import { describe, expect, it } from 'vitest';
import { parseDecimal, rational, toFixed, roundHalfAwayFromZero, fromLiteralNumber, cmp, add } from '../../src/core/num/rational.js';
import { roundToFen, formatYuan, formatYuanGrouped, splitEvenly, exactFen } from '../../src/core/num/money.js';

const r = (text: string) => parseDecimal(text)!;

describe('rational', () => {
  it.each([
    ['1.005', 201n, 200n],
    ['-12.50', -25n, 2n],
    ['0.003', 3n, 1000n],
    ['1e-7', 1n, 10_000_000n],
    ['.5', 1n, 2n],
  ])('reads %s exactly', (text, n, d) => {
    expect(parseDecimal(text)).toEqual({ n, d });
  });

  it('rejects what is not a plain decimal', () => {
    for (const text of ['', '1,2', 'abc', '1.2.3', '¥1']) expect(parseDecimal(text)).toBeUndefined();
  });

  it('rounds halves away from zero, unlike Math.round and toFixed', () => {
    // Math.round(1.005 * 100) === 100 and (2.675).toFixed(2) === "2.67": both wrong for money.
    expect(roundToFen(r('1.005'))).toBe(101n);
    expect(roundToFen(r('2.675'))).toBe(268n);
    expect(roundToFen(r('-2.675'))).toBe(-268n);
    expect(roundHalfAwayFromZero(r('-2.5'))).toBe(-3n);
    expect(roundHalfAwayFromZero(r('2.4999'))).toBe(2n);
    expect(toFixed(rational(1n, 3n), 4)).toBe('0.3333');
    expect(toFixed(r('-0.005'), 2)).toBe('-0.01');
  });

  it('reads YAML numbers back as the literal that was written', () => {
    expect(fromLiteralNumber(0.003)).toEqual({ n: 3n, d: 1000n });
    expect(fromLiteralNumber(0.1)).toEqual({ n: 1n, d: 10n });
    // 0.1 + 0.2 in floats is 0.30000000000000004; exactly it is 0.3.
    expect(cmp(add(fromLiteralNumber(0.1), fromLiteralNumber(0.2)), r('0.3'))).toBe(0);
  });
});

describe('money', () => {
  it('formats fen as yuan', () => {
    expect(formatYuan(123450n)).toBe('1234.50');
    expect(formatYuan(-5n)).toBe('-0.05');
    expect(formatYuan(0n)).toBe('0.00');
    expect(formatYuanGrouped(123456789n)).toBe('1,234,567.89');
    expect(formatYuanGrouped(-100000n)).toBe('-1,000.00');
  });

  it('knows which amounts are whole fen', () => {
    expect(exactFen(r('100.01'))).toBe(10001n);
    expect(exactFen(r('0.005'))).toBeUndefined();
  });

  it('splits by largest remainder so the shares add up, extra fen first', () => {
    // 100.01 yuan between 2: 50.01 + 50.00. 1.00 between 3: 0.34 + 0.33 + 0.33.
    expect(splitEvenly(10001n, 2)).toEqual([5001n, 5000n]);
    expect(splitEvenly(100n, 3)).toEqual([34n, 33n, 33n]);
    expect(splitEvenly(-100n, 3)).toEqual([-34n, -33n, -33n]);
    for (let total = 0n; total < 50n; total++) {
      for (let n = 1; n <= 7; n++) expect(splitEvenly(total, n).reduce((a, b) => a + b, 0n)).toBe(total);
    }
  });
});
