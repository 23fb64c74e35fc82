// Screenshots of every page at desktop (1366×900) and tablet (820×1180) size, for looking at the UI:
//   pnpm --filter @malkoll/dashboard exec tsx scripts/screenshots.ts <base url> <out dir> [plan id] [goal key]
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../test/browser.ts';

const [
  baseUrl = 'http://127.0.0.1:3000',
  outDir = '.data/screenshots',
  planId = 'mjolby-ks-2016',
  goalKey = 'boende',
] = process.argv.slice(2);
const asOf = process.env.AS_OF ?? '2016-04-30';
const pages = {
  overview: `/?plan=${planId}&asOf=${asOf}`,
  goal: `/plans/${planId}/goals/${goalKey}?asOf=${asOf}`,
  explorer: `/explorer?indicator=mjolby.invanare&areas=0586,0580,0581`,
  report: `/plans/${planId}/report?asOf=${asOf}`,
};
const sizes = { desktop: { width: 1366, height: 900 }, tablet: { width: 820, height: 1180 } };

await mkdir(outDir, { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
for (const [sizeName, viewport] of Object.entries(sizes)) {
  const page = await browser.newPage({ viewport });
  for (const [name, url] of Object.entries(pages)) {
    await page.goto(`${baseUrl}${url}`);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    const file = path.join(outDir, `${name}-${sizeName}.png`);
    await page.screenshot({ path: file, fullPage: process.env.FULL === '1' });
    console.log(file);
  }
  await page.close();
}
await browser.close();
