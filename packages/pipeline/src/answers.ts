import { type PrepareResult, prepareAnswers } from '@malkoll/answers';
import { hasPreparedAnswers, type Warehouse } from '@malkoll/warehouse';

/** Where a failed preparation is reported (the runtime's pino logger fits). */
export interface AnswerLog {
  warn: (fields: object, message: string) => void;
}

/**
 * Prepares the dashboard's answers after a change (prepareAnswers). Never throws: an answer that is
 * not prepared is composed on demand and is never stale (it is keyed by the data version), so a failure
 * here costs speed, not correctness, and must not fail the run or edit that changed the data.
 */
export async function refreshAnswers(
  db: Warehouse,
  log?: AnswerLog,
  options: { always?: boolean } = {},
): Promise<PrepareResult | null> {
  try {
    // Until a dashboard has served or prepared anything there is no one to prepare for (a CLI session
    // before the first start, a test): the dashboard prepares at start-up (always).
    if (options.always !== true && !(await hasPreparedAnswers(db))) return null;
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
    running = refreshAnswers(db, log, { always: true }).then(() => {
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
