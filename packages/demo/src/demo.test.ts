import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type GoalDefinition,
  type GoalIndicatorLink,
  parsePlanDefinition,
} from '@malkoll/goals/plan-definition';
import { parseSourceDefinition } from '@malkoll/sources';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { demoInboxRoot, demoPlanFiles, demoSourceFiles } from './index.ts';

// The demo promises two things a user would notice: every file loads against the real schemas, and the
// numbers at 2016-01-01 and 2016-04-30 are the ones in Mjölby's follow-up per 160430. The CSVs are read
// here with a deliberately small reader driven by the source definitions' own mappings, so a wrong label
// in a map or a wrong anchor in scripts/generate-inbox.ts fails this test, independently of the pipeline.

const readYaml = (file: string): unknown => parseYaml(readFileSync(file, 'utf8'));

function collectLinks(goals: GoalDefinition[]): GoalIndicatorLink[] {
  return goals.flatMap((goal) => [...goal.indicators, ...collectLinks(goal.children)]);
}

const plan = parsePlanDefinition(readYaml(demoPlanFiles[0] ?? ''));
const links = collectLinks(plan.goals);

// ---------------------------------------------------------------------------------------------------------
// A small CSV reader for the demo files only

interface RawSource {
  id: string;
  location: { inbox: string };
  mapping: {
    layout: 'long' | 'wide';
    indicator: { value?: string; column?: string; map?: Record<string, string> };
    period?: { column: string };
    value?: { column: string };
    wide?: { columns: string };
    skip_rows?: { column: string; matches: string }[];
  };
}

interface Observation {
  indicator: string;
  periodEnd: string;
  value: number;
  source: string;
}

// Windows-1252's bytes 0x80–0x9F (where it differs from Latin-1), written out because Node's TextDecoder
// decodes "windows-1252" as Latin-1 unless it is built with full ICU.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeExport(bytes: Buffer): string {
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  // Not valid UTF-8: an Excel export from Windows.
  const text = utf8.includes('\ufffd')
    ? Array.from(bytes, (b) =>
        b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b),
      ).join('')
    : utf8;
  return text.replace(/^\ufeff/, '');
}

function parseSwedishNumber(cell: string): number | null {
  const cleaned = cell
    .replace(/[\s\u00a0%]/g, '')
    .replace(',', '.')
    .replace(/^\+/, '');
  if (cleaned === '') return null;
  const value = Number(cleaned);
  if (!Number.isFinite(value)) throw new Error(`Not a number: ${JSON.stringify(cell)}`);
  return value;
}

function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** The end date of "2016-04", "2016M04", "2016T1" or "2015". */
function periodEndOf(text: string): string {
  const month = /^(\d{4})[-M](\d{2})$/.exec(text);
  if (month) return lastDayOfMonth(Number(month[1]), Number(month[2]));
  const tertial = /^(\d{4})T([1-3])$/.exec(text);
  if (tertial) return lastDayOfMonth(Number(tertial[1]), Number(tertial[2]) * 4);
  if (/^\d{4}$/.test(text)) return `${text}-12-31`;
  throw new Error(`Unknown period ${JSON.stringify(text)}`);
}

function readObservations(source: RawSource): Observation[] {
  const text = decodeExport(readFileSync(path.join(demoInboxRoot, source.location.inbox)));
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const delimiter = (lines[1] ?? '').includes('\t') ? '\t' : ';';
  // A title line above the header has no delimiter in it.
  const start = lines.findIndex((line) => line.includes(delimiter));
  const header = (lines[start] ?? '').split(delimiter);
  const { mapping } = source;
  const observations: Observation[] = [];
  for (const line of lines.slice(start + 1)) {
    const cells = line.split(delimiter);
    const cell = (name: string): string => cells[header.indexOf(name)] ?? '';
    if (mapping.skip_rows?.some((rule) => new RegExp(rule.matches).test(cell(rule.column)))) continue;
    const label = mapping.indicator.column ? cell(mapping.indicator.column) : '';
    const indicator = mapping.indicator.value ?? mapping.indicator.map?.[label];
    if (indicator === undefined) throw new Error(`${source.id}: no indicator for ${JSON.stringify(line)}`);
    const add = (periodText: string, valueText: string) => {
      const value = parseSwedishNumber(valueText);
      if (value !== null)
        observations.push({ indicator, periodEnd: periodEndOf(periodText), value, source: source.id });
    };
    if (mapping.layout === 'wide') {
      const periodColumn = new RegExp(mapping.wide?.columns ?? '^$');
      header.forEach((name, i) => {
        if (periodColumn.test(name)) add(name, cells[i] ?? '');
      });
    } else {
      add(cell(mapping.period?.column ?? ''), cell(mapping.value?.column ?? ''));
    }
  }
  return observations;
}

