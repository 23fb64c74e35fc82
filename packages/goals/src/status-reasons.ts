// "Why this status?" in words, from a stored status snapshot: the rule in a sentence, the gap to the
// target (and to the expected value) with unit and sign, the tolerance bands with their limits in numbers
// and which one the value fell in, and how old the value carrying the status is at the follow-up date.
// Pure, and read from the snapshot's stored inputs (status.ts writes them), so an old snapshot is
// explained by what it was computed from, not by today's plan. docs/status-rules.md has the rules.

import { toDayNumber } from './dates.ts';
import { formatDate, formatDifference, formatValue, type Locale, translateUnit } from './format.ts';
import { STATUS_LABELS } from './rollup.ts';
import type { GoalStatus } from './vocabulary.ts';

export interface StatusSnapshotFacts {
  asOf: string;
  status: GoalStatus;
  rule: string;
  /** status.ts's `inputs` as stored (JSON). */
  inputs: unknown;
  currentValue: number | null;
  expectedValue: number | null;
  unit: string;
  decimals: number;
}

export interface StatusReasons {
  /** The rule in words ("Minst-mål: jämför värdet med den takt som krävs …"). */
  rule: string;
  /** "−289 invånare till målet 26 900 (26 611 mot 26 900)"; null when the rule has no numeric target. */
  gapToTarget: string | null;
  /** "−90 invånare mot väntat läge 26 701"; null without an expectation. */
  gapToExpected: string | null;
  /** The bands with their limits, e.g. "I fas: minst 26 671 · Risk: 26 641–26 671 · Ej i fas: under 26 641". */
  bands: string | null;
  /** Which band the value fell in, and by what: "26 611 är under 26 641, gränsen för Risk: Ej i fas." */
  decided: string | null;
  /** "mätt 30 april 2016; 8 månader gammalt vid uppföljningen 31 december 2016"; null without a value. */
  age: string | null;
}

interface Inputs {
  tolerance?: number;
  kind?: string;
  baseline?: { value: number | null; date: string };
  target?: { type: string; value: number | null; min: number | null; max: number | null; date: string };
  current?: { value: number; periodEnd: string; periodLabel: string } | null;
  movedRightWay?: boolean;
  deadlinePassed?: boolean;
  elapsedShare?: number;
  margin?: number;
  peerMedian?: { value: number } | null;
  nearLimit?: number;
  mean?: number;
}

