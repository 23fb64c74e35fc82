import { type ReactNode, useCallback } from 'react';
import type { IndicatorLinkView } from '../../shared/api-types.ts';
import { formatDate, formatValue, translateUnit } from '../i18n/format.ts';
import { translate, useI18n } from '../i18n/i18n.tsx';
import { STATUS_STYLES } from '../theme.ts';
import { StatusBadge } from './status-badge.tsx';
import { WhyButton } from './why-dialog.tsx';

/** One nyckeltal as the follow-up table has it (baseline, target, current, status), plus why and a trend. */
export function IndicatorCard({
  indicator,
  asOf,
  chart,
  footer,
}: {
  indicator: IndicatorLinkView;
  /** Controls that act on this card (the steward's edit button), inside it so it is clear what they edit. */
  footer?: ReactNode;
  /** With a date, the status and the current value get their "why?" buttons. */
  asOf?: string;
  /** The trend chart beside the numbers (the goal page's, with peers, milestones and forecast). */
  chart: ReactNode;
}) {
  const { language, messages } = useI18n();
  const { baseline, current, status, unit, decimals } = indicator;
  const format = useCallback(
    (value: number) =>
      formatValue(value, { unit: translateUnit(unit, language), decimals, locale: language }),
    [unit, decimals, language],
  );
  const explanation = language === 'en' ? indicator.explanationEn : indicator.explanation;

  return (
    <article
      className={`rounded-lg border border-l-4 border-slate-200 bg-white p-4 shadow-sm md:p-5 ${STATUS_STYLES[status].accent}`}
      aria-labelledby={`indicator-${indicator.linkId}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <h4
          id={`indicator-${indicator.linkId}`}
          className="min-w-0 flex-1 text-base font-semibold text-slate-900"
        >
          {indicator.label}
        </h4>
        <span className="inline-flex items-center gap-1">
          <StatusBadge status={status} />
          {asOf && (
            <WhyButton
              target={{ kind: 'status', linkId: indicator.linkId, asOf }}
              label={translate(messages.why.statusButton, { status: messages.status[status] })}
            />
          )}
        </span>
      </div>
      {explanation && (
        <p className="mt-1.5 max-w-prose text-sm leading-relaxed text-slate-700">{explanation}</p>
      )}

      <div className="mt-4 grid gap-x-6 gap-y-4 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
        <dl className="grid grid-cols-3 content-start gap-3">
          <Fact label={<BaselineLabel template={messages.baselineLabel} date={baseline.date} />}>
            {baseline.value !== null ? (
              <Amount value={baseline.value} indicator={indicator} />
            ) : (
              <FactValue small>{baseline.text ?? messages.missingValue}</FactValue>
            )}
            {baseline.value !== null && addsToValue(baseline.text, baseline.value) && (
              <FactNote>{baseline.text}</FactNote>
            )}
          </Fact>
          <Fact label={messages.targetLabel}>
            <TargetValue indicator={indicator} />
          </Fact>
          <Fact label={messages.currentLabel}>
            {current && current.value !== null && status !== 'no_data' ? (
              <>
                <Amount value={current.value} indicator={indicator} />
                <FactNote>
                  {indicator.kind === 'ytd_sum'
                    ? `${messages.ytdNote}, ${current.periodLabel}`
                    : current.periodLabel}
                  {asOf && (
                    <WhyButton
                      target={{
                        kind: 'value',
                        indicator: indicator.indicatorKey,
                        area: indicator.areaCode,
                        period: current.periodEnd,
                        breakdown: indicator.breakdown,
                      }}
                      label={translate(messages.why.valueButton, { value: format(current.value) })}
                    />
                  )}
                </FactNote>
              </>
            ) : (
              <>
                <FactValue muted>{messages.noNewData}</FactValue>
                {current && current.value !== null && (
                  <FactNote>
                    {translate(messages.lastKnown, {
                      value: format(current.value),
                      period: current.periodLabel,
                    })}
                  </FactNote>
                )}
              </>
            )}
          </Fact>
        </dl>
        {chart}
      </div>
      {footer}
    </article>
  );
}

/**
 * Whether the plan's own wording says more than the number shown ("Medelnivå …", "2% trakasserier …"),
 * rather than repeating it ("26 602", "100%", "5 ha").
 */
export function addsToValue(text: string | null, value: number): text is string {
  if (!text) return false;
  const digits = (s: string) => s.replace(/[^\d,]/g, '');
  return digits(text) !== digits(String(value).replace('.', ','));
}

function TargetValue({ indicator }: { indicator: IndicatorLinkView }) {
  const { language, messages } = useI18n();
  const { target } = indicator;
  const by = translate(messages.targetBy, { date: formatDate(target.date, language) });
  switch (target.type) {
    case 'at_least':
    case 'at_most':
    case 'range': {
      if (target.value === null) return <FactValue>{target.text ?? messages.missingValue}</FactValue>;
      const bound =
        target.type === 'at_least'
          ? messages.targetAtLeast
          : target.type === 'at_most'
            ? messages.targetAtMost
            : null;
      return (
        <>
          <Amount value={target.value} indicator={indicator} />
          <FactNote>{bound ? `${bound}, ${by}` : by}</FactNote>
          {addsToValue(target.text, target.value) && <FactNote>{target.text}</FactNote>}
        </>
      );
    }
    default:
      return (
        <>
          <FactValue small>{messages.targetWords[target.type]}</FactValue>
          {target.text && <FactNote>{target.text}</FactNote>}
        </>
      );
  }
}

/**
 * The number large and the unit small beside it, so "26 602 invånare" fits a narrow column and wraps
 * before the unit rather than inside the number. A percent sign stays with its number.
 */
function Amount({ value, indicator }: { value: number; indicator: IndicatorLinkView }) {
  const { language } = useI18n();
  const unit = translateUnit(indicator.unit, language);
  const attached = unit === '%';
  const number = formatValue(value, {
    decimals: indicator.decimals,
    locale: language,
    unit: attached ? unit : '',
  });
  return (
    <p className="leading-tight">
      <span className="whitespace-nowrap text-lg font-semibold tabular-nums text-slate-900">{number}</span>
      {!attached && unit && <span className="text-sm font-medium text-slate-700"> {unit}</span>}
    </p>
  );
}

/** "Ingångsvärde 2016-01-01", never broken inside the date (browsers like to break at its hyphens). */
function BaselineLabel({ template, date }: { template: string; date: string }) {
  const [before = '', after = ''] = template.split('{date}');
  return (
    <>
      {before}
      <span className="whitespace-nowrap">{date}</span>
      {after}
    </>
  );
}

function Fact({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}

function FactValue({
  children,
  muted = false,
  small = false,
}: {
  children: ReactNode;
  muted?: boolean;
  small?: boolean;
}) {
  const size = small || muted ? 'text-sm leading-snug' : 'text-lg leading-7';
  const tone = muted ? 'font-medium text-slate-600' : 'font-semibold text-slate-900';
  return <p className={`tabular-nums ${size} ${tone}`}>{children}</p>;
}

function FactNote({ children }: { children: ReactNode }) {
  return <p className="mt-0.5 text-xs leading-snug text-slate-600">{children}</p>;
}
