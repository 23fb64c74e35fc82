/** Matching the sample against what the warehouse knows, and proposing what it does not know yet. */
import { createAreaResolver, isAreaSummaryText, isPublicAreaName } from '../areas/resolve.ts';
import { areaLookup } from '../csv/lookups.ts';
import { indicatorKeyForLabel } from '../indicator-keys.ts';
import type { ColumnStats } from './column-stats.ts';
import { orgLevel, slugify } from './names.ts';
import type { Detection, DetectRegister } from './types.ts';
import { unitInHeader } from './unit-in-header.ts';

export interface AreaMatcher {
  codes: ReadonlySet<string>;
  /** Resolves a cell as the worker does: a code, a name, "0586 Mjölby", "01 Stockholms län". */
  resolve: (raw: string) => string | undefined;
}

/** The register's resolver, memoised as the reader memoises it. */
export function createAreaMatcher(areas: DetectRegister['areas']): AreaMatcher {
  const resolver = createAreaResolver(areas);
  return {
    codes: resolver.codes,
    resolve: areaLookup({ resolveArea: resolver.resolve, resolveIndicator: () => undefined }, null),
  };
}

/**
 * Names that are no area of the register: internal units, proposed for the org-unit register. Never a
 * public area by its form (a län, a region, Riket, "X kommun", an unweighted mean: an unknown one is a
 * rejection the steward should see, not a unit) nor a summary row ("Totalt", "Summa", "Samtliga", which
 * the reader skips). In a column of municipality codes an unknown value is a typo, and stays a rejection.
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
    if (isAreaSummaryText(value) || isPublicAreaName(value)) continue;
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
    // "Kostnad (tkr)": the unit in brackets is the indicator's unit, not part of its title.
    const withUnit = unitInHeader(title);
    const existing =
      existingByName.get(text.trim().toLocaleLowerCase('sv')) ??
      existingByName.get(title.trim().toLocaleLowerCase('sv')) ??
      (withUnit ? existingByName.get(withUnit.title.toLocaleLowerCase('sv')) : undefined);
    if (existing !== undefined) return existing;
    // The key a run's `mapping.indicator.create` makes of the same label, so the two agree.
    let key = indicatorKeyForLabel(id, text);
    while (usedKeys.has(key)) key = `${key}-2`;
    usedKeys.add(key);
    newIndicators.push(
      withUnit ? { key, title: withUnit.title, unit: withUnit.unit } : { key, title: title.trim() },
    );
    return key;
  };
  return { keyFor, newIndicators };
}