const RULES: Record<string, { sv: string; en: string }> = {
  'at_least.progress_vs_time': {
    sv: 'Minst-mål: jämför värdet med den takt som krävs för att nå målet i tid (en rak linje från ingångsvärdet till målvärdet vid måldatum).',
    en: 'At-least target: compares the value with the pace needed to reach the target in time (a straight line from the baseline to the target on the target date).',
  },
  'at_most.progress_vs_time': {
    sv: 'Högst-mål: jämför värdet med den takt som krävs för att komma ned till målet i tid (en rak linje från ingångsvärdet till målvärdet vid måldatum).',
    en: 'At-most target: compares the value with the pace needed to get down to the target in time (a straight line from the baseline to the target on the target date).',
  },
  'at_least.progress_vs_milestones': {
    sv: 'Minst-mål med delmål: jämför värdet med vägen genom planens delmål fram till målvärdet.',
    en: 'At-least target with milestones: compares the value with the path through the plan’s milestones to the target.',
  },
  'at_most.progress_vs_milestones': {
    sv: 'Högst-mål med delmål: jämför värdet med vägen genom planens delmål ned till målvärdet.',
    en: 'At-most target with milestones: compares the value with the path through the plan’s milestones down to the target.',
  },
  'at_least.target_met': {
    sv: 'Minst-mål: värdet har nått målvärdet.',
    en: 'At-least target: the value has reached the target.',
  },
  'at_most.target_met': {
    sv: 'Högst-mål: värdet har kommit ned till målvärdet.',
    en: 'At-most target: the value has come down to the target.',
  },
  'at_least.target_missed': {
    sv: 'Minst-mål: måldatum har passerats utan att målvärdet nåtts.',
    en: 'At-least target: the target date has passed without the target being reached.',
  },
  'at_most.target_missed': {
    sv: 'Högst-mål: måldatum har passerats utan att värdet kommit ned till målet.',
    en: 'At-most target: the target date has passed without the value coming down to the target.',
  },
  'at_least.no_baseline': {
    sv: 'Minst-mål utan ingångsvärde: takten kan inte bedömas, så värdet jämförs direkt med målvärdet.',
    en: 'At-least target without a baseline: the pace cannot be judged, so the value is compared with the target directly.',
  },
  'at_most.no_baseline': {
    sv: 'Högst-mål utan ingångsvärde: takten kan inte bedömas, så värdet jämförs direkt med målvärdet.',
    en: 'At-most target without a baseline: the pace cannot be judged, so the value is compared with the target directly.',
  },
  'at_least.baseline_met': {
    sv: 'Minst-mål där ingångsvärdet redan nådde målet: värdet jämförs direkt med målvärdet.',
    en: 'At-least target the baseline already met: the value is compared with the target directly.',
  },
  'at_most.baseline_met': {
    sv: 'Högst-mål där ingångsvärdet redan nådde målet: värdet jämförs direkt med målvärdet.',
    en: 'At-most target the baseline already met: the value is compared with the target directly.',
  },
  'ytd_sum.at_least.pace_vs_time': {
    sv: 'Summa hittills i år, minst-mål: jämför årets summa med årsmålets andel vid samma datum.',
    en: 'Year-to-date sum, at-least target: compares the sum so far with the same share of the year’s target.',
  },
  'ytd_sum.at_most.pace_vs_time': {
    sv: 'Summa hittills i år, tak: jämför årets summa med takets andel vid samma datum.',
    en: 'Year-to-date sum with a cap: compares the sum so far with the same share of the cap.',
  },
  'ytd_sum.at_least.target_met': {
    sv: 'Summa hittills i år: årets mål är nått.',
    en: 'Year-to-date sum: the year’s target has been reached.',
  },
  'ytd_sum.at_least.target_missed': {
    sv: 'Summa för året: årets mål nåddes inte.',
    en: 'Sum for the year: the year’s target was not reached.',
  },
  'ytd_sum.at_most.cap_exceeded': {
    sv: 'Summa hittills i år: taket är överskridet.',
    en: 'Year-to-date sum: the cap has been exceeded.',
  },
  'ytd_sum.at_most.within_cap': {
    sv: 'Summa för året: taket hölls.',
    en: 'Sum for the year: the cap was kept.',
  },
  'increase.vs_baseline': {
    sv: 'Ökning: jämför värdet med ingångsvärdet.',
    en: 'Increase: compares the value with the baseline.',
  },
  'decrease.vs_baseline': {
    sv: 'Minskning: jämför värdet med ingångsvärdet.',
    en: 'Decrease: compares the value with the baseline.',
  },
  'increase.vs_first_observation': {
    sv: 'Ökning utan ingångsvärde: jämför värdet med planperiodens första mätning.',
    en: 'Increase without a baseline: compares the value with the plan period’s first reading.',
  },
  'decrease.vs_first_observation': {
    sv: 'Minskning utan ingångsvärde: jämför värdet med planperiodens första mätning.',
    en: 'Decrease without a baseline: compares the value with the plan period’s first reading.',
  },
  'ytd_sum.increase.vs_last_year_pace': {
    sv: 'Ökning av en summa hittills i år: jämför med fjolårets summa vid samma tid.',
    en: 'Increase of a year-to-date sum: compares with last year’s sum at the same point.',
  },
  'ytd_sum.decrease.vs_last_year_pace': {
    sv: 'Minskning av en summa hittills i år: jämför med fjolårets summa vid samma tid.',
    en: 'Decrease of a year-to-date sum: compares with last year’s sum at the same point.',
  },
  'range.within': {
    sv: 'Intervall: värdet ligger inom målintervallet.',
    en: 'Range: the value is within the target range.',
  },
  'range.near': {
    sv: 'Intervall: värdet ligger strax utanför målintervallet.',
    en: 'Range: the value is just outside the target range.',
  },
  'range.outside': {
    sv: 'Intervall: värdet ligger utanför målintervallet.',
    en: 'Range: the value is outside the target range.',
  },
  'better_than_peers.better': {
    sv: 'Bättre än likvärdiga kommuner: jämför värdet med jämförelsegruppens median.',
    en: 'Better than similar municipalities: compares the value with the comparison group’s median.',
  },
  'same_level.within_tolerance': {
    sv: 'Samma nivå överallt: jämför spridningen mellan förvaltningarna med medelvärdet.',
    en: 'The same level everywhere: compares the spread between departments with the mean.',
  },
  'no_data.no_observation': {
    sv: 'Inga nya data: inget värde har mätts sedan planens ingångsvärde.',
    en: 'No new data: no value has been measured since the plan’s baseline.',
  },
  'config.missing_target': {
    sv: 'Planen saknar målvärde, så status kan inte beräknas.',
    en: 'The plan has no target value, so no status can be computed.',
  },
};
// Same rule, other outcome: the words describe the rule, not the verdict.
RULES['better_than_peers.near'] = RULES['better_than_peers.better'] as { sv: string; en: string };
RULES['better_than_peers.worse'] = RULES['better_than_peers.better'] as { sv: string; en: string };
RULES['same_level.spread_too_wide'] = RULES['same_level.within_tolerance'] as { sv: string; en: string };

