import { z } from 'zod';
import type { JsonTransport } from '../http/transport.ts';

/*
 * Kolada API v3 (https://api.kolada.se/v3; v2 is retired). Every list answer has the shape
 * { count, values, next_url, previous_url }: the client follows next_url until it is null and never
 * assumes one page. Id lists are split into batches of at most 25 ids and pages hold at most 5 000 rows,
 * both limits from Kolada's API documentation.
 */

export const KOLADA_BASE_URL = 'https://api.kolada.se/v3';
export const KOLADA_MAX_IDS_PER_REQUEST = 25;
export const KOLADA_MAX_PER_PAGE = 5_000;

const pageSchema = z.object({
  values: z.array(z.unknown()),
  next_url: z.string().nullable().optional(),
  count: z.number().optional(),
});

export const koladaKpiSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable().optional(),
  is_divided_by_gender: z.boolean().nullable().optional(),
  municipality_type: z.string().nullable().optional(),
  operating_area: z.string().nullable().optional(),
  perspective: z.string().nullable().optional(),
  publication_date: z.string().nullable().optional(),
  prel_publication_date: z.string().nullable().optional(),
  publ_period: z.string().nullable().optional(),
  has_ou_data: z.boolean().nullable().optional(),
});
export type KoladaKpi = z.output<typeof koladaKpiSchema>;

export const koladaMunicipalitySchema = z.object({
  id: z.string(),
  title: z.string(),
  type: z.string().optional(),
});
export type KoladaMunicipality = z.output<typeof koladaMunicipalitySchema>;

export const koladaGroupSchema = z.object({
  id: z.string(),
  title: z.string(),
  members: z.array(z.object({ member_id: z.string(), member_title: z.string().optional() })),
});
export type KoladaGroup = z.output<typeof koladaGroupSchema>;

export const koladaOuSchema = z.object({ id: z.string(), title: z.string(), municipality: z.string() });
export type KoladaOu = z.output<typeof koladaOuSchema>;

const valueSchema = z.object({
  gender: z.string(),
  status: z.string().nullable().optional(),
  value: z.number().nullable(),
  count: z.number().nullable().optional(),
  isdeleted: z.boolean().optional(),
});
export const koladaDataRowSchema = z.object({
  kpi: z.string(),
  municipality: z.string(),
  period: z.union([
    z.number().int(),
    z
      .string()
      .regex(/^\d{4}$/)
      .transform(Number),
  ]),
  values: z.array(valueSchema),
});
export type KoladaDataRow = z.output<typeof koladaDataRowSchema>;
export const koladaOuDataRowSchema = koladaDataRowSchema
  .omit({ municipality: true })
  .extend({ ou: z.string() });
export type KoladaOuDataRow = z.output<typeof koladaOuDataRowSchema>;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * next_url is absolute and names the live host; it is followed relative to the client's base URL, so a
 * test server or recorded responses keep answering page 2 as well.
 */
export function relativeNextPath(nextUrl: string): string {
  if (nextUrl.startsWith('/')) return nextUrl.replace(/^\/v3(?=\/)/, '');
  let url: URL;
  try {
    url = new URL(nextUrl);
  } catch {
    throw new Error(`Koladas next_url är ingen URL: ${JSON.stringify(nextUrl)}; försök igen senare`);
  }
  const at = url.pathname.indexOf('/v3/');
  if (at < 0) throw new Error(`Koladas next_url pekar inte in i API v3: ${nextUrl}; försök igen senare`);
  return `${url.pathname.slice(at + 3)}${url.search}`;
}

export interface KoladaPageInfo {
  /** The request (relative to the base URL) this page answered. */
  path: string;
  /** 1-based page number within its request. */
  page: number;
}

export class KoladaClient {
  readonly perPage: number;
  readonly batchSize: number;
  requests = 0;

  constructor(
    readonly transport: JsonTransport,
    options: { perPage?: number; batchSize?: number } = {},
  ) {
    this.perPage = Math.min(KOLADA_MAX_PER_PAGE, Math.max(1, options.perPage ?? KOLADA_MAX_PER_PAGE));
    this.batchSize = Math.min(
      KOLADA_MAX_IDS_PER_REQUEST,
      Math.max(1, options.batchSize ?? KOLADA_MAX_IDS_PER_REQUEST),
    );
  }

