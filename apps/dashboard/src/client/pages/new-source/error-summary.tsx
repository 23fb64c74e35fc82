import { useEffect, useRef } from 'react';
import type { FieldError } from './wizard-checks.ts';

/**
 * GOV.UK's error summary: at the top of the step, it takes the focus when it appears (so a screen reader
 * reads it and the steward sees it, not 1 700 px further up), and each problem links to its field.
 */
export function ErrorSummary({ title, errors }: { title: string; errors: readonly FieldError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length === 0) return;
    ref.current?.focus();
    ref.current?.scrollIntoView({ block: 'start' });
  }, [errors]);
  if (errors.length === 0) return null;
  const goTo = (id: string) => (e: React.MouseEvent) => {
    // The link moves to the control itself (the hash alone would only scroll), as GOV.UK's does.
    const target = document.getElementById(id);
    if (!target) return;
    e.preventDefault();
    target.scrollIntoView({ block: 'center' });
    target.focus();
  };
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      aria-labelledby="error-summary-title"
      className="rounded-md border-4 border-red-700 bg-white px-4 py-3 focus:outline-none focus-visible:ring-4 focus-visible:ring-amber-400"
      data-testid="error-summary"
    >
      <h3 id="error-summary-title" className="text-base font-bold text-slate-900">
        {title}
      </h3>
      <ul className="mt-2 list-none space-y-1 text-sm">
        {errors.map((e) => (
          <li key={`${e.field}:${e.message}`}>
            {e.field ? (
              <a
                href={`#${e.field}`}
                onClick={goTo(e.field)}
                className="font-semibold text-red-800 underline underline-offset-2"
              >
                {e.message}
              </a>
            ) : (
              <span className="font-semibold text-red-800">{e.message}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
