import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  AS_OF,
  type DemoSite,
  municipalGoalTitles,
  normalise,
  PHONE,
  PLAN,
  startDemoSite,
} from './demo-site.ts';

// The dashboard as leadership sees it: the demo plan refreshed through the real CLI and worker, the real
// server over Postgres, and Debian's Chromium (demo-site.ts).
let site: DemoSite;
let baseUrl: string;
let t: DemoSite['t'];
let onPage: DemoSite['onPage'];

beforeAll(async () => {
  site = await startDemoSite();
  ({ baseUrl, t, onPage } = site);
  // The demo has no series for the trygghet nyckeltal, which the plan compares with "liknande kommuner":
  // a survey every other year for Mjölby and three peers, loaded beside the demo's own lineage, so the
  // goal page has values and a peer band to draw.
  await t.pool.query(`
    insert into dim.peer_groups (id, title) values ('liknande-0586', 'Liknande kommuner');
    insert into dim.peer_group_members (group_id, area_id)
      select 'liknande-0586', id from dim.areas where code in ('0580', '0581', '0583');
    insert into dim.periods (type, start_date, end_date, label)
      select 'year', make_date(y, 1, 1), make_date(y, 12, 31), y::text from generate_series(2011, 2015, 2) y
      on conflict do nothing;
    insert into fact.indicator_values (indicator_id, area_id, period_id, breakdown, value, source_id, run_id, origin, loaded_at)
      select i.id, a.id, p.id, 'T', 55 + (extract(year from p.end_date)::int - 2011) + a.id % 7, r.source_id, r.id, r.origin, now()
      from dim.indicators i, dim.areas a, dim.periods p,
        (select id, source_id, origin from ops.runs where status = 'succeeded' order by id limit 1) r
      where i.key = 'mjolby.trygghet-kvallar' and a.code in ('0586', '0580', '0581', '0583')
        and p.type = 'year' and extract(year from p.end_date) in (2011, 2013, 2015);`);
  // An indicator whose title would be a formula in Excel, for the CSV export.
  await t.pool.query(`
    insert into dim.indicators (key, title, unit, direction, decimals) values ('test.formel', '=HYPERLINK("x")', '%', 'higher', 1);
    insert into fact.indicator_values (indicator_id, area_id, period_id, breakdown, value, source_id, run_id, origin, loaded_at)
      select (select id from dim.indicators where key = 'test.formel'), f.area_id, f.period_id, b.b, -14.5 + length(b.b), f.source_id, f.run_id, f.origin, f.loaded_at
      from fact.indicator_values f join dim.indicators i on i.id = f.indicator_id and i.key = 'mjolby.invanare'
      cross join (values ('T'), ('K'), ('M')) b(b)
      order by f.period_id desc limit 3;`);
}, 240_000);

afterAll(async () => {
  await site?.stop();
});

