import { type FormEvent, type ReactNode, useState } from 'react';
import type {
  DetectResponse,
  PreviewResponse,
  PreviewView,
  RunStartedResponse,
  SaveSourceResponse,
} from '../../shared/steward-api.ts';
import { ApiError, sendJson } from '../api.ts';
import { RejectionsTable } from '../components/rejections-table.tsx';
import { buttonClass, inputClass, Panel, SourcesShell } from '../components/sources-shell.tsx';
import { StewardGate } from '../components/steward-gate.tsx';
import { formatValue } from '../i18n/format.ts';
import { translate, useI18n } from '../i18n/i18n.tsx';
import { STEWARD_MESSAGES, type StewardMessages } from '../i18n/steward-messages.ts';
import { navigate, runHref, SOURCES_PATH } from '../router.tsx';

// "Ny källa": sample file → detected settings and proposed mapping (editable) → preview of values and
// rejections → save with a schedule → run now with the sample. The definition edited here is the same
// JSON `malkoll sources apply` reads; the server validates it with the same schema and saves it with
// the same code (docs/steward-pages.md).

type Json = Record<string, unknown>;
type Dimension = 'indicator' | 'area' | 'period' | 'breakdown';
type Preset = 'nightly' | 'weekly' | 'monthly' | 'arrival' | 'custom';

const PRESET_CRON: Record<Exclude<Preset, 'arrival' | 'custom'>, string> = {
  nightly: '0 2 * * *',
  weekly: '0 2 * * 1',
  monthly: '0 2 1 * *',
};

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const objectAt = (v: Json, key: string): Json => (isObject(v[key]) ? (v[key] as Json) : {});
/** As many decimals as the value has (up to six): a preview shows what was read, not a rounding. */
function decimalsOf(value: number): number {
  const text = String(value);
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : Math.min(6, text.length - dot - 1);
}

const textOf = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** The definition with the chosen schedule: a cron in Swedish time, or runs when a file arrives. */
function withSchedule(def: Json, preset: Preset, cron: string): Json {
  const { schedule: _old, ...rest } = def;
  if (preset === 'arrival') return { ...rest, on_file_arrival: true };
  const expression = preset === 'custom' ? cron.trim() : PRESET_CRON[preset];
  return { ...rest, on_file_arrival: false, schedule: { cron: expression, timezone: 'Europe/Stockholm' } };
}

function errorText(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}

export default function NewSourcePage() {
  const { language } = useI18n();
  const m = STEWARD_MESSAGES[language];
  return (
    <SourcesShell title={m.wizard.title} backHref={SOURCES_PATH} backLabel={m.backToSources}>
      <StewardGate
        texts={{
          checking: m.checkingSession,
          title: m.refusalTitle,
          viewer: m.refusalViewer,
          anonymous: m.refusalAnonymous,
          back: m.backToSources,
          backHref: SOURCES_PATH,
        }}
      >
        <Wizard m={m} />
      </StewardGate>
    </SourcesShell>
  );
}

