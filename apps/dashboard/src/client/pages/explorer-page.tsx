import { useMemo, useState } from 'react';
import type { ExplorerMeta, ExplorerResult } from '../../shared/api-types.ts';
import { explorerMetaUrl, explorerUrl, useJson } from '../api.ts';
import { MultiLineChart, type MultiLineSeries } from '../components/multi-line-chart.tsx';
import { SelectField } from '../components/select-field.tsx';
import { StatePanel } from '../components/state-panel.tsx';
import { WhyButton } from '../components/why-dialog.tsx';
import { formatValue, translateUnit } from '../i18n/format.ts';
import { translate, useI18n } from '../i18n/i18n.tsx';
import { EXPLORER_COLOURS } from '../theme.ts';

export interface ExplorerState {
  indicator: string | null;
  areas: string[];
  breakdowns: string[];
}

export function readExplorerState(search: string): ExplorerState {
  const p = new URLSearchParams(search);
  const list = (k: string) => (p.get(k) ?? '').split(',').filter(Boolean);
  return { indicator: p.get('indicator'), areas: list('areas'), breakdowns: list('bd') };
}

function writeExplorerState(s: ExplorerState): void {
  const p = new URLSearchParams();
  if (s.indicator) p.set('indicator', s.indicator);
  if (s.areas.length) p.set('areas', s.areas.join(','));
  if (s.breakdowns.length) p.set('bd', s.breakdowns.join(','));
  window.history.replaceState(null, '', `/explorer?${p.toString()}`);
}

/** Any indicator for any set of areas, as a chart and a table, with a CSV that opens safely in Excel. */
export default function ExplorerPage({
  search,
  defaultArea,
}: {
  search: string;
  defaultArea: string | null;
}) {
  const { messages } = useI18n();
  const meta = useJson<ExplorerMeta>(explorerMetaUrl());
  const [state, setStateRaw] = useState<ExplorerState>(() => {
    const s = readExplorerState(search);
    return s.areas.length === 0 && defaultArea ? { ...s, areas: [defaultArea] } : s;
  });
  const setState = (next: ExplorerState) => {
    setStateRaw(next);
    writeExplorerState(next);
  };
  if (meta.state === 'error')
    return <StatePanel kind="error" message={meta.error.message} onRetry={meta.reload} />;
  if (!meta.data) return <StatePanel kind="loading" message={messages.loading} />;
  return <Explorer meta={meta.data} state={state} setState={setState} />;
}

