import { useEffect } from 'react';

// What every printed page of the report carries in its margins (print CSS in styles.css, "report
// print"): the demo label at the top, the print date and data freshness at the bottom left, "Sida 3 av
// 9" at the bottom right. @page margin boxes cannot read the document, but they do read the root's
// custom properties, so the report sets them here (through the CSSOM, which the CSP allows) and takes
// them away when it closes: other pages print without them.

export interface ReportPrintMarks {
  /** The demo label, or null for a real plan. */
  head: string | null;
  foot: string;
  pageWord: string;
  pageOf: string;
}

/** A CSS string token; JSON's escaping of quotes and backslashes is valid CSS. */
const cssString = (text: string) => JSON.stringify(text.replace(/\s+/g, ' '));

export function useReportPrintMarks(marks: ReportPrintMarks): void {
  const { head, foot, pageWord, pageOf } = marks;
  useEffect(() => {
    const root = document.documentElement.style;
    const set: Record<string, string> = {
      '--report-head': head ? cssString(head) : 'none',
      '--report-foot': cssString(foot),
      '--report-pages': `${cssString(`${pageWord} `)} counter(page) ${cssString(` ${pageOf} `)} counter(pages)`,
    };
    for (const [name, value] of Object.entries(set)) root.setProperty(name, value);
    return () => {
      for (const name of Object.keys(set)) root.removeProperty(name);
    };
  }, [head, foot, pageWord, pageOf]);
}
