import { nextFireTimes, type Queues } from '@malkoll/jobs';
import {
  applySourceDefinition,
  checkSample,
  detectSample,
  enqueueSourceRun,
  prepareInboxFolder,
  type SampleDetection,
  StewardError,
  stageUploadInInbox,
  takeBackSave,
} from '@malkoll/pipeline';
import {
  CsvReadError,
  type CsvSourceDefinition,
  checkSourceDefinition,
  DetectError,
  type Preview,
  refuseBinaryUpload,
} from '@malkoll/sources';
import {
  findRunIdOfJob,
  getRun,
  getSource,
  listRejectedRows,
  type Run,
  type Warehouse,
} from '@malkoll/warehouse';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type {
  DetectFailure,
  DetectResponse,
  PreviewResponse,
  PreviewView,
  RunDetail,
  RunStartedResponse,
  SaveSourceResponse,
} from '../shared/steward-api.ts';
import { toCsv } from './csv.ts';
import { badId, parseRowId } from './ids.ts';
import type { ViewerPaths } from './viewer-paths.ts';

// The steward's source actions (issue 8): detect a sample, preview an edited definition, save it with
// its schedule, run now, upload a new file, and a run's detail with its rejected rows. Every route here
// that changes something needs the steward role (auth.ts: every mutating /api call); this file adds the
// upload defences: a size limit, content sniffing, a safe file name and the inbox root's confinement
// (the last two in @malkoll/pipeline, shared with the CLI). See docs/steward-pages.md.

export interface StewardSourceOptions {
  db: Warehouse;
  /** The queues runs go through; without them (no Redis) "run now" answers 503. */
  queues?: Queues | undefined;
  /** The folder file sources are confined to; without it uploads answer 503. */
  inboxRoot?: string | undefined;
  /** Largest upload in bytes (DASHBOARD_UPLOAD_MAX_MB; default 50 MB). */
  uploadMaxBytes?: number | undefined;
  /** How long "run now" waits for the worker to start the run, to answer its id (default 5 s). */
  runStartWaitMs?: number;
  /** Rewrites the server's paths in run errors and file names (viewer-paths.ts). */
  viewerPaths: ViewerPaths;
}

const DEFAULT_UPLOAD_MAX_BYTES = 50 * 1024 * 1024;
/** The rejected rows a run's detail shows; the CSV download has them all. */
const REJECTED_SHOWN = 50;
/** A bound for the download, far above what the rejection policy lets a run keep. */
const REJECTED_CSV_MAX = 1_000_000;

const formatMb = (bytes: number) =>
  `${(bytes / 1024 / 1024).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB`;

/** What a definition declares of its indicators and units (`indicators`, `org_units`), read with care. */
interface Declared {
  indicators?: readonly { key: string; title?: string; decimals?: number }[] | undefined;
  org_units?: readonly { code: string; name: string }[] | undefined;
}

function declaredOf(definition: Record<string, unknown>): Declared {
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x) => typeof x === 'object' && x !== null) : []);
  return {
    indicators: list(definition.indicators) as Declared['indicators'],
    org_units: list(definition.org_units) as Declared['org_units'],
  };
}

/** Decimals a number is written with (up to six), for an indicator nobody has given decimals yet. */
function decimalsIn(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : Math.min(6, text.length - dot - 1);
}

/**
 * The preview as the wizard shows it: indicator titles and area names rather than keys and codes (the
 * definition's own first, as the steward just edited them, then the warehouse's), and each indicator's
 * decimals, so its values are written alike.
 */
