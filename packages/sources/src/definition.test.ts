import { describe, expect, it } from 'vitest';
import { loadSourceDefinitionText, parseCsvSourceDefinition as parseSourceDefinition } from './definition.ts';

const exampleYaml = `
id: mjolby-befolkning
title: Folkmängd per månad, Mjölby (demodata)
owner: { name: Kommunledningskontoret, email: statistik@example.se }
kind: csv
schedule: { cron: "0 2 * * *", timezone: Europe/Stockholm }
on_file_arrival: false
location: { inbox: "mjolby/befolkning*.csv" }
parse:
  encoding: auto
  delimiter: auto
  header_line: auto
  decimal: ","
mapping:
  layout: long
  indicator: { column: Nyckeltal, map: { "Antal invånare": mjolby.invanare } }
  area: { column: Kommun }
  period: { column: Period }
  breakdown: { column: Kön }
  value: { column: Värde }
  skip_rows: [ { column: Kommun, matches: "^(Totalt|Summa)" } ]
validation: { min: 0, max: 100000 }
load: { mode: upsert }
freshness: { cadence: monthly, due_day: 10 }
`;

const minimal = {
  id: 'a',
  title: 'A',
  owner: { name: 'KLK' },
  kind: 'csv',
  location: { inbox: 'a.csv' },
  mapping: {
    layout: 'long',
    indicator: { value: 'x.y' },
    area: { value: '0586' },
    period: { column: 'Period' },
    value: { column: 'Värde' },
  },
};

