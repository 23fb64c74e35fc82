// Generates the demo's recorded Kolada answers (../recorded/<source-id>.json):
//   pnpm --filter @malkoll/demo exec tsx scripts/generate-recorded.ts
//
// The requests are made by the real Kolada client (recordSourceResponses) against an in-process stand-in
// for the API, so the recorded paths are exactly the ones a run asks for. The stand-in answers the
// metadata endpoints with REAL Kolada records (KPIs, municipalities, "Liknande kommuner" groups: the
// fixtures in packages/sources/fixtures/kolada) and the data endpoints with SYNTHETIC values from a
// seeded generator: the shared recordings have no values for the demo municipalities. Mjölby's population
// at the end of 2015 is anchored on its follow-up report (26 602, seed 002); everything else is invented.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type JsonTransport, parseSourceDefinition, recordSourceResponses } from '@malkoll/sources';
import { readFixture } from '@malkoll/sources/testing';
import { parse as parseYaml } from 'yaml';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

function seeded(text: string): () => number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Population at the end of 2015 where we want a plausible size; other municipalities get a seeded one. */
const population2015: Record<string, number> = { '0586': 26602, '2029': 15420, '2081': 51600, '0884': 15350 };
/** Yearly growth, so that the plans have something to show (Leksand grows slowly towards 18 000). */
const growth: Record<string, number> = { '0586': 0.009, '2029': 0.004, '2081': 0.006, '0884': 0.002 };

type Value = { gender: string; status: string; value: number | null; count: number };

function populationValues(municipality: string, year: number): Value[] {
  const r = seeded(`N01951|${municipality}`);
  const base = population2015[municipality] ?? Math.round(9000 + r() * 50000);
  const g = growth[municipality] ?? (r() - 0.4) * 0.015;
  let total = base;
  for (let y = 2016; y <= year; y++)
    total = Math.round(total * (1 + g) + (seeded(`N01951|${municipality}|${y}`)() - 0.5) * 40);
  if (year < 2015) total = base;
  const women = Math.round(total * (0.492 + r() * 0.012));
  return [
    { gender: 'K', status: '', value: women, count: 1 },
    { gender: 'M', status: '', value: total - women, count: 1 },
    { gender: 'T', status: '', value: total, count: 1 },
  ];
}

function shareValues(kpi: string, municipality: string, year: number): Value[] {
  const r = seeded(`${kpi}|${municipality}`);
  // Some municipalities take part every year, most every other year.
  const everyYear = r() < 0.3;
  const takesPart = everyYear || year % 2 === (r() < 0.5 ? 0 : 1);
  if (!takesPart) return [{ gender: 'T', status: 'Missing', value: null, count: 0 }];
  const level = { N00667: 80, N00668: 55, N00669: 35, N00670: 65 }[kpi] ?? 60;
  const own = level + (r() - 0.5) * 16 + (municipality === '2029' ? 6 : 0);
  const t = Math.round((own + (seeded(`${kpi}|${municipality}|${year}`)() - 0.5) * 6) * 10) / 10;
  const k = Math.round((t + 1.5) * 10) / 10;
  const m = Math.round((t - 1.5) * 10) / 10;
  return [
    { gender: 'K', status: '', value: k, count: 1 },
    { gender: 'M', status: '', value: m, count: 1 },
    { gender: 'T', status: '', value: t, count: 1 },
  ];
}

function insiktValues(kpi: string, municipality: string, year: number): Value[] | null {
  // The 2024 series break: the old definition ends with 2023, the new one starts with 2024.
  if (kpi === 'U07451' && year > 2023) return null;
  if (kpi === 'U07453' && year < 2024) return null;
  const r = seeded(`insikt|${municipality}`);
  const level = 70 + (r() - 0.5) * 16 + (kpi === 'U07453' ? -3 : 0) + (municipality === '2081' ? 4 : 0);
  const t = Math.round(level + (seeded(`${kpi}|${municipality}|${year}`)() - 0.5) * 8);
  return [{ gender: 'T', status: '', value: t, count: 1 }];
}

function dataRows(kpis: string[], municipalities: string[], years: number[]) {
  const rows = [];
  for (const kpi of kpis) {
    for (const municipality of municipalities) {
      for (const year of years) {
        const values =
          kpi === 'N01951'
            ? populationValues(municipality, year)
            : kpi.startsWith('U')
              ? insiktValues(kpi, municipality, year)
              : shareValues(kpi, municipality, year);
        if (values !== null) rows.push({ kpi, municipality, period: year, values });
      }
    }
  }
  return rows;
}

type List = { values: Record<string, unknown>[] };
const metadata: Record<string, Record<string, unknown>[]> = {
  kpi: readFixture<List>('kolada/v3-kpi-metadata-selection.json').values,
  municipality: readFixture<List>('kolada/v3-municipality-selection.json').values,
  municipality_groups: readFixture<List>('kolada/v3-municipality-groups-liknande-overgripande.json').values,
};

const standIn: JsonTransport = {
  origin: 'generated',
  recorded: false,
  post: async () => {
    throw new Error('Kolada has no POST requests');
  },
  get: async (path) => {
    const page = (values: unknown[]) => ({
      count: values.length,
      values,
      next_url: null,
      previous_url: null,
    });
    const meta = /^\/(kpi|municipality|municipality_groups)\/([^/?]+)\?/.exec(path);
    if (meta) {
      const ids = (meta[2] as string).split(',');
      return page((metadata[meta[1] as string] ?? []).filter((v) => ids.includes(String(v.id))));
    }
    const data = /^\/data\/kpi\/([^/]+)\/municipality\/([^/]+)\/year\/([^/?]+)\?/.exec(path);
    if (data) {
      const [kpis, municipalities, years] = [data[1], data[2], data[3]].map((s) => (s as string).split(','));
      return page(dataRows(kpis as string[], municipalities as string[], (years as string[]).map(Number)));
    }
    throw new Error(`The stand-in does not answer ${path}`);
  },
};

