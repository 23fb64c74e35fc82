import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/*
 * A source definition says where a steward's export lives and how its columns become facts. The parsed
 * result is stored as JSON (ops.sources.definition) and parsed again by the worker, so the output must
 * stay plain JSON and parsing it a second time must give the same value (no RegExp or Date objects).
 */

const idPattern = /^[a-z0-9][a-z0-9-]*$/;

/** A header name (matched case- and whitespace-insensitively) or a 1-based column number. */
const columnRefSchema = z.union([z.string().trim().min(1), z.number().int().positive()]);
export type ColumnRef = z.output<typeof columnRefSchema>;

// YAML reads an unquoted 0586 as the number 586; a key or code is always text, and a 4-digit area code
// keeps its leading zero, so numbers are turned back into the text the steward meant.
const textValueSchema = z.union([z.string().trim().min(1), z.number()]).transform((v) => String(v));
const areaValueSchema = z
  .union([z.string().trim().min(1), z.number().int().nonnegative()])
  .transform((v) => (typeof v === 'number' ? String(v).padStart(4, '0') : v));

const translationMapSchema = z.record(z.string(), textValueSchema);

const regexSchema = z.string().superRefine((pattern, ctx) => {
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `Invalid regular expression: ${(error as Error).message}` });
  }
});

/** `{ column }` or `{ value }`, exactly one of them; `map` translates raw cell text. */
function columnOrValue<V extends z.ZodType<string>>(valueSchema: V) {
  return z
    .strictObject({
      column: columnRefSchema.optional(),
      value: valueSchema.optional(),
      map: translationMapSchema.optional(),
    })
    .superRefine((v, ctx) => {
      if (v.column === undefined && v.value === undefined) {
        ctx.addIssue({ code: 'custom', path: ['column'], message: 'Required (give column or value)' });
      }
      if (v.column !== undefined && v.value !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['value'], message: 'Give either column or value, not both' });
      }
    });
}

const indicatorRefSchema = columnOrValue(textValueSchema);
const areaRefSchema = columnOrValue(areaValueSchema);
const periodRefSchema = columnOrValue(textValueSchema);
const breakdownRefSchema = columnOrValue(textValueSchema);
export type FieldRef = z.output<typeof indicatorRefSchema>;

const skipRowSchema = z.strictObject({ column: columnRefSchema, matches: regexSchema });

const longMappingSchema = z.strictObject({
  layout: z.literal('long'),
  indicator: indicatorRefSchema,
  area: areaRefSchema,
  period: periodRefSchema,
  breakdown: breakdownRefSchema.prefault({ value: 'T' }),
  value: z.strictObject({ column: columnRefSchema }),
  skip_rows: z.array(skipRowSchema).optional(),
});

const wideMappingSchema = z
  .strictObject({
    layout: z.literal('wide'),
    indicator: indicatorRefSchema.optional(),
    area: areaRefSchema,
    period: periodRefSchema.optional(),
    breakdown: breakdownRefSchema.optional(),
    wide: z.strictObject({
      columns: regexSchema,
      as: z.enum(['period', 'indicator', 'breakdown']),
      /** Translates header cells before they are read as the `as` dimension ("Invånare" -> an indicator key). */
      map: translationMapSchema.optional(),
    }),
    skip_rows: z.array(skipRowSchema).optional(),
  })
  .superRefine((m, ctx) => {
    // The dimension the wide columns stand for must not also come from somewhere else, and the
    // others must be given.
    for (const dim of ['indicator', 'period', 'breakdown'] as const) {
      const given = m[dim] !== undefined;
      if (m.wide.as === dim && given) {
        ctx.addIssue({
          code: 'custom',
          path: [dim],
          message: `Not allowed: the wide columns already give the ${dim} (wide.as: ${dim})`,
        });
      }
      if (m.wide.as !== dim && !given && dim !== 'breakdown') {
        ctx.addIssue({ code: 'custom', path: [dim], message: 'Required' });
      }
    }
  })
  .transform((m) =>
    m.wide.as !== 'breakdown' && m.breakdown === undefined ? { ...m, breakdown: { value: 'T' } } : m,
  );

const mappingSchema = z.discriminatedUnion('layout', [longMappingSchema, wideMappingSchema]);

