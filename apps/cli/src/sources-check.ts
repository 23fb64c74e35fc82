import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatNumber } from '@malkoll/goals/format';
import { checkSample, type SampleCheck } from '@malkoll/pipeline';
import type { FieldRef, Mapping } from '@malkoll/sources';
import type { CliContext } from './context.ts';
import { readSourceFile } from './files.ts';
import { describeClassificationMapping } from './sources-classification.ts';
import { formatPreview, optionalWarehouse } from './sources-detect.ts';

const delimiterNames: Record<string, string> = {
  ';': 'semikolon (;)',
  ',': 'komma (,)',
  '\t': 'tabb',
  '|': 'lodstreck (|)',
};

function describeRef(ref: FieldRef | undefined): string {
  if (ref === undefined) return '–';
  if (ref.value !== undefined) return `${ref.value} (samma för hela filen)`;
  const name = (c: string | number) => (typeof c === 'number' ? `kolumn ${c}` : `"${c}"`);
  const column =
    ref.columns !== undefined
      ? `kolumnerna ${ref.columns.map(name).join(' + ')} (texterna sammanfogade med " – ")`
      : typeof ref.column === 'number'
        ? `kolumn ${ref.column}`
        : `kolumnen "${ref.column}"`;
  const map = ref.map === undefined ? '' : `, översatt med map (${Object.keys(ref.map).length} värden)`;
  const create =
    ref.create === undefined
      ? ''
      : `; nya texter blir nya nyckeltal (${ref.create.key_prefix}.…) i stället för att avvisas`;
  return `${column}${map}${create}`;
}

export function describeMapping(mapping: Mapping): string[] {
  if (mapping.layout === 'classification') return describeClassificationMapping(mapping);
  const wideAs = mapping.layout === 'wide' ? mapping.wide.as : null;
  const wide =
    mapping.layout === 'wide'
      ? `kolumner vars rubrik matchar /${mapping.wide.columns}/ (rubriken ger ${
          { period: 'perioden', indicator: 'nyckeltalet', breakdown: 'indelningen' }[mapping.wide.as]
        })`
      : '';
  const dim = (name: 'indicator' | 'area' | 'period' | 'breakdown', ref: FieldRef | undefined) =>
    wideAs === name ? wide : describeRef(ref);
  return [
    `  layout:     ${mapping.layout === 'long' ? 'lång (ett värde per rad)' : 'bred (flera värden per rad)'}`,
    `  nyckeltal:  ${dim('indicator', mapping.indicator)}`,
    `  område:     ${describeRef(mapping.area)}`,
    `  period:     ${dim('period', mapping.period)}`,
    `  indelning:  ${dim('breakdown', mapping.breakdown)}`,
    `  värde:      ${mapping.layout === 'long' ? describeRef(mapping.value) : `cellerna i kolumnerna som matchar /${mapping.wide.columns}/`}`,
    ...(mapping.skip_rows ?? []).map(
      (r) => `  hoppa över: rader där kolumnen "${r.column}" matchar /${r.matches}/`,
    ),
  ];
}

export type CheckResult = SampleCheck;

/** `--area`/`--period`: the whole sample read as one area (a code or a name) or one period. */
export interface CheckCommandOptions {
  area?: string | undefined;
  period?: string | undefined;
}

/** Reads the sample with the definition, exactly as a run would, and writes nothing anywhere. */
export async function checkDefinition(
  ctx: CliContext,
  definitionFile: string,
  sampleFile: string,
  constants: CheckCommandOptions = {},
): Promise<CheckResult> {
  const definition = await readSourceFile(definitionFile);
  if (definition.kind !== 'csv') {
    throw new Error(
      `sources check läser exempelfiler för CSV-källor; "${definition.id}" är av typen ${definition.kind}`,
    );
  }
  const bytes = await readFile(sampleFile);
  return checkSample(await optionalWarehouse(ctx), bytes, definition, 10, constants);
}

