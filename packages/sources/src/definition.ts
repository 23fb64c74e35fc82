import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { classificationMappingSchema } from './classification/definition-classification.ts';
import { backtrackingProblem } from './safe-regex.ts';

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
    return;
  }
  const problem = backtrackingProblem(pattern);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
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

/**
 * Open-ended indicators: a label the steward has not mapped and the warehouse does not know becomes a new
 * indicator keyed `indicatorKeyForLabel(key_prefix, label)` and titled by the label, created inside the
 * run, instead of a rejection ("okänt nyckeltal").
 */
const indicatorCreateSchema = z.strictObject({
  key_prefix: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Use lower-case letters, digits, ".", "_" and "-" (e.g. energi)'),
  unit: z.string().trim().optional(),
  decimals: z.number().int().min(0).max(6).optional(),
  direction: z.enum(['higher', 'lower']).optional(),
});
export type IndicatorCreate = z.output<typeof indicatorCreateSchema>;

/**
 * The indicator: `{ column }`, `{ value }`, or `{ columns: [...] }` when several label columns name it
 * together (SCB's "kategori" and "energityp": one series per pair); their cells are joined with " – "
 * into the label the map, the register and `create` see.
 */
const indicatorRefSchema = z
  .strictObject({
    column: columnRefSchema.optional(),
    columns: z.array(columnRefSchema).min(1).optional(),
    value: textValueSchema.optional(),
    map: translationMapSchema.optional(),
    create: indicatorCreateSchema.optional(),
  })
  .superRefine((v, ctx) => {
    const given = [v.column, v.columns, v.value].filter((x) => x !== undefined).length;
    if (given === 0) {
      ctx.addIssue({ code: 'custom', path: ['column'], message: 'Required (give column, columns or value)' });
    }
    if (given > 1) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'Give one of column, columns or value' });
    }
    if (v.create !== undefined && v.value !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['create'],
        message: 'create needs a column (or columns) to read labels from',
      });
    }
  });
export type IndicatorRef = z.output<typeof indicatorRefSchema>;
const areaRefSchema = columnOrValue(areaValueSchema);
const periodRefSchema = columnOrValue(textValueSchema);
const breakdownRefSchema = columnOrValue(textValueSchema);
/** Any dimension reference (the indicator's is the widest: it may also have `columns` and `create`). */
export type FieldRef = IndicatorRef;

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

const mappingSchema = z.discriminatedUnion('layout', [
  longMappingSchema,
  wideMappingSchema,
  // A table of group codes per area with no measure: loaded as a peer-group set, not as facts.
  classificationMappingSchema,
]);

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

const maxInboxPathChars = 1024;

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
    // What a file system can hold (a name of at most 255 bytes), so a saved source can always get its folder.
    if (p.length > maxInboxPathChars) {
      ctx.addIssue({ code: 'custom', message: `Must be at most ${maxInboxPathChars} characters` });
    } else if (p.split(/[\\/]/).some((segment) => Buffer.byteLength(segment) > 255)) {
      ctx.addIssue({ code: 'custom', message: 'Each folder or file name must be at most 255 bytes' });
    }
  });

const delimiterSchema = z
  .enum(['auto', ';', ',', '\t', '|', 'tab'])
  .transform((d) => (d === 'tab' ? '\t' : d));

/** The publishers detect recognises (detect/profiles.ts); `parse.profile` names the one it saw. */
export const PROFILE_NAMES = [
  'SCB PxWeb-export',
  'Skolverket',
  'Socialstyrelsen',
  'Kolada',
  'SKR',
  'Excel',
] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

