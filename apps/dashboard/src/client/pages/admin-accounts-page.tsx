import { type FormEvent, useId, useState } from 'react';
import type {
  AccountAuditView,
  AccountsResponse,
  AccountView,
  AddAccountRequest,
  PasswordResponse,
} from '../../shared/admin-api.ts';
import { ROLES, type Role } from '../../shared/session-api.ts';
import { sendJson, useJson } from '../api.ts';
import {
  ADMIN_INPUT,
  ADMIN_PRIMARY,
  ADMIN_SECONDARY,
  AdminOutcome,
  AdminPanel,
  AdminShell,
  OneTimeSecret,
} from '../components/admin-shell.tsx';
import { StatePanel } from '../components/state-panel.tsx';
import { useAdminMessages } from '../i18n/admin-messages.ts';
import { formatTimestamp } from '../i18n/format.ts';
import { translate } from '../i18n/i18n.tsx';
import { useSession, useSessionMessages } from '../session.tsx';

// Accounts for admins: the list with role and state, add with a role, change a role, a new password
// (shown once), disable and enable. Each action is one call to /api/admin (admin-accounts.ts), which
// audits it; the list reloads after each so what is shown is what is stored.

type Outcome = { kind: 'error' | 'info'; text: string } | null;
const ACCOUNTS_URL = '/api/admin/accounts';
const accountUrl = (name: string) => `${ACCOUNTS_URL}/${encodeURIComponent(name)}`;
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export default function AdminAccountsPage() {
  return (
    <AdminShell current="accounts">
      <AccountsBody />
    </AdminShell>
  );
}

function AccountsBody() {
  const { m } = useAdminMessages();
  const answer = useJson<AccountsResponse>(ACCOUNTS_URL);
  const [secret, setSecret] = useState<PasswordResponse | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  if (answer.state === 'error') {
    return (
      <StatePanel kind="error" message={m.loadError} detail={answer.error.message} onRetry={answer.reload} />
    );
  }
  if (!answer.data) return <StatePanel kind="loading" message={m.loading} />;
  const done = (next: { outcome?: Outcome; secret?: PasswordResponse }) => {
    setOutcome(next.outcome ?? null);
    if (next.secret) setSecret(next.secret);
    answer.reload();
  };
  return (
    <>
      <AdminPanel title={m.accountsHeading} id="accounts-heading">
        <p className="max-w-prose text-sm text-slate-700">{m.accountsIntro}</p>
        {secret && (
          <OneTimeSecret
            heading={translate(m.passwordOnce, { name: secret.name })}
            hint={translate(m.passwordOnceHint, { name: secret.name })}
            secret={secret.password}
            onDone={() => setSecret(null)}
          />
        )}
        <AdminOutcome outcome={outcome} />
        <AccountsTable accounts={answer.data.accounts} onDone={done} />
      </AdminPanel>
      <AddAccountForm onDone={done} />
      <AuditList entries={answer.data.audit} />
    </>
  );
}

