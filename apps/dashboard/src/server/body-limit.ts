import { bodyLimit } from 'hono/body-limit';

/**
 * A size limit for a JSON request body, refused with 413 while it streams in (before it is parsed), so
 * neither an anonymous sign-in nor a steward's edit can make the server buffer an unbounded body.
 * Uploads have their own, larger limit (DASHBOARD_UPLOAD_MAX_MB, steward-sources.ts).
 */
export const jsonBodyLimit = (maxBytes: number) =>
  bodyLimit({
    maxSize: maxBytes,
    onError: (c) => c.json({ error: `Begäran är för stor (högst ${Math.round(maxBytes / 1024)} kB).` }, 413),
  });
