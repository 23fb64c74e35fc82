import { describe, expect, it } from 'vitest';
import {
  PlanDefinitionError,
  parsePlanDefinition,
  planDefinitionSchema,
  safeParsePlanDefinition,
} from './plan-definition.ts';

// biome-ignore lint/suspicious/noExplicitAny: fixtures are mutated freely, one broken field per case
type Fixture = Record<string, any>;

/** A trimmed copy of seed 002 as the YAML parser hands it over (fresh object per call, safe to mutate). */
function seedPlan(): Fixture {
  return {
    id: 'mjolby-ks-2016',
    name: 'Verksamhetsplan 2016 – kommunstyrelseförvaltningen',
    organisation: 'Mjölby kommun, kommunstyrelsen',
    area: '0586',
    start: '2016-01-01',
    end: '2016-12-31',
    follow_ups: ['2016-08-31', '2016-04-30', '2016-12-31'],
    demo_note: 'Värden efter april 2016 är påhittade.',
    indicators: [
      { key: 'mjolby.invanare', title: 'Antal invånare', unit: 'invånare', direction: 'higher' },
      { key: 'mjolby.medborgarforslag', title: 'Antal medborgarförslag', unit: 'st', direction: 'higher' },
      { key: 'mjolby.trygghet', title: 'Trygghet utomhus', unit: '', direction: 'higher', decimals: 1 },
    ],
    goals: [
      {
        key: 'boende',
        kind: 'municipal_goal',
        title: 'Mjölby kommun ska erbjuda attraktiva boendemiljöer och stimulera till ökad inflyttning',
        children: [
          {
            key: 'boende.ks',
            kind: 'committee_goal',
            title: 'Bilden av Mjölby kommun attraherar allt fler invånare till inflyttning',
            responsible: 'Kommunstyrelsen',
            activities: [
              {
                title: 'Utveckla en strategi för Mjölby kommuns profil',
                desired_state: 'Genomförs 2016',
                status: 'in_progress',
                status_text: 'Pågår',
                partners: 'Service och teknikförv.',
                comment: 'Tillväxtkontoret, KLK.',
              },
            ],
            indicators: [
              {
                indicator: 'mjolby.invanare',
                label: 'Förändring av invånarantal',
                kind: 'level',
                baseline: { value: 26602, date: '2016-01-01', text: '26 602' },
                target: { type: 'at_least', value: 26900, date: '2016-12-31', text: '26 900' },
              },
            ],
            comments: [{ date: '2016-04-30', text: 'Samtliga inplanerade aktiviteter pågår.' }],
          },
        ],
      },
      {
        key: 'service',
        kind: 'municipal_goal',
        title: 'Medborgarna ska få en god service och ges förutsättningar till inflytande',
        children: [
          {
            key: 'service.ks',
            kind: 'committee_goal',
            title: 'Kommunstyrelsens tjänster och service ska utvecklas',
            indicators: [
              {
                indicator: 'mjolby.medborgarforslag',
                label: 'Antal medborgarförslag',
                area: '0586',
                breakdown: 'T',
                kind: 'ytd_sum',
                baseline: { value: 29, date: '2016-01-01' },
                target: { type: 'at_least', value: 40, date: '2016-12-31' },
                tolerance: 0.15,
              },
              {
                indicator: 'mjolby.trygghet',
                label: 'Upplevelse av trygghet och säkerhet utomhus kvällar och nätter',
                kind: 'level',
                baseline: { value: null, date: '2016-01-01', text: 'Medelnivå med likvärdiga kommuner' },
                target: { type: 'better_than_peers', peer_group: 'kolada-lika-kommuner', date: '2016-12-31' },
                note: '*Resultat i dec 2015. Ny mätning 2017',
              },
            ],
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

describe('a good plan', () => {
  it('parses and fills in the defaults', () => {
    const plan = parsePlanDefinition(seedPlan());
    expect(plan.follow_ups).toEqual(['2016-04-30', '2016-08-31', '2016-12-31']);
    expect(plan.status_rule).toEqual({
      tolerance: 0.1,
      rollup: 'worst',
      share_threshold: 0.75,
      freeze_after_days: 30,
    });
    expect(plan.indicators[0]?.decimals).toBe(0);
    expect(plan.indicators[2]?.decimals).toBe(1);
    const ks = plan.goals[0]?.children[0];
    expect(ks?.indicators[0]).toMatchObject({ area: '0586', breakdown: 'T', kind: 'level' });
    expect(ks?.activities[0]?.status).toBe('in_progress');
    expect(plan.goals[0]?.activities).toEqual([]);
    expect(plan.goals[0]?.indicators).toEqual([]);
    expect(plan.goals[1]?.children[0]?.indicators[1]?.baseline.value).toBeNull();
  });

  it('accepts YAML 1.1 Date objects and normalises them to YYYY-MM-DD', () => {
    const input = seedPlan();
    input.start = new Date('2016-01-01T00:00:00Z');
    input.follow_ups = [new Date('2016-04-30T00:00:00Z')];
    input.goals[0].children[0].indicators[0].baseline.date = new Date('2016-01-01T00:00:00Z');
    const plan = parsePlanDefinition(input);
    expect(plan.start).toBe('2016-01-01');
    expect(plan.follow_ups).toEqual(['2016-04-30']);
    expect(plan.goals[0]?.children[0]?.indicators[0]?.baseline.date).toBe('2016-01-01');
  });

  it('restores the leading zero of an unquoted area code (0586 read as 586)', () => {
    const input = seedPlan();
    input.area = 586;
    expect(parsePlanDefinition(input).area).toBe('0586');
  });

  it('accepts an explicit status rule, a range target and milestones', () => {
    const input = seedPlan();
    input.status_rule = {
      tolerance: 0.05,
      rollup: 'share_on_track',
      share_threshold: 0.8,
      freeze_after_days: 14,
    };
    const links = input.goals[0].children[0].indicators;
    links[0].target.milestones = [{ date: '2016-06-30', value: 26700 }];
    links.push({
      indicator: 'mjolby.trygghet',
      label: 'Intervall',
      kind: 'level',
      baseline: { value: 5, date: '2016-01-01' },
      target: { type: 'range', min: 4, max: 6, date: '2016-12-31' },
    });
    const plan = parsePlanDefinition(input);
    expect(plan.status_rule).toEqual({
      tolerance: 0.05,
      rollup: 'share_on_track',
      share_threshold: 0.8,
      freeze_after_days: 14,
    });
    expect(plan.goals[0]?.children[0]?.indicators[0]?.target.milestones).toEqual([
      { date: '2016-06-30', value: 26700 },
    ]);
  });

  it('is exported as a zod schema too', () => {
    expect(planDefinitionSchema.safeParse(seedPlan()).success).toBe(true);
  });
});

describe('a bad plan names the field path', () => {
  it.each<[string, (p: Fixture) => void, string]>([
    [
      'at_least without value',
      (p) => delete p.goals[0].children[0].indicators[0].target.value,
      'goals.0.children.0.indicators.0.target.value: krävs för måltypen at_least',
    ],
    [
      'at_most with a null value',
      (p) => {
        p.goals[0].children[0].indicators[0].target = { type: 'at_most', value: null, date: '2016-12-31' };
      },
      'goals.0.children.0.indicators.0.target.value: krävs för måltypen at_most',
    ],
    [
      'range with min not below max',
      (p) => {
        p.goals[0].children[0].indicators[0].target = { type: 'range', min: 6, max: 6, date: '2016-12-31' };
      },
      'goals.0.children.0.indicators.0.target.max: ska vara större än min (6)',
    ],
    [
      'range without max',
      (p) => {
        p.goals[0].children[0].indicators[0].target = { type: 'range', min: 6, date: '2016-12-31' };
      },
      'goals.0.children.0.indicators.0.target.max: krävs för måltypen range',
    ],
    [
      'better_than_peers without peer_group',
      (p) => delete p.goals[1].children[0].indicators[1].target.peer_group,
      'goals.1.children.0.indicators.1.target.peer_group: krävs för måltypen better_than_peers',
    ],
    [
      'a value on a direction-only target',
      (p) => {
        p.goals[0].children[0].indicators[0].target = { type: 'increase', value: 40, date: '2016-12-31' };
      },
      'goals.0.children.0.indicators.0.target.value: används inte av måltypen increase; ta bort det eller byt typ',
    ],
    [
      'a link to an undeclared indicator',
      (p) => {
        p.goals[0].children[0].indicators[0].indicator = 'mjolby.finns-inte';
      },
      'goals.0.children.0.indicators.0.indicator: måttet "mjolby.finns-inte" finns inte under indicators eller derived_indicators',
    ],
    [
      'a duplicate goal key',
      (p) => {
        p.goals[1].children[0].key = 'boende.ks';
      },
      'goals.1.children.0.key: "boende.ks" används redan av goals.0.children.0.key',
    ],
    [
      'a duplicate indicator key',
      (p) => p.indicators.push({ ...p.indicators[0] }),
      'indicators.3.key: "mjolby.invanare" finns redan (indicators.0.key)',
    ],
    [
      'an impossible date',
      (p) => {
        p.goals[0].children[0].indicators[0].baseline.date = '2016-02-30';
      },
      'goals.0.children.0.indicators.0.baseline.date: ska vara ett datum som ÅÅÅÅ-MM-DD, fick "2016-02-30"',
    ],
    [
      'a Swedish short date',
      (p) => {
        p.follow_ups[0] = '160430';
      },
      'follow_ups.0: ska vara ett datum som ÅÅÅÅ-MM-DD, fick "160430"',
    ],
    [
      'a follow-up outside the plan period',
      (p) => p.follow_ups.push('2017-04-30'),
      'follow_ups.3: 2017-04-30 ligger utanför planperioden 2016-01-01–2016-12-31',
    ],
    [
      'end before start',
      (p) => {
        p.end = '2015-12-31';
      },
      'end: ligger före start (2016-01-01)',
    ],
    [
      'a target date before the baseline date',
      (p) => {
        p.goals[0].children[0].indicators[0].target.date = '2015-12-31';
      },
      'goals.0.children.0.indicators.0.target.date: ligger före ingångsvärdets datum 2016-01-01',
    ],
    [
      'a milestone after the target date',
      (p) => {
        p.goals[0].children[0].indicators[0].target.milestones = [{ date: '2017-06-30', value: 1 }];
      },
      'goals.0.children.0.indicators.0.target.milestones.0.date: ska ligga efter ingångsvärdets datum 2016-01-01 och före måldatumet 2016-12-31',
    ],
    [
      'ytd_sum with a range target',
      (p) => {
        p.goals[0].children[0].indicators[0].kind = 'ytd_sum';
        p.goals[0].children[0].indicators[0].target = { type: 'range', min: 1, max: 2, date: '2016-12-31' };
      },
      'goals.0.children.0.indicators.0.kind: ytd_sum går bara med måltyperna at_least, at_most, increase och decrease, inte range',
    ],
    [
      'a bad plan id',
      (p) => {
        p.id = 'Mjölby KS';
      },
      'id: får bara innehålla a–z, 0–9 och bindestreck och ska börja med a–z eller 0–9',
    ],
    [
      'a bad goal key',
      (p) => {
        p.goals[0].key = 'Boende';
      },
      'goals.0.key: får bara innehålla a–z, 0–9, punkt, bindestreck och understreck och ska börja med a–z eller 0–9',
    ],
    [
      'a four-digit area code',
      (p) => {
        p.area = '586';
      },
      'area: ska vara en kommunkod med fyra siffror inom citattecken, t.ex. "0586", fick "586"',
    ],
    [
      'an unknown target type',
      (p) => {
        p.goals[0].children[0].indicators[0].target.type = 'more';
      },
      'goals.0.children.0.indicators.0.target.type: ska vara "at_least" eller "at_most" eller "increase" eller "decrease" eller "range" eller "better_than_peers" eller "same_level", fick "more"',
    ],
    [
      'an unknown activity status',
      (p) => {
        p.goals[0].children[0].activities[0].status = 'Pågår';
      },
      'goals.0.children.0.activities.0.status: ska vara "not_started" eller "in_progress" eller "done", fick "Pågår"',
    ],
    [
      'a misspelt field',
      (p) => {
        p.goals[0].children[0].indicators[0].tolerence = 0.2;
      },
      'goals.0.children.0.indicators.0.tolerence: okänt fält (stavfel?)',
    ],
    [
      'a value written as text',
      (p) => {
        p.goals[0].children[0].indicators[0].baseline.value = '26 602';
      },
      'goals.0.children.0.indicators.0.baseline.value: ska vara ett tal, fick "26 602"',
    ],
    [
      'a missing title',
      (p) => delete p.indicators[0].title,
      'indicators.0.title: saknas (obligatoriskt fält)',
    ],
    [
      'an empty title',
      (p) => {
        p.indicators[0].title = '  ';
      },
      'indicators.0.title: får inte vara tom',
    ],
    [
      'a comment for a date that is not a follow-up',
      (p) => {
        p.goals[0].children[0].comments[0].date = '2016-05-31';
      },
      'goals.0.children.0.comments.0.date: 2016-05-31 är inte ett av planens uppföljningsdatum (follow_ups)',
    ],
    [
      'a vision under a municipal goal',
      (p) => {
        p.goals[0].children[0].kind = 'vision';
      },
      'goals.0.children.0.kind: vision kan inte ligga under municipal_goal',
    ],
    [
      'a tolerance above 1',
      (p) => {
        p.status_rule = { tolerance: 2 };
      },
      'status_rule.tolerance: ska vara högst 1',
    ],
    [
      'a share threshold of 0',
      (p) => {
        p.status_rule = { share_threshold: 0 };
      },
      'status_rule.share_threshold: ska vara större än 0',
    ],
    [
      'decimals that are not whole',
      (p) => {
        p.indicators[0].decimals = 1.5;
      },
      'indicators.0.decimals: ska vara ett heltal',
    ],
    [
      'no goals',
      (p) => {
        p.goals = [];
      },
      'goals: behöver minst ett mål',
    ],
  ])('%s', (_name, mutate, expected) => {
    const input = seedPlan();
    mutate(input);
    expect(issuesOf(input)).toContain(expected);
  });

  it('throws an Error that lists every issue as "path: message"', () => {
    const input = seedPlan();
    delete input.goals[0].children[0].indicators[0].target.value;
    input.goals[1].children[0].indicators[1].target.peer_group = undefined;
    let thrown: unknown;
    try {
      parsePlanDefinition(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PlanDefinitionError);
    expect(thrown).toBeInstanceOf(Error);
    const message = (thrown as Error).message;
    expect(message).toContain('Ogiltig plandefinition (2 fel):');
    expect(message).toContain('  goals.0.children.0.indicators.0.target.value: krävs för måltypen at_least');
    expect(message).toContain(
      '  goals.1.children.0.indicators.1.target.peer_group: krävs för måltypen better_than_peers',
    );
    expect((thrown as PlanDefinitionError).issues).toHaveLength(2);
  });

  it('a non-object input is reported at the root', () => {
    expect(() => parsePlanDefinition('id: x')).toThrow(
      '(roten): ska vara ett objekt (nycklar och värden), fick "id: x"',
    );
  });
});
