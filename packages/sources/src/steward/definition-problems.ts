import type { z } from 'zod';
import { parseSourceDefinition, type SourceDefinition, sourceDefinitionSchema } from '../definition.ts';

/** One thing wrong with a definition: the field (as `mapping.area.column`) and what is wrong, in Swedish. */
export interface DefinitionProblem {
  field: string;
  message: string;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? '(hela definitionen)' : out;
}

const typeNames: Record<string, string> = {
  string: 'text',
  number: 'ett tal',
  int: 'ett heltal',
  boolean: 'ja/nej (true/false)',
  object: 'ett objekt',
  array: 'en lista',
};

// The schema's own messages are English (the CLI prints them); the steward pages show these instead.
const customMessages: [RegExp, string | ((m: RegExpExecArray) => string)][] = [
  [/^Required \(give column or value\)$/, 'Saknas: ange en kolumn eller ett fast värde'],
  [/^Give either column or value, not both$/, 'Ange antingen en kolumn eller ett fast värde, inte båda'],
  [/^Required$/, 'Saknas'],
  [
    /^Not allowed: the wide columns already give the (\w+)/,
    (m) => `Ska inte anges: de breda kolumnerna ger redan ${dimension(m[1])}`,
  ],
  [
    /^A cron expression has 5 or 6 fields, this one has (\d+)$/,
    (m) => `Ett cron-uttryck har 5 eller 6 fält, det här har ${m[1]}`,
  ],
  [/^Invalid cron field "(.*)"$/, (m) => `Ogiltigt fält i cron-uttrycket: "${m[1]}"`],
  [/^Unknown time zone "(.*)"$/, (m) => `Okänd tidszon "${m[1]}"`],
  [/^Must be relative to the inbox root/, 'Ska vara en sökväg inuti inkorgen, inte en absolut sökväg'],
  [/^Must not contain a "\.\." segment/, 'Får inte innehålla ".." (sökvägen ska stanna i inkorgen)'],
  [/^Invalid regular expression: (.*)$/, (m) => `Ogiltigt reguljärt uttryck: ${m[1]}`],
  [
    /^Pattern may backtrack catastrophically: "(.*)" can take (exponential|polynomial) time on a long run of "(.*)";/s,
    (m) =>
      `Uttrycket kan fastna: "${m[1]}" kan ta ${m[2] === 'exponential' ? 'exponentiell' : 'polynomisk'} tid på en lång ` +
      `följd av "${m[3]}"; skriv om det så att ingen text kan matchas på mer än ett sätt`,
  ],
  [
    /^Pattern too long to check for catastrophic backtracking: (\d+) characters, at most (\d+)$/,
    (m) => `Uttrycket är för långt för att kontrolleras: ${m[1]} tecken, högst ${m[2]}`,
  ],
  [/^min must not be greater than max$/, 'min får inte vara större än max'],
  [
    /^Use lower-case letters, digits and "-"/,
    'Använd små bokstäver a–z, siffror och "-" (börja med en bokstav eller siffra)',
  ],
  [
    /^Use lower-case letters, digits, "\.", "_" and "-"/,
    'Använd små bokstäver a–z, siffror, ".", "_" och "-"',
  ],
];

function dimension(name: string | undefined): string {
  return (
    { indicator: 'nyckeltalet', period: 'perioden', breakdown: 'indelningen' }[name ?? ''] ?? String(name)
  );
}

function swedishMessage(issue: z.core.$ZodIssue): string {
  for (const [pattern, text] of customMessages) {
    const m = pattern.exec(issue.message);
    if (m) return typeof text === 'string' ? text : text(m);
  }
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'Saknas' : `Ska vara ${typeNames[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return issue.origin === 'string'
        ? 'Får inte vara tomt'
        : issue.origin === 'array'
          ? `Ange minst ${issue.minimum}`
          : `Ska vara minst ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `Högst ${issue.maximum} tecken eller poster`
        : `Ska vara högst ${issue.maximum}`;
    case 'invalid_value':
      return `Ska vara ett av: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'email' ? 'Ogiltig e-postadress' : 'Har fel form';
    case 'unrecognized_keys':
      return `Okänt fält: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'Ogiltigt värde';
    default:
      return `Ogiltigt värde (${issue.message})`;
  }
}

/**
 * Validates a definition as `sources apply` does (the same schema), answering every problem with its
 * field and a Swedish message instead of throwing: the steward pages list them beside the form.
 */
export function checkSourceDefinition(
  input: unknown,
): { ok: true; definition: SourceDefinition } | { ok: false; problems: DefinitionProblem[] } {
  // Zod's final issues leave out the input; the hook sees it and says "Required" for a missing field.
  const result = sourceDefinitionSchema.safeParse(input, {
    error: (issue) =>
      (issue.code === 'invalid_type' || issue.code === 'invalid_union') && issue.input === undefined
        ? 'Required'
        : undefined,
  });
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => ({
        field: formatPath(issue.path),
        message: swedishMessage(issue),
      })),
    };
  }
  // The same parse the CLI does (its error hook differs only in wording), so both accept the same input.
  return { ok: true, definition: parseSourceDefinition(input) };
}
