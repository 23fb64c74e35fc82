/**
 * Every way detect can fail, worded in Swedish for the steward: what could not be found and which
 * option (`sources detect`/`sources check`) or wizard field supplies it. Detect throws only through
 * `detectProblem`, so no internal text (a schema message, a stack) reaches the steward.
 */
import type { DefinitionProblem } from '../steward/definition-problems.ts';
import { DetectError, type DetectNeed } from './types.ts';

/** Where a steward gives the area or the period: the CLI option and the wizard field. */
const supply: Record<DetectNeed, string> = {
  area: 'med --area (i guiden: fältet Område)',
  period: 'med --period (i guiden: fältet Period)',
};

const periodExamples = 't.ex. 2024 (år), 2016K1 (kvartal) eller 2014M03 (månad)';
const areaExamples = 't.ex. 0586 eller Mjölby, 01 eller Stockholms län, 0000 eller Riket';

export type DetectProblem =
  | { kind: 'empty' }
  | { kind: 'binary' }
  | { kind: 'no_delimiter' }
  | { kind: 'no_header' }
  | { kind: 'no_data_rows'; headerLine: number }
  | { kind: 'no_numbers'; headerLine: number; header: readonly string[] }
  | { kind: 'no_period' }
  | { kind: 'bad_period'; given: string }
  | { kind: 'unknown_area'; given: string }
  | { kind: 'option_not_applicable'; need: DetectNeed; reason: string }
  | { kind: 'invalid_proposal'; problems: readonly DefinitionProblem[] }
  | { kind: 'unexpected' };

export type DetectProblemKind = DetectProblem['kind'];

/** The Swedish message for a problem. */
export function explainDetectProblem(problem: DetectProblem): string {
  switch (problem.kind) {
    case 'empty':
      return 'Filen är tom: ladda upp en export med en rubrikrad och minst en datarad.';
    case 'binary':
      return 'Filen är inte text (den innehåller nollbytes): spara den som CSV (i Excel: Spara som → CSV UTF-8) och försök igen.';
    case 'no_delimiter':
      return 'Hittar inget avgränsningstecken (; , tabb |): filen verkar ha en enda kolumn. Spara den som CSV med semikolon eller komma mellan kolumnerna.';
    case 'no_header':
      return 'Hittar ingen rubrikrad med minst två kolumner: filen behöver en rad med kolumnnamn (t.ex. Kommun;År;Värde) ovanför datan.';
    case 'no_data_rows':
      return `Filen har en rubrikrad (rad ${problem.headerLine}) men inga datarader: ladda upp en export med minst en rad data under rubrikerna.`;
    case 'no_numbers':
      return `Hittar ingen kolumn med tal under rubrikraden (rad ${problem.headerLine}: ${problem.header.join(' | ')}): filen behöver minst en kolumn med värden, t.ex. antal eller andel. En fil med bara koder och namn (en indelning) är inga nyckeltal.`;
    case 'no_period':
      return `Hittar ingen period: filen har ingen kolumn med perioder (År, Period, …) och ingen period i rubriken eller filnamnet. Ange perioden som hela filen gäller ${supply.period}, ${periodExamples}.`;
    case 'bad_period':
      return `Perioden "${problem.given}" går inte att läsa: ange den ${supply.period}, ${periodExamples}.`;
    case 'unknown_area':
      return `Området "${problem.given}" finns inte i områdesregistret: ange en kod eller ett namn ${supply.area}, ${areaExamples}.`;
    case 'option_not_applicable':
      return `${problem.need === 'area' ? 'Området' : 'Perioden'} kan inte anges för hela filen: ${problem.reason}. Ta bort ${problem.need === 'area' ? '--area' : '--period'} (i guiden: töm fältet ${problem.need === 'area' ? 'Område' : 'Period'}).`;
    case 'invalid_proposal':
      return explainInvalidProposal(problem.problems);
    case 'unexpected':
      return 'Detect kunde inte läsa filen (ett oväntat fel i detect). Kontrollera att filen är en CSV-export med en rubrikrad och datarader, eller skriv definitionen själv (se docs/adding-a-csv-source.md).';
  }
}

/** The fields the wizard should ask for after this problem. */
function needsOf(problem: DetectProblem): DetectNeed[] {
  switch (problem.kind) {
    case 'no_period':
    case 'bad_period':
      return ['period'];
    case 'unknown_area':
      return ['area'];
    case 'invalid_proposal':
      return (['area', 'period'] as const).filter((need) =>
        problem.problems.some((p) => p.field.startsWith(`mapping.${need}`)),
      );
    default:
      return [];
  }
}

/** The DetectError to throw for a problem: its Swedish message, its kind and the fields it needs. */
export function detectProblem(problem: DetectProblem): DetectError {
  return new DetectError(explainDetectProblem(problem), problem.kind, needsOf(problem));
}

/**
 * A proposal the definition schema refuses is a fault in detect, but the steward still gets the fields
 * that failed in Swedish, and the option that would supply them where there is one.
 */
function explainInvalidProposal(problems: readonly DefinitionProblem[]): string {
  const listed = problems
    .slice(0, 5)
    .map((p) => `${p.field}: ${p.message}`)
    .join('; ');
  const hints: string[] = [];
  if (problems.some((p) => p.field.startsWith('mapping.area'))) hints.push(`ange området ${supply.area}`);
  if (problems.some((p) => p.field.startsWith('mapping.period')))
    hints.push(`ange perioden ${supply.period}`);
  if (problems.some((p) => p.field === 'id')) hints.push('ange källans id med --id (i guiden: fältet Id)');
  const remedy =
    hints.length > 0
      ? `${hints.join(' och ')}, eller rätta fälten i definitionen`
      : 'rätta fälten i guidens JSON-steg eller skriv definitionen själv (se docs/adding-a-csv-source.md)';
  return `Förslaget för filen blev inte en giltig definition (${listed}): ${remedy}.`;
}
