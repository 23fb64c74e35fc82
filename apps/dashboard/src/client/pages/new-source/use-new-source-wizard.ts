import { useState } from 'react';
import type { DetectResponse, PreviewResponse, SaveSourceResponse } from '../../../shared/steward-api.ts';
import { ApiError } from '../../api.ts';
import type { StewardMessages } from '../../i18n/steward-messages.ts';
import { navigate, runHref } from '../../router.tsx';
import { type DefinitionDraft, draftOf, formatDraft, parseDraft, sameDraft } from './definition-draft.ts';
import {
  type DetectFields,
  detectSample,
  previewDraft,
  type SaveOptions,
  saveDraft,
  startRun,
} from './requests.ts';
import { checkBeforeSave, errorsOfProblems, FIELD_IDS, type FieldError } from './wizard-checks.ts';

export type WizardStep = 'detect' | 'preview' | 'save' | 'run';

/** A preview's answer, with the definition it was made of (an edit after it makes it stale). */
interface PreviewOf {
  definition: DefinitionDraft;
  answer: PreviewResponse;
}

function errorText(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}

/** One step's request at a time: the step shows as busy, and a failure is the page's error. */
function useStepRequests() {
  const [busy, setBusy] = useState<WizardStep | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** `onError` undoes more than the error message shows; when it answers true, it has shown the error. */
  const act = async (
    step: WizardStep,
    work: () => Promise<void>,
    onError?: (err: unknown) => boolean | undefined,
  ) => {
    setBusy(step);
    setError(null);
    try {
      await work();
    } catch (err) {
      if (onError?.(err) !== true) setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, act };
}

/** The definition being edited, in the form and as JSON text (which may be invalid while typed). */
function useDraft() {
  const [def, setDef] = useState<DefinitionDraft | null>(null);
  const [jsonText, setJsonText] = useState('');
  const [jsonValid, setJsonValid] = useState(true);
  const replace = (next: DefinitionDraft) => {
    setDef(next);
    setJsonText(formatDraft(next));
    setJsonValid(true);
  };
  const editJson = (text: string) => {
    setJsonText(text);
    const parsed = parseDraft(text);
    if (parsed) setDef(parsed);
    setJsonValid(parsed !== null);
  };
  return { def, setDef, jsonText, jsonValid, replace, editJson };
}

/** A refused save as problems at the form's fields (a clash of ids at the id; the rest unlinked). */
function saveErrorsOf(err: unknown, options: SaveOptions): FieldError[] {
  if (err instanceof ApiError && err.problems.length > 0) return errorsOfProblems(err.problems, options);
  if (err instanceof ApiError && err.status === 409) return [{ field: FIELD_IDS.id, message: err.message }];
  return [{ field: '', message: errorText(err) }];
}

/** The add-source wizard's state and its requests: detect, preview, save, run now. */
export function useNewSourceWizard(m: StewardMessages) {
  const [file, setFile] = useState<File | null>(null);
  const [detection, setDetection] = useState<DetectResponse | null>(null);
  // The area and period of a file that names none; `needs` marks the ones the last detect asked for.
  const [fields, setFields] = useState<DetectFields>({ area: '', period: '' });
  const [needs, setNeeds] = useState<readonly string[]>([]);
  const draft = useDraft();
  const { def } = draft;
  const { busy, error, act } = useStepRequests();
  const [preview, setPreview] = useState<PreviewOf | null>(null);
  const [options, setOptions] = useState<SaveOptions>({
    preset: 'nightly',
    cron: '30 6 * * 1-5',
    stageSample: true,
    replace: false,
    cadence: null,
  });
  const [saveErrors, setSaveErrors] = useState<readonly FieldError[]>([]);
  const [saved, setSaved] = useState<SaveSourceResponse | null>(null);
  const [runMessage, setRunMessage] = useState<string | null>(null);

  /** A form edit: the saved source (if any) no longer is what the form shows. */
  const edit = (next: DefinitionDraft) => {
    draft.replace(next);
    setSaved(null);
  };

  const detect = async () => {
    if (!file) return;
    setPreview(null);
    setSaved(null);
    await act(
      'detect',
      async () => {
        setNeeds([]);
        const answer = await detectSample(file, fields);
        const proposal = draftOf(answer.definition);
        setDetection(answer);
        edit(proposal);
        // The detection already previewed the proposal: show it as the preview of the unchanged definition.
        setPreview({ definition: proposal, answer: { ok: true, preview: answer.preview } });
      },
      (err) => {
        setDetection(null);
        draft.setDef(null);
        if (err instanceof ApiError) setNeeds(err.needs);
        return false;
      },
    );
  };

  const runPreview = async () => {
    if (!file || !def) return;
    await act('preview', async () => setPreview({ definition: def, answer: await previewDraft(file, def) }));
  };

  /** A save the form can see is incomplete is not sent; either way, problems go to the save step's summary. */
  const save = async () => {
    if (!file || !def) return;
    const found = checkBeforeSave(def, options, m.wizard);
    setSaveErrors(found);
    if (found.length > 0) return;
    await act(
      'save',
      async () => setSaved(await saveDraft(file, def, options)),
      (err) => {
        setSaveErrors(saveErrorsOf(err, options));
        return true;
      },
    );
  };

  const runNow = async () => {
    if (!saved) return;
    await act('run', async () => {
      const answer = await startRun(saved.id);
      if (answer.runId !== null) navigate(runHref(answer.runId));
      else setRunMessage(answer.message);
    });
  };

  const previewIsCurrent = preview !== null && sameDraft(preview.definition, def);
  return {
    file,
    setFile,
    fields,
    setFields,
    needs,
    detection,
    def,
    jsonText: draft.jsonText,
    jsonValid: draft.jsonValid,
    edit,
    editJson: draft.editJson,
    busy,
    error,
    preview,
    previewIsCurrent,
    canSave: previewIsCurrent && preview.answer.ok && draft.jsonValid && busy === null,
    options,
    setOptions,
    saved,
    saveErrors,
    runMessage,
    detect,
    runPreview,
    save,
    runNow,
  };
}
