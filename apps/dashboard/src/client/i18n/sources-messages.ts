import type { NightOutcome, SourceState } from '../../shared/sources-api.ts';
import type { Language } from './i18n.tsx';

// The Sources page's words, kept beside it (the shared message file belongs to the plan pages).

export interface SourcesMessages {
  title: string;
  lead: string;
  backToPlan: string;
  loading: string;
  loadError: string;
  empty: string;
  state: Record<SourceState, string>;
  nightHeading: string;
  nightEmpty: string;
  outcome: Record<NightOutcome, string>;
  columns: {
    source: string;
    state: string;
    lastSuccess: string;
    lastPeriod: string;
    expected: string;
    nextRun: string;
  };
  expectedBy: string;
  noRule: string;
  firstDelivery: string;
  never: string;
  unscheduled: string;
  onFileArrival: string;
  historyHeading: string;
  runColumns: {
    queued: string;
    trigger: string;
    status: string;
    read: string;
    rowsLoaded: string;
    skipped: string;
    rowsRejected: string;
    inserted: string;
    updated: string;
    unchanged: string;
    rejected: string;
    duration: string;
    error: string;
  };
  /** The result of a run that succeeded with rejections. */
  succeededWithWarning: string;
  trigger: Record<string, string>;
  cadence: Record<string, string>;
  runStatus: Record<string, string>;
  noRuns: string;
}

export const SOURCES_MESSAGES: Record<Language, SourcesMessages> = {
  sv: {
    title: 'Källor och nattlig uppdatering',
    lead: 'Varje källas läge, när den senast lästes in, vilken period som väntas härnäst och dess senaste körningar.',
    backToPlan: 'Till uppföljningen',
    loading: 'Hämtar källorna …',
    loadError: 'Källorna kunde inte hämtas.',
    empty: 'Det finns inga källor ännu. Lägg till en med `malkoll sources apply`.',
    state: {
      ok: 'I tid',
      running: 'Körs',
      failing: 'Misslyckades',
      stale: 'Försenad',
      warning: 'Varning',
      no_data: 'Inga data',
    },
    nightHeading: 'Natten till {date}',
    nightEmpty: 'Inga körningar ännu den här natten.',
    outcome: {
      loaded: 'laddade',
      unchanged: 'inga ändringar',
      failed: 'misslyckades',
      running: 'pågår',
      missed: 'kördes inte',
    },
    columns: {
      source: 'Källa',
      state: 'Läge',
      lastSuccess: 'Senast lyckad',
      lastPeriod: 'Senaste period',
      expected: 'Väntas härnäst',
      nextRun: 'Nästa körning',
    },
    expectedBy: '{period} senast {date}',
    noRule: 'Ingen förväntan angiven',
    firstDelivery: 'Första leveransen ({cadence})',
    never: 'Aldrig',
    unscheduled: 'Bara manuellt',
    onFileArrival: 'När en ny fil kommer',
    historyHeading: 'Körningar för {source}',
    runColumns: {
      queued: 'Köad',
      trigger: 'Startad av',
      status: 'Resultat',
      read: 'Lästa rader',
      rowsLoaded: 'Inlästa rader',
      skipped: 'Överhoppade rader',
      rowsRejected: 'Avvisade rader',
      inserted: 'Nya värden',
      updated: 'Ändrade värden',
      unchanged: 'Oförändrade värden',
      rejected: 'Avvisade värden',
      duration: 'Tid',
      error: 'Fel eller varning',
    },
    succeededWithWarning: 'lyckades med varning',
    cadence: { monthly: 'månadsvis', quarterly: 'kvartalsvis', tertial: 'per tertial', yearly: 'årsvis' },
    trigger: {
      schedule: 'schema',
      manual: 'manuellt',
      file: 'ny fil',
      catch_up: 'ikapp­körning',
      demo: 'demo',
    },
    runStatus: { queued: 'i kö', running: 'körs', succeeded: 'lyckades', failed: 'misslyckades' },
    noRuns: 'Inga körningar ännu.',
  },
  en: {
    title: 'Sources and the nightly refresh',
    lead: "Each source's state, when it last loaded, which period is expected next, and its latest runs.",
    backToPlan: 'To the follow-up',
    loading: 'Loading the sources …',
    loadError: 'The sources could not be loaded.',
    empty: 'There are no sources yet. Add one with `malkoll sources apply`.',
    state: {
      ok: 'On time',
      running: 'Running',
      failing: 'Failed',
      stale: 'Overdue',
      warning: 'Warning',
      no_data: 'No data',
    },
    nightHeading: 'The night to {date}',
    nightEmpty: 'No runs yet this night.',
    outcome: {
      loaded: 'loaded',
      unchanged: 'no changes',
      failed: 'failed',
      running: 'running',
      missed: 'did not run',
    },
    columns: {
      source: 'Source',
      state: 'State',
      lastSuccess: 'Last success',
      lastPeriod: 'Latest period',
      expected: 'Expected next',
      nextRun: 'Next run',
    },
    expectedBy: '{period} by {date}',
    noRule: 'No expectation set',
    firstDelivery: 'The first delivery ({cadence})',
    never: 'Never',
    unscheduled: 'Manual only',
    onFileArrival: 'When a new file arrives',
    historyHeading: 'Runs of {source}',
    runColumns: {
      queued: 'Queued',
      trigger: 'Started by',
      status: 'Result',
      read: 'Rows read',
      rowsLoaded: 'Rows loaded',
      skipped: 'Rows skipped',
      rowsRejected: 'Rows rejected',
      inserted: 'New values',
      updated: 'Changed values',
      unchanged: 'Unchanged values',
      rejected: 'Rejected values',
      duration: 'Duration',
      error: 'Error or warning',
    },
    succeededWithWarning: 'succeeded with a warning',
    cadence: { monthly: 'monthly', quarterly: 'quarterly', tertial: 'per tertial', yearly: 'yearly' },
    trigger: { schedule: 'schedule', manual: 'manual', file: 'new file', catch_up: 'catch-up', demo: 'demo' },
    runStatus: { queued: 'queued', running: 'running', succeeded: 'succeeded', failed: 'failed' },
    noRuns: 'No runs yet.',
  },
};
