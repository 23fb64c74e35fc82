import {
  mapScbCells,
  parseJsonStat2,
  ScbClient,
  type ScbSourceDefinition,
  type ScbValue,
  scbSelection,
  sumAsTotal,
} from '@malkoll/sources';
import {
  lastSucceededRunStart,
  type StagedFact,
  type StagedRejection,
  upsertConnectorIndicators,
} from '@malkoll/warehouse';
import { openTransport } from './transport.ts';
import {
  type ConnectorContext,
  isStaged,
  PermanentSourceError,
  type PreparedRun,
  stageFact,
} from './types.ts';

export async function prepareScb(ctx: ConnectorContext, def: ScbSourceDefinition): Promise<PreparedRun> {
  const { transport, note } = await openTransport(ctx.settings, 'scb', ctx.sourceId, ctx.log);
  const client = new ScbClient(transport);
  const config = await client.readConfig();

  const described = Object.values(def.contents).filter((c) => c.title !== undefined);
  await upsertConnectorIndicators(
    ctx.db,
    described.map((c) => ({
      key: c.key,
      title: c.title as string,
      unit: c.unit ?? '',
      direction: c.direction ?? 'higher',
      decimals: c.decimals ?? 0,
      description: `SCB, tabell ${def.table}`,
      externalIds: { scb: def.table },
      sourceMetadata: { scb: { table: def.table } },
    })),
  );

  const previous = await lastSucceededRunStart(ctx.db, ctx.sourceId);
  const incremental =
    !transport.recorded && previous !== null && (ctx.trigger === 'schedule' || ctx.trigger === 'catch_up');
  const selection = scbSelection(def, incremental);
  const indicatorByContents = Object.fromEntries(
    Object.entries(def.contents).map(([code, c]) => [code, c.key]),
  );

  return {
    origins: [`${transport.origin}/tables/${def.table}`],
    note,
    async produce(writer, lookups) {
      const missingIndicators = Object.values(indicatorByContents).filter(
        (k) => !lookups.indicatorIds.has(k),
      );
      if (missingIndicators.length > 0) {
        throw new PermanentSourceError(
          missingIndicators.length === 1
            ? `Måttet ${missingIndicators[0]} finns inte: ge det en titel i källans definition (contents.<kod>.title) eller beskriv det i en plan`
            : `Måtten ${missingIndicators.join(', ')} finns inte: ge dem en titel i källans definition (contents.<kod>.title) eller beskriv dem i en plan`,
        );
      }
      let rowsRead = 0;
      // A cell is a row: it gives one value or is rejected (a sum over cells is no row of its own).
      let rowsRejected = 0;
      let rejected = 0;
      let parts = 0;
      let updated: string | null = null;
      const statusCounts: Record<string, number> = {};
      for await (const answer of client.tableData(def.table, selection, def.language)) {
        parts++;
        let dataset: ReturnType<typeof parseJsonStat2>;
        try {
          dataset = parseJsonStat2(answer.data);
        } catch (error) {
          throw new Error(
            `SCB:s svar ${answer.part} av ${answer.parts} för tabell ${def.table} går inte att läsa: ${(error as Error).message}; inget från körningen lästes in. Försök igen senare; står felet kvar kan SCB:s API ha ändrats`,
          );
        }
        updated = dataset.updated ?? updated;
        const mapped = mapScbCells(dataset.cells, {
          regionVariable: def.region_variable,
          timeVariable: def.time_variable,
          contentsVariable: def.contents_variable,
          indicatorByContents,
          breakdown: def.breakdown,
        });
        let values: ScbValue[] = mapped.values;
        if (def.breakdown?.sum_as_total) {
          values = [...values, ...sumAsTotal(values, [...new Set(Object.values(def.breakdown.map))])];
        }
        const origin = `${def.table} (del ${answer.part} av ${answer.parts})`;
        const facts: StagedFact[] = [];
        const rejections: StagedRejection[] = mapped.problems.map((p, i) => ({
          origin,
          line: rowsRead + i + 1,
          column: p.column,
          raw: p.raw,
          reasonSv: p.reasonSv,
          reasonEn: p.reasonEn,
        }));
        rowsRead += dataset.cells.length;
        rowsRejected += mapped.problems.length;
        for (const [i, v] of values.entries()) {
          if (v.status) statusCounts[v.status] = (statusCounts[v.status] ?? 0) + 1;
          const staged = stageFact(lookups, v);
          if (isStaged(staged)) facts.push(staged);
          else {
            if (i < mapped.values.length) rowsRejected++;
            rejections.push({
              origin,
              line: i + 1,
              column: staged.column,
              raw: JSON.stringify({
                area: v.areaCode,
                period: v.period.label,
                breakdown: v.breakdown,
                value: v.value,
              }),
              reasonSv: staged.reasonSv,
              reasonEn: staged.reasonEn,
            });
          }
        }
        rejected += rejections.length;
        await writer.writeFacts(facts);
        await writer.writeRejections(rejections);
      }
      if (rowsRead === 0 && !incremental) {
        throw new PermanentSourceError(
          `SCB svarade utan en enda cell för tabell ${def.table}; inget lästes in. Kontrollera urvalet (selection) och variablerna i källans definition`,
        );
      }
      return {
        rowsRead,
        rowsLoaded: rowsRead - rowsRejected,
        skipped: 0,
        rowsRejected,
        rejected,
        details: {
          api: 'scb',
          origin: transport.origin,
          recorded: transport.recorded,
          ...(note ? { note } : {}),
          table: def.table,
          table_updated: updated,
          limits: {
            max_data_cells: config.maxDataCells,
            max_calls: config.maxCallsPerTimeWindow,
            time_window_s: config.timeWindow,
          },
          requests: client.requests,
          parts,
          incremental,
          // ".." = not available or too uncertain to publish; "." = cannot occur. Both are stored as null.
          status_flags: statusCounts,
        },
      };
    },
  };
}