  /** Every page of one request, following next_url. */
  async *pages(path: string): AsyncGenerator<{ values: unknown[] } & KoladaPageInfo> {
    const first = `${path}${path.includes('?') ? '&' : '?'}per_page=${this.perPage}`;
    const seen = new Set<string>();
    let next: string | null = first;
    let page = 0;
    while (next !== null) {
      if (seen.has(next)) {
        throw new Error(
          `Koladas next_url upprepar ${next}, så sidorna skulle aldrig ta slut; inget från körningen lästes in, försök igen senare`,
        );
      }
      seen.add(next);
      page++;
      this.requests++;
      const raw = await this.transport.get(next);
      const parsed = pageSchema.safeParse(raw);
      if (!parsed.success) {
        throw new Error(
          `Koladas sida ${page} för ${first} är inget Kolada-svar (${describeIssues(parsed.error)}); inget från körningen lästes in, försök igen senare`,
        );
      }
      yield { values: parsed.data.values, path: first, page };
      next = parsed.data.next_url ? relativeNextPath(parsed.data.next_url) : null;
    }
  }

  private async listAll<T>(path: string, schema: z.ZodType<T>): Promise<T[]> {
    const out: T[] = [];
    for await (const p of this.pages(path)) {
      for (const [i, v] of p.values.entries()) {
        const parsed = schema.safeParse(v);
        if (!parsed.success) {
          throw new Error(
            `Koladas sida ${p.page} för ${p.path}, post ${i + 1}, går inte att läsa (${describeIssues(parsed.error, 'hela posten')}); inget från körningen lästes in, försök igen senare`,
          );
        }
        out.push(parsed.data);
      }
    }
    return out;
  }

  private async byIds<T>(endpoint: string, ids: readonly string[], schema: z.ZodType<T>): Promise<T[]> {
    const out: T[] = [];
    for (const batch of chunk([...new Set(ids)], this.batchSize)) {
      out.push(...(await this.listAll(`/${endpoint}/${batch.map(encodeURIComponent).join(',')}`, schema)));
    }
    return out;
  }

  kpis(ids: readonly string[]): Promise<KoladaKpi[]> {
    return this.byIds('kpi', ids, koladaKpiSchema);
  }
  municipalities(ids: readonly string[]): Promise<KoladaMunicipality[]> {
    return this.byIds('municipality', ids, koladaMunicipalitySchema);
  }
  groups(ids: readonly string[]): Promise<KoladaGroup[]> {
    return this.byIds('municipality_groups', ids, koladaGroupSchema);
  }
  ous(ids: readonly string[]): Promise<KoladaOu[]> {
    return this.byIds('ou', ids, koladaOuSchema);
  }

  /** Values per KPI × municipality × year, batch by batch and page by page. */
  async *data(
    kpis: readonly string[],
    municipalities: readonly string[],
    years: readonly number[],
  ): AsyncGenerator<{ rows: KoladaDataRow[] } & KoladaPageInfo> {
    yield* this.dataPages('municipality', kpis, municipalities, years, koladaDataRowSchema);
  }

  /** Values per KPI × organisational unit × year (/oudata). */
  async *ouData(
    kpis: readonly string[],
    ous: readonly string[],
    years: readonly number[],
  ): AsyncGenerator<{ rows: KoladaOuDataRow[] } & KoladaPageInfo> {
    yield* this.dataPages('ou', kpis, ous, years, koladaOuDataRowSchema);
  }

  private async *dataPages<T>(
    unit: 'municipality' | 'ou',
    kpis: readonly string[],
    units: readonly string[],
    years: readonly number[],
    schema: z.ZodType<T>,
  ): AsyncGenerator<{ rows: T[] } & KoladaPageInfo> {
    const root = unit === 'ou' ? '/oudata' : '/data';
    for (const kpiBatch of chunk([...new Set(kpis)], this.batchSize)) {
      for (const unitBatch of chunk([...new Set(units)], this.batchSize)) {
        for (const yearBatch of chunk([...new Set(years)].sort(), this.batchSize)) {
          const path = `${root}/kpi/${kpiBatch.join(',')}/${unit}/${unitBatch.map(encodeURIComponent).join(',')}/year/${yearBatch.join(',')}`;
          for await (const p of this.pages(path)) {
            const rows: T[] = [];
            for (const [i, v] of p.values.entries()) {
              const parsed = schema.safeParse(v);
              if (!parsed.success) {
                throw new Error(
                  `Koladas sida ${p.page} för ${p.path}, post ${i + 1}, är ingen datarad (${describeIssues(parsed.error, 'hela posten')}); inget från körningen lästes in, försök igen senare`,
                );
              }
              rows.push(parsed.data);
            }
            yield { rows, path: p.path, page: p.page };
          }
        }
      }
    }
  }
}

/** The first few problems, each at its path; `whole` names the thing itself ("hela svaret", "hela posten"). */
function describeIssues(error: z.ZodError, whole = 'hela svaret'): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : `(${whole})`}: ${i.message}`)
    .join('; ');
}
