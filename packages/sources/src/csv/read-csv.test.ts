import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createAreaResolver } from '../areas/resolve.ts';
import {
  parseCsvSourceDefinition as parseSourceDefinition,
  type CsvSourceDefinition as SourceDefinition,
} from '../definition.ts';
import { CsvReadError } from './errors.ts';
import { readCsv } from './read-csv.ts';
import { chunksOf } from './test-helpers.ts';
import type { Fact, ReadBatch, ReadContext, ReadSummary, Rejection, Skip } from './types.ts';

const areas = createAreaResolver([
  { code: '0586', name: 'Mjölby' },
  { code: '2029', name: 'Leksand' },
  { code: '0884', name: 'Vimmerby' },
  { code: 'KLK', name: 'Kommunledningskontoret' },
]);
const ctx: ReadContext = {
  resolveArea: areas.resolve,
  resolveIndicator: (raw) => (raw.startsWith('x.') && raw !== 'x.okand' ? raw : undefined),
};

function definition(mapping: Record<string, unknown>, extra: Record<string, unknown> = {}): SourceDefinition {
  return parseSourceDefinition({
    id: 'test',
    title: 'Test',
    owner: { name: 'KLK' },
    kind: 'csv',
    location: { inbox: 'test.csv' },
    mapping,
    ...extra,
  });
}

const longMapping = {
  layout: 'long',
  indicator: { column: 'Nyckeltal' },
  area: { column: 'Kommun' },
  period: { column: 'Period' },
  value: { column: 'Värde' },
};

interface Outcome {
  facts: Fact[];
  rejections: Rejection[];
  skips: Skip[];
  summary: ReadSummary;
  batches: ReadBatch[];
}

async function read(
  content: string | Uint8Array,
  def: SourceDefinition,
  options: { chunkSize?: number; batchSize?: number } = {},
): Promise<Outcome> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const reader = readCsv(chunksOf(bytes, options.chunkSize ?? 65_536), def, ctx, {
    batchSize: options.batchSize,
  });
  const out: Omit<Outcome, 'summary'> = { facts: [], rejections: [], skips: [], batches: [] };
  for (;;) {
    const next = await reader.next();
    if (next.done) return { ...out, summary: next.value };
    out.batches.push(next.value);
    out.facts.push(...next.value.facts);
    out.rejections.push(...next.value.rejections);
    out.skips.push(...next.value.skips);
  }
}

const brief = (f: Fact) =>
  `${f.line} ${f.indicatorKey} ${f.areaCode} ${f.period.label} ${f.breakdown} ${f.value ?? f.valueNote}`;

