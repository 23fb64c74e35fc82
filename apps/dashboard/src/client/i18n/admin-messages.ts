import type { AccountAction, TokenScope } from '../../shared/admin-api.ts';
import { type Language, useI18n } from './i18n.tsx';

// The words of the admin pages (accounts and API tokens) and the admin link in the user menu, kept apart
// from the shared message file so this area's texts live in one place.

export interface AdminMessages {
  navLink: string;
  title: string;
  backToPlans: string;
  tabsLabel: string;
  accountsTab: string;
  tokensTab: string;
  adminsOnly: string;
  loading: string;
  loadError: string;
  retry: string;
  // Accounts
  accountsHeading: string;
  accountsIntro: string;
  name: string;
  role: string;
  state: string;
  lastSignIn: string;
  never: string;
  actions: string;
  active: string;
  disabled: string;
  oidcAccount: string;
  you: string;
  roleFor: string;
  resetPassword: string;
  resetPasswordFor: string;
  disable: string;
  disableFor: string;
  enable: string;
  enableFor: string;
  confirmReset: string;
  confirmDisable: string;
  addAccountHeading: string;
  nameHint: string;
  addAccount: string;
  adding: string;
  passwordOnce: string;
  passwordOnceHint: string;
  copied: string;
  copy: string;
  hide: string;
  roleChanged: string;
  disabledDone: string;
  enabledDone: string;
  historyHeading: string;
  historyEmpty: string;
  auditLine: Record<AccountAction, string>;
  // Tokens
  tokensHeading: string;
  tokensIntro: string;
  tokenUser: string;
  tokenName: string;
  scopes: string;
  scopeWords: Record<TokenScope, string>;
  expires: string;
  expiresDays: string;
  expiresHint: string;
  noExpiry: string;
  created: string;
  lastUsed: string;
  neverUsed: string;
  tokenState: string;
  valid: string;
  validUntil: string;
  expired: string;
  revoked: string;
  revoke: string;
  revokeFor: string;
  confirmRevoke: string;
  revokedDone: string;
  addTokenHeading: string;
  addToken: string;
  tokenOnce: string;
  tokenOnceHint: string;
  noTokens: string;
}

