import { classificationDetection } from '../classification/classification-detection.ts';
import { proposeClassification } from '../classification/detect-classification.ts';
import { formatSwedishNumber } from '../csv/errors.ts';
import type { ProfileName } from '../definition.ts';
import { joinLabels } from '../indicator-keys.ts';
import { buildMapping, type FileLabels, titlesOf } from './build-mapping.ts';
import { type ColumnChoice, classifyColumns } from './classify-columns.ts';
import { analyseColumns, guessNumberFormat, type NumberFormat } from './column-stats.ts';
import { detectProblem } from './explain-problems.ts';
import { extensionOf, idFromFileName } from './names.ts';
import { recogniseProfile } from './profiles.ts';
import { sampleSettings, validateProposal } from './proposal.ts';
import { createAreaMatcher, createIndicatorKeys, proposeOrgUnits } from './registers.ts';
import { readSample, type Sample } from './sample.ts';
import { DetectError, type Detection, type DetectOptions, type DetectRegister } from './types.ts';

/**
 * `malkoll sources detect`: looks at a sample export and proposes a complete source definition for it.
 * Pure: the caller passes the bytes and the registers (areas, indicators) it knows; nothing is read or
 * written here. The proposal is checked against the definition schema before it is returned, so what
 * `detect --json` prints is always something `sources apply` accepts.
 *
 * The steps, each in its own module: read the sample (decode, dialect, header, data rows), gather
 * statistics per column, classify the columns, build the mapping, then assemble and validate the
 * definition with the notes the steward should read.
 */

export { type DetectProblem, type DetectProblemKind, explainDetectProblem } from './explain-problems.ts';
export { idFromFileName, slugify } from './names.ts';
export { PROFILE_NAMES, type ProfileName, recogniseProfile } from './profiles.ts';
export {
  type ColumnRole,
  DetectError,
  type DetectedColumn,
  type Detection,
  type DetectNeed,
  type DetectOptions,
  type DetectRegister,
} from './types.ts';

export async function detectDefinition(
  bytes: Uint8Array,
  register: DetectRegister,
  options: DetectOptions,
): Promise<Detection> {
  try {
    return await proposeDefinition(bytes, register, options);
  } catch (error) {
    // Anything but a worded problem is a fault in detect: the steward gets Swedish, the cause stays attached.
    if (error instanceof DetectError) throw error;
    throw Object.assign(detectProblem({ kind: 'unexpected' }), { cause: error });
  }
}

async function proposeDefinition(
  bytes: Uint8Array,
  register: DetectRegister,
  options: DetectOptions,
): Promise<Detection> {
  const id = options.id ?? idFromFileName(options.fileName);
  const sample = await readSample(bytes, options.maxRows ?? 5_000);
  const areas = createAreaMatcher(register.areas);
  const stats = analyseColumns(sample.header, sample.dataRows, areas.resolve);
  // A table of group codes per area with no measure is a classification (peer groups), not facts.
  const classification = proposeClassification(stats, sample, options.fileName);
  if (classification !== null) return classificationDetection(classification, sample, id, options.fileName);
  const choice = classifyColumns(stats, sample);
  const newOrgUnits = proposeOrgUnits(choice.areaColumn, areas);
  const format = guessNumberFormat(choice.numericColumns);
  const titles = titlesOf(sample.titleLines, options.fileName, id);
  const keys = createIndicatorKeys(register.indicators, id);
  const labels = await collectLabels(sample, choice);
  const {
    mapping,
    constants,
    notes: mappingNotes,
  } = buildMapping(choice, {
    titleLines: sample.titleLines,
    titles,
    keys,
    areas: register.areas,
    resolveArea: areas.resolve,
    options,
    labels,
    id,
    format,
  });
  const profile = recogniseProfile(sample);
  const newIndicators = keys.newIndicators;
  const constantTitle =
    newIndicators.length === 1 && constants.some((c) => c.dimension === 'indicator')
      ? newIndicators[0]?.title
      : undefined;
  const definition = assembleDefinition({
    id,
    title: titles.fileTitle || constantTitle || titles.fallbackTitle,
    fileName: options.fileName,
    delimiter: sample.delimiter,
    format,
    profile: profile?.name,
    mapping,
    newIndicators,
    newOrgUnits,
  });
  const notes = [
    ...labelNotes(choice, labels),
    ...mappingNotes,
    ...collectNotes(choice, format, newIndicators, newOrgUnits),
  ];
  const parsed = validateProposal(definition);

  return {
    definition,
    parsed,
    settings: sampleSettings(sample, format.decimal),
    layout: choice.layout,
    wideAs: choice.wideAs,
    columns: choice.columns,
    constants,
    newIndicators,
    newOrgUnits,
    profile,
    notes,
  };
}

/** Distinct labels kept per file: far more than any export names indicators, and bounded in memory. */
export const MAX_DETECT_LABELS = 5_000;

/**
 * Streams the whole file once (`scanAll`) for every label of the label columns, so a long file sorted by
 * indicator, whose later indicators first appear far below the sample, is proposed whole. Also finishes
 * the footnote lines at the end of the file.
 */