function AccountsTable({
  accounts,
  onDone,
}: {
  accounts: AccountView[];
  onDone: (next: { outcome?: Outcome; secret?: PasswordResponse }) => void;
}) {
  const { m, locale } = useAdminMessages();
  return (
    <>
      {/* A table from the small breakpoint up; a list of cards on a phone (no sideways scroll). */}
      <table className="hidden w-full text-left text-sm sm:table">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-3 font-semibold">
              {m.name}
            </th>
            <th scope="col" className="py-2 pr-3 font-semibold">
              {m.role}
            </th>
            <th scope="col" className="py-2 pr-3 font-semibold">
              {m.state}
            </th>
            <th scope="col" className="py-2 pr-3 font-semibold">
              {m.lastSignIn}
            </th>
            <th scope="col" className="py-2 font-semibold">
              {m.actions}
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr
              key={a.name}
              className="border-b border-slate-100 align-top"
              data-testid={`account-${a.name}`}
            >
              <th scope="row" className="py-2 pr-3 font-medium text-slate-900">
                <AccountName account={a} />
              </th>
              <td className="py-2 pr-3">
                <RoleSelect account={a} onDone={onDone} />
              </td>
              <td className="py-2 pr-3">
                <StateWord disabled={a.disabled} />
              </td>
              <td className="py-2 pr-3 text-slate-700">
                {a.lastSignInAt ? formatTimestamp(a.lastSignInAt, locale) : m.never}
              </td>
              <td className="py-2">
                <AccountActions account={a} onDone={onDone} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="space-y-3 sm:hidden">
        {accounts.map((a) => (
          <li
            key={a.name}
            className="space-y-2 rounded-md border border-slate-200 p-3"
            data-testid={`account-card-${a.name}`}
          >
            <p className="flex flex-wrap items-center justify-between gap-2 font-medium text-slate-900">
              <AccountName account={a} />
              <StateWord disabled={a.disabled} />
            </p>
            <p className="text-sm text-slate-700">
              {m.lastSignIn}: {a.lastSignInAt ? formatTimestamp(a.lastSignInAt, locale) : m.never}
            </p>
            <RoleSelect account={a} onDone={onDone} />
            <AccountActions account={a} onDone={onDone} />
          </li>
        ))}
      </ul>
    </>
  );
}

function AccountName({ account }: { account: AccountView }) {
  const { m } = useAdminMessages();
  const { session } = useSession();
  return (
    <span>
      {account.name}
      {session?.user?.name === account.name && (
        <span className="ml-1 font-normal text-slate-600">{m.you}</span>
      )}
      {account.signIn === 'oidc' && (
        <span className="block text-xs font-normal text-slate-600">{m.oidcAccount}</span>
      )}
    </span>
  );
}

