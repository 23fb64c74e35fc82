import { todayInSweden } from '@malkoll/goals';
import { recomputeStatusIn } from '@malkoll/pipeline';
import {
  editActivity,
  editGoalComment,
  editLinkValues,
  goalExists,
  listPlanAudit,
  PLAN_FILE_ACTOR,
  type PlanEditActor,
  PlanEditConflict,
  PlanEditInvalid,
  PlanEditNotFound,
  planExists,
  type Warehouse,
} from '@malkoll/warehouse';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { EditConflictResponse, HistoryResponse } from '../shared/plan-editing-api.ts';
import { ANONYMOUS_ACTOR, parseNumberInput } from '../shared/plan-editing-api.ts';
import type { AuthMode } from '../shared/session-api.ts';
import { jsonBodyLimit } from './body-limit.ts';
import { badId, parseRowId } from './ids.ts';

// Plan editing for stewards (docs/plan-editing.md): baselines and targets of a goal's nyckeltal,
// activity statuses and summary comments, each change audited; and the change history everyone who may
// read the plan may read. The role check is auth.ts's (every mutating /api call needs a steward); the
// signed-in user becomes the audit row's actor.

const FIELD_WORDS: Record<string, string> = {
  baselineValue: 'ingångsvärde',
  targetValue: 'målvärde',
  targetMin: 'målintervallets lägsta värde',
  targetMax: 'målintervallets högsta värde',
  expected: 'expected (värdena du såg)',
  status: 'status',
  comment: 'kommentar',
  goal: 'goal (målets nyckel)',
  date: 'date (uppföljningsdatum)',
  text: 'text',
  note: 'note (motivering)',
};