describe('readCsv on real-looking exports', () => {
  it('reads a Windows-1252 Excel export with ";", decimal commas, "%" and a Totalt row', async () => {
    const text = [
      'Kommun;Nyckeltal;Period;Värde',
      '0586 Mjölby;Andel nöjda – totalt;2016;96,5 %',
      'Leksand;Andel nöjda – totalt;2016;88,0 %',
      'Vimmerby;Andel nöjda – totalt;2016;..',
      'Totalt;;2016;184,5',
      '',
    ].join('\r\n');
    const def = definition({
      ...longMapping,
      indicator: { column: 'Nyckeltal', map: { 'Andel nöjda – totalt': 'x.nojda' } },
    });
    const out = await read(iconv.encode(text, 'win1252'), def);
    expect(out.facts.map(brief)).toEqual([
      '2 x.nojda 0586 2016 T 96.5',
      '3 x.nojda 2029 2016 T 88',
      '4 x.nojda 0884 2016 T missing',
    ]);
    expect(out.skips).toEqual([{ line: 5, reason: 'Summeringsrad (Totalt/Summa)' }]);
    expect(out.summary).toEqual({
      encoding: 'windows-1252',
      delimiter: ';',
      decimal: ',',
      headerLine: 1,
      rowsRead: 4,
      rowsLoaded: 3,
      rowsRejected: 0,
      facts: 3,
      rejected: 0,
      skipped: 1,
    });
  });

  it('reads UTF-8 with BOM and CRLF, counting a line break inside a quoted cell as a physical line', async () => {
    const text =
      '\uFEFFKommun;Period;Kommentar;Värde\r\n' +
      '0586;2016-04;"Rad ett\r\nrad två; med semikolon";26 611\r\n' +
      '0586;2016-05;Ok;"26 620"\r\n';
    const out = await read(text, definition({ ...longMapping, indicator: { value: 'x.invanare' } }));
    expect(out.facts.map(brief)).toEqual([
      '2 x.invanare 0586 april 2016 T 26611',
      '4 x.invanare 0586 maj 2016 T 26620',
    ]);
    expect(out.summary).toMatchObject({ encoding: 'utf-8', delimiter: ';', headerLine: 1, rowsRead: 2 });
  });

  it('unpivots a tab-separated wide file of years; a bad cell rejects that cell only', async () => {
    const text = 'Nyckeltal\tKälla\t2014\t2015\t2016\nNKI\tSKL Insikt\t61\t\t64\nHME\tEnkät\t81\tx\t*\n';
    const def = definition({
      layout: 'wide',
      indicator: { column: 'Nyckeltal', map: { NKI: 'x.nki', HME: 'x.hme' } },
      area: { value: '0586' },
      wide: { columns: '^\\d{4}$', as: 'period' },
    });
    const out = await read(text, def);
    expect(out.facts.map(brief)).toEqual([
      '2 x.nki 0586 2014 T 61',
      '2 x.nki 0586 2015 T missing',
      '2 x.nki 0586 2016 T 64',
      '3 x.hme 0586 2014 T 81',
      '3 x.hme 0586 2016 T suppressed',
    ]);
    expect(out.rejections).toEqual([
      {
        line: 3,
        column: '2015',
        raw: 'x',
        reasonSv: 'Inte ett tal: "x" är inte ett tal',
        reasonEn: 'Not a number: "x" is not a number',
      },
    ]);
    expect(out.summary).toMatchObject({ delimiter: '\t', rowsRead: 2, facts: 5, rejected: 1, skipped: 0 });
  });

  it('unpivots wide columns that are indicators, a row-level fault rejecting the row once', async () => {
    const text = 'Kommun;Period;Invånare;Företag\nMjölby;2015;26 602;2 580\nOkänd;2015;1;2\n';
    const def = definition({
      layout: 'wide',
      area: { column: 'Kommun' },
      period: { column: 'Period' },
      wide: { columns: '^(Invånare|Företag)$', as: 'indicator' },
      indicator: undefined,
    });
    // The wide header cells go through resolveIndicator: map them with a context that knows the names.
    const named: ReadContext = {
      ...ctx,
      resolveIndicator: (raw) => ({ Invånare: 'x.inv', Företag: 'x.ftg' })[raw],
    };
    const reader = readCsv(chunksOf(Buffer.from(text), 100), def, named);
    const batches: ReadBatch[] = [];
    for await (const b of reader) batches.push(b);
    expect(batches.flatMap((b) => b.facts).map(brief)).toEqual([
      '2 x.inv 0586 2015 T 26602',
      '2 x.ftg 0586 2015 T 2580',
    ]);
    expect(batches.flatMap((b) => b.rejections)).toMatchObject([{ line: 3, column: 'Kommun', raw: 'Okänd' }]);
  });

  it('translates wide header cells through wide.map (case-insensitively) before resolving them', async () => {
    const text = 'Kommun;Period;Invånare;FÖRETAG\nMjölby;2015;26 602;2 580\n';
    const def = definition({
      layout: 'wide',
      area: { column: 'Kommun' },
      period: { column: 'Period' },
      wide: {
        columns: '^(Invånare|FÖRETAG)$',
        as: 'indicator',
        map: { Invånare: 'x.inv', företag: 'x.ftg' },
      },
    });
    const out = await read(text, def);
    expect(out.facts.map(brief)).toEqual(['2 x.inv 0586 2015 T 26602', '2 x.ftg 0586 2015 T 2580']);
  });

  it('skips title lines above the header and footnotes below the data, with reasons', async () => {
    const text = [
      'Rapport: Bokningar via medborgarservice',
      'Utskriven 2016-05-02',
      '',
      'Period;Resurs;Antal',
      '2016-01;Expresskort;41',
      '2016-02;Expresskort;82',
      '',
      '* Preliminära siffror för februari',
      'Källa: Bokningssystemet',
      'Uppgifterna avser hela kommunen.',
      '',
    ].join('\n');
    const def = definition({
      layout: 'long',
      indicator: { column: 'Resurs', map: { Expresskort: 'x.expresskort' } },
      area: { value: '0586' },
      period: { column: 'Period' },
      value: { column: 'Antal' },
    });
    const out = await read(text, def);
    expect(out.facts.map(brief)).toEqual([
      '5 x.expresskort 0586 januari 2016 T 41',
      '6 x.expresskort 0586 februari 2016 T 82',
    ]);
    expect(out.rejections).toEqual([]);
    expect(out.skips).toEqual([
      { line: 7, reason: 'Tom rad' },
      { line: 8, reason: 'Fotnot eller källhänvisning' },
      { line: 9, reason: 'Fotnot eller källhänvisning' },
      { line: 10, reason: 'Fotnot under tabellen (en rad utan kolumner efter datat)' },
    ]);
    expect(out.summary).toMatchObject({ headerLine: 4, rowsRead: 6, facts: 2, rejected: 0, skipped: 4 });
  });

  it('reads CR-only line ends (old Mac exports)', async () => {
    const out = await read(
      'Kommun;Period;Värde\r0586;2016;1\r0586;2017;2\r',
      definition({ ...longMapping, indicator: { value: 'x.a' } }),
    );
    expect(out.facts.map(brief)).toEqual(['2 x.a 0586 2016 T 1', '3 x.a 0586 2017 T 2']);
  });
});

