import { describe, expect, it } from 'vitest';
import { computeStatus, type Observation, type StatusInput, unitRepeats } from './status.ts';
import { nb } from './test-helpers.ts';

const FOLLOW_UP = '2016-04-30';

function month(year: number, m: number, value: number | null, label?: string): Observation {
  const mm = String(m).padStart(2, '0');
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return {
    periodStart: `${year}-${mm}-01`,
    periodEnd: `${year}-${mm}-${last}`,
    periodLabel: label ?? `${mm}/${year}`,
    value,
  };
}

function ytd(endIso: string, value: number | null, label = 'hittills'): Observation {
  return { periodStart: `${endIso.slice(0, 4)}-01-01`, periodEnd: endIso, periodLabel: label, value };
}

function year(y: number, value: number | null): Observation {
  return { periodStart: `${y}-01-01`, periodEnd: `${y}-12-31`, periodLabel: String(y), value };
}

/** The population row of seed 002, the base most tests vary. */
function population(overrides: Partial<StatusInput> = {}): StatusInput {
  return {
    asOf: FOLLOW_UP,
    kind: 'level',
    direction: 'higher',
    unit: 'invånare',
    decimals: 0,
    baseline: { value: 26602, date: '2016-01-01' },
    target: { type: 'at_least', value: 26900, date: '2016-12-31' },
    observations: [month(2016, 4, 26611, 'april 2016')],
    ...overrides,
  };
}

/** 0 → 1000 over 2016: at 2016-07-01 exactly half the year (183/366) has passed. */
function halfYear(current: number, overrides: Partial<StatusInput> = {}): StatusInput {
  return {
    asOf: '2016-07-01',
    kind: 'level',
    direction: 'higher',
    unit: 'st',
    decimals: 0,
    baseline: { value: 0, date: '2016-01-01' },
    target: { type: 'at_least', value: 1000, date: '2016-12-31' },
    observations: [
      { periodStart: '2016-07-01', periodEnd: '2016-07-01', periodLabel: '1 juli 2016', value: current },
    ],
    ...overrides,
  };
}

