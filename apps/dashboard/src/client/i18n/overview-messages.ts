// Words of the overview's status summary, sort order, filter disclosure and each card's worst nyckeltal
// (issue 16). Kept apart from messages.ts so other areas' keys do not collide; Messages includes these.

export interface OverviewMessages {
  overview: {
    /** Label of the summary list: kommunmål counted by their status. */
    summaryLabel: string;
    /** After the count in a summary tile, for screen readers: "3 kommunmål Ej i fas". */
    goalsWord: string;
    orderLabel: string;
    orderStatus: string;
    orderPlan: string;
    /** The disclosure that holds the filters on narrow screens. */
    filterToggle: string;
    /** How many filters are set, beside the disclosure's name. */
    activeFilters: string;
    worstHeading: string;
    /** "26 611 av 26 900 invånare" */
    valueOfTarget: string;
    /** "12,0 %, mål högst 10,0 %" */
    valueAtMost: string;
    /** "64, mål *66" (a target in words) */
    valueTargetText: string;
    /** No value since the baseline: "Inget nytt värde, mål 5,0 ha" */
    noValueTarget: string;
    noValue: string;
  };
}

export const svOverview: OverviewMessages = {
  overview: {
    summaryLabel: 'Kommunmål per status',
    goalsWord: 'kommunmål',
    orderLabel: 'Ordning',
    orderStatus: 'Status först',
    orderPlan: 'Planens ordning',
    filterToggle: 'Filter',
    activeFilters: '{count} valda',
    worstHeading: 'Sämst ställda nyckeltal',
    valueOfTarget: '{current} av {target}',
    valueAtMost: '{current}, mål högst {target}',
    valueTargetText: '{current}, mål {target}',
    noValueTarget: 'Inget nytt värde, mål {target}',
    noValue: 'Inget nytt värde',
  },
};

export const enOverview: OverviewMessages = {
  overview: {
    summaryLabel: 'Municipal goals by status',
    goalsWord: 'municipal goals',
    orderLabel: 'Order',
    orderStatus: 'Status first',
    orderPlan: 'Plan order',
    filterToggle: 'Filters',
    activeFilters: '{count} set',
    worstHeading: 'Worst indicator',
    valueOfTarget: '{current} of {target}',
    valueAtMost: '{current}, target at most {target}',
    valueTargetText: '{current}, target {target}',
    noValueTarget: 'No new value, target {target}',
    noValue: 'No new value',
  },
};
