import type { Period } from '../csv/period.ts';

/*
 * Survey arithmetic, per unit and period and per measure (a set of questions):
 *   respondents     people who answered at least one of the measure's questions (unweighted count)
 *   mean            mean over the questions of each question's (weighted) mean answer, on the scale
 *   index           mean over the questions of each question's mean rescaled to 0–100:
 *                   (mean − min) / (max − min) × 100; this is how SKR's HME index is built
 *   share_positive  (weighted) share of all answers to the questions in the top two steps, in percent
 * A unit whose respondents are fewer than the threshold gets null values noted `suppressed`
 * ("för få svar") for every measure, the respondent count included, so nobody can be singled out.
 */

export interface SurveyScaleSpec {
  min: number;
  max: number;
}

export interface SurveyResponse {
  /** Physical line of the respondent's row. */
  line: number;
  areaCode: string;
  period: Period;
  weight: number;
  /** Question → answer on the scale (min…max), or null for no answer. */
  answers: Map<string, number | null>;
}

export type SurveyMeasureKind = 'index' | 'mean' | 'share_positive' | 'respondents';

export interface SurveyMeasureSpec {
  indicator: string;
  questions: readonly string[];
  measure: SurveyMeasureKind;
}

export interface SurveyFact {
  indicatorKey: string;
  areaCode: string;
  period: Period;
  value: number | null;
  valueNote: 'suppressed' | null;
}

export interface SurveySuppression {
  indicatorKey: string;
  areaCode: string;
  period: string;
  reasonSv: 'för få svar';
  reasonEn: 'too few respondents';
}

export const SUPPRESSED_REASON_SV = 'för få svar' as const;

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** The measure's value for one group of respondents; null when nobody answered. */
export function computeMeasure(
  responses: readonly SurveyResponse[],
  spec: SurveyMeasureSpec,
  scale: SurveyScaleSpec,
): { respondents: number; value: number | null } {
  const answering = responses.filter((r) => spec.questions.some((q) => (r.answers.get(q) ?? null) !== null));
  const respondents = answering.length;
  if (spec.measure === 'respondents') return { respondents, value: respondents };
  if (respondents === 0) return { respondents, value: null };
  if (spec.measure === 'share_positive') {
    // Top-two box: the two highest steps of the scale.
    let positive = 0;
    let all = 0;
    for (const r of answering) {
      for (const q of spec.questions) {
        const a = r.answers.get(q) ?? null;
        if (a === null) continue;
        all += r.weight;
        if (a >= scale.max - 1) positive += r.weight;
      }
    }
    return { respondents, value: all === 0 ? null : round((positive / all) * 100) };
  }
  const questionMeans: number[] = [];
  for (const q of spec.questions) {
    let sum = 0;
    let weights = 0;
    for (const r of answering) {
      const a = r.answers.get(q) ?? null;
      if (a === null) continue;
      sum += a * r.weight;
      weights += r.weight;
    }
    if (weights > 0) questionMeans.push(sum / weights);
  }
  if (questionMeans.length === 0) return { respondents, value: null };
  const values =
    spec.measure === 'index'
      ? questionMeans.map((m) => ((m - scale.min) / (scale.max - scale.min)) * 100)
      : questionMeans;
  return { respondents, value: round(values.reduce((a, b) => a + b, 0) / values.length) };
}

/**
 * Every measure for every unit × period (and for `totalArea`, over all respondents of a period). Only the
 * aggregates leave this function: no answer of any respondent is in its output.
 */
export function computeSurvey(
  responses: readonly SurveyResponse[],
  measures: readonly SurveyMeasureSpec[],
  scale: SurveyScaleSpec,
  options: { minRespondents: number; totalArea?: string | undefined },
): { facts: SurveyFact[]; suppressed: SurveySuppression[] } {
  const groups = new Map<string, { areaCode: string; period: Period; responses: SurveyResponse[] }>();
  const add = (areaCode: string, r: SurveyResponse) => {
    const key = `${areaCode}|${r.period.type}|${r.period.start}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = { areaCode, period: r.period, responses: [] };
      groups.set(key, g);
    }
    g.responses.push(r);
  };
  for (const r of responses) {
    add(r.areaCode, r);
    if (options.totalArea !== undefined && options.totalArea !== r.areaCode) add(options.totalArea, r);
  }
  const facts: SurveyFact[] = [];
  const suppressed: SurveySuppression[] = [];
  for (const g of groups.values()) {
    for (const m of measures) {
      const { respondents, value } = computeMeasure(g.responses, m, scale);
      if (respondents < options.minRespondents) {
        facts.push({
          indicatorKey: m.indicator,
          areaCode: g.areaCode,
          period: g.period,
          value: null,
          valueNote: 'suppressed',
        });
        suppressed.push({
          indicatorKey: m.indicator,
          areaCode: g.areaCode,
          period: g.period.label,
          reasonSv: SUPPRESSED_REASON_SV,
          reasonEn: 'too few respondents',
        });
      } else if (value !== null) {
        facts.push({
          indicatorKey: m.indicator,
          areaCode: g.areaCode,
          period: g.period,
          value,
          valueNote: null,
        });
      }
    }
  }
  return { facts, suppressed };
}
