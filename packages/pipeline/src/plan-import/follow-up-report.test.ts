import { readFileSync } from 'node:fs';
import type { GoalDefinition, GoalIndicatorLink } from '@malkoll/goals';
import { describe, expect, test } from 'vitest';
import {
  type FollowUpImport,
  FollowUpImportError,
  importFollowUpBytes,
  importFollowUpText,
} from './follow-up-report.ts';

const options = { planId: 'mjolby-2016', area: '0586', organisation: 'Mjölby kommun' };
const fixture = readFileSync(new URL('./fixtures/mjolby-2016.csv', import.meta.url));
const wholeReport = await importFollowUpBytes(fixture, options);

function allGoals(goals: GoalDefinition[]): GoalDefinition[] {
  return goals.flatMap((g) => [g, ...allGoals(g.children)]);
}
function links(result: FollowUpImport): GoalIndicatorLink[] {
  return allGoals(result.plan.goals).flatMap((g) => g.indicators);
}
function link(result: FollowUpImport, label: string): GoalIndicatorLink {
  const found = links(result).find((l) => l.label.startsWith(label));
  if (!found) throw new Error(`no link ${label}`);
  return found;
}
function messagesAt(result: FollowUpImport, line: number): string[] {
  return result.messages.filter((m) => m.line === line).map((m) => m.text);
}

