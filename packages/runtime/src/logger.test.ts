import { Writable } from 'node:stream';
import { expect, test } from 'vitest';
import { createLogger, resolveLogFormat } from './logger.ts';

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

test('pretty lines are for people: time, level, service and message on one line, secrets still redacted', () => {
  let out = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  const log = createLogger('worker', 'info', sink, 'pretty');
  log.info({ run_id: 12, token: 'mk_hemligt' }, 'ingest succeeded');
  expect(out).toMatch(/^\[\d{2}:\d{2}:\d{2}\] INFO: worker: ingest succeeded/);
  expect(out).toContain('"run_id":12');
  expect(out).toContain('"token":"[Redacted]"');
  expect(out).not.toContain('mk_hemligt');
  expect(out.split('\n').filter(Boolean)).toHaveLength(1);
});

test('LOG_FORMAT auto is pretty on a terminal and JSON otherwise; json and pretty are taken as said', () => {
  expect(resolveLogFormat('auto', true)).toBe('pretty');
  expect(resolveLogFormat('auto', false)).toBe('json');
  expect(resolveLogFormat(undefined, false)).toBe('json');
  expect(resolveLogFormat('json', true)).toBe('json');
  expect(resolveLogFormat('pretty', false)).toBe('pretty');
});
