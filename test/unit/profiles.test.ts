// What an export's file name says, and the warning when its dates are not the run's period.
import { describe, expect, it } from 'vitest';
import { monthPeriod, type Period } from '../../src/core/num/dates.js';
import { namePeriodIssue, nameFacts } from '../../src/parse/profiles.js';

const october = monthPeriod('2026-10') as Period;
const CHITU = (range: string) => `exports/自定义报表_人均日接入_下单优先判定_${range}.xlsx`;

describe('the period in a file name against the run', () => {
  it('reads 生意参谋 and 赤兔 ranges', () => {
    expect(nameFacts(CHITU('2026-10-01至2026-10-31')).rule).toBe('下单优先判定');
    expect(nameFacts('自制报表-报表查看-客服绩效_20261001_20261031_全部.xlsx').from).toBe(october.first);
  });

  it.each([
    ['the same range', CHITU('2026-10-01至2026-10-31'), undefined],
    ['no dates in the name', '咨询接待分析.xlsx', undefined],
    ['another month', '自制报表-报表查看-客服绩效_20260901_20260930_全部.xlsx', 'none'],
    ['half the month', CHITU('2026-10-01至2026-10-15'), 'part'],
    ['straddling the month start', CHITU('2026-09-15至2026-10-15'), 'part'],
    ['the quarter', '自制报表-报表查看-客服绩效_20261001_20261231_全部.xlsx', 'more'],
  ] as const)('%s', (_, name, overlap) => {
    const found = namePeriodIssue(name, october);
    if (overlap === undefined) {
      expect(found).toBeUndefined();
      return;
    }
    expect(found).toMatchObject({ code: 'FILE_PERIOD_MISMATCH', severity: 'warning', source: { file: name }, params: { first: '2026-10-01', last: '2026-10-31', overlap } });
  });

  it('names both ranges, and compares with --from/--to days as with a month', () => {
    const days: Period = { label: '2026-10-01..2026-10-15', first: october.first, last: october.first + 14 };
    expect(namePeriodIssue(CHITU('2026-10-01至2026-10-15'), days)).toBeUndefined();
    expect(namePeriodIssue(CHITU('2026-10-01至2026-10-31'), days)?.params).toEqual({ from: '2026-10-01', to: '2026-10-31', first: '2026-10-01', last: '2026-10-15', overlap: 'more' });
  });
});
