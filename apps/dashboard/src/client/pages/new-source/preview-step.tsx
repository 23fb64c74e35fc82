import type { PreviewResponse, PreviewView } from '../../../shared/steward-api.ts';
import { RejectionsTable } from '../../components/rejections-table.tsx';
import { buttonClass, Panel, ScrollRegion } from '../../components/sources-shell.tsx';
import { formatValue } from '../../i18n/format.ts';
import { type Language, translate, useI18n } from '../../i18n/i18n.tsx';
import type { StewardMessages } from '../../i18n/steward-messages.ts';

/** Step 3: what the definition makes of the sample; a preview of an earlier version shows faded. */
export function PreviewStep({
  m,
  answer,
  stale,
  previewing,
  disabled,
  onPreview,
}: {
  m: StewardMessages;
  answer: PreviewResponse | null;
  stale: boolean;
  previewing: boolean;
  disabled: boolean;
  onPreview: () => Promise<void>;
}) {
  const w = m.wizard;
  return (
    <Panel title={w.stepPreview} id="step-preview">
      <button type="button" className={buttonClass} onClick={onPreview} disabled={disabled}>
        {previewing ? w.previewing : w.preview}
      </button>
      {answer && <PreviewResult m={m} answer={answer} stale={stale} />}
    </Panel>
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
    // A preview of an earlier version is marked in words and a border, not faded: faded text fails contrast.
    <div
      className={stale ? 'border-l-4 border-amber-500 pl-3' : undefined}
      data-testid="preview-result"
      data-stale={stale ? 'true' : undefined}
    >
      {stale && <p className="mb-2 text-sm font-medium text-amber-900">{w.staleNote}</p>}
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
  language: Language;
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
      <PreviewFacts m={m} facts={preview.facts} />
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

/**
 * The first values read, with their line in the file: indicators, areas and breakdowns by name (the key
 * and code as a tooltip), each value with its indicator's decimals, so one column is written alike.
 */
function PreviewFacts({ m, facts }: { m: StewardMessages; facts: PreviewView['facts'] }) {
  const w = m.wizard;
  const c = w.factColumns;
  const { messages } = useI18n();
  const breakdownName = (b: string) => messages.explorer.breakdowns[b] ?? b;
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-800">{w.factsHeading}</h3>
      <p className="text-xs text-slate-600">{w.factsHelp}</p>
      <ScrollRegion label={w.factsHeading}>
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
            {facts.map((f) => (
              <tr key={`${f.line}-${f.indicatorKey}-${f.period}-${f.breakdown}`} data-fact-line={f.line}>
                <td className="px-3 py-1.5 tabular-nums">{f.line}</td>
                <td className="px-3 py-1.5" title={f.indicatorKey} data-indicator-key={f.indicatorKey}>
                  {f.indicatorTitle}
                </td>
                <td className="px-3 py-1.5" title={f.areaCode} data-area-code={f.areaCode}>
                  {f.areaName}
                </td>
                <td className="px-3 py-1.5">{f.period}</td>
                <td className="px-3 py-1.5" data-breakdown={f.breakdown}>
                  {breakdownName(f.breakdown)}
                </td>
                <td className="whitespace-nowrap px-3 py-1.5 text-right tabular-nums" data-value>
                  {f.value === null
                    ? `(${f.note ? w.valueNotes[f.note] : '–'})`
                    : formatValue(f.value, { decimals: f.decimals })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