function Explorer({
  meta,
  state,
  setState,
}: {
  meta: ExplorerMeta;
  state: ExplorerState;
  setState: (s: ExplorerState) => void;
}) {
  const { messages, language } = useI18n();
  const e = messages.explorer;
  const [query, setQuery] = useState('');
  const [format, setFormat] = useState<'sv' | 'plain'>('sv');
  const indicators = useMemo(() => {
    const q = query.trim().toLocaleLowerCase('sv');
    const hits = q
      ? meta.indicators.filter(
          (i) => i.title.toLocaleLowerCase('sv').includes(q) || i.key.toLowerCase().includes(q),
        )
      : meta.indicators;
    // The chosen one stays in the list even when the search would hide it.
    const chosen = meta.indicators.find((i) => i.key === state.indicator);
    return chosen && !hits.includes(chosen) ? [chosen, ...hits] : hits;
  }, [meta.indicators, query, state.indicator]);
  const areaName = new Map(meta.areas.map((a) => [a.code, a.name]));
  const result = useJson<ExplorerResult>(
    state.indicator && state.areas.length > 0 ? explorerUrl(state.indicator, state.areas) : null,
  );
  const data = result.data && result.data.indicator.key === state.indicator ? result.data : null;
  const available = data?.breakdowns ?? [];
  const chosenBreakdowns = state.breakdowns.filter((b) => available.includes(b));
  const breakdowns =
    chosenBreakdowns.length > 0 ? chosenBreakdowns : available.includes('T') ? ['T'] : available.slice(0, 1);
  const visible = (data?.series ?? []).filter((s) => breakdowns.includes(s.breakdown));
  const bdLabel = (b: string) => e.breakdowns[b] ?? b;
  const seriesMeta: MultiLineSeries[] = visible.map((s, i) => ({
    key: `${s.areaCode}:${s.breakdown}`,
    label: `${s.areaName}${available.length > 1 ? ` – ${bdLabel(s.breakdown)}` : ''}`,
    colour: EXPLORER_COLOURS[i % EXPLORER_COLOURS.length] ?? 'blue',
  }));
  const periods = [
    ...new Map(visible.flatMap((s) => s.points.map((p) => [p.periodEnd, p.periodLabel] as const))).entries(),
  ].sort(([a], [b]) => a.localeCompare(b));
  const cell = new Map<string, ExplorerResult['series'][number]['points'][number]>(
    visible.flatMap((s) => s.points.map((p) => [`${s.areaCode}:${s.breakdown}|${p.periodEnd}`, p] as const)),
  );
  const unit = data ? translateUnit(data.indicator.unit, language) : '';
  const fmt = (v: number) => formatValue(v, { decimals: data?.indicator.decimals ?? 0, locale: language });
  const withData = new Set(visible.map((s) => s.areaCode));
  const missingAreas = state.areas.filter((c) => !withData.has(c));
  const selectedIndicator = meta.indicators.find((i) => i.key === state.indicator);

  return (
    <div className="space-y-5">
      <div>
        <h2 className="text-2xl font-semibold tracking-tight text-slate-900">{e.heading}</h2>
        <p className="mt-1 max-w-prose text-sm text-slate-700">{e.lead}</p>
      </div>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white px-4 py-3">
        <div className="flex flex-wrap items-end gap-3">
          <div className="flex flex-col gap-1">
            <label htmlFor="indicator-search" className="text-xs font-medium text-slate-600">
              {e.search}
            </label>
            <input
              id="indicator-search"
              type="search"
              value={query}
              onChange={(ev) => setQuery(ev.target.value)}
              className="h-9 w-56 rounded-md border border-slate-300 px-2.5 text-sm"
            />
          </div>
          <SelectField
            label={e.indicator}
            value={state.indicator ?? ''}
            options={[
              { value: '', label: '–' },
              ...indicators.slice(0, 600).map((i) => ({ value: i.key, label: i.title })),
            ]}
            onChange={(v) => setState({ ...state, indicator: v || null })}
            className="min-w-[16rem]"
          />
          <SelectField
            label={e.addArea}
            value=""
            options={[
              { value: '', label: '–' },
              ...meta.areas
                .filter((a) => !state.areas.includes(a.code))
                .map((a) => ({ value: a.code, label: `${a.name} (${a.code})` })),
            ]}
            onChange={(v) => v && setState({ ...state, areas: [...state.areas, v] })}
          />
          {meta.peerGroups.length > 0 && (
            <SelectField
              label={e.addPeers}
              value=""
              options={[
                { value: '', label: '–' },
                ...meta.peerGroups.map((g) => ({ value: g.id, label: g.title })),
              ]}
              onChange={(v) => {
                const group = meta.peerGroups.find((g) => g.id === v);
                if (group)
                  setState({ ...state, areas: [...new Set([...state.areas, ...group.codes])].slice(0, 50) });
              }}
            />
          )}
        </div>
        <div>
          <p className="text-xs font-medium text-slate-600">{e.areas}</p>
          <ul className="mt-1 flex flex-wrap gap-2">
            {state.areas.map((code) => (
              <li key={code}>
                <button
                  type="button"
                  onClick={() => setState({ ...state, areas: state.areas.filter((c) => c !== code) })}
                  aria-label={translate(e.remove, { name: areaName.get(code) ?? code })}
                  className="inline-flex items-center gap-1 rounded-full border border-slate-300 bg-slate-50 px-3 py-1 text-sm hover:bg-slate-100"
                >
                  {areaName.get(code) ?? code} <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
        {available.length > 1 && (
          <fieldset className="flex flex-wrap items-center gap-3">
            <legend className="text-xs font-medium text-slate-600">{e.breakdown}</legend>
            {available.map((b) => (
              <label key={b} className="inline-flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  checked={breakdowns.includes(b)}
                  onChange={(ev) =>
                    setState({
                      ...state,
                      breakdowns: ev.target.checked ? [...breakdowns, b] : breakdowns.filter((x) => x !== b),
                    })
                  }
                />
                {bdLabel(b)}
              </label>
            ))}
          </fieldset>
        )}
      </section>

      {!state.indicator ? (
        <StatePanel kind="empty" message={e.pickIndicator} />
      ) : result.state === 'error' ? (
        <StatePanel kind="error" message={result.error.message} onRetry={result.reload} />
      ) : !data ? (
        <StatePanel kind="loading" message={messages.loading} />
      ) : visible.length === 0 ? (
        <StatePanel kind="empty" message={e.empty} />
      ) : (
        <>
          <section
            className="rounded-lg border border-slate-200 bg-white p-4"
            aria-labelledby="explorer-title"
          >
            <h3 id="explorer-title" className="text-base font-semibold text-slate-900">
              {data.indicator.title}
              {unit ? <span className="font-normal text-slate-700"> ({unit})</span> : null}
            </h3>
            {missingAreas.length > 0 && (
              <p className="mt-1 text-sm text-slate-700">
                {translate(e.noValuesFor, {
                  areas: missingAreas.map((c) => areaName.get(c) ?? c).join(', '),
                })}
              </p>
            )}
            {selectedIndicator?.description && (
              <p className="mt-1 max-w-prose text-sm text-slate-700">{selectedIndicator.description}</p>
            )}
            <div className="mt-3">
              <MultiLineChart
                rows={periods.map(([end, label]) => ({
                  label,
                  values: Object.fromEntries(
                    seriesMeta.map((s) => [s.key, cell.get(`${s.key}|${end}`)?.value ?? undefined]),
                  ),
                }))}
                series={seriesMeta}
                formatValue={fmt}
                description={translate(messages.chartLabel, { label: data.indicator.title })}
              />
            </div>
          </section>
          <section className="rounded-lg border border-slate-200 bg-white" aria-labelledby="explorer-table">
            <div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 px-4 py-3">
              <h3 id="explorer-table" className="text-base font-semibold text-slate-900">
                {e.table}
              </h3>
              <div className="flex flex-wrap items-end gap-3">
                <SelectField
                  label={e.format}
                  value={format}
                  options={[
                    { value: 'sv', label: e.formatSv },
                    { value: 'plain', label: e.formatPlain },
                  ]}
                  onChange={(v) => setFormat(v === 'plain' ? 'plain' : 'sv')}
                />
                <a
                  href={explorerUrl(data.indicator.key, state.areas, format)}
                  download
                  className="inline-flex h-9 items-center rounded-md bg-blue-700 px-3 text-sm font-semibold text-white hover:bg-blue-800"
                >
                  {e.download}
                </a>
              </div>
            </div>
            <div className="max-h-[32rem] overflow-auto">
              <table className="w-full text-left text-sm">
                <thead className="sticky top-0 bg-slate-50 text-xs font-semibold text-slate-700">
                  <tr>
                    <th scope="col" className="px-4 py-2">
                      {e.period}
                    </th>
                    {seriesMeta.map((s) => (
                      <th key={s.key} scope="col" className="px-3 py-2 text-right">
                        {s.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {[...periods].reverse().map(([end, label]) => (
                    <tr key={end}>
                      <th scope="row" className="px-4 py-1.5 font-medium text-slate-900">
                        {label}
                      </th>
                      {visible.map((s) => {
                        const p = cell.get(`${s.areaCode}:${s.breakdown}|${end}`);
                        return (
                          <td
                            key={`${s.areaCode}:${s.breakdown}`}
                            className="px-3 py-1.5 text-right tabular-nums"
                          >
                            {p === undefined ? (
                              ''
                            ) : p.value === null ? (
                              <span className="text-slate-600">{messages.missingValue}</span>
                            ) : (
                              <WhyButton
                                target={{
                                  kind: 'value',
                                  indicator: data.indicator.key,
                                  area: s.areaCode,
                                  period: end,
                                  breakdown: s.breakdown,
                                }}
                                label={translate(messages.why.valueButton, { value: fmt(p.value) })}
                              >
                                <span className="text-sm text-slate-900">{fmt(p.value)}</span>
                              </WhyButton>
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </div>
  );
}
