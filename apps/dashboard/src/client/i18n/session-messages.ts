import type { Role } from '../../shared/session-api.ts';
import type { Language } from './i18n.tsx';

// The words of sign-in, sign-out and the user menu, kept beside session.tsx.

export interface SessionMessages {
  signInHeading: string;
  signInLead: string;
  signInLeadPublic: string;
  nameLabel: string;
  passwordLabel: string;
  signIn: string;
  signingIn: string;
  signInWith: string;
  orDivider: string;
  signOut: string;
  signedInAs: string;
  roles: Record<Role, string>;
}

export const SESSION_MESSAGES: Record<Language, SessionMessages> = {
  sv: {
    signInHeading: 'Logga in',
    signInLead: 'Målkoll visas bara för inloggade. Logga in med ditt konto.',
    signInLeadPublic: 'Den här sidan är för inloggade. Logga in med ditt konto.',
    nameLabel: 'Användarnamn',
    passwordLabel: 'Lösenord',
    signIn: 'Logga in',
    signingIn: 'Loggar in …',
    signInWith: 'Logga in med {provider}',
    orDivider: 'eller med lokalt konto',
    signOut: 'Logga ut',
    signedInAs: 'Inloggad som {name}',
    roles: { viewer: 'läsare', steward: 'dataförvaltare', admin: 'administratör' },
  },
  en: {
    signInHeading: 'Sign in',
    signInLead: 'Målkoll is shown to signed-in users only. Sign in with your account.',
    signInLeadPublic: 'This page is for signed-in users. Sign in with your account.',
    nameLabel: 'User name',
    passwordLabel: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in …',
    signInWith: 'Sign in with {provider}',
    orDivider: 'or with a local account',
    signOut: 'Sign out',
    signedInAs: 'Signed in as {name}',
    roles: { viewer: 'viewer', steward: 'data steward', admin: 'administrator' },
  },
};