async function collectLabels(sample: Sample, choice: ColumnChoice): Promise<FileLabels> {
  const labels = new Map<string, string>();
  let complete = true;
  const indexes = choice.labelColumns.map((c) => c.index);
  const titleIndex = indexes.length === 1 ? choice.titleColumn?.index : undefined;
  await sample.scanAll((row) => {
    if (indexes.length === 0) return;
    // One label column (the common case) needs no joining: no arrays per row on a file of millions.
    const label =
      indexes.length === 1
        ? (row.fields[indexes[0] as number] ?? '').trim()
        : joinLabels(indexes.map((i) => row.fields[i] ?? ''));
    if (label === '' || labels.has(label)) return;
    if (labels.size >= MAX_DETECT_LABELS) {
      complete = false;
      return;
    }
    const title = titleIndex === undefined ? '' : (row.fields[titleIndex] ?? '').trim();
    labels.set(label, title || choice.indicatorTitles.get(label) || label);
  });
  return { labels, complete };
}

/** What the steward should know about indicators read from label columns. */
function labelNotes(choice: ColumnChoice, labels: FileLabels): string[] {
  if (choice.labelColumns.length === 0) return [];
  const names = choice.labelColumns.map((c) => `"${c.name}"`).join(' + ');
  const notes = [
    `Nyckeltalet läses ur ${choice.labelColumns.length > 1 ? `kolumnerna ${names} (en serie per kombination)` : `kolumnen ${names}`}: ${formatSwedishNumber(labels.labels.size)} olika i hela filen. Texter som tillkommer i senare leveranser blir nya nyckeltal (mapping.indicator.create) i stället för att avvisas.`,
  ];
  if (!labels.complete) {
    notes.push(
      `Filen har fler än ${formatSwedishNumber(MAX_DETECT_LABELS)} olika nyckeltal; förslaget tar upp de första, resten skapas vid inläsningen.`,
    );
  }
  return notes;
}

/** The definition as plain JSON, in the key order `detect --json` prints. */
function assembleDefinition(parts: {
  id: string;
  title: string;
  fileName: string;
  delimiter: string;
  format: NumberFormat;
  profile: ProfileName | undefined;
  mapping: Record<string, unknown>;
  newIndicators: Detection['newIndicators'];
  newOrgUnits: Detection['newOrgUnits'];
}): Record<string, unknown> {
  const { id, format } = parts;
  const definition: Record<string, unknown> = {
    id,
    title: parts.title,
    owner: { name: 'Ej angiven' },
    kind: 'csv',
    on_file_arrival: true,
    location: { inbox: `${id}/*${extensionOf(parts.fileName)}`, move_processed: true },
    parse: {
      encoding: 'auto',
      delimiter: parts.delimiter === '\t' ? 'tab' : parts.delimiter,
      header_line: 'auto',
      decimal: format.decimal,
      ...(parts.profile === undefined ? {} : { profile: parts.profile }),
    },
    mapping: parts.mapping,
    load: { mode: 'upsert' },
  };
  if (parts.newIndicators.length > 0) {
    definition.indicators = parts.newIndicators.map((i) => ({
      key: i.key,
      title: i.title,
      unit: i.unit ?? format.unit,
      direction: 'higher',
      decimals: format.maxDecimals,
    }));
  }
  if (parts.newOrgUnits.length > 0) definition.org_units = parts.newOrgUnits;
  return definition;
}

/** Swedish remarks on the guesses the steward should check, in the order the summary shows them. */
function collectNotes(
  choice: ColumnChoice,
  format: NumberFormat,
  newIndicators: Detection['newIndicators'],
  newOrgUnits: Detection['newOrgUnits'],
): string[] {
  const notes: string[] = [];
  const { valueColumn, valueColumns } = choice;
  if (valueColumn !== undefined && valueColumns.length > 1) {
    notes.push(
      `Flera kolumner innehåller tal (${valueColumns.map((s) => `"${s.name}"`).join(', ')}); "${valueColumn.name}" läses som värde.`,
    );
  }
  if (newIndicators.length > 0) {
    const units = [...new Set(newIndicators.map((i) => i.unit ?? format.unit))];
    const unit = units.length === 1 ? `enhet "${units[0]}"` : 'enheter ur rubrikerna';
    notes.push(
      `${newIndicators.length} nya nyckeltal föreslås (${unit}, ${format.maxDecimals} decimaler, högre är bättre); de skapas vid sources apply. Kontrollera riktningen.`,
    );
  }
  if (newOrgUnits.length > 0) {
    notes.push(
      `${newOrgUnits.length} namn i kolumnen "${choice.areaColumn?.name}" finns inte i områdesregistret och föreslås som nya enheter (org_units), i stället för att avvisas: ${newOrgUnits.map((u) => u.name).join(', ')}.`,
    );
  }
  notes.push('Ägare saknas i filen: fyll i owner.name (och gärna owner.email) innan du sparar definitionen.');
  return notes;
}
