import { z } from 'zod';

/*
 * `mapping.layout: classification`: a table of codes per area with no measure (SKR's
 * kommungruppsindelning). A run loads it as a versioned set of peer groups instead of facts: each row
 * puts its area into the group its code names. Kept apart from definition.ts so the long and wide
 * layouts stay readable; definition.ts only adds this schema to the mapping union.
 */

// As definition.ts: a header name (matched case- and whitespace-insensitively) or a 1-based column number.
const columnRefSchema = z.union([z.string().trim().min(1), z.number().int().positive()]);
const columnSchema = z.strictObject({ column: columnRefSchema });

/** A level of the classification: the column with the group's code and, optionally, its name. */
const levelSchema = z.strictObject({ code: columnSchema, name: columnSchema.optional() });

export const setKeyPattern = /^[a-z0-9][a-z0-9-]*$/;

export const classificationMappingSchema = z.strictObject({
  layout: z.literal('classification'),
  /** The column naming the area each row classifies (a municipality code or name). */
  area: columnSchema,
  /** The finest level: the peer group an area is compared within (SKR's "Grupp" B4). */
  group: levelSchema,
  /** An optional coarser level (SKR's "Huvudgrupp" B), loaded as groups of their own. */
  main_group: levelSchema.optional(),
  /** The versioned set the file is: plans name it (`peer_group: skr-kommungrupper-2017`). */
  set: z.strictObject({
    key: z
      .string()
      .trim()
      .regex(setKeyPattern, 'Use lower-case letters, digits and "-" (e.g. skr-kommungrupper-2017)'),
    label: z.string().trim().min(1),
    /** The first day the classification applies, YYYY-MM-DD. */
    valid_from: z.iso.date().optional(),
  }),
});

export type ClassificationMapping = z.output<typeof classificationMappingSchema>;