describe('the whole follow-up per 160430 (seed 002) as Excel saved it', () => {
  const result = wholeReport;

  test('nine kommunmål, each with its nämndåtagande, activities, indicators and summary comment', () => {
    expect(result.plan.goals).toHaveLength(9);
    for (const goal of result.plan.goals) {
      expect(goal.kind).toBe('municipal_goal');
      expect(goal.children).toHaveLength(1);
      const commitment = goal.children[0] as GoalDefinition;
      expect(commitment.kind).toBe('committee_goal');
      expect(commitment.activities.length).toBeGreaterThan(0);
      expect(commitment.indicators.length).toBeGreaterThan(0);
      expect(commitment.comments.map((c) => c.date)).toEqual(['2016-04-30']);
    }
    expect(allGoals(result.plan.goals).flatMap((g) => g.activities)).toHaveLength(57);
    // 30 rows; the harassment row holds three measures in one cell and gives three links.
    expect(links(result)).toHaveLength(32);
    expect(result.plan.goals[3]?.title).toBe(
      'Utbildningsnivån ska höjas. Andelen sysselsatta i arbetsför ålder ska öka och försörjningsstödkostnaderna ska minska. (två kommunmål)',
    );
    // "Nämndsåtagande Samordningen …" has no colon in the report.
    expect(result.plan.goals[2]?.children[0]?.title).toMatch(/^Samordningen av myndighetsutövning/);
  });

  test('plan period and follow-ups come from "Ingångsvärde 160101" and "per 160430"', () => {
    expect(result.plan).toMatchObject({
      id: 'mjolby-2016',
      name: 'Verksamhetsplan 2016',
      start: '2016-01-01',
      end: '2016-12-31',
      follow_ups: ['2016-04-30', '2016-08-31', '2016-12-31'],
    });
  });

  test('activity words of the report: Pågår, pågår, klart, Klart, Ej inlett, Inte inlett, Påbörjat', () => {
    const activities = allGoals(result.plan.goals).flatMap((g) => g.activities);
    const byText = new Map(activities.map((a) => [a.status_text, a.status]));
    expect(Object.fromEntries(byText)).toEqual({
      Pågår: 'in_progress',
      pågår: 'in_progress',
      klart: 'done',
      Klart: 'done',
      'Ej inlett': 'not_started',
      'Inte inlett': 'not_started',
      Påbörjat: 'in_progress',
    });
    // A "-" in "Samverkan med" means no partner.
    expect(activities.find((a) => a.title === 'Utbildning samverkansavtalet')?.partners).toBeUndefined();
  });

  test.each([
    [
      'Förändring av invånarantal',
      'level',
      { value: 26602, text: '26 602' },
      { type: 'at_least', value: 26900 },
    ],
    ['Antal inskrivna/ aktiva deltagare', 'level', { value: 312 }, { type: 'at_most', value: 300 }],
    [
      'Rekommendation medborgarundersökningen',
      'level',
      { value: 66 },
      { type: 'at_least', value: 68, text: '*68' },
    ],
    [
      'Resultatmål - personer ut i egenförsörjning',
      'level',
      { value: 14.5 },
      { type: 'at_least', value: 18.5 },
    ],
    ['Antal såld verksamhetsmark under året', 'ytd_sum', { value: 1.4 }, { type: 'at_least', value: 2.5 }],
    ['Budget i balans KSF', 'level', { value: 7.2, text: '+7,2 mkr' }, { type: 'at_least', value: 0 }],
    ['Antal medborgarförslag', 'ytd_sum', { value: 29 }, { type: 'at_least', value: 40 }],
    ['Expresskort antal bokningar år 2016', 'ytd_sum', { value: 725 }, { type: 'at_least', value: 800 }],
    ['Andel elever på grund- och gymnasieskolan', 'level', { value: 51 }, { type: 'decrease' }],
    [
      'Andel närodlat',
      'level',
      { value: null, text: 'Sätts i samband med ny kostpolicy' },
      { type: 'increase' },
    ],
    [
      'Upplevelse av trygghet',
      'level',
      { value: null },
      { type: 'better_than_peers', peer_group: 'liknande-0586' },
    ],
    ['Medarbetarenkät (Motiverad', 'level', { value: 73 }, { type: 'same_level' }],
    ['Antal nyproducerade bostäder', 'ytd_sum', { value: null, text: '-' }, { type: 'at_least', value: 40 }],
    // Flows of the year: a target below last year's figure is still "at least" (not "Uppnått" at 0).
    ['Antalet hektar framtagna', 'ytd_sum', { value: 10 }, { type: 'at_least', value: 5 }],
    ['Integrations/Mottagning', 'ytd_sum', { value: 92 }, { type: 'at_least', value: 75 }],
    // One cell, three measures: one link each, the target 0 for each ("at most", lower is better).
    [
      'Medarbetare som känner sig utsatta för trakassering, diskriminering, kränkning – trakasserier',
      'level',
      { value: 2, text: '2%' },
      { type: 'at_most', value: 0 },
    ],
    [
      'Medarbetare som känner sig utsatta för trakassering, diskriminering, kränkning – diskriminering',
      'level',
      { value: 3, text: '3%' },
      { type: 'at_most', value: 0 },
    ],
    [
      'Medarbetare som känner sig utsatta för trakassering, diskriminering, kränkning – kränkning',
      'level',
      { value: 9, text: '9%' },
      { type: 'at_most', value: 0 },
    ],
  ])('%s: %s, baseline %j, target %j', (label, kind, baseline, target) => {
    const l = link(result, label);
    expect(l.kind).toBe(kind);
    expect(l.baseline).toMatchObject({ ...baseline, date: '2016-01-01' });
    expect(l.target).toMatchObject({ ...target, date: '2016-12-31' });
  });

  test('indicators: ASCII keys prefixed by the plan id, unit and direction from the cells and target', () => {
    const byKey = new Map(result.plan.indicators.map((i) => [i.key, i]));
    expect(byKey.get('mjolby-2016.forandring-av-invanarantal')).toMatchObject({
      unit: '',
      direction: 'higher',
      decimals: 0,
    });
    expect(byKey.get('mjolby-2016.antal-inskrivna-aktiva-deltagare-i-insatser-ame')).toMatchObject({
      direction: 'lower',
    });
    expect(byKey.get('mjolby-2016.budget-i-balans-ksf')).toMatchObject({ unit: 'mkr', decimals: 1 });
    expect(byKey.get('mjolby-2016.antal-sald-verksamhetsmark-under-aret')).toMatchObject({
      unit: 'ha',
      decimals: 1,
    });
    expect(byKey.get('mjolby-2016.kundnojdhet-medborgarservice')).toMatchObject({
      unit: '%',
      title: 'Kundnöjdhet medborgarservice',
    });
    expect(byKey.get('mjolby-2016.medarbetare-som-kanner-sig-krankning')).toMatchObject({
      unit: '%',
      direction: 'lower',
      title: 'Medarbetare som känner sig utsatta för trakassering, diskriminering, kränkning – kränkning',
    });
    expect(new Set(result.plan.indicators.map((i) => i.key)).size).toBe(32);
  });

  test('footnotes go to the rows marked "*", or to the whole table when none is marked', () => {
    expect(link(result, 'Rekommendation').note).toBe('*Nästa mätning genomförs år 2017');
    expect(link(result, 'Förändring av invånarantal').note).toBeUndefined();
    expect(link(result, 'Kundnöjdhet medborgarservice*').note).toBe('*Ny mätning 2017');
    expect(link(result, 'Medarbetarenkät (Hållbart').note).toBe('*År 2014. Ny undersökning 2016');
  });

  test('the Status column becomes values at 2016-04-30; "Inga nya data" and empty cells give none', () => {
    const values = Object.fromEntries(
      result.observations.map((o) => [o.indicator.replace('mjolby-2016.', ''), o.value]),
    );
    expect(values).toEqual({
      'forandring-av-invanarantal': 26611,
      'antalet-hektar-framtagna-verksamhetsmark-ha': 0,
      'antal-sald-verksamhetsmark-under-aret': 0,
      'antal-inskrivna-aktiva-deltagare-i-insatser-ame': 399,
      'antal-lopande-subventionerade-anstallningar': 38,
      'integrations-mottagning': 38,
      'resultatmal-personer-ut-i-egenforsorjning-arbete': 36,
      'antal-medborgarforslag': 7,
      'infort-2-nya-e-tjanster': 1,
      'expresskort-antal-bokningar-ar-2016': 230,
      'andel-nyttjande-av-kommunens-elcyklar': 8,
      'andel-interna-dokument-till-ks-i': 90,
    });
    expect(new Set(result.observations.map((o) => o.date))).toEqual(new Set(['2016-04-30']));
  });

  test('what it could not understand is reported by line, in Swedish', () => {
    expect(messagesAt(result, 221)).toContain(
      'okänt önskat läge "Medel" – lagt som text, måltyp "ökning" tills vidare; ändra i planfilen',
    );
    expect(messagesAt(result, 150)).toContain(
      'önskat läge 300 är lägre än ingångsvärdet 312 – tolkat som "högst 300" (lägre är bättre)',
    );
    expect(messagesAt(result, 294)).toContain(
      'ingångsvärdet "2% trakasserier, 3% diskriminering, 9% kränkning" har 3 mått i samma cell – delat i 3 mått: "Medarbetare som känner sig utsatta för trakassering, diskriminering, kränkning – trakasserier", "Medarbetare som känner sig utsatta för trakassering, diskriminering, kränkning – diskriminering", "Medarbetare som känner sig utsatta för trakassering, diskriminering, kränkning – kränkning"',
    );
    expect(messagesAt(result, 152)).toContain(
      '"Integrations/Mottagning" räknas som summa hittills i år (ytd_sum) efter radens text; ändra med --ytd',
    );
    expect(result.messages.some((m) => /^rad 3–29: inledning/.test(m.text))).toBe(true);
    // The signature and decision text after the last comment is not mistaken for a comment.
    const economy = result.plan.goals[8]?.children[0];
    expect(economy?.comments[0]?.text).toMatch(/^Översynen av IT-finansieringsmodellen/);
    expect(economy?.comments[0]?.text).not.toMatch(/Handläggare|Carina/);
  });
});

