import { type Language, useI18n } from './i18n.tsx';

// The words of plan editing and the change history on the goal page, kept apart from the shared message
// file so this feature's texts live in one place.

export interface PlanEditingMessages {
  editValues: string;
  editValuesFor: string;
  cancel: string;
  save: string;
  saving: string;
  saved: string;
  unchanged: string;
  baseline: string;
  target: string;
  baselineDate: string;
  targetDate: string;
  noTargetValue: string;
  numberHint: string;
  notANumber: string;
  targetRequired: string;
  note: string;
  activityStatusFor: string;
  commentHeading: string;
  commentGoal: string;
  commentDate: string;
  commentText: string;
  commentHint: string;
  historyHeading: string;
  historyEmpty: string;
  historyLoading: string;
  historyError: string;
  planFile: string;
  anonymous: string;
  someSteward: string;
  empty: string;
  fields: Record<string, string>;
  /** Fields of the nämnd's assessment (issue 17) in the history. */
  assessmentFields: Record<string, string>;
  commentOn: string;
  changeLine: string;
  because: string;
}

export const PLAN_EDITING_MESSAGES: Record<Language, PlanEditingMessages> = {
  sv: {
    editValues: 'Ändra ingångsvärde och mål',
    editValuesFor: 'Ändra ingångsvärde och mål för {label}',
    cancel: 'Avbryt',
    save: 'Spara',
    saving: 'Sparar …',
    saved: 'Sparat.',
    unchanged: 'Inget ändrades: värdet var redan det.',
    baseline: 'Ingångsvärde',
    target: 'Målvärde',
    baselineDate: 'avser {date}',
    targetDate: 'ska nås senast {date}',
    noTargetValue: 'Målet är "{target}" och har inget målvärde att ändra här (det ändras i planfilen).',
    numberHint: 'Skriv som vanligt, t.ex. 26 602 eller 14,5. Tomt betyder inget värde.',
    notANumber: '{field} ska vara ett tal, t.ex. 14,5 eller 26 602.',
    targetRequired: 'Målvärdet får inte vara tomt.',
    note: 'Motivering (valfri)',
    activityStatusFor: 'Status för {title}',
    commentHeading: 'Skriv sammanfattande kommentar',
    commentGoal: 'Mål',
    commentDate: 'Uppföljning per',
    commentText: 'Kommentar',
    commentHint: 'En tom kommentar tas bort.',
    historyHeading: 'Ändringshistorik',
    historyEmpty: 'Inga ändringar ännu.',
    historyLoading: 'Hämtar ändringshistoriken …',
    historyError: 'Ändringshistoriken kunde inte hämtas.',
    planFile: 'Planfilen',
    anonymous: 'Anonym (inloggning avstängd)',
    someSteward: 'En förvaltare',
    empty: '(tomt)',
    fields: {
      baseline_value: 'Ingångsvärde',
      baseline_text: 'Ingångsvärdets text',
      target_value: 'Målvärde',
      target_min: 'Målintervallets lägsta värde',
      target_max: 'Målintervallets högsta värde',
      target_text: 'Målets text',
      status: 'Status',
      status_text: 'Statustext',
      comment: 'Kommentar',
      text: 'Sammanfattande kommentar',
    },
    assessmentFields: { status: 'Nämndens bedömning', reason: 'Nämndens motivering' },
    commentOn: 'per {date}',
    changeLine: '{field}: {old} → {new}',
    because: 'Motivering: {note}',
  },
  en: {
    editValues: 'Edit baseline and target',
    editValuesFor: 'Edit baseline and target of {label}',
    cancel: 'Cancel',
    save: 'Save',
    saving: 'Saving …',
    saved: 'Saved.',
    unchanged: 'Nothing changed: the value already was that.',
    baseline: 'Baseline',
    target: 'Target value',
    baselineDate: 'as of {date}',
    targetDate: 'to be reached by {date}',
    noTargetValue: 'The target is "{target}" and has no value to edit here (change it in the plan file).',
    numberHint: 'Decimal comma or point, no thousands separators, e.g. 26602 or 14.5. Empty means no value.',
    notANumber: '{field} must be a number, e.g. 14.5 or 26602.',
    targetRequired: 'The target value cannot be empty.',
    note: 'Reason (optional)',
    activityStatusFor: 'Status of {title}',
    commentHeading: 'Write a summary comment',
    commentGoal: 'Goal',
    commentDate: 'Follow-up as of',
    commentText: 'Comment',
    commentHint: 'An empty comment is removed.',
    historyHeading: 'Change history',
    historyEmpty: 'No changes yet.',
    historyLoading: 'Loading the change history …',
    historyError: 'The change history could not be loaded.',
    planFile: 'The plan file',
    anonymous: 'Anonymous (sign-in off)',
    someSteward: 'A steward',
    empty: '(empty)',
    fields: {
      baseline_value: 'Baseline',
      baseline_text: 'Baseline text',
      target_value: 'Target value',
      target_min: 'Target range minimum',
      target_max: 'Target range maximum',
      target_text: 'Target text',
      status: 'Status',
      status_text: 'Status text',
      comment: 'Comment',
      text: 'Summary comment',
    },
    assessmentFields: { status: "The committee's assessment", reason: "The committee's reason" },
    commentOn: 'as of {date}',
    changeLine: '{field}: {old} → {new}',
    because: 'Reason: {note}',
  },
};

export function usePlanEditingMessages() {
  const i18n = useI18n();
  return { ...i18n, m: PLAN_EDITING_MESSAGES[i18n.language] };
}
