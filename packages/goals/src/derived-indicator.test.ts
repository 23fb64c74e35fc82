import { describe, expect, it } from 'vitest';
import { safeParseDerivedIndicator } from './derived-indicator.ts';
import { parsePlanDefinition, safeParsePlanDefinition } from './plan-definition.ts';

// biome-ignore lint/suspicious/noExplicitAny: fixtures are mutated freely, one broken field per case
type Fixture = Record<string, any>;

/** A small plan with one derived indicator (new homes per 1 000 inhabitants) that a goal links to. */
function planWithDerived(): Fixture {
  return {
    id: 'mjolby-bostader',
    name: 'Bostäder 2016',
    organisation: 'Mjölby kommun',
    area: '0586',
    start: '2016-01-01',
    end: '2016-12-31',
    follow_ups: ['2016-12-31'],
    indicators: [
      { key: 'mjolby.nyproducerade', title: 'Nyproducerade bostäder', unit: 'st', direction: 'higher' },
      { key: 'befolkning.total', title: 'Invånare', unit: 'invånare', direction: 'higher' },
    ],
    derived_indicators: [
      {
        key: 'mjolby.nyproducerade-per-1000',
        title: 'Nyproducerade bostäder per 1 000 invånare',
        formula: 'per_1000',
        a: 'mjolby.nyproducerade',
        b: 'befolkning.total',
        unit: 'st per 1 000 inv.',
        decimals: 1,
      },
    ],
    goals: [
      {
        key: 'boende',
        kind: 'municipal_goal',
        title: 'Fler bostäder',
        indicators: [
          {
            indicator: 'mjolby.nyproducerade-per-1000',
            label: 'Nyproducerade bostäder per 1 000 invånare',
            kind: 'level',
            baseline: { value: 1.2, date: '2016-01-01' },
            target: { type: 'at_least', value: 1.5, date: '2016-12-31' },
          },
        ],
      },
    ],
  };
}

function issuesOf(input: unknown): string[] {
  const result = safeParsePlanDefinition(input);
  if (result.success) return [];
  return result.issues.map((i) => `${i.path}: ${i.message}`);
}