describe('readCsv rejections: every reason names the line, the column and why', () => {
  const text = [
    'Kommun;Nyckeltal;Period;Värde', // 1
    '0586;x.a;2016;abc', // 2 not a number
    '0586;x.a;2016-13;5', // 3 unknown period
    '9999;x.a;2016;5', // 4 unknown area
    '0586;x.okand;2016;5', // 5 unknown indicator
    '0586;x.a;2016', // 6 ragged (too few)
    '0586;x.a;2016;5;extra', // 7 ragged (too many)
    '0586;x.a;2017;-5', // 8 below the range
    '0586;x.a;2018;5', // 9 a fact
    '0586;x.a;2018;6', // 10 the same key as line 9
    '0586;x.a;"20"19";5', // 11 malformed quotes (a closing quote followed by text)
    '0586;x.a;2020;"7', // 12 a quote that never closes
    '0586;x.a;2021;8', // 13 swallowed by it
    '',
  ].join('\n');
  const def = definition(longMapping, { validation: { min: 0, max: 100 } });

  const expected: [string, Partial<Rejection>][] = [
    [
      'not a number',
      { line: 2, column: 'Värde', raw: 'abc', reasonEn: 'Not a number: "abc" is not a number' },
    ],
    [
      'unknown period',
      {
        line: 3,
        column: 'Period',
        raw: '2016-13',
        reasonSv: expect.stringMatching(/^Okänd period "2016-13"/),
      },
    ],
    [
      'unknown area',
      { line: 4, column: 'Kommun', raw: '9999', reasonEn: expect.stringMatching(/^Unknown area "9999"/) },
    ],
    [
      'unknown indicator',
      {
        line: 5,
        column: 'Nyckeltal',
        raw: 'x.okand',
        reasonSv: expect.stringMatching(/^Okänt nyckeltal "x.okand"/),
      },
    ],
    [
      'ragged row, too few cells',
      { line: 6, column: null, reasonSv: 'Raden har 3 kolumner men rubrikraden har 4' },
    ],
    [
      'ragged row, too many cells',
      { line: 7, column: null, reasonEn: 'The row has 5 columns but the header has 4' },
    ],
    [
      'value outside the range',
      {
        line: 8,
        column: 'Värde',
        raw: '-5',
        reasonSv: 'Värdet -5 ligger utanför det tillåtna intervallet 0–100 (validation)',
      },
    ],
    [
      'the same key twice, naming both lines',
      {
        line: 10,
        column: 'Värde',
        raw: '6',
        reasonSv: expect.stringMatching(/^Rad 10 har samma .* som rad 9; värdet på rad 9 läses in/),
      },
    ],
    [
      'malformed quotes',
      { line: 11, column: null, reasonEn: expect.stringMatching(/^Malformed quotes on line 11/) },
    ],
    [
      'a quote that never closes, with the lines it swallowed',
      {
        line: 12,
        column: null,
        reasonSv: 'Citattecknet (") som öppnas på rad 12 stängs aldrig; rad 12–14 kunde inte läsas',
      },
    ],
  ];

  it.each(expected)('%s', async (name, rejection) => {
    const out = await read(text, def);
    const index = expected.findIndex(([n]) => n === name);
    expect(out.rejections[index]).toMatchObject(rejection);
    expect(out.rejections[index]?.reasonSv).not.toBe(out.rejections[index]?.reasonEn);
  });

  it('keeps one fact and counts every row once', async () => {
    const out = await read(text, def);
    expect(out.facts.map(brief)).toEqual(['9 x.a 0586 2018 T 5']);
    expect(out.summary).toMatchObject({ rowsRead: 11, facts: 1, rejected: 10, skipped: 0 });
    expect(out.summary.rowsRead).toBe(out.summary.facts + out.summary.rejected + out.summary.skipped);
  });

  it('gives the same result whatever the chunk size, down to one byte', async () => {
    const whole = await read(text, def);
    for (const chunkSize of [1, 3, 17]) {
      const chunked = await read(text, def, { chunkSize });
      expect({ facts: chunked.facts, rejections: chunked.rejections, summary: chunked.summary }).toEqual({
        facts: whole.facts,
        rejections: whole.rejections,
        summary: whole.summary,
      });
    }
  });

  it('treats the same period written two ways as the same key', async () => {
    const out = await read('Kommun;Nyckeltal;Period;Värde\n0586;x.a;2016-04;1\n0586;x.a;april 2016;2\n', def);
    expect(out.rejections).toMatchObject([{ line: 3, reasonEn: expect.stringContaining('as line 2') }]);
  });

  it('rejects a one-field line in the middle of the data as ragged, not as a footnote', async () => {
    const out = await read(
      'Kommun;Nyckeltal;Period;Värde\n0586;x.a;2016;1\nbruten rad\n0586;x.a;2017;2\n',
      def,
    );
    expect(out.rejections).toMatchObject([
      { line: 3, column: null, reasonEn: 'The row has 1 columns but the header has 4' },
    ]);
    expect(out.facts).toHaveLength(2);
  });
});

