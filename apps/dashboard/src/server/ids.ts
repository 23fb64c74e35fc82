import type { Context, MiddlewareHandler } from 'hono';

// Ids from the address are checked before anything is looked up by them, so a value the database cannot
// hold (a NUL byte, a number past its integer range) is the caller's 400 in Swedish, decided here
// rather than by the error Postgres happens to raise (errors.ts stays the net below this).

/** C0 control characters and DEL: no key, code or date holds one, and Postgres text cannot hold NUL. */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

const badAddress = (c: Context) =>
  c.json({ error: 'Ogiltig begäran: adressen innehåller ett styrtecken eller går inte att läsa.' }, 400);

/** The decoded path segments and query values of /api requests may hold no control character. */
export function refuseControlCharacters(): MiddlewareHandler {
  return async (c, next) => {
    const url = new URL(c.req.url);
    for (const segment of url.pathname.split('/')) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        return badAddress(c);
      }
      if (hasControlCharacter(decoded)) return badAddress(c);
    }
    for (const [name, value] of url.searchParams) {
      if (hasControlCharacter(name) || hasControlCharacter(value)) return badAddress(c);
    }
    await next();
  };
}

/** Postgres `integer` (serial): links, activities. */
export const MAX_INT4 = 2_147_483_647;

/**
 * A row id written as plain decimal digits (no sign, exponent, fraction or leading zero) within
 * `max`; null for anything else. `Number('1e3')` and `Number(' 12 ')` would pass a looser check.
 */
export function parseRowId(raw: string | undefined, max = MAX_INT4): number | null {
  if (raw === undefined || !/^[1-9][0-9]{0,15}$/.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) && id <= max ? id : null;
}

/** The Swedish 400 for an id that cannot be one. */
export const badId = (c: Context, what: string) =>
  c.json({ error: `Ogiltigt id för ${what}: ange ett positivt heltal.` }, 400);