function Wizard({ m }: { m: StewardMessages }) {
  const w = m.wizard;
  const [file, setFile] = useState<File | null>(null);
  const [detection, setDetection] = useState<DetectResponse | null>(null);
  const [def, setDef] = useState<Json | null>(null);
  const [jsonText, setJsonText] = useState('');
  const [jsonValid, setJsonValid] = useState(true);
  const [busy, setBusy] = useState<null | 'detect' | 'preview' | 'save' | 'run'>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ json: string; answer: PreviewResponse } | null>(null);
  const [preset, setPreset] = useState<Preset>('nightly');
  const [cron, setCron] = useState('30 6 * * 1-5');
  const [stageSample, setStageSample] = useState(true);
  const [replace, setReplace] = useState(false);
  const [saved, setSaved] = useState<SaveSourceResponse | null>(null);
  const [runMessage, setRunMessage] = useState<string | null>(null);

  const update = (next: Json) => {
    setDef(next);
    setJsonText(JSON.stringify(next, null, 2));
    setJsonValid(true);
    setSaved(null);
  };

  /** One step's request: the step shows as busy, and a failure is the page's error (onError undoes more). */
  const act = async (step: NonNullable<typeof busy>, work: () => Promise<void>, onError?: () => void) => {
    setBusy(step);
    setError(null);
    try {
      await work();
    } catch (err) {
      onError?.();
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  /** The sample file, with the definition when there is one. */
  const form = (definition?: string, withFile = true) => {
    const body = new FormData();
    if (definition !== undefined) body.append('definition', definition);
    if (withFile && file) body.append('file', file);
    return body;
  };

  const detect = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setPreview(null);
    setSaved(null);
    await act(
      'detect',
      async () => {
        const answer = await sendJson<DetectResponse>('POST', '/api/sources/detect', form());
        setDetection(answer);
        update(answer.definition);
        // The detection already previewed the proposal: show it as the preview of the unchanged definition.
        setPreview({
          json: JSON.stringify(answer.definition, null, 2),
          answer: { ok: true, preview: answer.preview },
        });
      },
      () => {
        setDetection(null);
        setDef(null);
      },
    );
  };

  const runPreview = async () => {
    if (!file || !def) return;
    await act('preview', async () => {
      const json = JSON.stringify(def, null, 2);
      const answer = await sendJson<PreviewResponse>('POST', '/api/sources/preview', form(json));
      setPreview({ json, answer });
    });
  };

  const save = async () => {
    if (!file || !def) return;
    await act('save', async () => {
      const body = form(JSON.stringify(withSchedule(def, preset, cron)), stageSample);
      if (replace) body.append('replace', '1');
      setSaved(await sendJson<SaveSourceResponse>('POST', '/api/sources', body));
    });
  };

  const runNow = async () => {
    if (!saved) return;
    await act('run', async () => {
      const answer = await sendJson<RunStartedResponse>(
        'POST',
        `/api/sources/${encodeURIComponent(saved.id)}/runs`,
        {},
      );
      if (answer.runId !== null) navigate(runHref(answer.runId));
      else setRunMessage(answer.message);
    });
  };

  const currentJson = def ? JSON.stringify(def, null, 2) : '';
  const previewIsCurrent = preview !== null && preview.json === currentJson;
  const canSave = previewIsCurrent && preview.answer.ok && jsonValid && busy === null;

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">{w.lead}</p>
      {error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          {error}
        </p>
      )}

      <Panel title={w.stepFile} id="step-file">
        <form onSubmit={detect} className="flex flex-wrap items-end gap-3">
          <label className="block text-sm font-medium text-slate-800">
            {w.fileLabel}
            <input
              type="file"
              accept=".csv,.txt,.tsv,text/csv,text/plain"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              className="mt-1 block text-sm"
            />
          </label>
          <button type="submit" className={buttonClass} disabled={!file || busy !== null}>
            {busy === 'detect' ? w.detecting : w.detect}
          </button>
        </form>
        <p className="text-xs text-slate-600">{w.fileHelp}</p>
      </Panel>

      {detection && def && (
        <>
          <MappingStep m={m} detection={detection} def={def} onChange={update} />
          <Panel title={w.advanced} id="step-json">
            <p className="text-xs text-slate-600">{w.advancedHelp}</p>
            <textarea
              aria-label={w.advanced}
              value={jsonText}
              spellCheck={false}
              onChange={(e) => {
                setJsonText(e.target.value);
                try {
                  const parsed: unknown = JSON.parse(e.target.value);
                  if (!isObject(parsed)) throw new Error('not an object');
                  setDef(parsed);
                  setJsonValid(true);
                } catch {
                  setJsonValid(false);
                }
              }}
              rows={12}
              className={`${inputClass} font-mono text-xs`}
            />
            {!jsonValid && <p className="text-sm text-red-800">{w.jsonInvalid}</p>}
          </Panel>

          <Panel title={w.stepPreview} id="step-preview">
            <button type="button" className={buttonClass} onClick={runPreview} disabled={busy !== null}>
              {busy === 'preview' ? w.previewing : w.preview}
            </button>
            {preview && <PreviewResult m={m} answer={preview.answer} stale={!previewIsCurrent} />}
          </Panel>

          <Panel title={w.stepSave} id="step-save">
            <fieldset>
              <legend className="text-sm font-medium text-slate-800">{w.scheduleHeading}</legend>
              <div className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
                {(['nightly', 'weekly', 'monthly', 'arrival', 'custom'] as const).map((p) => (
                  <label key={p} className="flex items-center gap-2">
                    <input
                      type="radio"
                      name="schedule-preset"
                      value={p}
                      checked={preset === p}
                      onChange={() => setPreset(p)}
                    />
                    {w.presets[p]}
                  </label>
                ))}
              </div>
              {preset === 'custom' && (
                <label className="mt-2 block max-w-sm text-sm font-medium text-slate-800">
                  {w.cron}
                  <input value={cron} onChange={(e) => setCron(e.target.value)} className={inputClass} />
                  <span className="mt-1 block text-xs font-normal text-slate-600">{w.cronHelp}</span>
                </label>
              )}
            </fieldset>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={stageSample}
                onChange={(e) => setStageSample(e.target.checked)}
              />
              {w.stageSample}
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
              {w.replace}
            </label>
            <div className="flex flex-wrap items-center gap-3">
              <button type="button" className={buttonClass} onClick={save} disabled={!canSave}>
                {busy === 'save' ? w.saving : w.save}
              </button>
              {!previewIsCurrent && <span className="text-sm text-slate-600">{w.previewFirst}</span>}
            </div>
            {saved && (
              <div role="status" className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-950">
                <p className="font-medium">{translate(w.saved, { title: textOf(def.title) || saved.id })}</p>
                {saved.stagedFile && (
                  <button
                    type="button"
                    className={`${buttonClass} mt-2`}
                    onClick={runNow}
                    disabled={busy !== null}
                  >
                    {busy === 'run' ? w.starting : w.runWithSample}
                  </button>
                )}
                {runMessage && <p className="mt-2">{runMessage}</p>}
              </div>
            )}
          </Panel>
        </>
      )}
    </div>
  );
}

