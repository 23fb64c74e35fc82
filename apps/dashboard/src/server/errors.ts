import type { Logger } from '@malkoll/runtime';
import type { Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';

// One error handler for every route: input Postgres refuses (a date that does not exist, a number out of
// range, a NUL byte) is the client's mistake and answers 400; anything else answers 500 without detail.
// Either way the error goes through the app's logger, which redacts secrets, and never to the console.

/** SQLSTATE class 22, "data exception": the value sent cannot be what the column holds. */
function dataExceptionCode(error: unknown): string | null {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('22') ? code : null;
}

export function registerErrorHandler(app: Hono, log: Logger | undefined): void {
  app.onError((error, c: Context) => {
    if (error instanceof HTTPException) return error.getResponse();
    const request = { method: c.req.method, path: c.req.path };
    const code = dataExceptionCode(error);
    if (code !== null) {
      log?.info({ ...request, code }, 'refused input the database cannot hold');
      return c.json(
        { error: 'Ogiltig begäran: ett värde i adressen eller i formuläret går inte att läsa.' },
        400,
      );
    }
    log?.error({ ...request, err: error }, 'request failed');
    return c.json(
      { error: 'Något gick fel på servern; försök igen, eller be en administratör titta i loggen.' },
      500,
    );
  });
}
