import type {
  DetectResponse,
  PreviewResponse,
  RunStartedResponse,
  SaveSourceResponse,
} from '../../../shared/steward-api.ts';
import { sendJson } from '../../api.ts';
import {
  type Cadence,
  type DefinitionDraft,
  formatDraft,
  type Preset,
  withCadence,
  withSchedule,
} from './definition-draft.ts';

// The wizard's four requests to the steward routes (server/steward-sources.ts). The definition goes as
// JSON text in a multipart form beside the sample file, as the routes read it.

export interface SaveOptions {
  preset: Preset;
  /** The steward's own cron expression, used with the 'custom' preset. */
  cron: string;
  /** Put the sample in the source's inbox folder, to run it at once. */
  stageSample: boolean;
  /** Overwrite a source that has the same id. */
  replace: boolean;
  /** How often new figures come; null until the steward has chosen (the save asks for it). */
  cadence: Cadence | null;
}

/** The definition as it is saved: with the schedule and the cadence chosen in the save step. */
export function definitionToSave(def: DefinitionDraft, options: SaveOptions): DefinitionDraft {
  const scheduled = withSchedule(def, options.preset, options.cron);
  return options.cadence === null ? scheduled : withCadence(scheduled, options.cadence);
}

function sampleForm(file: File, definition?: string, withFile = true): FormData {
  const body = new FormData();
  if (definition !== undefined) body.append('definition', definition);
  if (withFile) body.append('file', file);
  return body;
}

/** What the steward says of a file that names no area or period (the route's `area`/`period` fields). */
export interface DetectFields {
  area: string;
  period: string;
}

export function detectSample(file: File, fields: DetectFields) {
  const body = sampleForm(file);
  if (fields.area.trim() !== '') body.append('area', fields.area.trim());
  if (fields.period.trim() !== '') body.append('period', fields.period.trim());
  return sendJson<DetectResponse>('POST', '/api/sources/detect', body);
}

export const previewDraft = (file: File, def: DefinitionDraft) =>
  sendJson<PreviewResponse>('POST', '/api/sources/preview', sampleForm(file, formatDraft(def)));

export function saveDraft(file: File, def: DefinitionDraft, options: SaveOptions) {
  const definition = JSON.stringify(definitionToSave(def, options));
  const body = sampleForm(file, definition, options.stageSample);
  if (options.replace) body.append('replace', '1');
  return sendJson<SaveSourceResponse>('POST', '/api/sources', body);
}

export const startRun = (sourceId: string) =>
  sendJson<RunStartedResponse>('POST', `/api/sources/${encodeURIComponent(sourceId)}/runs`, {});
