import type { SourceDefinition } from './definition.ts';
import { createRecordingTransport, type Recording } from './http/recorded.ts';
import { createLiveTransport, type JsonTransport, type LiveTransportOptions } from './http/transport.ts';
import { KoladaClient } from './kolada/client.ts';
import { koladaYears } from './kolada/map.ts';
import { ScbClient, scbSelection } from './scb/client.ts';

/**
 * Asks the live API every request a full (not incremental) run of the source makes, and returns the
 * answers as a recording, so the source can later run from them without network (tests, the demo).
 * The requests are the ones the worker's Kolada and SCB runs make (apps/worker/src/connectors); a run from the recording fails with
 * "Inget inspelat svar på …" if they ever drift apart.
 */
export async function recordSourceResponses(
  definition: SourceDefinition,
  settings: { koladaBaseUrl: string; scbBaseUrl: string; http?: LiveTransportOptions | undefined },
  options: { now?: Date; transport?: JsonTransport } = {},
): Promise<Recording> {
  const now = options.now ?? new Date();
  if (definition.kind !== 'kolada' && definition.kind !== 'scb') {
    throw new Error(
      `Bara Kolada- och SCB-källor har API-svar att spela in; ${definition.id} är av typen ${definition.kind}`,
    );
  }
  const baseUrl = definition.kind === 'kolada' ? settings.koladaBaseUrl : settings.scbBaseUrl;
  const { transport, exchanges } = createRecordingTransport(
    options.transport ??
      createLiveTransport(baseUrl, {
        userAgent: 'malkoll (goal follow-up for Swedish municipalities)',
        name: definition.kind === 'kolada' ? 'Kolada' : 'SCB',
        ...settings.http,
      }),
  );
  if (definition.kind === 'kolada') {
    const client = new KoladaClient(transport);
    const kpiIds = definition.kpis.map((k) => k.id);
    await client.kpis(kpiIds);
    const groups = await client.groups(definition.groups);
    if (definition.municipalities.length > 0) await client.municipalities(definition.municipalities);
    await client.ous(definition.ous);
    const municipalities = [
      ...new Set([...definition.municipalities, ...groups.flatMap((g) => g.members.map((m) => m.member_id))]),
    ];
    const years = koladaYears(definition.years, now.getFullYear(), null);
    if (municipalities.length > 0) {
      for await (const _ of client.data(kpiIds, municipalities, years)) {
        // every page is kept by the recording transport
      }
    }
    if (definition.ous.length > 0) {
      for await (const _ of client.ouData(kpiIds, definition.ous, years)) {
        // every page is kept by the recording transport
      }
    }
  } else {
    const client = new ScbClient(transport);
    await client.readConfig();
    for await (const _ of client.tableData(
      definition.table,
      scbSelection(definition, false),
      definition.language,
    )) {
      // every answer is kept by the recording transport
    }
  }
  return {
    source_id: definition.id,
    base_url: baseUrl,
    recorded_at: now.toISOString(),
    provenance: 'real',
    note: `Recorded from ${baseUrl} by malkoll sources record.`,
    exchanges,
  };
}
