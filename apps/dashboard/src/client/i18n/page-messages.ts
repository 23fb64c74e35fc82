// Words of the goal page, explorer, report, "why" dialog, filters and freshness line. Split from
// messages.ts only to keep each file readable; Messages includes these keys, sv and en alike.

export interface PageMessages {
  pageNotFound: string;
  pageNotFoundHint: string;
  toOverview: string;
  nav: { overview: string; explorer: string; report: string; label: string };
  freshness: {
    updatedTonight: string;
    updatedToday: string;
    updatedYesterday: string;
    updatedOn: string;
    noNewDataSince: string;
    latestPeriod: string;
    /** The newest measured period among the plan's nyckeltal at the follow-up date. */
    latestPlanPeriod: string;
  };
  filters: {
    heading: string;
    responsible: string;
    allResponsible: string;
    status: string;
    allStatuses: string;
    shown: string;
    none: string;
    clear: string;
  };
  changes: {
    heading: string;
    since: string;
    none: string;
    firstFollowUp: string;
    move: string;
    fromNothing: string;
  };
  sparklineLabel: string;
  openGoal: string;
  goalPage: {
    back: string;
    commitments: string;
    comments: string;
    noComments: string;
    forecastMissing: string;
    seriesBreak: string;
    peerBand: string;
    noPeers: string;
    milestones: string;
    notFound: string;
  };
  chart: {
    value: string;
    baseline: string;
    target: string;
    milestone: string;
    peerMedian: string;
    peerBand: string;
    forecast: string;
  };
  explorer: {
    heading: string;
    lead: string;
    indicator: string;
    areas: string;
    addArea: string;
    addPeers: string;
    remove: string;
    breakdown: string;
    breakdowns: Record<string, string>;
    table: string;
    period: string;
    area: string;
    download: string;
    formatSv: string;
    formatPlain: string;
    format: string;
    empty: string;
    pickIndicator: string;
    pickArea: string;
    search: string;
    noValuesFor: string;
  };
  why: {
    valueButton: string;
    statusButton: string;
    valueTitle: string;
    statusTitle: string;
    close: string;
    source: string;
    origin: string;
    run: string;
    runSummary: string;
    loadedAt: string;
    history: string;
    noHistory: string;
    historyColumns: { value: string; loadedAt: string; replacedAt: string; run: string };
    rule: string;
    inputs: string;
    explanation: string;
    computedAt: string;
    expected: string;
    triggers: Record<string, string>;
  };
  report: {
    heading: string;
    print: string;
    results: string;
    columns: { label: string; baseline: string; target: string; current: string; status: string };
    activities: string;
    frozenNote: string;
  };
}

