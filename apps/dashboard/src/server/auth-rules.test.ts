import { describe, expect, test } from 'vitest';
import { safeNextPath } from '../shared/safe-next.ts';
import { tokenScopeFor } from './auth.ts';
import { roleFromClaim } from './oidc.ts';

describe('tokenScopeFor: the scope a bearer request needs', () => {
  test.each([
    ['GET', '/api/plans', 'read'],
    ['GET', '/api/sources/kolada/runs', 'read'],
    ['HEAD', '/api/explorer.csv', 'read'],
    ['POST', '/api/sources/kolada/runs', 'runs'],
    ['POST', '/api/sources/kolada/files', 'runs'],
    ['POST', '/api/sources', 'sources'],
    ['PUT', '/api/sources/kolada', 'sources'],
    ['DELETE', '/api/sources/kolada', 'sources'],
    ['POST', '/api/sources/preview', 'sources'],
    ['PATCH', '/api/plans/p1/goals/g1', 'plans'],
    ['PUT', '/api/plans/p1/baselines', 'plans'],
  ] as const)('%s %s needs %s', (method, path, scope) => {
    expect(tokenScopeFor(method, path)).toBe(scope);
  });

  test.each([
    ['GET', '/api/session'],
    ['POST', '/api/session'],
    ['GET', '/api/session/oidc/start'],
    ['GET', '/admin/queues/api/queues'],
    ['PUT', '/admin/queues/api/queues/ingest/pause'],
    // A mutating route no scope names stays closed until someone decides.
    ['POST', '/api/users'],
    ['OPTIONS', '/api/plans'],
    ['GET', '/'],
  ] as const)('%s %s is closed to tokens', (method, path) => {
    expect(tokenScopeFor(method, path)).toBeNull();
  });
});

describe('roleFromClaim: the role an OpenID Connect sign-in gets', () => {
  const map = { 'Malkoll.Admin': 'admin', 'Malkoll.Steward': 'steward' } as const;
  test('the highest mapped value wins, in any order', () => {
    expect(roleFromClaim(['Malkoll.Steward', 'Malkoll.Admin'], map, null)).toBe('admin');
    expect(roleFromClaim(['Malkoll.Admin', 'Malkoll.Steward'], map, null)).toBe('admin');
  });
  test('a single string claim counts like a one-element array', () => {
    expect(roleFromClaim('Malkoll.Steward', map, null)).toBe('steward');
  });
  test('no mapped value: the default role, or null (refuse)', () => {
    expect(roleFromClaim(['Other.App'], map, null)).toBeNull();
    expect(roleFromClaim(undefined, map, 'viewer')).toBe('viewer');
    expect(roleFromClaim([], map, null)).toBeNull();
  });
  test('a mapped value beats the default even when the default is higher', () => {
    expect(roleFromClaim(['Malkoll.Steward'], map, 'admin')).toBe('steward');
  });
  test('inherited object keys are not claim values', () => {
    expect(roleFromClaim(['constructor', 'toString'], map, null)).toBeNull();
  });
});

describe('safeNextPath: where a sign-in (form or OpenID Connect) returns to', () => {
  test.each([
    ['/mal/plan-1?asOf=2026-06-30', '/mal/plan-1?asOf=2026-06-30'],
    ['/', '/'],
    [undefined, '/'],
    ['', '/'],
    ['https://annan.example/', '/'],
    ['//annan.example/', '/'],
    ['/\\annan.example', '/'],
    ['/ok\r\nSet-Cookie: x=1', '/'],
    // A browser drops the tab, and /\t/annan.example becomes //annan.example.
    ['/\t/annan.example', '/'],
    [null, '/'],
  ])('%j → %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});