describe('seed 002, follow-up per 2016-04-30', () => {
  it('population 26 611 against 26 900 from 26 602 is off track, expected 26 701', () => {
    const r = computeStatus(population());
    expect(r.status).toBe('off_track');
    expect(r.rule).toBe('at_least.progress_vs_time');
    expect(r.current).toEqual({ value: 26611, periodEnd: '2016-04-30', periodLabel: 'april 2016' });
    expect(r.expectedValue).toBeCloseTo(26602 + (298 * 121) / 366, 9);
    expect(r.progress).toBeCloseTo(9 / 298, 12);
    expect(r.expectedProgress).toBeCloseTo(121 / 366, 12);
    expect(r.explanation).toBe(
      nb`26~611~invånare (april 2016); målet är 26~900 vid årets slut; väntat vid 30 april var 26~701.`,
    );
    expect(r.explanationEn).toBe(
      nb`26,611~inhabitants (April 2016); the target is 26,900 by the end of the year; expected by 30 April was 26,701.`,
    );
    expect(r.inputs).toMatchObject({ elapsedDays: 121, totalDays: 366, tolerance: 0.1 });
  });

  it('AME participants 399 against at most 300 from 312 is off track', () => {
    const r = computeStatus(
      population({
        direction: 'lower',
        unit: 'deltagare',
        baseline: { value: 312, date: '2016-01-01' },
        target: { type: 'at_most', value: 300, date: '2016-12-31' },
        observations: [month(2016, 4, 399, 'april 2016')],
      }),
    );
    expect(r.status).toBe('off_track');
    expect(r.rule).toBe('at_most.progress_vs_time');
    expect(r.progress).toBeCloseTo(-87 / 12, 12);
    expect(r.expectedValue).toBeCloseTo(312 - (12 * 121) / 366, 9);
    expect(r.explanation).toBe(
      nb`399~deltagare (april 2016); målet är 300 vid årets slut; väntat vid 30 april var 308.`,
    );
  });

  it('citizen proposals 7 by April against 40 for the year: expected 13, at risk', () => {
    const r = computeStatus(
      population({
        kind: 'ytd_sum',
        unit: 'st',
        baseline: { value: 29, date: '2016-01-01' },
        target: { type: 'at_least', value: 40, date: '2016-12-31' },
        observations: [year(2015, 29), ytd('2016-04-30', 7, 'januari–april 2016')],
      }),
    );
    expect(r.status).toBe('at_risk');
    expect(r.rule).toBe('ytd_sum.at_least.pace_vs_time');
    expect(r.expectedValue).toBeCloseTo((40 * 121) / 366, 9);
    expect(r.progress).toBe(7 / 40);
    expect(r.explanation).toBe(
      nb`7~st hittills i år (januari–april 2016); målet är 40 för året; väntat vid 30 april var 13.`,
    );
    expect(r.explanationEn).toBe(
      '7 so far this year (January–April 2016); the target is 40 for the year; expected by 30 April was 13.',
    );
    expect(r.inputs).toMatchObject({ lastYearTotal: 29, elapsedDays: 121, totalDays: 366 });
  });

  it('Expresskort 230 bookings against 800: expected 264, on track', () => {
    const r = computeStatus(
      population({
        kind: 'ytd_sum',
        unit: 'bokningar',
        baseline: { value: 725, date: '2016-01-01' },
        target: { type: 'at_least', value: 800, date: '2016-12-31' },
        observations: [ytd('2016-04-30', 230, 'januari–april 2016')],
      }),
    );
    expect(r.status).toBe('on_track');
    expect(r.expectedValue).toBeCloseTo((800 * 121) / 366, 9);
    expect(r.explanation).toBe(
      nb`230~bokningar hittills i år (januari–april 2016); målet är 800 för året; väntat vid 30 april var 264.`,
    );
  });

  it('sold business land 0 ha against 2,5 ha for the year is off track', () => {
    const r = computeStatus(
      population({
        kind: 'ytd_sum',
        unit: 'ha',
        decimals: 1,
        baseline: { value: 1.4, date: '2016-01-01' },
        target: { type: 'at_least', value: 2.5, date: '2016-12-31' },
        observations: [ytd('2016-04-30', 0, 'januari–april 2016')],
      }),
    );
    expect(r.status).toBe('off_track');
    expect(r.explanation).toBe(
      nb`0,0~ha hittills i år (januari–april 2016); målet är 2,5~ha för året; väntat vid 30 april var 0,8~ha.`,
    );
  });

  it('subsidised jobs 38 against at most 50 from 63 is achieved', () => {
    const r = computeStatus(
      population({
        direction: 'lower',
        unit: 'st',
        baseline: { value: 63, date: '2016-01-01' },
        target: { type: 'at_most', value: 50, date: '2016-12-31' },
        observations: [month(2016, 4, 38, 'april 2016')],
      }),
    );
    expect(r.status).toBe('achieved');
    expect(r.rule).toBe('at_most.target_met');
    expect(r.explanation).toBe(nb`38~st (april 2016); målet 50 vid årets slut är uppnått.`);
  });

  it('self-support share 36 % against 18,5 % from 14,5 % is achieved', () => {
    const r = computeStatus(
      population({
        unit: '%',
        decimals: 1,
        baseline: { value: 14.5, date: '2016-01-01' },
        target: { type: 'at_least', value: 18.5, date: '2016-12-31' },
        observations: [ytd('2016-04-30', 36, 'januari–april 2016')],
      }),
    );
    expect(r.status).toBe('achieved');
    expect(r.explanation).toBe(nb`36,0~% (januari–april 2016); målet 18,5~% vid årets slut är uppnått.`);
    expect(r.explanationEn).toBe(
      nb`36.0~% (January–April 2016); the target of 18.5~% by the end of the year has been reached.`,
    );
  });

  it('e-services 1 of 2 from 0 is on track', () => {
    const r = computeStatus(
      population({
        unit: 'st',
        baseline: { value: 0, date: '2016-01-01' },
        target: { type: 'at_least', value: 2, date: '2016-12-31' },
        observations: [
          { periodStart: '2016-04-30', periodEnd: '2016-04-30', periodLabel: '30 april 2016', value: 1 },
        ],
      }),
    );
    expect(r.status).toBe('on_track');
    expect(r.explanation).toBe(
      nb`1~st (30 april 2016); målet är 2 vid årets slut; väntat vid 30 april var 1.`,
    );
  });

  it.each<[string, Partial<StatusInput>]>([
    [
      'citizen survey recommendation 66 → 68 (next survey 2017)',
      {
        unit: '',
        baseline: { value: 66, date: '2016-01-01' },
        target: { type: 'at_least', value: 68, date: '2016-12-31' },
        observations: [year(2015, 66)],
      },
    ],
    [
      'pupils drinking before 18, 51 %, "Minskning"',
      {
        unit: '%',
        direction: 'lower',
        baseline: { value: 51, date: '2016-01-01' },
        target: { type: 'decrease', date: '2016-12-31' },
        observations: [year(2014, 51)],
      },
    ],
    [
      'safety "Bättre än likvärdiga kommuner" (result Dec 2015)',
      {
        unit: '',
        baseline: { value: null, date: '2016-01-01' },
        target: { type: 'better_than_peers', date: '2016-12-31', peerGroup: 'lika-kommuner' },
        observations: [year(2015, 58)],
        peerMedians: [{ periodEnd: '2015-12-31', value: 58 }],
      },
    ],
    [
      'newly built homes, baseline "-", no observations at all',
      { unit: 'st', baseline: { value: null, date: '2016-01-01' }, observations: [] },
    ],
    [
      'an observation with a null value (value_note) is not data',
      { observations: [month(2016, 3, null), month(2016, 4, null)] },
    ],
  ])('"Inga nya data" row is no_data, never red: %s', (_name, overrides) => {
    const r = computeStatus(population(overrides));
    expect(r.status).toBe('no_data');
    expect(r.rule).toBe('no_data.no_observation');
    expect(r.current).toBeNull();
    expect(r.explanation).toMatch(/^Inga nya data/);
    expect(r.explanationEn).toMatch(/^No new data/);
  });

  it('"Inga nya data" names the latest value before the baseline, so the sentence keeps its number', () => {
    const r = computeStatus(
      population({
        unit: 'index',
        baseline: { value: 66, date: '2016-01-01' },
        target: { type: 'at_least', value: 68, date: '2017-12-31' },
        observations: [year(2013, 63), year(2015, 66)],
      }),
    );
    expect(r.explanation).toBe('Inga nya data; senaste värde 66\u00a0index (2015).');
    expect(r.explanationEn).toBe('No new data; latest value 66\u00a0index (2015).');
  });

  it('"Inga nya data" without any earlier value names the baseline date', () => {
    const r = computeStatus(population({ baseline: { value: null, date: '2016-01-01' }, observations: [] }));
    expect(r.explanation).toBe('Inga nya data sedan 1 januari 2016.');
    expect(r.explanationEn).toBe('No new data since 1 January 2016.');
  });

  it('same level everywhere without unit values is no_data', () => {
    const r = computeStatus(
      population({
        unit: '',
        target: { type: 'same_level', date: '2016-12-31' },
        observations: [],
        unitValues: [],
      }),
    );
    expect(r.status).toBe('no_data');
    expect(r.rule).toBe('same_level.no_unit_values');
    expect(r.explanation).toBe('Inga nya data sedan 1 januari 2016.');
  });
});

