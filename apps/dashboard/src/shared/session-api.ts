// The shape of GET /api/session, shared by the server (auth.ts) and the client (session.tsx).

export const ROLES = ['viewer', 'steward', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export type AuthMode = 'off' | 'required' | 'public-read';

export interface SessionResponse {
  mode: AuthMode;
  user: { name: string; role: Role } | null;
  /** OpenID Connect sign-in when configured: the provider's name for the button, which links to
   * /api/session/oidc/start; null (or absent) without it. */
  oidc?: { label: string } | null;
}

/** Whether `session` may do what `needed` may; with auth off everyone may do everything (the server agrees). */
export function sessionCan(session: SessionResponse | null, needed: Role): boolean {
  if (!session) return false;
  if (session.mode === 'off') return true;
  return session.user !== null && ROLES.indexOf(session.user.role) >= ROLES.indexOf(needed);
}
