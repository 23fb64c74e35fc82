import { useCallback } from 'react';
import type { GoalIndicatorDetail, IndicatorLinkView } from '../../shared/api-types.ts';
import { formatDate, formatValue, translateUnit } from '../i18n/format.ts';
import { translate, useI18n } from '../i18n/i18n.tsx';
import { SVG_CHART_COLOURS } from '../theme.ts';
import { type TimeBand, TimeChart, type TimeLine, type TimeMarkers, type TimePoint } from './time-chart.tsx';

const TARGET_POINT_TYPES = new Set(['at_least', 'at_most', 'range']);

/** A nyckeltal's trend on the goal page: actual values, baseline, target and milestones, peers, forecast. */
export function GoalIndicatorChart({
  indicator,
  detail,
}: {
  indicator: IndicatorLinkView;
  detail: GoalIndicatorDetail | undefined;
}) {
  const { language, messages } = useI18n();
  const words = messages.chart;
  const formatFull = useCallback(
    (v: number) =>
      formatValue(v, {
        unit: translateUnit(indicator.unit, language),
        decimals: indicator.decimals,
        locale: language,
      }),
    [indicator.unit, indicator.decimals, language],
  );
  const formatTickValue = useCallback(
    (v: number, decimals: number) => formatValue(v, { decimals, locale: language }),
    [language],
  );
  const formatBare = useCallback(
    (v: number) => formatValue(v, { decimals: indicator.decimals, locale: language }),
    [indicator.decimals, language],
  );
  const formatDay = useCallback((iso: string) => formatDate(iso, language), [language]);
  const formatX = useCallback(
    (iso: string, spanYears: number) =>
      spanYears >= 2
        ? iso.slice(0, 4)
        : new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : 'en-GB', {
            month: 'short',
            year: 'numeric',
            timeZone: 'UTC',
          })
            .format(new Date(`${iso}T00:00:00Z`))
            .replace('.', ''),
    [language],
  );
  const { baseline, target, series } = indicator;
  const measured = series.filter((p) => p.value !== null);
  const lines: TimeLine[] = [];
  const markers: TimeMarkers[] = [];
  const bands: TimeBand[] = [];
  const first = measured[0]?.periodEnd ?? baseline.date;
  // ISO dates compare as strings; the earlier of the first value and the baseline date starts the lines.
  const start = [first, baseline.date].sort()[0] ?? first;
  // The baseline line ends where the drawing does: the last value, the target's date when the target is a
  // point, the forecast's end. A target without a number (better than peers) adds no empty years.
  const hasTargetPoint = target.value !== null && TARGET_POINT_TYPES.has(target.type);
  const last =
    [
      measured.at(-1)?.periodEnd ?? baseline.date,
      ...(hasTargetPoint ? [target.date] : []),
      ...(detail?.forecast ?? []).map((f) => f.periodEnd),
    ]
      .sort()
      .at(-1) ?? baseline.date;

  if (detail && detail.peerBand.length > 0) {
    bands.push({
      key: 'peer-band',
      label: words.peerBand,
      colour: SVG_CHART_COLOURS.peer,
      points: detail.peerBand.map((b) => ({ x: b.periodEnd, low: b.p25, high: b.p75 })),
    });
    lines.push({
      key: 'peer-median',
      label: words.peerMedian,
      colour: SVG_CHART_COLOURS.peer,
      dashed: true,
      points: detail.peerBand.map((b) => ({ x: b.periodEnd, y: b.median })),
    });
  }
  if (indicator.kind === 'level' && baseline.value !== null) {
    lines.push({
      key: 'baseline',
      label: words.baseline,
      colour: SVG_CHART_COLOURS.baseline,
      dashed: true,
      omitFromTable: true,
      points: [
        { x: start, y: baseline.value },
        { x: last, y: baseline.value },
      ],
    });
  }
  // The target and the milestones are values at their own dates: points, not lines over the years.
  const milestones = detail?.milestones ?? [];
  if (hasTargetPoint && milestones.length > 0) {
    markers.push({
      key: 'milestones',
      label: words.milestone,
      colour: SVG_CHART_COLOURS.target,
      labelled: true,
      points: milestones.map((m) => ({ x: m.date, y: m.value, text: formatBare(m.value) })),
    });
  }
  if (hasTargetPoint && target.value !== null) {
    markers.push({
      key: 'target',
      label: words.target,
      colour: SVG_CHART_COLOURS.target,
      filled: true,
      labelled: true,
      points: [
        {
          x: target.date,
          y: target.value,
          text: translate(messages.charts.targetPoint, { value: formatBare(target.value) }),
        },
      ],
    });
  }
  lines.push({
    key: 'value',
    label: words.value,
    colour: SVG_CHART_COLOURS.value,
    dots: true,
    // Drawn as one line through the measured values (a missing period is not a zero, and the table has
    // every value), as the legend shows it: yearly values among monthly periods were lone dots.
    points: breakAtNewYear(
      measured
        .map((p) => ({ x: p.periodEnd, y: p.value, label: p.periodLabel }))
        .sort((a, b) => (a.x < b.x ? -1 : a.x > b.x ? 1 : 0)),
      indicator.kind === 'ytd_sum',
    ),
  });
  if (detail && detail.forecast.length > 0) {
    const anchor = measured.at(-1);
    lines.push({
      key: 'forecast',
      label: words.forecast,
      colour: SVG_CHART_COLOURS.value,
      dashed: true,
      points: [
        ...(anchor ? [{ x: anchor.periodEnd, y: anchor.value, hideInTable: true }] : []),
        ...detail.forecast.map((f) => ({ x: f.periodEnd, y: f.value })),
      ],
    });
  }
  if (measured.length === 0) {
    return (
      <p className="flex items-center justify-center self-start rounded-md border border-dashed border-slate-300 px-4 py-6 text-sm text-slate-600">
        {messages.chartNoSeries}
      </p>
    );
  }
  const peerN = detail?.peerBand.at(-1)?.n;
  return (
    <div className="min-w-0 space-y-1">
      <TimeChart
        lines={lines}
        bands={bands}
        markers={markers}
        formatValue={formatFull}
        formatTickValue={formatTickValue}
        formatTick={formatX}
        formatDate={formatDay}
        description={translate(messages.chartLabel, { label: indicator.label })}
        startAtZero={indicator.kind === 'ytd_sum'}
      />
      <p className="text-xs text-slate-600">
        {detail?.peerGroup && peerN !== undefined
          ? translate(messages.goalPage.peerBand, { group: detail.peerGroup.title, n: peerN })
          : null}
        {detail?.peerGroup && peerN !== undefined ? ' · ' : ''}
        {detail?.forecastText ?? (detail ? messages.goalPage.forecastMissing : null)}
      </p>
      {detail?.trajectoryText ? (
        <p className="text-sm text-slate-800" data-trajectory>
          {detail.trajectoryText[language]}
        </p>
      ) : null}
      {detail?.seriesBreak ? (
        <p className="text-xs text-slate-700" data-series-break={detail.seriesBreak}>
          {translate(messages.goalPage.seriesBreak, { date: formatDay(detail.seriesBreak) })}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A year-to-date sum starts again each January: the pen is lifted between years (a null point), so the
 * drop from December's total to January's first count is not drawn as a fall.
 */
export function breakAtNewYear(points: TimePoint[], ytd: boolean): TimePoint[] {
  if (!ytd) return points;
  const out: TimePoint[] = [];
  for (const p of points) {
    const previous = out.at(-1);
    if (previous && previous.x.slice(0, 4) !== p.x.slice(0, 4)) out.push({ x: previous.x, y: null });
    out.push(p);
  }
  return out;
}
