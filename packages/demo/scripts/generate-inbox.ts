// Writes the demo exports in ../inbox/mjolby from fixed anchors, so the files can be made again byte for
// byte: `pnpm --filter @malkoll/demo exec tsx scripts/generate-inbox.ts`.
//
// What is real and what is invented: every value at 2016-04-30 and every baseline (the last value before
// 2016-01-01) comes from Mjölby's follow-up per 160430 (seed 002); everything in between is demodata,
// smoothed between those anchors with a seeded pseudo-random wiggle. Each file imitates one habit of
// Swedish exports (see ../README.md): a title line, UTF-8 with BOM, Windows-1252, tab separators, a
// "Totalt" row, years as columns, decimal commas, "%" and spaces inside numbers.

import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const outDir = fileURLToPath(new URL('../inbox/mjolby/', import.meta.url));

// ---------------------------------------------------------------------------------------------------------
// Deterministic noise: mulberry32, one seed per series, so changing one series leaves the others alone.

function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// ---------------------------------------------------------------------------------------------------------
// Periods

interface Month {
  year: number;
  month: number;
}

function listMonths(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let y = from.year, m = from.month; y < to.year || (y === to.year && m <= to.month); ) {
    months.push({ year: y, month: m });
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

const isoMonth = (p: Month): string => `${p.year}-${String(p.month).padStart(2, '0')}`;
const scbMonth = (p: Month): string => `${p.year}M${String(p.month).padStart(2, '0')}`;
const monthIndex = (p: Month): number => p.year * 12 + p.month - 1;

// ---------------------------------------------------------------------------------------------------------
// Series

/**
 * A level per month: exact at the anchors, straight lines between them plus a wiggle of at most
 * `amplitude` (never at an anchor, so baselines and April 2016 stay exactly as in the report).
 */
function levelSeries(
  anchors: Record<string, number>,
  from: Month,
  to: Month,
  amplitude: number,
  seed: number,
  decimals = 0,
): Map<string, number> {
  const random = createRandom(seed);
  const points = Object.entries(anchors)
    .map(([period, value]) => {
      const [y, m] = period.split('-').map(Number);
      return { index: monthIndex({ year: y ?? 0, month: m ?? 1 }), value };
    })
    .sort((a, b) => a.index - b.index);
  const factor = 10 ** decimals;
  const series = new Map<string, number>();
  for (const p of listMonths(from, to)) {
    const i = monthIndex(p);
    const exact = points.find((a) => a.index === i);
    const wiggle = (random() * 2 - 1) * amplitude;
    if (exact) {
      series.set(isoMonth(p), exact.value);
      continue;
    }
    const before = [...points].reverse().find((a) => a.index < i);
    const after = points.find((a) => a.index > i);
    if (!before || !after) throw new Error(`${isoMonth(p)} lies outside the anchors`);
    const linear =
      before.value + ((after.value - before.value) * (i - before.index)) / (after.index - before.index);
    series.set(isoMonth(p), Math.round((linear + wiggle) * factor) / factor);
  }
  return series;
}

/**
 * Running sums for each year per month: the year's total is spread over the months with random weights
 * (`flat` evens them out), so December is exactly the total. `partial` gives a year's running sums outright.
 */
function ytdSeries(
  totals: Record<number, number>,
  seed: number,
  partial: Record<string, number> = {},
  decimals = 0,
  flat = 0.5,
): Map<string, number> {
  const random = createRandom(seed);
  const factor = 10 ** decimals;
  const series = new Map<string, number>();
  for (const [yearText, total] of Object.entries(totals)) {
    const year = Number(yearText);
    const weights = Array.from({ length: 12 }, () => flat + random());
    const sum = weights.reduce((a, b) => a + b, 0);
    let running = 0;
    weights.forEach((w, i) => {
      running += w;
      const value = i === 11 ? total : Math.round(((total * running) / sum) * factor) / factor;
      series.set(isoMonth({ year, month: i + 1 }), value);
    });
  }
  for (const [period, value] of Object.entries(partial)) series.set(period, value);
  return series;
}

// ---------------------------------------------------------------------------------------------------------
// Swedish number text

/** "26 602": a plain space between thousands, as Excel exports a number formatted with separators. */
function withSpaces(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

function decimalComma(value: number, decimals: number): string {
  return value.toFixed(decimals).replace('.', ',');
}

function signed(value: number, decimals: number): string {
  return `${value >= 0 ? '+' : ''}${decimalComma(value, decimals)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Writing

/** Windows-1252 is Latin-1 except for 0x80–0x9F, which hold these (the \u escapes are unassigned bytes). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const CP1252_EXTRA: Record<string, number> = Object.fromEntries(
  Array.from(CP1252_HIGH, (char, i) => [char, 0x80 + i]).filter(
    ([char]) => !/[\u0080-\u009f]/.test(String(char)),
  ),
);

function encodeWindows1252(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const extra = CP1252_EXTRA[char];
    if (extra !== undefined) bytes.push(extra);
    else if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else throw new Error(`${JSON.stringify(char)} has no Windows-1252 byte in this encoder`);
  }
  return Buffer.from(bytes);
}

function writeExport(
  name: string,
  lines: string[],
  options: { encoding: 'utf8' | 'utf8-bom' | 'windows-1252'; eol?: string },
): void {
  const text = `${lines.join(options.eol ?? '\r\n')}${options.eol ?? '\r\n'}`;
  const bytes =
    options.encoding === 'windows-1252'
      ? encodeWindows1252(text)
      : Buffer.from(options.encoding === 'utf8-bom' ? `\ufeff${text}` : text, 'utf8');
  writeFileSync(`${outDir}${name}`, bytes);
  console.log(`${name}: ${lines.length} rader, ${bytes.length} byte (${options.encoding})`);
}

// ---------------------------------------------------------------------------------------------------------
// 1. befolkning.csv: SCB-style monthly population, UTF-8 with BOM, a title line above the header,
//    "0586 Mjölby" as the region, "2016M04" periods, thousands separated by spaces.

function writePopulation(): void {
  const series = levelSeries(
    {
      '2011-12': 26_118,
      '2012-12': 26_214,
      '2013-12': 26_323,
      '2014-12': 26_455,
      '2015-12': 26_602, // Ingångsvärde 160101
      '2016-01': 26_590,
      '2016-02': 26_597,
      '2016-03': 26_603,
      '2016-04': 26_611, // Status per 160430
    },
    { year: 2012, month: 1 },
    { year: 2016, month: 4 },
    9,
    586,
  );
  const lines = ['Folkmängd efter region och månad (demodata)', 'region;månad;Folkmängd'];
  for (const p of listMonths({ year: 2012, month: 1 }, { year: 2016, month: 4 })) {
    lines.push(`0586 Mjölby;${scbMonth(p)};${withSpaces(series.get(isoMonth(p)) ?? Number.NaN)}`);
  }
  writeExport('befolkning.csv', lines, { encoding: 'utf8-bom' });
}

// ---------------------------------------------------------------------------------------------------------
// 2. ame-manadsrapport.csv: the labour-market unit's monthly report from Excel on Windows: Windows-1252,
//    semicolons, decimal commas, "%" in the cells, Swedish labels with å/ä/ö.

function writeLabourMarket(): void {
  const from = { year: 2013, month: 1 };
  const to = { year: 2016, month: 4 };
  const participants = levelSeries(
    {
      '2012-12': 268,
      '2013-12': 291,
      '2014-12': 298,
      '2015-12': 312,
      '2016-01': 331,
      '2016-02': 352,
      '2016-03': 377,
      '2016-04': 399,
    },
    from,
    to,
    7,
    101,
  );
  const subsidised = levelSeries(
    {
      '2012-12': 74,
      '2013-12': 71,
      '2014-12': 67,
      '2015-12': 63,
      '2016-01': 57,
      '2016-02': 50,
      '2016-03': 44,
      '2016-04': 38,
    },
    from,
    to,
    2.5,
    102,
  );
  const reception = ytdSeries({ 2013: 41, 2014: 63, 2015: 92 }, 103, {
    '2016-01': 9,
    '2016-02': 17,
    '2016-03': 28,
    '2016-04': 38,
  });
  const selfSupport = levelSeries(
    {
      '2012-12': 10.6,
      '2013-12': 11.4,
      '2014-12': 12.9,
      '2015-12': 14.5,
      '2016-01': 22.2,
      '2016-02': 27.3,
      '2016-03': 32.1,
      '2016-04': 36,
    },
    from,
    to,
    1.2,
    104,
    1,
  );
  const lines = ['Månad;Nyckeltal;Utfall'];
  for (const p of listMonths(from, to)) {
    const m = isoMonth(p);
    lines.push(`${m};Inskrivna/aktiva deltagare i insatser;${participants.get(m)}`);
    lines.push(`${m};Löpande subventionerade anställningar;${subsidised.get(m)}`);
    lines.push(`${m};Integration/mottagning – hittills i år;${reception.get(m)}`);
    const share = selfSupport.get(m) ?? Number.NaN;
    // Excel writes "36%" for a whole number and "14,5%" otherwise.
    lines.push(
      `${m};Ut i egenförsörjning (arbete och studier);${decimalComma(share, Number.isInteger(share) ? 0 : 1)}%`,
    );
  }
  writeExport('ame-manadsrapport.csv', lines, { encoding: 'windows-1252' });
}

// ---------------------------------------------------------------------------------------------------------
// 3. bokningar.csv: the booking system of medborgarservice, running sums per resource and a "Totalt" row
//    per month that the source skips (it is the sum of the others, not an indicator).

function writeBookings(): void {
  const expresskort = ytdSeries({ 2013: 538, 2014: 641, 2015: 725 }, 201, {
    '2016-01': 51,
    '2016-02': 112,
    '2016-03': 170,
    '2016-04': 230,
  });
  // The bikes became bookable through medborgarservice in spring 2016: no earlier rows.
  const elcyklar = new Map([
    ['2016-03', 3],
    ['2016-04', 8],
  ]);
  const lines = ['Period;Resurs;Bokningar hittills i år'];
  for (const p of listMonths({ year: 2013, month: 1 }, { year: 2016, month: 4 })) {
    const m = isoMonth(p);
    const express = expresskort.get(m) ?? 0;
    const bikes = elcyklar.get(m);
    lines.push(`${m};Expresskort;${express}`);
    if (bikes !== undefined) lines.push(`${m};Elcyklar;${bikes}`);
    lines.push(`${m};Totalt;${express + (bikes ?? 0)}`);
  }
  writeExport('bokningar.csv', lines, { encoding: 'utf8' });
}

// ---------------------------------------------------------------------------------------------------------
// 4. ksf-styrkort.csv: the management system's export of KSF's own measures, tab-separated despite the
//    .csv name, UTF-8 without BOM, periods of mixed length (month, tertial, year), signed budget results.

function writeScorecard(): void {
  const lines = ['Nyckeltal\tPeriod\tUtfall\tEnhet'];
  const proposals = ytdSeries({ 2012: 27, 2013: 31, 2014: 24, 2015: 29 }, 301, {
    '2016-01': 2,
    '2016-02': 3,
    '2016-03': 5,
    '2016-04': 7,
  });
  for (const [m, v] of proposals) lines.push(`Antal medborgarförslag (hittills i år)\t${m}\t${v}\tst`);
  const eServices = ytdSeries({ 2014: 3, 2015: 0 }, 302, {
    '2016-01': 0,
    '2016-02': 0,
    '2016-03': 1,
    '2016-04': 1,
  });
  for (const [m, v] of eServices) lines.push(`Nya e-tjänster (hittills i år)\t${m}\t${v}\tst`);
  // Measured since the Lex roll-out began in September 2015.
  const lex = new Map([
    ['2015-09', 0],
    ['2015-10', 0],
    ['2015-11', 0],
    ['2015-12', 0],
    ['2016-01', 38],
    ['2016-02', 61],
    ['2016-03', 79],
    ['2016-04', 90],
  ]);
  for (const [m, v] of lex) lines.push(`Andel interna dokument till KS i Lex\t${m}\t${v}\t%`);
  for (const [year, v] of [
    [2012, 0],
    [2013, 0],
    [2014, 0],
    [2015, 1],
  ] as const) {
    lines.push(`Förvaltningar med kompetensförsörjningsplan\t${year}\t${v}\tst`);
  }
  // Result against budget: the full-year forecast at T1 and T2, the accounts at T3.
  const budget: [string, Record<number, [number, number, number]>][] = [
    ['Budget i balans KSF', { 2013: [1.2, 2.4, 3.1], 2014: [0.8, 2.9, 4.6], 2015: [2.5, 4.8, 7.2] }],
    [
      'Budget i balans kommunen',
      { 2013: [8.0, 15.6, 22.5], 2014: [12.4, 21.7, 31.8], 2015: [18.9, 33.5, 47.3] },
    ],
  ];
  for (const [label, years] of budget) {
    for (const [year, tertials] of Object.entries(years)) {
      tertials.forEach((v, i) => {
        lines.push(`${label}\t${year}T${i + 1}\t${signed(v, 1)}\tmkr`);
      });
    }
  }
  writeExport('ksf-styrkort.csv', lines, { encoding: 'utf8', eol: '\n' });
}

// ---------------------------------------------------------------------------------------------------------
// 5. markexploatering.csv: land development per tertial, hectares so far in the year with decimal commas.

function writeLand(): void {
  const produced: Record<number, [number, number, number]> = {
    2012: [0, 3.5, 6],
    2013: [0, 0, 4.2],
    2014: [2.8, 2.8, 7.5],
    2015: [0, 6.4, 10], // Ingångsvärde 10 ha
  };
  const sold: Record<number, [number, number, number]> = {
    2012: [0.6, 1.1, 2.3],
    2013: [0, 0.8, 1.9],
    2014: [0.4, 0.9, 1.2],
    2015: [0, 0.7, 1.4], // Ingångsvärde 1,4 ha
  };
  const lines = ['Tertial;Nyckeltal;Hektar hittills i år'];
  for (let year = 2012; year <= 2016; year += 1) {
    for (let t = 1; t <= 3; t += 1) {
      if (year === 2016 && t > 1) break;
      // Status per 160430: nothing produced, nothing sold.
      const p = year === 2016 ? 0 : (produced[year]?.[t - 1] ?? Number.NaN);
      const s = year === 2016 ? 0 : (sold[year]?.[t - 1] ?? Number.NaN);
      lines.push(`${year}T${t};Framtagen verksamhetsmark;${decimalComma(p, 1)}`);
      lines.push(`${year}T${t};Såld verksamhetsmark;${decimalComma(s, 1)}`);
    }
  }
  writeExport('markexploatering.csv', lines, { encoding: 'utf8' });
}

// ---------------------------------------------------------------------------------------------------------
// 6. arsstatistik.csv: the central office's yearly sheet, one row per measure and years as columns; empty
//    cells where a survey was not run that year (most are every other year). Nothing for 2016 yet: these
//    are the rows the report marks "Inga nya data".

function writeYearly(): void {
  const years = [2010, 2011, 2012, 2013, 2014, 2015];
  const rows: [string, string, (number | null)[]][] = [
    ['Rekommendation medborgarundersökningen', 'SCB medborgarundersökning', [null, 61, null, 63, null, 66]],
    ['NKI Insikt totalt', 'SKL Insikt', [null, 59, null, 61, 62, 64]],
    ['Druckit alkohol innan 18 år', 'Elevenkät Östergötland', [null, 60, null, 56, null, 51]],
    ['Kundnöjdhet medborgarservice', 'Kundundersökning medborgarservice', [null, 91, null, 94, null, 96]],
    ['HME totalt', 'Medarbetarenkät', [null, null, 78, null, 81, null]],
    ['MMI totalt', 'Medarbetarenkät', [69, null, 71, null, 73, null]],
    ['Utsatta för trakasserier', 'Medarbetarenkät', [4, null, 3, null, 2, null]],
    ['Utsatta för diskriminering', 'Medarbetarenkät', [3, null, 4, null, 3, null]],
    ['Utsatta för kränkning', 'Medarbetarenkät', [11, null, 10, null, 9, null]],
    ['Antal företag och filialer', 'SCB företagsregister', [2431, 2468, 2502, 2529, 2553, 2580]],
  ];
  const format = (label: string, v: number | null): string => {
    if (v === null) return '';
    if (label.startsWith('Utsatta') || label.startsWith('Druckit') || label.startsWith('Kundnöjdhet'))
      return `${v}%`;
    return withSpaces(v);
  };
  const lines = [`Nyckeltal;Källa;${years.join(';')}`];
  for (const [label, source, values] of rows) {
    lines.push(`${label};${source};${values.map((v) => format(label, v)).join(';')}`);
  }
  writeExport('arsstatistik.csv', lines, { encoding: 'utf8-bom' });
}

mkdirSync(outDir, { recursive: true });
writePopulation();
writeLabourMarket();
writeBookings();
writeScorecard();
writeLand();
writeYearly();
