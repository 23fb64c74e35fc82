import { explorerUrl } from '../api.ts';
import type { ExplorerView } from '../explorer-view.ts';
import { translate, useI18n } from '../i18n/i18n.tsx';
import { SelectField } from './select-field.tsx';
import { WhyButton } from './why-dialog.tsx';

/** How the CSV download writes numbers: Swedish Excel's (semicolons, decimal comma) or plain. */
export type CsvFormat = 'sv' | 'plain';

/** Every value of the chart as a table, newest period first, each with its "why?"; and the CSV download. */
export function ExplorerTable({
  indicatorKey,
  areas,
  view,
  format,
  onFormatChange,
  formatValue,
}: {
  indicatorKey: string;
  /** The chosen areas, all of them in the download. */
  areas: string[];
  view: ExplorerView;
  format: CsvFormat;
  onFormatChange: (format: CsvFormat) => void;
  formatValue: (v: number) => string;
}) {
  const { messages } = useI18n();
  const e = messages.explorer;
  return (
    <section className="rounded-lg border border-slate-200 bg-white" aria-labelledby="explorer-table">
      <div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <h2 id="explorer-table" className="text-base font-semibold text-slate-900">
          {e.table}
        </h2>
        <div className="flex flex-wrap items-end gap-3">
          <SelectField
            label={e.format}
            value={format}
            options={[
              { value: 'sv', label: e.formatSv },
              { value: 'plain', label: e.formatPlain },
            ]}
            onChange={(v) => onFormatChange(v === 'plain' ? 'plain' : 'sv')}
          />
          <a
            href={explorerUrl(indicatorKey, areas, format)}
            download
            className="inline-flex h-9 items-center rounded-md bg-blue-700 px-3 text-sm font-semibold text-white hover:bg-blue-800"
          >
            {e.download}
          </a>
        </div>
      </div>
      <section
        className="max-h-[32rem] overflow-auto"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the table scrolls on its own, so its box must be reachable by keyboard (axe scrollable-region-focusable)
        tabIndex={0}
        aria-label={messages.charts.explorerTableRegion}
      >
        <table className="w-full text-left text-sm">
          <thead className="sticky top-0 bg-slate-50 text-xs font-semibold text-slate-700">
            <tr>
              <th scope="col" className="px-4 py-2">
                {e.period}
              </th>
              {view.lines.map((s) => (
                <th key={s.key} scope="col" className="px-3 py-2 text-right">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {[...view.periods].reverse().map(([end, label]) => (
              <tr key={end}>
                <th scope="row" className="px-4 py-1.5 font-medium text-slate-900">
                  {label}
                </th>
                {view.visible.map((s) => (
                  <td key={`${s.areaCode}:${s.breakdown}`} className="px-3 py-1.5 text-right tabular-nums">
                    <ValueCell
                      indicatorKey={indicatorKey}
                      area={s.areaCode}
                      breakdown={s.breakdown}
                      periodEnd={end}
                      value={view.pointAt(`${s.areaCode}:${s.breakdown}`, end)?.value}
                      formatValue={formatValue}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

/** Empty when the series has no such period; "missing" when it has the period without a value. */
function ValueCell({
  indicatorKey,
  area,
  breakdown,
  periodEnd,
  value,
  formatValue,
}: {
  indicatorKey: string;
  area: string;
  breakdown: string;
  periodEnd: string;
  value: number | null | undefined;
  formatValue: (v: number) => string;
}) {
  const { messages } = useI18n();
  if (value === undefined) return '';
  if (value === null) return <span className="text-slate-600">{messages.missingValue}</span>;
  return (
    <WhyButton
      target={{ kind: 'value', indicator: indicatorKey, area, period: periodEnd, breakdown }}
      label={translate(messages.why.valueButton, { value: formatValue(value) })}
    >
      <span className="text-sm text-slate-900">{formatValue(value)}</span>
    </WhyButton>
  );
}
