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
  /** A run that loaded but rejected rows or values: no plain success. */
  succeededWithRejections: {
    rowOne: string;
    rowsMany: string;
    valueOne: string;
    valuesMany: string;
  };
  /** The state of a source that loads fine but has no cadence: "I tid" would claim what nobody expects. */
  loadedNoRule: string;
  /** A saved schedule in words; `{time}` is "02.00". */
  schedule: {
    daily: string;
    weekdays: string;
    weekly: string;
    monthly: string;
    weekdayNames: string[];
    cron: string;
    next: string;
  };
  /** "kl." between a date and a time ("7 december 2026 kl. 02.00"). */
  at: string;
  showRuns: string;
}

export const SOURCES_MESSAGES: Record<Language, SourcesMessages> = {
  sv: {
    title: 'Källor och nattlig uppdatering',
    lead: 'Varje källas läge, när den senast lästes in, vilken period som väntas härnäst och dess senaste körningar.',
    backToPlan: 'Till uppföljningen',
    loading: 'Hämtar källorna …',
    loadError: 'Källorna kunde inte hämtas.',
    empty: 'Det finns inga källor ännu.',
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
    succeededWithWarning: 'Lyckades med varning',
    cadence: { monthly: 'månadsvis', quarterly: 'kvartalsvis', tertial: 'per tertial', yearly: 'årsvis' },
    trigger: {
      schedule: 'schema',
      manual: 'manuellt',
      file: 'ny fil',
      catch_up: 'ikapp­körning',
      demo: 'demo',
    },
    runStatus: { queued: 'I kö', running: 'Körs', succeeded: 'Lyckades', failed: 'Misslyckades' },
    noRuns: 'Inga körningar ännu.',
    succeededWithRejections: {
      rowOne: 'Lyckades med 1 avvisad rad',
      rowsMany: 'Lyckades med {count} avvisade rader',
      valueOne: 'Lyckades med 1 avvisat värde',
      valuesMany: 'Lyckades med {count} avvisade värden',
    },
    loadedNoRule: 'Inläst',
    schedule: {
      daily: 'Varje dag kl. {time}',
      weekdays: 'Vardagar kl. {time}',
      weekly: 'Varje {day} kl. {time}',
      monthly: 'Den {day}:e varje månad kl. {time}',
      weekdayNames: ['söndag', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag'],
      cron: 'Schema (cron) {cron}',
      next: 'nästa {date}',
    },
    at: 'kl.',
    showRuns: 'Visa körningarna',
  },
  en: {
    title: 'Sources and the nightly refresh',
    lead: "Each source's state, when it last loaded, which period is expected next, and its latest runs.",
    backToPlan: 'To the follow-up',
    loading: 'Loading the sources …',
    loadError: 'The sources could not be loaded.',
    empty: 'There are no sources yet.',
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
    succeededWithWarning: 'Succeeded with a warning',
    cadence: { monthly: 'monthly', quarterly: 'quarterly', tertial: 'per tertial', yearly: 'yearly' },
    trigger: { schedule: 'schedule', manual: 'manual', file: 'new file', catch_up: 'catch-up', demo: 'demo' },
    runStatus: { queued: 'Queued', running: 'Running', succeeded: 'Succeeded', failed: 'Failed' },
    noRuns: 'No runs yet.',
    succeededWithRejections: {
      rowOne: 'Succeeded with 1 rejected row',
      rowsMany: 'Succeeded with {count} rejected rows',
      valueOne: 'Succeeded with 1 rejected value',
      valuesMany: 'Succeeded with {count} rejected values',
    },
    loadedNoRule: 'Loaded',
    schedule: {
      daily: 'Every day at {time}',
      weekdays: 'Weekdays at {time}',
      weekly: 'Every {day} at {time}',
      monthly: 'Day {day} of every month at {time}',
      weekdayNames: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
      cron: 'Schedule (cron) {cron}',
      next: 'next {date}',
    },
    at: 'at',
    showRuns: 'Show the runs',
  },
};