test('overview → goal → why → explorer → report, as a person clicks through', async () => {
  await onPage('walk', { width: 1366, height: 900 }, async (page) => {
    // The seed's follow-up; without asOf the dashboard opens on 31 December, when the 2016 survey came.
    await page.goto(`${baseUrl}/?asOf=${AS_OF}`);
    const card = page.locator('[data-goal="boende"]');
    await card.waitFor();
    // Every kommunmål is a card with its rolled-up status in words and the count per status.
    expect(await page.locator('[data-goal]').count()).toBe((await municipalGoalTitles()).length);
    expect(normalise((await card.textContent()) ?? '')).toMatch(
      /3 nyckeltal.*1\s*Ej i fas.*2\s*Inga nya data/,
    );
    await expect.poll(() => page.getByTestId('freshness').textContent()).toMatch(/Uppdaterad \d\d:\d\d/);
    // The freshness line's period is this plan's at this follow-up, not the warehouse's newest (2025).
    const freshness = normalise(await page.getByTestId('freshness').textContent());
    expect(freshness).toMatch(/planens senaste mätperiod slutar \d+ \p{L}+ 2016/u);
    expect(freshness).not.toContain('2025');
    // The address names plan and date, so the view can be sent as a link.
    expect(page.url()).toContain(`plan=${PLAN}`);
    expect(page.url()).toContain(`asOf=${AS_OF}`);

    // Status filter: only kommunmål with a nyckeltal "Uppnått" remain.
    await page.getByLabel('Nyckeltal med status').selectOption('achieved');
    await expect.poll(() => page.locator('[data-goal]').count()).toBeLessThan(9);
    for (const goal of await page.locator('[data-goal]').all()) {
      expect(await goal.textContent()).toContain('Uppnått');
    }
    await page.getByRole('button', { name: 'Rensa filter' }).click();

    // What changed since the previous follow-up: per 31 December the year-to-date sums fell behind
    // their pace since 31 August (the stored snapshots say so), population did not move.
    await page.getByLabel('Uppföljning per').selectOption('2016-12-31');
    const arbete = page.locator('[data-goal="arbete"]');
    await expect
      .poll(async () => normalise((await arbete.textContent()) ?? ''))
      .toContain('Ändrat sedan 31 augusti 2016');
    expect(normalise((await arbete.textContent()) ?? '')).toContain('Integrations/Mottagning: I fas → Risk');
    expect(normalise((await card.textContent()) ?? '')).toContain(
      'Ingen status har ändrats sedan 31 augusti 2016.',
    );
    await page.getByLabel('Uppföljning per').selectOption(AS_OF);
    // The first follow-up has nothing to compare with: the change line goes away.
    await expect.poll(async () => (await card.textContent()) ?? '').not.toContain('sedan 31 augusti');

    // Goal page: nämndåtagande, nyckeltal with a drawn trend, activities, comments.
    await card.getByRole('link').click();
    await page.waitForURL(/\/plans\/mjolby-ks-2016\/goals\/boende/);
    await page.getByText('Bilden av Mjölby kommun attraherar').waitFor();
    const text = normalise((await page.textContent('main')) ?? '');
    expect(text).toContain('26 611');
    expect(text).toContain('Utveckla en strategi för Mjölby kommuns profil');
    expect(text).toContain('Sammanfattande kommentarer');
    // The engine's forecast: a dashed line to the target date and its sentence, apart from the data.
    expect(text).toMatch(/Prognos \(trend genom \d+ mätpunkter\): 26 699 invånare den 31 december 2016/);
    expect(await page.locator('[data-series="forecast"] path').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-series="value"] circle').count()).toBeGreaterThan(10);
    // A target point at its date for each nyckeltal with a numeric target (population and recommendation).
    expect(await page.locator('[data-series="target"] [data-point="2016-12-31"]').count()).toBe(2);

    // Why is this status here? The rule, the explanation, the inputs.
    await page.getByRole('button', { name: 'Varför Ej i fas?' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Regel').waitFor();
    expect(normalise((await dialog.textContent()) ?? '')).toContain('26 611 invånare (april 2016)');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // Where does this value come from? Source, file, run, load time, revisions.
    await page.getByRole('button', { name: /Varifrån kommer 26 611/ }).click();
    await dialog.getByText('Fil eller anrop').waitFor();
    const why = normalise((await dialog.textContent()) ?? '');
    expect(why).toContain('mjolby-befolkning');
    expect(why).toMatch(/Körning \d+/);
    expect(why).toContain('Värdet har inte reviderats.');
    await dialog.getByRole('button', { name: 'Stäng' }).click();

    // The peer band on the trygghet goal.
    await page.goto(`${baseUrl}/plans/${PLAN}/goals/trygghet?asOf=${AS_OF}`);
    await page.getByText('Jämförelsegrupp: Liknande kommuner (3 kommuner)').waitFor();
    expect(await page.locator('[data-series="peer-median"] path').count()).toBe(1);

    // Explorer through the navigation, then the report.
    await page.getByRole('link', { name: 'Utforska nyckeltal' }).click();
    await page.getByLabel('Nyckeltal', { exact: true }).selectOption('mjolby.invanare');
    await page.getByRole('table').waitFor();
    expect(normalise((await page.getByRole('table').textContent()) ?? '')).toContain('26 611');
    await page.goto(`${baseUrl}/plans/${PLAN}/report?asOf=${AS_OF}`);
    await page.getByText('Uppföljning av verksamhetsplan 2016 per 30 april 2016').waitFor();
  });
}, 120_000);

test('switching to English changes every word, and the choice is kept', async () => {
  await onPage('language', { width: 820, height: 1180 }, async (page) => {
    await page.goto(`${baseUrl}/?plan=${PLAN}&asOf=${AS_OF}`);
    await page.locator('[data-goal]').first().waitFor();
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByText('Status as of 30 April 2016').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const text = (await page.textContent('body')) ?? '';
    expect(text).toContain('Off track');
    expect(text).toContain('Explore indicators');
    expect(text).not.toContain('Ej i fas');
    await page.reload();
    await page.getByText('Status as of 30 April 2016').waitFor();
  });
}, 60_000);

test('the explorer opened by a link without areas shows the plan area; removing the last area says so', async () => {
  await onPage('explorer-direct', { width: 1366, height: 900 }, async (page) => {
    await page.goto(`${baseUrl}/explorer?indicator=mjolby.invanare`);
    await page.getByRole('table').waitFor();
    await page.getByRole('button', { name: 'Ta bort Mjölby' }).click();
    await page.getByText('Välj minst ett område för att se värden.').waitFor();
    expect(await page.getByText('Hämtar', { exact: false }).count()).toBe(0);
  });
}, 60_000);

test('the CSV export is safe in Excel and in Swedish number format by choice', async () => {
  await onPage('csv', { width: 1366, height: 900 }, async (page) => {
    await page.goto(`${baseUrl}/explorer?indicator=test.formel&areas=0586`);
    await page.getByRole('table').waitFor();
    // Gender breakdown offered where the data has it.
    await page.getByLabel('Kvinnor').check();
    expect(normalise((await page.getByRole('table').textContent()) ?? '')).toContain('−13,5');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByText('Ladda ner CSV').click(),
    ]);
    const sv = await readFile((await download.path()) as string, 'utf8');
    expect(sv.charCodeAt(0)).toBe(0xfeff);
    const lines = sv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      'Nyckeltal;Områdeskod;Område;Kön/uppdelning;Period;Periodens slut;Värde;Enhet;Anmärkning',
    );
    // The title "=HYPERLINK(…)" is text in Excel, not a formula; the negative number stays a number.
    expect(
      lines.slice(1).every((l) => l.startsWith(`"'=HYPERLINK(""x"")"`) || l.startsWith(`'=HYPERLINK`)),
    ).toBe(true);
    expect(lines.some((l) => l.includes(';Kvinnor;') && l.includes(';-13,5;'))).toBe(true);

    await page.getByLabel('Format').selectOption('plain');
    const [plain] = await Promise.all([
      page.waitForEvent('download'),
      page.getByText('Ladda ner CSV').click(),
    ]);
    const text = await readFile((await plain.path()) as string, 'utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.split('\r\n')[0]).toBe(
      'Indicator,Area code,Area,Breakdown,Period,Period end,Value,Unit,Note',
    );
    expect(text).toContain(',Women,');
    expect(text).toContain(',-13.5,');
  });
}, 60_000);

