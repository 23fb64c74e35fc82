import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatDate } from '@malkoll/goals/format';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { PlanOverview } from '../src/shared/api-types.ts';
import { axeViolations } from './browser.ts';
import {
  AS_OF,
  type DemoSite,
  LAPTOP,
  municipalGoalTitles,
  normalise,
  PHONE,
  PLAN,
  startDemoSite,
} from './demo-site.ts';

// The follow-up report as a board tables it (issue 16, item 3): printed to A4 PDF, page 1 the summary,
// the goals flowing after it, and on every page the demo label, print date, data freshness and
// "Sida N av M"; on a phone, a report that does not scroll sideways.
let site: DemoSite;
let baseUrl: string;
let onPage: DemoSite['onPage'];

beforeAll(async () => {
  site = await startDemoSite();
  ({ baseUrl, onPage } = site);
}, 240_000);

afterAll(async () => {
  await site?.stop();
});

const reportUrl = (asOf: string) => `${baseUrl}/plans/${PLAN}/report?asOf=${asOf}`;
const flat = (s: string) => normalise(s).replace(/\s+/g, ' ');
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
/** The old print CSS gave each kommunmål a page of its own: 14 A4 pages for the seed's nine goals. */
const MAX_PAGES = 8;

async function openReport(page: Page, asOf = AS_OF) {
  await page.goto(reportUrl(asOf));
  await page.getByRole('heading', { name: /^Uppföljning av verksamhetsplan 2016 per / }).waitFor();
}

/** The text of each page of the PDF (pdftotext -f N -l N), or null without poppler. */
async function pageTexts(pdf: Buffer, pages: number): Promise<string[] | null> {
  if (!hasPdftotext) return null;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'malkoll-report-'));
  try {
    const file = path.join(dir, 'report.pdf');
    await writeFile(file, pdf);
    return Array.from({ length: pages }, (_, k) =>
      flat(execFileSync('pdftotext', ['-f', `${k + 1}`, '-l', `${k + 1}`, file, '-'], { encoding: 'utf8' })),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('the report for 30 April 2016 prints to a few A4 pages: summary first, every page marked', async () => {
  await onPage('report-pdf', LAPTOP, async (page) => {
    await openReport(page);
    await page.emulateMedia({ media: 'print' });
    // No UI chrome in print: header, navigation and buttons are hidden.
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Skriv ut / spara som PDF' }).isVisible()).toBe(false);
    // Each nyckeltal with its readings has a small chart, most with the desired state as a point.
    expect(await page.locator('svg.report-chart').count()).toBeGreaterThan(10);
    expect(await page.locator('svg.report-chart [data-series="target"]').count()).toBeGreaterThan(5);

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    const titles = await municipalGoalTitles();
    console.log(`report 30 April 2016: ${pages} A4 pages for ${titles.length} kommunmål`);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pages).toBeLessThanOrEqual(MAX_PAGES);

    const texts = await pageTexts(pdf, pages);
    if (!texts) {
      console.log('pdftotext (poppler-utils) is absent: the per-page checks of the PDF are skipped');
      return;
    }
    const [first = '', ...rest] = texts;
    // Page 1: the summary, with every kommunmål in the status table and the statuses in words.
    expect(first).toContain('Sammanfattning');
    expect(first).toContain('Antal nyckeltal per status och kommunmål');
    for (const word of ['Ej i fas', 'Risk', 'I fas', 'Uppnått', 'Inga nya data'])
      expect(first).toContain(word);
    for (const title of titles) expect(first).toContain(flat(title));
    expect(first).toContain('Första uppföljningen');
    // ... and none of the goals' detail sections, which start on page 2.
    expect(first).not.toContain(`Kommunmål: ${flat(titles[0] ?? '')}`);
    expect(rest[0]).toContain(`Kommunmål: ${flat(titles[0] ?? '')}`);

    // Every page: "Sida N av M", the demo label, the print date and the data freshness.
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    texts.forEach((text, k) => {
      expect(text).toContain(`Sida ${k + 1} av ${pages}`);
      expect(text).toContain('Demodata');
      expect(text).toContain(`Utskriven ${formatDate(today, 'sv')}`);
      expect(text).toMatch(/senaste mätperiod slutar \d+ \p{L}+ \d{4}/u);
    });

    // The whole report is there, in the paper report's words.
    const all = texts.join(' ');
    for (const title of titles) expect(all).toContain(`Kommunmål: ${flat(title)}`);
    for (const word of ['Nämndåtagande', 'Aktivitetsmått', 'Ingångsvärde', 'Önskat läge', 'Nuläge']) {
      expect(all).toContain(word);
    }
    expect(all).toContain('Sammanfattande kommentar');
  });
}, 120_000);

test('the report of 31 December 2016 lists each nyckeltal that changed status since 31 August 2016', async () => {
  const overview = (await (
    await fetch(`${baseUrl}/api/plans/${PLAN}/overview?asOf=2016-12-31&view=cards`)
  ).json()) as PlanOverview;
  const changes = overview.goals.flatMap((g) => g.changes);
  // The demo's data move some statuses between the two follow-ups; without that there is nothing to show.
  expect(changes.length).toBeGreaterThan(0);
  await onPage('report-changes', LAPTOP, async (page) => {
    await openReport(page, '2016-12-31');
    const summary = page.locator('.report-summary');
    await summary.getByRole('heading', { name: 'Ändrat sedan 31 augusti 2016' }).waitFor();
    const text = flat((await summary.textContent()) ?? '');
    for (const c of changes) expect(text).toContain(flat(c.label));
    expect(await summary.locator('.report-changes ul ul li').count()).toBe(changes.length);
  });
}, 60_000);

test('on a phone the report does not scroll sideways, and it has no accessibility violations', async () => {
  for (const [name, viewport] of [
    ['phone', PHONE],
    ['laptop', LAPTOP],
  ] as const) {
    await onPage(`report-${name}`, viewport, async (page) => {
      await openReport(page);
      await page.locator('.report-goal').first().waitFor();
      await page.waitForLoadState('networkidle');
      const width = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      expect(width.scroll, `${name}: ${width.scroll} px wide in ${width.client} px`).toBeLessThanOrEqual(
        width.client,
      );
      expect(await axeViolations(page)).toEqual([]);
    });
  }
}, 90_000);

test('the print marks belong to the report: leaving it takes them away', async () => {
  await onPage('report-marks', LAPTOP, async (page) => {
    await openReport(page);
    const pages = () =>
      page.evaluate(() => document.documentElement.style.getPropertyValue('--report-pages'));
    expect(await pages()).toContain('counter(pages)');
    await page.getByRole('link', { name: 'Översikt' }).click();
    await page.locator('[data-goal]').first().waitFor();
    expect(await pages()).toBe('');
  });
}, 60_000);
