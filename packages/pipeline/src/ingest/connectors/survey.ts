import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  aggregateSurvey,
  createAreaResolver,
  readSurveyResponses,
  SUPPRESSED_REASON_SV,
  type SurveyResponse,
  type SurveySourceDefinition,
} from '@malkoll/sources';
import {
  type StagedFact,
  type StagedRejection,
  upsertConnectorIndicators,
  upsertOrgUnits,
} from '@malkoll/warehouse';
import { resolveInboxFiles } from '../../inbox/resolve.ts';
import {
  type ConnectorContext,
  isStaged,
  PermanentSourceError,
  type PreparedRun,
  stageFact,
} from './types.ts';

const defaultUnit = { index: 'index', mean: 'medelvärde', share_positive: '%', respondents: 'svar' } as const;
const defaultDecimals = { index: 0, mean: 1, share_positive: 0, respondents: 0 } as const;

/**
 * A survey export (one row per respondent) → per unit and period: respondents, mean, share positive and
 * index per measure. Only these aggregates are staged; the answers stay in the inbox file.
 */
export async function prepareSurvey(
  ctx: ConnectorContext,
  def: SurveySourceDefinition,
): Promise<PreparedRun> {
  const files = await resolveInboxFiles(ctx.inboxRoot, def.location.inbox);
  if (files.length === 0)
    throw new PermanentSourceError(
      `Ingen fil i inkorgen matchar "${def.location.inbox}"; lägg enkätexporten i inkorgen eller rätta location.inbox i källans definition`,
    );
  await upsertOrgUnits(
    ctx.db,
    def.units.map((u) => ({ code: u.code, name: u.name, level: u.level, parentCode: u.parent ?? null })),
  );
  const titled = def.measures.filter((m) => m.title !== undefined);
  await upsertConnectorIndicators(
    ctx.db,
    titled.map((m) => ({
      key: m.indicator,
      title: m.title as string,
      unit: m.unit ?? defaultUnit[m.measure],
      direction: m.direction,
      decimals: m.decimals ?? defaultDecimals[m.measure],
      description: null,
      externalIds: {},
      sourceMetadata: { survey: { source: ctx.sourceId, measure: m.measure, questions: m.questions } },
    })),
  );
  const origins = files.map((f) => path.relative(ctx.inboxRoot, f));
  return {
    origins,
    note: null,
    async produce(writer, lookups) {
      const resolveArea = createAreaResolver(lookups.areas.register).resolve;
      let rowsRead = 0;
      let rejected = 0;
      // A respondent's row is loaded (its answers count in the aggregates) or rejected with one reason.
      let rowsLoaded = 0;
      const responses: SurveyResponse[] = [];
      const perFile: Record<string, unknown>[] = [];
      // Every file is read before anything is aggregated: two exports of the same survey (say, one per
      // förvaltning) are one population, and a unit's respondents may be spread over both.
      for (const [i, file] of files.entries()) {
        const origin = origins[i] as string;
        let read: ReturnType<typeof readSurveyResponses>;
        try {
          read = readSurveyResponses(await readFile(file), def, { resolveArea });
        } catch (error) {
          // Name the file: a survey may come as several exports, and the steward must know which to fix.
          throw new Error(`${origin}: ${(error as Error).message}`);
        }
        rowsRead += read.rowsRead;
        rowsLoaded += read.responses.length;
        responses.push(...read.responses);
        const rejections: StagedRejection[] = read.rejections.map((r) => ({ origin, ...r }));
        rejected += rejections.length;
        perFile.push({
          file: origin,
          encoding: read.encoding,
          delimiter: read.delimiter,
          rows_read: read.rowsRead,
          respondents: read.responses.length,
          rejected: rejections.length,
        });
        await writer.writeRejections(rejections);
      }
      const result = aggregateSurvey(def, responses);
      const respondents = responses.length;
      responses.length = 0;
      const facts: StagedFact[] = [];
      for (const f of result.facts) {
        const staged = stageFact(lookups, { ...f, breakdown: 'T' });
        if (isStaged(staged)) facts.push(staged);
        else {
          throw new PermanentSourceError(
            `${staged.reasonSv} i måttet ${f.indicatorKey}: ge måttet en titel i källans definition (measures[].title) eller beskriv det i en plan`,
          );
        }
      }
      await writer.writeFacts(facts);
      const suppressed = result.suppressed.map((s) => ({
        indicator: s.indicatorKey,
        area: s.areaCode,
        period: s.period,
        reason: SUPPRESSED_REASON_SV,
      }));
      return {
        rowsRead,
        rowsLoaded,
        skipped: 0,
        rowsRejected: rowsRead - rowsLoaded,
        rejected,
        details: {
          kind: 'survey',
          files: perFile,
          respondents,
          min_respondents: def.min_respondents,
          suppressed,
        },
      };
    },
  };
}
