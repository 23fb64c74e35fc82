// `malkoll plans import <file.csv>`: a follow-up report's tables, as the steward pasted them into a CSV,
// become a plan file, and the report's "Status" column a values file with a source definition to load it.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlanDefinition } from '@malkoll/goals/plan-definition';
import {
  type FollowUpImport,
  type FollowUpImportOptions,
  type ImportedObservation,
  importFollowUpBytes,
  slugify,
} from '@malkoll/pipeline/plan-import';
import { decodeWholeText, loadSourceDefinitionText } from '@malkoll/sources';
import { currentMunicipalities } from '@malkoll/warehouse';
import { stringify as stringifyYaml } from 'yaml';

export interface PlansImportOptions {
  id?: string;
  area?: string;
  name?: string;
  organisation?: string;
  start?: string;
  end?: string;
  followUps?: string;
  statusDate?: string;
  ytd?: string;
  out?: string;
  valuesOut?: string;
  sourceOut?: string;
}

export interface PlansImportResult {
  result: FollowUpImport;
  planYaml: string;
  /** What to tell the steward, in Swedish, one line each. */
  lines: string[];
}

const municipalities = currentMunicipalities();

/** The municipality the report names most often ("Mjölby kommun"), when --area is left out. */
export function guessArea(text: string): { code: string; name: string } | null {
  let best: { code: string; name: string; count: number } | null = null;
  for (const a of municipalities) {
    const pattern = new RegExp(
      `(?<![\\p{L}])${a.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`,
      'gu',
    );
    const count = text.match(pattern)?.length ?? 0;
    if (count > 0 && (!best || count > best.count)) best = { code: a.code, name: a.name, count };
  }
  return best && { code: best.code, name: best.name };
}

/** The period a status date stands for: a tertial end is that tertial, 31 December the year, else the month. */
export function periodForDate(date: string): string {
  const year = date.slice(0, 4);
  const md = date.slice(5);
  if (md === '04-30') return `${year}T1`;
  if (md === '08-31') return `${year}T2`;
  if (md === '12-31') return year;
  return date.slice(0, 7);
}

/** The "Status" column in the long layout a CSV source reads: Nyckeltal;Kommun;Period;Värde. */
export function formatValuesCsv(observations: readonly ImportedObservation[]): string {
  const lines = ['Nyckeltal;Kommun;Period;Värde'];
  for (const o of observations) {
    // Decimal comma, no group separator: what the CSV reader expects from a Swedish export.
    lines.push(`${o.indicator};${o.area};${periodForDate(o.date)};${String(o.value).replace('.', ',')}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A source definition that loads the values file from the inbox, validated like `sources apply` would. */
export function buildValuesSource(plan: PlanDefinition, inboxPath: string): { id: string; yaml: string } {
  const id = `${plan.id}-uppfoljning`.slice(0, 60);
  const definition = {
    id,
    title: `Uppföljningens statusvärden – ${plan.name}`,
    owner: { name: plan.organisation },
    kind: 'csv',
    location: { inbox: inboxPath },
    parse: { encoding: 'auto', delimiter: 'auto' },
    mapping: {
      layout: 'long',
      indicator: { column: 'Nyckeltal' },
      area: { column: 'Kommun' },
      period: { column: 'Period' },
      breakdown: { value: 'T' },
      value: { column: 'Värde' },
    },
    load: { mode: 'upsert' },
  };
  const yaml = `# Skapad av malkoll plans import: statusvärdena ur uppföljningen, som ${inboxPath} i inkorgen.\n${stringifyYaml(definition)}`;
  loadSourceDefinitionText(yaml, `${id}.yaml`);
  return { id, yaml };
}

function splitList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export async function importPlanFromReport(
  file: string,
  opts: PlansImportOptions,
): Promise<PlansImportResult> {
  const bytes = await readFile(file);
  const lines: string[] = [];
  let area = opts.area;
  let areaName = municipalities.find((a) => a.code === area)?.name;
  if (area === undefined) {
    const guess = guessArea((await decodeWholeText(bytes)).text);
    if (!guess)
      throw new Error('Kunde inte se vilken kommun rapporten gäller: ange --area (t.ex. --area 0586).');
    area = guess.code;
    areaName = guess.name;
    lines.push(`Kommun: ${guess.code} ${guess.name} (gissat ur texten; ange --area för att välja)`);
  } else if (!/^\d{4}$/.test(area)) {
    throw new Error(`--area ska vara en kommunkod med fyra siffror, t.ex. 0586, fick "${area}".`);
  }
  const planId = opts.id ?? slugify(path.basename(file).replace(/\.[^.]+$/, ''), 40);
  const options: FollowUpImportOptions = {
    planId,
    area,
    organisation: opts.organisation ?? (areaName ? `${areaName} kommun` : `Kommun ${area}`),
    ...(opts.name !== undefined ? { name: opts.name } : {}),
    ...(opts.start !== undefined ? { start: opts.start } : {}),
    ...(opts.end !== undefined ? { end: opts.end } : {}),
    ...(opts.followUps !== undefined ? { followUps: splitList(opts.followUps) } : {}),
    ...(opts.statusDate !== undefined ? { statusDate: opts.statusDate } : {}),
    ...(opts.ytd !== undefined ? { ytdKeys: splitList(opts.ytd) } : {}),
  };
  const result = await importFollowUpBytes(bytes, options);
  const { plan, observations } = result;
  const planYaml = `# Skapad av malkoll plans import ur ${path.basename(file)}; granska antagandena i utskriften.\n${stringifyYaml(plan, { lineWidth: 0 })}`;

  const linkCount = (goals: PlanDefinition['goals']): [number, number] =>
    goals.reduce<[number, number]>(
      (acc, g) => {
        const [l, a] = linkCount(g.children);
        return [acc[0] + g.indicators.length + l, acc[1] + g.activities.length + a];
      },
      [0, 0],
    );
  const [links, activities] = linkCount(plan.goals);
  lines.push(
    `${plan.id}: ${plan.goals.length} kommunmål, ${plan.indicators.length} mått, ${links} kopplingar, ${activities} aktiviteter; ` +
      `uppföljningar ${plan.follow_ups.join(', ')}; ${observations.length} statusvärden`,
  );

  if (opts.out) {
    await writeFile(opts.out, planYaml);
    lines.push(`Planfil: ${opts.out}`);
  }
  if (opts.valuesOut) {
    await writeFile(opts.valuesOut, formatValuesCsv(observations));
    lines.push(`Värden: ${opts.valuesOut} (${observations.length} rader)`);
  }
  if (opts.sourceOut) {
    const inboxPath = path.basename(opts.valuesOut ?? `${plan.id}-varden.csv`);
    const source = buildValuesSource(plan, inboxPath);
    await writeFile(opts.sourceOut, source.yaml);
    lines.push(
      `Källa: ${opts.sourceOut} (id ${source.id}; lägg ${inboxPath} i inkorgen, sedan ` +
        `pnpm malkoll sources apply ${opts.sourceOut} && pnpm malkoll sources run ${source.id} --wait)`,
    );
  }
  return { result, planYaml, lines };
}

/** The messages, one per line: "rad 221 (varning): okänt önskat läge "Medel" – …". */
export function formatImportMessages(result: FollowUpImport): string[] {
  return result.messages.map((m) =>
    m.text.startsWith('rad ')
      ? `${m.text} (${m.level})`
      : `${m.line > 0 ? `rad ${m.line}` : 'filen'} (${m.level}): ${m.text}`,
  );
}
