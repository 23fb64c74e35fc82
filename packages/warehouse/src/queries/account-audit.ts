import { sql } from 'kysely';
import type { Warehouse } from '../client.ts';

// Who changed which account or API token, when: one row per action in ops.account_audit, written by the
// account and token functions themselves (users.ts, api-tokens.ts) in the action's own transaction, so
// the dashboard's admin pages and `malkoll users|tokens` are audited alike and no caller can forget.

/** Who acts: a signed-in admin (with their id), or the CLI (no id: it runs as whoever has the database). */
export interface Actor {
  name: string;
  userId?: number | null;
}

/** For callers that do not say who acts (tests, scripts): audited as "system". */
export const SYSTEM_ACTOR: Actor = { name: 'system', userId: null };

export const ACCOUNT_ACTIONS = [
  'user.add',
  'user.role',
  'user.reset',
  'user.disable',
  'user.enable',
  'token.add',
  'token.revoke',
] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

export interface AccountAuditEntry {
  id: number;
  at: Date;
  actorName: string;
  action: AccountAction;
  userName: string;
  tokenId: string | null;
  detail: Record<string, unknown>;
}

/** Writes one audit row; takes the action's transaction so the row and the change commit together. */
export async function writeAccountAudit(
  db: Warehouse,
  actor: Actor,
  entry: { action: AccountAction; userName: string; tokenId?: string; detail?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('ops.account_audit')
    .values({
      actor_name: actor.name,
      actor_user_id: actor.userId ?? null,
      action: entry.action,
      user_name: entry.userName,
      token_id: entry.tokenId ?? null,
      detail: sql`${JSON.stringify(entry.detail ?? {})}::jsonb`,
    })
    .execute();
}

/** The newest entries first. */
export async function listAccountAudit(db: Warehouse, limit = 50): Promise<AccountAuditEntry[]> {
  const rows = await db
    .selectFrom('ops.account_audit')
    .select(['id', 'at', 'actor_name', 'action', 'user_name', 'token_id', 'detail'])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(limit, 1), 500))
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorName: r.actor_name,
    action: r.action as AccountAction,
    userName: r.user_name,
    tokenId: r.token_id,
    detail: (r.detail ?? {}) as Record<string, unknown>,
  }));
}
