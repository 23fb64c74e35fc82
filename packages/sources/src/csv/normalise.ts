/** Text normalisation shared by header names, column references and label lookups. */

/** The text of a header cell as it should display: no BOM, soft hyphens resolved, spaces collapsed. */
export function cleanHeaderText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/(\d)\u00AD+(?=\d)/g, '$1–')
    .replace(/\u00AD/g, '')
    .replace(/[\s\u00A0\u202F\u2009]+/g, ' ')
    .trim();
}

/**
 * Header names and cell labels compare whatever the case, spacing, soft hyphens or kind of dash ("45­49",
 * "45–49" and "45-49" are the same name).
 */
export function normaliseName(text: string): string {
  return cleanHeaderText(text)
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .toLocaleLowerCase('sv');
}