const header = 'Nyckeltal;Ingångsvärde 160101;Önskat läge;Status';

describe('small reports', () => {
  test('tab separated, Windows-1252, no follow-up date in the text: --status-date decides', async () => {
    const text = [
      'Kommunmål: Trygghet',
      'Nämndåtagande: Färre olyckor',
      'Nyckeltal\tIngångsvärde 160101\tÖnskat läge\tStatus',
      'Antal olyckor\t40\t30\t12',
    ].join('\r\n');
    const bytes = Buffer.from(text, 'latin1');
    const result = await importFollowUpBytes(bytes, { ...options, statusDate: '2016-08-31' });
    expect(result.messages[0]).toEqual({
      line: 0,
      level: 'info',
      text: 'filen lästes som Windows-1252 (inte UTF-8)',
    });
    expect(result.plan.goals[0]?.title).toBe('Trygghet');
    expect(result.observations).toEqual([
      { indicator: 'mjolby-2016.antal-olyckor', area: '0586', date: '2016-08-31', value: 12, line: 4 },
    ]);
    expect(link(result, 'Antal olyckor').target).toMatchObject({ type: 'at_most', value: 30 });
  });

  test('--ytd replaces the label heuristic', () => {
    const text = [
      'Kommunmål: Service',
      header,
      'Antal medborgarförslag;29;40;7',
      'Antal e-tjänster;0;2;1',
    ].join('\n');
    const heuristic = importFollowUpText(text, { ...options, statusDate: '2016-04-30' });
    expect(links(heuristic).map((l) => l.kind)).toEqual(['ytd_sum', 'level']);
    const chosen = importFollowUpText(text, {
      ...options,
      statusDate: '2016-04-30',
      ytdKeys: ['antal-e-tjanster'],
    });
    expect(links(chosen).map((l) => l.kind)).toEqual(['level', 'ytd_sum']);
  });

  test('a target equal to the baseline is "at least"; "+0" below a surplus is "at least" too', () => {
    const text = ['Kommunmål: Ekonomi', header, 'Nivå;5;5;', 'Budget i balans;+7,2 mkr;+0;'].join('\n');
    const result = importFollowUpText(text, { ...options, statusDate: '2016-04-30' });
    expect(links(result).map((l) => l.target.type)).toEqual(['at_least', 'at_least']);
  });

  test('an unknown activity status is reported and kept as text', () => {
    const text = [
      'Kommunmål: Service',
      'Aktiviteter/prestationer;Önskat läge;Nuläge;Samverkan med;Kommentar',
      'Ny webb;Genomförs 2016;Försenad;-;',
      '',
      header,
      'Antal besök;10;20;Inga nya data',
    ].join('\n');
    const result = importFollowUpText(text, { ...options, statusDate: '2016-04-30' });
    expect(result.plan.goals[0]?.activities[0]).toMatchObject({
      status: 'not_started',
      status_text: 'Försenad',
    });
    expect(messagesAt(result, 3)).toEqual([
      'okänd status "Försenad" för aktiviteten "Ny webb" – lagd som "Ej inlett" med texten kvar',
    ]);
    expect(result.observations).toEqual([]);
  });

  test('text without any "Kommunmål:" is refused with what the file should look like', () => {
    expect(() => importFollowUpText('Nyckeltal;Ingångsvärde;Önskat läge;Status\nx;1;2;3', options)).toThrow(
      FollowUpImportError,
    );
    expect(() => importFollowUpText('bara text', options)).toThrow(/Hittade inget kommunmål/);
  });
});