describe('which observation is current', () => {
  it.each<[string, Observation[], number | null]>([
    [
      'latest non-null wins, in any order',
      [month(2016, 4, 26611), month(2016, 2, 26605), month(2016, 3, 26608)],
      26611,
    ],
    ['a null latest falls back to the previous value', [month(2016, 3, 26608), month(2016, 4, null)], 26608],
    [
      'a period ending on the baseline day counts (baseline is the start of that day)',
      [{ periodStart: '2016-01-01', periodEnd: '2016-01-01', periodLabel: '1 januari 2016', value: 26603 }],
      26603,
    ],
    ['a period ending the day before the baseline does not', [year(2015, 26602)], null],
    ['a period ending on the as-of day counts', [month(2016, 4, 26611)], 26611],
    [
      'a period ending the day after as-of does not',
      [{ periodStart: '2016-05-01', periodEnd: '2016-05-01', periodLabel: '1 maj 2016', value: 26700 }],
      null,
    ],
    ['NaN is not a value', [month(2016, 4, Number.NaN)], null],
    [
      'on equal end dates a level takes the shortest period',
      [ytd('2016-04-30', 1), month(2016, 4, 26611)],
      26611,
    ],
  ])('%s', (_name, observations, expected) => {
    const r = computeStatus(population({ observations }));
    expect(r.current?.value ?? null).toBe(expected);
    if (expected === null) expect(r.status).toBe('no_data');
  });

  it('is deterministic whatever the order of observations', () => {
    const observations = [
      month(2016, 1, 26603),
      month(2016, 4, 26611),
      month(2016, 2, 26605),
      month(2016, 3, 26608),
    ];
    const a = computeStatus(population({ observations }));
    const b = computeStatus(population({ observations: [...observations].reverse() }));
    expect(b).toEqual(a);
  });
});