describe('derived indicators in a plan file', () => {
  it('parse, and a goal may link to one', () => {
    const plan = parsePlanDefinition(planWithDerived());
    expect(plan.derived_indicators).toEqual([
      {
        key: 'mjolby.nyproducerade-per-1000',
        title: 'Nyproducerade bostäder per 1 000 invånare',
        formula: 'per_1000',
        a: 'mjolby.nyproducerade',
        b: 'befolkning.total',
        unit: 'st per 1 000 inv.',
        decimals: 1,
        direction: 'higher',
      },
    ]);
    expect(plan.goals[0]?.indicators[0]?.indicator).toBe('mjolby.nyproducerade-per-1000');
  });

  it('fill the defaults the CLI has: title = key, "%" for a share, 1 decimal, higher is better', () => {
    const input = planWithDerived();
    input.derived_indicators.push({
      key: 'andel',
      formula: 'share',
      a: 'mjolby.nyproducerade',
      b: 'befolkning.total',
    });
    expect(parsePlanDefinition(input).derived_indicators?.[1]).toEqual({
      key: 'andel',
      title: 'andel',
      formula: 'share',
      a: 'mjolby.nyproducerade',
      b: 'befolkning.total',
      unit: '%',
      decimals: 1,
      direction: 'higher',
    });
  });

  it('may build on another derived indicator of the file and on indicators the file does not declare', () => {
    const input = planWithDerived();
    input.derived_indicators.push(
      { key: 'forandring', formula: 'change', a: 'mjolby.nyproducerade-per-1000' },
      { key: 'summa', formula: 'sum_units', a: 'kolada.n01951' },
    );
    expect(parsePlanDefinition(input).derived_indicators).toHaveLength(3);
  });

  it('a file without derived_indicators has none (and no empty list is added to it)', () => {
    const input = planWithDerived();
    delete input.derived_indicators;
    input.goals[0].indicators[0].indicator = 'mjolby.nyproducerade';
    expect('derived_indicators' in parsePlanDefinition(input)).toBe(false);
  });

  it.each<[string, (p: Fixture) => void, string]>([
    [
      'an unknown formula',
      (p) => {
        p.derived_indicators[0].formula = 'ratio';
      },
      'derived_indicators.0.formula: ska vara per_1000, share, sum_units, change; fick "ratio"',
    ],
    [
      'per_1000 without a denominator',
      (p) => delete p.derived_indicators[0].b,
      'derived_indicators.0.b: krävs för formeln per_1000 (nämnaren)',
    ],
    [
      'change with a denominator',
      (p) => {
        p.derived_indicators[0].formula = 'change';
      },
      'derived_indicators.0.b: används inte av formeln change; bara per_1000 och share har en nämnare',
    ],
    [
      'decimals out of range',
      (p) => {
        p.derived_indicators[0].decimals = 7;
      },
      'derived_indicators.0.decimals: ska vara högst 6',
    ],
    [
      'an unknown direction',
      (p) => {
        p.derived_indicators[0].direction = 'up';
      },
      'derived_indicators.0.direction: ska vara "higher" eller "lower", fick "up"',
    ],
    [
      'a misspelt field',
      (p) => {
        p.derived_indicators[0].formel = 'per_1000';
      },
      'derived_indicators.0.formel: okänt fält (stavfel?)',
    ],
    [
      'a key that is one of the plain indicators',
      (p) => {
        p.derived_indicators[0].key = 'befolkning.total';
      },
      'derived_indicators.0.key: "befolkning.total" finns redan (indicators.1.key); ett härlett mått behöver en egen nyckel',
    ],
    [
      'the same derived key twice',
      (p) => p.derived_indicators.push({ ...p.derived_indicators[0] }),
      'derived_indicators.1.key: "mjolby.nyproducerade-per-1000" finns redan (derived_indicators.0.key)',
    ],
    [
      'an input that is the indicator itself',
      (p) => {
        p.derived_indicators[0].a = 'mjolby.nyproducerade-per-1000';
      },
      'derived_indicators.0.a: kan inte vara det härledda måttet självt',
    ],
    [
      'two derived indicators built on each other',
      (p) => {
        p.derived_indicators[0].a = 'forandring';
        p.derived_indicators.push({
          key: 'forandring',
          formula: 'change',
          a: 'mjolby.nyproducerade-per-1000',
        });
      },
      'derived_indicators.0.a: bildar en cirkel: mjolby.nyproducerade-per-1000 → forandring → mjolby.nyproducerade-per-1000',
    ],
    [
      'a bad key',
      (p) => {
        p.derived_indicators[0].key = 'Per 1000';
      },
      'derived_indicators.0.key: får bara innehålla a–z, 0–9, punkt, bindestreck och understreck och ska börja med a–z eller 0–9',
    ],
  ])('%s is an error with its field path', (_name, mutate, expected) => {
    const input = planWithDerived();
    mutate(input);
    expect(issuesOf(input)).toContain(expected);
  });
});

describe('the CLI validates with the same schema', () => {
  it('accepts what a plan file accepts', () => {
    const result = safeParseDerivedIndicator({ key: 'x.per-1000', formula: 'per_1000', a: 'x', b: 'pop' });
    expect(result).toEqual({
      success: true,
      data: {
        key: 'x.per-1000',
        title: 'x.per-1000',
        formula: 'per_1000',
        a: 'x',
        b: 'pop',
        unit: '',
        decimals: 1,
        direction: 'higher',
      },
    });
  });

  it('rejects with the same Swedish messages, by field', () => {
    const issues = (input: unknown) => {
      const result = safeParseDerivedIndicator(input);
      return result.success ? [] : result.issues;
    };
    expect(issues({ key: 'y', formula: 'share', a: 'x', b: 'z', decimals: 1.5 })).toEqual([
      { path: 'decimals', message: 'ska vara ett heltal 0–6' },
    ]);
    expect(issues({ key: 'y', formula: 'share', a: 'x' })).toEqual([
      { path: 'b', message: 'krävs för formeln share (nämnaren)' },
    ]);
  });
});
