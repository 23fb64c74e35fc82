import { type FormEvent, useId, useState } from 'react';
import {
  type AccountsResponse,
  type AddTokenRequest,
  TOKEN_SCOPES,
  type TokenCreatedResponse,
  type TokenScope,
  type TokenView,
} from '../../shared/admin-api.ts';
import { sendJson, useJson } from '../api.ts';
import {
  ADMIN_INPUT,
  ADMIN_PRIMARY,
  ADMIN_SECONDARY,
  AdminOutcome,
  AdminPanel,
  AdminShell,
  OneTimeSecret,
  stockholmDate,
} from '../components/admin-shell.tsx';
import { StatePanel } from '../components/state-panel.tsx';
import { useAdminMessages } from '../i18n/admin-messages.ts';
import { formatDate, formatTimestamp } from '../i18n/format.ts';
import { translate } from '../i18n/i18n.tsx';
import { useSessionMessages } from '../session.tsx';

// API tokens for admins: add one for a user with scopes and an expiry (the token shown once), the list
// with scopes, expiry and last use, and revoke. The same package functions as `malkoll tokens`.

type Outcome = { kind: 'error' | 'info'; text: string } | null;
const TOKENS_URL = '/api/admin/tokens';
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export default function AdminTokensPage() {
  return (
    <AdminShell current="tokens">
      <TokensBody />
    </AdminShell>
  );
}

function TokensBody() {
  const { m } = useAdminMessages();
  const tokens = useJson<TokenView[]>(TOKENS_URL);
  const accounts = useJson<AccountsResponse>('/api/admin/accounts');
  const [created, setCreated] = useState<(TokenCreatedResponse & { name: string; user: string }) | null>(
    null,
  );
  const [outcome, setOutcome] = useState<Outcome>(null);
  if (tokens.state === 'error') {
    return (
      <StatePanel kind="error" message={m.loadError} detail={tokens.error.message} onRetry={tokens.reload} />
    );
  }
  if (!tokens.data) return <StatePanel kind="loading" message={m.loading} />;
  const users = (accounts.data?.accounts ?? []).filter((a) => !a.disabled).map((a) => a.name);
  return (
    <>
      <AdminPanel title={m.tokensHeading} id="tokens-heading">
        <p className="max-w-prose text-sm text-slate-700">{m.tokensIntro}</p>
        {created && (
          <OneTimeSecret
            heading={translate(m.tokenOnce, { name: created.name, user: created.user })}
            hint={m.tokenOnceHint}
            secret={created.token}
            onDone={() => setCreated(null)}
          />
        )}
        <AdminOutcome outcome={outcome} />
        <TokenList
          tokens={tokens.data}
          onDone={(o) => {
            setOutcome(o);
            tokens.reload();
          }}
        />
      </AdminPanel>
      <AddTokenForm
        users={users}
        onCreated={(c) => {
          setOutcome(null);
          setCreated(c);
          tokens.reload();
        }}
      />
    </>
  );
}

function tokenState(t: TokenView, m: ReturnType<typeof useAdminMessages>['m'], language: 'sv' | 'en') {
  const day = (iso: string) => formatDate(stockholmDate(iso), language);
  if (t.revokedAt) return { live: false, text: translate(m.revoked, { date: day(t.revokedAt) }) };
  if (t.expiresAt && Date.parse(t.expiresAt) <= Date.now()) {
    return { live: false, text: translate(m.expired, { date: day(t.expiresAt) }) };
  }
  return { live: true, text: t.expiresAt ? translate(m.validUntil, { date: day(t.expiresAt) }) : m.valid };
}