/** A label wrapping its control (passed as children), so a click or a screen reader finds it. */
function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the children, nested in the label
    <label className="block text-sm font-medium text-slate-800">
      {label}
      {children}
    </label>
  );
}

function MappingStep({
  m,
  detection,
  def,
  onChange,
}: {
  m: StewardMessages;
  detection: DetectResponse;
  def: Json;
  onChange: (next: Json) => void;
}) {
  const w = m.wizard;
  const s = detection.settings;
  const owner = objectAt(def, 'owner');
  const mapping = objectAt(def, 'mapping');
  const location = objectAt(def, 'location');
  const indicators = Array.isArray(def.indicators) ? (def.indicators as Json[]) : [];
  const columnNames = detection.columns.map((c) => c.name);
  const long = mapping.layout === 'long';

  const setId = (id: string) => {
    const oldId = textOf(def.id);
    const inbox = textOf(location.inbox);
    // The inbox folder follows the id while it is still the proposed one.
    const nextInbox = inbox.startsWith(`${oldId}/`) ? `${id}/${inbox.slice(oldId.length + 1)}` : inbox;
    onChange({ ...def, id, location: { ...location, inbox: nextInbox } });
  };
  const setMapping = (patch: Json) => onChange({ ...def, mapping: { ...mapping, ...patch } });
  const setIndicator = (i: number, patch: Json) => {
    const old = indicators[i] ?? {};
    const next = indicators.map((ind, j) => (j === i ? { ...ind, ...patch } : ind));
    let nextMapping = mapping;
    // A renamed key is renamed where the mapping uses it as the file's one indicator, too.
    const indicatorRef = objectAt(mapping, 'indicator');
    if (patch.key !== undefined && indicatorRef.value === old.key) {
      nextMapping = { ...mapping, indicator: { ...indicatorRef, value: patch.key } };
    }
    onChange({ ...def, indicators: next, mapping: nextMapping });
  };

  const settings: [string, string][] = [
    [w.encoding, s.encoding],
    [w.delimiter, s.delimiter === '\t' ? 'tab' : s.delimiter],
    [w.decimal, s.decimal === ',' ? w.comma : w.point],
    [w.headerLine, String(s.headerLine)],
    [w.layout, detection.layout === 'long' ? w.layoutLong : w.layoutWide],
  ];
  if (s.titleLines.length > 0)
    settings.push([w.titleLines, s.titleLines.map((t) => `${t.line}: ${t.text}`).join(', ')]);
  if (s.footnoteLines.length > 0) settings.push([w.footnotes, s.footnoteLines.join(', ')]);

  return (
    <Panel title={w.stepMapping} id="step-mapping">
      <div>
        <h3 className="text-sm font-semibold text-slate-800">{w.detectedSettings}</h3>
        <dl className="mt-1 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-3" data-testid="detected-settings">
          {settings.map(([k, v]) => (
            <div key={k} className="flex gap-2">
              <dt className="text-slate-600">{k}:</dt>
              <dd className="font-medium">{v}</dd>
            </div>
          ))}
        </dl>
      </div>

      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={w.sourceId}>
          <input value={textOf(def.id)} onChange={(e) => setId(e.target.value)} className={inputClass} />
        </Field>
        <Field label={w.sourceTitle}>
          <input
            value={textOf(def.title)}
            onChange={(e) => onChange({ ...def, title: e.target.value })}
            className={inputClass}
          />
        </Field>
        <Field label={w.owner}>
          <input
            value={textOf(owner.name)}
            onChange={(e) => onChange({ ...def, owner: { ...owner, name: e.target.value } })}
            className={inputClass}
          />
        </Field>
        <Field label={w.ownerEmail}>
          <input
            type="email"
            value={textOf(owner.email)}
            onChange={(e) => {
              const { email: _email, ...rest } = owner;
              onChange({ ...def, owner: e.target.value ? { ...rest, email: e.target.value } : rest });
            }}
            className={inputClass}
          />
        </Field>
      </div>

      <div>
        <h3 className="text-sm font-semibold text-slate-800">{w.columnsHeading}</h3>
        <div className="overflow-x-auto">
          <table className="mt-1 min-w-full text-sm" data-testid="detected-columns">
            <caption className="sr-only">{w.columnsHeading}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {w.columnName}
                </th>
                <th scope="col" className="px-3 py-2">
                  {w.columnRole}
                </th>
                <th scope="col" className="px-3 py-2">
                  {w.columnWhy}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {detection.columns.map((c) => (
                <tr key={c.index} data-column={c.name}>
                  <td className="px-3 py-1.5 font-medium">{c.name}</td>
                  <td className="px-3 py-1.5">{w.roles[c.role] ?? c.role}</td>
                  <td className="px-3 py-1.5 text-slate-600" lang="sv">
                    {c.why}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      {long && (
        <div className="grid gap-3 sm:grid-cols-2">
          {(['indicator', 'area', 'period', 'breakdown'] as const).map((dim) => (
            <FieldSourceEditor
              key={dim}
              m={m}
              dimension={dim}
              value={objectAt(mapping, dim)}
              columns={columnNames}
              onChange={(ref) => setMapping({ [dim]: ref })}
            />
          ))}
          <Field label={w.valueColumn}>
            <select
              value={textOf(objectAt(mapping, 'value').column)}
              onChange={(e) => setMapping({ value: { column: e.target.value } })}
              className={inputClass}
            >
              {columnNames.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </Field>
        </div>
      )}

      {indicators.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold text-slate-800">{w.indicatorsHeading}</h3>
          <div className="mt-1 space-y-2">
            {indicators.map((ind, i) => (
              <fieldset
                key={i}
                className="grid gap-2 rounded-md border border-slate-200 p-2 sm:grid-cols-5"
                data-indicator-index={i}
              >
                <legend className="sr-only">{textOf(ind.key)}</legend>
                {(
                  [
                    ['key', w.indicatorKey],
                    ['title', w.indicatorTitle],
                    ['unit', w.unit],
                  ] as const
                ).map(([field, label]) => (
                  <Field key={field} label={label}>
                    <input
                      value={textOf(ind[field])}
                      onChange={(e) => setIndicator(i, { [field]: e.target.value })}
                      className={inputClass}
                    />
                  </Field>
                ))}
                <Field label={w.decimals}>
                  <input
                    type="number"
                    min={0}
                    max={6}
                    value={textOf(ind.decimals)}
                    onChange={(e) => setIndicator(i, { decimals: Number(e.target.value) })}
                    className={inputClass}
                  />
                </Field>
                <Field label={w.direction}>
                  <select
                    value={textOf(ind.direction) || 'higher'}
                    onChange={(e) => setIndicator(i, { direction: e.target.value })}
                    className={inputClass}
                  >
                    <option value="higher">{w.higher}</option>
                    <option value="lower">{w.lower}</option>
                  </select>
                </Field>
              </fieldset>
            ))}
          </div>
        </div>
      )}

      {detection.notes.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold text-slate-800">{w.notesHeading}</h3>
          <ul className="mt-1 list-disc pl-5 text-sm text-slate-700" lang="sv">
            {detection.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      )}
    </Panel>
  );
}

/** Where one dimension comes from: a column of the file, or one value for the whole file. */
function FieldSourceEditor({
  m,
  dimension,
  value,
  columns,
  onChange,
}: {
  m: StewardMessages;
  dimension: Dimension;
  value: Json;
  columns: readonly string[];
  onChange: (ref: Json) => void;
}) {
  const w = m.wizard;
  const fromColumn = value.column !== undefined;
  const map = isObject(value.map) ? { map: value.map } : {};
  const label = w.fieldSource[dimension];
  return (
    <fieldset className="rounded-md border border-slate-200 p-2" data-field-source={dimension}>
      <legend className="px-1 text-sm font-medium text-slate-800">{label}</legend>
      <div className="flex flex-wrap gap-3 text-sm">
        <label className="flex items-center gap-1">
          <input
            type="radio"
            name={`${dimension}-source`}
            checked={fromColumn}
            onChange={() => onChange({ column: columns[0] ?? '', ...map })}
          />
          {w.fromColumn}
        </label>
        <label className="flex items-center gap-1">
          <input
            type="radio"
            name={`${dimension}-source`}
            checked={!fromColumn}
            onChange={() => onChange({ value: dimension === 'breakdown' ? 'T' : '' })}
          />
          {w.fixedValue}
        </label>
      </div>
      {fromColumn ? (
        <select
          aria-label={`${label}: ${w.fromColumn}`}
          value={textOf(value.column)}
          onChange={(e) => onChange({ column: e.target.value, ...map })}
          className={inputClass}
        >
          {columns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      ) : (
        <input
          aria-label={`${label}: ${w.fixedValue}`}
          value={textOf(value.value)}
          onChange={(e) => onChange({ value: e.target.value })}
          className={inputClass}
        />
      )}
    </fieldset>
  );
}

function PreviewResult({
  m,
  answer,
  stale,
}: {
  m: StewardMessages;
  answer: PreviewResponse;
  stale: boolean;
}) {
  const w = m.wizard;
  const { language } = useI18n();
  if (!answer.ok) {
    return (
      <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
        <p className="font-semibold">{w.problemsHeading}</p>
        <ul className="mt-1 list-disc pl-5" data-testid="definition-problems">
          {answer.problems.map((p) => (
            <li key={`${p.field}:${p.message}`}>
              <code className="font-mono text-xs">{p.field}</code>: {p.message}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div className={stale ? 'opacity-60' : undefined} data-testid="preview-result">
      <PreviewBody m={m} preview={answer.preview} language={language} />
    </div>
  );
}

function PreviewBody({
  m,
  preview,
  language,
}: {
  m: StewardMessages;
  preview: PreviewView;
  language: 'sv' | 'en';
}) {
  const w = m.wizard;
  const n = (v: number) => formatValue(v, { decimals: 0 });
  if (preview.error) {
    return (
      <p role="alert" className="text-sm text-red-900">
        {w.fileError} {language === 'sv' ? preview.error.reason : preview.error.reasonEn}
      </p>
    );
  }
  const c = w.factColumns;
  return (
    <div className="space-y-3">
      {preview.counts && (
        <p className="text-sm font-medium" data-testid="preview-counts">
          {translate(w.counts, {
            rows: n(preview.counts.rowsRead),
            facts: n(preview.counts.facts),
            skipped: n(preview.counts.skipped),
            rejected: n(preview.counts.rejected),
          })}
        </p>
      )}
      <div>
        <h3 className="text-sm font-semibold text-slate-800">{w.factsHeading}</h3>
        <div className="overflow-x-auto">
          <table className="mt-1 min-w-full text-sm">
            <caption className="sr-only">{w.factsHeading}</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold text-slate-600">
              <tr>
                {[c.line, c.indicator, c.area, c.period, c.breakdown, c.value].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {preview.facts.map((f) => (
                <tr key={`${f.line}-${f.indicatorKey}-${f.period}-${f.breakdown}`} data-fact-line={f.line}>
                  <td className="px-3 py-1.5 tabular-nums">{f.line}</td>
                  <td className="px-3 py-1.5">{f.indicatorKey}</td>
                  <td className="px-3 py-1.5">{f.areaCode}</td>
                  <td className="px-3 py-1.5">{f.period}</td>
                  <td className="px-3 py-1.5">{f.breakdown}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">
                    {f.value === null
                      ? `(${f.note ? w.valueNotes[f.note] : '–'})`
                      : formatValue(f.value, { decimals: decimalsOf(f.value) })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div>
        <h3 className="text-sm font-semibold text-slate-800">{w.rejectionsHeading}</h3>
        {preview.rejections.length === 0 ? (
          <p className="text-sm text-slate-600">{w.noRejections}</p>
        ) : (
          <RejectionsTable
            rows={preview.rejections}
            caption={w.rejectionsHeading}
            columns={m.rejectionColumns}
            language={language}
          />
        )}
      </div>
      {preview.skips.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold text-slate-800">{w.skipsHeading}</h3>
          <ul className="mt-1 text-sm text-slate-700" lang="sv">
            {preview.skips.map((k) => (
              <li key={k.line}>
                {k.line}: {k.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
