import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseCsvSourceDefinition } from '@malkoll/sources';
import { getSource } from '@malkoll/warehouse';
import type { CliContext } from './context.ts';

/**
 * `sources run <id> --file <file>`: the file is put into the source's inbox folder (the folder of its
 * `location.inbox`) and the run reads exactly that file, by its path relative to the inbox root. Copying
 * rather than reading the file where it lies keeps one rule for every run: a worker reads only inside
 * the inbox root (which may be the only folder it shares with the steward's machine), the run's origin
 * names a file in the inbox, and a folder inbox moves it to processed/ or failed/ like any delivery.
 * A file already inside the inbox root is used where it is.
 *
 * Returns the path relative to the inbox root.
 */
export async function stageFileInInbox(ctx: CliContext, sourceId: string, file: string): Promise<string> {
  const { db } = await ctx.warehouse();
  const source = await getSource(db, sourceId);
  if (!source) throw new Error(`Källan "${sourceId}" finns inte (lägg in den med sources apply)`);
  const definition = parseCsvSourceDefinition(source.definition);
  await mkdir(ctx.config.inboxRoot, { recursive: true });
  const root = await realpath(ctx.config.inboxRoot);
  let real: string;
  try {
    real = await realpath(file);
  } catch {
    throw new Error(`Filen ${file} finns inte`);
  }
  if (!(await stat(real)).isFile()) throw new Error(`${file} är ingen fil`);
  if (real.startsWith(root + path.sep)) return path.relative(root, real);

  const folder = path.join(root, path.dirname(definition.location.inbox));
  await mkdir(folder, { recursive: true });
  const target = path.join(folder, path.basename(real));
  const existing = await readFile(target).catch(() => null);
  if (existing !== null) {
    const hash = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    if (hash(existing) !== hash(await readFile(real))) {
      throw new Error(
        `Det finns redan en annan fil ${path.relative(root, target)} i inkorgen; byt namn på filen eller ta bort den gamla`,
      );
    }
  } else {
    await copyFile(real, target);
  }
  return path.relative(root, target);
}
