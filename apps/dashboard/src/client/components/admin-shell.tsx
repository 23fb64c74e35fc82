import { type ReactNode, useState } from 'react';
import { useAdminMessages } from '../i18n/admin-messages.ts';
import { ADMIN_ACCOUNTS_PATH, ADMIN_TOKENS_PATH, Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { AppHeader } from './app-header.tsx';

// The frame of the admin pages (accounts, API tokens): header, the two tabs as links, main. Someone who
// is signed in but no admin sees a sentence instead of the page; the server refuses them anyway.

export function AdminShell({ current, children }: { current: 'accounts' | 'tokens'; children: ReactNode }) {
  const { m } = useAdminMessages();
  const { can } = useSession();
  const tabs = [
    { key: 'accounts', href: ADMIN_ACCOUNTS_PATH, label: m.accountsTab },
    { key: 'tokens', href: ADMIN_TOKENS_PATH, label: m.tokensTab },
  ] as const;
  return (
    <div className="min-h-screen bg-slate-100/70 text-slate-900">
      <AppHeader
        planName={m.title}
        organisation={null}
        controls={
          <Link href="/" className="text-sm font-medium text-blue-800 underline-offset-2 hover:underline">
            {m.backToPlans}
          </Link>
        }
        status={
          <nav aria-label={m.tabsLabel} className="border-t border-slate-100">
            <ul className="mx-auto flex max-w-6xl flex-wrap gap-1 px-3 md:px-5">
              {tabs.map((tab) => (
                <li key={tab.key}>
                  <Link
                    href={tab.href}
                    aria-current={current === tab.key ? 'page' : undefined}
                    className={`inline-block border-b-2 px-3 py-2 text-sm font-medium ${
                      current === tab.key
                        ? 'border-blue-700 text-blue-800'
                        : 'border-transparent text-slate-700 hover:text-slate-900'
                    }`}
                  >
                    {tab.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        }
      />
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto max-w-6xl space-y-4 px-4 py-6 focus:outline-none md:px-6"
      >
        {can('admin') ? (
          children
        ) : (
          <p
            role="alert"
            className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900"
          >
            {m.adminsOnly}
          </p>
        )}
      </main>
    </div>
  );
}

export const ADMIN_BUTTON =
  'inline-flex items-center rounded-md px-3 py-1.5 text-sm font-semibold focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-60';
export const ADMIN_PRIMARY = `${ADMIN_BUTTON} bg-blue-700 text-white hover:bg-blue-800`;
export const ADMIN_SECONDARY = `${ADMIN_BUTTON} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`;
export const ADMIN_INPUT =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm focus:border-blue-600 focus:outline-none focus:ring-1 focus:ring-blue-600';

/** A titled white panel. */
export function AdminPanel({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4 md:p-5">
      <h2 id={id} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      <div className="mt-3 space-y-3">{children}</div>
    </section>
  );
}

/**
 * A secret shown once (a generated password, a new token): in a live region, selectable, with a copy
 * button, until the admin hides it. It lives only in this component's state, never in a URL or storage.
 */
export function OneTimeSecret({
  heading,
  hint,
  secret,
  onDone,
}: {
  heading: string;
  hint: string;
  secret: string;
  onDone: () => void;
}) {
  const { m } = useAdminMessages();
  const [copied, setCopied] = useState(false);
  return (
    <div
      role="status"
      className="space-y-2 rounded-lg border border-emerald-300 bg-emerald-50 p-4"
      data-testid="one-time-secret"
    >
      <p className="text-sm font-semibold text-emerald-900">{heading}</p>
      <p className="break-all rounded-md border border-emerald-200 bg-white px-3 py-2 font-mono text-sm text-slate-900">
        <code data-testid="secret">{secret}</code>
      </p>
      <p className="text-sm text-emerald-900">{hint}</p>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className={ADMIN_SECONDARY}
          onClick={() => {
            void navigator.clipboard?.writeText(secret).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {m.copy}
        </button>
        <button type="button" className={ADMIN_SECONDARY} onClick={onDone}>
          {m.hide}
        </button>
        {copied && <span className="text-sm text-emerald-900">{m.copied}</span>}
      </div>
    </div>
  );
}

/** What happened, in words: a refusal as an alert, a success as a status. */
export function AdminOutcome({ outcome }: { outcome: { kind: 'error' | 'info'; text: string } | null }) {
  if (!outcome) return null;
  return (
    <p
      role={outcome.kind === 'error' ? 'alert' : 'status'}
      className={`text-sm ${outcome.kind === 'error' ? 'text-red-800' : 'text-emerald-800'}`}
    >
      {outcome.text}
    </p>
  );
}

/** The calendar date in Stockholm of an instant, as ISO (for formatDate). */
export function stockholmDate(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(iso));
}
