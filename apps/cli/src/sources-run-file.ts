import { stageFileInInbox as stageInInbox } from '@malkoll/pipeline';
import type { CliContext } from './context.ts';

/**
 * `sources run <id> --file <file>`: the file is copied into the source's inbox folder (never over a
 * different file) and the run reads exactly that file; the rules live in @malkoll/pipeline, shared with the
 * dashboard's upload. Returns the path relative to the inbox root.
 */
export async function stageFileInInbox(ctx: CliContext, sourceId: string, file: string): Promise<string> {
  const { db } = await ctx.warehouse();
  return stageInInbox(db, ctx.config.inboxRoot, sourceId, file);
}