async function toPreviewView(db: Warehouse, p: Preview, declared: Declared): Promise<PreviewView> {
  const keys = [...new Set(p.facts.map((f) => f.indicatorKey))];
  const codes = [...new Set(p.facts.map((f) => f.areaCode))];
  const [indicators, areas] = await Promise.all([
    keys.length === 0
      ? []
      : db
          .selectFrom('dim.indicators')
          .select(['key', 'title', 'decimals'])
          .where('key', 'in', keys)
          .execute(),
    codes.length === 0
      ? []
      : db.selectFrom('dim.areas').select(['code', 'name']).where('code', 'in', codes).execute(),
  ]);
  const titles = new Map(indicators.map((i) => [i.key, i.title]));
  const decimals = new Map(indicators.map((i) => [i.key, i.decimals]));
  for (const i of declared.indicators ?? []) {
    if (typeof i.title === 'string' && i.title.trim() !== '') titles.set(i.key, i.title);
    if (typeof i.decimals === 'number') decimals.set(i.key, i.decimals);
  }
  for (const f of p.facts) {
    if (!decimals.has(f.indicatorKey) && f.value !== null) {
      const seen = p.facts.filter((g) => g.indicatorKey === f.indicatorKey && g.value !== null);
      decimals.set(f.indicatorKey, Math.max(...seen.map((g) => decimalsIn(g.value as number))));
    }
  }
  const names = new Map(areas.map((a) => [a.code, a.name]));
  for (const u of declared.org_units ?? []) if (!names.has(u.code)) names.set(u.code, u.name);
  return {
    error: p.error && { reason: p.error.reasonSv, reasonEn: p.error.reasonEn },
    counts: p.summary && {
      rowsRead: p.summary.rowsRead,
      facts: p.factCount,
      skipped: p.summary.skipped,
      rejected: p.summary.rejected,
    },
    facts: p.facts.map((f) => ({
      line: f.line,
      indicatorKey: f.indicatorKey,
      indicatorTitle: titles.get(f.indicatorKey) ?? f.indicatorKey,
      areaCode: f.areaCode,
      areaName: names.get(f.areaCode) ?? f.areaCode,
      period: f.period.label,
      breakdown: f.breakdown,
      value: f.value,
      decimals: decimals.get(f.indicatorKey) ?? 0,
      note: f.valueNote,
    })),
    rejections: p.rejections.map((r) => ({
      line: r.line,
      column: r.column,
      raw: r.raw,
      reason: r.reasonSv,
      reasonEn: r.reasonEn,
    })),
    skips: p.skips,
  };
}

type Form = Record<string, string | File | (string | File)[]>;

/** The multipart form, or a Swedish 400 answer. */
async function readForm(c: Context): Promise<Form | Response> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data'))
    return c.json({ error: 'Skicka filen som multipart/form-data (fältet file).' }, 400);
  try {
    return (await c.req.parseBody()) as Form;
  } catch {
    return c.json({ error: 'Formuläret kunde inte läsas.' }, 400);
  }
}

/** The uploaded `file`, checked to be text; a Swedish refusal otherwise. */
async function readUpload(
  c: Context,
  form: Form,
  required: boolean,
): Promise<{ name: string; bytes: Uint8Array } | null | Response> {
  const file = form.file;
  if (!(file instanceof File)) {
    return required ? c.json({ error: 'Välj en fil att ladda upp (fältet file).' }, 400) : null;
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const refusal = refuseBinaryUpload(bytes);
  if (refusal) return c.json({ error: refusal.reasonSv }, 415);
  return { name: file.name, bytes };
}

const text = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

function stewardErrorResponse(c: Context, error: unknown): Response {
  if (!(error instanceof StewardError)) throw error;
  const status = error.kind === 'not_found' ? 404 : error.kind === 'conflict' ? 409 : 400;
  return c.json({ error: error.message }, status);
}

/** Reads a definition from JSON text (multipart) or a value (JSON body), validated with Swedish problems. */
function parseDefinitionField(raw: unknown) {
  let input: unknown = raw;
  if (typeof raw === 'string') {
    try {
      input = JSON.parse(raw);
    } catch {
      return {
        ok: false as const,
        problems: [{ field: '(hela definitionen)', message: 'Definitionen är inte giltig JSON' }],
      };
    }
  }
  if (input === undefined || input === null)
    return { ok: false as const, problems: [{ field: 'definition', message: 'Saknas' }] };
  return checkSourceDefinition(input);
}

/** What the route handlers share: the options, and the upload size limit built from them. */
interface StewardRoutes extends StewardSourceOptions {
  limit: MiddlewareHandler;
}

export function registerStewardSourceRoutes(app: Hono, options: StewardSourceOptions): void {
  const routes: StewardRoutes = {
    ...options,
    limit: uploadLimit(options.uploadMaxBytes ?? DEFAULT_UPLOAD_MAX_BYTES),
  };
  app.post('/api/sources/detect', routes.limit, (c) => detectUploadedSample(c, routes.db));
  app.post('/api/sources/preview', routes.limit, (c) => previewDefinition(c, routes.db));
  app.post('/api/sources', routes.limit, (c) => saveSource(c, routes));
  app.post('/api/sources/:id/runs', (c) => runSourceNow(c, routes, c.req.param('id')));
  app.post('/api/sources/:id/files', routes.limit, (c) => uploadSourceFile(c, routes, c.req.param('id')));
  app.get('/api/runs/:id', (c) => showRunDetail(c, routes.db, routes.viewerPaths));
  app.get('/api/runs/:id/rejected.csv', (c) => downloadRejectedRows(c, routes.db, routes.viewerPaths));
}

/** The size limit runs before the body is read: a too large upload is refused as it streams in. */
function uploadLimit(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      c.json(
        {
          error: `Filen är för stor: högst ${formatMb(maxBytes)} går att ladda upp (DASHBOARD_UPLOAD_MAX_MB).`,
        },
        413,
      ),
  });
}