const rawSources = demoSourceFiles.map((file) => readYaml(file) as RawSource);
const observations = rawSources.flatMap(readObservations);

function valuesOf(indicator: string) {
  const own = observations
    .filter((o) => o.indicator === indicator)
    .sort((a, b) => (a.periodEnd < b.periodEnd ? -1 : 1));
  const baselineDate = plan.start;
  const followUp = '2016-04-30';
  return {
    before: own.filter((o) => o.periodEnd < baselineDate).at(-1),
    atFollowUp: own.filter((o) => o.periodEnd >= baselineDate && o.periodEnd <= followUp).at(-1),
    afterBaseline: own.filter((o) => o.periodEnd >= baselineDate),
  };
}

// ---------------------------------------------------------------------------------------------------------

describe('demo files against the schemas', () => {
  it('the Mjölby plan has all nine municipal goals, each with its commitment and comment per 160430', () => {
    expect(plan.goals).toHaveLength(9);
    for (const goal of plan.goals) {
      expect(goal.children).toHaveLength(1);
      expect(goal.children[0]?.comments.map((c) => c.date)).toEqual(['2016-04-30']);
    }
  });

  it.each(demoSourceFiles.map((file) => [path.basename(file), file]))(
    '%s is a valid source definition',
    (_, file) => {
      const definition = parseSourceDefinition(readYaml(file));
      expect(definition.id).toBe(path.basename(file, '.yaml'));
    },
  );

  it('every indicator a source maps to is declared in the plan', () => {
    const declared = new Set(plan.indicators.map((i) => i.key));
    const mapped = rawSources.flatMap((s) =>
      s.mapping.indicator.value ? [s.mapping.indicator.value] : Object.values(s.mapping.indicator.map ?? {}),
    );
    expect(mapped.filter((key) => !declared.has(key))).toEqual([]);
  });
});

describe('demo series against the report per 160430', () => {
  const numericBaselines = links.filter((l) => l.baseline.value !== null);

  it.each(numericBaselines.map((l) => [l.indicator, l.baseline.value]))(
    '%s: the last value before 2016-01-01 is the baseline %s',
    (indicator, baseline) => {
      expect(valuesOf(indicator).before?.value).toBe(baseline);
    },
  );

  // The report's Status column; null where it says "Inga nya data" or is blank.
  const statusPer160430: Record<string, number | null> = {
    'mjolby.invanare': 26_611,
    'mjolby.rekommendation': null,
    'mjolby.nyproducerade-bostader': null,
    'mjolby.alkohol-fore-18': null,
    'mjolby.narodlat-ekologiskt': null,
    'mjolby.nki-insikt': null,
    'mjolby.foretag': null,
    'mjolby.verksamhetsmark-framtagen': 0,
    'mjolby.verksamhetsmark-sald': 0,
    'mjolby.ame-deltagare': 399,
    'mjolby.subventionerade-anstallningar': 38,
    'mjolby.integration-mottagning': 38,
    'mjolby.egenforsorjning': 36,
    'mjolby.trygghet-kvallar': null,
    'mjolby.delaktighetsindex': null,
    'mjolby.medborgarforslag': 7,
    'mjolby.nya-e-tjanster': 1,
    'mjolby.synpunkter-5-dagar': null,
    'mjolby.kundnojdhet-medborgarservice': null,
    'mjolby.expresskort-bokningar': 230,
    'mjolby.elcyklar-bokningar': 8,
    'mjolby.hme': null,
    'mjolby.mmi': null,
    'mjolby.kompetensforsorjningsplaner': null,
    'mjolby.utsatta-trakasserier': null,
    'mjolby.utsatta-diskriminering': null,
    'mjolby.utsatta-krankning': null,
    'mjolby.budgetavvikelse-ksf': null,
    'mjolby.budgetavvikelse-kommunen': null,
    'mjolby.kundundersokning-ksf': null,
    'mjolby.projektmodellen': null,
    'mjolby.interna-dokument-lex': 90,
  };

  it('the status table covers every indicator the plan links', () => {
    expect(Object.keys(statusPer160430).sort()).toEqual([...new Set(links.map((l) => l.indicator))].sort());
  });

  it.each(Object.entries(statusPer160430))('%s at 2016-04-30 shows %s', (indicator, status) => {
    const { atFollowUp, afterBaseline } = valuesOf(indicator);
    if (status === null) {
      // "Inga nya data": nothing at all after the baseline date, not even later in 2016.
      expect(afterBaseline).toEqual([]);
    } else {
      expect(atFollowUp?.value).toBe(status);
    }
  });

  it('rows without a numeric baseline have no history that would contradict it', () => {
    const wordsOnly = links.filter((l) => l.baseline.value === null).map((l) => l.indicator);
    expect(wordsOnly.filter((indicator) => valuesOf(indicator).before !== undefined)).toEqual([]);
  });
});
