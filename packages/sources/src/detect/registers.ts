/** Matching the sample against what the warehouse knows, and proposing what it does not know yet. */
import { areaLookup } from '../csv/lookups.ts';
import type { ReadContext } from '../csv/types.ts';
import type { ColumnStats } from './column-stats.ts';
import { orgLevel, slugify } from './names.ts';
import type { Detection, DetectRegister } from './types.ts';

export interface AreaMatcher {
  codes: ReadonlySet<string>;
  /** Resolves a cell as the worker does: a code, a name, "0586 Mjölby". */
  resolve: (raw: string) => string | undefined;
}

/** Registers: codes and lower-case names, as the worker resolves them. */
export function createAreaMatcher(areas: DetectRegister['areas']): AreaMatcher {
  const codes = new Set(areas.map((a) => a.code));
  const byName = new Map(areas.map((a) => [a.name.toLocaleLowerCase('sv'), a.code]));
  const resolveAreaText = (raw: string) => {
    const t = raw.trim();
    return codes.has(t) ? t : byName.get(t.toLocaleLowerCase('sv'));
  };
  const readCtx: ReadContext = { resolveArea: resolveAreaText, resolveIndicator: () => undefined };
  return { codes, resolve: areaLookup(readCtx, null) };
}

/**
 * Names that are no municipality: internal units, proposed for the org-unit register. In a column
 * of municipality codes an unknown value is a typo, and stays a rejection.
 */
export function proposeOrgUnits(
  areaColumn: ColumnStats | undefined,
  areas: AreaMatcher,
): Detection['newOrgUnits'] {
  const newOrgUnits: Detection['newOrgUnits'] = [];
  if (areaColumn === undefined) return newOrgUnits;
  const mostlyCodes = areaColumn.codeLike / Math.max(1, areaColumn.nonEmpty) >= 0.5;
  if (mostlyCodes) return newOrgUnits;
  const taken = new Set(areas.codes);
  for (const value of areaColumn.distinct.keys()) {
    if (areas.resolve(value) !== undefined || /^\d/.test(value)) continue;
    let code = slugify(value) || `enhet-${newOrgUnits.length + 1}`;
    while (taken.has(code)) code = `${code}-2`;
    taken.add(code);
    newOrgUnits.push({ code, name: value, level: orgLevel(value) });
  }
  return newOrgUnits;
}

export interface IndicatorKeys {
  /** The key for an indicator named `text` (or titled `title`): an existing one, or a new one. */
  keyFor(text: string, title?: string): string;
  /** The new keys handed out so far, in order. */
  newIndicators: Detection['newIndicators'];
}

/** Indicators: existing ones by key or title, otherwise new keys under the source id. */
export function createIndicatorKeys(indicators: DetectRegister['indicators'], id: string): IndicatorKeys {
  const existingByName = new Map<string, string>();
  for (const i of indicators) {
    existingByName.set(i.key.toLocaleLowerCase('sv'), i.key);
    existingByName.set(i.title.toLocaleLowerCase('sv'), i.key);
  }
  const newIndicators: Detection['newIndicators'] = [];
  const usedKeys = new Set<string>();
  const keyFor = (text: string, title = text): string => {
    const existing =
      existingByName.get(text.trim().toLocaleLowerCase('sv')) ??
      existingByName.get(title.trim().toLocaleLowerCase('sv'));
    if (existing !== undefined) return existing;
    const slug = slugify(text) || 'varde';
    let key = slug === id ? id : `${id}.${slug}`;
    while (usedKeys.has(key)) key = `${key}-2`;
    usedKeys.add(key);
    newIndicators.push({ key, title: title.trim() });
    return key;
  };
  return { keyFor, newIndicators };
}