/** The rule in words; an unknown rule id is shown as it is rather than hidden. */
export function describeRule(rule: string, locale: Locale): string {
  const words = RULES[rule];
  if (words) return words[locale];
  if (rule.endsWith('.no_reference'))
    return locale === 'sv'
      ? 'Förändringsmål utan ingångsvärde: förändringen kan inte bedömas ännu.'
      : 'Change target without a baseline: the change cannot be judged yet.';
  if (rule.endsWith('.no_peer_data') || rule.endsWith('.no_unit_values') || rule.endsWith('.too_few_units'))
    return locale === 'sv'
      ? 'Jämförelsedata saknas, så status kan inte beräknas.'
      : 'Comparison data is missing, so no status can be computed.';
  return rule;
}

/** Whole months from `from` to `to` (ISO dates), counting a month once its day of the month is reached. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  let months = (ty - fy) * 12 + (tm - fm);
  // 30 April → 31 December is 8 months; 31 May → 30 June is a month too (month ends count as equal).
  const endOfMonth = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, 0)).getUTCDate() === d;
  if (td < fd && !endOfMonth(ty, tm, td)) months -= 1;
  return Math.max(0, months);
}

/** "mätt 30 april 2016; 8 månader gammalt vid uppföljningen 31 december 2016". */
export function describeValueAge(periodEnd: string, asOf: string, locale: Locale): string {
  const measured = formatDate(periodEnd, locale);
  const at = formatDate(asOf, locale);
  const days = toDayNumber(asOf) - toDayNumber(periodEnd);
  const months = monthsBetween(periodEnd, asOf);
  if (locale === 'sv') {
    if (days <= 0) return `mätt ${measured}, samma dag som uppföljningen`;
    const age =
      months === 0
        ? `${days} ${days === 1 ? 'dag' : 'dagar'} gammalt`
        : months >= 24
          ? `${Math.floor(months / 12)} år gammalt`
          : `${months} ${months === 1 ? 'månad' : 'månader'} gammalt`;
    return `mätt ${measured}; ${age} vid uppföljningen ${at}`;
  }
  if (days <= 0) return `measured ${measured}, the day of the follow-up`;
  const age =
    months === 0
      ? `${days} ${days === 1 ? 'day' : 'days'} old`
      : months >= 24
        ? `${Math.floor(months / 12)} years old`
        : `${months} ${months === 1 ? 'month' : 'months'} old`;
  return `measured ${measured}; ${age} at the follow-up on ${at}`;
}

