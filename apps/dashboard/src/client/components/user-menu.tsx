import { ADMIN_MESSAGES } from '../i18n/admin-messages.ts';
import { translate, useI18n } from '../i18n/i18n.tsx';
import { ADMIN_ACCOUNTS_PATH, Link, signInHref } from '../router.tsx';
import { useSession, useSessionMessages } from '../session.tsx';

/** Who is signed in, with their role, and the way out; or the way in. Nothing when sign-in is off. */
export function UserMenu() {
  const m = useSessionMessages();
  const { session, signOut } = useSession();
  const { language } = useI18n();
  if (!session || session.mode === 'off') return null;
  const link =
    'inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600';
  if (!session.user) {
    return (
      <a href={signInHref(window.location.pathname + window.location.search)} className={link}>
        {m.signIn}
      </a>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-700" data-testid="signed-in-user">
        {translate(m.signedInAs, { name: session.user.name })}{' '}
        <span className="text-slate-500">({m.roles[session.user.role]})</span>
      </span>
      {session.user.role === 'admin' && (
        <Link href={ADMIN_ACCOUNTS_PATH} className={link}>
          {ADMIN_MESSAGES[language].navLink}
        </Link>
      )}
      <button type="button" onClick={() => void signOut()} className={link}>
        {m.signOut}
      </button>
    </div>
  );
}
