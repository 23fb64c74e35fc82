// Field schemas and Swedish error messages shared by the definitions a steward writes (the plan file, a
// derived indicator): every error names the field path so the steward can find the line.

import { z } from 'zod';

export const KEY_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

export const keySchema = z
  .string()
  .regex(
    KEY_PATTERN,
    'får bara innehålla a–z, 0–9, punkt, bindestreck och understreck och ska börja med a–z eller 0–9',
  );
export const textSchema = z.string().trim().min(1, 'får inte vara tom');

export interface DefinitionIssue {
  /** Dotted path from the definition's root, e.g. "goals.0.indicators.0.target.value"; "" for the root. */
  path: string;
  /** Swedish. */
  message: string;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'en text',
  number: 'ett tal',
  int: 'ett heltal',
  boolean: 'sant eller falskt',
  object: 'ett objekt (nycklar och värden)',
  array: 'en lista',
  date: 'ett datum',
};

/** The input as a Swedish error message quotes it ("\"abc\"", "en lista", "ingenting"). */
export function describe(input: unknown): string {
  if (input === null) return 'null';
  if (input === undefined) return 'ingenting';
  if (Array.isArray(input)) return 'en lista';
  if (input instanceof Date) return 'ett ogiltigt datum';
  if (typeof input === 'string') return JSON.stringify(input);
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  return `ett ${typeof input === 'object' ? 'objekt' : typeof input}`;
}

/** Swedish messages for zod's built-in checks; our own checks carry their own words. */
export const swedishErrors: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'saknas (obligatoriskt fält)';
      return `ska vara ${TYPE_WORDS[issue.expected] ?? issue.expected}, fick ${describe(issue.input)}`;
    case 'invalid_value':
      return `ska vara ${issue.values.map((v) => JSON.stringify(v)).join(' eller ')}, fick ${describe(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string') return 'får inte vara tom';
      if (issue.origin === 'array') return `behöver minst ${String(issue.minimum)}`;
      return issue.inclusive
        ? `ska vara minst ${String(issue.minimum)}`
        : `ska vara större än ${String(issue.minimum)}`;
    case 'too_big':
      return issue.inclusive
        ? `ska vara högst ${String(issue.maximum)}`
        : `ska vara mindre än ${String(issue.maximum)}`;
    case 'unrecognized_keys':
      return 'okänt fält';
    default:
      return undefined;
  }
};

export function toIssues(error: z.ZodError): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      // One line per unknown key, with the key in the path: a typo is then found like any other error.
      for (const key of issue.keys) {
        issues.push({ path: [...base, key].join('.'), message: 'okänt fält (stavfel?)' });
      }
    } else {
      issues.push({ path: base.join('.'), message: issue.message });
    }
  }
  return issues;
}
