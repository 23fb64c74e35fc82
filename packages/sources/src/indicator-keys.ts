/**
 * Indicator keys made from labels, in one place: detect proposes them, and a run whose definition says
 * `mapping.indicator.create` makes the same key for a label it has not seen before, so a proposal and
 * a later delivery agree on the key of every label without a map entry for it.
 */
import { slugify } from './detect/names.ts';

/** Characters a key's label part keeps before it is shortened with a hash (slugify cuts at 60). */
const maxSlugChars = 60;

/** FNV-1a over the label, six base-36 digits: enough to keep two long labels that share a start apart. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(6, '0').slice(-6);
}

/**
 * Signs that tell labels apart are spelt out before slugging ("eldningsolja 1" and "eldningsolja>1",
 * "20+" and "20"), so two such labels get two keys and a later delivery's new label never lands on an
 * existing label's indicator.
 */
const spelledSigns: [RegExp, string][] = [
  [/>=|≥/g, ' gte '],
  [/<=|≤/g, ' lte '],
  [/>/g, ' gt '],
  [/</g, ' lt '],
  [/%/g, ' pct '],
  [/\+/g, ' plus '],
];

/** Lower-case ASCII slug of the whole label, not cut off. */
function fullSlug(label: string): string {
  let text = label;
  for (const [sign, word] of spelledSigns) text = text.replace(sign, word);
  return text
    .toLocaleLowerCase('sv')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * `<prefix>.<slug of the label>`: "Arbetslöshet, (%)" under "kolada-bakgrund" is
 * "kolada-bakgrund.arbetsloshet". A slug longer than 60 characters (or none at all, a label of only
 * signs) ends in a hash of the label instead, so distinct labels keep distinct keys.
 */
export function indicatorKeyForLabel(prefix: string, label: string): string {
  const text = label.trim().replace(/\s+/g, ' ');
  const slug = fullSlug(text);
  let part: string;
  if (slug === '') part = `varde-${shortHash(text)}`;
  else if (slug.length <= maxSlugChars) part = slug;
  else
    part = `${slugify(slug)
      .slice(0, maxSlugChars - 7)
      .replace(/-+$/, '')}-${shortHash(text)}`;
  return slug === prefix ? prefix : `${prefix}.${part}`;
}

/** The label of a row whose indicator is named by several columns: their cells joined with " – ". */
export const joinLabels = (parts: readonly string[]): string =>
  parts
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join(' – ');