async function previewAgainst(db: Warehouse, bytes: Uint8Array, definition: CsvSourceDefinition) {
  const checked = await checkSample(db, bytes, definition, 20);
  return toPreviewView(db, checked.preview, checked.definition);
}

/** Detect's stand-in owner for the CLI; the wizard asks for a real one, so it starts empty. */
const PLACEHOLDER_OWNER = 'Ej angiven';

function withoutPlaceholderOwner(definition: Record<string, unknown>): Record<string, unknown> {
  const owner = definition.owner as { name?: unknown } | undefined;
  return owner?.name === PLACEHOLDER_OWNER ? { ...definition, owner: {} } : definition;
}

/**
 * Detect's notes that speak of what the wizard's form asks and checks itself, in the CLI's words (the
 * owner to fill in, the new indicators' direction "de skapas vid sources apply"): the wizard words its
 * own hints from the form's current state (new-source/hints.ts) instead.
 */
const FORM_NOTES = [/^Ägare saknas i filen/, /nya nyckeltal föreslås .*sources apply/];

/** The owner does not change what a file gives: a preview of a definition without one still runs. */
function withPreviewOwner(raw: unknown): unknown {
  let input = raw;
  if (typeof raw === 'string') {
    try {
      input = JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return raw;
  const def = input as Record<string, unknown>;
  const owner =
    typeof def.owner === 'object' && def.owner !== null ? (def.owner as Record<string, unknown>) : {};
  const named = typeof owner.name === 'string' && owner.name.trim() !== '';
  return named ? def : { ...def, owner: { ...owner, name: 'förhandsgranskning' } };
}

async function detectUploadedSample(c: Context, db: Warehouse): Promise<Response> {
  const form = await readForm(c);
  if (form instanceof Response) return form;
  const upload = await readUpload(c, form, true);
  if (upload instanceof Response || upload === null) return upload as Response;
  let detected: SampleDetection;
  try {
    const options = {
      fileName: upload.name,
      id: text(form.id),
      area: text(form.area),
      period: text(form.period),
    };
    detected = await detectSample(db, upload.bytes, options, 20);
  } catch (error) {
    // Swedish, with the wizard fields that would supply what is missing (`needs`: area, period).
    if (error instanceof DetectError) {
      return c.json({ error: error.message, needs: [...error.needs] } satisfies DetectFailure, 422);
    }
    if (error instanceof CsvReadError) return c.json({ error: error.reasonSv }, 400);
    throw error;
  }
  const { detection, preview } = detected;
  const body: DetectResponse = {
    fileName: upload.name,
    definition: withoutPlaceholderOwner(detection.definition),
    settings: detection.settings,
    layout: detection.layout,
    wideAs: detection.wideAs,
    columns: detection.columns,
    constants: detection.constants,
    newIndicators: detection.newIndicators,
    newOrgUnits: detection.newOrgUnits,
    profile: detection.profile,
    notes: detection.notes.filter((note) => !FORM_NOTES.some((re) => re.test(note))),
    preview: await toPreviewView(db, preview, declaredOf(detection.definition)),
  };
  return c.json(body);
}

async function previewDefinition(c: Context, db: Warehouse): Promise<Response> {
  const form = await readForm(c);
  if (form instanceof Response) return form;
  const upload = await readUpload(c, form, true);
  if (upload instanceof Response || upload === null) return upload as Response;
  const checked = parseDefinitionField(withPreviewOwner(form.definition));
  if (!checked.ok) return c.json({ ok: false, problems: checked.problems } satisfies PreviewResponse);
  if (checked.definition.kind !== 'csv') {
    const problems = [{ field: 'kind', message: 'Förhandsvisningen gäller CSV-källor (kind: "csv")' }];
    return c.json({ ok: false, problems } satisfies PreviewResponse);
  }
  try {
    const preview = await previewAgainst(db, upload.bytes, checked.definition);
    return c.json({ ok: true, preview } satisfies PreviewResponse);
  } catch (error) {
    // Thrown only for a sample refused before it is read (too long or too wide a line).
    if (error instanceof CsvReadError) return c.json({ error: error.reasonSv }, 400);
    throw error;
  }
}

interface SaveRequest {
  rawDefinition: unknown;
  replace: boolean;
  sample: { name: string; bytes: Uint8Array } | null;
}

/** A save comes as multipart (a definition with a sample file) or as a JSON body (a definition only). */
async function readSaveRequest(c: Context): Promise<SaveRequest | Response> {
  const multipart = (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
  if (multipart) {
    const form = await readForm(c);
    if (form instanceof Response) return form;
    const upload = await readUpload(c, form, false);
    if (upload instanceof Response) return upload;
    return {
      rawDefinition: form.definition,
      replace: form.replace === '1' || form.replace === 'true',
      sample: upload,
    };
  }
  const body = (await c.req.json().catch(() => null)) as {
    definition?: unknown;
    replace?: unknown;
  } | null;
  return { rawDefinition: body?.definition, replace: body?.replace === true, sample: null };
}

/**
 * The schema only checks a cron's shape ("61 25 * * *" passes); the schedule is read by cron-parser, as
 * BullMQ's schedulers read it, so a time that does not exist is refused at its field before it is saved.
 */
function scheduleProblem(schedule: { cron: string; timezone: string } | undefined) {
  if (!schedule) return null;
  try {
    nextFireTimes(schedule.cron, { from: new Date(), tz: schedule.timezone });
    return null;
  } catch {
    return {
      field: 'schedule.cron',
      message: `Cron-uttrycket "${schedule.cron}" går inte att läsa: minut 0–59, timme 0–23, dag 1–31, månad 1–12, veckodag 0–7`,
    };
  }
}

async function saveSource(c: Context, routes: StewardRoutes): Promise<Response> {
  const { db, inboxRoot } = routes;
  const request = await readSaveRequest(c);
  if (request instanceof Response) return request;
  const { sample, replace } = request;
  const checked = parseDefinitionField(request.rawDefinition);
  if (!checked.ok) {
    const list = checked.problems.map((p) => `${p.field}: ${p.message}`).join('; ');
    return c.json({ error: `Definitionen har fel: ${list}`, problems: checked.problems }, 400);
  }
  const definition = checked.definition;
  const cronProblem = scheduleProblem(definition.schedule);
  if (cronProblem) {
    return c.json(
      {
        error: `Definitionen har fel: ${cronProblem.field}: ${cronProblem.message}`,
        problems: [cronProblem],
      },
      400,
    );
  }
  if (sample && definition.kind !== 'csv')
    return c.json({ error: 'Bara en CSV-källa kan få en provfil i inkorgen.' }, 400);
  if (sample && !inboxRoot)
    return c.json({ error: 'Inkorgen är inte inställd på den här servern (MALKOLL_INBOX).' }, 503);
  const existing = await getSource(db, definition.id);
  if (existing && existing.removed_at === null && !replace) {
    return c.json(
      {
        error: `Det finns redan en källa med id "${definition.id}" (${existing.title}); välj ett annat id eller ersätt den uttryckligen.`,
      },
      409,
    );
  }
  if (definition.kind === 'csv' && inboxRoot) {
    const unusable = await prepareInboxFolder(inboxRoot, definition.location.inbox);
    if (unusable) return c.json({ error: `Källan sparades inte: ${unusable}.` }, 400);
  }
  const outcome = await applySourceDefinition(db, definition);
  let stagedFile: string | null = null;
  if (sample && inboxRoot) {
    try {
      stagedFile = await stageUploadInInbox(db, inboxRoot, definition.id, sample);
    } catch (error) {
      // Saved only with its sample: the steward fixes the file and saves again.
      await takeBackSave(db, definition.id, existing);
      const refused = stewardErrorResponse(c, error);
      const reason = ((await refused.json()) as { error: string }).error;
      return c.json(
        { error: `Källan sparades inte: provfilen kunde inte läggas i inkorgen: ${reason}` },
        refused.status as 400 | 404 | 409,
      );
    }
  }
  return c.json({ id: definition.id, outcome, stagedFile } satisfies SaveSourceResponse, 201);
}

/** Queues a run and waits briefly for the worker to start it, so the answer can name the run. */
async function startRun(routes: StewardRoutes, sourceId: string, queues: Queues, file: string | undefined) {
  const { db } = routes;
  const job = await enqueueSourceRun(queues, db, sourceId, { trigger: 'manual', file });
  const jobId = job.id ?? null;
  let runId: number | null = null;
  const until = Date.now() + (routes.runStartWaitMs ?? 5_000);
  while (jobId !== null && runId === null && Date.now() < until) {
    runId = (await findRunIdOfJob(db, jobId, sourceId)) ?? null;
    if (runId === null) await new Promise((r) => setTimeout(r, 100));
  }
  return { jobId, runId };
}

const noQueues = (c: Context) =>
  c.json(
    {
      error:
        'Körkön är inte tillgänglig (ingen kontakt med Redis), så källan kan inte köras nu. Försök igen senare.',
    },
    503,
  );

async function runSourceNow(c: Context, routes: StewardRoutes, sourceId: string): Promise<Response> {
  const source = await getSource(routes.db, sourceId);
  if (!source || source.removed_at !== null) return c.json({ error: 'Källan finns inte.' }, 404);
  if (!routes.queues) return noQueues(c);
  const started = await startRun(routes, sourceId, routes.queues, undefined);
  const body: RunStartedResponse = {
    ...started,
    message:
      started.runId === null
        ? 'Körningen ligger i kön och startar när en worker är ledig.'
        : `Körning ${started.runId} har startat.`,
  };
  return c.json(body, 202);
}

async function uploadSourceFile(c: Context, routes: StewardRoutes, sourceId: string): Promise<Response> {
  const { db, inboxRoot, queues } = routes;
  const form = await readForm(c);
  if (form instanceof Response) return form;
  const upload = await readUpload(c, form, true);
  if (upload instanceof Response || upload === null) return upload as Response;
  const runNow = form.run === '1' || form.run === 'true';
  if (!inboxRoot)
    return c.json({ error: 'Inkorgen är inte inställd på den här servern (MALKOLL_INBOX).' }, 503);
  // Checked before the file is stored: a file that cannot be run now is not left behind half-asked.
  if (runNow && !queues) return noQueues(c);
  let stagedFile: string;
  try {
    stagedFile = await stageUploadInInbox(db, inboxRoot, sourceId, upload);
  } catch (error) {
    return stewardErrorResponse(c, error);
  }
  if (!runNow || !queues) {
    const body: RunStartedResponse = {
      jobId: null,
      runId: null,
      stagedFile,
      message: `Filen ligger nu i inkorgen som ${stagedFile}.`,
    };
    return c.json(body, 201);
  }
  const started = await startRun(routes, sourceId, queues, stagedFile);
  const body: RunStartedResponse = {
    ...started,
    stagedFile,
    message:
      started.runId === null
        ? `Filen ligger i inkorgen som ${stagedFile}; körningen väntar i kön.`
        : `Filen ligger i inkorgen som ${stagedFile}; körning ${started.runId} har startat.`,
  };
  return c.json(body, 202);
}

/** ops.runs.id is a bigserial: any safe integer. */
const runIdOf = (c: Context) => parseRowId(c.req.param('id'), Number.MAX_SAFE_INTEGER);

function toRunDetail(
  run: Run,
  sourceTitle: string | null,
  rejected: Awaited<ReturnType<typeof listRejectedRows>>,
  paths: ViewerPaths,
  indicators: RunDetail['indicators'],
): RunDetail {
  const details = (run.details ?? {}) as { files?: { file?: unknown }[] };
  const started = run.started_at ? new Date(run.started_at) : null;
  const finished = run.finished_at ? new Date(run.finished_at) : null;
  return {
    id: run.id,
    sourceId: run.source_id,
    sourceTitle,
    trigger: run.trigger,
    status: run.status,
    queuedAt: new Date(run.queued_at).toISOString(),
    startedAt: started?.toISOString() ?? null,
    finishedAt: finished?.toISOString() ?? null,
    durationMs: started && finished ? finished.getTime() - started.getTime() : null,
    origin: paths.file(run.origin),
    files: (Array.isArray(details.files) ? details.files : [])
      .map((f) => f.file)
      .filter((f): f is string => typeof f === 'string')
      .map((f) => paths.file(f)),
    counts: {
      read: run.rows_read,
      rowsLoaded: run.rows_loaded,
      skipped: run.skipped,
      rowsRejected: run.rows_rejected,
      inserted: run.inserted,
      updated: run.updated,
      unchanged: run.unchanged,
      rejected: run.rejected,
    },
    warning: run.warning,
    error: paths.text(run.error),
    rejectedRows: rejected.map((r) => ({
      line: r.line,
      column: r.column_name,
      raw: r.raw,
      reason: r.reason_sv,
      reasonEn: r.reason_en,
    })),
    rejectedShown: rejected.length,
    indicators,
  };
}

/** The indicators a source has values of (the explorer shows them), by title. */
async function indicatorsOfSource(db: Warehouse, sourceId: string): Promise<RunDetail['indicators']> {
  return db
    .selectFrom('dim.indicators as i')
    .select(['i.key', 'i.title'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('fact.indicator_values as v')
          .select('v.indicator_id')
          .whereRef('v.indicator_id', '=', 'i.id')
          .where('v.source_id', '=', sourceId),
      ),
    )
    .orderBy('i.title')
    .limit(20)
    .execute();
}

async function showRunDetail(c: Context, db: Warehouse, paths: ViewerPaths): Promise<Response> {
  const id = runIdOf(c);
  if (id === null) return badId(c, 'körningen');
  const run = await getRun(db, id);
  if (!run) return c.json({ error: 'Körningen finns inte.' }, 404);
  const [source, rejected, indicators] = await Promise.all([
    getSource(db, run.source_id),
    listRejectedRows(db, run.id, REJECTED_SHOWN),
    indicatorsOfSource(db, run.source_id),
  ]);
  return c.json(toRunDetail(run, source?.title ?? null, rejected, paths, indicators));
}

async function downloadRejectedRows(c: Context, db: Warehouse, paths: ViewerPaths): Promise<Response> {
  const id = runIdOf(c);
  if (id === null) return badId(c, 'körningen');
  const run = await getRun(db, id);
  if (!run) return c.json({ error: 'Körningen finns inte.' }, 404);
  const rows = await listRejectedRows(db, run.id, REJECTED_CSV_MAX);
  const csv = toCsv(
    ['Rad', 'Kolumn', 'Orsak', 'Värde i filen', 'Fil'],
    rows.map((r) => [r.line, r.column_name, r.reason_sv, r.raw, paths.file(r.origin)]),
    'sv',
  );
  return c.body(csv, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="avvisade-rader-${run.source_id}-korning-${run.id}.csv"`,
  });
}
