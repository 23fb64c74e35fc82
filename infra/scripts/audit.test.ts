import { expect, test } from 'vitest';
import { judge } from './audit.mjs';

// The verdict on `pnpm audit --prod --json` output (the npm audit report shape pnpm prints).
const report = (advisories: Record<string, unknown>[]) =>
  JSON.stringify({
    advisories: Object.fromEntries(advisories.map((a, i) => [String(i + 1), a])),
    metadata: {
      vulnerabilities: {
        info: 0,
        low: 0,
        moderate: advisories.filter((a) => a.severity === 'moderate').length,
        high: advisories.filter((a) => a.severity === 'high').length,
        critical: 0,
      },
    },
  });
const advisory = (severity: string) => ({
  severity,
  module_name: 'example-lib',
  vulnerable_versions: '<1.2.3',
  title: 'Prototype pollution',
  url: 'https://example.org/advisory/1',
  findings: [{ version: '1.0.0', paths: ['apps__dashboard>example-lib'] }],
});

test('a high advisory fails the build and is named with its path', () => {
  const verdict = judge(report([advisory('moderate'), advisory('high')]));
  expect(verdict).toMatchObject({ ran: true, ok: false });
  expect(verdict.lines[0]).toBe('Dependency audit (production): 0 critical, 1 high, 1 moderate, 0 low');
  expect(verdict.lines[1]).toContain('high: example-lib <1.2.3: Prototype pollution');
  expect(verdict.lines[1]).toContain('apps__dashboard>example-lib');
});

test('moderate and low findings pass, and are counted', () => {
  expect(judge(report([advisory('moderate')]))).toMatchObject({ ran: true, ok: true });
  expect(judge(report([]))).toMatchObject({ ran: true, ok: true });
});

test('an audit service that does not answer is reported as not run, without its address', () => {
  const verdict = judge(
    JSON.stringify({
      error: {
        code: 'ERR_PNPM_AUDIT_BAD_RESPONSE',
        message: 'The audit endpoint (at https://x.example/a) responded with 405: ',
      },
    }),
  );
  expect(verdict).toMatchObject({ ran: false, ok: true });
  expect(verdict.lines[0]).toMatch(/^Dependency audit NOT run: ERR_PNPM_AUDIT_BAD_RESPONSE/);
  expect(verdict.lines[0]).not.toContain('x.example');
});

test('output that is not JSON fails', () => {
  expect(judge('ERR_SOMETHING')).toMatchObject({ ran: false, ok: false });
});
