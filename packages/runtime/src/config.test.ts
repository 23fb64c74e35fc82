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

test('the dashboard asks for sign-in unless told otherwise; pnpm start chooses public-read itself', () => {
  expect(loadConfig({}, '/repo').dashboardAuth.mode).toBe('required');
  expect(loadConfig({ DASHBOARD_AUTH: 'public-read' }, '/repo').dashboardAuth.mode).toBe('public-read');
  expect(() => loadConfig({ DASHBOARD_AUTH: 'open' }, '/repo')).toThrow(/DASHBOARD_AUTH/);
});
