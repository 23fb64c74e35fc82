import { type PrepareResult, prepareAnswers } from '@malkoll/answers';
import type { Warehouse } from '@malkoll/warehouse';

/** Where a failed preparation is reported (the runtime's pino logger fits). */
export interface AnswerLog {
  warn: (fields: object, message: string) => void;
}

/**
 * Prepares the dashboard's answers after a change (prepareAnswers). Never throws: an answer that is
 * not prepared is composed on demand and is never stale (it is keyed by the data version), so a failure
 * here costs speed, not correctness, and must not fail the run or edit that changed the data.
 */
export async function refreshAnswers(db: Warehouse, log?: AnswerLog): Promise<PrepareResult | null> {
  try {
    return await prepareAnswers(db);
  } catch (error) {
    log?.warn({ err: error }, 'could not prepare the dashboard answers; pages compose them on demand');
    return null;
  }
}

/**
 * Preparation in the background for a process that changes data while serving (the dashboard's plan
 * edits): requests while one runs coalesce into one more run, which sees every change before it.
 */
export function createAnswerPreparer(db: Warehouse, log?: AnswerLog) {
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): Promise<void> => {
    running = refreshAnswers(db, log).then(() => {
      if (again) {
        again = false;
        return run();
      }
      running = null;
    });
    return running;
  };
  return {
    request(): void {
      if (running !== null) again = true;
      else void run();
    },
    /** Resolves when no preparation is running or queued. */
    async idle(): Promise<void> {
      while (running !== null) await running;
    },
  };
}