describe('at_least / at_most on a level', () => {
  it.each<[string, StatusInput, string, string]>([
    [
      'exactly at target counts as achieved (at_least)',
      population({ observations: [month(2016, 4, 26900)] }),
      'achieved',
      'at_least.target_met',
    ],
    [
      'exactly at target counts as achieved (at_most)',
      population({
        baseline: { value: 312, date: '2016-01-01' },
        target: { type: 'at_most', value: 300, date: '2016-12-31' },
        observations: [month(2016, 4, 300)],
      }),
      'achieved',
      'at_most.target_met',
    ],
    [
      'the value as shown decides: 26 899,6 shows as 26 900 and is achieved',
      population({ observations: [month(2016, 4, 26899.6)] }),
      'achieved',
      'at_least.target_met',
    ],
    [
      '26 899,4 shows as 26 899 and is not achieved',
      population({ observations: [month(2016, 4, 26899.4)] }),
      'on_track',
      'at_least.progress_vs_time',
    ],
    [
      'progress exactly expected − tolerance is on track',
      halfYear(400),
      'on_track',
      'at_least.progress_vs_time',
    ],
    ['just below expected − tolerance is at risk', halfYear(399), 'at_risk', 'at_least.progress_vs_time'],
    ['exactly expected − 2×tolerance is at risk', halfYear(300), 'at_risk', 'at_least.progress_vs_time'],
    [
      'just below expected − 2×tolerance is off track',
      halfYear(299),
      'off_track',
      'at_least.progress_vs_time',
    ],
    [
      'a wider tolerance on the link moves the boundary',
      halfYear(300, { tolerance: 0.2 }),
      'on_track',
      'at_least.progress_vs_time',
    ],
    [
      'at_most mirrors: falling 60 % of the way by mid-year is on track',
      halfYear(400, {
        baseline: { value: 1000, date: '2016-01-01' },
        target: { type: 'at_most', value: 0, date: '2016-12-31' },
      }),
      'on_track',
      'at_most.progress_vs_time',
    ],
    [
      'at_most: 30 % of the way by mid-year is at risk',
      halfYear(700, {
        baseline: { value: 1000, date: '2016-01-01' },
        target: { type: 'at_most', value: 0, date: '2016-12-31' },
      }),
      'at_risk',
      'at_most.progress_vs_time',
    ],
  ])('%s', (_name, input, status, rule) => {
    const r = computeStatus(input);
    expect([r.status, r.rule]).toEqual([status, rule]);
  });

  // 2016-02-24 is day 55 of 366: expected progress 0.150, so the at-risk band is −0.050 … 0.050.
  it.each<[string, number, string]>([
    ['in the at-risk band and not worse than baseline is at risk', 0, 'at_risk'],
    ['in the at-risk band but worse than baseline is off track', -10, 'off_track'],
  ])('%s', (_name, current, status) => {
    const r = computeStatus(
      halfYear(current, {
        asOf: '2016-02-24',
        observations: [
          {
            periodStart: '2016-02-24',
            periodEnd: '2016-02-24',
            periodLabel: '24 februari 2016',
            value: current,
          },
        ],
      }),
    );
    expect(r.expectedProgress).toBeCloseTo(55 / 366, 12);
    expect(r.status).toBe(status);
    expect(r.inputs.movedRightWay).toBe(current >= 0);
  });

  it('default tolerance can be set by the caller', () => {
    expect(computeStatus(halfYear(300)).status).toBe('at_risk');
    expect(computeStatus(halfYear(300), { defaultTolerance: 0.2 }).status).toBe('on_track');
    expect(computeStatus(halfYear(300, { tolerance: 0.1 }), { defaultTolerance: 0.2 }).status).toBe(
      'at_risk',
    );
  });

  it('rejects a negative tolerance', () => {
    expect(() => computeStatus(halfYear(1, { tolerance: -0.1 }))).toThrow(/tolerance/);
  });

  it('says "den 31 augusti 2016" for a target date that is not year end', () => {
    const r = computeStatus(population({ target: { type: 'at_least', value: 26900, date: '2016-08-31' } }));
    expect(r.explanation).toBe(
      nb`26~611~invånare (april 2016); målet är 26~900 den 31 augusti 2016; väntat vid 30 april var 26~750.`,
    );
    expect(r.explanationEn).toContain('the target is 26,900 by 31 August 2016');
    expect(r.inputs).toMatchObject({ totalDays: 244 });
  });

  it('says "vid utgången av 2019" for a year-end target in another year, with the year on the expectation', () => {
    const r = computeStatus(population({ target: { type: 'at_least', value: 28000, date: '2019-12-31' } }));
    expect(r.explanation).toContain(
      'målet är 28\u00a0000 vid utgången av 2019; väntat vid 30 april 2016 var',
    );
    expect(r.explanationEn).toContain('by the end of 2019; expected by 30 April 2016 was');
  });

  it('measurement at or after the target date that misses it is off track', () => {
    const r = computeStatus(
      population({ asOf: '2017-02-28', observations: [month(2016, 12, 26880, 'december 2016')] }),
    );
    expect([r.status, r.rule]).toEqual(['off_track', 'at_least.target_missed']);
    expect(r.explanation).toBe(
      nb`26~880~invånare (december 2016); målet 26~900 vid utgången av 2016 nåddes inte.`,
    );
  });

  it('after the target date with only older data, on pace is capped at at risk', () => {
    const r = computeStatus(
      population({ asOf: '2016-12-31', observations: [month(2016, 11, 26880, 'november 2016')] }),
    );
    expect(r.expectedProgress).toBe(1);
    expect(r.progress).toBeGreaterThan(0.9);
    expect([r.status, r.rule]).toEqual(['at_risk', 'at_least.progress_vs_time']);
  });

  describe('without a baseline: compare with the target only', () => {
    const input = (current: number, overrides: Partial<StatusInput> = {}) =>
      population({
        unit: '%',
        baseline: { value: null, date: '2016-01-01' },
        target: { type: 'at_least', value: 32, date: '2016-12-31' },
        observations: [month(2016, 4, current, 'april 2016')],
        ...overrides,
      });
    it.each<[string, StatusInput, string, string]>([
      [
        'e-bike use 8 against 32 is at risk (pace cannot be judged)',
        input(8),
        'at_risk',
        'at_least.no_baseline',
      ],
      [
        'within tolerance of the target (28,8 of 32) is on track',
        input(28.8),
        'on_track',
        'at_least.no_baseline',
      ],
      ['just outside (28,7) is at risk', input(28.7), 'at_risk', 'at_least.no_baseline'],
      ['at the target is achieved', input(32), 'achieved', 'at_least.target_met'],
      [
        'measured at the target date and missed is off track',
        input(30, { asOf: '2017-01-31', observations: [month(2016, 12, 30, 'december 2016')] }),
        'off_track',
        'at_least.target_missed',
      ],
    ])('%s', (_name, value, status, rule) => {
      const r = computeStatus(value);
      expect([r.status, r.rule]).toEqual([status, rule]);
      expect(r.progress).toBeNull();
    });

    it('explains why', () => {
      expect(computeStatus(input(8)).explanation).toBe(
        nb`8~% (april 2016); målet är 32~% vid årets slut; ingångsvärde saknas, så takten kan inte bedömas.`,
      );
    });
  });

  it('a baseline that already met the target compares with the target only', () => {
    const r = computeStatus(
      population({
        baseline: { value: 27000, date: '2016-01-01' },
        observations: [month(2016, 4, 26850, 'april 2016')],
      }),
    );
    expect([r.status, r.rule]).toEqual(['on_track', 'at_least.baseline_met']);
    expect(r.explanation).toBe(
      nb`26~850~invånare (april 2016); målet är 26~900 vid årets slut; ingångsvärdet 27~000 nådde redan målet.`,
    );
  });

  it('a missing target value gives no_data with its own rule, not red', () => {
    const r = computeStatus(population({ target: { type: 'at_least', value: null, date: '2016-12-31' } }));
    expect([r.status, r.rule]).toEqual(['no_data', 'config.missing_target']);
  });
});

