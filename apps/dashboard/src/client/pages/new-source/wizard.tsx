import type { StewardMessages } from '../../i18n/steward-messages.ts';
import { textOf } from './definition-draft.ts';
import { JsonStep } from './json-step.tsx';
import { MappingStep } from './mapping-step.tsx';
import { PreviewStep } from './preview-step.tsx';
import { SampleStep } from './sample-step.tsx';
import { SaveStep } from './save-step.tsx';
import { useNewSourceWizard } from './use-new-source-wizard.ts';
import { FIELD_IDS } from './wizard-checks.ts';

// "Ny källa": sample file → detected settings and proposed mapping (editable) → preview of values and
// rejections → save with a schedule → run now with the sample. The steps after the first show once a
// sample has been read.

export function Wizard({ m }: { m: StewardMessages }) {
  const w = m.wizard;
  const wizard = useNewSourceWizard(m);
  const errors = Object.fromEntries(wizard.saveErrors.map((e) => [e.field, e.message]));
  const { def, detection, busy } = wizard;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">{w.lead}</p>
      {wizard.error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          {wizard.error}
        </p>
      )}
      <SampleStep
        m={m}
        canDetect={wizard.file !== null && busy === null}
        detecting={busy === 'detect'}
        onFile={wizard.setFile}
        fields={wizard.fields}
        onFields={wizard.setFields}
        needs={wizard.needs}
        onDetect={wizard.detect}
      />
      {detection && def && (
        <>
          <MappingStep m={m} detection={detection} def={def} onChange={wizard.edit} errors={errors} />
          <JsonStep
            m={m}
            text={wizard.jsonText}
            valid={wizard.jsonValid}
            onChange={wizard.editJson}
            error={errors[FIELD_IDS.json]}
          />
          <PreviewStep
            m={m}
            answer={wizard.preview?.answer ?? null}
            stale={!wizard.previewIsCurrent}
            previewing={busy === 'preview'}
            disabled={busy !== null}
            onPreview={wizard.runPreview}
          />
          <SaveStep
            m={m}
            title={textOf(def.title)}
            options={wizard.options}
            onOptionsChange={wizard.setOptions}
            canSave={wizard.canSave}
            previewIsCurrent={wizard.previewIsCurrent}
            busy={busy}
            saved={wizard.saved}
            runMessage={wizard.runMessage}
            onSave={wizard.save}
            onRunNow={wizard.runNow}
            errors={wizard.saveErrors}
          />
        </>
      )}
    </div>
  );
}