const cronSchema = z
  .string()
  .trim()
  .superRefine((cron, ctx) => {
    const fields = cron.split(/\s+/);
    if (fields.length < 5 || fields.length > 6) {
      ctx.addIssue({
        code: 'custom',
        message: `A cron expression has 5 or 6 fields, this one has ${fields.length}`,
      });
      return;
    }
    const bad = fields.find((f) => !/^[0-9A-Za-z*?,/#LW-]+$/.test(f));
    if (bad !== undefined) ctx.addIssue({ code: 'custom', message: `Invalid cron field "${bad}"` });
  });

const timeZoneSchema = z
  .string()
  .trim()
  .superRefine((tz, ctx) => {
    try {
      new Intl.DateTimeFormat('sv-SE', { timeZone: tz });
    } catch {
      ctx.addIssue({ code: 'custom', message: `Unknown time zone "${tz}"` });
    }
  });

const inboxPathSchema = z
  .string()
  .trim()
  .min(1)
  .superRefine((p, ctx) => {
    if (p.startsWith('/') || p.startsWith('\\') || /^[A-Za-z]:/.test(p)) {
      ctx.addIssue({ code: 'custom', message: 'Must be relative to the inbox root, not an absolute path' });
    }
    if (p.split(/[\\/]/).some((segment) => segment === '..')) {
      ctx.addIssue({ code: 'custom', message: 'Must not contain a ".." segment (stay inside the inbox)' });
    }
  });

const delimiterSchema = z
  .enum(['auto', ';', ',', '\t', '|', 'tab'])
  .transform((d) => (d === 'tab' ? '\t' : d));

const parseSchema = z.strictObject({
  encoding: z.enum(['auto', 'utf-8', 'windows-1252', 'iso-8859-1']).default('auto'),
  delimiter: delimiterSchema.default('auto'),
  header_line: z.union([z.literal('auto'), z.number().int().positive()]).default('auto'),
  decimal: z.enum([',', '.']).default(','),
  /** Physical lines to pass over before looking for the header (title lines); 0 when absent. */
  skip_lines: z.number().int().nonnegative().optional(),
});

const loadSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('upsert') }),
  z.strictObject({
    mode: z.literal('snapshot'),
    scope: z
      .strictObject({
        indicators: z.array(z.string().min(1)).optional(),
        areas: z.array(areaValueSchema).optional(),
      })
      .optional(),
  }),
]);

const declaredIndicatorSchema = z.strictObject({
  key: z.string().trim().min(1),
  title: z.string().trim().min(1),
  unit: z.string().default(''),
  direction: z.enum(['higher', 'lower']).default('higher'),
  decimals: z.number().int().min(0).max(6).default(0),
});

const declaredOrgUnitSchema = z.strictObject({
  code: z.string().trim().min(1),
  name: z.string().trim().min(1),
  level: z.enum(['namnd', 'forvaltning', 'enhet']).default('enhet'),
});

export const sourceDefinitionSchema = z.strictObject({
  id: z.string().regex(idPattern, 'Use lower-case letters, digits and "-", starting with a letter or digit'),
  title: z.string().trim().min(1),
  owner: z.strictObject({ name: z.string().trim().min(1), email: z.email().optional() }),
  kind: z.literal('csv'),
  schedule: z
    .strictObject({ cron: cronSchema, timezone: timeZoneSchema.default('Europe/Stockholm') })
    .optional(),
  on_file_arrival: z.boolean().default(false),
  location: z.strictObject({
    inbox: inboxPathSchema,
    /**
     * Folder inbox: each file a run reads is moved to `processed/` (or `failed/`) beside it, named with
     * the run id, so a file is loaded once and a failure stays visible. Off: files stay and are re-read.
     */
    move_processed: z.boolean().optional(),
  }),
  parse: parseSchema.prefault({}),
  mapping: mappingSchema,
  validation: z
    .strictObject({
      min: z.number().optional(),
      max: z.number().optional(),
      /**
       * Rejection policy: above this share of rejected data rows (0–1) the run fails and commits
       * nothing; at or below it, the good rows load and the rejections are stored. Absent: never fail.
       */
      max_rejected_share: z.number().min(0).max(1).optional(),
    })
    .refine((v) => v.min === undefined || v.max === undefined || v.min <= v.max, {
      message: 'min must not be greater than max',
      path: ['min'],
    })
    .optional(),
  load: loadSchema.prefault({ mode: 'upsert' }),
  /** Retries of a failed run: exponential backoff from `delay_seconds`, shortened at random by up to `jitter`. */
  retry: z
    .strictObject({
      attempts: z.number().int().min(1).max(20).optional(),
      delay_seconds: z.number().positive().max(86_400).optional(),
      jitter: z.number().min(0).max(1).optional(),
    })
    .optional(),
  /** Indicators this source brings; created on `sources apply` when their key is new (never overwritten). */
  indicators: z.array(declaredIndicatorSchema).optional(),
  /** Internal units (nämnd, förvaltning, enhet) the file names; created on apply when their code is new. */
  org_units: z.array(declaredOrgUnitSchema).optional(),
  freshness: z
    .strictObject({
      cadence: z.enum(['monthly', 'quarterly', 'tertial', 'yearly']),
      due_day: z.number().int().min(1).max(31).optional(),
      due_month: z.number().int().min(1).max(12).optional(),
    })
    .optional(),
});

export type SourceDefinition = z.output<typeof sourceDefinitionSchema>;
export type SourceDefinitionInput = z.input<typeof sourceDefinitionSchema>;
export type Mapping = SourceDefinition['mapping'];

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Validates a definition; the error lists every problem as `path: message`, one per line. */
export function parseSourceDefinition(input: unknown): SourceDefinition {
  const result = sourceDefinitionSchema.safeParse(input, {
    error: (issue) =>
      (issue.code === 'invalid_type' || issue.code === 'invalid_union') && issue.input === undefined
        ? 'Required'
        : undefined,
  });
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  throw new Error(`Invalid source definition:\n${lines.join('\n')}`);
}

/** Parses a definition file's text: JSON when the name ends in .json, YAML otherwise (YAML reads JSON too). */
export function loadSourceDefinitionText(text: string, fileName: string): SourceDefinition {
  let raw: unknown;
  try {
    raw = fileName.toLowerCase().endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new Error(
      `${fileName} is not valid ${fileName.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
    );
  }
  return parseSourceDefinition(raw);
}
