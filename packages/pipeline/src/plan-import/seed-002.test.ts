// Every row of every "Resultatmått" table of seed 002 (the follow-up per 2016-04-30, fixture
// fixtures/mjolby-2016.csv), through the importer and the engine, with the status and the exact
// Swedish sentence the rules in docs/status-rules.md give. The Status column is what the report measured;
// it is loaded as the tertial T1 2016 (1 January – 30 April), as `plans import --values-out` writes it.
import { readFileSync } from 'node:fs';
import {
  computeStatus,
  type GoalDefinition,
  type GoalIndicatorLink,
  type GoalStatus,
  type StatusInput,
} from '@malkoll/goals';
import { nb } from '@malkoll/goals/test-helpers';
import { describe, expect, test } from 'vitest';
import { importFollowUpBytes } from './follow-up-report.ts';

const fixture = readFileSync(new URL('./fixtures/mjolby-2016.csv', import.meta.url));
const imported = await importFollowUpBytes(fixture, {
  planId: 'mjolby-2016',
  area: '0586',
  organisation: 'Mjölby kommun',
});

function allGoals(goals: GoalDefinition[]): GoalDefinition[] {
  return goals.flatMap((g) => [g, ...allGoals(g.children)]);
}
const links: GoalIndicatorLink[] = allGoals(imported.plan.goals).flatMap((g) => g.indicators);

function statusAt(link: GoalIndicatorLink, asOf: string) {
  const indicator = imported.plan.indicators.find((i) => i.key === link.indicator);
  if (!indicator) throw new Error(`no indicator ${link.indicator}`);
  const observations = imported.observations
    .filter((o) => o.indicator === link.indicator)
    .map((o) => ({ periodStart: '2016-01-01', periodEnd: o.date, periodLabel: 'T1 2016', value: o.value }));
  const input: StatusInput = {
    asOf,
    kind: link.kind,
    direction: indicator.direction,
    unit: indicator.unit,
    decimals: indicator.decimals,
    baseline: { value: link.baseline.value, date: link.baseline.date },
    target: {
      type: link.target.type,
      value: link.target.value ?? null,
      date: link.target.date,
      peerGroup: link.target.peer_group ?? null,
    },
    observations,
    peerMedians: [],
    tolerance: imported.plan.status_rule.tolerance,
  };
  return computeStatus(input);
}

const NO_DATA = 'Inga nya data sedan 1 januari 2016.';

