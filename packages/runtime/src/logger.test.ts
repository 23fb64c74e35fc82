import { expect, test } from 'vitest';
import { createLogger } from './logger.ts';

test('passwords, tokens, cookies and credential URLs print as [Redacted], the rest as logged', () => {
  const lines: string[] = [];
  const log = createLogger('test', 'info', { write: (line: string) => lines.push(line) });
  log.info(
    {
      user: { name: 'stina', password: 'hemligt-1' },
      token: 'mk_abc',
      config: { smtpUrl: 'smtps://drift:hemligt-2@smtp.kommun.example', port: 3000 },
      req: {
        headers: { cookie: 'malkoll_session=hemligt-3', authorization: 'Bearer hemligt-4', accept: '*/*' },
      },
    },
    'signed in',
  );
  expect(lines).toHaveLength(1);
  const line = lines[0] as string;
  for (const secret of ['hemligt-1', 'mk_abc', 'hemligt-2', 'hemligt-3', 'hemligt-4']) {
    expect(line).not.toContain(secret);
  }
  const entry = JSON.parse(line);
  expect(entry).toMatchObject({
    msg: 'signed in',
    user: { name: 'stina', password: '[Redacted]' },
    token: '[Redacted]',
    config: { smtpUrl: '[Redacted]', port: 3000 },
    req: { headers: { cookie: '[Redacted]', authorization: '[Redacted]', accept: '*/*' } },
  });
});