describe('milestones', () => {
  // 100 → 200 over 2016–2017 with a milestone of 110 at the end of 2016.
  const input = (current: number, milestones = [{ date: '2016-12-31', value: 110 }]) =>
    halfYear(current, {
      baseline: { value: 100, date: '2016-01-01' },
      target: { type: 'at_least', value: 200, date: '2017-12-31', milestones },
    });

  it('interpolates the expected value between baseline and the first milestone', () => {
    const r = computeStatus(input(104));
    expect(r.expectedValue).toBeCloseTo(105, 12);
    expect(r.expectedProgress).toBeCloseTo(0.05, 12);
    expect([r.status, r.rule]).toEqual(['on_track', 'at_least.progress_vs_milestones']);
  });

  it('without milestones the same value is off track against the straight line', () => {
    const r = computeStatus(input(104, []));
    expect(r.expectedValue).toBeCloseTo(100 + (100 * 183) / 731, 9);
    expect([r.status, r.rule]).toEqual(['off_track', 'at_least.progress_vs_time']);
  });

  it('interpolates between two milestones', () => {
    const r = computeStatus({
      ...input(0, [
        { date: '2016-06-30', value: 110 },
        { date: '2017-06-30', value: 150 },
      ]),
      asOf: '2016-12-31',
    });
    // 2016-07-01 .. 2016-12-31 is 184 of the 365 days from 2016-07-01 to 2017-06-30.
    expect(r.expectedValue).toBeCloseTo(110 + (40 * 184) / 365, 9);
  });

  it('exactly on a milestone date the expectation is the milestone', () => {
    const r = computeStatus({ ...input(0), asOf: '2016-12-31' });
    expect(r.expectedValue).toBeCloseTo(110, 12);
  });
});