export const ADMIN_MESSAGES: Record<Language, AdminMessages> = {
  sv: {
    navLink: 'Administration',
    title: 'Administration',
    backToPlans: 'Till planerna',
    tabsLabel: 'Administration',
    accountsTab: 'Konton',
    tokensTab: 'API-nycklar',
    adminsOnly: 'Den här sidan är bara för administratörer.',
    loading: 'Hämtar …',
    loadError: 'Det gick inte att hämta uppgifterna.',
    retry: 'Försök igen',
    accountsHeading: 'Konton',
    accountsIntro:
      'Lösenord skapas av systemet och visas en gång. Ändrad roll, nytt lösenord och avstängning avslutar kontots inloggningar.',
    name: 'Namn',
    role: 'Roll',
    state: 'Status',
    lastSignIn: 'Senast inloggad',
    never: 'aldrig',
    actions: 'Åtgärder',
    active: 'Aktivt',
    disabled: 'Avstängt',
    oidcAccount: 'loggar in via OpenID Connect',
    you: '(du)',
    roleFor: 'Roll för {name}',
    resetPassword: 'Nytt lösenord',
    resetPasswordFor: 'Nytt lösenord för {name}',
    disable: 'Stäng av',
    disableFor: 'Stäng av {name}',
    enable: 'Aktivera',
    enableFor: 'Aktivera {name}',
    confirmReset: 'Ge {name} ett nytt lösenord? Det gamla slutar fungera och kontots inloggningar avslutas.',
    confirmDisable: 'Stänga av {name}? Kontot kan inte logga in och dess API-nycklar slutar fungera.',
    addAccountHeading: 'Nytt konto',
    nameHint: 'Gemena bokstäver a–z, siffror och . _ @ -, 2–64 tecken.',
    addAccount: 'Skapa konto',
    adding: 'Skapar …',
    passwordOnce: 'Lösenord för {name}',
    passwordOnceHint:
      'Visas bara nu. Ge det till {name} på ett säkert sätt; det går inte att visa igen, bara att ersätta.',
    copied: 'Kopierat.',
    copy: 'Kopiera',
    hide: 'Klar, dölj',
    roleChanged: '{name} har nu rollen {role}.',
    disabledDone: '{name} är avstängt.',
    enabledDone: '{name} är aktiverat igen.',
    historyHeading: 'Senaste ändringar',
    historyEmpty: 'Inga ändringar ännu.',
    auditLine: {
      'user.add': '{actor} skapade kontot {user}',
      'user.role': '{actor} ändrade rollen för {user}',
      'user.reset': '{actor} gav {user} ett nytt lösenord',
      'user.disable': '{actor} stängde av {user}',
      'user.enable': '{actor} aktiverade {user}',
      'token.add': '{actor} skapade API-nyckeln {token} för {user}',
      'token.revoke': '{actor} återkallade API-nyckeln {token} för {user}',
    },
    tokensHeading: 'API-nycklar',
    tokensIntro:
      'En nyckel får göra det dess användares roll tillåter, begränsat av behörigheterna. Nyckeln visas en gång; en förlorad nyckel återkallas och ersätts.',
    tokenUser: 'Användare',
    tokenName: 'Vad nyckeln används till',
    scopes: 'Behörigheter',
    scopeWords: {
      read: 'read – läsa allt under /api',
      runs: 'runs – köra en källa, ladda upp filer',
      sources: 'sources – definiera och ändra källor',
      plans: 'plans – ändra planer',
    },
    expires: 'Gäller',
    expiresDays: 'Giltig i antal dagar',
    expiresHint: 'Tomt: gäller tills den återkallas. Högst 3 650 dagar.',
    noExpiry: 'tills vidare',
    created: 'Skapad',
    lastUsed: 'Senast använd',
    neverUsed: 'aldrig',
    tokenState: 'Status',
    valid: 'Gäller',
    validUntil: 'Gäller till {date}',
    expired: 'Gick ut {date}',
    revoked: 'Återkallad {date}',
    revoke: 'Återkalla',
    revokeFor: 'Återkalla {name} ({id})',
    confirmRevoke: 'Återkalla API-nyckeln {name}? Den slutar fungera direkt.',
    revokedDone: 'API-nyckeln {name} är återkallad.',
    addTokenHeading: 'Ny API-nyckel',
    addToken: 'Skapa nyckel',
    tokenOnce: 'API-nyckel {name} för {user}',
    tokenOnceHint:
      'Visas bara nu. Skicka den som huvudet Authorization: Bearer <nyckel>. Databasen sparar bara ett kontrollvärde.',
    noTokens: 'Inga API-nycklar ännu.',
  },
  en: {
    navLink: 'Administration',
    title: 'Administration',
    backToPlans: 'Till planerna',
    tabsLabel: 'Administration',
    accountsTab: 'Accounts',
    tokensTab: 'API tokens',
    adminsOnly: 'This page is for administrators only.',
    loading: 'Loading …',
    loadError: 'The data could not be loaded.',
    retry: 'Try again',
    accountsHeading: 'Accounts',
    accountsIntro:
      'Passwords are generated and shown once. A role change, a new password and disabling end the account’s sessions.',
    name: 'Name',
    role: 'Role',
    state: 'State',
    lastSignIn: 'Last signed in',
    never: 'never',
    actions: 'Actions',
    active: 'Active',
    disabled: 'Disabled',
    oidcAccount: 'signs in through OpenID Connect',
    you: '(you)',
    roleFor: 'Role of {name}',
    resetPassword: 'New password',
    resetPasswordFor: 'New password for {name}',
    disable: 'Disable',
    disableFor: 'Disable {name}',
    enable: 'Enable',
    enableFor: 'Enable {name}',
    confirmReset: 'Give {name} a new password? The old one stops working and the account’s sessions end.',
    confirmDisable: 'Disable {name}? The account cannot sign in and its API tokens stop working.',
    addAccountHeading: 'New account',
    nameHint: 'Lower-case letters a–z, digits and . _ @ -, 2–64 characters.',
    addAccount: 'Create account',
    adding: 'Creating …',
    passwordOnce: 'Password for {name}',
    passwordOnceHint: 'Shown only now. Hand it to {name} safely; it cannot be shown again, only replaced.',
    copied: 'Copied.',
    copy: 'Copy',
    hide: 'Done, hide',
    roleChanged: '{name} now has the role {role}.',
    disabledDone: '{name} is disabled.',
    enabledDone: '{name} is enabled again.',
    historyHeading: 'Recent changes',
    historyEmpty: 'No changes yet.',
    auditLine: {
      'user.add': '{actor} created the account {user}',
      'user.role': '{actor} changed the role of {user}',
      'user.reset': '{actor} gave {user} a new password',
      'user.disable': '{actor} disabled {user}',
      'user.enable': '{actor} enabled {user}',
      'token.add': '{actor} created the API token {token} for {user}',
      'token.revoke': '{actor} revoked the API token {token} of {user}',
    },
    tokensHeading: 'API tokens',
    tokensIntro:
      'A token may do what its user’s role allows, limited by its scopes. The token is shown once; a lost token is revoked and replaced.',
    tokenUser: 'User',
    tokenName: 'What the token is for',
    scopes: 'Scopes',
    scopeWords: {
      read: 'read – read everything under /api',
      runs: 'runs – run a source, upload files',
      sources: 'sources – define and change sources',
      plans: 'plans – edit plans',
    },
    expires: 'Valid',
    expiresDays: 'Valid for days',
    expiresHint: 'Empty: valid until revoked. At most 3,650 days.',
    noExpiry: 'until revoked',
    created: 'Created',
    lastUsed: 'Last used',
    neverUsed: 'never',
    tokenState: 'State',
    valid: 'Valid',
    validUntil: 'Valid until {date}',
    expired: 'Expired {date}',
    revoked: 'Revoked {date}',
    revoke: 'Revoke',
    revokeFor: 'Revoke {name} ({id})',
    confirmRevoke: 'Revoke the API token {name}? It stops working at once.',
    revokedDone: 'The API token {name} is revoked.',
    addTokenHeading: 'New API token',
    addToken: 'Create token',
    tokenOnce: 'API token {name} for {user}',
    tokenOnceHint:
      'Shown only now. Send it as the header Authorization: Bearer <token>. The database keeps only a check value.',
    noTokens: 'No API tokens yet.',
  },
};

export function useAdminMessages() {
  const i18n = useI18n();
  return { ...i18n, m: ADMIN_MESSAGES[i18n.language] };
}
