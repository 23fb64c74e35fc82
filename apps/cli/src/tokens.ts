import {
  createApiToken,
  isTokenScope,
  listApiTokens,
  revokeApiToken,
  TOKEN_SCOPES,
  type TokenScope,
  type Warehouse,
} from '@malkoll/warehouse';
import { cliActor } from './users.ts';

// `malkoll tokens add|list|revoke`: API tokens for automation. The token is printed once; the database
// keeps only the SHA-256 of its secret, so a lost token is revoked and replaced, never shown again.

function parseScopes(list: string): TokenScope[] {
  const scopes = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scopes.filter((s) => !isTokenScope(s));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new Error(
      `Okänd behörighet ${unknown.map((s) => `"${s}"`).join(', ') || '(ingen angiven)'}: välj bland ${TOKEN_SCOPES.join(', ')}.`,
    );
  }
  return scopes as TokenScope[];
}

function parseDays(days: string | undefined): Date | undefined {
  if (days === undefined) return undefined;
  const n = Number(days);
  if (!Number.isInteger(n) || n < 1 || n > 3650) {
    throw new Error(`--expires-days måste vara ett heltal 1–3650, inte "${days}".`);
  }
  return new Date(Date.now() + n * 86_400_000);
}

export async function runTokensAdd(
  db: Warehouse,
  userName: string,
  opts: { name: string; scope: string; expiresDays?: string },
): Promise<string> {
  const expiresAt = parseDays(opts.expiresDays);
  const scopes = parseScopes(opts.scope);
  const { id, token } = await createApiToken(
    db,
    { userName, name: opts.name, scopes, expiresAt },
    cliActor(),
  );
  return [
    `API-nyckel ${id} för ${userName} (${scopes.join(', ')}${expiresAt ? `, gäller till ${expiresAt.toISOString().slice(0, 10)}` : ''}).`,
    `Nyckel (visas bara nu): ${token}`,
    'Skicka den som huvudet  Authorization: Bearer <nyckel>',
  ].join('\n');
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '–');

export async function runTokensList(db: Warehouse, userName?: string): Promise<string> {
  const tokens = await listApiTokens(db, userName);
  if (tokens.length === 0) return 'Inga API-nycklar.';
  const now = Date.now();
  const rows = tokens.map((t) => {
    const state = t.revokedAt
      ? `återkallad ${day(t.revokedAt)}`
      : t.expiresAt && t.expiresAt.getTime() <= now
        ? `utgången ${day(t.expiresAt)}`
        : t.expiresAt
          ? `gäller till ${day(t.expiresAt)}`
          : 'gäller';
    return [t.id, t.userName, t.role, t.name, t.scopes.join(','), day(t.lastUsedAt), state];
  });
  const header = ['id', 'användare', 'roll', 'namn', 'behörigheter', 'senast använd', 'status'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows]
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export async function runTokensRevoke(db: Warehouse, id: string): Promise<string> {
  if (!(await revokeApiToken(db, id, cliActor()))) throw new Error(`API-nyckeln "${id}" finns inte.`);
  return `API-nyckeln ${id} är återkallad och fungerar inte längre.`;
}