describe('ytd_sum', () => {
  const base = (overrides: Partial<StatusInput>) =>
    population({
      kind: 'ytd_sum',
      unit: 'st',
      baseline: { value: 29, date: '2016-01-01' },
      target: { type: 'at_least', value: 40, date: '2016-12-31' },
      ...overrides,
    });

  it.each<[string, Partial<StatusInput>, string, string]>([
    [
      'reaching the year total early is achieved',
      { observations: [ytd('2016-04-30', 40)] },
      'achieved',
      'ytd_sum.at_least.target_met',
    ],
    [
      'the final figure below target is off track',
      { asOf: '2017-01-31', observations: [ytd('2016-12-31', 39)] },
      'off_track',
      'ytd_sum.at_least.target_missed',
    ],
    [
      'last year\u2019s total is context, not current',
      { observations: [year(2015, 29)] },
      'no_data',
      'no_data.no_observation',
    ],
    [
      'next year\u2019s running sum is not this year\u2019s',
      { asOf: '2017-02-28', observations: [ytd('2016-12-31', 41), ytd('2017-02-28', 3)] },
      'achieved',
      'ytd_sum.at_least.target_met',
    ],
  ])('%s', (_name, overrides, status, rule) => {
    const r = computeStatus(base(overrides));
    expect([r.status, r.rule]).toEqual([status, rule]);
  });

  it('the running sum from 1 January wins over one month\u2019s count with the same end', () => {
    const r = computeStatus(base({ observations: [month(2016, 4, 2), ytd('2016-04-30', 7)] }));
    expect(r.current?.value).toBe(7);
  });

  it('is judged at the end of its period: 5 through March against 40 × 91/366', () => {
    const r = computeStatus(base({ observations: [ytd('2016-03-31', 5, 'januari–mars 2016')] }));
    expect(r.expectedValue).toBeCloseTo((40 * 91) / 366, 9);
    expect(r.inputs.judgedAt).toBe('2016-03-31');
    expect(r.explanation).toContain('väntat vid 31 mars var 10.');
  });

  describe('at_most: a cap for the year', () => {
    const cap = (current: number, overrides: Partial<StatusInput> = {}) =>
      base({
        unit: 'mkr',
        decimals: 1,
        direction: 'lower',
        baseline: { value: 1000, date: '2016-01-01' },
        target: { type: 'at_most', value: 1000, date: '2016-12-31' },
        asOf: '2016-07-01',
        observations: [ytd('2016-07-01', current, 'januari–1 juli 2016')],
        ...overrides,
      });
    it.each<[string, StatusInput, string, string]>([
      ['exactly expected + tolerance is on track', cap(600), 'on_track', 'ytd_sum.at_most.pace_vs_time'],
      ['just above is at risk', cap(600.1), 'at_risk', 'ytd_sum.at_most.pace_vs_time'],
      ['exactly expected + 2×tolerance is at risk', cap(700), 'at_risk', 'ytd_sum.at_most.pace_vs_time'],
      ['above that is off track', cap(700.1), 'off_track', 'ytd_sum.at_most.pace_vs_time'],
      [
        'exactly at the cap mid-year is not yet achieved (burning too fast)',
        cap(1000),
        'off_track',
        'ytd_sum.at_most.pace_vs_time',
      ],
      ['above the cap is off track at once', cap(1000.1), 'off_track', 'ytd_sum.at_most.cap_exceeded'],
      [
        'the final figure within the cap is achieved',
        cap(990, { asOf: '2017-01-31', observations: [ytd('2016-12-31', 990, '2016')] }),
        'achieved',
        'ytd_sum.at_most.within_cap',
      ],
    ])('%s', (_name, input, status, rule) => {
      const r = computeStatus(input);
      expect([r.status, r.rule]).toEqual([status, rule]);
    });

    it('explains the cap', () => {
      expect(computeStatus(cap(1200)).explanation).toBe(
        nb`1~200,0~mkr hittills i år (januari–1 juli 2016); taket 1~000,0~mkr för året är överskridet.`,
      );
    });
  });
});

