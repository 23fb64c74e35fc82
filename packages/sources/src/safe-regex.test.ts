import { describe, expect, it } from 'vitest';
import { matchSkipRule } from './csv/row-rules.ts';
import { parseSourceDefinition } from './definition.ts';
import { backtrackingProblem, MAX_MATCHED_CHARS } from './safe-regex.ts';
import { checkSourceDefinition } from './steward/definition-problems.ts';

// A steward writes regular expressions into a definition (skip_rows[].matches, wide.columns); the
// worker and the dashboard's preview run them on every row. One that backtracks catastrophically
// (`^(a+)+$` on a 40-character cell takes minutes) froze the worker and its /health in the 2026-12 probe.

const long = (skipRows: unknown, wideColumns?: string) => ({
  id: 'regex',
  title: 'Regex',
  owner: { name: 'KLK' },
  kind: 'csv',
  location: { inbox: 'regex/*.csv' },
  mapping:
    wideColumns === undefined
      ? {
          layout: 'long',
          indicator: { value: 'x.y' },
          area: { value: '0586' },
          period: { column: 'Period' },
          value: { column: 'Värde' },
          skip_rows: skipRows,
        }
      : {
          layout: 'wide',
          indicator: { value: 'x.y' },
          area: { value: '0586' },
          wide: { columns: wideColumns, as: 'period' },
        },
});

describe('patterns that backtrack catastrophically are refused', () => {
  it.each([
    '^(a+)+$',
    '(a|a)*$',
    '(a|aa)+$',
    '^(\\w+\\s?)*$',
    '(\\d+)*x',
    '^(a*)*$',
    'a*a*a*a*b',
    '^(.*?,){11}P',
    '(x+x+)+y',
    '^(\\d|\\w)+$',
    '^(a|ab|b)*$',
    '^((Totalt|Total) )+$',
  ])('%s', (pattern) => {
    expect(backtrackingProblem(pattern)).not.toBeNull();
  });
});

describe('the patterns stewards write pass', () => {
  it.each([
    '^(Totalt|Summa)',
    '^Källa',
    '^\\s*$',
    '^\\d{4}$',
    '^(19|20)\\d{2}$',
    '^[0-9]{4}(-[0-9]{2})?$',
    '^\\d{4}M\\d{2}$',
    '^Q[1-4] \\d{4}$',
    '^(Kvinnor|Män|Totalt)$',
    '^.*summa.*$',
    'totalt',
    '^\\d{4}(T[1-3])?$',
  ])('%s', (pattern) => {
    expect(backtrackingProblem(pattern)).toBeNull();
  });
});

describe('a definition with such a pattern is refused, naming the field', () => {
  it('skip_rows[].matches: English for the CLI', () => {
    expect(() => parseSourceDefinition(long([{ column: 'Period', matches: '^(a+)+$' }]))).toThrow(
      /mapping\.skip_rows\[0\]\.matches: .*backtrack.*\(a\+\)\+/s,
    );
  });

  it('wide.columns: Swedish for the steward pages', () => {
    const checked = checkSourceDefinition(long(undefined, '^(\\d+)*x$'));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems).toEqual([
      { field: 'mapping.wide.columns', message: expect.stringMatching(/^Uttrycket kan fastna.*\(\\d\+\)\*/) },
    ]);
  });

  it('a stored definition saved before the check is refused when the worker parses it again, without running the pattern', () => {
    const started = performance.now();
    expect(() => parseSourceDefinition(long([{ column: 'Period', matches: '^(\\w+\\s?)*$' }]))).toThrow(
      /backtrack/,
    );
    // Run on the 40-character text below, the pattern alone would take minutes.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('a pattern longer than the analysis bound is refused', () => {
    expect(backtrackingProblem(`^(${'a'.repeat(600)})$`)).toMatch(/long/);
  });
});

describe('a skip rule tests a bounded part of a cell', () => {
  const rule = (matches: string) => ({
    index: 0,
    columnName: 'A',
    pattern: new RegExp(matches, 'iu'),
    source: matches,
    path: 'mapping.skip_rows[0]',
  });

  it(`sees the first ${MAX_MATCHED_CHARS} characters and no more`, () => {
    const cell = `${'x'.repeat(MAX_MATCHED_CHARS)}Totalt`;
    expect(matchSkipRule([cell], [rule('Totalt')])).toBeNull();
    expect(matchSkipRule([cell.slice(6)], [rule('Totalt')])).not.toBeNull();
    expect(matchSkipRule([`  Summa ${'y'.repeat(5_000)}`], [rule('^Summa')])).not.toBeNull();
  });
});
