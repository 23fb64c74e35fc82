// Words of the charts, their table alternative and the "why this status?" reasoning (issue 16), kept in
// their own file so this area's texts live in one place; Messages includes them, sv and en alike.

export interface ChartsMessages {
  charts: {
    showTable: string;
    date: string;
    /** The target point's label in the plot: "Mål 26 900". */
    targetPoint: string;
    tableRegion: string;
    explorerTableRegion: string;
    why: {
      rule: string;
      gap: string;
      gapToTarget: string;
      gapToExpected: string;
      tolerance: string;
      decided: string;
      age: string;
      planFreshness: string;
      planFreshnessLine: string;
      planFreshnessNone: string;
      planFreshnessRange: string;
    };
  };
}

export const svCharts: ChartsMessages = {
  charts: {
    showTable: 'Visa som tabell',
    date: 'Datum',
    targetPoint: 'Mål {value}',
    tableRegion: 'Aktivitetsmått, tabell som kan rullas i sidled',
    explorerTableRegion: 'Värden per period, tabell som kan rullas',
    why: {
      rule: 'Regel',
      gap: 'Avstånd',
      gapToTarget: 'Till målet',
      gapToExpected: 'Mot väntat läge',
      tolerance: 'Tolerans',
      decided: 'Utfall',
      age: 'Värdets ålder',
      planFreshness: 'Planens data',
      planFreshnessLine: '{withValue} av {links} nyckeltal i planen har ett mätt värde per {date}',
      planFreshnessNone: 'Inget av planens {links} nyckeltal har ett mätt värde per {date}.',
      planFreshnessRange: '; det senaste är från {newest}, det äldsta från {oldest}.',
    },
  },
};

export const enCharts: ChartsMessages = {
  charts: {
    showTable: 'Show as table',
    date: 'Date',
    targetPoint: 'Target {value}',
    tableRegion: 'Activities, a table that scrolls sideways',
    explorerTableRegion: 'Values per period, a table that scrolls',
    why: {
      rule: 'Rule',
      gap: 'Gap',
      gapToTarget: 'To the target',
      gapToExpected: 'Against expected',
      tolerance: 'Tolerance',
      decided: 'Outcome',
      age: 'Age of the value',
      planFreshness: 'The plan’s data',
      planFreshnessLine: '{withValue} of the plan’s {links} indicators have a measured value as of {date}',
      planFreshnessNone: 'None of the plan’s {links} indicators has a measured value as of {date}.',
      planFreshnessRange: '; the newest is from {newest}, the oldest from {oldest}.',
    },
  },
};
