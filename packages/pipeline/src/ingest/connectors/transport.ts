import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '@malkoll/runtime';
import {
  createLiveTransport,
  createRecordedTransport,
  type JsonTransport,
  type LiveTransportOptions,
  parseRecording,
} from '@malkoll/sources';

/** Where API connectors get their answers; from the runtime config (`config.connectors`). */
export interface ConnectorSettings {
  koladaBaseUrl: string;
  scbBaseUrl: string;
  /** live: always the API; recorded: always the recordings; auto: recorded when the API cannot be reached. */
  apiMode: 'auto' | 'live' | 'recorded';
  /** Folder of recorded responses, one `<source-id>.json` per source. */
  recordedDir: string;
  /** Retries, timeouts and politeness of live requests (tests shorten them). */
  http?: LiveTransportOptions;
  /** How long `auto` waits for the API to answer at all before using the recordings. */
  probeTimeoutMs?: number;
}

export function defaultConnectorSettings(inboxRoot: string): ConnectorSettings {
  return {
    koladaBaseUrl: 'https://api.kolada.se/v3',
    scbBaseUrl: 'https://statistikdatabasen.scb.se/api/v2',
    apiMode: 'auto',
    recordedDir: path.join(path.dirname(inboxRoot), 'recorded'),
  };
}

export function recordingFile(settings: ConnectorSettings, sourceId: string): string {
  return path.join(settings.recordedDir, `${sourceId}.json`);
}

/** Whether anything answers at the base URL (any HTTP status counts: the network is there). */
async function reachable(baseUrl: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(baseUrl, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

export interface OpenedTransport {
  transport: JsonTransport;
  /** Said in the run's log and summary when the answers are recorded ones. */
  note: string | null;
}

export async function openTransport(
  settings: ConnectorSettings,
  kind: 'kolada' | 'scb',
  sourceId: string,
  log: Logger,
): Promise<OpenedTransport> {
  const baseUrl = kind === 'kolada' ? settings.koladaBaseUrl : settings.scbBaseUrl;
  const file = recordingFile(settings, sourceId);
  const recorded = async (reason: string): Promise<OpenedTransport> => {
    const recording = parseRecording(await readFile(file, 'utf8'), path.basename(file));
    const transport = createRecordedTransport(recording, path.basename(file));
    const note = `${reason}: svaren läses från inspelade svar (${path.basename(file)}, ${recording.provenance === 'real' ? 'hämtade' : recording.provenance === 'synthetic' ? 'påhittade demodata' : 'delvis påhittade demodata'}, inspelade ${recording.recorded_at.slice(0, 10)})`;
    log.warn({ file, provenance: recording.provenance }, note);
    return { transport, note };
  };
  if (settings.apiMode === 'recorded') {
    if (!(await exists(file))) {
      throw new Error(
        `MALKOLL_API_MODE=recorded men det finns ingen inspelning för ${sourceId} (${file}); spela in svaren med \`malkoll sources record ${sourceId}\` där det finns nätverk, eller byt MALKOLL_API_MODE`,
      );
    }
    return recorded('Inspelat läge (MALKOLL_API_MODE=recorded)');
  }
  if (
    settings.apiMode === 'auto' &&
    (await exists(file)) &&
    !(await reachable(baseUrl, settings.probeTimeoutMs ?? 3_000))
  ) {
    return recorded(`Inget nätverk (${new URL(baseUrl).host} svarar inte)`);
  }
  return {
    transport: createLiveTransport(baseUrl, {
      userAgent: 'malkoll (goal follow-up for Swedish municipalities)',
      name: kind === 'kolada' ? 'Kolada' : 'SCB',
      onRetry: (info) => log.warn(info, 'request failed, retrying'),
      ...settings.http,
    }),
    note: null,
  };
}
