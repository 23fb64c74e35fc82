import type { CsvSourceDefinition } from '../definition.ts';
import { checkSourceDefinition } from '../steward/definition-problems.ts';
import { detectProblem } from './explain-problems.ts';
import type { Sample } from './sample.ts';
import type { Detection } from './types.ts';

// What every detect proposal (values or a classification) shares: its check against the schema and the
// file settings it reports.

/**
 * The proposal through the definition schema: what detect prints must be what `sources apply` accepts.
 * A refusal is a fault in detect, explained in Swedish with the fields that failed (never zod's text).
 */
export function validateProposal(definition: Record<string, unknown>): CsvSourceDefinition {
  const checked = checkSourceDefinition(definition);
  if (!checked.ok) throw detectProblem({ kind: 'invalid_proposal', problems: checked.problems });
  if (checked.definition.kind !== 'csv') {
    throw detectProblem({
      kind: 'invalid_proposal',
      problems: [{ field: 'kind', message: 'Ska vara "csv"' }],
    });
  }
  return checked.definition;
}

/** The file settings detect found, as a proposal reports them. */
export function sampleSettings(sample: Sample, decimal: ',' | '.'): Detection['settings'] {
  return {
    encoding: sample.encoding,
    delimiter: sample.delimiter,
    newline: sample.newline,
    headerLine: sample.headerLine,
    superHeaderLine: sample.superHeaderLine,
    titleLines: sample.titleLines,
    footnoteLines: sample.footnoteLines,
    decimal,
  };
}
