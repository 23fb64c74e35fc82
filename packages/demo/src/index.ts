// Where the demo content lives on disk. Paths only: nothing is read at import, so the CLI and the tests decide
// when (and whether) to touch the files.

import { createRequire } from 'node:module';
import path from 'node:path';

// The package folder through the package's own name, not relative to this file: bundled into the CLI's
// dist/ (infra/scripts/build-app.mjs) this code no longer sits in packages/demo/src.
const packageDir = path.dirname(createRequire(import.meta.url).resolve('@malkoll/demo/package.json'));

function resolveInPackage(relative: string): string {
  return path.join(packageDir, relative);
}

/** The demo's main plan, the seed's own (Mjölby kommunstyrelse 2016): the dashboard opens on it. */
export const DEMO_MAIN_PLAN = 'mjolby-ks-2016';

/** Plan files (YAML), validated by `parsePlanDefinition` from `@malkoll/goals/plan-definition`. */
export const demoPlanFiles: string[] = [
  'plans/mjolby-ks-2016.yaml',
  'plans/leksand-2020.yaml',
  'plans/borlange-ks-2021.yaml',
  'plans/vimmerby-2021.yaml',
].map(resolveInPackage);

/** Source definitions (YAML); their `location.inbox` paths are relative to `demoInboxRoot`. */
export const demoSourceFiles: string[] = [
  'sources/mjolby-befolkning.yaml',
  'sources/mjolby-arbetsmarknad.yaml',
  'sources/mjolby-bokningar.yaml',
  'sources/mjolby-ksf-styrkort.yaml',
  'sources/mjolby-markexploatering.yaml',
  'sources/mjolby-arsstatistik.yaml',
].map(resolveInPackage);

/**
 * Sources of the kinds kolada, scb and survey. Kolada and SCB sources read the live API, and their recorded answers
 * (`demoRecordedRoot`) when it cannot be reached; the survey reads an inbox file like the CSV sources.
 */
export const demoConnectorSourceFiles: string[] = [
  'sources/kolada-befolkning.yaml',
  'sources/kolada-medborgarundersokning.yaml',
  'sources/kolada-foretagsklimat.yaml',
  'sources/scb-folkmangd.yaml',
  'sources/mjolby-medarbetarenkat.yaml',
].map(resolveInPackage);

/** Recorded Kolada and SCB answers, one `<source-id>.json` per source: synthetic values (Kolada's metadata is real). */
export const demoRecordedRoot: string = resolveInPackage('recorded');

/** The folder the demo sources' inbox paths ("mjolby/befolkning.csv") are relative to. */
export const demoInboxRoot: string = resolveInPackage('inbox');

/** Shown wherever demo values appear. */
export const DEMO_NOTICE_SV =
  'Demodata: planens text, ingångsvärden och målvärden är Mjölbys egna, men tidsserierna är påhittade.';
