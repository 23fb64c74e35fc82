import type { ReactNode } from 'react';
import type { StewardMessages } from '../../i18n/steward-messages.ts';
import type { DefinitionDraft } from './definition-draft.ts';

/** What every part of the wizard that edits the definition gets: the messages, the draft, the change. */
export interface DraftEditorProps {
  m: StewardMessages;
  def: DefinitionDraft;
  onChange: (next: DefinitionDraft) => void;
}

/** A label wrapping its control (passed as children), so a click or a screen reader finds it. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the children, nested in the label
    <label className="block text-sm font-medium text-slate-800">
      {label}
      {children}
    </label>
  );
}
