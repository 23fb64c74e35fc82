import type { SourceDefinitionInput } from '@malkoll/sources';

// The definition the add-source wizard edits: the CSV definition as a steward writes it, the JSON
// `malkoll sources apply` reads (before the schema fills in defaults). The server checks it with the
// same schema and saves it with the same code (docs/steward-pages.md); the wizard only shapes it.

type CsvDefinitionInput = Extract<SourceDefinitionInput, { kind: 'csv' }>;

/** Every part optional, all the way down. */
type Draft<T> = T extends readonly (infer E)[]
  ? Draft<E>[]
  : T extends object
    ? { [K in keyof T]?: Draft<T[K]> }
    : T;

/**
 * The definition while it is edited. Detect proposes a whole one, but the JSON box lets the steward
 * leave out (or mistype) any part until the server judges it, so every part is read with care.
 */
export type DefinitionDraft = Draft<CsvDefinitionInput>;
type MappingDraft = NonNullable<DefinitionDraft['mapping']>;
type LongMappingDraft = Extract<MappingDraft, { layout?: 'long' }>;
/** Where a dimension comes from: `{ column }` or `{ value }`, with an optional `map`. */
export type FieldRefDraft = NonNullable<LongMappingDraft['indicator']>;
type IndicatorDraft = NonNullable<DefinitionDraft['indicators']>[number];
type OwnerDraft = NonNullable<DefinitionDraft['owner']>;
type LocationDraft = NonNullable<DefinitionDraft['location']>;

/** The dimensions a long file's mapping names, each from a column or one value for the whole file. */
export type Dimension = 'indicator' | 'area' | 'period' | 'breakdown';
export const DIMENSIONS: readonly Dimension[] = ['indicator', 'area', 'period', 'breakdown'];

export type Preset = 'nightly' | 'weekly' | 'monthly' | 'arrival' | 'custom';
export const PRESETS: readonly Preset[] = ['nightly', 'weekly', 'monthly', 'arrival', 'custom'];

const PRESET_CRON: Record<Exclude<Preset, 'arrival' | 'custom'>, string> = {
  nightly: '0 2 * * *',
  weekly: '0 2 * * 1',
  monthly: '0 2 1 * *',
};

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value as the text of an input: strings and numbers as they are, anything else as empty. */
export const textOf = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

// A part that is not an object (left out, or mistyped in the JSON box) reads as empty and is replaced
// by what the form writes.
export const ownerOf = (def: DefinitionDraft): OwnerDraft => (isObject(def.owner) ? def.owner : {});
export const mappingOf = (def: DefinitionDraft): MappingDraft => (isObject(def.mapping) ? def.mapping : {});
const locationOf = (def: DefinitionDraft): LocationDraft => (isObject(def.location) ? def.location : {});
export const indicatorsOf = (def: DefinitionDraft): IndicatorDraft[] =>
  Array.isArray(def.indicators) ? def.indicators : [];
export const fieldRefOf = (mapping: MappingDraft, dimension: Dimension): FieldRefDraft => {
  // A classification mapping names no indicator or period: read as an empty reference.
  const ref: unknown = (mapping as Record<string, unknown>)[dimension];
  return isObject(ref) ? (ref as FieldRefDraft) : {};
};
export const valueColumnOf = (mapping: MappingDraft): string =>
  mapping.layout === 'long' && isObject(mapping.value) ? textOf(mapping.value.column) : '';

/**
 * Detect's proposal, which the server built and checked against the schema, with the new indicators'
 * direction left open: detect cannot know whether higher is better, so the steward chooses (the save
 * asks for it, new-source/wizard-checks.ts), rather than a guessed "higher" passing unread.
 */
export function draftOf(proposal: Record<string, unknown>): DefinitionDraft {
  const def: DefinitionDraft = proposal;
  if (!Array.isArray(def.indicators)) return def;
  return { ...def, indicators: def.indicators.map(({ direction: _guess, ...rest }) => rest) };
}

/** The JSON box's text as a draft: any JSON object (the server judges the rest), else null. */
export function parseDraft(text: string): DefinitionDraft | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** The draft as the JSON box shows it and the preview sends it. */
export const formatDraft = (def: DefinitionDraft) => JSON.stringify(def, null, 2);

/** Whether a preview was made of this very definition (an edit and its undo count as the same). */
export const sameDraft = (a: DefinitionDraft, b: DefinitionDraft | null) =>
  b !== null && formatDraft(a) === formatDraft(b);

/** A new id; the inbox folder follows it while it is still the proposed one (`<old id>/…`). */
export function withSourceId(def: DefinitionDraft, id: string): DefinitionDraft {
  const location = locationOf(def);
  const oldId = textOf(def.id);
  const inbox = textOf(location.inbox);
  const nextInbox = inbox.startsWith(`${oldId}/`) ? `${id}/${inbox.slice(oldId.length + 1)}` : inbox;
  return { ...def, id, location: { ...location, inbox: nextInbox } };
}

/** The owner's e-mail; an empty one is left out rather than saved as "". */
export function withOwnerEmail(def: DefinitionDraft, email: string): DefinitionDraft {
  const { email: _email, ...rest } = ownerOf(def);
  return { ...def, owner: email ? { ...rest, email } : rest };
}

export function withMapping(
  def: DefinitionDraft,
  patch: Partial<Record<Dimension, FieldRefDraft>> | { value: { column: string } },
): DefinitionDraft {
  return { ...def, mapping: { ...mappingOf(def), ...patch } };
}

/** One indicator changed; a renamed key is renamed where the mapping gives it as the file's one indicator. */
export function withIndicator(def: DefinitionDraft, index: number, patch: IndicatorDraft): DefinitionDraft {
  const indicators = indicatorsOf(def);
  const mapping = mappingOf(def);
  const old = indicators[index] ?? {};
  const next = indicators.map((ind, j) => (j === index ? { ...ind, ...patch } : ind));
  let nextMapping = mapping;
  const indicatorRef = fieldRefOf(mapping, 'indicator');
  if (patch.key !== undefined && indicatorRef.value === old.key) {
    nextMapping = { ...mapping, indicator: { ...indicatorRef, value: patch.key } };
  }
  return { ...def, indicators: next, mapping: nextMapping };
}

/** How often a source gets new figures (`freshness.cadence`), or none: then no "I tid" is claimed. */
export type Cadence = 'monthly' | 'quarterly' | 'tertial' | 'yearly' | 'none';
export const CADENCES: readonly Cadence[] = ['monthly', 'quarterly', 'tertial', 'yearly', 'none'];

/** The definition with the chosen cadence: the freshness rule the Sources page judges "I tid" by. */
export function withCadence(def: DefinitionDraft, cadence: Cadence): DefinitionDraft {
  const { freshness: _old, ...rest } = def;
  return cadence === 'none' ? rest : { ...rest, freshness: { cadence } };
}

/** The definition with the chosen schedule: a cron in Swedish time, or runs when a file arrives. */
export function withSchedule(def: DefinitionDraft, preset: Preset, cron: string): DefinitionDraft {
  const { schedule: _old, ...rest } = def;
  if (preset === 'arrival') return { ...rest, on_file_arrival: true };
  const expression = preset === 'custom' ? cron.trim() : PRESET_CRON[preset];
  return { ...rest, on_file_arrival: false, schedule: { cron: expression, timezone: 'Europe/Stockholm' } };
}
