import type { FieldRef, IndicatorCreate } from '../definition.ts';
import { indicatorKeyForLabel } from '../indicator-keys.ts';
import { normaliseName } from './header.ts';
import { type Period, parsePeriod } from './period.ts';
import type { NewIndicator, ReadContext } from './types.ts';

/**
 * A copy of a field's text that does not keep the decoded chunk it was cut from alive: V8 represents a
 * substring of 13 characters or more as a slice of its parent, so a cached "0586 Mjölby" would pin a
 * whole chunk (tens of KB) per distinct value, hundreds of MB over a large file.
 */
function detach(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}

/** Caches a lookup per distinct raw text; cleared when it grows past `limit` so memory stays bounded. */
export function memoise<T>(lookup: (raw: string) => T, limit = 20_000): (raw: string) => T {
  const cache = new Map<string, T>();
  return (raw) => {
    const hit = cache.get(raw);
    if (hit !== undefined || cache.has(raw)) return hit as T;
    const own = detach(raw);
    const value = lookup(own);
    if (cache.size >= limit) cache.clear();
    cache.set(own, value);
    return value;
  };
}

/** A definition's `map` with keys normalised the same way as header names. */
export function translationMap(ref: FieldRef | undefined): Map<string, string> | null {
  if (ref?.map === undefined) return null;
  return new Map(Object.entries(ref.map).map(([from, to]) => [normaliseName(from), to]));
}

export interface IndicatorLookup {
  key: string | undefined;
  /** The text after the map, when the map translated it. */
  mapped: string | null;
}

export function indicatorLookup(ctx: ReadContext, map: Map<string, string> | null) {
  return memoise((raw: string): IndicatorLookup => {
    const text = raw.trim();
    if (text === '') return { key: undefined, mapped: null };
    const mapped = map?.get(normaliseName(text)) ?? null;
    return { key: ctx.resolveIndicator(mapped ?? text), mapped };
  });
}

/**
 * Open-ended indicators (`mapping.indicator.create`): a label the map and the register do not know gets
 * the key `indicatorKeyForLabel(prefix, label)`; when no indicator has that key yet, it is one the run
 * creates, announced once through `onCreate` (with the label as its title).
 */
export function openEndedIndicators(
  ctx: ReadContext,
  create: IndicatorCreate,
  onCreate: (indicator: NewIndicator) => void,
) {
  const created = new Set<string>();
  return (label: string): string => {
    const key = indicatorKeyForLabel(create.key_prefix, label);
    if (ctx.resolveIndicator(key) !== undefined) return key;
    if (!created.has(key)) {
      created.add(key);
      onCreate({ key, title: label.trim().replace(/\s+/g, ' ') });
    }
    return key;
  };
}

/**
 * Area cells: through the definition's `map` first, then the register's resolver (`ctx.resolveArea`,
 * built with `createAreaResolver`), which understands codes, "0586 Mjölby", "01 Stockholms län" and
 * names. Memoised: a file repeats the same few hundred area texts millions of times.
 */
export function areaLookup(ctx: ReadContext, map: Map<string, string> | null) {
  return memoise((raw: string): string | undefined => {
    const text = raw.trim();
    if (text === '') return undefined;
    const mapped = map?.get(normaliseName(text));
    return ctx.resolveArea(mapped ?? text) ?? undefined;
  });
}

const standardBreakdowns = new Map<string, string>([
  ['t', 'T'],
  ['totalt', 'T'],
  ['total', 'T'],
  ['alla', 'T'],
  ['samtliga', 'T'],
  ['båda könen', 'T'],
  ['k', 'K'],
  ['kvinnor', 'K'],
  ['kvinna', 'K'],
  ['flickor', 'K'],
  ['m', 'M'],
  ['män', 'M'],
  ['man', 'M'],
  ['pojkar', 'M'],
]);

/**
 * Breakdown text to a key: the definition's map first, then the usual sex breakdowns (T/K/M, as Kolada
 * uses them), otherwise the text itself as a source-declared breakdown. An empty cell is the total.
 */
export function breakdownLookup(map: Map<string, string> | null) {
  return memoise((raw: string): string => {
    const text = raw.trim();
    if (text === '') return 'T';
    const name = normaliseName(text);
    return map?.get(name) ?? standardBreakdowns.get(name) ?? text;
  });
}

export function periodLookup() {
  return memoise((raw: string): Period | null => parsePeriod(raw));
}
