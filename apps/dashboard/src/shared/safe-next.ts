/**
 * Where to go after signing in: a path on this site, or `/`. Never another site (`//host`, `/\host`),
 * and no whitespace or backslash anywhere: browsers drop tabs and line breaks from a URL, so `/\t/host`
 * would become `//host`, and a Location header with a line break would fail. One rule for the server
 * (OpenID Connect's return) and the sign-in form.
 */
export function safeNextPath(next: string | null | undefined): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s\\]*$/.test(next) ? next : '/';
}
