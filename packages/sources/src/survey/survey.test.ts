import { describe, expect, it } from 'vitest';
import { type Period, yearPeriod } from '../csv/period.ts';
import { parseSourceDefinition, type SurveySourceDefinition } from '../definition.ts';
import { computeMeasure, computeSurvey, type SurveyResponse } from './compute.ts';
import { readSurvey } from './read-survey.ts';

const y2016 = yearPeriod(2016) as Period;
const scale5 = { min: 1, max: 5 };

function respondent(area: string, answers: Record<string, number | null>, weight = 1): SurveyResponse {
  return { line: 0, areaCode: area, period: y2016, weight, answers: new Map(Object.entries(answers)) };
}

describe('survey arithmetic', () => {
  // Two questions on 1–5. Question means: q1 = (5+4+3+2+1)/5 = 3, q2 = (5+5+4+4+2)/5 = 4.
  const five = [
    respondent('a', { q1: 5, q2: 5 }),
    respondent('a', { q1: 4, q2: 5 }),
    respondent('a', { q1: 3, q2: 4 }),
    respondent('a', { q1: 2, q2: 4 }),
    respondent('a', { q1: 1, q2: 2 }),
  ];

  it('index: each question mean rescaled to 0–100, then averaged: q1 3 → 50, q2 4 → 75, index 62,5', () => {
    expect(
      computeMeasure(five, { indicator: 'x', questions: ['q1', 'q2'], measure: 'index' }, scale5),
    ).toEqual({
      respondents: 5,
      value: 62.5,
    });
  });

  it('mean: the mean of the question means (3 and 4 → 3,5)', () => {
    expect(
      computeMeasure(five, { indicator: 'x', questions: ['q1', 'q2'], measure: 'mean' }, scale5).value,
    ).toBe(3.5);
  });

  it('share positive: answers 4 or 5 of all answers (6 of 10 → 60 %)', () => {
    expect(
      computeMeasure(five, { indicator: 'x', questions: ['q1', 'q2'], measure: 'share_positive' }, scale5)
        .value,
    ).toBe(60);
  });

  it('on a 1–10 scale the top two box is 9 and 10, and 10 rescales to 100', () => {
    const r = [
      respondent('a', { q: 10 }),
      respondent('a', { q: 9 }),
      respondent('a', { q: 8 }),
      respondent('a', { q: 1 }),
    ];
    const scale10 = { min: 1, max: 10 };
    expect(
      computeMeasure(r, { indicator: 'x', questions: ['q'], measure: 'share_positive' }, scale10).value,
    ).toBe(50);
    // mean 7 → (7 − 1) / 9 × 100 = 66,666…
    expect(
      computeMeasure(r, { indicator: 'x', questions: ['q'], measure: 'index' }, scale10).value,
    ).toBeCloseTo(66.666667, 5);
  });

  it('weights count in the mean and the share, not in the respondent count', () => {
    const r = [respondent('a', { q: 5 }, 3), respondent('a', { q: 1 }, 1)];
    const m = computeMeasure(r, { indicator: 'x', questions: ['q'], measure: 'mean' }, scale5);
    expect(m).toEqual({ respondents: 2, value: 4 }); // (5·3 + 1·1) / 4
    expect(
      computeMeasure(r, { indicator: 'x', questions: ['q'], measure: 'share_positive' }, scale5).value,
    ).toBe(75);
  });

  it('a respondent who answered none of the questions is not counted; a skipped question is left out of its mean', () => {
    const r = [...five, respondent('a', { q1: null, q2: null }), respondent('a', { q1: null, q2: 1 })];
    expect(
      computeMeasure(r, { indicator: 'x', questions: ['q1', 'q2'], measure: 'respondents' }, scale5).value,
    ).toBe(6);
    // q1 still 3 (50); q2 = (5+5+4+4+2+1)/6 = 3,5 (62,5) → 56,25.
    expect(
      computeMeasure(r, { indicator: 'x', questions: ['q1', 'q2'], measure: 'index' }, scale5).value,
    ).toBe(56.25);
  });

  it('exactly the threshold gives values; one fewer gives nulls with "för få svar" for every measure', () => {
    const measures = [
      { indicator: 'idx', questions: ['q1', 'q2'], measure: 'index' as const },
      { indicator: 'n', questions: ['q1', 'q2'], measure: 'respondents' as const },
    ];
    const ok = computeSurvey(five, measures, scale5, { minRespondents: 5 });
    expect(ok.facts.map((f) => [f.indicatorKey, f.value, f.valueNote])).toEqual([
      ['idx', 62.5, null],
      ['n', 5, null],
    ]);
    const few = computeSurvey(five.slice(0, 4), measures, scale5, { minRespondents: 5 });
    expect(few.facts.map((f) => [f.indicatorKey, f.value, f.valueNote])).toEqual([
      ['idx', null, 'suppressed'],
      ['n', null, 'suppressed'],
    ]);
    expect(few.suppressed.map((s) => s.reasonSv)).toEqual(['för få svar', 'för få svar']);
  });

  it('the total area counts every respondent, also those of units too small to show', () => {
    const r = [...five, respondent('b', { q1: 5, q2: 5 })];
    const { facts } = computeSurvey(
      r,
      [{ indicator: 'n', questions: ['q1'], measure: 'respondents' }],
      scale5,
      {
        minRespondents: 5,
        totalArea: '0586',
      },
    );
    expect(facts.map((f) => [f.areaCode, f.value, f.valueNote])).toEqual([
      ['a', 5, null],
      ['0586', 6, null],
      ['b', null, 'suppressed'],
    ]);
  });
});