// [slug without the plan prefix, status, rule, Swedish explanation]; in report order, one entry per row
// (the harassment row holds three measures and gives three).
const rows: [string, GoalStatus, string, string][] = [
  // Attraktiva boendemiljöer
  [
    'forandring-av-invanarantal',
    'off_track',
    'at_least.progress_vs_time',
    nb`26~611 (T1 2016); målet är 26~900 vid årets slut; väntat vid 30 april var 26~701.`,
  ],
  ['rekommendation-medborgarundersokningen', 'no_data', 'no_data.no_observation', NO_DATA],
  ['antal-nyproducerade-bostader-tomter', 'no_data', 'no_data.no_observation', NO_DATA],
  // Medborgarnas hälsa
  ['andel-elever-pa-grund-och-gymnasieskolan-som', 'no_data', 'no_data.no_observation', NO_DATA],
  ['andel-narodlat-ekologiskt-fairtrade', 'no_data', 'no_data.no_observation', NO_DATA],
  // Näringslivsklimatet
  ['ranking-totala-nki-for-mjolby-kommun-i-insikt', 'no_data', 'no_data.no_observation', NO_DATA],
  ['antal-foretag-och-filialer-i-mjolby-kommun', 'no_data', 'no_data.no_observation', NO_DATA],
  [
    'antalet-hektar-framtagna-verksamhetsmark-ha',
    'off_track',
    'ytd_sum.at_least.pace_vs_time',
    nb`0~ha hittills i år (T1 2016); målet är 5~ha för året; väntat vid 30 april var 2~ha.`,
  ],
  [
    'antal-sald-verksamhetsmark-under-aret',
    'off_track',
    'ytd_sum.at_least.pace_vs_time',
    nb`0,0~ha hittills i år (T1 2016); målet är 2,5~ha för året; väntat vid 30 april var 0,8~ha.`,
  ],
  // Utbildningsnivån / sysselsatta / försörjningsstöd
  [
    'antal-inskrivna-aktiva-deltagare-i-insatser-ame',
    'off_track',
    'at_most.progress_vs_time',
    '399 (T1 2016); målet är 300 vid årets slut; väntat vid 30 april var 308.',
  ],
  [
    'antal-lopande-subventionerade-anstallningar',
    'achieved',
    'at_most.target_met',
    '38 (T1 2016); målet 50 vid årets slut är uppnått.',
  ],
  [
    'integrations-mottagning',
    'on_track',
    'ytd_sum.at_least.pace_vs_time',
    '38 hittills i år (T1 2016); målet är 75 för året; väntat vid 30 april var 25.',
  ],
  [
    'resultatmal-personer-ut-i-egenforsorjning-arbete',
    'achieved',
    'at_least.target_met',
    nb`36,0~% (T1 2016); målet 18,5~% vid årets slut är uppnått.`,
  ],
  // Trygghet
  ['upplevelse-av-trygghet-och-sakerhet-utomhus', 'no_data', 'no_data.no_observation', NO_DATA],
  // Service och inflytande
  ['delaktighetsindex', 'no_data', 'no_data.no_observation', NO_DATA],
  [
    'antal-medborgarforslag',
    'at_risk',
    'ytd_sum.at_least.pace_vs_time',
    '7 hittills i år (T1 2016); målet är 40 för året; väntat vid 30 april var 13.',
  ],
  [
    'infort-2-nya-e-tjanster',
    'on_track',
    'at_least.progress_vs_time',
    '1 (T1 2016); målet är 2 vid årets slut; väntat vid 30 april var 1.',
  ],
  ['andel-svar-pa-synpunkter-och-fel-inom-5-dagar', 'no_data', 'no_data.no_observation', NO_DATA],
  ['kundnojdhet-medborgarservice', 'no_data', 'no_data.no_observation', NO_DATA],
  // Grön omställning
  [
    'expresskort-antal-bokningar-ar-2016',
    'on_track',
    'ytd_sum.at_least.pace_vs_time',
    '230 hittills i år (T1 2016); målet är 800 för året; väntat vid 30 april var 264.',
  ],
  [
    'andel-nyttjande-av-kommunens-elcyklar',
    'at_risk',
    'at_least.no_baseline',
    '8 (T1 2016); målet är 32 vid årets slut; ingångsvärde saknas, så takten kan inte bedömas.',
  ],
  // Engagerade medarbetare
  ['medarbetarenkat-hallbart-medarbetarengagemang', 'no_data', 'same_level.no_unit_values', NO_DATA],
  ['medarbetarenkat-motiverad-medarbetar-index-mmi', 'no_data', 'same_level.no_unit_values', NO_DATA],
  ['antal-forvaltningar-som-har-en', 'no_data', 'no_data.no_observation', NO_DATA],
  ['medarbetare-som-kanner-sig-trakasserier', 'no_data', 'no_data.no_observation', NO_DATA],
  ['medarbetare-som-kanner-sig-diskriminering', 'no_data', 'no_data.no_observation', NO_DATA],
  ['medarbetare-som-kanner-sig-krankning', 'no_data', 'no_data.no_observation', NO_DATA],
  // Ekonomiska mål
  ['budget-i-balans-ksf', 'no_data', 'no_data.no_observation', NO_DATA],
  ['budget-i-balans-kommunen', 'no_data', 'no_data.no_observation', NO_DATA],
  ['resultat-kundundersokning-ksf', 'no_data', 'no_data.no_observation', NO_DATA],
  ['andel-projektledare-som-anvander-projektmodellen', 'no_data', 'no_data.no_observation', NO_DATA],
  [
    'andel-interna-dokument-till-ks-i',
    'on_track',
    'at_least.progress_vs_time',
    nb`90~% (T1 2016); målet är 100~% vid årets slut; väntat vid 30 april var 33~%.`,
  ],
];

describe('seed 002: every Resultatmått row as of 2016-04-30', () => {
  test('one expectation per imported link, in report order', () => {
    expect(links.map((l) => l.indicator.replace('mjolby-2016.', ''))).toEqual(rows.map((r) => r[0]));
  });

  test.each(rows)('%s: %s (%s)', (slug, status, rule, explanation) => {
    const link = links.find((l) => l.indicator === `mjolby-2016.${slug}`);
    expect(link, slug).toBeDefined();
    const result = statusAt(link as GoalIndicatorLink, '2016-04-30');
    expect({ status: result.status, rule: result.rule, explanation: result.explanation }).toEqual({
      status,
      rule,
      explanation,
    });
  });
});

