import { extensionOf } from '../detect/names.ts';
import { recogniseProfile } from '../detect/profiles.ts';
import { sampleSettings, validateProposal } from '../detect/proposal.ts';
import type { Sample } from '../detect/sample.ts';
import type { Detection } from '../detect/types.ts';
import type { ClassificationLevel, ClassificationProposal } from './detect-classification.ts';

/** detect's answer for a classification file: a definition with `mapping.layout: classification`. */
export function classificationDetection(
  proposal: ClassificationProposal,
  sample: Sample,
  id: string,
  fileName: string,
): Detection {
  const level = (l: ClassificationLevel) => ({
    code: { column: l.code.name },
    ...(l.name === undefined ? {} : { name: { column: l.name.name } }),
  });
  // SKR's kommungruppsindelning names no publisher around the table; its headers are cue enough.
  const profile =
    recogniseProfile(sample) ??
    (proposal.set.key.startsWith('skr-')
      ? { name: 'SKR' as const, why: 'rubrikerna är SKR:s kommungruppsindelning ("Kommungrupp …")' }
      : null);
  const mapping: Record<string, unknown> = {
    layout: 'classification',
    area: { column: proposal.area.name },
    group: level(proposal.group),
    ...(proposal.main === undefined ? {} : { main_group: level(proposal.main) }),
    set: proposal.set,
  };
  const definition: Record<string, unknown> = {
    id,
    title: proposal.set.label,
    owner: { name: 'Ej angiven' },
    kind: 'csv',
    on_file_arrival: true,
    location: { inbox: `${id}/*${extensionOf(fileName)}`, move_processed: true },
    parse: {
      encoding: 'auto',
      delimiter: sample.delimiter === '\t' ? 'tab' : sample.delimiter,
      header_line: 'auto',
      decimal: 'auto',
      ...(profile === null ? {} : { profile: profile.name }),
    },
    mapping,
    load: { mode: 'upsert' },
  };
  const parsed = validateProposal(definition);
  return {
    definition,
    parsed,
    settings: sampleSettings(sample, ','),
    profile,
    layout: 'classification',
    wideAs: null,
    columns: proposal.columns,
    constants: [],
    newIndicators: [],
    newOrgUnits: [],
    notes: notesFor(proposal),
    classification: { set: proposal.set, groups: proposal.groups },
  };
}

function notesFor(proposal: ClassificationProposal): string[] {
  const { set, group, main } = proposal;
  const notes = [
    `Filen har inga mätvärden: den är en klassificering. Varje rad lägger området i kolumnen "${proposal.area.name}" ` +
      `i gruppen i kolumnen "${group.code.name}"; en körning läser in den som jämförelsegrupperna "${set.key}" (${set.label}), inga värden.`,
    `En plan jämför med kommunens egen grupp med peer_group: ${set.key} (måltypen better_than_peers).`,
  ];
  if (main !== undefined)
    notes.push(`Huvudgrupperna i kolumnen "${main.code.name}" läses in som egna grupper i samma indelning.`);
  if (set.valid_from === undefined)
    notes.push(
      'Hittar inget år i rubrikerna eller filnamnet: ange set.valid_from och gärna årtalet i set.key.',
    );
  notes.push('Ägare saknas i filen: fyll i owner.name (och gärna owner.email) innan du sparar definitionen.');
  return notes;
}