function TokenList({ tokens, onDone }: { tokens: TokenView[]; onDone: (outcome: Outcome) => void }) {
  const { m, language, locale } = useAdminMessages();
  const roles = useSessionMessages().roles;
  if (tokens.length === 0) return <p className="text-sm text-slate-700">{m.noTokens}</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="token-list">
      {tokens.map((t) => {
        const state = tokenState(t, m, language);
        return (
          <li key={t.id} className="py-3" data-testid={`token-${t.id}`}>
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0 flex-1 space-y-1">
                <p className="font-medium text-slate-900">
                  {t.name} <code className="text-xs font-normal text-slate-600">{t.id}</code>
                </p>
                <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-sm text-slate-700">
                  <dt className="text-slate-600">{m.tokenUser}</dt>
                  <dd>
                    {t.userName} ({roles[t.role]})
                  </dd>
                  <dt className="text-slate-600">{m.scopes}</dt>
                  <dd>{t.scopes.join(', ')}</dd>
                  <dt className="text-slate-600">{m.tokenState}</dt>
                  <dd>
                    <span
                      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ${
                        state.live ? 'bg-emerald-100 text-emerald-900' : 'bg-slate-200 text-slate-800'
                      }`}
                    >
                      {state.text}
                    </span>
                  </dd>
                  <dt className="text-slate-600">{m.lastUsed}</dt>
                  <dd>{t.lastUsedAt ? formatTimestamp(t.lastUsedAt, locale) : m.neverUsed}</dd>
                  <dt className="text-slate-600">{m.created}</dt>
                  <dd>{formatTimestamp(t.createdAt, locale)}</dd>
                </dl>
              </div>
              {!t.revokedAt && <RevokeButton token={t} onDone={onDone} />}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function RevokeButton({ token, onDone }: { token: TokenView; onDone: (outcome: Outcome) => void }) {
  const { m } = useAdminMessages();
  const [busy, setBusy] = useState(false);
  const revoke = async () => {
    if (!window.confirm(translate(m.confirmRevoke, { name: token.name }))) return;
    setBusy(true);
    try {
      await sendJson('DELETE', `${TOKENS_URL}/${encodeURIComponent(token.id)}`);
      onDone({ kind: 'info', text: translate(m.revokedDone, { name: token.name }) });
    } catch (error) {
      onDone({ kind: 'error', text: errorText(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className={ADMIN_SECONDARY}
      disabled={busy}
      onClick={() => void revoke()}
      aria-label={translate(m.revokeFor, { name: token.name, id: token.id })}
    >
      {m.revoke}
    </button>
  );
}

function AddTokenForm({
  users,
  onCreated,
}: {
  users: string[];
  onCreated: (created: TokenCreatedResponse & { name: string; user: string }) => void;
}) {
  const { m } = useAdminMessages();
  const id = useId();
  const [user, setUser] = useState('');
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>(['read']);
  const [days, setDays] = useState('90');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Outcome>(null);
  const chosenUser = user || users[0] || '';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = days.trim();
    const expiresDays = text === '' ? null : Number(text);
    if (expiresDays !== null && (!Number.isInteger(expiresDays) || expiresDays < 1 || expiresDays > 3650)) {
      setError({ kind: 'error', text: m.expiresHint });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body: AddTokenRequest = { userName: chosenUser, name: name.trim(), scopes, expiresDays };
      const created = await sendJson<TokenCreatedResponse>('POST', TOKENS_URL, body);
      onCreated({ ...created, name: body.name, user: chosenUser });
      setName('');
    } catch (e) {
      setError({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  const toggle = (scope: TokenScope, on: boolean) =>
    setScopes((now) => TOKEN_SCOPES.filter((s) => (s === scope ? on : now.includes(s))));
  return (
    <AdminPanel title={m.addTokenHeading} id="add-token-heading">
      <form onSubmit={submit} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-2">
          <label className="block text-sm font-medium text-slate-800" htmlFor={`${id}-user`}>
            {m.tokenUser}
            <select
              id={`${id}-user`}
              className={ADMIN_INPUT}
              value={chosenUser}
              onChange={(e) => setUser(e.target.value)}
            >
              {users.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm font-medium text-slate-800" htmlFor={`${id}-name`}>
            {m.tokenName}
            <input
              id={`${id}-name`}
              className={ADMIN_INPUT}
              value={name}
              maxLength={100}
              required
              autoComplete="off"
              onChange={(e) => setName(e.target.value)}
            />
          </label>
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">{m.scopes}</legend>
          <div className="mt-1 grid gap-1 sm:grid-cols-2">
            {TOKEN_SCOPES.map((scope) => (
              <label key={scope} className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  className="h-4 w-4 rounded border-slate-400"
                  checked={scopes.includes(scope)}
                  onChange={(e) => toggle(scope, e.target.checked)}
                />
                {m.scopeWords[scope]}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="block max-w-xs text-sm font-medium text-slate-800" htmlFor={`${id}-days`}>
          {m.expiresDays}
          <input
            id={`${id}-days`}
            className={ADMIN_INPUT}
            inputMode="numeric"
            value={days}
            aria-describedby={`${id}-days-hint`}
            onChange={(e) => setDays(e.target.value)}
          />
        </label>
        <p id={`${id}-days-hint`} className="text-xs text-slate-600">
          {m.expiresHint}
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={ADMIN_PRIMARY} disabled={busy || chosenUser === ''}>
            {busy ? m.adding : m.addToken}
          </button>
          <AdminOutcome outcome={error} />
        </div>
      </form>
    </AdminPanel>
  );
}
