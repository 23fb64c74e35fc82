import { type FormEvent, useState } from 'react';
import { safeNextPath } from '../../shared/safe-next.ts';
import { ApiError } from '../api.ts';
import { translate } from '../i18n/i18n.tsx';
import { navigate } from '../router.tsx';
import { useSession, useSessionMessages } from '../session.tsx';

/** Where to go after signing in: only a path on this site, so a crafted link cannot send the user away. */

/**
 * The sign-in form. Shown at /logga-in, and in place of any page that needs a signed-in user (the
 * address stays, so after signing in the user is where they meant to go). `next` is where to go after.
 */
export function SignInPage({ next, publicPages }: { next: string | null; publicPages: boolean }) {
  const m = useSessionMessages();
  const { session, signIn } = useSession();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(name, password);
      if (next !== null) navigate(safeNextPath(next));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  const field =
    'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30';
  const oidc = session?.oidc ?? null;
  const oidcHref = `/api/session/oidc/start?next=${encodeURIComponent(safeNextPath(next ?? window.location.pathname + window.location.search))}`;
  return (
    <section aria-labelledby="sign-in-heading" className="mx-auto my-10 max-w-sm">
      <div className="rounded-lg border border-slate-200 bg-white px-6 py-6 shadow-sm">
        <h1 id="sign-in-heading" className="text-xl font-semibold text-slate-900">
          {m.signInHeading}
        </h1>
        <p className="mt-1 text-sm text-slate-600">{publicPages ? m.signInLeadPublic : m.signInLead}</p>
        {oidc && (
          <>
            <a
              href={oidcHref}
              className="mt-5 block rounded-md border border-slate-300 bg-white px-4 py-2 text-center text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
            >
              {translate(m.signInWith, { provider: oidc.label })}
            </a>
            <p className="mt-5 text-center text-xs uppercase tracking-wide text-slate-500">{m.orDivider}</p>
          </>
        )}
        <form onSubmit={submit} className="mt-5 space-y-4" noValidate>
          <label className="block text-sm font-medium text-slate-800">
            {m.nameLabel}
            <input
              name="username"
              autoComplete="username"
              required
              value={name}
              onChange={(e) => setName(e.target.value)}
              className={field}
            />
          </label>
          <label className="block text-sm font-medium text-slate-800">
            {m.passwordLabel}
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              className={field}
            />
          </label>
          {error && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
              {error}
            </p>
          )}
          <button
            type="submit"
            disabled={busy || name === '' || password === ''}
            className="w-full rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white hover:bg-blue-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-60"
          >
            {busy ? m.signingIn : m.signIn}
          </button>
        </form>
      </div>
    </section>
  );
}