/** The minimal definition with one part replaced (undefined removes it). */
function variant(path: string, value: unknown): unknown {
  const copy = structuredClone(minimal) as Record<string, unknown>;
  const keys = path.split('.');
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys.at(-1) as string;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

function messageOf(input: unknown): string {
  try {
    parseSourceDefinition(input);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the definition to be refused');
}

describe('source definitions', () => {
  it('reads the documented example from YAML with every field', () => {
    const def = loadSourceDefinitionText(exampleYaml, 'mjolby-befolkning.yaml');
    expect(def).toMatchObject({
      id: 'mjolby-befolkning',
      schedule: { cron: '0 2 * * *', timezone: 'Europe/Stockholm' },
      parse: { encoding: 'auto', delimiter: 'auto', header_line: 'auto', decimal: ',' },
      mapping: {
        layout: 'long',
        breakdown: { column: 'Kön' },
        indicator: { map: { 'Antal invånare': 'mjolby.invanare' } },
      },
      validation: { min: 0, max: 100000 },
      load: { mode: 'upsert' },
    });
  });

  it('reads JSON by file name', () => {
    expect(loadSourceDefinitionText(JSON.stringify(minimal), 'a.json').id).toBe('a');
  });

  it('fills the defaults: parse auto, breakdown T, upsert, time zone Europe/Stockholm', () => {
    const def = parseSourceDefinition({ ...minimal, schedule: { cron: '0 2 * * *' } });
    expect(def.parse).toEqual({ encoding: 'auto', delimiter: 'auto', header_line: 'auto', decimal: 'auto' });
    expect('breakdown' in def.mapping ? def.mapping.breakdown : undefined).toEqual({ value: 'T' });
    expect(def.load).toEqual({ mode: 'upsert' });
    expect(def.schedule?.timezone).toBe('Europe/Stockholm');
    expect(def.on_file_arrival).toBe(false);
  });

  it('parses its own stored output to the same value (the worker re-parses ops.sources.definition)', () => {
    const def = loadSourceDefinitionText(exampleYaml, 'x.yaml');
    expect(parseSourceDefinition(JSON.parse(JSON.stringify(def)))).toEqual(def);
  });

  it('keeps the leading zero of an area code YAML read as a number (value: 0586)', () => {
    const def = loadSourceDefinitionText(
      `${JSON.stringify(variant('mapping.area', undefined)).slice(0, -1).replace('"mapping":{', '"mapping":{"area":{"value":586},')}}`,
      'a.json',
    );
    expect(def.kind === 'csv' && def.mapping.area).toEqual({ value: '0586' });
  });

  it('accepts "tab" and a literal tab as the delimiter', () => {
    expect(parseSourceDefinition(variant('parse', { delimiter: 'tab' })).parse.delimiter).toBe('\t');
    expect(parseSourceDefinition(variant('parse', { delimiter: '\t' })).parse.delimiter).toBe('\t');
  });

  it('accepts a wide layout with years as columns and no period mapping', () => {
    const def = parseSourceDefinition(
      variant('mapping', {
        layout: 'wide',
        indicator: { column: 'Nyckeltal' },
        area: { value: '0586' },
        wide: { columns: '^\\d{4}$', as: 'period' },
      }),
    );
    expect(def.mapping).toMatchObject({ layout: 'wide', breakdown: { value: 'T' } });
  });

  it('accepts snapshot loads with a scope', () => {
    const def = parseSourceDefinition(variant('load', { mode: 'snapshot', scope: { indicators: ['x.y'] } }));
    expect(def.load).toEqual({ mode: 'snapshot', scope: { indicators: ['x.y'] } });
  });

  const refused: [string, unknown, string][] = [
    [
      'a missing value column names the field',
      variant('mapping.value', {}),
      'mapping.value.column: Required',
    ],
    ['a missing value mapping', variant('mapping.value', undefined), 'mapping.value: Required'],
    [
      'indicator with neither column nor value',
      variant('mapping.indicator', {}),
      'mapping.indicator.column: Required',
    ],
    [
      'indicator with both column and value',
      variant('mapping.indicator', { column: 'A', value: 'x' }),
      'mapping.indicator.value:',
    ],
    ['an id with capitals', variant('id', 'Mjolby'), 'id:'],
    ['a missing title', variant('title', undefined), 'title: Required'],
    ['a bad e-mail', variant('owner', { name: 'A', email: 'nej' }), 'owner.email:'],
    ['another kind', variant('kind', 'sql'), 'kind:'],
    [
      'a cron with four fields',
      variant('schedule', { cron: '0 2 * *' }),
      'schedule.cron: A cron expression has 5 or 6 fields, this one has 4',
    ],
    ['a cron with seven fields', variant('schedule', { cron: '0 0 2 * * * 2016' }), 'schedule.cron:'],
    [
      'an unknown time zone',
      variant('schedule', { cron: '0 2 * * *', timezone: 'Europe/Mjolby' }),
      'schedule.timezone: Unknown time zone',
    ],
    [
      'an absolute inbox path',
      variant('location', { inbox: '/etc/passwd' }),
      'location.inbox: Must be relative',
    ],
    [
      'a Windows drive path',
      variant('location', { inbox: 'C:\\export\\a.csv' }),
      'location.inbox: Must be relative',
    ],
    [
      'a ".." segment',
      variant('location', { inbox: 'mjolby/../../secret.csv' }),
      'location.inbox: Must not contain a ".." segment',
    ],
    [
      'an inbox path no file system can hold',
      variant('location', { inbox: `${'a'.repeat(5000)}.csv` }),
      'location.inbox: Must be at most 1024 characters',
    ],
    [
      'a folder name over 255 bytes',
      variant('location', { inbox: `${'ö'.repeat(130)}/a.csv` }),
      'location.inbox: Each folder or file name must be at most 255 bytes',
    ],
    ['an unknown encoding', variant('parse', { encoding: 'utf-16' }), 'parse.encoding:'],
    ['an unknown delimiter', variant('parse', { delimiter: ':' }), 'parse.delimiter:'],
    ['header line 0', variant('parse', { header_line: 0 }), 'parse.header_line:'],
    ['a misspelt key', variant('parse', { delimeter: ';' }), 'parse: Unrecognized key: "delimeter"'],
    ['an unknown layout', variant('mapping.layout', 'diagonal'), 'mapping.layout:'],
    [
      'wide without its wide section',
      variant('mapping', { layout: 'wide', area: { value: '0586' }, indicator: { value: 'x' } }),
      'mapping.wide: Required',
    ],
    [
      'wide columns as period while period is also mapped',
      variant('mapping', {
        layout: 'wide',
        area: { value: '0586' },
        indicator: { value: 'x' },
        period: { column: 'P' },
        wide: { columns: '^\\d{4}$', as: 'period' },
      }),
      'mapping.period: Not allowed',
    ],
    [
      'wide columns as indicator without a period',
      variant('mapping', {
        layout: 'wide',
        area: { value: '0586' },
        wide: { columns: '^x', as: 'indicator' },
      }),
      'mapping.period: Required',
    ],
    [
      'an invalid regex in skip_rows',
      variant('mapping.skip_rows', [{ column: 'A', matches: '(' }]),
      'mapping.skip_rows[0].matches: Invalid regular expression',
    ],
    [
      'min above max',
      variant('validation', { min: 10, max: 1 }),
      'validation.min: min must not be greater than max',
    ],
    [
      'snapshot with a scope typo',
      variant('load', { mode: 'snapshot', scope: { indicator: [] } }),
      'load.scope: Unrecognized key',
    ],
    ['an unknown cadence', variant('freshness', { cadence: 'weekly' }), 'freshness.cadence:'],
    ['due_day 32', variant('freshness', { cadence: 'monthly', due_day: 32 }), 'freshness.due_day:'],
    ['column number 0', variant('mapping.value', { column: 0 }), 'mapping.value.column:'],
  ];
  it.each(refused)('refuses %s', (_name, input, expected) => {
    expect(messageOf(input)).toContain(expected);
  });

  it('lists every problem, one per line', () => {
    const message = messageOf({ ...minimal, id: 'X', title: '', location: { inbox: '../a.csv' } });
    expect(message.split('\n').slice(1)).toEqual([
      'id: Use lower-case letters, digits and "-", starting with a letter or digit',
      expect.stringMatching(/^title: /),
      'location.inbox: Must not contain a ".." segment (stay inside the inbox)',
    ]);
  });

  it('names the file when the YAML itself is broken', () => {
    expect(() => loadSourceDefinitionText('id: [unclosed', 'x.yaml')).toThrow(/x\.yaml is not valid YAML/);
  });
});
