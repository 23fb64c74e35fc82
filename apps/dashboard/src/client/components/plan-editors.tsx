import { type FormEvent, type KeyboardEvent, type Ref, useEffect, useId, useRef, useState } from 'react';
import type { ActivityStatus, ActivityView, IndicatorLinkView } from '../../shared/api-types.ts';
import {
  type ActivityEditRequest,
  type CommentEditRequest,
  type EditResponse,
  type LinkEditRequest,
  parseNumberInput,
} from '../../shared/plan-editing-api.ts';
import { ApiError, sendJson } from '../api.ts';
import { formatDate, formatValue, translateUnit } from '../i18n/format.ts';
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

/** INPUT without its margin and full width: it shares a row with the unit. */
const FIELD_INPUT =
  'block min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus:border-blue-600 focus:outline-none focus:ring-1 focus:ring-blue-600';

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

/** Decimals the stored value has (so the input never rounds it), at most 10 as formatValue allows. */
function decimalsOf(value: number): number {
  const [, fraction = ''] = String(value).split('.');
  return /e/i.test(fraction) ? 10 : Math.min(fraction.length, 10);
}

/**
 * The number as the input shows it. Swedish: as Swedes write it, grouped with no-break spaces and a
 * decimal comma ("26 602", "14,5"), which parseNumberInput reads back. English: no grouping, since its
 * comma would read as a decimal sign ("26602", "14.5").
 */
export function inputText(value: number | null, language: string): string {
  if (value === null) return '';
  if (language === 'sv') return formatValue(value, { decimals: decimalsOf(value), locale: 'sv' });
  return String(value);
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
  const unit = translateUnit(indicator.unit, language);
  // Focus moves into the editor when it opens and back to its button when it closes (saved, cancelled,
  // Escape), so a keyboard user is never dropped on <body>.
  const editButton = useRef<HTMLButtonElement>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const focusAfter = useRef<'field' | 'button' | null>(null);
  useEffect(() => {
    if (open && focusAfter.current === 'field') firstField.current?.focus();
    if (!open && focusAfter.current === 'button') editButton.current?.focus();
    focusAfter.current = null;
  }, [open]);
  const close = () => {
    focusAfter.current = 'button';
    setOpen(false);
  };

  const start = () => {
    setBaseline(inputText(indicator.baseline.value, language));
    setTarget(inputText(indicator.target.value, language));
    setNote('');
    setOutcome(null);
    focusAfter.current = 'field';
    setOpen(true);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Escape' && !busy) {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
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
      close();
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
    if (result.kind === 'info') close();
  };

  if (!open) {
    return (
      <div className="mt-4 flex flex-wrap items-center gap-3 border-t border-slate-100 pt-3">
        <button
          ref={editButton}
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
      onKeyDown={onKeyDown}
      className="mt-4 space-y-3 rounded-lg border border-blue-200 bg-blue-50/40 p-4"
      aria-label={translate(m.editValuesFor, { label: indicator.label })}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <NumberField
          id={`${id}-baseline`}
          label={m.baseline}
          value={baseline}
          onChange={setBaseline}
          unit={unit}
          dateText={translate(m.baselineDate, { date: formatDate(indicator.baseline.date, language) })}
          inputRef={firstField}
        />
        {hasTargetValue ? (
          <NumberField
            id={`${id}-target`}
            label={m.target}
            value={target}
            onChange={setTarget}
            unit={unit}
            dateText={translate(m.targetDate, { date: formatDate(indicator.target.date, language) })}
          />
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
        <button type="button" className={SECONDARY} onClick={close} disabled={busy}>
          {m.cancel}
        </button>
        <OutcomeText outcome={outcome} />
      </div>
    </form>
  );
}

/** A number input with its unit beside it and, below, the date the value is for. */
function NumberField({
  id,
  label,
  value,
  onChange,
  unit,
  dateText,
  inputRef,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  unit: string;
  dateText: string;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <div>
      <label className="block text-sm font-medium text-slate-800" htmlFor={id}>
        {label}
      </label>
      <div className="mt-1 flex items-center gap-2">
        <input
          ref={inputRef}
          id={id}
          className={FIELD_INPUT}
          inputMode="decimal"
          autoComplete="off"
          value={value}
          aria-describedby={`${id}-about`}
          onChange={(e) => onChange(e.target.value)}
        />
        {unit && (
          <span className="shrink-0 text-sm text-slate-700" aria-hidden="true">
            {unit}
          </span>
        )}
      </div>
      <p id={`${id}-about`} className="mt-1 text-xs text-slate-600">
        {/* The unit beside the field is for the eye; a screen reader hears it here, once. */}
        {unit && <span className="sr-only">{unit}, </span>}
        {dateText}
      </p>
    </div>
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