test('keyboard only: skip link, visible focus, into a goal and back', async () => {
  await onPage('keyboard', { width: 1366, height: 900 }, async (page) => {
    await page.goto(`${baseUrl}/?plan=${PLAN}&asOf=${AS_OF}`);
    await page.locator('[data-goal]').first().waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Hoppa till innehållet' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // Tab on until the first kommunmål's link has focus; every stop has a visible focus indicator.
    let onGoal = false;
    for (let i = 0; i < 20 && !onGoal; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const style = el ? getComputedStyle(el) : null;
        return {
          href: el?.getAttribute('href') ?? '',
          visible: !!style && (style.outlineStyle !== 'none' || style.boxShadow !== 'none'),
        };
      });
      expect(focus.visible).toBe(true);
      onGoal = focus.href.includes('/goals/');
    }
    expect(onGoal).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/goals\//);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // The why-dialog opens and closes from the keyboard, focus returns to the page.
    const why = page.getByRole('button', { name: /^Varför / }).first();
    await why.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').getByText('Regel').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await why.evaluate((el) => el === document.activeElement)).toBe(true);
  });
}, 60_000);

test('every page has one h1 and a title of its own', async () => {
  await onPage('titles', { width: 1366, height: 900 }, async (page) => {
    const pages: [string, string][] = [
      ['overview', `/?plan=${PLAN}&asOf=${AS_OF}`],
      ['goal', `/plans/${PLAN}/goals/`],
      ['explorer', '/explorer'],
      ['report', `/plans/${PLAN}/report?asOf=${AS_OF}`],
      ['not found', '/finns-inte'],
    ];
    const titles: string[] = [];
    for (const [name, href] of pages) {
      if (name === 'goal') {
        // The first kommunmål's own address, as the overview links it.
        await page.goto(`${baseUrl}/?plan=${PLAN}&asOf=${AS_OF}`);
        await page.locator('[data-goal] a[href*="/goals/"]').first().click();
        await page.waitForURL(/\/goals\//);
      } else {
        await page.goto(`${baseUrl}${href}`);
      }
      await page.waitForLoadState('networkidle');
      const heading = page.locator('main h1, main h2').first();
      await heading.waitFor();
      const own = normalise((await heading.textContent()) ?? '').trim();
      await page.waitForFunction((text) => document.title.startsWith(text), own);
      expect([name, await page.locator('h1').count()]).toEqual([name, 1]);
      titles.push(await page.title());
    }
    // The unknown address (last) offers the way home.
    await page.getByRole('link', { name: 'Till översikten' }).click();
    await page.locator('[data-goal]').first().waitFor();
    // An unknown goal: said once, nothing to retry, the way home.
    await page.goto(`${baseUrl}/plans/${PLAN}/goals/finns-inte?asOf=${AS_OF}`);
    await page.getByRole('heading', { name: 'Målet finns inte i planen' }).waitFor();
    expect(await page.getByText('Målet finns inte i planen').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Försök igen' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Till översikten' }).count()).toBe(1);
    expect(titles.every((t) => t.endsWith('Målkoll'))).toBe(true);
    expect(new Set(titles).size).toBe(titles.length);
  });
}, 90_000);

