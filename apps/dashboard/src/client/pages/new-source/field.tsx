import type { ReactNode } from 'react';
import type { StewardMessages } from '../../i18n/steward-messages.ts';
import type { DefinitionDraft } from './definition-draft.ts';

/** What every part of the wizard that edits the definition gets: the messages, the draft, the change. */
export interface DraftEditorProps {
  m: StewardMessages;
  def: DefinitionDraft;
  onChange: (next: DefinitionDraft) => void;
  /** The last save's problems by field id (wizard-checks.ts); a field with one shows it. */
  errors?: Readonly<Record<string, string>>;
}

/** The attributes a control with a hint and perhaps an error carries (GOV.UK: aria-describedby both). */
export function controlProps(id: string, error: string | undefined, hint = false) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return {
    id,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': described || undefined,
  };
}

/** The message at a field, read after its label (the control names it in aria-describedby). */
export function FieldError({ id, error, prefix }: { id: string; error: string | undefined; prefix: string }) {
  if (!error) return null;
  return (
    <span id={`${id}-error`} className="mt-1 block text-sm font-semibold text-red-800">
      <span className="sr-only">{prefix} </span>
      {error}
    </span>
  );
}

/**
 * A label and its control (passed as children). With `id`, the label points at the control by id and a
 * hint and an error sit between them (the control takes `controlProps(id, error, hint)`); without, the
 * label wraps the control.
 */
export function Field({
  label,
  children,
  id,
  hint,
  error,
  errorPrefix = 'Fel:',
}: {
  label: string;
  children: ReactNode;
  id?: string;
  hint?: string;
  error?: string | undefined;
  errorPrefix?: string;
}) {
  if (id === undefined) {
    return (
      // biome-ignore lint/a11y/noLabelWithoutControl: the control is the children, nested in the label
      <label className="block text-sm font-medium text-slate-800">
        {label}
        {children}
      </label>
    );
  }
  return (
    <div className={error ? 'border-l-4 border-red-700 pl-2' : undefined}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint && (
        <span id={`${id}-hint`} className="block text-xs text-slate-600">
          {hint}
        </span>
      )}
      <FieldError id={id} error={error} prefix={errorPrefix} />
      {children}
    </div>
  );
}
