import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatNumber, formatValue } from '@malkoll/goals/format';
import { detectSample } from '@malkoll/pipeline';
import type { Detection, Fact, Preview, Rejection } from '@malkoll/sources';
import type { Warehouse } from '@malkoll/warehouse';
import type { CliContext } from './context.ts';
import { formatClassificationPreview } from './sources-classification.ts';

/** The warehouse when one can be reached; detect and check work without one (bundled municipalities). */
export async function optionalWarehouse(ctx: CliContext): Promise<Warehouse | null> {
  return ctx.warehouse().then(
    (w) => w.db,
    () => null,
  );
}

const delimiterNames: Record<string, string> = {
  ';': 'semikolon (;)',
  ',': 'komma (,)',
  '\t': 'tabb',
  '|': 'lodstreck (|)',
};
const newlineNames: Record<string, string> = { '\r\n': 'CRLF (Windows)', '\n': 'LF', '\r': 'CR' };
const roleNames: Record<string, string> = {
  area: 'område',
  period: 'period',
  indicator: 'nyckeltal',
  breakdown: 'indelning',
  value: 'värde',
  wide: 'värden (bred)',
  ignored: 'används inte',
  group: 'grupp',
  group_name: 'gruppnamn',
  main_group: 'huvudgrupp',
  main_group_name: 'huvudgruppsnamn',
};
const dimensionNames: Record<string, string> = {
  indicator: 'nyckeltal',
  area: 'område',
  period: 'period',
  breakdown: 'indelning',
};
const noteNames: Record<string, string> = {
  missing: 'saknas',
  suppressed: 'skyddat (*)',
  no_new_data: 'inga nya data',
};

const pad = (text: string, width: number) => (text.length >= width ? `${text} ` : text.padEnd(width));

export function formatFact(f: Fact): string {
  const value =
    f.value === null
      ? `(${noteNames[f.valueNote ?? 'missing']})`
      : formatValue(f.value, { decimals: decimalsOf(f.value) });
  return `  rad ${pad(String(f.line), 5)} ${pad(f.indicatorKey, 34)} ${pad(f.areaCode, 8)} ${pad(f.period.label, 16)} ${pad(f.breakdown, 3)} ${value}`;
}

function decimalsOf(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : Math.min(6, text.length - dot - 1);
}

export function formatRejection(r: Rejection): string {
  return `  rad ${r.line}${r.column === null ? '' : ` [${r.column}]`}: ${r.reasonSv}`;
}

/** First facts, every rejection and the skipped rows, in Swedish. */
export function formatPreview(preview: Preview): string[] {
  const lines: string[] = [];
  if (preview.error !== null) {
    lines.push(`Filen kan inte läsas: ${preview.error.reasonSv}`);
    return lines;
  }
  if (preview.classification !== undefined) return formatClassificationPreview(preview);
  const s = preview.summary;
  if (s !== null) {
    // Rows and values apart, as a run reports them: a wide row gives several values.
    const n = (v: number) => formatNumber(v);
    lines.push(
      `Rader: ${n(s.rowsRead)} lästa = ${n(s.rowsLoaded)} inlästa + ${n(s.skipped)} överhoppade + ${n(s.rowsRejected)} avvisade · ` +
        `Värden: ${n(preview.factCount)} inlästa, ${n(s.rejected)} avvisade`,
    );
  }
  lines.push('', `Första värdena (${preview.facts.length} av ${preview.factCount}):`);
  lines.push(
    `  ${pad('rad', 9)} ${pad('nyckeltal', 34)} ${pad('område', 8)} ${pad('period', 16)} ${pad('ind', 3)} värde`,
  );
  for (const f of preview.facts) lines.push(formatFact(f));
  if (preview.skips.length > 0) {
    lines.push('', `Överhoppade rader (${preview.skips.length}):`);
    for (const k of preview.skips) lines.push(`  rad ${k.line}: ${k.reason}`);
  }
  lines.push('', `Avvisade rader (${preview.rejections.length}):`);
  if (preview.rejections.length === 0) lines.push('  inga');
  for (const r of preview.rejections) lines.push(formatRejection(r));
  if (preview.collapse !== null) lines.push('', preview.collapse.messageSv);
  return lines;
}

