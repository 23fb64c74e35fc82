import type { ActivityStatus, GoalStatus, TargetType } from '../../shared/api-types.ts';
import { type ChartsMessages, enCharts, svCharts } from './charts-messages.ts';
import { enOverview, type OverviewMessages, svOverview } from './overview-messages.ts';
import { enPages, type PageMessages, svPages } from './page-messages.ts';

// Every word the dashboard shows. Swedish is the source; English must have the same keys (the type says so).
// Placeholders are {name}; see translate() in i18n.tsx.

export type Language = 'sv' | 'en';

export const LANGUAGES: readonly Language[] = ['sv', 'en'];

/** Intl locale per UI language; en uses British conventions (day month year, 24-hour clock). */
export const LOCALES: Record<Language, string> = { sv: 'sv-SE', en: 'en-GB' };

type WordTargetType = Exclude<TargetType, 'at_least' | 'at_most' | 'range'>;

export interface Messages extends PageMessages, ChartsMessages, OverviewMessages {
  appName: string;
  skipToContent: string;
  planLabel: string;
  followUpLabel: string;
  followUpOption: string;
  languageLabel: string;
  languageNames: Record<Language, string>;
  updatedAt: string;
  neverUpdated: string;
  demoNotice: string;
  loading: string;
  loadError: string;
  loadPlansError: string;
  retry: string;
  noPlans: string;
  noGoals: string;
  overviewHeading: string;
  overviewLead: string;
  goalsOverviewLabel: string;
  status: Record<GoalStatus, string>;
  statusCountsLabel: string;
  indicatorCount: string;
  indicatorCountOne: string;
  kindMunicipalGoal: string;
  kindCommitteeGoal: string;
  kindVision: string;
  indicatorsHeading: string;
  baselineLabel: string;
  targetLabel: string;
  currentLabel: string;
  noNewData: string;
  missingValue: string;
  targetBy: string;
  targetAtMost: string;
  targetAtLeast: string;
  lastKnown: string;
  targetWords: Record<WordTargetType, string>;
  ytdNote: string;
  chartLabel: string;
  chartNoSeries: string;
  chartLoading: string;
  series: { value: string; target: string; baseline: string; pace: string };
  activitiesHeading: string;
  activityColumns: { title: string; desiredState: string; status: string; partners: string; comment: string };
  activityStatus: Record<ActivityStatus, string>;
  summaryComment: string;
  errorDetail: string;
  sourcesLink: string;
}

export const sv: Messages = {
  ...svPages,
  ...svCharts,
  ...svOverview,
  appName: 'Målkoll',
  skipToContent: 'Hoppa till innehållet',
  planLabel: 'Plan',
  followUpLabel: 'Uppföljning per',
  followUpOption: '{date}',
  languageLabel: 'Språk',
  languageNames: { sv: 'Svenska', en: 'English' },
  updatedAt: 'Uppdaterad {time}',
  neverUpdated: 'Inga data inlästa ännu',
  demoNotice: 'Demoplan: siffrorna är exempel för att visa Målkoll, inte kommunens beslutade uppföljning.',
  loading: 'Hämtar uppföljningen …',
  loadError: 'Uppföljningen kunde inte hämtas.',
  loadPlansError: 'Planerna kunde inte hämtas.',
  retry: 'Försök igen',
  noPlans: 'Det finns inga planer att visa ännu.',
  noGoals: 'Planen har inga mål för den här uppföljningen.',
  overviewHeading: 'Läget per {date}',
  overviewLead: '{goals} kommunmål och {indicators} nyckeltal.',
  goalsOverviewLabel: 'Kommunmålen i korthet',
  status: {
    achieved: 'Uppnått',
    on_track: 'I fas',
    at_risk: 'Risk',
    off_track: 'Ej i fas',
    no_data: 'Inga nya data',
  },
  statusCountsLabel: 'Nyckeltal per status',
  indicatorCount: '{count} nyckeltal',
  indicatorCountOne: '1 nyckeltal',
  kindMunicipalGoal: 'Kommunmål',
  kindCommitteeGoal: 'Nämndåtagande',
  kindVision: 'Vision',
  indicatorsHeading: 'Resultatmått',
  baselineLabel: 'Ingångsvärde {date}',
  targetLabel: 'Önskat läge',
  currentLabel: 'Nuläge',
  noNewData: 'Inga nya data',
  missingValue: '–',
  targetBy: 'till {date}',
  targetAtMost: 'högst',
  targetAtLeast: 'minst',
  lastKnown: 'Senast {value} ({period})',
  targetWords: {
    increase: 'Ökning',
    decrease: 'Minskning',
    better_than_peers: 'Bättre än likvärdiga kommuner',
    same_level: 'Samma nivå på alla förvaltningar',
  },
  ytdNote: 'Summa hittills i år',
  chartLabel: 'Utveckling för {label}',
  chartNoSeries: 'Inga mätvärden än',
  chartLoading: 'Ritar diagram …',
  series: { value: 'Utfall', target: 'Målvärde', baseline: 'Ingångsvärde', pace: 'Takt mot målet' },
  activitiesHeading: 'Aktiviteter ({count})',
  activityColumns: {
    title: 'Aktivitet',
    desiredState: 'Önskat läge',
    status: 'Nuläge',
    partners: 'Samverkan med',
    comment: 'Kommentar',
  },
  activityStatus: { not_started: 'Ej inlett', in_progress: 'Pågår', done: 'Klart' },
  summaryComment: 'Sammanfattande kommentar',
  errorDetail: 'Felet: {detail}',
  sourcesLink: 'Källor',
};

