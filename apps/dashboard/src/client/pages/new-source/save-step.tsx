import type { SaveSourceResponse } from '../../../shared/steward-api.ts';
import { buttonClass, inputClass, Panel } from '../../components/sources-shell.tsx';
import { translate } from '../../i18n/i18n.tsx';
import type { StewardMessages } from '../../i18n/steward-messages.ts';
import { PRESETS } from './definition-draft.ts';
import type { SaveOptions } from './requests.ts';
import type { WizardStep } from './use-new-source-wizard.ts';

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
}: {
  m: StewardMessages;
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
  return (
    <Panel title={w.stepSave} id="step-save">
      <ScheduleChoice m={m} options={options} onChange={set} />
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

/** A preset schedule, runs on a file's arrival, or the steward's own cron expression. */
function ScheduleChoice({
  m,
  options,
  onChange,
}: {
  m: StewardMessages;
  options: SaveOptions;
  onChange: (patch: Partial<SaveOptions>) => void;
}) {
  const w = m.wizard;
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
        <label className="mt-2 block max-w-sm text-sm font-medium text-slate-800">
          {w.cron}
          <input
            value={options.cron}
            onChange={(e) => onChange({ cron: e.target.value })}
            className={inputClass}
          />
          <span className="mt-1 block text-xs font-normal text-slate-600">{w.cronHelp}</span>
        </label>
      )}
    </fieldset>
  );
}
