import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import { type Role, type SessionResponse, sessionCan } from '../shared/session-api.ts';
import { sendJson, UNAUTHORIZED_EVENT, useJson } from './api.ts';
import { useI18n } from './i18n/i18n.tsx';
import { SESSION_MESSAGES, type SessionMessages } from './i18n/session-messages.ts';

// Who is signed in, loaded once from GET /api/session and shared by every page. Pages ask `can(role)`
// to decide whether to show an action; the server checks again on every request (auth.ts).

interface Session {
  /** null while the first answer is on its way (or when it failed: see `error`). */
  session: SessionResponse | null;
  error: Error | null;
  can: (needed: Role) => boolean;
  signIn: (name: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** Reads /api/session again (after a 401, say). */
  reload: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const answer = useJson<SessionResponse>('/api/session');
  const { reload } = answer;
  const session = answer.data;
  useEffect(() => {
    // A 401 anywhere means the session is gone: ask again, so the sign-in form takes the page's place.
    window.addEventListener(UNAUTHORIZED_EVENT, reload);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, reload);
  }, [reload]);
  const signIn = useCallback(
    async (name: string, password: string) => {
      await sendJson('POST', '/api/session', { name, password });
      reload();
    },
    [reload],
  );
  const signOut = useCallback(async () => {
    await sendJson('DELETE', '/api/session');
    reload();
  }, [reload]);
  const value = useMemo<Session>(
    () => ({
      session,
      error: answer.error,
      can: (needed) => sessionCan(session, needed),
      signIn,
      signOut,
      reload,
    }),
    [session, answer.error, signIn, signOut, reload],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export function useSessionMessages(): SessionMessages {
  return SESSION_MESSAGES[useI18n().language];
}