describe('increase / decrease', () => {
  const alcohol = (current: number | null, overrides: Partial<StatusInput> = {}) =>
    population({
      unit: '%',
      direction: 'lower',
      baseline: { value: 51, date: '2016-01-01' },
      target: { type: 'decrease', date: '2016-12-31' },
      observations: current === null ? [] : [month(2016, 4, current, 'april 2016')],
      ...overrides,
    });

  it.each<[string, StatusInput, string, string]>([
    [
      'better than baseline before the target date is on track',
      alcohol(48),
      'on_track',
      'decrease.vs_baseline',
    ],
    ['equal to baseline is at risk', alcohol(51), 'at_risk', 'decrease.vs_baseline'],
    ['equal as shown (51,4 shows as 51) is at risk', alcohol(51.4), 'at_risk', 'decrease.vs_baseline'],
    ['worse than baseline is off track', alcohol(53), 'off_track', 'decrease.vs_baseline'],
    [
      'better at the target date is achieved',
      alcohol(48, { asOf: '2016-12-31' }),
      'achieved',
      'decrease.vs_baseline',
    ],
    [
      'worse at the target date is off track',
      alcohol(53, { asOf: '2016-12-31' }),
      'off_track',
      'decrease.vs_baseline',
    ],
    [
      'increase: up is on track',
      alcohol(55, { direction: 'higher', target: { type: 'increase', date: '2016-12-31' } }),
      'on_track',
      'increase.vs_baseline',
    ],
  ])('%s', (_name, input, status, rule) => {
    const r = computeStatus(input);
    expect([r.status, r.rule]).toEqual([status, rule]);
  });

  it('explains the movement', () => {
    expect(computeStatus(alcohol(48)).explanation).toBe(
      nb`48~% (april 2016), ned från 51~% vid ingången; målet är en minskning.`,
    );
    expect(computeStatus(alcohol(48, { asOf: '2016-12-31' })).explanation).toBe(
      nb`48~% (april 2016), ned från 51~% vid ingången; målet om en minskning är uppnått.`,
    );
    expect(computeStatus(alcohol(51)).explanationEn).toBe(
      nb`51~% (April 2016), unchanged from 51~% at the baseline; the target is a decrease.`,
    );
  });

  it('without a baseline the first reading since the start is the reference', () => {
    const r = computeStatus(
      population({
        unit: '%',
        baseline: { value: null, date: '2016-01-01' },
        target: { type: 'increase', date: '2016-12-31' },
        observations: [month(2016, 2, 20, 'februari 2016'), month(2016, 4, 24, 'april 2016')],
      }),
    );
    expect([r.status, r.rule]).toEqual(['on_track', 'increase.vs_first_observation']);
    expect(r.explanation).toBe(nb`24~% (april 2016), upp från 20~% (februari 2016); målet är en ökning.`);
  });

  it('without a baseline and a single reading there is nothing to compare with: no_data', () => {
    const r = computeStatus(
      population({
        unit: '%',
        baseline: { value: null, date: '2016-01-01' },
        target: { type: 'increase', date: '2016-12-31' },
        observations: [month(2016, 4, 24, 'april 2016')],
      }),
    );
    expect([r.status, r.rule]).toEqual(['no_data', 'increase.no_reference']);
    expect(r.explanation).toBe(
      nb`24~% (april 2016); ingångsvärde saknas, så förändringen kan inte bedömas ännu.`,
    );
  });

  it('a year-to-date sum equal to last year\u2019s pace as shown is at risk', () => {
    const r = computeStatus(
      population({
        kind: 'ytd_sum',
        unit: 'st',
        baseline: { value: 29, date: '2016-01-01' },
        target: { type: 'increase', date: '2016-12-31' },
        observations: [ytd('2016-04-30', 10, 'januari–april 2016')],
      }),
    );
    expect(r.status).toBe('at_risk');
  });

  it('a year-to-date sum is compared with last year\u2019s pace', () => {
    const r = computeStatus(
      population({
        kind: 'ytd_sum',
        unit: 'st',
        baseline: { value: 29, date: '2016-01-01' },
        target: { type: 'increase', date: '2016-12-31' },
        observations: [ytd('2016-04-30', 11, 'januari–april 2016')],
      }),
    );
    expect([r.status, r.rule]).toEqual(['on_track', 'ytd_sum.increase.vs_last_year_pace']);
    expect(r.expectedValue).toBeCloseTo((29 * 121) / 366, 9);
    expect(r.explanation).toBe(
      nb`11~st hittills i år (januari–april 2016), jämfört med 10 vid samma tid i fjol; målet är en ökning.`,
    );
  });
});

describe('range', () => {
  const range = (current: number) =>
    population({
      unit: '%',
      decimals: 1,
      target: { type: 'range', min: 20, max: 30, date: '2016-12-31' },
      observations: [month(2016, 4, current, 'april 2016')],
    });
  it.each<[number, string, string]>([
    [20, 'achieved', 'range.within'],
    [30, 'achieved', 'range.within'],
    [25, 'achieved', 'range.within'],
    [31, 'at_risk', 'range.near'],
    [19, 'at_risk', 'range.near'],
    [31.1, 'off_track', 'range.outside'],
    [18.9, 'off_track', 'range.outside'],
  ])('%d against 20–30 (near = within 0,1 × width) is %s', (current, status, rule) => {
    const r = computeStatus(range(current));
    expect([r.status, r.rule]).toEqual([status, rule]);
  });

  it('explains', () => {
    expect(computeStatus(range(31)).explanation).toBe(
      nb`31,0~% (april 2016) ligger strax utanför målintervallet 20,0–30,0~%.`,
    );
  });
});