export const svPages: PageMessages = {
  pageNotFound: 'Sidan finns inte',
  pageNotFoundHint: 'Adressen kan vara felskriven eller gammal.',
  toOverview: 'Till översikten',
  nav: { overview: 'Översikt', explorer: 'Utforska nyckeltal', report: 'Rapport', label: 'Sidor' },
  freshness: {
    updatedTonight: 'Uppdaterad {time} i natt',
    updatedToday: 'Uppdaterad {time} i dag',
    updatedYesterday: 'Uppdaterad {time} i går',
    updatedOn: 'Uppdaterad {date}',
    noNewDataSince: 'inga nya data sedan {month}',
    latestPeriod: 'senaste mätperiod slutar {date}',
    latestPlanPeriod: 'planens senaste mätperiod slutar {date}',
  },
  filters: {
    heading: 'Filter',
    responsible: 'Nämnd/förvaltning',
    allResponsible: 'Alla',
    status: 'Nyckeltal med status',
    allStatuses: 'Alla',
    shown: 'Visar {shown} av {total} kommunmål',
    none: 'Inga kommunmål matchar filtret.',
    clear: 'Rensa filter',
  },
  changes: {
    heading: 'Ändrat sedan {date}',
    since: 'sedan {date}',
    none: 'Ingen status har ändrats sedan {date}.',
    firstFollowUp: 'Första uppföljningen: inget att jämföra med.',
    move: '{label}: {from} → {to}',
    fromNothing: 'ny',
  },
  sparklineLabel: 'Utveckling för {label}: {points}',
  openGoal: 'Öppna målet',
  goalPage: {
    back: 'Tillbaka till översikten',
    commitments: 'Nämndåtaganden',
    comments: 'Sammanfattande kommentarer',
    noComments: 'Inga kommentarer ännu.',
    forecastMissing: 'Ingen prognos: den kräver minst tre mätningar av ett nyckeltal som mäts som nivå.',
    seriesBreak: 'Serien bryts {date}: trend och prognos räknas bara på mätningar från och med då.',
    peerBand: 'Jämförelsegrupp: {group} ({n} kommuner)',
    noPeers: 'Ingen jämförelsegrupp för det här nyckeltalet.',
    milestones: 'Delmål',
    notFound: 'Målet finns inte i planen',
  },
  chart: {
    value: 'Utfall',
    baseline: 'Ingångsvärde',
    target: 'Målvärde',
    milestone: 'Delmål',
    peerMedian: 'Median jämförelsegrupp',
    peerBand: 'Mellersta hälften (kvartiler)',
    forecast: 'Prognos',
  },
  explorer: {
    heading: 'Utforska nyckeltal',
    lead: 'Välj ett nyckeltal och ett eller flera områden, till exempel en kommun och dess jämförelsegrupp.',
    indicator: 'Nyckeltal',
    areas: 'Områden',
    addArea: 'Lägg till område',
    addPeers: 'Lägg till jämförelsegrupp',
    remove: 'Ta bort {name}',
    breakdown: 'Uppdelning',
    breakdowns: { T: 'Totalt', K: 'Kvinnor', M: 'Män' },
    table: 'Värden',
    period: 'Period',
    area: 'Område',
    download: 'Ladda ner CSV',
    formatSv: 'Svenskt format (semikolon, decimalkomma)',
    formatPlain: 'Enkelt format (komma, decimalpunkt)',
    format: 'Format',
    empty: 'Inga värden för det valet.',
    pickIndicator: 'Välj ett nyckeltal för att se värden.',
    pickArea: 'Välj minst ett område för att se värden.',
    search: 'Sök nyckeltal',
    noValuesFor: 'Inga värden för {areas}.',
  },
  why: {
    valueButton: 'Varifrån kommer {value}?',
    statusButton: 'Varför {status}?',
    valueTitle: 'Varifrån kommer värdet?',
    statusTitle: 'Varför har nyckeltalet den här statusen?',
    close: 'Stäng',
    source: 'Källa',
    origin: 'Fil eller anrop',
    run: 'Körning',
    runSummary:
      'Körning {id} ({trigger}), klar {time}: {read} rader lästa, {inserted} nya, {updated} ändrade, {rejected} avvisade',
    loadedAt: 'Inläst',
    history: 'Tidigare versioner',
    noHistory: 'Värdet har inte reviderats.',
    historyColumns: { value: 'Värde', loadedAt: 'Inläst', replacedAt: 'Ersatt', run: 'Ersatt av körning' },
    rule: 'Regel',
    inputs: 'Indata',
    explanation: 'Förklaring',
    computedAt: 'Beräknad',
    expected: 'Förväntat värde vid datumet',
    triggers: {
      schedule: 'schemalagd',
      manual: 'manuell',
      file: 'ny fil',
      catch_up: 'ikappkörning',
      demo: 'demo',
    },
  },
  report: {
    heading: 'Uppföljning av verksamhetsplan {year} per {date}',
    print: 'Skriv ut / spara som PDF',
    results: 'Resultatmått',
    columns: {
      label: 'Resultatmått',
      baseline: 'Ingångsvärde',
      target: 'Önskat läge',
      current: 'Nuläge',
      status: 'Status',
    },
    activities: 'Aktivitetsmått',
    frozenNote: 'Status enligt beräkningen för {date}, beräknad {computed}.',
  },
};

