import { describe, expect, it } from 'vitest';
import { parseScheme } from '../../src/parse/scheme.js';
import { formatIssue } from '../../src/core/model/issues.js';

const base = (kpi: string, extra = '') => `name: t
${extra}groups:
  售前:
    kpi:
${kpi}
    pay:
      base: 3000
`;

const errors = (text: string) => parseScheme(text, 's.yaml').issues.map((i) => formatIssue(i, 'en'));

describe('scheme', () => {
  it('reads a valid scheme into exact numbers', () => {
    const { scheme, issues } = parseScheme(base(`      - { metric: conversion, weight: 100, score: { linear: { zero_at: 0.1, full_at: 0.3 } } }`), 's.yaml');
    expect(issues).toEqual([]);
    const group = scheme!.groups.get('售前')!;
    expect(group.kpi[0]!.weight).toEqual({ n: 100n, d: 1n });
    expect(group.kpi[0]!.score).toEqual({ kind: 'linear', zeroAt: { n: 1n, d: 10n }, fullAt: { n: 3n, d: 10n }, max: { n: 100n, d: 1n } });
    expect(group.pay.base).toEqual({ kind: 'amount', fen: 300000n });
    expect(scheme!.attribution).toEqual({ basis: 'created', windowDays: 2, credit: 'last', afterSaleLookbackDays: 30 });
  });

  it('reports weights that do not total 100 at the kpi list', () => {
    const text = base(`      - { metric: conversion, weight: 60, score: { linear: { zero_at: 0.1, full_at: 0.3 } } }
      - { metric: cs_sales, weight: 30, score: { linear: { zero_at: 0, full_at: 10 } } }`);
    // line 5 is "      - { metric: conversion …": the kpi list starts at column 7.
    expect(errors(text)).toEqual(['s.yaml:5:7: error: the kpi weights of group "售前" total 60 + 30 = 90; they must total 100 [SCHEME_WEIGHTS]']);
  });

  it('suggests the nearest key for an unknown one, at the key itself', () => {
    const text = base(`      - { metric: conversion, wieght: 100, score: { linear: { zero_at: 0.1, full_at: 0.3 } } }`);
    const out = errors(text);
    expect(out[0]).toBe('s.yaml:5:31: error: unknown key "wieght" in groups.售前.kpi[0]; did you mean "weight"? [SCHEME_UNKNOWN_KEY]');
  });

  it('reports bands out of order at the band', () => {
    const text = base(`      - metric: conversion
        weight: 100
        score:
          bands:
            - { at_least: 0.2, points: 60 }
            - { at_least: 0.3, points: 100 }
            - { points: 0 }`);
    const out = errors(text);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^s\.yaml:10:15: error: bands out of order: .*band 2 \(at_least: 0\.3\) must come before band 1 \(0\.2\) \[SCHEME_BANDS_ORDER\]$/);
  });

  it('needs an unbounded last band', () => {
    const text = base(`      - { metric: conversion, weight: 100, score: { bands: [ { at_least: 0.3, points: 100 } ] } }`);
    expect(errors(text)[0]).toMatch(/the last band must have no bound.*\[SCHEME_LAST_BAND\]$/);
  });

  it('gives YAML syntax errors their line and column', () => {
    const out = errors('name: t\ngroups:\n  售前: { kpi: [\n');
    expect(out[0]).toMatch(/^s\.yaml:\d+:\d+: error: YAML syntax error: /);
  });

  it('reads YAML 1.2: `no` is a string, not false', () => {
    const out = errors(base(`      - { metric: conversion, weight: 100, score: { linear: { zero_at: 0.1, full_at: 0.3 } } }`, 'timezone: no\n'));
    expect(out[0]).toMatch(/s\.yaml:2:11: error: "no" cannot be used: .*IANA/);
  });

  it('refuses an amount of more than two decimals (a base of 3000.005) at its value', () => {
    // The rates beside it ("0.5%", 0.008) are valid: the base is the only error.
    const text = `name: t
groups:
  g:
    kpi: [ { metric: cs_sales, weight: 100, score: { linear: { zero_at: 0, full_at: 1 } } } ]
    pay:
      base: 3000.005
      commission: [ { name: c, metric: cs_sales, tiers: [ { upto: 100, rate: "0.5%" }, { rate: 0.008 } ] } ]
`;
    expect(errors(text)).toEqual(['s.yaml:6:13: error: "3000.005" cannot be used: an amount has at most two decimals [SCHEME_BAD_VALUE]']);
  });

  it('reads a tier rate as a fraction or a percent string, exactly, and refuses a string without % or a negative rate at the rate', () => {
    // Line 7 is the commission; the second tier's rate value starts at column 96 (95 characters before it).
    const text = (rate: string) => `name: t
groups:
  g:
    kpi: [ { metric: cs_sales, weight: 100, score: { linear: { zero_at: 0, full_at: 1 } } } ]
    pay:
      base: 3000
      commission: [ { name: c, metric: cs_sales, tiers: [ { upto: 100, rate: "0.5%" }, { rate: ${rate} } ] } ]
`;
    const rates = (rate: string) => {
      const { scheme, issues } = parseScheme(text(rate), 's.yaml');
      expect(issues).toEqual([]);
      const commission = scheme!.groups.get('g')!.pay.commission[0]!;
      return commission.kind === 'tiers' ? commission.tiers.map((t) => t.rate) : [];
    };
    // "0.5%" = 0.005 = 1/200; 0.008 = 1/125; " 1.25 % " = 0.0125 = 1/80.
    expect(rates('0.008')).toEqual([{ n: 1n, d: 200n }, { n: 1n, d: 125n }]);
    expect(rates('" 1.25 % "')).toEqual([{ n: 1n, d: 200n }, { n: 1n, d: 80n }]);
    // A string without % is no rate (is "0.8" 0.8 or 0.8%?): SCHEME_INVALID at the value, with its path.
    const bare = parseScheme(text('"0.8"'), 's.yaml').issues;
    expect(bare.map((i) => [i.code, i.source?.line, i.source?.column])).toEqual([['SCHEME_INVALID', 7, 96]]);
    expect(formatIssue(bare[0]!, 'en')).toMatch(/^s\.yaml:7:96: error: groups\.g\.pay\.commission\[0\]\.tiers\[1\]\.rate: .*got "0\.8" \[SCHEME_INVALID\]$/);
    // A negative rate, as a fraction or as a percent string: SCHEME_BAD_VALUE at the value.
    expect(errors(text('-0.008'))).toEqual(['s.yaml:7:96: error: "-0.008" cannot be used: a rate cannot be negative [SCHEME_BAD_VALUE]']);
    const negativePercent = parseScheme(text('"-0.8%"'), 's.yaml').issues;
    expect(negativePercent.map((i) => [i.code, i.source?.line, i.source?.column])).toEqual([['SCHEME_BAD_VALUE', 7, 96]]);
    expect(formatIssue(negativePercent[0]!, 'en')).toContain('a rate cannot be negative');
  });

  it('names a wrong type with what was expected', () => {
    const out = errors(base(`      - { metric: conversion, weight: heavy, score: { linear: { zero_at: 0.1, full_at: 0.3 } } }`));
    expect(out[0]).toBe('s.yaml:5:39: error: groups.售前.kpi[0].weight: expected number, got "heavy" [SCHEME_INVALID]');
  });

  it('takes the file name (without its extension) as the name when `name:` is left out', () => {
    const text = base(`      - { metric: conversion, weight: 100, score: { linear: { zero_at: 0.1, full_at: 0.3 } } }`).replace('name: t\n', '');
    const { scheme, issues } = parseScheme(text, 'schemes/售前方案 2026-10.yaml');
    expect(issues).toEqual([]);
    expect(scheme!.name).toBe('售前方案 2026-10');
  });

  it('reads response.hours as seconds of the day, start included and end excluded; all day by default', () => {
    const kpi = `      - { metric: fast_reply_rate, weight: 100, score: { linear: { zero_at: 0.5, full_at: 1 } } }`;
    expect(parseScheme(base(kpi), 's.yaml').scheme!.response.hours).toEqual({ from: 0, to: 86400 });
    expect(parseScheme(base(kpi, 'response: { hours: "08:00-24:00" }\n'), 's.yaml').scheme!.response.hours).toEqual({ from: 28800, to: 86400 });
    expect(parseScheme(base(kpi, 'response: { hours: "20:30-02:00" }\n'), 's.yaml').scheme!.response.hours).toEqual({ from: 73800, to: 7200 });
    expect(errors(base(kpi, 'response: { hours: "09:00-09:00" }\n'))[0]).toContain('[SCHEME_BAD_VALUE]');
  });

  it('accepts a zone with a fixed offset and refuses one with daylight saving', () => {
    const kpi = `      - { metric: conversion, weight: 100, score: { linear: { zero_at: 0.1, full_at: 0.3 } } }`;
    expect(errors(base(kpi, 'timezone: Asia/Shanghai\n'))).toEqual([]);
    expect(errors(base(kpi, 'timezone: Asia/Tokyo\n'))).toEqual([]);
    expect(errors(base(kpi, 'timezone: America/New_York\n'))[0]).toMatch(/^s\.yaml:2:11: error: "America\/New_York" cannot be used: its UTC offset changes/);
    expect(errors(base(kpi, 'timezone: Asia/Shangai\n'))[0]).toContain('not an IANA time zone');
  });

  describe('benchmarks:', () => {
    const kpi = `      - { metric: conversion, weight: 100, score: { linear: { zero_at: 0.1, full_at: 0.3 } } }`;
    const withBenchmarks = (lines: string) => base(kpi, `benchmarks:\n${lines}\n`);

    it('reads standard and excellent exactly, a rate as a fraction or a percent, and which way is better', () => {
      const { scheme, issues } = parseScheme(
        withBenchmarks('  first_response_s: { standard: 30, excellent: 15 }\n  conversion: { standard: "25%", excellent: 0.35 }\n  黄牌: { standard: 0, better: lower }\n  质检分: { standard: 90, excellent: 95 }\n  满意度: { standard: 0.9, excellent: 0.8 }'),
        's.yaml',
      );
      expect(issues).toEqual([]);
      expect([...scheme!.benchmarks]).toEqual([
        // 首响: the catalogue says lower is better; the levels agree (15 below 30).
        ['first_response_s', { standard: { n: 30n, d: 1n }, excellent: { n: 15n, d: 1n }, lowerIsBetter: true }],
        // "25%" is 1/4 exactly; conversion is better higher, as the catalogue says.
        ['conversion', { standard: { n: 1n, d: 4n }, excellent: { n: 7n, d: 20n }, lowerIsBetter: false }],
        // A fact the catalogue does not know: better: says it.
        ['黄牌', { standard: { n: 0n, d: 1n }, lowerIsBetter: true }],
        // Neither: the levels say it (excellent 95 above standard 90: higher; 0.8 below 0.9: lower).
        ['质检分', { standard: { n: 90n, d: 1n }, excellent: { n: 95n, d: 1n }, lowerIsBetter: false }],
        ['满意度', { standard: { n: 9n, d: 10n }, excellent: { n: 4n, d: 5n }, lowerIsBetter: true }],
      ]);
      // Each is named where it stands, to be checked against the data's metrics; none is "used" by the pay.
      expect(scheme!.metricReferences.filter((r) => r.benchmark).map((r) => `${r.metric} ${r.source.line}:${r.source.column}`)).toEqual([
        'first_response_s 3:3', 'conversion 4:3', '黄牌 5:3', '质检分 6:3', '满意度 7:3',
      ]);
    });

    it('refuses levels or a better: that turn the marks upside down, at the value', () => {
      // 首响 is better lower: an excellent 30 above a standard of 15 says the opposite.
      expect(errors(withBenchmarks('  first_response_s: { standard: 15, excellent: 30 }'))).toEqual([
        's.yaml:3:48: error: "30" cannot be used: first_response_s: lower is better, so excellent must be below the standard (15) [SCHEME_BAD_VALUE]',
      ]);
      expect(errors(withBenchmarks('  first_response_s: { standard: 15, better: higher }'))).toEqual([
        "s.yaml:3:45: error: \"higher\" cannot be used: first_response_s: lower is better, by the metric's own definition: delete better [SCHEME_BAD_VALUE]",
      ]);
      expect(errors(withBenchmarks('  黄牌: { standard: 2, excellent: 1, better: higher }'))).toEqual([
        's.yaml:3:33: error: "1" cannot be used: 黄牌: higher is better, so excellent must be above the standard (2) [SCHEME_BAD_VALUE]',
      ]);
    });

    it('says what a level may be, and suggests a misspelt key', () => {
      expect(errors(withBenchmarks('  conversion: { standard: abc }'))).toEqual([
        's.yaml:3:27: error: benchmarks.conversion.standard: expected a number (30, 0.25) or a percent string ("25%"), got "abc" [SCHEME_INVALID]',
      ]);
      expect(errors(withBenchmarks('  conversion: { standard: 0.25, excelent: 0.35 }'))).toEqual([
        's.yaml:3:33: error: unknown key "excelent" in benchmarks.conversion; did you mean "excellent"? [SCHEME_UNKNOWN_KEY]',
      ]);
    });
  });
});