describe('better_than_peers', () => {
  const peers = (current: number, median: number | null, overrides: Partial<StatusInput> = {}) =>
    population({
      unit: '',
      baseline: { value: null, date: '2015-01-01' },
      target: { type: 'better_than_peers', date: '2016-12-31', peerGroup: 'lika-kommuner' },
      observations: [year(2015, current)],
      peerMedians:
        median === null
          ? []
          : [
              { periodEnd: '2015-12-31', value: median },
              { periodEnd: '2014-12-31', value: 1 },
            ],
      ...overrides,
    });
  it.each<[string, StatusInput, string, string]>([
    [
      'above the median (higher is better) is achieved',
      peers(62, 60),
      'achieved',
      'better_than_peers.better',
    ],
    ['equal to the median is at risk', peers(60, 60), 'at_risk', 'better_than_peers.near'],
    ['worse by exactly 10 % of the median is at risk', peers(54, 60), 'at_risk', 'better_than_peers.near'],
    ['worse by more is off track', peers(53, 60), 'off_track', 'better_than_peers.worse'],
    [
      'lower is better: below the median is achieved',
      peers(55, 60, { direction: 'lower' }),
      'achieved',
      'better_than_peers.better',
    ],
    [
      'no median for the same period is no_data',
      peers(62, null),
      'no_data',
      'better_than_peers.no_peer_data',
    ],
  ])('%s', (_name, input, status, rule) => {
    const r = computeStatus(input);
    expect([r.status, r.rule]).toEqual([status, rule]);
  });

  it('uses only the median of the same period', () => {
    const r = computeStatus(peers(62, null, { peerMedians: [{ periodEnd: '2014-12-31', value: 50 }] }));
    expect(r.status).toBe('no_data');
    expect(r.explanation).toBe('Jämförelsedata för likvärdiga kommuner saknas för 2015 (eget värde 62).');
    expect(r.explanationEn).toBe(
      'Comparison data for similar municipalities is missing for 2015 (own value 62).',
    );
  });

  it('explains', () => {
    expect(computeStatus(peers(62, 60)).explanation).toBe(
      '62 (2015) är bättre än medianen för likvärdiga kommuner, 60.',
    );
  });
});

describe('same_level', () => {
  const same = (unitValues: { unit: string; value: number }[]) =>
    population({
      unit: '',
      target: { type: 'same_level', date: '2016-12-31' },
      observations: [],
      unitValues,
    });
  it.each<[string, { unit: string; value: number }[], string, string]>([
    [
      'spread exactly 10 % of the mean is achieved',
      [
        { unit: 'KSF', value: 95 },
        { unit: 'UTB', value: 105 },
      ],
      'achieved',
      'same_level.within_tolerance',
    ],
    [
      'a wider spread is off track',
      [
        { unit: 'KSF', value: 94 },
        { unit: 'UTB', value: 106 },
      ],
      'off_track',
      'same_level.spread_too_wide',
    ],
    [
      'one unit cannot be compared: no_data',
      [{ unit: 'KSF', value: 81 }],
      'no_data',
      'same_level.too_few_units',
    ],
  ])('%s', (_name, unitValues, status, rule) => {
    const r = computeStatus(same(unitValues));
    expect([r.status, r.rule]).toEqual([status, rule]);
  });

  it('names the lowest and highest unit', () => {
    const r = computeStatus(
      same([
        { unit: 'Omsorg', value: 70 },
        { unit: 'KSF', value: 82 },
        { unit: 'Utbildning', value: 76 },
      ]),
    );
    expect(r.status).toBe('off_track');
    expect(r.explanation).toBe(
      nb`Spridningen mellan förvaltningarna är 12 (lägst Omsorg 70, högst KSF 82), mer än 10~% av medelvärdet 76.`,
    );
  });
});

describe('every result', () => {
  const inputs: StatusInput[] = [
    population(),
    population({ observations: [] }),
    halfYear(400),
    population({
      target: { type: 'same_level', date: '2016-12-31' },
      unitValues: [
        { unit: 'A', value: 0 },
        { unit: 'B', value: 1 },
      ],
    }),
  ];
  it.each(inputs.map((input, i) => [i, input] as const))(
    'carries a rule id and JSON-serialisable inputs (%i)',
    (_i, input) => {
      const r = computeStatus(input);
      expect(r.rule).toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
      expect(JSON.parse(JSON.stringify(r.inputs))).toEqual(r.inputs);
      expect(r.explanation.endsWith('.')).toBe(true);
      expect(r.explanationEn.endsWith('.')).toBe(true);
    },
  );

  it('rejects malformed dates with the field named', () => {
    expect(() => computeStatus(population({ asOf: '2016-4-30' }))).toThrow(/^asOf:/);
    expect(() =>
      computeStatus(population({ observations: [{ ...month(2016, 4, 1), periodEnd: '2016-04-31' }] })),
    ).toThrow(/observations\.0\.periodEnd/);
  });
});

describe('unitRepeats', () => {
  it.each([
    ['%', true],
    ['ha', true],
    ['mkr', true],
    ['st', false],
    ['invånare', false],
    ['', false],
  ])('%s -> %s', (unit, expected) => {
    expect(unitRepeats(unit)).toBe(expected);
  });
});
