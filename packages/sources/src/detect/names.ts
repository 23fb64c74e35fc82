/** Text helpers for detect: slugs and ids, regexes for header shapes, periods and titles in free text. */
import { parsePeriod } from '../csv/period.ts';

/** Lower-case ASCII slug: "Tekniska förvaltningen" -> "tekniska-forvaltningen". */
export function slugify(text: string): string {
  return text
    .toLocaleLowerCase('sv')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** A source id from a file name: "Befolkning 2016 (SCB).csv" -> "befolkning-2016-scb". */
export function idFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const slug = slugify(base.replace(/\.[^.]+$/, ''));
  return slug === '' ? 'kalla' : slug;
}

/** ".csv", ".txt"…: the folder inbox takes files of the sample's kind. */
export function extensionOf(fileName: string): string {
  const ext = /\.[A-Za-z0-9]{1,5}$/.exec(fileName.split(/[\\/]/).pop() ?? '')?.[0];
  return ext === undefined ? '' : ext.toLowerCase();
}

export const fold = (text: string) =>
  text
    .toLocaleLowerCase('sv')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

export const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A regex matching header cells of the same shape: "2016M04" -> "\d{4}M\d{2}". */
export function shapeOf(text: string): string {
  return text
    .trim()
    .split(/(\d+|\p{L}+)/u)
    .filter((part) => part !== '')
    .map((part) =>
      /^\d+$/.test(part) ? `\\d{${part.length}}` : /^\p{L}+$/u.test(part) ? '\\p{L}+' : escapeRegex(part),
    )
    .join('');
}

/** A period written in text: "Folkmängd 31 december 2016", "befolkning-2016.csv", "läsåret 2022/23". */
export function periodInText(text: string): string | null {
  // Skolverket's school year is the year of its spring term, as Kolada files school results.
  const schoolYear = /\bläsår(?:et)?\s+(\d{4})\s*[/–-]\s*(\d{2}|\d{4})\b/iu.exec(text);
  if (schoolYear?.[1] !== undefined && schoolYear[2] !== undefined) {
    const first = Number(schoolYear[1]);
    const second = Number(
      schoolYear[2].length === 2 ? `${schoolYear[1].slice(0, 2)}${schoolYear[2]}` : schoolYear[2],
    );
    if (second === first + 1) return String(second);
  }
  const words = text.split(/[\s_,;:()]+/).filter((w) => w !== '');
  for (let size = 3; size >= 1; size--) {
    for (let i = 0; i + size <= words.length; i++) {
      const candidate = words.slice(i, i + size).join(' ');
      if (!/\d{4}/.test(candidate)) continue;
      if (parsePeriod(candidate) !== null) return candidate;
    }
  }
  return null;
}

export function orgLevel(name: string): 'namnd' | 'forvaltning' | 'enhet' {
  if (/nämnd|namnd|styrelse/iu.test(name)) return 'namnd';
  if (/förvaltning|forvaltning|kontor/iu.test(name)) return 'forvaltning';
  return 'enhet';
}

/** SCB titles name the table and its dimensions: "Folkmängd efter region och år" -> "Folkmängd". */
export function titleSubject(title: string): string {
  return title
    .replace(/\s+efter\s+.*$/iu, '')
    .replace(/\s*\(.*\)\s*$/, '')
    .trim();
}
