import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvSourceDefinition } from '../definition.ts';
import { corpusContext } from '../fixtures/context.ts';
import { readCsv } from './read-csv.ts';
import { chunksOf } from './test-helpers.ts';
import type { ReadSummary } from './types.ts';

/*
 * Rows and values are counted apart. Every data row after the header is exactly one of loaded (gave a
 * value), rejected (gave none, and at least one rejection) or skipped by rule, for long and wide files
 * alike; the values a wide row gives are counted as values.
 */

const definition = (mapping: Record<string, unknown>) =>
  parseCsvSourceDefinition({
    id: 'rader',
    title: 'Rader',
    owner: { name: 'Test' },
    kind: 'csv',
    location: { inbox: 'rader.csv' },
    mapping,
  });

async function summaryOf(content: string | Buffer, mapping: Record<string, unknown>): Promise<ReadSummary> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const reader = readCsv(chunksOf(bytes, 11), definition(mapping), corpusContext, { batchSize: 2 });
  for (;;) {
    const next = await reader.next();
    if (next.done) return next.value;
  }
}

const identity = (s: ReadSummary) => s.rowsLoaded + s.skipped + s.rowsRejected;

const wideYears = {
  layout: 'wide',
  indicator: { value: 'x.folkmangd' },
  area: { column: 'Kommun' },
  wide: { columns: '^\\d{4}$', as: 'period' },
};

describe('row accounting', () => {
  it('a wide file: 7 rows read = 4 loaded + 3 skipped, and its 12 values counted apart', async () => {
    const text = [
      'Kommun;2014;2015;2016',
      '0586;1;2;3',
      '0884;4;5;6',
      '',
      '0512;7;8;9',
      '2029;10;11;12',
      'Totalt;22;26;30',
      'Källa: SCB',
      '',
    ].join('\n');
    const s = await summaryOf(text, wideYears);
    expect(s).toMatchObject({
      rowsRead: 7,
      rowsLoaded: 4,
      skipped: 3,
      rowsRejected: 0,
      facts: 12,
      rejected: 0,
    });
    expect(identity(s)).toBe(s.rowsRead);
  });

  it('a wide row with one bad cell is a loaded row with a rejected value; a row with only bad cells is rejected', async () => {
    const text = [
      'Kommun;2014;2015;2016',
      '0586;1;x;3', // loaded: two values, one rejected value
      '0884;y;z;w', // rejected: three rejected values, no value
      '9999;1;2;3', // rejected once as a whole (unknown area)
      '',
    ].join('\n');
    const s = await summaryOf(text, wideYears);
    expect(s).toMatchObject({
      rowsRead: 3,
      rowsLoaded: 1,
      rowsRejected: 2,
      skipped: 0,
      facts: 2,
      rejected: 5,
    });
    expect(identity(s)).toBe(s.rowsRead);
  });

  it('the SCB walk-through file (unknown region, bad cell, short row, footnote) balances', async () => {
    const bytes = readFileSync(new URL('../../fixtures/scb-wide-latin1-errors.csv', import.meta.url));
    const s = await summaryOf(bytes, { ...wideYears, area: { column: 'region' } });
    // Mjölby 3 values; Okänd rejected; Vimmerby 2 values + 1 bad cell; Ydre too short; blank; Källa.
    expect(s).toMatchObject({
      rowsRead: 6,
      rowsLoaded: 2,
      rowsRejected: 2,
      skipped: 2,
      facts: 5,
      rejected: 3,
    });
    expect(identity(s)).toBe(s.rowsRead);
  });

  it('a long file with skips and rejections: one value per loaded row', async () => {
    const text = [
      'Kommun;År;Värde',
      '0586;2015;120',
      '0884;2015;abc', // rejected value
      'Okänd;2015;5', // rejected area
      '0512;2015;..', // a missing marker is a loaded row (stored as missing), not a rejection
      ';;', // blank
      'Totalt;2015;200', // summary row
      'Anm: preliminärt', // footnote
      '',
    ].join('\n');
    const s = await summaryOf(text, {
      layout: 'long',
      indicator: { value: 'x.test' },
      area: { column: 'Kommun' },
      period: { column: 'År' },
      value: { column: 'Värde' },
    });
    expect(s).toMatchObject({
      rowsRead: 7,
      rowsLoaded: 2,
      rowsRejected: 2,
      skipped: 3,
      facts: 2,
      rejected: 2,
    });
    expect(identity(s)).toBe(s.rowsRead);
  });

  it('a one-field line between data rows is a rejected row; one after the data is a skipped footnote', async () => {
    const text = ['Kommun;År;Värde', '0586;2015;1', 'trasig rad', '0884;2015;2', 'Sista raden', ''].join(
      '\n',
    );
    const s = await summaryOf(text, {
      layout: 'long',
      indicator: { value: 'x.test' },
      area: { column: 'Kommun' },
      period: { column: 'År' },
      value: { column: 'Värde' },
    });
    expect(s).toMatchObject({
      rowsRead: 4,
      rowsLoaded: 2,
      rowsRejected: 1,
      skipped: 1,
      facts: 2,
      rejected: 1,
    });
  });
});