function StateWord({ disabled }: { disabled: boolean }) {
  const { m } = useAdminMessages();
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-semibold ${
        disabled ? 'bg-slate-200 text-slate-800' : 'bg-emerald-100 text-emerald-900'
      }`}
    >
      {disabled ? m.disabled : m.active}
    </span>
  );
}

function RoleSelect({
  account,
  onDone,
}: {
  account: AccountView;
  onDone: (next: { outcome?: Outcome }) => void;
}) {
  const { m } = useAdminMessages();
  const roles = useSessionMessages().roles;
  const [busy, setBusy] = useState(false);
  const change = async (role: Role) => {
    setBusy(true);
    try {
      await sendJson('PUT', `${accountUrl(account.name)}/role`, { role });
      onDone({
        outcome: { kind: 'info', text: translate(m.roleChanged, { name: account.name, role: roles[role] }) },
      });
    } catch (error) {
      onDone({ outcome: { kind: 'error', text: errorText(error) } });
    } finally {
      setBusy(false);
    }
  };
  return (
    <select
      aria-label={translate(m.roleFor, { name: account.name })}
      className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 focus:border-blue-600 focus:outline-none focus:ring-1 focus:ring-blue-600"
      value={account.role}
      disabled={busy}
      onChange={(e) => void change(e.target.value as Role)}
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {roles[r]}
        </option>
      ))}
    </select>
  );
}

function AccountActions({
  account,
  onDone,
}: {
  account: AccountView;
  onDone: (next: { outcome?: Outcome; secret?: PasswordResponse }) => void;
}) {
  const { m } = useAdminMessages();
  const { session } = useSession();
  const [busy, setBusy] = useState(false);
  const self = session?.user?.name === account.name;
  const act = async (work: () => Promise<{ outcome?: Outcome; secret?: PasswordResponse }>) => {
    setBusy(true);
    try {
      onDone(await work());
    } catch (error) {
      onDone({ outcome: { kind: 'error', text: errorText(error) } });
    } finally {
      setBusy(false);
    }
  };
  const reset = () => {
    if (!window.confirm(translate(m.confirmReset, { name: account.name }))) return;
    void act(async () => ({
      secret: await sendJson<PasswordResponse>('POST', `${accountUrl(account.name)}/password`),
    }));
  };
  const setDisabled = (disabled: boolean) => {
    if (disabled && !window.confirm(translate(m.confirmDisable, { name: account.name }))) return;
    void act(async () => {
      await sendJson('PUT', `${accountUrl(account.name)}/disabled`, { disabled });
      const text = translate(disabled ? m.disabledDone : m.enabledDone, { name: account.name });
      return { outcome: { kind: 'info', text } };
    });
  };
  return (
    <div className="flex flex-wrap gap-2">
      <button
        type="button"
        className={ADMIN_SECONDARY}
        disabled={busy}
        onClick={reset}
        aria-label={translate(m.resetPasswordFor, { name: account.name })}
      >
        {m.resetPassword}
      </button>
      {account.disabled ? (
        <button
          type="button"
          className={ADMIN_SECONDARY}
          disabled={busy}
          onClick={() => setDisabled(false)}
          aria-label={translate(m.enableFor, { name: account.name })}
        >
          {m.enable}
        </button>
      ) : (
        !self && (
          <button
            type="button"
            className={ADMIN_SECONDARY}
            disabled={busy}
            onClick={() => setDisabled(true)}
            aria-label={translate(m.disableFor, { name: account.name })}
          >
            {m.disable}
          </button>
        )
      )}
    </div>
  );
}

function AddAccountForm({
  onDone,
}: {
  onDone: (next: { outcome?: Outcome; secret?: PasswordResponse }) => void;
}) {
  const { m } = useAdminMessages();
  const roles = useSessionMessages().roles;
  const id = useId();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Outcome>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: AddAccountRequest = { name: name.trim(), role };
      const secret = await sendJson<PasswordResponse>('POST', ACCOUNTS_URL, body);
      setName('');
      onDone({ secret });
    } catch (e) {
      setError({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <AdminPanel title={m.addAccountHeading} id="add-account-heading">
      <form onSubmit={submit} className="space-y-3">
        <div className="grid gap-3 sm:grid-cols-2">
          <label className="block text-sm font-medium text-slate-800" htmlFor={`${id}-name`}>
            {m.name}
            <input
              id={`${id}-name`}
              className={ADMIN_INPUT}
              value={name}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              aria-describedby={`${id}-hint`}
              onChange={(e) => setName(e.target.value)}
              required
            />
          </label>
          <label className="block text-sm font-medium text-slate-800" htmlFor={`${id}-role`}>
            {m.role}
            <select
              id={`${id}-role`}
              className={ADMIN_INPUT}
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {roles[r]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {m.nameHint}
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={ADMIN_PRIMARY} disabled={busy}>
            {busy ? m.adding : m.addAccount}
          </button>
          <AdminOutcome outcome={error} />
        </div>
      </form>
    </AdminPanel>
  );
}

function AuditList({ entries }: { entries: AccountAuditView[] }) {
  const { m, locale } = useAdminMessages();
  const roles = useSessionMessages().roles;
  return (
    <AdminPanel title={m.historyHeading} id="account-history-heading">
      {entries.length === 0 ? (
        <p className="text-sm text-slate-700">{m.historyEmpty}</p>
      ) : (
        <ol className="space-y-1.5 text-sm" data-testid="account-history">
          {entries.map((e) => {
            const detail = e.detail as { role?: Role; from?: Role; name?: string };
            const token = detail.name ? `”${detail.name}”` : (e.tokenId ?? '');
            return (
              <li key={e.id} className="text-slate-800">
                <span className="text-slate-600">{formatTimestamp(e.at, locale)}</span>{' '}
                {translate(m.auditLine[e.action], { actor: e.actorName, user: e.userName, token })}
                {e.action === 'user.role' && detail.from && detail.role && (
                  <span>
                    : {roles[detail.from]} → {roles[detail.role]}
                  </span>
                )}
                {e.action === 'user.add' && detail.role && <span> ({roles[detail.role]})</span>}
              </li>
            );
          })}
        </ol>
      )}
    </AdminPanel>
  );
}
