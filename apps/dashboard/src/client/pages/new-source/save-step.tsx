import type { SaveSourceResponse } from '../../../shared/steward-api.ts';
import { buttonClass, inputClass, Panel } from '../../components/sources-shell.tsx';
import { translate } from '../../i18n/i18n.tsx';
import type { StewardMessages } from '../../i18n/steward-messages.ts';
import { CADENCES, PRESETS } from './definition-draft.ts';
import { ErrorSummary } from './error-summary.tsx';
import { controlProps, FieldError } from './field.tsx';
import type { SaveOptions } from './requests.ts';
import type { WizardStep } from './use-new-source-wizard.ts';
import { FIELD_IDS, type FieldError as FieldProblem } from './wizard-checks.ts';

/** Step 4: save with a schedule (the sample can be the first delivery), then run it at once. */
export function SaveStep({
  m,
  title,
  options,
  onOptionsChange,
  canSave,
  previewIsCurrent,
  busy,
  saved,
  runMessage,
  onSave,
  onRunNow,
  errors,
}: {
  m: StewardMessages;
  /** The last save's problems, in the order of the form: the summary at the top links to each. */
  errors: readonly FieldProblem[];
  /** The definition's title, for the "saved" message. */
  title: string;
  options: SaveOptions;
  onOptionsChange: (options: SaveOptions) => void;
  canSave: boolean;
  previewIsCurrent: boolean;
  busy: WizardStep | null;
  saved: SaveSourceResponse | null;
  runMessage: string | null;
  onSave: () => Promise<void>;
  onRunNow: () => Promise<void>;
}) {
  const w = m.wizard;
  const set = (patch: Partial<SaveOptions>) => onOptionsChange({ ...options, ...patch });
  const byField = Object.fromEntries(errors.map((e) => [e.field, e.message]));
  return (
    <Panel title={w.stepSave} id="step-save">
      <ErrorSummary title={w.errorSummaryTitle} errors={errors} />
      <CadenceChoice m={m} options={options} onChange={set} error={byField[FIELD_IDS.cadence]} />
      <ScheduleChoice m={m} options={options} onChange={set} error={byField[FIELD_IDS.cron]} />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={options.stageSample}
          onChange={(e) => set({ stageSample: e.target.checked })}
        />
        {w.stageSample}
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={options.replace}
          onChange={(e) => set({ replace: e.target.checked })}
        />
        {w.replace}
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" className={buttonClass} onClick={onSave} disabled={!canSave}>
          {busy === 'save' ? w.saving : w.save}
        </button>
        {!previewIsCurrent && <span className="text-sm text-slate-600">{w.previewFirst}</span>}
      </div>
      {saved && (
        <div role="status" className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-950">
          <p className="font-medium">{translate(w.saved, { title: title || saved.id })}</p>
          {saved.stagedFile && (
            <button
              type="button"
              className={`${buttonClass} mt-2`}
              onClick={onRunNow}
              disabled={busy !== null}
            >
              {busy === 'run' ? w.starting : w.runWithSample}
            </button>
          )}
          {runMessage && <p className="mt-2">{runMessage}</p>}
        </div>
      )}
    </Panel>
  );
}

/**
 * How often new figures come (the definition's `freshness.cadence`): the Sources page judges "I tid"
 * and "Försenad" by it, so the wizard asks rather than leaving the source without an expectation.
 */
function CadenceChoice({
  m,
  options,
  onChange,
  error,
}: {
  m: StewardMessages;
  options: SaveOptions;
  onChange: (patch: Partial<SaveOptions>) => void;
  error: string | undefined;
}) {
  const w = m.wizard;
  const id = FIELD_IDS.cadence;
  return (
    <fieldset
      aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
      className={error ? 'border-l-4 border-red-700 pl-2' : undefined}
      data-testid="cadence"
    >
      <legend className="text-sm font-medium text-slate-800">{w.cadenceHeading}</legend>
      <span id={`${id}-hint`} className="block text-xs text-slate-600">
        {w.cadenceHelp}
      </span>
      <FieldError id={id} error={error} prefix={w.errorPrefix} />
      <div className="mt-2 grid gap-1 text-sm sm:grid-cols-3">
        {CADENCES.map((c, i) => (
          <label key={c} className="flex items-center gap-2">
            <input
              type="radio"
              name="freshness-cadence"
              // The summary's link moves to the first choice.
              id={i === 0 ? id : undefined}
              aria-invalid={error ? 'true' : undefined}
              value={c}
              checked={options.cadence === c}
              onChange={() => onChange({ cadence: c })}
            />
            {w.cadences[c]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A preset schedule, runs on a file's arrival, or the steward's own cron expression. */
function ScheduleChoice({
  m,
  options,
  onChange,
  error,
}: {
  m: StewardMessages;
  options: SaveOptions;
  onChange: (patch: Partial<SaveOptions>) => void;
  error: string | undefined;
}) {
  const w = m.wizard;
  const id = FIELD_IDS.cron;
  return (
    <fieldset>
      <legend className="text-sm font-medium text-slate-800">{w.scheduleHeading}</legend>
      <div className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
        {PRESETS.map((p) => (
          <label key={p} className="flex items-center gap-2">
            <input
              type="radio"
              name="schedule-preset"
              value={p}
              checked={options.preset === p}
              onChange={() => onChange({ preset: p })}
            />
            {w.presets[p]}
          </label>
        ))}
      </div>
      {options.preset === 'custom' && (
        <div className={`mt-2 max-w-sm ${error ? 'border-l-4 border-red-700 pl-2' : ''}`}>
          <label htmlFor={id} className="block text-sm font-medium text-slate-800">
            {w.cron}
          </label>
          <span id={`${id}-hint`} className="block text-xs text-slate-600">
            {w.cronHelp}
          </span>
          <FieldError id={id} error={error} prefix={w.errorPrefix} />
          <input
            {...controlProps(id, error, true)}
            value={options.cron}
            spellCheck={false}
            onChange={(e) => onChange({ cron: e.target.value })}
            className={inputClass}
          />
        </div>
      )}
    </fieldset>
  );
}
