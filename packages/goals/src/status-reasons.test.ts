import { describe, expect, it } from 'vitest';
import { computeStatus, type StatusInput } from './status.ts';
import { describeStatusReasons, describeValueAge, monthsBetween } from './status-reasons.ts';

/** Text as a reader sees it: the formatter's no-break spaces and minus sign as plain characters. */
const plain = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\u2212/g, '-');

function reasons(input: StatusInput, locale: 'sv' | 'en' = 'sv') {
  const r = computeStatus(input);
  return {
    status: r.status,
    ...describeStatusReasons(
      {
        asOf: input.asOf,
        status: r.status,
        rule: r.rule,
        inputs: JSON.parse(JSON.stringify(r.inputs)),
        currentValue: r.current?.value ?? null,
        expectedValue: r.expectedValue,
        unit: input.unit,
        decimals: input.decimals,
      },
      locale,
    ),
  };
}

/** The population row of seed 002: 26 602 on 1 January 2016, at least 26 900 by 31 December. */
function population(asOf: string, value: number, overrides: Partial<StatusInput> = {}): StatusInput {
  return {
    asOf,
    kind: 'level',
    direction: 'higher',
    unit: 'invånare',
    decimals: 0,
    baseline: { value: 26602, date: '2016-01-01' },
    target: { type: 'at_least', value: 26900, date: '2016-12-31' },
    observations: [{ periodStart: '2016-04-01', periodEnd: '2016-04-30', periodLabel: 'april 2016', value }],
    ...overrides,
  };
}

describe('the why-dialog in words', () => {
  it('names the rule, the gap to the target with unit and sign, and the limits that made it Ej i fas', () => {
    const r = reasons(population('2016-04-30', 26611));
    expect(r.status).toBe('off_track');
    expect(r.rule).toContain('Minst-mål: jämför värdet med den takt som krävs för att nå målet i tid');
    expect(plain(r.gapToTarget)).toBe('-289 invånare till målet 26 900 (26 611 invånare mot 26 900)');
    expect(plain(r.gapToExpected)).toBe('-90 invånare mot väntat läge 26 701');
    // Expected 26 701 at 30 April; tolerance 10 % of the way 26 602 → 26 900 is 29,8.
    expect(plain(r.bands)).toBe(
      'I fas: minst 26 671 · Risk: 26 641–26 671 · Ej i fas: under 26 641 (toleransen 10 % av vägen från 26 602 till 26 900)',
    );
    expect(plain(r.decided)).toBe('26 611 invånare är under 26 641, gränsen för Risk: Ej i fas.');
    expect(r.age).toBe('mätt 30 april 2016, samma dag som uppföljningen');
  });

  it('a value in the Risk band says it lies between the limits, in English too', () => {
    const sv = reasons(population('2016-04-30', 26650));
    expect(sv.status).toBe('at_risk');
    expect(plain(sv.decided)).toBe('26 650 invånare ligger mellan 26 641 och 26 671: Risk.');
    const en = reasons(population('2016-04-30', 26650), 'en');
    expect(en.rule).toContain('At-least target');
    expect(plain(en.decided)).toBe('26,650 inhabitants lies between 26,641 and 26,671: At risk.');
  });

  it('an at-most target has its On track band below the limit', () => {
    const r = reasons({
      ...population('2016-04-30', 305, {
        unit: 'deltagare',
        baseline: { value: 312, date: '2016-01-01' },
        target: { type: 'at_most', value: 300, date: '2016-12-31' },
      }),
    });
    expect(r.status).toBe('on_track');
    expect(plain(r.bands)).toMatch(/^I fas: högst 309 · Risk: 309–310 · Ej i fas: över 310 /);
    expect(plain(r.gapToTarget)).toBe('+5 deltagare till målet 300 (305 deltagare mot 300)');
  });

  it('a status on 31 December resting on an April value says how old the value is', () => {
    const r = reasons(population('2016-12-31', 26611));
    expect(r.age).toBe('mätt 30 april 2016; 8 månader gammalt vid uppföljningen 31 december 2016');
    const en = reasons(population('2016-12-31', 26611), 'en');
    expect(en.age).toBe('measured 30 April 2016; 8 months old at the follow-up on 31 December 2016');
  });

  it('a direction target has no numeric target, so no gap to it and no tolerance bands', () => {
    const r = reasons(population('2016-04-30', 26611, { target: { type: 'increase', date: '2016-12-31' } }));
    expect(r.rule).toBe('Ökning: jämför värdet med ingångsvärdet.');
    expect(r.gapToTarget).toBeNull();
    expect(r.bands).toBeNull();
    expect(plain(r.gapToExpected)).toBe('+9 invånare mot jämförelsevärdet 26 602');
  });
});

describe('value age', () => {
  it('counts whole months, month ends as equal', () => {
    expect(monthsBetween('2016-04-30', '2016-12-31')).toBe(8);
    expect(monthsBetween('2016-05-31', '2016-06-30')).toBe(1);
    expect(monthsBetween('2016-04-30', '2016-05-29')).toBe(0);
    expect(monthsBetween('2014-12-31', '2016-12-31')).toBe(24);
  });

  it('writes days under a month, years from two years', () => {
    expect(describeValueAge('2016-04-20', '2016-04-30', 'sv')).toBe(
      'mätt 20 april 2016; 10 dagar gammalt vid uppföljningen 30 april 2016',
    );
    expect(describeValueAge('2013-12-31', '2016-12-31', 'sv')).toBe(
      'mätt 31 december 2013; 3 år gammalt vid uppföljningen 31 december 2016',
    );
  });
});

describe('no gap said twice', () => {
  it('at the target date the expected value is the target, so only the gap to the target is given', () => {
    const r = reasons(population('2016-12-31', 26611));
    expect(plain(r.gapToTarget)).toBe('-289 invånare till målet 26 900 (26 611 invånare mot 26 900)');
    expect(r.gapToExpected).toBeNull();
  });
});
