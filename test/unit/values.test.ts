import { describe, expect, it } from 'vitest';
import { parseAmount, parseRate, parseRatePoints, inPercentPoints, parseDuration, parseDateTime, parseCount, parseNumber } from '../../src/parse/values.js';
import { dayNumber } from '../../src/core/num/dates.js';
import { parseDecimal } from '../../src/core/num/rational.js';

const ok = (value: string) => ({ kind: 'value', value: parseDecimal(value) });

describe('values as exports write them', () => {
  it.each([
    ['1,234.56', '1234.56'],
    ['¥1,234.56', '1234.56'],
    ['￥1,234.56', '1234.56'],
    ['1234.56元', '1234.56'],
    ['-50', '-50'],
    [' 12 ', '12'],
    ['１２３', '123'],
  ])('amount %s', (raw, value) => expect(parseAmount(raw)).toEqual(ok(value)));

  it.each(['12,34.5x', '12,34', '1.2.3', '¥', 'abc'])('bad amount %s', (raw) => {
    expect(parseAmount(raw)).toEqual({ kind: 'bad', code: 'VALUE_BAD_AMOUNT' });
  });

  it.each(['2026-10-01', '2026/10/1 08:00:00', '2026年10月1日'])('a date in an amount cell is said to be a date: %s', (raw) => {
    expect(parseAmount(raw)).toEqual({ kind: 'bad', code: 'VALUE_BAD_AMOUNT', params: { found: 'date' } });
  });

  it.each(['', '-', '--'])('missing %j', (raw) => expect(parseAmount(raw)).toEqual({ kind: 'missing', unsettled: false }));
  it('延迟统计 is missing, not yet settled', () => expect(parseAmount('延迟统计')).toEqual({ kind: 'missing', unsettled: true }));

  it('rates: % divides by 100, a bare fraction stays, a bare number above 1 is an error', () => {
    expect(parseRate('23.45%')).toEqual(ok('0.2345'));
    expect(parseRate('0.2345')).toEqual(ok('0.2345'));
    expect(parseRate('1')).toEqual(ok('1'));
    expect(parseRate('35')).toEqual({ kind: 'bad', code: 'VALUE_BAD_RATE' });
    expect(parseRate('35', true)).toEqual(ok('0.35'));
  });

  it('a column is in percent points when no cell has % and one bare number is above 1 and at most 100', () => {
    expect(inPercentPoints(['99.71', '100', '0.5', '-', ''])).toBe(true);
    expect(inPercentPoints(['１００', '0'])).toBe(true); // full-width digits as Chinese Excel writes them
    expect(inPercentPoints(['0.9971', '1', '0.5'])).toBe(false); // fractions: 1 is 100%
    expect(inPercentPoints(['99.71', '98.5%'])).toBe(false); // a % sign: bare 99.71 stays an error
    expect(inPercentPoints(['150', '0.5'])).toBe(false); // above 100 only: not points, an error
    expect(inPercentPoints(['150', '99.71'])).toBe(true); // points, and 150 the one error
    expect(inPercentPoints(['-', '--', '延迟统计'])).toBe(false);
  });

  it('in a column of percent points: 99.71 is 0.9971, 1 is 0.01, 23.45% as written, above 100 an error', () => {
    expect(parseRatePoints('99.71', 'values')).toEqual(ok('0.9971'));
    expect(parseRatePoints('1', 'values')).toEqual(ok('0.01'));
    expect(parseRatePoints('100', 'values')).toEqual(ok('1'));
    expect(parseRatePoints('23.45%', 'values')).toEqual(ok('0.2345'));
    expect(parseRatePoints('100.01', 'values')).toEqual({ kind: 'bad', code: 'VALUE_BAD_RATE', params: { points: 'values' } });
    expect(parseRatePoints('150', 'header')).toEqual({ kind: 'bad', code: 'VALUE_BAD_RATE', params: { points: 'header' } });
    expect(parseRatePoints('-', 'values')).toEqual({ kind: 'missing', unsettled: false });
  });

  it.each([
    ['27.77', '27.77'],
    ['12秒', '12'],
    ['2分30秒', '150'],
    ['7小时41分52秒', '27712'], // 7×3600 + 41×60 + 52
    ['00:02:30', '150'],
    ['1:02:03', '3723'],
    ['02:30', '150'],
  ])('duration %s is %s s', (raw, seconds) => expect(parseDuration(raw)).toEqual(ok(seconds)));

  it('bad duration', () => expect(parseDuration('2分钟半')).toEqual({ kind: 'bad', code: 'VALUE_BAD_DURATION' }));

  it.each(['2026-10-01', '2026/10/1', '2026年10月1日', '20261001', '2026.10.01'])('date %s', (raw) => {
    expect(parseDateTime(raw)).toEqual({ kind: 'value', value: { day: dayNumber(2026, 10, 1) } });
  });

  it('date with time', () => {
    expect(parseDateTime('2026/10/1 08:30')).toEqual({ kind: 'value', value: { day: dayNumber(2026, 10, 1), seconds: 8 * 3600 + 30 * 60 } });
    expect(parseDateTime('2026-10-01 23:59:59')).toEqual({ kind: 'value', value: { day: dayNumber(2026, 10, 1), seconds: 86399 } });
  });

  it.each(['2026-02-30', '2026-13-01', '10/01/2026', '2026-10-01 25:00'])('bad date %s', (raw) => {
    expect(parseDateTime(raw)).toEqual({ kind: 'bad', code: 'VALUE_BAD_DATE' });
  });

  it('counts are whole', () => {
    expect(parseCount('1,234')).toEqual(ok('1234'));
    expect(parseCount('12.5')).toEqual({ kind: 'bad', code: 'VALUE_BAD_COUNT' });
    expect(parseNumber('12.5')).toEqual(ok('12.5'));
  });
});

describe('values refused', () => {
  it('a duration whose minutes or seconds reach 60', () => {
    expect(parseDuration('1:75')).toEqual({ kind: 'bad', code: 'VALUE_BAD_DURATION' });
    expect(parseDuration('00:02:60')).toEqual({ kind: 'bad', code: 'VALUE_BAD_DURATION' });
  });
  it('a negative rate', () => {
    expect(parseRate('-5%')).toEqual({ kind: 'bad', code: 'VALUE_BAD_RATE' });
    expect(parseRate('-0.2')).toEqual({ kind: 'bad', code: 'VALUE_BAD_RATE' });
  });
});