export const en: Messages = {
  ...enPages,
  ...enCharts,
  ...enOverview,
  appName: 'Målkoll',
  skipToContent: 'Skip to content',
  planLabel: 'Plan',
  followUpLabel: 'Follow-up as of',
  followUpOption: '{date}',
  languageLabel: 'Language',
  languageNames: { sv: 'Svenska', en: 'English' },
  updatedAt: 'Updated {time}',
  neverUpdated: 'No data loaded yet',
  demoNotice:
    "Demo plan: the figures are examples to show Målkoll, not the municipality's adopted follow-up.",
  loading: 'Loading the follow-up …',
  loadError: 'The follow-up could not be loaded.',
  loadPlansError: 'The plans could not be loaded.',
  retry: 'Try again',
  noPlans: 'There are no plans to show yet.',
  noGoals: 'The plan has no goals for this follow-up.',
  overviewHeading: 'Status as of {date}',
  overviewLead: '{goals} municipal goals and {indicators} indicators.',
  goalsOverviewLabel: 'Municipal goals at a glance',
  status: {
    achieved: 'Achieved',
    on_track: 'On track',
    at_risk: 'At risk',
    off_track: 'Off track',
    no_data: 'No new data',
  },
  statusCountsLabel: 'Indicators per status',
  indicatorCount: '{count} indicators',
  indicatorCountOne: '1 indicator',
  kindMunicipalGoal: 'Municipal goal',
  kindCommitteeGoal: 'Committee commitment',
  kindVision: 'Vision',
  indicatorsHeading: 'Indicators',
  baselineLabel: 'Baseline {date}',
  targetLabel: 'Target',
  currentLabel: 'Current',
  noNewData: 'No new data',
  missingValue: '–',
  targetBy: 'by {date}',
  targetAtMost: 'at most',
  targetAtLeast: 'at least',
  lastKnown: 'Last {value} ({period})',
  targetWords: {
    increase: 'Increase',
    decrease: 'Decrease',
    better_than_peers: 'Better than similar municipalities',
    same_level: 'Same level in all departments',
  },
  ytdNote: 'Year-to-date total',
  chartLabel: 'Trend for {label}',
  chartNoSeries: 'No measurements yet',
  chartLoading: 'Drawing chart …',
  series: { value: 'Actual', target: 'Target', baseline: 'Baseline', pace: 'Pace to target' },
  activitiesHeading: 'Activities ({count})',
  activityColumns: {
    title: 'Activity',
    desiredState: 'Target',
    status: 'Status',
    partners: 'In cooperation with',
    comment: 'Comment',
  },
  activityStatus: { not_started: 'Not started', in_progress: 'In progress', done: 'Done' },
  summaryComment: 'Summary comment',
  errorDetail: 'Error: {detail}',
  sourcesLink: 'Sources',
};

export const MESSAGES: Record<Language, Messages> = { sv, en };