/** The status's reasons in words, in one language. */
export function describeStatusReasons(facts: StatusSnapshotFacts, locale: Locale): StatusReasons {
  const inputs = (facts.inputs ?? {}) as Inputs;
  const unit = translateUnit(facts.unit, locale);
  const value = (v: number) => formatValue(v, { unit, decimals: facts.decimals, locale });
  const bare = (v: number) => formatValue(v, { decimals: facts.decimals, locale });
  const diff = (v: number) => formatDifference(v, { unit, decimals: facts.decimals, locale });
  const target = inputs.target?.value ?? null;
  const current = facts.currentValue;
  const sv = locale === 'sv';
  const label = (s: GoalStatus) => STATUS_LABELS[locale][s];

  let gapToTarget: string | null = null;
  if (current !== null && target !== null && /^(ytd_sum\.)?at_(least|most)\./.test(facts.rule)) {
    gapToTarget = sv
      ? `${diff(current - target)} till målet ${bare(target)} (${value(current)} mot ${bare(target)})`
      : `${diff(current - target)} to the target of ${bare(target)} (${value(current)} against ${bare(target)})`;
  }
  let gapToExpected: string | null = null;
  // At the target date the expected value is the target: the gap to it is already said.
  if (current !== null && facts.expectedValue !== null && !(gapToTarget && facts.expectedValue === target)) {
    const ref = /(increase|decrease)\./.test(facts.rule)
      ? sv
        ? 'mot jämförelsevärdet'
        : 'against the reference'
      : facts.rule.startsWith('better_than_peers')
        ? sv
          ? 'mot medianen'
          : 'against the median'
        : sv
          ? 'mot väntat läge'
          : 'against the expected';
    gapToExpected = `${diff(current - facts.expectedValue)} ${ref} ${bare(facts.expectedValue)}`;
  }

  const banding = describeBands(facts, inputs, locale, bare, value, label);
  const periodEnd = inputs.current?.periodEnd ?? null;
  return {
    rule: describeRule(facts.rule, locale),
    gapToTarget,
    gapToExpected,
    bands: banding?.bands ?? null,
    decided: banding?.decided ?? null,
    age: current !== null && periodEnd ? describeValueAge(periodEnd, facts.asOf, locale) : null,
  };
}

/**
 * The limits between I fas, Risk and Ej i fas in the indicator's own numbers, for the rules that grade
 * by tolerance (status.ts: gradeProgress and the pace, range and peer rules).
 */
