import { type FormEvent, useId, useState } from 'react';
import type { ActivityStatus, ActivityView, IndicatorLinkView } from '../../shared/api-types.ts';
import {
  type ActivityEditRequest,
  type CommentEditRequest,
  type EditResponse,
  type LinkEditRequest,
  parseNumberInput,
} from '../../shared/plan-editing-api.ts';
import { ApiError, sendJson } from '../api.ts';
import { formatDate } from '../i18n/format.ts';
import { translate } from '../i18n/i18n.tsx';
import { usePlanEditingMessages } from '../i18n/plan-editing-messages.ts';

// The steward's edit controls on the goal page. Each sends the value it showed as `expected`, so a value
// someone else changed meanwhile is refused (409) instead of overwritten; the page then reloads and shows
// the current value beside the server's Swedish message. The server checks the role again.

const planPath = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`;

const BUTTON =
  'rounded-md px-3 py-1.5 text-sm font-semibold focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-2 disabled:opacity-60';
const PRIMARY = `${BUTTON} bg-blue-700 text-white hover:bg-blue-800`;
const SECONDARY = `${BUTTON} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`;
const INPUT =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus:border-blue-600 focus:outline-none focus:ring-1 focus:ring-blue-600';

type Outcome = { kind: 'error' | 'info'; text: string } | null;

/** Sends an edit; says what happened in words, and tells the page to reload after a change or a 409. */
async function submitEdit(
  send: () => Promise<EditResponse<unknown>>,
  words: { saved: string; unchanged: string },
  onChanged: () => void,
): Promise<Outcome & object> {
  try {
    const result = await send();
    if (result.changed) onChanged();
    return { kind: 'info', text: result.changed ? words.saved : words.unchanged };
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) onChanged();
    return { kind: 'error', text: error instanceof Error ? error.message : String(error) };
  }
}

function OutcomeText({ outcome }: { outcome: Outcome }) {
  if (!outcome) return null;
  return (
    <p
      role={outcome.kind === 'error' ? 'alert' : 'status'}
      className={`text-sm ${outcome.kind === 'error' ? 'text-red-800' : 'text-emerald-800'}`}
    >
      {outcome.text}
    </p>
  );
}

/** The number as the input shows it: no grouping, the language's decimal sign ("14,5" / "14.5"). */
function inputText(value: number | null, language: string): string {
  if (value === null) return '';
  const text = String(value);
  return language === 'sv' ? text.replace('.', ',') : text;
}

/** Baseline and target of one nyckeltal, behind a button so the card stays a card for reading. */
export function LinkValuesEditor({
  planId,
  indicator,
  onChanged,
}: {
  planId: string;
  indicator: IndicatorLinkView;
  onChanged: () => void;
}) {
  const { m, language, messages } = usePlanEditingMessages();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [baseline, setBaseline] = useState('');
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const hasTargetValue = indicator.target.type === 'at_least' || indicator.target.type === 'at_most';

  const start = () => {
    setBaseline(inputText(indicator.baseline.value, language));
    setTarget(inputText(indicator.target.value, language));
    setNote('');
    setOutcome(null);
    setOpen(true);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const b = parseNumberInput(baseline);
    const tv = parseNumberInput(target);
    if (!b.ok) return setOutcome({ kind: 'error', text: translate(m.notANumber, { field: m.baseline }) });
    if (hasTargetValue && !tv.ok) {
      return setOutcome({ kind: 'error', text: translate(m.notANumber, { field: m.target }) });
    }
    if (hasTargetValue && tv.ok && tv.value === null)
      return setOutcome({ kind: 'error', text: m.targetRequired });
    // Only what the steward changed: a field sent unchanged would overwrite someone else's newer value
    // (or be refused as stale) for nothing.
    const body: LinkEditRequest = { expected: {}, ...(note.trim() ? { note: note.trim() } : {}) };
    if (b.ok && b.value !== indicator.baseline.value) {
      body.baselineValue = b.value;
      body.expected.baselineValue = indicator.baseline.value;
    }
    if (hasTargetValue && tv.ok && tv.value !== indicator.target.value) {
      body.targetValue = tv.value;
      body.expected.targetValue = indicator.target.value;
    }
    if (body.baselineValue === undefined && body.targetValue === undefined) {
      setOutcome({ kind: 'info', text: m.unchanged });
      setOpen(false);
      return;
    }
    setBusy(true);
    const result = await submitEdit(
      () => sendJson('PATCH', `${planPath(planId)}/links/${indicator.linkId}`, body),
      m,
      onChanged,
    );
    setBusy(false);
    setOutcome(result);
    if (result.kind === 'info') setOpen(false);
  };

  if (!open) {
    return (
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <button
          type="button"
          className={SECONDARY}
          onClick={start}
          aria-label={translate(m.editValuesFor, { label: indicator.label })}
        >
          {m.editValues}
        </button>
        <OutcomeText outcome={outcome} />
      </div>
    );
  }
  const targetWord =
    indicator.target.type in messages.targetWords
      ? messages.targetWords[indicator.target.type as keyof typeof messages.targetWords]
      : indicator.target.type;
  return (
    <form
      onSubmit={submit}
      className="mt-2 space-y-3 rounded-lg border border-blue-200 bg-blue-50/40 p-4"
      aria-label={translate(m.editValuesFor, { label: indicator.label })}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm font-medium text-slate-800" htmlFor={`${id}-baseline`}>
          {m.baseline}
          <input
            id={`${id}-baseline`}
            className={INPUT}
            inputMode="decimal"
            value={baseline}
            onChange={(e) => setBaseline(e.target.value)}
          />
        </label>
        {hasTargetValue ? (
          <label className="block text-sm font-medium text-slate-800" htmlFor={`${id}-target`}>
            {m.target}
            <input
              id={`${id}-target`}
              className={INPUT}
              inputMode="decimal"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
            />
          </label>
        ) : (
          <p className="text-sm text-slate-700">{translate(m.noTargetValue, { target: targetWord })}</p>
        )}
      </div>
      <p className="text-xs text-slate-600">{m.numberHint}</p>
      <label className="block text-sm font-medium text-slate-800" htmlFor={`${id}-note`}>
        {m.note}
        <input id={`${id}-note`} className={INPUT} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={PRIMARY} disabled={busy}>
          {busy ? m.saving : m.save}
        </button>
        <button type="button" className={SECONDARY} onClick={() => setOpen(false)} disabled={busy}>
          {m.cancel}
        </button>
        <OutcomeText outcome={outcome} />
      </div>
    </form>
  );
}

/** An activity's status as a native select that saves on change. */
export function ActivityStatusSelect({
  planId,
  activity,
  onChanged,
}: {
  planId: string;
  activity: ActivityView;
  onChanged: () => void;
}) {
  const { m, messages } = usePlanEditingMessages();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const change = async (status: ActivityStatus) => {
    const body: ActivityEditRequest = { status, expected: { status: activity.status } };
    setBusy(true);
    const result = await submitEdit(
      () => sendJson('PATCH', `${planPath(planId)}/activities/${activity.id}`, body),
      m,
      onChanged,
    );
    setBusy(false);
    // A success shows in the select itself; only a refusal needs words.
    setOutcome(result.kind === 'error' ? result : null);
  };
  return (
    <div className="space-y-1">
      <select
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs font-semibold text-slate-900 focus:border-blue-600 focus:outline-none focus:ring-1 focus:ring-blue-600"
        aria-label={translate(m.activityStatusFor, { title: activity.title })}
        value={activity.status}
        disabled={busy}
        onChange={(e) => void change(e.target.value as ActivityStatus)}
      >
        {(['not_started', 'in_progress', 'done'] as const).map((s) => (
          <option key={s} value={s}>
            {messages.activityStatus[s]}
          </option>
        ))}
      </select>
      <OutcomeText outcome={outcome} />
    </div>
  );
}

/** The summary comment of a goal (or one of its nämndåtaganden) at a follow-up date. */
export function CommentEditor({
  planId,
  goals,
  followUps,
  asOf,
  comments,
  onChanged,
}: {
  planId: string;
  goals: { key: string; title: string }[];
  followUps: string[];
  asOf: string;
  comments: { goalKey: string; date: string; text: string }[];
  onChanged: () => void;
}) {
  const { m, language } = usePlanEditingMessages();
  const id = useId();
  const initialDate = followUps.includes(asOf)
    ? asOf
    : (followUps.filter((d) => d <= asOf).at(-1) ?? followUps[0] ?? asOf);
  const [goalKey, setGoalKey] = useState(goals[0]?.key ?? '');
  const [date, setDate] = useState(initialDate);
  const stored = comments.find((c) => c.goalKey === goalKey && c.date === date)?.text ?? null;
  // The draft belongs to one goal and date; switching either starts from what is stored there.
  const [draft, setDraft] = useState<{ key: string; text: string } | null>(null);
  const draftKey = `${goalKey}|${date}`;
  const text = draft?.key === draftKey ? draft.text : (stored ?? '');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  // Folded by default: the comments are for reading first.
  const [open, setOpen] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: CommentEditRequest = { goal: goalKey, date, text, expected: stored };
    setBusy(true);
    const result = await submitEdit(
      () => sendJson('PUT', `${planPath(planId)}/comments`, body),
      m,
      onChanged,
    );
    setBusy(false);
    setOutcome(result);
    if (result.kind === 'info') setDraft(null);
  };

  if (!open) {
    return (
      <div className="mt-4 flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4">
        <button type="button" className={SECONDARY} onClick={() => setOpen(true)}>
          {m.commentHeading}
        </button>
        <OutcomeText outcome={outcome} />
      </div>
    );
  }
  return (
    <form
      onSubmit={submit}
      className="mt-4 space-y-3 border-t border-slate-200 pt-4"
      aria-labelledby={`${id}-h`}
    >
      <h3 id={`${id}-h`} className="text-sm font-semibold text-slate-900">
        {m.commentHeading}
      </h3>
      <div className="grid gap-3 sm:grid-cols-2">
        {goals.length > 1 && (
          <label className="block text-sm font-medium text-slate-800" htmlFor={`${id}-goal`}>
            {m.commentGoal}
            <select
              id={`${id}-goal`}
              className={INPUT}
              value={goalKey}
              onChange={(e) => setGoalKey(e.target.value)}
            >
              {goals.map((g) => (
                <option key={g.key} value={g.key}>
                  {g.title}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="block text-sm font-medium text-slate-800" htmlFor={`${id}-date`}>
          {m.commentDate}
          <select id={`${id}-date`} className={INPUT} value={date} onChange={(e) => setDate(e.target.value)}>
            {followUps.map((d) => (
              <option key={d} value={d}>
                {formatDate(d, language)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="block text-sm font-medium text-slate-800" htmlFor={`${id}-text`}>
        {m.commentText}
        <textarea
          id={`${id}-text`}
          className={`${INPUT} min-h-24`}
          rows={4}
          value={text}
          onChange={(e) => setDraft({ key: draftKey, text: e.target.value })}
        />
      </label>
      <p className="text-xs text-slate-600">{m.commentHint}</p>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={PRIMARY} disabled={busy}>
          {busy ? m.saving : m.save}
        </button>
        <button type="button" className={SECONDARY} onClick={() => setOpen(false)} disabled={busy}>
          {m.cancel}
        </button>
        <OutcomeText outcome={outcome} />
      </div>
    </form>
  );
}
