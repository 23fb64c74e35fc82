import type { ActivityStatus, GoalStatus } from '../../shared/api-types.ts';
import { ANONYMOUS_ACTOR, type HistoryEntry, type HistoryResponse } from '../../shared/plan-editing-api.ts';
import { useJson } from '../api.ts';
import { formatDate, formatValue, translateUnit } from '../i18n/format.ts';
import { translate } from '../i18n/i18n.tsx';
import { type PlanEditingMessages, usePlanEditingMessages } from '../i18n/plan-editing-messages.ts';

// "Ändringshistorik": who changed which plan value, when, from what to what. Everyone who may read the
// plan may read its history; the server keeps it in ops.plan_audit.

export const historyUrl = (planId: string, goalKey: string): string =>
  `/api/plans/${encodeURIComponent(planId)}/history?goal=${encodeURIComponent(goalKey)}`;

/** Decimals enough for the value itself: a baseline edited to 312,5 of a whole-number indicator shows so. */
function decimalsFor(value: number, atLeast: number): number {
  const fraction = String(value).split('.')[1] ?? '';
  return Math.min(Math.max(atLeast, fraction.length), 6);
}

function describeValue(
  entry: HistoryEntry,
  value: unknown,
  m: PlanEditingMessages,
  language: 'sv' | 'en',
  activityStatus: Record<ActivityStatus, string>,
  goalStatus: Record<GoalStatus, string>,
): string {
  if (value === null || value === undefined || value === '') return m.empty;
  if (typeof value === 'number') {
    return formatValue(value, {
      unit: translateUnit(entry.unit ?? '', language),
      decimals: decimalsFor(value, entry.decimals ?? 0),
      locale: language,
    });
  }
  // The nämnd's assessment is one of the five goal statuses; an activity has its own three.
  if (
    entry.entity === 'assessment' &&
    entry.field === 'status' &&
    typeof value === 'string' &&
    value in goalStatus
  ) {
    return goalStatus[value as GoalStatus];
  }
  if (entry.field === 'status' && typeof value === 'string' && value in activityStatus) {
    return activityStatus[value as ActivityStatus];
  }
  const text = String(value);
  return `”${text.length > 120 ? `${text.slice(0, 119)}…` : text}”`;
}

/** "30 nov. 2026 09:14" in Swedish time (the year matters in a history that spans plan periods). */
function formatWhen(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(iso));
}

export function PlanHistory({ planId, goalKey }: { planId: string; goalKey: string }) {
  const { m, language, locale, messages } = usePlanEditingMessages();
  const history = useJson<HistoryResponse>(historyUrl(planId, goalKey));
  const entries = history.data?.entries ?? [];
  return (
    <section
      aria-labelledby="plan-history"
      className="rounded-xl border border-slate-200 bg-white px-4 py-4 md:px-6"
      data-testid="plan-history"
    >
      <h2 id="plan-history" className="text-lg font-semibold text-slate-900">
        {m.historyHeading}
      </h2>
      {history.state === 'error' && !history.data ? (
        <p role="alert" className="mt-2 text-sm text-red-800">
          {m.historyError} {history.error.message}
        </p>
      ) : !history.data ? (
        <p className="mt-2 text-sm text-slate-700">{m.historyLoading}</p>
      ) : entries.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">{m.historyEmpty}</p>
      ) : (
        <ol className="mt-2 divide-y divide-slate-100">
          {entries.map((e) => {
            const subject =
              e.entity === 'comment'
                ? `${m.fields.text ?? e.field} ${translate(m.commentOn, { date: formatDate(e.entityKey, language) })}`
                : e.entityLabel;
            const line = translate(m.changeLine, {
              field:
                e.entity === 'comment'
                  ? m.commentText
                  : e.entity === 'assessment'
                    ? (m.assessmentFields[e.field] ?? e.field)
                    : (m.fields[e.field] ?? e.field),
              old: describeValue(e, e.oldValue, m, language, messages.activityStatus, messages.status),
              new: describeValue(e, e.newValue, m, language, messages.activityStatus, messages.status),
            });
            return (
              <li key={e.id} className="py-2 text-sm" data-history-field={e.field}>
                <p className="text-xs text-slate-600">
                  <time dateTime={e.at}>{formatWhen(e.at, locale)}</time>
                  {' · '}
                  <span className="font-semibold text-slate-800">
                    {e.byPlanFile
                      ? m.planFile
                      : e.actor === null
                        ? m.someSteward
                        : e.actor === ANONYMOUS_ACTOR
                          ? m.anonymous
                          : e.actor}
                  </span>
                </p>
                <p className="mt-0.5 text-slate-900">
                  <span className="font-medium">{subject}</span> – {line}
                </p>
                {e.note && <p className="text-xs text-slate-600">{translate(m.because, { note: e.note })}</p>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
