import type { IndicatorLinkView } from '../../shared/api-types.ts';
import { formatDate, formatValue, translateUnit } from '../i18n/format.ts';
import type { Language, Messages } from '../i18n/messages.ts';
import { type ReportMessages, useReportMessages } from '../i18n/report-messages.ts';
import { translate } from '../i18n/translate.ts';
import { STATUS_STYLES } from '../theme.ts';
import { ReportChart, type ReportChartTarget } from './report-chart.tsx';
import { StatusIcon } from './status-icon.tsx';

// One nyckeltal of the report as a block that never splits across printed pages: its small chart, the
// numbers the paper report has (Ingångsvärde, Önskat läge, Nuläge), its status in words and the status
// engine's sentence.

function amount(value: number, i: IndicatorLinkView, language: Language): string {
  return formatValue(value, {
    unit: translateUnit(i.unit, language),
    decimals: i.decimals,
    locale: language,
  });
}

function baselineText(i: IndicatorLinkView, m: Messages, language: Language): string {
  const value =
    i.baseline.value !== null ? amount(i.baseline.value, i, language) : (i.baseline.text ?? m.missingValue);
  return `${value} (${formatDate(i.baseline.date, language)})`;
}

function targetText(i: IndicatorLinkView, m: Messages, language: Language): string {
  const t = i.target;
  if (t.value !== null && (t.type === 'at_least' || t.type === 'at_most' || t.type === 'range')) {
    const bound = t.type === 'at_most' ? `${m.targetAtMost} ` : '';
    return `${bound}${amount(t.value, i, language)} (${formatDate(t.date, language)})`;
  }
  if (t.text) return t.text;
  return t.type in m.targetWords ? m.targetWords[t.type as keyof Messages['targetWords']] : m.missingValue;
}

function chartTarget(i: IndicatorLinkView): ReportChartTarget | null {
  const t = i.target;
  return t.value !== null && (t.type === 'at_least' || t.type === 'at_most' || t.type === 'range')
    ? { date: t.date, value: t.value }
    : null;
}

function chartLabel(i: IndicatorLinkView, rm: ReportMessages, language: Language): string {
  const target = chartTarget(i);
  const points = i.series
    .filter((p) => p.value !== null)
    .slice(-4)
    .map((p) => `${p.periodLabel} ${amount(p.value as number, i, language)}`)
    .join(', ');
  const sentence = translate(rm.chartLabel, {
    label: i.label,
    points,
    target: target ? amount(target.value, i, language) : '',
    year: target ? target.date.slice(0, 4) : '',
  });
  // Without a numeric target the sentence ends after the readings.
  return target ? sentence : `${sentence.split('. ')[0]}.`;
}

export function ReportIndicator({ indicator: i }: { indicator: IndicatorLinkView }) {
  const { language, messages, rm } = useReportMessages();
  const c = messages.report.columns;
  const current =
    i.current && i.current.value !== null && i.status !== 'no_data'
      ? `${amount(i.current.value, i, language)} (${i.current.periodLabel})`
      : messages.noNewData;
  const facts: [string, string][] = [
    [c.baseline, baselineText(i, messages, language)],
    [c.target, targetText(i, messages, language)],
    [c.current, current],
  ];
  return (
    <article className="report-indicator flex flex-col gap-2 border-t border-slate-200 py-3 sm:flex-row sm:items-start sm:gap-4 print:gap-3 print:py-1.5">
      <div className="order-last sm:order-none sm:w-48 sm:shrink-0 print:w-40">
        <ReportChart points={i.series} target={chartTarget(i)} label={chartLabel(i, rm, language)} />
        {!i.series.some((p) => p.value !== null) && <p className="text-xs text-slate-600">{rm.noReadings}</p>}
      </div>
      <div className="min-w-0 flex-1 space-y-1 print:space-y-0.5">
        <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
          <h6 className="min-w-0 font-semibold">{i.label}</h6>
          <span
            className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${STATUS_STYLES[i.status].badge}`}
            data-status={i.status}
          >
            <StatusIcon status={i.status} className="h-3.5 w-3.5" />
            {messages.status[i.status]}
          </span>
        </div>
        <dl className="flex flex-wrap gap-x-4 gap-y-0.5 text-xs">
          {facts.map(([term, value]) => (
            <div key={term} className="flex flex-wrap gap-x-1">
              <dt className="text-slate-600">{term}:</dt>
              <dd className="tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
        <p className="text-sm leading-snug text-slate-800">
          <span className="sr-only">{rm.statusSentence}: </span>
          {language === 'sv' ? i.explanation : i.explanationEn}
        </p>
      </div>
    </article>
  );
}
