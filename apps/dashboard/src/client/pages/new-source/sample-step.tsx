import type { FormEvent } from 'react';
import { buttonClass, Panel } from '../../components/sources-shell.tsx';
import type { StewardMessages } from '../../i18n/steward-messages.ts';

/** Step 1: the steward's sample file, read to propose a definition. */
export function SampleStep({
  m,
  canDetect,
  detecting,
  onFile,
  onDetect,
}: {
  m: StewardMessages;
  canDetect: boolean;
  detecting: boolean;
  onFile: (file: File | null) => void;
  onDetect: () => Promise<void>;
}) {
  const w = m.wizard;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onDetect();
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
        <button type="submit" className={buttonClass} disabled={!canDetect}>
          {detecting ? w.detecting : w.detect}
        </button>
      </form>
      <p className="text-xs text-slate-600">{w.fileHelp}</p>
    </Panel>
  );
}