/** json-stat2 for a TAB638 selection (Region × Kon × ContentsCode × Tid), from the same population model. */
function jsonStat(selection: { variableCode: string; valueCodes: string[] }[]) {
  const pick = (code: string) => selection.find((s) => s.variableCode === code)?.valueCodes ?? [];
  const [regions, sexes, contents, years] = [pick('Region'), pick('Kon'), pick('ContentsCode'), pick('Tid')];
  const value: number[] = [];
  for (const region of regions) {
    for (const sex of sexes) {
      for (const _ of contents) {
        for (const year of years) {
          const v = populationValues(region, Number(year));
          value.push((v.find((x) => x.gender === (sex === '2' ? 'K' : 'M'))?.value as number) ?? 0);
        }
      }
    }
  }
  const category = (codes: string[], label: (c: string) => string) => ({
    index: Object.fromEntries(codes.map((c, i) => [c, i])),
    label: Object.fromEntries(codes.map((c) => [c, label(c)])),
  });
  const names: Record<string, string> = {
    '0586': 'Mjölby',
    '2029': 'Leksand',
    '2081': 'Borlänge',
    '0884': 'Vimmerby',
  };
  return {
    version: '2.0',
    class: 'dataset',
    label: 'Folkmängden efter region, kön, tabellinnehåll och år (DEMODATA: påhittade värden)',
    source: 'SCB',
    updated: '2026-02-20T07:00:00Z',
    id: ['Region', 'Kon', 'ContentsCode', 'Tid'],
    size: [regions.length, sexes.length, contents.length, years.length],
    role: { time: ['Tid'], metric: ['ContentsCode'], geo: ['Region'] },
    dimension: {
      Region: { label: 'region', category: category(regions, (c) => names[c] ?? c) },
      Kon: { label: 'kön', category: category(sexes, (c) => (c === '1' ? 'män' : 'kvinnor')) },
      ContentsCode: { label: 'tabellinnehåll', category: category(contents, () => 'Folkmängd') },
      Tid: { label: 'år', category: category(years, (c) => c) },
    },
    value,
    status: {},
  };
}

const scbStandIn: JsonTransport = {
  origin: 'generated',
  recorded: false,
  // The PxWebApi 2.0 specification's example /config answer (its numbers are examples).
  get: async (path) => {
    if (path === '/config') return readFixture('scb/pxapi2-spec-example-config-response.json');
    throw new Error(`The stand-in does not answer ${path}`);
  },
  post: async (path, body) => {
    if (!path.startsWith('/tables/TAB638/data')) throw new Error(`The stand-in does not answer ${path}`);
    return jsonStat((body as { selection: { variableCode: string; valueCodes: string[] }[] }).selection);
  },
};

for (const id of [
  'kolada-befolkning',
  'kolada-medborgarundersokning',
  'kolada-foretagsklimat',
  'scb-folkmangd',
]) {
  const definition = parseSourceDefinition(parseYaml(readFileSync(here(`../sources/${id}.yaml`), 'utf8')));
  const recording = await recordSourceResponses(
    definition,
    { koladaBaseUrl: 'https://api.kolada.se/v3', scbBaseUrl: 'https://statistikdatabasen.scb.se/api/v2' },
    { now: new Date('2026-11-30T12:00:00Z'), transport: definition.kind === 'scb' ? scbStandIn : standIn },
  );
  recording.provenance = definition.kind === 'scb' ? 'synthetic' : 'mixed';
  recording.note =
    definition.kind === 'scb'
      ? 'DEMODATA. /config är PxWebApi 2.0-specifikationens exempelsvar; alla värden är påhittade av scripts/generate-recorded.ts. Synthetic values.'
      : 'DEMODATA. Metadata (KPI:er, kommuner, grupper av liknande kommuner) är verkliga Kolada-poster; alla värden är påhittade av scripts/generate-recorded.ts. Synthetic values, real metadata.';
  // One line per answer: small enough to commit, still readable in a diff.
  const { exchanges, ...head } = recording;
  const lines = exchanges.map((e) => `  ${JSON.stringify(e)}`).join(',\n');
  writeFileSync(
    here(`../recorded/${id}.json`),
    `${JSON.stringify(head, null, 2).slice(0, -2)},\n "exchanges": [\n${lines}\n ]\n}\n`,
  );
  console.log(`${id}: ${recording.exchanges.length} answers`);
}

// The numbers the demo plans quote as baselines.
const leksand = (year: number) => populationValues('2029', year).find((v) => v.gender === 'T')?.value;
console.log('Leksand N01951', [2019, 2020, 2024, 2025].map((y) => `${y}: ${leksand(y)}`).join(', '));
for (const m of ['0586', '2029', '2081', '0884']) {
  console.log(
    m,
    'N01951 2019/2020',
    populationValues(m, 2019)[2]?.value,
    populationValues(m, 2020)[2]?.value,
  );
  console.log(
    m,
    'N00670',
    [2019, 2020, 2021, 2022].map(
      (y) => shareValues('N00670', m, y)[2]?.value ?? shareValues('N00670', m, y)[0]?.status,
    ),
  );
  console.log(
    m,
    'U07451 2019/2023',
    insiktValues('U07451', m, 2019)?.[0]?.value,
    insiktValues('U07451', m, 2023)?.[0]?.value,
    'U07453 2024/2025',
    insiktValues('U07453', m, 2024)?.[0]?.value,
    insiktValues('U07453', m, 2025)?.[0]?.value,
  );
}
