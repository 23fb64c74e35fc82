import { inputClass, Panel } from '../../components/sources-shell.tsx';
import type { StewardMessages } from '../../i18n/steward-messages.ts';
import { controlProps, FieldError } from './field.tsx';
import { FIELD_IDS } from './wizard-checks.ts';

/** The definition as JSON, for what the form does not offer; invalid text leaves the definition as it was. */
export function JsonStep({
  m,
  text,
  valid,
  onChange,
  error,
}: {
  m: StewardMessages;
  text: string;
  valid: boolean;
  onChange: (text: string) => void;
  /** The last save's problems that the form has no field for. */
  error?: string | undefined;
}) {
  const w = m.wizard;
  const id = FIELD_IDS.json;
  return (
    <Panel title={w.advanced} id="step-json">
      <p className="text-xs text-slate-600">{w.advancedHelp}</p>
      <FieldError id={id} error={error} prefix={w.errorPrefix} />
      <textarea
        {...controlProps(id, error)}
        aria-label={w.advanced}
        value={text}
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
        rows={12}
        className={`${inputClass} font-mono text-xs`}
      />
      {!valid && <p className="text-sm text-red-800">{w.jsonInvalid}</p>}
    </Panel>
  );
}