describe('reading a survey export', () => {
  const definition = parseSourceDefinition({
    id: 'enkat',
    title: 'Medarbetarenkät',
    owner: { name: 'HR' },
    kind: 'survey',
    location: { inbox: 'enkat.csv' },
    unit: { column: 'Förvaltning' },
    period: { column: 'År' },
    scale: {
      type: 'labels',
      labels: [
        'Instämmer inte alls',
        'Instämmer delvis inte',
        'Varken eller',
        'Instämmer delvis',
        'Instämmer helt',
      ],
    },
    no_answer: ['Vet ej'],
    measures: [
      { indicator: 'hme.index', questions: ['Motivation', 'Ledarskap'], measure: 'index' },
      { indicator: 'hme.andel', questions: ['Motivation'], measure: 'share_positive' },
    ],
  }) as SurveySourceDefinition;

  const rows = [
    'Förvaltning;År;Motivation;Ledarskap',
    'KSF;2016;Instämmer helt;Instämmer delvis',
    'KSF;2016;Instämmer delvis;Varken eller',
    'KSF;2016;Varken eller;Vet ej',
    'KSF;2016;Instämmer helt;Instämmer helt',
    'KSF;2016;Instämmer inte alls;Instämmer delvis inte',
    'KSF;2016;Hemlig åsikt;Instämmer helt',
    'UF;2016;Instämmer helt;Instämmer helt',
  ].join('\n');
  const areas: Record<string, string> = { ksf: '0586-ksf', uf: '0586-uf' };

  it('reads word answers on the scale, skips "Vet ej", suppresses a small unit, and never copies an answer out', () => {
    const result = readSurvey(Buffer.from(rows, 'utf8'), definition, {
      resolveArea: (raw) => areas[raw.toLowerCase()],
    });
    expect(result.rowsRead).toBe(7);
    expect(result.respondents).toBe(6);
    // KSF Motivation: 5,4,3,5,1 → mean 3,6 → 65; Ledarskap: 4,3,5,2 → 3,5 → 62,5; index 63,75.
    expect(result.facts.map((f) => [f.indicatorKey, f.areaCode, f.value, f.valueNote])).toEqual([
      ['hme.index', '0586-ksf', 63.75, null],
      ['hme.andel', '0586-ksf', 60, null],
      ['hme.index', '0586-uf', null, 'suppressed'],
      ['hme.andel', '0586-uf', null, 'suppressed'],
    ]);
    expect(result.rejections).toHaveLength(1);
    expect(result.rejections[0]).toMatchObject({ line: 7, column: 'Motivation', raw: '(svaret visas inte)' });
    const output = JSON.stringify(result);
    for (const answer of ['Hemlig åsikt', 'Instämmer helt', 'Varken eller'])
      expect(output).not.toContain(answer);
  });
});
