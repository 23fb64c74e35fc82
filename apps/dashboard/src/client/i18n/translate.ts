/** Fills {name} placeholders; an unknown name stays visible so a missing value is noticed, not hidden. */
export function translate(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}
