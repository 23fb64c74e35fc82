import type { StewardMessages } from '../../i18n/steward-messages.ts';
import { translate } from '../../i18n/translate.ts';
import { type DefinitionDraft, indicatorsOf, ownerOf, textOf } from './definition-draft.ts';
import type { SaveOptions } from './requests.ts';

// What the wizard checks before a save, where each problem belongs in the form, and the hints "Att
// kontrollera" shows: all worked out from the form's current state, so a hint goes as soon as the
// steward has done what it asks (GOV.UK's error pattern: a summary linking to each field, the message
// at the field).

type WizardWords = StewardMessages['wizard'];

/** A problem at one field of the form: `field` is the id of its control. */
export interface FieldError {
  field: string;
  message: string;
}

export const FIELD_IDS = {
  id: 'source-id',
  title: 'source-title',
  owner: 'source-owner',
  ownerEmail: 'source-owner-email',
  cadence: 'freshness-cadence',
  cron: 'schedule-cron',
  json: 'definition-json',
} as const;

export const indicatorFieldId = (index: number, field: string) => `indicator-${index}-${field}`;

/** The problems the wizard can see itself, before it asks the server (which checks the rest). */
export function checkBeforeSave(def: DefinitionDraft, options: SaveOptions, w: WizardWords): FieldError[] {
  const errors: FieldError[] = [];
  if (textOf(ownerOf(def).name).trim() === '')
    errors.push({ field: FIELD_IDS.owner, message: w.errors.owner });
  indicatorsOf(def).forEach((ind, i) => {
    if (ind.direction !== 'higher' && ind.direction !== 'lower') {
      const title = textOf(ind.title) || textOf(ind.key);
      errors.push({
        field: indicatorFieldId(i, 'direction'),
        message: translate(w.errors.direction, { title }),
      });
    }
  });
  if (options.cadence === null) errors.push({ field: FIELD_IDS.cadence, message: w.errors.cadence });
  if (options.preset === 'custom' && options.cron.trim() === '')
    errors.push({ field: FIELD_IDS.cron, message: w.errors.cronEmpty });
  return errors;
}

const INDICATOR_FIELD = /^indicators\[(\d+)\]\.(key|title|unit|decimals|direction)$/;

/** The form's control for a field of the definition the server refused; the JSON box for the rest. */
export function fieldOfProblem(path: string, options: SaveOptions): string {
  if (path === 'id') return FIELD_IDS.id;
  if (path === 'title') return FIELD_IDS.title;
  if (path === 'owner' || path === 'owner.name') return FIELD_IDS.owner;
  if (path === 'owner.email') return FIELD_IDS.ownerEmail;
  if (path.startsWith('freshness')) return FIELD_IDS.cadence;
  if (path.startsWith('schedule') && options.preset === 'custom') return FIELD_IDS.cron;
  const indicator = INDICATOR_FIELD.exec(path);
  if (indicator) return indicatorFieldId(Number(indicator[1]), indicator[2] ?? '');
  return FIELD_IDS.json;
}

/** The server's problems as field errors; a problem the form has no field for names its path. */
export function errorsOfProblems(
  problems: readonly { field: string; message: string }[],
  options: SaveOptions,
): FieldError[] {
  return problems.map((p) => {
    const field = fieldOfProblem(p.field, options);
    return { field, message: field === FIELD_IDS.json ? `${p.field}: ${p.message}` : p.message };
  });
}

/** "Att kontrollera": what is still to do in the form, in the wizard's words. */
export function hintsOf(def: DefinitionDraft, w: WizardWords): string[] {
  const hints: string[] = [];
  if (textOf(ownerOf(def).name).trim() === '') hints.push(w.hints.owner);
  const indicators = indicatorsOf(def);
  const open = indicators.filter((i) => i.direction !== 'higher' && i.direction !== 'lower').length;
  if (open > 0)
    hints.push(translate(open === 1 ? w.hints.directionOne : w.hints.directionMany, { count: open }));
  if (indicators.length > 0)
    hints.push(
      translate(indicators.length === 1 ? w.hints.newIndicatorOne : w.hints.newIndicatorsMany, {
        count: indicators.length,
      }),
    );
  return hints;
}