test('the API answers a follow-up date that is not a date with a Swedish error', async () => {
  const res = await fetch(`${baseUrl}/api/plans/${PLAN}/overview?asOf=igår`);
  expect(res.status).toBe(400);
  expect((await res.json()).error).toContain('ÅÅÅÅ-MM-DD');
  const csv = await fetch(`${baseUrl}/api/explorer.csv?indicator=finns.inte&areas=0586`);
  expect(csv.status).toBe(404);
  expect((await csv.json()).error).toContain('finns inte');
});

test('the Kolada demo plans show population trends and a comparison with similar municipalities', async () => {
  await onPage('kolada', { width: 1366, height: 900 }, async (page) => {
    // The vision "18 000 invånare" (Kolada N01951, recorded synthetic values) has a measured line.
    await page.goto(`${baseUrl}/plans/leksand-2020/goals/vision`);
    await page.getByText('18 000 invånare', { exact: false }).first().waitFor();
    await page.locator('[data-series="value"] path').first().waitFor();
    // "Kan rekommendera …" (N00670) is compared with Kolada's "Liknande kommuner" for Leksand: the peer
    // median is drawn, and the status says how Leksand stands against it.
    await page.goto(`${baseUrl}/plans/leksand-2020/goals/attraktiv`);
    await page.locator('[data-series="peer-median"] path').first().waitFor();
    expect(normalise((await page.textContent('main')) ?? '')).toMatch(/likvärdiga kommuner/);
    // Borlänge's and Vimmerby's population goals draw their trends too.
    for (const [plan, goal] of [
      ['borlange-ks-2021', 'vaxer'],
      ['vimmerby-2021', 'befolkning'],
    ] as const) {
      await page.goto(`${baseUrl}/plans/${plan}/goals/${goal}`);
      await page.locator('[data-series="value"] path').first().waitFor();
    }
  });
}, 60_000);

test('goal page on a phone: the status badge above the title, the title never under it', async () => {
  await onPage('goal-phone-title', PHONE, async (page) => {
    await page.goto(`${baseUrl}/plans/${PLAN}/goals/naringsliv?asOf=${AS_OF}`);
    const header = page.locator('main header').first();
    const title = header.getByRole('heading', { level: 2 });
    await title.waitFor();
    const badge = header.getByText('Ej i fas', { exact: true }).first();
    const t = await title.boundingBox();
    const b = await badge.boundingBox();
    expect(t && b).toBeTruthy();
    // The badge's bottom is above the title's top: no overlap, whatever the title's longest word.
    expect((b?.y ?? 0) + (b?.height ?? 0)).toBeLessThanOrEqual(t?.y ?? 0);
    // The title stays inside its card.
    const card = await header.boundingBox();
    expect((t?.x ?? 0) + (t?.width ?? 0)).toBeLessThanOrEqual((card?.x ?? 0) + (card?.width ?? 0));
  });
}, 60_000);
