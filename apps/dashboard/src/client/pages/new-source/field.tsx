import type { ReactNode } from 'react';

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
