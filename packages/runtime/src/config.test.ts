import { expect, test } from 'vitest';
import { loadConfig } from './config.ts';

test('alert settings: webhook alone, SMTP with its recipients, none by default', () => {
  expect(loadConfig({}, '/repo').alerts).toEqual({ emailTo: [] });
  expect(loadConfig({ ALERT_WEBHOOK_URL: 'https://hooks.example/T1/B2' }, '/repo').alerts).toEqual({
    webhookUrl: 'https://hooks.example/T1/B2',
    emailTo: [],
  });
  expect(
    loadConfig(
      {
        SMTP_URL: 'smtps://drift:hemligt@smtp.kommun.example:465',
        ALERT_EMAIL_TO: 'a@kommun.example, b@kommun.example',
      },
      '/repo',
    ).alerts,
  ).toEqual({
    smtpUrl: 'smtps://drift:hemligt@smtp.kommun.example:465',
    smtpFrom: 'malkoll@localhost',
    emailTo: ['a@kommun.example', 'b@kommun.example'],
  });
});

test('SMTP without recipients, or a URL that is not SMTP, stops the start with the reason', () => {
  expect(() => loadConfig({ SMTP_URL: 'smtp://127.0.0.1:25' }, '/repo')).toThrow(
    'ALERT_EMAIL_TO: required when SMTP_URL is set',
  );
  expect(() => loadConfig({ SMTP_URL: 'http://127.0.0.1:25', ALERT_EMAIL_TO: 'a@b.se' }, '/repo')).toThrow(
    /SMTP_URL/,
  );
});

test('OpenID Connect: off without an issuer; the role map parsed; incomplete settings stop the start', () => {
  expect(loadConfig({}, '/repo').dashboardAuth.oidc).toBeNull();
  const secret = 'hemlig-klientnyckel';
  const env = {
    OIDC_ISSUER: 'https://login.microsoftonline.com/tenant-id/v2.0',
    OIDC_CLIENT_ID: 'app-id',
    OIDC_CLIENT_SECRET: secret,
    OIDC_REDIRECT_URL: 'https://malkoll.kommun.example/api/session/oidc/callback',
    OIDC_ROLE_MAP: 'Malkoll.Admin=admin, Malkoll.Steward=steward',
  };
  expect(loadConfig(env, '/repo').dashboardAuth.oidc).toEqual({
    issuer: env.OIDC_ISSUER,
    clientId: 'app-id',
    clientSecret: secret,
    redirectUrl: env.OIDC_REDIRECT_URL,
    scopes: 'openid profile email',
    roleClaim: 'roles',
    roleMap: { 'Malkoll.Admin': 'admin', 'Malkoll.Steward': 'steward' },
    defaultRole: null,
    label: 'OpenID Connect',
  });
  expect(loadConfig({ ...env, OIDC_DEFAULT_ROLE: 'viewer' }, '/repo').dashboardAuth.oidc?.defaultRole).toBe(
    'viewer',
  );
  expect(() => loadConfig({ ...env, OIDC_REDIRECT_URL: undefined }, '/repo')).toThrow(
    'OIDC_REDIRECT_URL: required',
  );
  expect(() => loadConfig({ ...env, OIDC_ROLE_MAP: 'Malkoll.Admin=chef' }, '/repo')).toThrow(
    'OIDC_ROLE_MAP: "Malkoll.Admin=chef"',
  );
  // No mapping and no default role would refuse everyone: a mistake, said at start-up.
  expect(() => loadConfig({ ...env, OIDC_ROLE_MAP: '' }, '/repo')).toThrow(/OIDC_ROLE_MAP/);
  expect(() => loadConfig({ OIDC_CLIENT_ID: 'app-id' }, '/repo')).toThrow('OIDC_ISSUER: required');
  // The client secret never appears in an error.
  try {
    loadConfig({ ...env, OIDC_ISSUER: 'inte en adress' }, '/repo');
    expect.unreachable();
  } catch (err) {
    expect((err as Error).message).toContain('OIDC_ISSUER');
    expect((err as Error).message).not.toContain(secret);
  }
});

test('the dashboard asks for sign-in unless told otherwise; pnpm start chooses public-read itself', () => {
  expect(loadConfig({}, '/repo').dashboardAuth.mode).toBe('required');
  expect(loadConfig({ DASHBOARD_AUTH: 'public-read' }, '/repo').dashboardAuth.mode).toBe('public-read');
  expect(() => loadConfig({ DASHBOARD_AUTH: 'open' }, '/repo')).toThrow(/DASHBOARD_AUTH/);
});

test('the dashboard upload limit: 50 MB unless DASHBOARD_UPLOAD_MAX_MB says otherwise; nonsense stops the start', () => {
  expect(loadConfig({}, '/repo').dashboardUploadMaxBytes).toBe(50 * 1024 * 1024);
  expect(loadConfig({ DASHBOARD_UPLOAD_MAX_MB: '2.5' }, '/repo').dashboardUploadMaxBytes).toBe(2_621_440);
  expect(() => loadConfig({ DASHBOARD_UPLOAD_MAX_MB: '0' }, '/repo')).toThrow(/DASHBOARD_UPLOAD_MAX_MB/);
});
