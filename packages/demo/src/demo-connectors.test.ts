import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePlanDefinition } from '@malkoll/goals/plan-definition';
import {
  createRecordedTransport,
  parseRecording,
  parseSourceDefinition,
  recordSourceResponses,
} from '@malkoll/sources';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { demoConnectorSourceFiles, demoPlanFiles, demoRecordedRoot } from './index.ts';

const definitions = demoConnectorSourceFiles.map((f) =>
  parseSourceDefinition(parseYaml(readFileSync(f, 'utf8'))),
);
const koladaSources = definitions.filter((d) => d.kind === 'kolada');
const apiSources = definitions.filter((d) => d.kind === 'kolada' || d.kind === 'scb');

describe('demo Kolada, SCB and survey sources', () => {
  it.each(demoConnectorSourceFiles.map((f) => [path.basename(f)]))('%s is named after its id', (file) => {
    const def = definitions.find((d) => `${d.id}.yaml` === file);
    expect(def).toBeDefined();
  });

  it.each(apiSources.map((d) => [d.id, d]))(
    '%s: its recording answers every request a full run makes, and says it is demo data',
    async (id, definition) => {
      const file = `${id}.json`;
      const recording = parseRecording(readFileSync(path.join(demoRecordedRoot, file), 'utf8'), file);
      expect(recording.provenance).not.toBe('real');
      expect(recording.note).toMatch(/DEMODATA/);
      // Fails with "Inget inspelat svar på …" when the definition asks for something the file lacks.
      const replayed = await recordSourceResponses(
        definition,
        { koladaBaseUrl: recording.base_url, scbBaseUrl: recording.base_url },
        { transport: createRecordedTransport(recording, file) },
      );
      expect(replayed.exchanges.length).toBe(recording.exchanges.length);
    },
  );

  it('the plans compare with the Kolada peer groups the sources load', () => {
    const groups = new Set(koladaSources.flatMap((d) => d.groups.map((g) => `kolada-${g}`)));
    const peerGroups = demoPlanFiles
      .map((f) => parsePlanDefinition(parseYaml(readFileSync(f, 'utf8'))))
      .flatMap((p) => JSON.stringify(p).match(/"peer_group":"kolada-[^"]+"/g) ?? [])
      .map((m) => m.slice('"peer_group":"'.length, -1));
    expect(peerGroups.length).toBeGreaterThan(0);
    expect(peerGroups.filter((g) => !groups.has(g))).toEqual([]);
  });

  it('the population source covers the four demo municipalities', () => {
    const population = koladaSources.find((d) => d.kpis.some((k) => k.id === 'N01951'));
    expect(population?.municipalities).toEqual(['0586', '2029', '2081', '0884']);
  });
});
