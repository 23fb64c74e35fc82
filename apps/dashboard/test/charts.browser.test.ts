import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { axeViolations } from './browser.ts';
import { AS_OF, type DemoSite, LAPTOP, normalise, PHONE, PLAN, startDemoSite } from './demo-site.ts';

// Issue 16: charts that read on any screen, the why-dialog in words, keyboard focus. The demo site with
// Debian's Chromium (demo-site.ts), at a phone's and a laptop's width.
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

const SIZES = [
  ['phone', PHONE],
  ['laptop', LAPTOP],
] as const;

/** Every tick label's size as drawn: its computed font size times the SVG's scale on screen. */
async function tickSizes(page: Page): Promise<number[]> {
  return page.$$eval('svg text[data-tick]', (texts) =>
    texts.map((t) => {
      const svg = (t as SVGTextElement).ownerSVGElement as SVGSVGElement;
      const scale = svg.getBoundingClientRect().width / svg.width.baseVal.value;
      return Number.parseFloat(getComputedStyle(t).fontSize) * scale;
    }),
  );
}

async function noSidewaysScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

test('goal-page charts: readable ticks, the target as a point at its date, a line, a table', async () => {
  for (const [name, size] of SIZES) {
    await onPage(`charts-${name}`, size, async (page) => {
      await page.goto(`${baseUrl}/plans/${PLAN}/goals/boende?asOf=${AS_OF}`);
      await page.locator('[data-series="value"] path').first().waitFor();
      const sizes = await tickSizes(page);
      expect(sizes.length).toBeGreaterThan(5);
      expect(sizes.filter((s) => s < 11)).toEqual([]);
      // The population target, 26 900 on 31 December 2016, is one point at that date, and the x axis
      // ends there (the forecast ends there too); the recommendation's target likewise.
      const targets = page.locator('[data-series="target"] [data-point]');
      expect(await targets.count()).toBe(2);
      expect(await targets.first().getAttribute('data-point')).toBe('2016-12-31');
      expect(await targets.first().getAttribute('data-value')).toBe('26900');
      expect(normalise(await targets.first().textContent())).toContain('Mål 26 900');
      expect(await page.locator('svg[data-domain]').first().getAttribute('data-domain')).toMatch(
        /\/2016-12-31$/,
      );
      // The monthly values are one line through every measured value, as the legend draws it.
      const value = page.locator('[data-series="value"]').first();
      const dots = await value.locator('circle').count();
      expect(dots).toBeGreaterThan(10);
      const d = (await value.locator('path').getAttribute('d')) ?? '';
      expect(d.match(/L/g)?.length).toBe(dots - 1);
      // The same numbers as a table, behind "Visa som tabell".
      const card = page.locator('article').first();
      await card.getByText('Visa som tabell').click();
      const table = normalise(await card.getByRole('table').textContent());
      expect(table).toContain('april 2016');
      expect(table).toContain('26 611 invånare');
      expect(table).toContain('26 900 invånare');
      expect(await noSidewaysScroll(page)).toBe(true);

      // Leksand's vision: 18 000 by 2030. The axis ends at the target date, not a year later.
      await page.goto(`${baseUrl}/plans/leksand-2020/goals/vision`);
      await page.locator('[data-series="value"] path').first().waitFor();
      expect(await page.locator('svg[data-domain]').first().getAttribute('data-domain')).toMatch(
        /\/2030-12-31$/,
      );
      expect((await tickSizes(page)).filter((s) => s < 11)).toEqual([]);
      // A target "better than similar municipalities" has no date to draw: its chart ends with its data.
      const domains = await page
        .locator('svg[data-domain]')
        .evaluateAll((svgs) => svgs.map((s) => s.getAttribute('data-domain') ?? ''));
      expect(domains.slice(1).every((d) => !d.endsWith('2030-12-31'))).toBe(true);
      // Tick labels as people count: no 2,5-steps, whole numbers without decimals.
      const yTicks = await page.$$eval('svg text[data-tick="y"]', (ts) => ts.map((t) => t.textContent ?? ''));
      expect(yTicks.filter((t) => /,\d/.test(t))).toEqual([]);
      expect(await noSidewaysScroll(page)).toBe(true);
    });
  }
}, 120_000);

