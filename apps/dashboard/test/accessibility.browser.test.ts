import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { axeViolations } from './browser.ts';
import { AS_OF, type DemoSite, LAPTOP, PHONE, PLAN, startDemoSite } from './demo-site.ts';

// Every page of the dashboard, at a laptop's and a phone's size, through axe-core (WCAG 2.1 A/AA and
// best practices): zero violations, and on the phone nothing scrolls sideways. Dialogs are checked open.
let site: DemoSite;

beforeAll(async () => {
  site = await startDemoSite();
}, 240_000);

afterAll(async () => {
  await site?.stop();
});

interface Check {
  name: string;
  path: (site: DemoSite) => Promise<string>;
  /** Brings the page into the state to check (a dialog open, say) once its h1 is there. */
  open?: (page: Page) => Promise<void>;
}

const fixed = (path: string) => async () => path;

const CHECKS: Check[] = [
  { name: 'overview', path: fixed(`/?plan=${PLAN}&asOf=${AS_OF}`) },
  { name: 'goal page', path: fixed(`/plans/${PLAN}/goals/boende?asOf=${AS_OF}`) },
  {
    name: 'why dialog',
    path: fixed(`/plans/${PLAN}/goals/boende?asOf=${AS_OF}`),
    open: async (page) => {
      await page
        .getByRole('button', { name: /^Varför / })
        .first()
        .click();
      await page.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'value origin dialog',
    path: fixed(`/plans/${PLAN}/goals/boende?asOf=${AS_OF}`),
    open: async (page) => {
      await page
        .getByRole('button', { name: /^Varifrån kommer / })
        .first()
        .click();
      await page.getByRole('dialog').waitFor();
    },
  },
  { name: 'explorer', path: fixed(`/explorer?plan=${PLAN}&indicator=mjolby.invanare&asOf=${AS_OF}`) },
  { name: 'report', path: fixed(`/plans/${PLAN}/report?asOf=${AS_OF}`) },
  { name: 'sources', path: fixed('/kallor') },
  {
    name: 'run',
    path: async (s) => {
      const run = await s.t.db
        .selectFrom('ops.runs')
        .select('id')
        .orderBy('id')
        .limit(1)
        .executeTakeFirstOrThrow();
      return `/kallor/korningar/${run.id}`;
    },
  },
  { name: 'new source', path: fixed('/kallor/ny') },
  { name: 'sign-in', path: fixed('/logga-in') },
  { name: 'not found', path: fixed('/finns-inte') },
];

for (const viewport of [LAPTOP, PHONE]) {
  for (const check of CHECKS) {
    test(`${check.name} at ${viewport.width}×${viewport.height}: no axe violation, no sideways scroll`, async () => {
      await site.onPage(`axe-${check.name}-${viewport.width}`, viewport, async (page) => {
        await page.goto(`${site.baseUrl}${await check.path(site)}`);
        await page.locator('h1').first().waitFor();
        // Let data arrive and the first render settle: no spinner left.
        await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
        await check.open?.(page);
        expect(await axeViolations(page)).toEqual([]);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0);
      });
    }, 60_000);
  }
}
