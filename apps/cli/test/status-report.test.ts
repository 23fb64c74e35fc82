// The human report's forecast: its own column and line, marked as a forecast, never in "Utfall".
import { describe, expect, test } from 'vitest';
import { formatStatusReport, type StatusReport } from '../src/status-report.ts';

function report(forecast: { value: number | null; text: string | null }): StatusReport {
  const link = {
    id: 1,
    goal_id: 10,
    position: 0,
    label: 'Förändring av invånarantal',
    kind: 'level',
    breakdown: 'T',
    baseline_value: 26602,
    baseline_date: '2016-01-01',
    baseline_text: null,
    target_type: 'at_least',
    target_value: 26900,
    target_min: null,
    target_max: null,
    target_date: '2016-12-31',
    target_text: null,
    milestones: [],
    indicator_key: 'mjolby.invanare',
    unit: 'invånare',
    decimals: 0,
    direction: 'higher',
    area_code: '0586',
    status: 'off_track',
    current_value: 26722,
    current_period_end: '2016-04-30',
    current_period_label: 'april 2016',
    progress: 0.4,
    expected_progress: 0.33,
    explanation:
      '26 722 invånare (april 2016); målet är 26 900 vid årets slut; väntat vid 30 april var 26 701.',
    explanation_en: '',
    forecast_value: forecast.value,
    forecast_reaches_target_on: null,
    forecast_text: forecast.text,
    frozen_at: null,
  };
  return {
    asOf: '2016-04-30',
    defaulted: false,
    plan: {
      id: 'mjolby-2016',
      name: 'Verksamhetsplan 2016',
      organisation: 'Mjölby kommun',
      follow_ups: ['2016-04-30'],
      status_rule: {},
    },
    rows: [],
    overview: {
      goals: [
        {
          id: 10,
          key: 'boende',
          parent_id: null,
          kind: 'municipal_goal',
          title: 'Boende',
          responsible: null,
          position: 0,
        },
      ],
      links: [link],
      series: [],
      activities: [],
      comments: [],
    },
  } as unknown as StatusReport;
}

describe('forecast in the status report', () => {
  test('shown as "≈" in the Prognos column and on its own line, the measured value unchanged', () => {
    const text = formatStatusReport(
      report({
        value: 26967,
        text: 'Prognos (trend genom 4 mätpunkter): 26\u00a0967 invånare den 31 december 2016; 26\u00a0900 nås 25 oktober 2016.',
      }),
    );
    const row = text.split('\n').find((l) => l.includes('Förändring av invånarantal')) ?? '';
    expect(row).toMatch(/26\u00a0722\u00a0invånare \(april 2016\).*≈ 26\u00a0967\u00a0invånare$/);
    expect(text).toContain('⤷ Prognos (trend genom 4 mätpunkter): 26\u00a0967 invånare den 31 december 2016');
  });

  test('without a forecast the column shows "–" and there is no Prognos line', () => {
    const text = formatStatusReport(report({ value: null, text: null }));
    const row = text.split('\n').find((l) => l.includes('Förändring av invånarantal')) ?? '';
    expect(row.trimEnd().endsWith('–')).toBe(true);
    expect(text).not.toContain('Prognos (');
  });
});