export const enPages: PageMessages = {
  pageNotFound: 'The page does not exist',
  pageNotFoundHint: 'The address may be mistyped or out of date.',
  toOverview: 'Go to the overview',
  nav: { overview: 'Overview', explorer: 'Explore indicators', report: 'Report', label: 'Pages' },
  freshness: {
    updatedTonight: 'Updated {time} last night',
    updatedToday: 'Updated {time} today',
    updatedYesterday: 'Updated {time} yesterday',
    updatedOn: 'Updated {date}',
    noNewDataSince: 'no new data since {month}',
    latestPeriod: 'latest period ends {date}',
    latestPlanPeriod: "the plan's latest period ends {date}",
  },
  filters: {
    heading: 'Filters',
    responsible: 'Committee/department',
    allResponsible: 'All',
    status: 'Indicators with status',
    allStatuses: 'All',
    shown: 'Showing {shown} of {total} municipal goals',
    none: 'No municipal goal matches the filter.',
    clear: 'Clear filters',
  },
  changes: {
    heading: 'Changed since {date}',
    since: 'since {date}',
    none: 'No status has changed since {date}.',
    firstFollowUp: 'First follow-up: nothing to compare with.',
    move: '{label}: {from} → {to}',
    fromNothing: 'new',
  },
  sparklineLabel: 'Trend for {label}: {points}',
  openGoal: 'Open the goal',
  goalPage: {
    back: 'Back to the overview',
    commitments: 'Committee commitments',
    comments: 'Summary comments',
    noComments: 'No comments yet.',
    forecastMissing: 'No forecast: it needs at least three readings of an indicator measured as a level.',
    seriesBreak: 'The series breaks on {date}: trend and forecast use only readings from then on.',
    peerBand: 'Peer group: {group} ({n} municipalities)',
    noPeers: 'No peer group for this indicator.',
    milestones: 'Milestones',
    notFound: 'The goal is not in the plan',
  },
  chart: {
    value: 'Actual',
    baseline: 'Baseline',
    target: 'Target',
    milestone: 'Milestone',
    peerMedian: 'Peer group median',
    peerBand: 'Middle half (quartiles)',
    forecast: 'Forecast',
  },
  explorer: {
    heading: 'Explore indicators',
    lead: 'Pick an indicator and one or more areas, for example a municipality and its peer group.',
    indicator: 'Indicator',
    areas: 'Areas',
    addArea: 'Add area',
    addPeers: 'Add peer group',
    remove: 'Remove {name}',
    breakdown: 'Breakdown',
    breakdowns: { T: 'Total', K: 'Women', M: 'Men' },
    table: 'Values',
    period: 'Period',
    area: 'Area',
    download: 'Download CSV',
    formatSv: 'Swedish format (semicolon, decimal comma)',
    formatPlain: 'Plain format (comma, decimal point)',
    format: 'Format',
    empty: 'No values for that choice.',
    pickIndicator: 'Pick an indicator to see values.',
    pickArea: 'Pick at least one area to see values.',
    search: 'Search indicators',
    noValuesFor: 'No values for {areas}.',
  },
  why: {
    valueButton: 'Where does {value} come from?',
    statusButton: 'Why {status}?',
    valueTitle: 'Where does the value come from?',
    statusTitle: 'Why does the indicator have this status?',
    close: 'Close',
    source: 'Source',
    origin: 'File or request',
    run: 'Run',
    runSummary:
      'Run {id} ({trigger}), finished {time}: {read} rows read, {inserted} new, {updated} changed, {rejected} rejected',
    loadedAt: 'Loaded',
    history: 'Earlier versions',
    noHistory: 'The value has not been revised.',
    historyColumns: { value: 'Value', loadedAt: 'Loaded', replacedAt: 'Replaced', run: 'Replaced by run' },
    rule: 'Rule',
    inputs: 'Inputs',
    explanation: 'Explanation',
    computedAt: 'Computed',
    expected: 'Expected value at the date',
    triggers: {
      schedule: 'scheduled',
      manual: 'manual',
      file: 'new file',
      catch_up: 'catch-up',
      demo: 'demo',
    },
  },
  report: {
    heading: 'Follow-up of the operational plan {year} as of {date}',
    print: 'Print / save as PDF',
    results: 'Result indicators',
    columns: {
      label: 'Indicator',
      baseline: 'Baseline',
      target: 'Target',
      current: 'Current',
      status: 'Status',
    },
    activities: 'Activities',
    frozenNote: 'Status as computed for {date}, computed {computed}.',
  },
};