describe('readCsv rules', () => {
  it('skips declared skip_rows, blank lines and a repeated header, counting each as read', async () => {
    const text =
      'Period;Resurs;Antal\n2016-01;Expresskort;41\n2016-01;Totalt;41\n\nPeriod;Resurs;Antal\n2016-02;Expresskort;82\n';
    const def = definition({
      layout: 'long',
      indicator: { column: 'Resurs', map: { Expresskort: 'x.expresskort' } },
      area: { value: '0586' },
      period: { column: 'Period' },
      value: { column: 'Antal' },
      skip_rows: [{ column: 'Resurs', matches: '^Totalt' }],
    });
    const out = await read(text, def);
    expect(out.facts.map((f) => f.line)).toEqual([2, 6]);
    expect(out.skips).toEqual([
      { line: 3, reason: 'Hoppas över enligt mapping.skip_rows[0]: kolumnen "Resurs" matchar /^Totalt/' },
      { line: 4, reason: 'Tom rad' },
      { line: 5, reason: 'Upprepad rubrikrad' },
    ]);
    expect(out.summary).toMatchObject({ rowsRead: 5, facts: 2, skipped: 3 });
  });

  it('keeps "Totalt" in the breakdown column as the total breakdown, and maps Kvinnor/Män to K/M', async () => {
    const text =
      'Kön;Kommun;Period;Värde\nKvinnor;0586;2016;10\nMän;0586;2016;12\nTotalt;0586;2016;22\nÖvriga;0586;2016;0\n';
    const def = definition({
      ...longMapping,
      indicator: { value: 'x.a' },
      breakdown: { column: 'Kön', map: { Övriga: 'O' } },
    });
    const out = await read(text, def);
    expect(out.facts.map((f) => f.breakdown)).toEqual(['K', 'M', 'T', 'O']);
    expect(out.skips).toEqual([]);
  });

  it('resolves areas from "0586 Mjölby", a name, an org unit and an Excel-shortened "586"', async () => {
    const text =
      'Kommun;Period;Värde\n0586 Mjölby;2014;1\nLeksand;2014;2\nKommunledningskontoret;2014;3\n586;2015;4\n';
    const out = await read(text, definition({ ...longMapping, indicator: { value: 'x.a' } }));
    expect(out.facts.map((f) => f.areaCode)).toEqual(['0586', '2029', 'KLK', '0586']);
  });

  it('skips "Totalt", "Summa" and "Samtliga" in an area column that is not the first column', async () => {
    const text =
      'Period;Kommun;Värde\n2014;Mjölby;1\n2014;Totalt;9\n2014;Samtliga;9\n2014;Summa;9\n2014;Ankeborg;5\n';
    const out = await read(text, definition({ ...longMapping, indicator: { value: 'x.a' } }));
    expect(out.facts.map((f) => f.areaCode)).toEqual(['0586']);
    expect(out.skips.map((s) => [s.line, s.reason])).toEqual([
      [3, 'Summeringsrad (Totalt/Summa i områdeskolumnen)'],
      [4, 'Summeringsrad (Totalt/Summa i områdeskolumnen)'],
      [5, 'Summeringsrad (Totalt/Summa i områdeskolumnen)'],
    ]);
    // An unknown area that is no summary word is still a rejection the steward sees.
    expect(out.rejections.map((r) => [r.line, r.raw])).toEqual([[6, 'Ankeborg']]);
    expect(out.summary.rowsRead).toBe(out.summary.skipped + out.summary.rejected + 1);
  });

  it('matches header names whatever the case and spacing, and column numbers', async () => {
    const text = 'KOMMUN ; period;Värde  \n0586;2016;1\n';
    const out = await read(
      text,
      definition({
        ...longMapping,
        indicator: { value: 'x.a' },
        area: { column: ' kommun' },
        value: { column: 3 },
      }),
    );
    expect(out.facts.map(brief)).toEqual(['2 x.a 0586 2016 T 1']);
  });

  it('reads values with a decimal point when the definition says so', async () => {
    const text = 'Kommun,Period,Värde\n0586,2016,"1,234.5"\n0586,2017,12.5\n';
    const out = await read(
      text,
      definition({ ...longMapping, indicator: { value: 'x.a' } }, { parse: { decimal: '.' } }),
    );
    expect(out.facts.map((f) => f.value)).toEqual([1234.5, 12.5]);
    expect(out.summary.delimiter).toBe(',');
  });

  it('allows trailing empty cells beyond the header (a trailing ";")', async () => {
    const out = await read(
      'Kommun;Period;Värde\n0586;2016;1;;\n',
      definition({ ...longMapping, indicator: { value: 'x.a' } }),
    );
    expect(out.facts).toHaveLength(1);
  });

  it('uses header_line and skip_lines from the definition', async () => {
    const text = 'Kommun;Period;Värde\ngammal;rubrik;rad\nKommun;Period;Värde\n0586;2016;1\n';
    const def = (parse: Record<string, unknown>) =>
      definition({ ...longMapping, indicator: { value: 'x.a' } }, { parse });
    expect((await read(text, def({ header_line: 3 }))).summary).toMatchObject({
      headerLine: 3,
      rowsRead: 1,
      facts: 1,
    });
    expect((await read(text, def({ skip_lines: 2 }))).summary).toMatchObject({ headerLine: 3, facts: 1 });
  });

  it('yields batches no larger than batchSize', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `0586;${2000 + i};${i}`);
    const out = await read(
      `Kommun;Period;Värde\n${rows.join('\n')}\n`,
      definition({ ...longMapping, indicator: { value: 'x.a' } }),
      {
        batchSize: 5,
      },
    );
    expect(out.batches.map((b) => b.facts.length)).toEqual([5, 5, 2]);
  });

  const unreadable: [string, string, SourceDefinition, RegExp][] = [
    ['an empty file', '', definition(longMapping), /Filen är tom/],
    [
      'no header with the mapped columns',
      'Rapport\nKommun;År;Värde\n0586;2016;1\n',
      definition(longMapping),
      /Hittar ingen rubrikrad i filen med "Nyckeltal", "Kommun", "Period", "Värde".*rad 1: Rapport/,
    ],
    [
      'a fixed header line that lacks a column',
      'Kommun;År;Värde\n0586;2016;1\n',
      definition(longMapping, { parse: { header_line: 1 } }),
      /Rubrikraden \(rad 1\) saknar kolumnerna mapping.indicator.column = "Nyckeltal", mapping.period.column = "Period"/,
    ],
  ];
  it.each(unreadable)('fails the whole file for %s', async (_name, text, def, message) => {
    const error = await read(text, def).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvReadError);
    expect((error as Error).message).toMatch(message);
  });
});
