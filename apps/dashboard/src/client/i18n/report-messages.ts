import { type Language, useI18n } from './i18n.tsx';

// The words of the printable follow-up report (summary page, nyckeltal blocks, the printed page's
// running head and foot), kept apart from the shared message files so the report's texts live in one
// place. The report also uses the shared words (status names, column names, "Ändrat sedan …").

export interface ReportMessages {
  summaryHeading: string;
  statusTableCaption: string;
  goalColumn: string;
  total: string;
  /** Running foot of every printed page. */
  printed: string;
  /** "Sida 3 av 9": the page counters are put between the words by the print CSS. */
  pageWord: string;
  pageOf: string;
  /** The demo label of every printed page; the shared demo notice follows it. */
  demoLabel: string;
  chartLabel: string;
  chartTarget: string;
  noReadings: string;
  statusSentence: string;
}

export const REPORT_MESSAGES: Record<Language, ReportMessages> = {
  sv: {
    summaryHeading: 'Sammanfattning',
    statusTableCaption: 'Antal nyckeltal per status och kommunmål',
    goalColumn: 'Kommunmål',
    total: 'Totalt',
    printed: 'Utskriven {date}',
    pageWord: 'Sida',
    pageOf: 'av',
    demoLabel: 'Demodata',
    chartLabel: 'Utveckling för {label}: {points}. Önskat läge {target} år {year}.',
    chartTarget: 'Önskat läge',
    noReadings: 'Inga mätvärden att visa',
    statusSentence: 'Bedömning',
  },
  en: {
    summaryHeading: 'Summary',
    statusTableCaption: 'Number of indicators per status and municipal goal',
    goalColumn: 'Municipal goal',
    total: 'Total',
    printed: 'Printed {date}',
    pageWord: 'Page',
    pageOf: 'of',
    demoLabel: 'Demo data',
    chartLabel: 'Trend for {label}: {points}. Desired state {target} by {year}.',
    chartTarget: 'Desired state',
    noReadings: 'No readings to show',
    statusSentence: 'Assessment',
  },
};

export function useReportMessages() {
  const i18n = useI18n();
  return { ...i18n, rm: REPORT_MESSAGES[i18n.language] };
}