const swedishErrors: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'saknas' : 'har fel typ';
    case 'invalid_value':
      return `ska vara ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'too_big':
      return `är för lång (högst ${String(issue.maximum)} tecken)`;
    case 'unrecognized_keys':
      return `okänt fält: ${issue.keys.join(', ')}`;
    default:
      return undefined;
  }
};

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const path = i.path.map(String);
      const head = path[0] === undefined ? '' : `${FIELD_WORDS[path[0]] ?? path[0]}`;
      const rest = path.slice(1).map((p) => FIELD_WORDS[p] ?? p);
      const where = [head, ...rest].filter(Boolean).join(' → ');
      return where ? `${where}: ${i.message}` : i.message;
    })
    .join('; ');
}

const numberish = z
  .union([z.number(), z.string().max(40), z.null()])
  .transform((input, ctx): number | null => {
    const parsed = parseNumberInput(input);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: 'ska vara ett tal, t.ex. 14,5 eller 26 602' });
      return z.NEVER;
    }
    return parsed.value;
  });
const note = z.string().max(1000).nullable().optional();
const status = z.enum(['not_started', 'in_progress', 'done']);

const linkBody = z.strictObject({
  baselineValue: numberish.optional(),
  targetValue: numberish.optional(),
  targetMin: numberish.optional(),
  targetMax: numberish.optional(),
  expected: z.strictObject({
    baselineValue: numberish.optional(),
    targetValue: numberish.optional(),
    targetMin: numberish.optional(),
    targetMax: numberish.optional(),
  }),
  note,
});

const activityBody = z.strictObject({
  status: status.optional(),
  comment: z.string().max(2000).nullable().optional(),
  expected: z.strictObject({
    status: status.optional(),
    comment: z.string().max(2000).nullable().optional(),
  }),
  note,
});

const commentBody = z.strictObject({
  goal: z.string().min(1).max(200),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ska vara ett datum som ÅÅÅÅ-MM-DD'),
  text: z.string().max(10_000),
  expected: z.string().max(10_000).nullable(),
  note,
});

function actorOf(c: Context): PlanEditActor {
  const user = c.get('user');
  return user ? { name: user.name, userId: user.id } : { name: ANONYMOUS_ACTOR, userId: null };
}

/** The body parsed by `schema`, or the 400 answer to send. */
async function readBody<T extends z.ZodType>(
  c: Context,
  schema: T,
): Promise<{ ok: true; data: z.output<T> } | { ok: false; response: Response }> {
  const raw: unknown = await c.req.json().catch(() => undefined);
  if (raw === undefined) {
    return { ok: false, response: c.json({ error: 'Begäran ska vara ett JSON-objekt.' }, 400) };
  }
  const parsed = schema.safeParse(raw, { error: swedishErrors });
  if (!parsed.success) {
    return {
      ok: false,
      response: c.json({ error: `Ogiltig ändring: ${describeIssues(parsed.error)}.` }, 400),
    };
  }
  return { ok: true, data: parsed.data };
}

/** The Swedish answer for what an edit threw; rethrows anything else (a 500). */
function editError(c: Context, error: unknown): Response {
  if (error instanceof PlanEditNotFound) return c.json({ error: error.message }, 404);
  if (error instanceof PlanEditInvalid) return c.json({ error: error.message }, 400);
  if (error instanceof PlanEditConflict) {
    const body: EditConflictResponse = { error: error.message, current: error.current };
    return c.json(body, 409);
  }
  throw error;
}

export function registerPlanEditingRoutes(
  app: Hono,
  db: Warehouse,
  options: {
    /** Called after a change is committed (the answer cache then reads the data version again). */
    onChange?: () => void;
    /** DASHBOARD_AUTH: with public-read, anonymous readers of the history see no account names. */
    authMode?: AuthMode;
  } = {},
): void {
  const changed = (result: { changed: boolean }) => {
    if (result.changed) options.onChange?.();
    return result;
  };

  // A comment is at most 10 000 characters; everything else is a few numbers.
  const limit = jsonBodyLimit(256 * 1024);

  app.patch('/api/plans/:planId/links/:linkId', limit, async (c) => {
    const linkId = parseRowId(c.req.param('linkId'));
    if (linkId === null) return badId(c, 'nyckeltalet i planen');
    const body = await readBody(c, linkBody);
    if (!body.ok) return body.response;
    const { expected, note: why, ...changes } = body.data;
    if (Object.values(changes).every((v) => v === undefined)) {
      return c.json({ error: 'Ange minst ett värde att ändra (ingångsvärde eller målvärde).' }, 400);
    }
    try {
      const result = await editLinkValues(
        db,
        actorOf(c),
        { planId: c.req.param('planId'), linkId, changes, expected, note: why ?? null },
        {
          // A follow-up whose freeze day has come is computed one last time with the values it was
          // decided on and frozen (the nightly recompute may not have run since), so an edit never
          // rewrites a decided report (docs/status-rules.md, Snapshots). The new status then commits
          // with the new value; frozen follow-ups are skipped.
          beforeChange: (trx, linkIds) => recomputeStatusIn(trx, { linkIds }, { today: todayInSweden() }),
          recompute: (trx, linkIds) => recomputeStatusIn(trx, { linkIds }, { today: todayInSweden() }),
        },
      );
      return c.json(changed(result));
    } catch (error) {
      return editError(c, error);
    }
  });

  app.patch('/api/plans/:planId/activities/:activityId', limit, async (c) => {
    const activityId = parseRowId(c.req.param('activityId'));
    if (activityId === null) return badId(c, 'aktiviteten');
    const body = await readBody(c, activityBody);
    if (!body.ok) return body.response;
    const { expected, note: why, ...changes } = body.data;
    if (changes.status === undefined && changes.comment === undefined) {
      return c.json({ error: 'Ange status eller kommentar att ändra.' }, 400);
    }
    try {
      const result = await editActivity(db, actorOf(c), {
        planId: c.req.param('planId'),
        activityId,
        changes,
        expected,
        note: why ?? null,
      });
      return c.json(changed(result));
    } catch (error) {
      return editError(c, error);
    }
  });

  app.put('/api/plans/:planId/comments', limit, async (c) => {
    const body = await readBody(c, commentBody);
    if (!body.ok) return body.response;
    const { goal, date, text, expected, note: why } = body.data;
    try {
      const result = await editGoalComment(db, actorOf(c), {
        planId: c.req.param('planId'),
        goalKey: goal,
        date,
        text,
        expected,
        note: why ?? null,
      });
      return c.json(changed(result));
    } catch (error) {
      return editError(c, error);
    }
  });

  app.get('/api/plans/:planId/history', async (c) => {
    const planId = c.req.param('planId');
    const goal = c.req.query('goal');
    const limit = Number(c.req.query('limit') ?? 100);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
      return c.json({ error: 'limit ska vara ett heltal mellan 1 och 500.' }, 400);
    }
    if (!(await planExists(db, planId))) return c.json({ error: 'Planen finns inte.' }, 404);
    if (goal !== undefined && !(await goalExists(db, planId, goal))) {
      return c.json({ error: 'Målet finns inte i planen.' }, 404);
    }
    // Sign-in names are half of a credential: an anonymous reader of a public-read dashboard sees that
    // a steward changed a value, not which account did.
    const showActors = c.get('user') !== null || options.authMode !== 'public-read';
    const entries = await listPlanAudit(db, planId, {
      ...(goal === undefined ? {} : { goalKey: goal }),
      limit,
    });
    const body: HistoryResponse = {
      planId,
      goal: goal ?? null,
      entries: entries.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actor: showActors || e.actorUserId === null ? e.actorName : null,
        byPlanFile: e.actorName === PLAN_FILE_ACTOR && e.actorUserId === null,
        goalKey: e.goalKey,
        entity: e.entity,
        entityKey: e.entityKey,
        entityLabel: e.entityLabel,
        field: e.field,
        oldValue: e.oldValue,
        newValue: e.newValue,
        note: e.note,
        unit: e.unit,
        decimals: e.decimals,
      })),
    };
    return c.json(body);
  });
}