// Boundaries, on the seed's own rows with one number changed. Tolerance 0.1; 2016-04-30 is 121 of 366 days.
function population(value: number, overrides: Partial<StatusInput> = {}): StatusInput {
  return {
    asOf: '2016-04-30',
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
// Baseline 0, target 3 660: expected 1 210 at 30 April, one tolerance (0,1 of the way) is 366.
const wide = (value: number) =>
  population(value, {
    baseline: { value: 0, date: '2016-01-01' },
    target: { type: 'at_least', value: 3660, date: '2016-12-31' },
  });

describe('seed 002: boundaries', () => {
  test.each<[string, StatusInput, GoalStatus, string]>([
    ['exactly at target (26 900) counts as achieved', population(26900), 'achieved', 'at_least.target_met'],
    [
      'one below target before the deadline is judged on pace',
      population(26899),
      'on_track',
      'at_least.progress_vs_time',
    ],
    [
      'exactly one tolerance behind the expected pace is on track',
      wide(1210 - 366),
      'on_track',
      'at_least.progress_vs_time',
    ],
    ['just past one tolerance behind is at risk', wide(1210 - 367), 'at_risk', 'at_least.progress_vs_time'],
    ['exactly two tolerances behind is at risk', wide(1210 - 732), 'at_risk', 'at_least.progress_vs_time'],
    [
      'just past two tolerances behind is off track',
      wide(1210 - 733),
      'off_track',
      'at_least.progress_vs_time',
    ],
    [
      'no baseline (elcyklar "-"): compared with the target only, 8 of 32 is at risk',
      population(8, {
        baseline: { value: null, date: '2016-01-01' },
        target: { type: 'at_least', value: 32, date: '2016-12-31' },
        unit: '',
      }),
      'at_risk',
      'at_least.no_baseline',
    ],
    [
      'no baseline: within 10 % of the target (28,8 of 32) is on track',
      population(28.8, {
        baseline: { value: null, date: '2016-01-01' },
        target: { type: 'at_least', value: 32, date: '2016-12-31' },
        unit: '',
        decimals: 1,
      }),
      'on_track',
      'at_least.no_baseline',
    ],
    [
      'target already met at baseline and still met: achieved',
      population(26950, { baseline: { value: 26950, date: '2016-01-01' } }),
      'achieved',
      'at_least.target_met',
    ],
    [
      'target already met at baseline but fallen below: compared with the target only',
      population(26880, { baseline: { value: 26950, date: '2016-01-01' } }),
      'on_track',
      'at_least.baseline_met',
    ],
    [
      'decrease (alkohol 51 % → "Minskning"), 48 %: on track before the target date',
      population(48, {
        unit: '%',
        direction: 'lower',
        baseline: { value: 51, date: '2016-01-01' },
        target: { type: 'decrease', date: '2016-12-31' },
      }),
      'on_track',
      'decrease.vs_baseline',
    ],
    [
      'decrease, unchanged 51 %: at risk',
      population(51, {
        unit: '%',
        direction: 'lower',
        baseline: { value: 51, date: '2016-01-01' },
        target: { type: 'decrease', date: '2016-12-31' },
      }),
      'at_risk',
      'decrease.vs_baseline',
    ],
    [
      'decrease, 53 %: off track',
      population(53, {
        unit: '%',
        direction: 'lower',
        baseline: { value: 51, date: '2016-01-01' },
        target: { type: 'decrease', date: '2016-12-31' },
      }),
      'off_track',
      'decrease.vs_baseline',
    ],
    [
      'at most (AME 312 → 300) exactly at 300: achieved',
      population(300, {
        direction: 'lower',
        baseline: { value: 312, date: '2016-01-01' },
        target: { type: 'at_most', value: 300, date: '2016-12-31' },
      }),
      'achieved',
      'at_most.target_met',
    ],
    [
      'better than peers with no median for the period: no data, not red',
      population(62, {
        target: { type: 'better_than_peers', date: '2016-12-31', peerGroup: 'liknande-0586' },
        peerMedians: [{ periodEnd: '2015-12-31', value: 60 }],
      }),
      'no_data',
      'better_than_peers.no_peer_data',
    ],
    [
      'better than peers exactly at the median: at risk',
      population(60, {
        target: { type: 'better_than_peers', date: '2016-12-31', peerGroup: 'liknande-0586' },
        peerMedians: [{ periodEnd: '2016-04-30', value: 60 }],
      }),
      'at_risk',
      'better_than_peers.near',
    ],
  ])('%s', (_name, input, status, rule) => {
    const result = computeStatus(input);
    expect({ status: result.status, rule: result.rule }).toEqual({ status, rule });
  });

  test('the explanation of a missing peer median names the period and the own value', () => {
    const result = computeStatus(
      population(62, {
        unit: '',
        target: { type: 'better_than_peers', date: '2016-12-31', peerGroup: 'liknande-0586' },
        peerMedians: [],
      }),
    );
    expect(result.explanation).toBe(
      'Jämförelsedata för likvärdiga kommuner saknas för april 2016 (eget värde 62).',
    );
  });
});
