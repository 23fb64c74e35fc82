import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isolatedEnv, runCli } from '@malkoll/testing';
import { createTestDatabase, type TestDatabase } from '@malkoll/warehouse/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';

const fixture = fileURLToPath(
  new URL('../../../packages/pipeline/src/plan-import/fixtures/mjolby-2016.csv', import.meta.url),
);

let t: TestDatabase;
let env: NodeJS.ProcessEnv;
let inbox: string;
const sourceFile = () => path.join(inbox, '..', `${path.basename(inbox)}-kalla.yaml`);

beforeAll(async () => {
  t = await createTestDatabase({ migrate: false });
  env = await isolatedEnv(t.url);
  inbox = env.MALKOLL_INBOX as string;
});
afterAll(async () => {
  await t.drop();
  await rm(inbox, { recursive: true, force: true });
  await rm(sourceFile(), { force: true });
});

interface StatusRow {
  goal_key: string;
  indicator_key: string;
  area_code: string;
  status: string;
  progress: number | null;
  expected_progress: number | null;
  current_value: number | null;
  explanation: string;
}

describe('plans import → sources run → status, on the follow-up per 160430 (seed 002)', () => {
  test('without --out or --apply the plan YAML goes to stdout and the review list to stderr', async () => {
    const r = await runCli(['plans', 'import', fixture, '--area', '0586'], env);
    expect(r.code, r.stderr).toBe(0);
    const plan = parseYaml(r.stdout) as { id: string; area: string; follow_ups: string[] };
    expect(plan).toMatchObject({ id: 'mjolby-2016', area: '0586' });
    expect(r.stderr).toContain('rad 221 (varning): okänt önskat läge "Medel"');
  });

  test('--apply creates the plan; --values-out and --source-out give a source that loads the Status column', async () => {
    const valuesFile = path.join(inbox, 'mjolby-2016-varden.csv');
    const imported = await runCli(
      ['plans', 'import', fixture, '--apply', '--values-out', valuesFile, '--source-out', sourceFile()],
      env,
    );
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^mjolby-2016: 18 goals, 32 indicator links, 57 activities, 9 comments/m);
    expect(imported.stderr).toContain('Kommun: 0586 Mjölby (gissat ur texten');
    expect(await readFile(valuesFile, 'utf8')).toContain('mjolby-2016.antal-medborgarforslag;0586;2016T1;7');

    const applied = await runCli(['sources', 'apply', sourceFile()], env);
    expect(applied.code, applied.stderr).toBe(0);
    const run = await runCli(['sources', 'run', 'mjolby-2016-uppfoljning', '--wait', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'succeeded', loaded: 12, rejected: 0 });
  });

  test('status --as-of 2016-04-30 --json agrees with the report where it gives numbers', async () => {
    const r = await runCli(['status', '--plan', 'mjolby-2016', '--as-of', '2016-04-30', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as StatusRow[];
    // 30 rows in the report; the harassment row holds three measures.
    expect(rows).toHaveLength(32);
    const byKey = new Map(rows.map((row) => [row.indicator_key.replace('mjolby-2016.', ''), row]));
    const expectStatus = (key: string, status: string, current: number | null) => {
      const row = byKey.get(key);
      expect(row, key).toBeDefined();
      expect({ key, status: row?.status, current: row?.current_value }).toEqual({ key, status, current });
    };
    // 26 611 against 26 900 by the end of the year: 3 % of the way at a third of the year.
    expectStatus('forandring-av-invanarantal', 'off_track', 26611);
    // AME: 399 participants, target at most 300 from 312: moving the wrong way.
    expectStatus('antal-inskrivna-aktiva-deltagare-i-insatser-ame', 'off_track', 399);
    // 7 citizen proposals of 40 for the year, 13 expected by April.
    expectStatus('antal-medborgarforslag', 'at_risk', 7);
    // 230 of 800 bookings, 264 expected: within tolerance.
    expectStatus('expresskort-antal-bokningar-ar-2016', 'on_track', 230);
    // No land sold of 2,5 ha.
    expectStatus('antal-sald-verksamhetsmark-under-aret', 'off_track', 0);
    // Flows of the year, not levels: nothing done yet is not "Uppnått".
    expectStatus('antalet-hektar-framtagna-verksamhetsmark-ha', 'off_track', 0);
    expectStatus('integrations-mottagning', 'on_track', 38);
    expectStatus('antal-lopande-subventionerade-anstallningar', 'achieved', 38);
    expectStatus('resultatmal-personer-ut-i-egenforsorjning-arbete', 'achieved', 36);
    expectStatus('infort-2-nya-e-tjanster', 'on_track', 1);
    expectStatus('andel-nyttjande-av-kommunens-elcyklar', 'at_risk', 8);
    expectStatus('andel-interna-dokument-till-ks-i', 'on_track', 90);
    for (const part of ['trakasserier', 'diskriminering', 'krankning'])
      expectStatus(`medarbetare-som-kanner-sig-${part}`, 'no_data', null);
    // Every number of the report's Status column is the current value of its row, and no other row has one.
    const reported: Record<string, number> = {
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
    };
    expect(
      Object.fromEntries(
        rows
          .filter((row) => row.current_value !== null)
          .map((row) => [row.indicator_key.replace('mjolby-2016.', ''), row.current_value]),
      ),
    ).toEqual(reported);
    // Survey rows: "Inga nya data" in the report.
    expectStatus('rekommendation-medborgarundersokningen', 'no_data', null);
    expectStatus('ranking-totala-nki-for-mjolby-kommun-i-insikt', 'no_data', null);
    for (const row of rows) {
      for (const key of [
        'forecast_value',
        'forecast_reaches_target_on',
        'goal_key',
        'indicator_key',
        'area_code',
        'status',
        'progress',
        'expected_progress',
        'explanation',
      ])
        expect(row).toHaveProperty(key);
      expect(row.area_code).toBe('0586');
    }
    // One reading per row (the report's Status column): too few for a forecast, which is never invented.
    expect(rows.every((row) => (row as unknown as { forecast_value: unknown }).forecast_value === null)).toBe(
      true,
    );
    expect(byKey.get('antal-medborgarforslag')?.explanation).toBe(
      '7 hittills i år (T1 2016); målet är 40 för året; väntat vid 30 april var 13.',
    );
  });

  test('the human report: Swedish status words per kommunmål and nämndåtagande, numbers as Swedes write them', async () => {
    const r = await runCli(['status', '--plan', 'mjolby-2016'], env);
    expect(r.code, r.stderr).toBe(0);
    // No --as-of: the follow-up that covers the newest data, as the dashboard opens it.
    expect(r.stdout).toContain('Status per 30 april 2016 (uppföljning) – senaste uppföljningen med data');
    expect(r.stdout).toContain('Kommunmål: Mjölby kommun ska erbjuda attraktiva boendemiljöer');
    expect(r.stdout).toContain('Nämndåtagande: Bilden av Mjölby kommun');
    const population = r.stdout.split('\n').find((l) => l.includes('Förändring av invånarantal'));
    expect(population).toMatch(
      /Ej i fas\s+26\u00a0602\s+minst 26\u00a0900\s+26\u00a0611 \(T1 2016\)\s+3\u00a0%\s+33\u00a0%\s+–/,
    );
    expect(r.stdout).toContain('→ 26\u00a0611 (T1 2016); målet är 26\u00a0900 vid årets slut');
  });

  test('a date without stored status is refused with the stored dates listed', async () => {
    const r = await runCli(['status', '--plan', 'mjolby-2016', '--as-of', '2016-05-15'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Ingen status är sparad för mjolby-2016 per 2016-05-15.');
    expect(r.stderr).toContain('2016-04-30  (12 av 32 mått med data)');
  });

  test('status recompute keeps its own --plan option', async () => {
    const r = await runCli(['status', 'recompute', '--plan', 'mjolby-2016'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('32 indicator links');
  });

  test('status freeze decides the 30 April report; recompute then keeps it; history shows it', async () => {
    const frozen = await runCli(['status', 'freeze', '--plan', 'mjolby-2016', '--as-of', '2016-04-30'], env);
    expect(frozen.code, frozen.stderr).toBe(0);
    expect(frozen.stdout).toContain('2016-04-30: 32 mått frysta');
    const again = await runCli(['status', 'recompute', '--plan', 'mjolby-2016'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('32 frozen kept as decided (--refreeze to recompute them)');
    const history = await runCli(['status', 'history', '--plan', 'mjolby-2016'], env);
    expect(history.code, history.stderr).toBe(0);
    expect(history.stdout).toMatch(
      /Förändring av invånarantal\n\s+30 april 2016\s+Ej i fas\s+26\u00a0611 \[fryst\]/,
    );
  });

  test('indicators derive: citizen proposals per 1 000 inhabitants from the two imported rows', async () => {
    const r = await runCli(
      [
        'indicators',
        'derive',
        'mjolby-2016.medborgarforslag-per-1000',
        '--formula',
        'per_1000',
        '--a',
        'mjolby-2016.antal-medborgarforslag',
        '--b',
        'mjolby-2016.forandring-av-invanarantal',
        '--decimals',
        '2',
      ],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('mjolby-2016.medborgarforslag-per-1000: per_1000(');
    expect(r.stdout).toContain('1 derived indicators changed');
    const bad = await runCli(['indicators', 'derive', 'x', '--formula', 'ratio', '--a', 'y'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--formula ska vara per_1000, share, sum_units, change');
  });
});
