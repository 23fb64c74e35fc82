// Shared by the tests only: readable expected strings with the no-break spaces the formatter emits.

/** Tagged template that turns every "~" into a no-break space: nb`26~602` is "26 602" as formatted. */
export function nb(strings: TemplateStringsArray, ...values: unknown[]): string {
  let out = '';
  for (const [i, s] of strings.entries())
    out += s.replaceAll('~', '\u00a0') + (i < values.length ? String(values[i]) : '');
  return out;
}
