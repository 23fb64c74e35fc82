import type { ReactNode } from 'react';
import { Link } from '../router.tsx';
import { AppHeader } from './app-header.tsx';

/** The frame of the Sources area's own pages (add a source, a run's detail): header, back link, main. */
export function SourcesShell({
  title,
  backHref,
  backLabel,
  children,
}: {
  title: string;
  backHref: string;
  backLabel: string;
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen bg-slate-100/70 text-slate-900">
      <AppHeader
        planName={title}
        organisation={null}
        controls={
          <Link
            href={backHref}
            className="text-sm font-medium text-blue-800 underline-offset-2 hover:underline"
          >
            {backLabel}
          </Link>
        }
        status={null}
      />
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto max-w-6xl space-y-4 px-4 py-6 focus:outline-none md:px-6"
      >
        {children}
      </main>
    </div>
  );
}

/** A titled white panel, the look of the Sources page's sections. */
export function Panel({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      <div className="mt-3 space-y-3">{children}</div>
    </section>
  );
}

export const buttonClass =
  'inline-flex items-center rounded-md bg-blue-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:opacity-60 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-2';

export const secondaryButtonClass =
  'inline-flex items-center rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-semibold text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60 focus-within:ring-2 focus-within:ring-blue-600 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600';

export const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-blue-600 focus:outline-none focus:ring-1 focus:ring-blue-600';

/**
 * A table wider than the screen scrolls sideways inside this region; it takes the keyboard focus so the
 * scroll is reachable without a mouse (axe: scrollable-region-focusable), and is named by `label`.
 */
export function ScrollRegion({
  label,
  className = '',
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    // A group, not a region: no landmark of the same name as the panel around it. A fieldset is for
    // form controls; this groups a table. `relative`: the table's visually hidden caption (absolutely
    // placed) stays inside the scroll, instead of widening the page on a phone.
    // biome-ignore lint/a11y/useSemanticElements: see above
    <div
      role="group"
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
      tabIndex={0}
      className={`relative overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 ${className}`}
    >
      {children}
    </div>
  );
}
