import { ATTENTION_ORDER } from '@malkoll/answers/card-order';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { GoalPage, GoalStatus, IndicatorLinkView } from '../src/shared/api-types.ts';
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

// Issue 16, item 1: the overview answers "what is red and why" (worst status first, each card's worst
// nyckeltal against its target with its own trend), and the app shell works on a phone (the first card
// starts on the first screen, nothing scrolls sideways).
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

const overviewUrl = (extra = '') => `${baseUrl}/?plan=${PLAN}&asOf=${AS_OF}${extra}`;

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Each card's title and the status on its badge, top to bottom. */
async function cardOrder(page: Page): Promise<{ title: string; status: GoalStatus }[]> {
  const cards = await page.locator('[data-goal]').evaluateAll((cards) =>
    cards.map((c) => ({
      title: c.querySelector('h3')?.textContent ?? '',
      // The badge is the card's first status; the worst-nyckeltal line comes after it.
      status: (c.querySelector('[data-status]')?.getAttribute('data-status') ?? '') as GoalStatus,
    })),
  );
  return cards.map((c) => ({ ...c, title: oneLine(c.title) }));
}

async function sidewaysScroll(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
}

test('phone: the first kommunmål card starts on the first screen and no page scrolls sideways', async () => {
  await onPage('overview-phone', PHONE, async (page) => {
    await page.goto(overviewUrl());
    const first = page.locator('[data-goal]').first();
    await first.waitFor();
    const box = await first.boundingBox();
    expect(box).not.toBeNull();
    expect(box?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(PHONE.height);
    const overview = await sidewaysScroll(page);
    expect(overview.scrollWidth).toBeLessThanOrEqual(overview.clientWidth);

    await page.goto(`${baseUrl}/explorer`);
    await page.getByLabel('Nyckeltal', { exact: true }).waitFor();
    const explorer = await sidewaysScroll(page);
    expect(explorer.scrollWidth).toBeLessThanOrEqual(explorer.clientWidth);

    await page.goto(`${baseUrl}/plans/${PLAN}/goals/naringsliv?asOf=${AS_OF}`);
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await page.getByText('Antalet hektar framtagna verksamhetsmark (ha)').first().waitFor();
    const goal = await sidewaysScroll(page);
    expect(goal.scrollWidth).toBeLessThanOrEqual(goal.clientWidth);
  });
}, 90_000);

test('phone: the filters fold behind "Filter", open on a click, and work; no axe violations either way', async () => {
  await onPage('overview-phone-filters', PHONE, async (page) => {
    await page.goto(overviewUrl());
    await page.locator('[data-goal]').first().waitFor();
    // Its name grows with the count of filters set ("Filter 1 valda"); "Rensa filter" is another button.
    const toggle = page.getByRole('button', { name: /^Filter/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByLabel('Nyckeltal med status').isVisible()).toBe(false);
    expect(await axeViolations(page)).toEqual([]);

    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const status = page.getByLabel('Nyckeltal med status');
    expect(await status.isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    // Opened, the filters still fit the screen's width.
    const open = await sidewaysScroll(page);
    expect(open.scrollWidth).toBeLessThanOrEqual(open.clientWidth);

    await status.selectOption('achieved');
    await expect.poll(() => page.locator('[data-goal]').count()).toBeLessThan(9);
    for (const card of await page.locator('[data-goal]').all()) {
      expect(await card.textContent()).toContain('Uppnått');
    }
    // Closed again, the button says a filter is set.
    await toggle.click();
    expect(normalise(await toggle.textContent())).toContain('1 valda');
  });
}, 90_000);

test('laptop: worst status first, ties in plan order; "Planens ordning" restores the plan and stays in the address', async () => {
  await onPage('overview-order', LAPTOP, async (page) => {
    await page.goto(overviewUrl());
    await page.locator('[data-goal]').first().waitFor();
    // The plan's order is the plan file's (the seed's report, transcribed).
    const planOrder = (await municipalGoalTitles()).map(oneLine);

    const sorted = await cardOrder(page);
    expect(sorted).toHaveLength(planOrder.length);
    expect(sorted[0]?.status).toBe('off_track');
    expect(await page.locator('[data-goal]').first().getByText('Ej i fas').first().isVisible()).toBe(true);
    const rank = (s: GoalStatus) => ATTENTION_ORDER.indexOf(s);
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[i - 1], sorted[i]];
      if (!a || !b) throw new Error('missing card');
      expect(rank(a.status)).toBeLessThanOrEqual(rank(b.status));
      // Equal status: the plan's order.
      if (a.status === b.status) expect(planOrder.indexOf(a.title)).toBeLessThan(planOrder.indexOf(b.title));
    }
    // The demo has green and grey goals after red ones in the plan: the sort did move something.
    expect(sorted.map((c) => c.title)).not.toEqual(planOrder);

    await page.getByRole('button', { name: 'Planens ordning' }).click();
    await expect.poll(async () => (await cardOrder(page)).map((c) => c.title)).toEqual(planOrder);
    expect(page.url()).toContain('order=plan');
    expect(await page.getByRole('button', { name: 'Planens ordning' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    // The address opens the same view.
    await page.reload();
    await page.locator('[data-goal]').first().waitFor();
    expect((await cardOrder(page)).map((c) => c.title)).toEqual(planOrder);
    // A filter keeps the chosen order.
    await page.getByLabel('Nyckeltal med status').selectOption('no_data');
    await expect.poll(() => page.url()).toContain('status=no_data');
    expect(page.url()).toContain('order=plan');

    await page.getByRole('button', { name: 'Status först' }).click();
    await expect.poll(() => page.url()).not.toContain('order=plan');
  });
}, 90_000);

test("laptop: the Näringsliv card shows verksamhetsmark against its target, with that nyckeltal's own trend", async () => {
  const res = await fetch(`${baseUrl}/api/plans/${PLAN}/goals/naringsliv?asOf=${AS_OF}`);
  const goalPage = (await res.json()) as GoalPage;
  const links: IndicatorLinkView[] = goalPage.goal.children.flatMap((c) => c.indicators);
  const mark = links.find((l) => l.indicatorKey === 'mjolby.verksamhetsmark-framtagen');
  if (!mark) throw new Error('the demo plan links verksamhetsmark to Näringsliv');
  // Listed before it, a nyckeltal with no new data (the NKI ranking) that used to draw the card's trend.
  expect(links[0]?.status).toBe('no_data');
  expect(mark.status).toBe('off_track');

  await onPage('overview-worst', LAPTOP, async (page) => {
    await page.goto(overviewUrl());
    const card = page.locator('[data-goal="naringsliv"]');
    await card.waitFor();
    const worst = card.locator('[data-worst-indicator]');
    expect(await worst.getAttribute('data-worst-indicator')).toBe('mjolby.verksamhetsmark-framtagen');
    const text = normalise(await worst.textContent());
    expect(text).toContain('Antalet hektar framtagna verksamhetsmark (ha)');
    expect(text).toContain('0,0 av 5,0 ha');
    expect(text).toContain('Ej i fas');

    // The one trend on the card is verksamhetsmark's: its label and its latest values, as the API has them.
    const sparklines = card.locator('svg[role="img"]');
    expect(await sparklines.count()).toBe(1);
    const label = normalise(await sparklines.getAttribute('aria-label'));
    expect(label).toContain(mark.label);
    expect(label).not.toContain('NKI');
    const lastPoints = mark.series.filter((p) => p.value !== null).slice(-4);
    for (const p of lastPoints) expect(label).toContain(p.periodLabel);

    // The same in English.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await expect.poll(async () => normalise(await worst.textContent())).toContain('0.0 of 5.0 ha');
  });
}, 90_000);

test('the overview has no axe violations at laptop and phone size', async () => {
  for (const [name, viewport] of [
    ['overview-axe-laptop', LAPTOP],
    ['overview-axe-phone', PHONE],
  ] as const) {
    await onPage(name, viewport, async (page) => {
      await page.goto(overviewUrl());
      await page.locator('[data-worst-indicator]').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });
  }
}, 90_000);
