/**
 * `--area` and `--period` on a definition (`sources check`): the whole sample read as one area or one
 * period, whatever the definition's mapping says for that dimension. The area is resolved by the one
 * resolver (a code or a name), the period by the one period parser; both refusals are Swedish.
 */
import { createAreaResolver, type RegisterArea } from '../areas/resolve.ts';
import { parsePeriod } from '../csv/period.ts';
import type { CsvSourceDefinition } from '../definition.ts';
import { detectProblem } from './explain-problems.ts';

export interface FileConstants {
  area?: string | undefined;
  period?: string | undefined;
}

export function applyFileConstants(
  definition: CsvSourceDefinition,
  given: FileConstants,
  areas: readonly RegisterArea[],
): CsvSourceDefinition {
  const area = given.area?.trim() || undefined;
  const period = given.period?.trim() || undefined;
  if (area === undefined && period === undefined) return definition;
  const mapping = { ...definition.mapping };
  if (area !== undefined) {
    const code = createAreaResolver(areas).resolve(area);
    if (code === undefined) throw detectProblem({ kind: 'unknown_area', given: area });
    mapping.area = { value: code };
  }
  if (period !== undefined) {
    if (parsePeriod(period) === null) throw detectProblem({ kind: 'bad_period', given: period });
    if (mapping.layout === 'wide' && mapping.wide.as === 'period') {
      throw detectProblem({
        kind: 'option_not_applicable',
        need: 'period',
        reason: 'definitionen läser perioden ur kolumnrubrikerna (perioder som kolumner)',
      });
    }
    mapping.period = { value: period };
  }
  return { ...definition, mapping } as CsvSourceDefinition;
}