test('the why-dialog names the rule, the gap, the tolerance and the value’s age in Swedish', async () => {
  await onPage('charts-why', LAPTOP, async (page) => {
    await page.goto(`${baseUrl}/plans/${PLAN}/goals/boende?asOf=${AS_OF}`);
    await page.getByRole('button', { name: 'Varför Ej i fas?' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Tolerans', { exact: true }).waitFor();
    const text = normalise(await dialog.textContent()).replace(/\u2212/g, '-');
    expect(text).toContain('Minst-mål: jämför värdet med den takt som krävs för att nå målet i tid');
    expect(text).toContain('-289 invånare till målet 26 900');
    expect(text).toContain('-90 invånare mot väntat läge 26 701');
    expect(text).toContain('I fas: minst 26 671 · Risk: 26 641–26 671 · Ej i fas: under 26 641');
    expect(text).toContain('26 611 invånare är under 26 641, gränsen för Risk: Ej i fas.');
    expect(text).toContain('mätt 30 april 2016, samma dag som uppföljningen');
    expect(text).toMatch(/\d+ av \d+ nyckeltal i planen har ett mätt värde per 30 april 2016/);

    // At the year-end follow-up the status still rests on April's value, and says how old it is.
    await page.goto(`${baseUrl}/plans/${PLAN}/goals/boende?asOf=2016-12-31`);
    await page
      .getByRole('button', { name: /^Varför / })
      .first()
      .click();
    await dialog.getByText('Värdets ålder', { exact: true }).waitFor();
    expect(normalise(await dialog.textContent())).toContain(
      'mätt 30 april 2016; 8 månader gammalt vid uppföljningen 31 december 2016',
    );
    expect(normalise(await dialog.textContent())).not.toContain('31 december 2025');
  });
}, 60_000);

test('focus stays in the why-dialog, Escape closes it and returns focus; axe finds nothing', async () => {
  for (const [name, size] of SIZES) {
    await onPage(`charts-focus-${name}`, size, async (page) => {
      await page.goto(`${baseUrl}/plans/${PLAN}/goals/boende?asOf=${AS_OF}`);
      await page.locator('[data-series="value"] path').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      const why = page.getByRole('button', { name: 'Varför Ej i fas?' }).first();
      await why.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Tolerans', { exact: true }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
        expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);
      }
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => why.evaluate((el) => el === document.activeElement)).toBe(true);
    });
  }
}, 120_000);

test('keyboard: the activities scroll box is reachable and the pressed SV button shows its focus', async () => {
  await onPage('charts-keyboard', PHONE, async (page) => {
    await page.goto(`${baseUrl}/plans/${PLAN}/goals/boende?asOf=${AS_OF}`);
    const box = page.getByRole('region', { name: /Aktivitetsmått/ }).first();
    await box.waitFor();
    expect(await box.getAttribute('tabindex')).toBe('0');
    // The pressed language button: its focus outline is drawn, outside the blue, in dark blue on white.
    const sv = page.getByRole('button', { name: 'SV', pressed: true });
    await sv.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const focus = await sv.evaluate((el) => {
      const s = getComputedStyle(el);
      return {
        style: s.outlineStyle,
        width: s.outlineWidth,
        colour: s.outlineColor,
        offset: s.outlineOffset,
      };
    });
    expect(focus).toEqual({ style: 'solid', width: '2px', colour: 'rgb(30, 64, 175)', offset: '2px' });
    expect(await noSidewaysScroll(page)).toBe(true);
  });
}, 60_000);

test('explorer: the own municipality first in the legend, blue and thicker than its peers', async () => {
  await onPage('charts-explorer', PHONE, async (page) => {
    // Leksand's plan: Leksand (2029) is its own; Smedjebacken (2061), chosen first, is a peer.
    await page.goto(`${baseUrl}/explorer?plan=leksand-2020&indicator=kolada.n01951&areas=2061,2029&bd=T`);
    await page.locator('.recharts-line-curve').nth(1).waitFor();
    const legend = page.locator('figcaption li');
    expect(normalise(await legend.first().textContent())).toContain('Leksand');
    expect(await legend.first().getAttribute('data-emphasis')).toBe('own');
    expect(await legend.nth(1).getAttribute('data-emphasis')).toBeNull();
    const widths = await page.$$eval('.recharts-line-curve', (paths) =>
      paths.map((p) => Number.parseFloat(getComputedStyle(p).strokeWidth)),
    );
    expect(Math.max(...widths)).toBeGreaterThanOrEqual(2 * Math.min(...widths));
    // The y axis counts in round steps: 1, 2 or 5 times a power of ten.
    const ticks = await page.$$eval('.recharts-yAxis .recharts-cartesian-axis-tick-value', (ts) =>
      ts.map((t) => t.textContent ?? ''),
    );
    const numbers = ticks.map((t) => Number(normalise(t).replace(/\s/g, '')));
    const step = Math.abs((numbers[1] ?? 0) - (numbers[0] ?? 0));
    expect(numbers.length).toBeGreaterThan(2);
    expect([1, 2, 5]).toContain(step / 10 ** Math.floor(Math.log10(step)));
    expect(await noSidewaysScroll(page)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });
}, 60_000);
