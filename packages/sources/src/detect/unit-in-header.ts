// A unit written at the end of a header or label, as Swedish exports do: "Kostnad (tkr)",
// "Arbetslöshet, (%)" (Kolada), "Invånare (antal)". Only units from a known list count, so a remark in
// brackets ("Elever (exkl. fristående)") stays part of the title.

/** The units recognised, as written in the brackets (lower case) → as the indicator stores it. */
const KNOWN_UNITS: Record<string, string> = {
  '%': '%',
  procent: '%',
  andel: '%',
  tkr: 'tkr',
  mkr: 'mkr',
  mnkr: 'mnkr',
  kr: 'kr',
  sek: 'kr',
  'kr/inv': 'kr/inv',
  'tkr/inv': 'tkr/inv',
  'kr/invånare': 'kr/invånare',
  antal: 'antal',
  st: 'st',
  år: 'år',
  dagar: 'dagar',
  timmar: 'timmar',
  kwh: 'kWh',
  mwh: 'MWh',
  gwh: 'GWh',
  ton: 'ton',
  km: 'km',
};

const UNIT_AT_END = /^(.*?)[\s,]*\(\s*([^()]+?)\s*\)\s*$/u;

/** The title without its unit and the unit, or null when the text ends in no known unit. */
export function unitInHeader(text: string): { title: string; unit: string } | null {
  const match = UNIT_AT_END.exec(text.trim());
  if (!match) return null;
  const [, before = '', written = ''] = match;
  const unit = KNOWN_UNITS[written.toLocaleLowerCase('sv')];
  const title = before.trim();
  return unit === undefined || title === '' ? null : { title, unit };
}