export function formatCheck(sampleFile: string, r: CheckResult): string {
  const { definition: def, preview, verdict } = r;
  const lines = [
    `Kontroll av källan "${def.id}" mot ${path.basename(sampleFile)} (inget skrivs till lagret)`,
    '',
  ];
  lines.push('Inställningar (upptäckta där definitionen säger auto):');
  const s = preview.summary;
  lines.push(
    `  teckenkodning:  ${s?.encoding ?? '?'}${def.parse.encoding === 'auto' ? ' (upptäckt)' : ' (enligt definitionen)'}`,
  );
  lines.push(
    `  avgränsare:     ${s ? (delimiterNames[s.delimiter] ?? s.delimiter) : '?'}${def.parse.delimiter === 'auto' ? ' (upptäckt)' : ' (enligt definitionen)'}`,
  );
  const decimal = def.parse.decimal === 'auto' ? s?.decimal : def.parse.decimal;
  lines.push(
    `  decimaltecken:  ${decimal === undefined ? '?' : decimal === ',' ? 'komma' : 'punkt'}${def.parse.decimal === 'auto' ? ' (upptäckt)' : ' (enligt definitionen)'}`,
  );
  lines.push(`  rubrikrad:      ${s ? `rad ${s.headerLine}` : '?'}`);
  lines.push('', 'Mappning:', ...describeMapping(def.mapping));
  lines.push('', ...formatPreview(preview));
  if (verdict !== null) {
    const share = `${formatNumber(verdict.share * 100, { decimals: 1 })} %`;
    const limitPct = verdict.limit * 100;
    const limit = `${formatNumber(limitPct, { decimals: Number.isInteger(limitPct) ? 0 : 1 })} %`;
    const whose = verdict.defaulted ? 'standardgränsen' : 'gränsen';
    lines.push(
      '',
      verdict.exceeded
        ? `Avvisade: ${share} av värdena, över ${whose} ${limit} (validation.max_rejected_share): en körning skulle misslyckas och inte läsa in något.`
        : verdict.warn
          ? `Avvisade: ${share} av värdena, inom ${whose} ${limit}: de godkända raderna läses in och körningen lyckas med en varning.`
          : `Avvisade: inga (${whose} är ${limit}).`,
    );
  }
  return lines.join('\n');
}

export function checkAsJson(r: CheckResult): unknown {
  const { definition, preview, verdict } = r;
  return {
    id: definition.id,
    settings:
      preview.summary === null
        ? null
        : {
            encoding: preview.summary.encoding,
            delimiter: preview.summary.delimiter,
            header_line: preview.summary.headerLine,
            decimal: preview.summary.decimal,
          },
    mapping: definition.mapping,
    summary:
      preview.summary === null
        ? null
        : {
            rows_read: preview.summary.rowsRead,
            rows_loaded: preview.summary.rowsLoaded,
            rows_skipped: preview.summary.skipped,
            rows_rejected: preview.summary.rowsRejected,
            values: preview.factCount,
            values_rejected: preview.summary.rejected,
            // The names before rows and values were counted apart: skipped rows, rejected values.
            skipped: preview.summary.skipped,
            rejected: preview.summary.rejected,
          },
    facts: preview.facts.map((f) => ({
      line: f.line,
      indicator: f.indicatorKey,
      area: f.areaCode,
      period: f.period.label,
      period_start: f.period.start,
      breakdown: f.breakdown,
      value: f.value,
      value_note: f.valueNote,
    })),
    rejections: preview.rejections.map((x) => ({
      line: x.line,
      column: x.column,
      raw: x.raw,
      reason_sv: x.reasonSv,
      reason_en: x.reasonEn,
    })),
    skipped: preview.skips,
    rejected_share: verdict?.share ?? null,
    max_rejected_share: verdict?.limit ?? null,
    would_fail: preview.error !== null || verdict?.exceeded === true,
    error: preview.error,
  };
}
