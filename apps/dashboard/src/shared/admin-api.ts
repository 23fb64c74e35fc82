// The shapes of /api/admin/* (accounts and API tokens), shared by the server (admin-accounts.ts) and
// the admin pages. Dates travel as ISO strings.

import type { Role } from './session-api.ts';

/** The same scopes as @malkoll/warehouse's TOKEN_SCOPES (the server checks they agree). */
export const TOKEN_SCOPES = ['read', 'runs', 'sources', 'plans'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export interface AccountView {
  name: string;
  role: Role;
  disabled: boolean;
  signIn: 'password' | 'oidc';
  createdAt: string;
  lastSignInAt: string | null;
}

export type AccountAction =
  | 'user.add'
  | 'user.role'
  | 'user.reset'
  | 'user.disable'
  | 'user.enable'
  | 'token.add'
  | 'token.revoke';

export interface AccountAuditView {
  id: number;
  at: string;
  actorName: string;
  action: AccountAction;
  userName: string;
  tokenId: string | null;
  detail: Record<string, unknown>;
}

export interface AccountsResponse {
  accounts: AccountView[];
  audit: AccountAuditView[];
}

export interface AddAccountRequest {
  name: string;
  role: Role;
}
/** The generated password, in this answer only: it is stored as a hash and never shown again. */
export interface PasswordResponse {
  name: string;
  password: string;
}

export interface TokenView {
  id: string;
  userName: string;
  role: Role;
  name: string;
  scopes: TokenScope[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AddTokenRequest {
  userName: string;
  name: string;
  scopes: TokenScope[];
  /** Days until it stops working (1–3650, as the CLI's --expires-days); null: never. */
  expiresDays: number | null;
}
/** The token text, in this answer only: the database keeps only a hash of its secret. */
export interface TokenCreatedResponse {
  id: string;
  token: string;
}
