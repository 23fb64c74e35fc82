import type { FormEvent } from 'react';
import { buttonClass, Panel } from '../../components/sources-shell.tsx';
import type { StewardMessages } from '../../i18n/steward-messages.ts';
import type { DetectFields } from './requests.ts';

/**
 * Step 1: the steward's sample file, read to propose a definition, with the area and the period of a
 * file that names none (what `sources detect --area/--period` take). A detect that needs one of them
 * answers 422 with `needs`, and the field is marked.
 */
export function SampleStep({
  m,
  canDetect,
  detecting,
  onFile,
  fields,
  onFields,
  needs,
  onDetect,
}: {
  m: StewardMessages;
  canDetect: boolean;
  detecting: boolean;
  onFile: (file: File | null) => void;
  fields: DetectFields;
  onFields: (fields: DetectFields) => void;
  needs: readonly string[];
  onDetect: () => Promise<void>;
}) {
  const w = m.wizard;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onDetect();
  };
  const field = (name: keyof DetectFields, label: string, help: string) => {
    const needed = needs.includes(name);
    const helpId = `detect-${name}-help`;
    return (
      <div className="max-w-xs">
        <label className="block text-sm font-medium text-slate-800">
          {label}
          <input
            type="text"
            name={name}
            value={fields[name]}
            onChange={(e) => onFields({ ...fields, [name]: e.target.value })}
            aria-invalid={needed}
            aria-describedby={helpId}
            className={`mt-1 block w-full rounded-md border px-2 py-1 text-sm ${needed ? 'border-red-500' : 'border-slate-300'}`}
          />
        </label>
        <p id={helpId} className={`mt-1 text-xs ${needed ? 'text-red-800' : 'text-slate-600'}`}>
          {needed ? `${w.needed} ${help}` : help}
        </p>
      </div>
    );
  };
  return (
    <Panel title={w.stepFile} id="step-file">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <label className="block text-sm font-medium text-slate-800">
          {w.fileLabel}
          <input
            type="file"
            accept=".csv,.txt,.tsv,text/csv,text/plain"
            onChange={(e) => onFile(e.target.files?.[0] ?? null)}
            className="mt-1 block text-sm"
          />
        </label>
        {field('area', w.areaLabel, w.areaHelp)}
        {field('period', w.periodLabel, w.periodHelp)}
        <button type="submit" className={buttonClass} disabled={!canDetect}>
          {detecting ? w.detecting : w.detect}
        </button>
      </form>
      <p className="text-xs text-slate-600">{w.fileHelp}</p>
    </Panel>
  );
}