const parseSchema = z.strictObject({
  encoding: z.enum(['auto', 'utf-8', 'windows-1252', 'iso-8859-1']).default('auto'),
  delimiter: delimiterSchema.default('auto'),
  header_line: z.union([z.literal('auto'), z.number().int().positive()]).default('auto'),
  /** "auto": from the value cells at the start of the file (a point only when no cell has a decimal comma). */
  decimal: z.enum([',', '.', 'auto']).default('auto'),
  /** A lone dash in a value cell is zero (SCB's "noll") instead of missing. */
  dash_is_zero: z.boolean().optional(),
  /** Physical lines to pass over before looking for the header (title lines); 0 when absent. */
  skip_lines: z.number().int().nonnegative().optional(),
  /** Who published the export, as detect recognised it: shown to the steward, read the same either way. */
  profile: z.enum(PROFILE_NAMES).optional(),
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

// Parts every kind shares.
const commonFields = {
  id: z.string().regex(idPattern, 'Use lower-case letters, digits and "-", starting with a letter or digit'),
  title: z.string().trim().min(1),
  owner: z.strictObject({ name: z.string().trim().min(1), email: z.email().optional() }),
  schedule: z
    .strictObject({ cron: cronSchema, timezone: timeZoneSchema.default('Europe/Stockholm') })
    .optional(),
  freshness: z
    .strictObject({
      cadence: z.enum(['monthly', 'quarterly', 'tertial', 'yearly']),
      due_day: z.number().int().min(1).max(31).optional(),
      due_month: z.number().int().min(1).max(12).optional(),
    })
    .optional(),
  /** Retries of a failed run: exponential backoff from `delay_seconds`, shortened at random by up to `jitter`. */
  retry: z
    .strictObject({
      attempts: z.number().int().min(1).max(20).optional(),
      delay_seconds: z.number().positive().max(86_400).optional(),
      jitter: z.number().min(0).max(1).optional(),
    })
    .optional(),
};

const csvSourceSchema = z.strictObject({
  ...commonFields,
  kind: z.literal('csv'),
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
       * Rejection policy: above this share of rejected values (0–1) the run fails and commits
       * nothing; at or below it, the good rows load, the rejections are stored and the run succeeds
       * with a warning. Absent: the default, 0.5 (`DEFAULT_MAX_REJECTED_SHARE` in policy.ts).
       */
      max_rejected_share: z.number().min(0).max(1).optional(),
    })
    .refine((v) => v.min === undefined || v.max === undefined || v.min <= v.max, {
      message: 'min must not be greater than max',
      path: ['min'],
    })
    .optional(),
  load: loadSchema.prefault({ mode: 'upsert' }),
  /** Indicators this source brings; created on `sources apply` when their key is new (never overwritten). */
  indicators: z.array(declaredIndicatorSchema).optional(),
  /** Internal units (nämnd, förvaltning, enhet) the file names; created on apply when their code is new. */
  org_units: z.array(declaredOrgUnitSchema).optional(),
});

const indicatorKeySchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Use lower-case letters, digits, ".", "_" and "-" (e.g. kolada.n01951)');

/** What a connector may say about an indicator it creates; anything left out comes from the API's metadata. */
const indicatorOverrides = {
  key: indicatorKeySchema.optional(),
  title: z.string().trim().min(1).optional(),
  unit: z.string().trim().optional(),
  direction: z.enum(['higher', 'lower']).optional(),
  decimals: z.number().int().min(0).max(6).optional(),
};

const yearSchema = z.number().int().min(1950).max(2100);

const koladaKpiSchema = z
  .union([
    z
      .string()
      .trim()
      .regex(/^[A-Z]\d{5}$/, 'A Kolada KPI id is a letter and five digits, e.g. N01951'),
    z.strictObject({
      id: z
        .string()
        .trim()
        .regex(/^[A-Z]\d{5}$/, 'A Kolada KPI id is a letter and five digits, e.g. N01951'),
      ...indicatorOverrides,
    }),
  ])
  .transform((k) => (typeof k === 'string' ? { id: k } : k));

const koladaSourceSchema = z
  .strictObject({
    ...commonFields,
    kind: z.literal('kolada'),
    kpis: z.array(koladaKpiSchema).min(1),
    /** Municipality or region ids (Kolada's 4-digit codes, the warehouse's area codes). */
    municipalities: z.array(areaValueSchema).default([]),
    /** Municipality groups (e.g. "Liknande kommuner"): their members are fetched and become a peer group. */
    groups: z
      .array(
        z
          .string()
          .trim()
          .regex(/^G\d+$/, 'A Kolada group id looks like G37442'),
      )
      .default([]),
    /** Organisational units (schools, care homes); read through /oudata. */
    ous: z.array(z.string().trim().min(1)).default([]),
    years: z
      .strictObject({ from: yearSchema, to: yearSchema.optional() })
      .refine((y) => y.to === undefined || y.from <= y.to, {
        message: 'from must not be after to',
        path: ['from'],
      }),
    /** After a first full run, scheduled runs ask only for the latest years: older ones rarely change. */
    incremental: z.strictObject({ recent_years: z.number().int().min(1).max(20).default(3) }).prefault({}),
    /** Indicator keys are `<key_prefix>.<kpi id in lower case>` unless a KPI gives its own key. */
    key_prefix: indicatorKeySchema.default('kolada'),
  })
  .refine((d) => d.municipalities.length + d.groups.length + d.ous.length > 0, {
    message: 'Give at least one of municipalities, groups or ous',
    path: ['municipalities'],
  });

const scbSourceSchema = z.strictObject({
  ...commonFields,
  kind: z.literal('scb'),
  /** PxWebApi 2.0 table id, e.g. TAB638 (Folkmängden efter region, kön och år). */
  table: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_]+$/),
  language: z.enum(['sv', 'en']).default('sv'),
  selection: z
    .array(
      z.strictObject({
        variable: z.string().trim().min(1),
        codelist: z.string().trim().min(1).optional(),
        values: z.array(textValueSchema).min(1),
      }),
    )
    .min(1),
  region_variable: z.string().trim().min(1).default('Region'),
  time_variable: z.string().trim().min(1).default('Tid'),
  contents_variable: z.string().trim().min(1).default('ContentsCode'),
  /** Table content code (BE0101N1) → the indicator it fills. */
  contents: z.record(z.string(), z.strictObject({ ...indicatorOverrides, key: indicatorKeySchema })),
  /** A variable read as the breakdown (Kon: 1 → M, 2 → K); without it every value is the total (T). */
  breakdown: z
    .strictObject({
      variable: z.string().trim().min(1),
      map: translationMapSchema,
      /** Also store T as the sum of the mapped parts (only when every part has a value). */
      sum_as_total: z.boolean().default(false),
    })
    .optional(),
  /** After a first full run, scheduled runs ask only for the latest periods of the time variable. */
  incremental: z.strictObject({ recent_periods: z.number().int().min(1).max(50).default(3) }).prefault({}),
});

const surveyScaleSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('numeric'),
    min: z.number().int(),
    max: z.number().int(),
  }),
  z.strictObject({
    type: z.literal('labels'),
    /** From the most negative to the most positive answer ("Instämmer inte alls" … "Instämmer helt"). */
    labels: z.array(z.string().trim().min(1)).min(2),
  }),
]);

const surveyMeasureSchema = z.strictObject({
  indicator: indicatorKeySchema,
  /** Question columns (header names) the measure is computed over. */
  questions: z.array(z.string().trim().min(1)).min(1),
  measure: z.enum(['index', 'mean', 'share_positive', 'respondents']),
  title: z.string().trim().min(1).optional(),
  unit: z.string().trim().optional(),
  direction: z.enum(['higher', 'lower']).default('higher'),
  decimals: z.number().int().min(0).max(6).optional(),
});

const surveySourceSchema = z
  .strictObject({
    ...commonFields,
    kind: z.literal('survey'),
    on_file_arrival: z.boolean().default(false),
    location: z.strictObject({ inbox: inboxPathSchema }),
    parse: parseSchema.prefault({}),
    /** The unit a respondent belongs to: an org unit's or municipality's code or name. */
    unit: columnOrValue(areaValueSchema),
    period: columnOrValue(textValueSchema),
    /** Optional respondent weight column (survey weights); every respondent weighs 1 without it. */
    weight: z.strictObject({ column: columnRefSchema }).optional(),
    scale: surveyScaleSchema,
    /** Answers that count as no answer ("Vet ej", "Ej aktuellt"); an empty cell always does. */
    no_answer: z.array(z.string().trim()).default([]),
    /** A unit with fewer respondents than this gets null values ("för få svar"). */
    min_respondents: z.number().int().min(1).default(5),
    /** Also compute every measure over all respondents for this area (e.g. the municipality). */
    total_area: areaValueSchema.optional(),
    /** Org units to create or update in the areas dimension before the run. */
    units: z
      .array(
        z.strictObject({
          code: z.string().trim().min(1),
          name: z.string().trim().min(1),
          level: z.enum(['namnd', 'forvaltning', 'enhet']),
          parent: areaValueSchema.optional(),
        }),
      )
      .default([]),
    measures: z.array(surveyMeasureSchema).min(1),
  })
  .superRefine((d, ctx) => {
    if (d.scale.type === 'numeric' && d.scale.max - d.scale.min < 2) {
      ctx.addIssue({ code: 'custom', path: ['scale', 'max'], message: 'A scale needs at least three steps' });
    }
    if (d.scale.type === 'labels' && d.scale.labels.length < 3) {
      ctx.addIssue({
        code: 'custom',
        path: ['scale', 'labels'],
        message: 'A scale needs at least three steps',
      });
    }
  });

export const sourceDefinitionSchema = z.discriminatedUnion('kind', [
  csvSourceSchema,
  koladaSourceSchema,
  scbSourceSchema,
  surveySourceSchema,
]);

export type SourceDefinition = z.output<typeof sourceDefinitionSchema>;
export type SourceDefinitionInput = z.input<typeof sourceDefinitionSchema>;
export type CsvSourceDefinition = z.output<typeof csvSourceSchema>;
export type KoladaSourceDefinition = z.output<typeof koladaSourceSchema>;
export type ScbSourceDefinition = z.output<typeof scbSourceSchema>;
export type SurveySourceDefinition = z.output<typeof surveySourceSchema>;
export type SourceKind = SourceDefinition['kind'];
export type Mapping = CsvSourceDefinition['mapping'];
/** A CSV definition whose rows become facts (long or wide); a classification's rows become peer groups. */
export type FactCsvSourceDefinition = CsvSourceDefinition & {
  mapping: Extract<Mapping, { layout: 'long' | 'wide' }>;
};
export const isFactDefinition = (def: CsvSourceDefinition): def is FactCsvSourceDefinition =>
  def.mapping.layout !== 'classification';

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

/** Validates a definition that must be of kind csv (the CSV reader's tests and tools). */
export function parseCsvSourceDefinition(input: unknown): CsvSourceDefinition {
  const def = parseSourceDefinition(input);
  if (def.kind !== 'csv') throw new Error(`Invalid source definition:\nkind: expected csv, got ${def.kind}`);
  return def;
}