function describeBands(
  facts: StatusSnapshotFacts,
  inputs: Inputs,
  locale: Locale,
  bare: (v: number) => string,
  value: (v: number) => string,
  label: (s: GoalStatus) => string,
): { bands: string; decided: string } | null {
  const sv = locale === 'sv';
  const tol = inputs.tolerance;
  const current = facts.currentValue;
  if (tol === undefined || current === null) return null;
  const pct = formatValue(tol * 100, { unit: '%', decimals: Number.isInteger(tol * 100) ? 0 : 1, locale });
  const rule = facts.rule;
  const deadlineNote =
    inputs.deadlinePassed && facts.status === 'at_risk'
      ? sv
        ? ' Måldatum har passerats, så I fas blir Risk tills slutvärdet finns.'
        : ' The target date has passed, so On track becomes At risk until the final figure is in.'
      : '';
  const fell = (s: GoalStatus, why: string) =>
    sv ? `${why}: ${label(s)}.${deadlineNote}` : `${why}: ${label(s)}.${deadlineNote}`;

  // Pace rules: limits at expected − tolerance and expected − 2 × tolerance, in progress units.
  const baseline = inputs.baseline?.value ?? null;
  const target = inputs.target?.value ?? null;
  const pace = /^at_(least|most)\.progress_vs_(time|milestones)$/.test(rule);
  const ytdPace = /^ytd_sum\.at_(least|most)\.pace_vs_time$/.test(rule);
  if ((pace || ytdPace) && target !== null && facts.expectedValue !== null) {
    const lower = rule.includes('at_most');
    // Value at progress p: baseline + p·(target − baseline); for a year-to-date sum the baseline is 0.
    const from = ytdPace ? 0 : (baseline ?? 0);
    const span = target - from;
    const expectedShare = (facts.expectedValue - from) / span;
    const sign = lower && ytdPace ? -1 : 1;
    const at = (p: number) => from + p * span;
    const onTrack = at(expectedShare - sign * tol);
    const risk = at(expectedShare - sign * 2 * tol);
    const [hi, lo] = onTrack > risk ? [onTrack, risk] : [risk, onTrack];
    const up = !lower;
    const bands = up
      ? sv
        ? `${label('on_track')}: minst ${bare(hi)} · ${label('at_risk')}: ${bare(lo)}–${bare(hi)} · ${label('off_track')}: under ${bare(lo)} (toleransen ${pct} av vägen från ${bare(from)} till ${bare(target)})`
        : `${label('on_track')}: at least ${bare(hi)} · ${label('at_risk')}: ${bare(lo)}–${bare(hi)} · ${label('off_track')}: below ${bare(lo)} (tolerance ${pct} of the way from ${bare(from)} to ${bare(target)})`
      : sv
        ? `${label('on_track')}: högst ${bare(lo)} · ${label('at_risk')}: ${bare(lo)}–${bare(hi)} · ${label('off_track')}: över ${bare(hi)} (toleransen ${pct} av vägen från ${bare(from)} till ${bare(target)})`
        : `${label('on_track')}: at most ${bare(lo)} · ${label('at_risk')}: ${bare(lo)}–${bare(hi)} · ${label('off_track')}: above ${bare(hi)} (tolerance ${pct} of the way from ${bare(from)} to ${bare(target)})`;
    const v = value(current);
    let decided: string;
    if (up ? current >= hi : current <= lo) {
      decided = fell(
        facts.status,
        sv
          ? `${v} når gränsen ${bare(up ? hi : lo)} för ${label('on_track')}`
          : `${v} reaches the ${label('on_track')} limit of ${bare(up ? hi : lo)}`,
      );
    } else if (up ? current >= lo : current <= hi) {
      const wrongWay = inputs.movedRightWay === false;
      decided = fell(
        facts.status,
        wrongWay
          ? sv
            ? `${v} ligger inom ${label('at_risk')}-bandet men har rört sig åt fel håll från ingångsvärdet`
            : `${v} lies in the ${label('at_risk')} band but has moved the wrong way from the baseline`
          : sv
            ? `${v} ligger mellan ${bare(lo)} och ${bare(hi)}`
            : `${v} lies between ${bare(lo)} and ${bare(hi)}`,
      );
    } else {
      decided = fell(
        facts.status,
        up
          ? sv
            ? `${v} är under ${bare(lo)}, gränsen för ${label('at_risk')}`
            : `${v} is below ${bare(lo)}, the ${label('at_risk')} limit`
          : sv
            ? `${v} är över ${bare(hi)}, gränsen för ${label('at_risk')}`
            : `${v} is above ${bare(hi)}, the ${label('at_risk')} limit`,
      );
    }
    return { bands, decided };
  }

  if (/^(at_least|at_most)\.(no_baseline|baseline_met)$/.test(rule) && target !== null) {
    const margin = tol * Math.abs(target);
    const bands = sv
      ? `${label('on_track')}: inom ${bare(margin)} från målet ${bare(target)} (toleransen ${pct} av målvärdet) · annars ${label('at_risk')}`
      : `${label('on_track')}: within ${bare(margin)} of the target ${bare(target)} (tolerance ${pct} of the target) · otherwise ${label('at_risk')}`;
    const gap = Math.abs(target - current);
    const decided = fell(
      facts.status,
      sv
        ? `${value(current)} ligger ${bare(gap)} från målet`
        : `${value(current)} is ${bare(gap)} from the target`,
    );
    return { bands, decided };
  }

  if (rule.startsWith('range.') && inputs.target?.min != null && inputs.target?.max != null) {
    const near = inputs.nearLimit ?? tol * (inputs.target.max - inputs.target.min);
    const { min, max } = inputs.target;
    const bands = sv
      ? `${label('achieved')}: ${bare(min)}–${bare(max)} · ${label('at_risk')}: högst ${bare(near)} utanför (toleransen ${pct} av intervallets bredd) · ${label('off_track')}: längre utanför`
      : `${label('achieved')}: ${bare(min)}–${bare(max)} · ${label('at_risk')}: at most ${bare(near)} outside (tolerance ${pct} of the range’s width) · ${label('off_track')}: further outside`;
    return { bands, decided: fell(facts.status, value(current)) };
  }

  if (rule.startsWith('better_than_peers.') && inputs.peerMedian && inputs.margin !== undefined) {
    const median = inputs.peerMedian.value;
    const bands = sv
      ? `${label('achieved')}: bättre än medianen ${bare(median)} · ${label('at_risk')}: högst ${bare(inputs.margin)} sämre (toleransen ${pct} av medianen) · ${label('off_track')}: mer än så sämre`
      : `${label('achieved')}: better than the median ${bare(median)} · ${label('at_risk')}: at most ${bare(inputs.margin)} worse (tolerance ${pct} of the median) · ${label('off_track')}: worse than that`;
    return { bands, decided: fell(facts.status, value(current)) };
  }
  return null;
}