export function formatDetection(
  file: string,
  d: Detection,
  preview: Preview,
  opts: DetectCommandOptions = {},
): string {
  const { settings } = d;
  const lines: string[] = [];
  lines.push(`Förslag för ${path.basename(file)}: källa "${d.parsed.id}"`, '');
  lines.push('Upptäckta inställningar:');
  lines.push(
    `  utgivare:       ${d.profile === null ? 'ingen känd (allmän CSV)' : `${d.profile.name}: ${d.profile.why}`}`,
  );
  lines.push(`  teckenkodning:  ${settings.encoding}`);
  lines.push(`  avgränsare:     ${delimiterNames[settings.delimiter] ?? settings.delimiter}`);
  lines.push(`  radslut:        ${newlineNames[settings.newline]}`);
  // A classification has no numbers, so no decimal sign to report.
  if (d.layout !== 'classification')
    lines.push(`  decimaltecken:  ${settings.decimal === ',' ? 'komma' : 'punkt'}`);
  lines.push(
    `  rubrikrad:      rad ${settings.headerLine}${settings.superHeaderLine === null ? '' : ` (med överrubriker på rad ${settings.superHeaderLine})`}`,
  );
  if (settings.titleLines.length > 0) {
    lines.push(
      `  rubrikrader ovanför: ${settings.titleLines.map((t) => `rad ${t.line} "${t.text}"`).join(', ')}`,
    );
  }
  if (settings.footnoteLines.length > 0)
    lines.push(`  fotnoter:       rad ${settings.footnoteLines.join(', ')}`);
  lines.push(
    `  layout:         ${
      d.layout === 'classification'
        ? 'klassificering (grupper per område, inga värden: läses in som jämförelsegrupper)'
        : d.layout === 'long'
          ? 'lång (ett värde per rad)'
          : `bred (${d.wideAs === 'period' ? 'perioder' : d.wideAs === 'indicator' ? 'nyckeltal' : 'indelningar'} som kolumner)`
    }`,
  );
  lines.push('', 'Kolumner:');
  for (const c of d.columns)
    lines.push(`  ${pad(`"${c.name}"`, 28)} ${pad(roleNames[c.role] ?? c.role, 14)} ${c.why}`);
  if (d.constants.length > 0) {
    lines.push('', 'Samma för hela filen:');
    for (const c of d.constants)
      lines.push(`  ${pad(dimensionNames[c.dimension] ?? c.dimension, 10)} = ${c.value} (${c.why})`);
  }
  if (d.newIndicators.length > 0) {
    lines.push('', 'Nya nyckeltal (skapas vid sources apply):');
    for (const i of d.newIndicators) lines.push(`  ${i.key}  "${i.title}"`);
  }
  if (d.newOrgUnits.length > 0) {
    lines.push('', 'Okända enheter föreslås som nya enheter i organisationen (avvisas inte):');
    for (const u of d.newOrgUnits) lines.push(`  ${u.code}  "${u.name}" (${u.level})`);
  }
  lines.push('', ...formatPreview(preview));
  if (d.notes.length > 0) {
    lines.push('', 'Att kontrollera:');
    for (const n of d.notes) lines.push(`  - ${n}`);
  }
  lines.push(
    '',
    'Spara förslaget och läs in det:',
    `  pnpm malkoll sources detect ${file}${opts.id ? ` --id ${opts.id}` : ''}${opts.area ? ` --area ${shellWord(opts.area)}` : ''}${opts.period ? ` --period ${shellWord(opts.period)}` : ''} --json > ${d.parsed.id}.json`,
    `  pnpm malkoll sources apply ${d.parsed.id}.json`,
    `  pnpm malkoll sources run ${d.parsed.id} --file ${file} --wait`,
  );
  return lines.join('\n');
}

/** A value as one shell word: quoted when it has spaces ("Stockholms län"). */
const shellWord = (value: string) =>
  /^[\p{L}\d._-]+$/u.test(value) ? value : `"${value.replace(/"/g, '\\"')}"`;

export interface DetectCommandOptions {
  json?: boolean;
  id?: string;
  area?: string;
  period?: string;
}

/** `malkoll sources detect <file>`: prints the proposal (JSON with --json, a Swedish summary otherwise). */
export async function runDetect(ctx: CliContext, file: string, opts: DetectCommandOptions): Promise<string> {
  const bytes = await readFile(file);
  const detectOptions = { fileName: file, id: opts.id, area: opts.area, period: opts.period };
  const db = await optionalWarehouse(ctx);
  if (opts.json)
    return JSON.stringify((await detectSample(db, bytes, detectOptions, null)).detection.definition, null, 2);
  // The preview's default of 10 facts, as before.
  const { detection, preview } = await detectSample(db, bytes, detectOptions, 10);
  return formatDetection(file, detection, preview, opts);
}
