import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { recordingFile } from '@malkoll/pipeline';
import { parseSourceDefinition, recordSourceResponses } from '@malkoll/sources';
import { getSource } from '@malkoll/warehouse';
import type { CliContext } from './context.ts';

/**
 * `malkoll sources record <id>`: fetches every answer a full run of a Kolada or SCB source needs from the
 * live API and stores them as the source's recorded responses (MALKOLL_RECORDED/<id>.json, or --out),
 * which runs use when the API cannot be reached. Needs network; writes nothing if a request fails.
 */
export async function recordSource(
  ctx: CliContext,
  sourceId: string,
  options: { out?: string },
): Promise<string> {
  const { db } = await ctx.warehouse();
  const source = await getSource(db, sourceId);
  if (!source) throw new Error(`Källan "${sourceId}" finns inte (malkoll sources list visar de som finns)`);
  const definition = parseSourceDefinition(source.definition);
  const settings = ctx.config.connectors;
  let recording: Awaited<ReturnType<typeof recordSourceResponses>>;
  try {
    recording = await recordSourceResponses(definition, settings);
  } catch (error) {
    throw new Error(`Kunde inte spela in svaren för ${sourceId}: ${(error as Error).message}`);
  }
  const file = options.out ? path.resolve(options.out) : recordingFile(settings, sourceId);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(recording, null, 2)}\n`);
  return `${sourceId}: ${recording.exchanges.length} svar inspelade från ${recording.base_url} till ${file}`;
}
