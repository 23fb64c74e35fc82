import { useState } from 'react';
import type { ExplorerMeta, ExplorerResult } from '../../shared/api-types.ts';
import { explorerMetaUrl, explorerUrl, useJson } from '../api.ts';
import { ExplorerChartPanel } from '../components/explorer-chart-panel.tsx';
import { ExplorerControls } from '../components/explorer-controls.tsx';
import { type CsvFormat, ExplorerTable } from '../components/explorer-table.tsx';
import { StatePanel } from '../components/state-panel.tsx';
import {
  buildExplorerView,
  type ExplorerState,
  readExplorerState,
  writeExplorerState,
} from '../explorer-view.ts';
import { formatValue } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';

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
  const [chosen, setChosen] = useState<ExplorerState | null>(null);
  // Until the reader changes something, an address without areas shows the plan's own area, also when
  // the plans arrive after the first render (a link opened directly). Removing the last area is a choice.
  const fromUrl = readExplorerState(search);
  const state =
    chosen ?? (fromUrl.areas.length === 0 && defaultArea ? { ...fromUrl, areas: [defaultArea] } : fromUrl);
  const setState = (next: ExplorerState) => {
    setChosen(next);
    writeExplorerState(next);
  };
  if (meta.state === 'error')
    return <StatePanel kind="error" message={meta.error.message} onRetry={meta.reload} />;
  if (!meta.data) return <StatePanel kind="loading" message={messages.loading} />;
  return <Explorer meta={meta.data} state={state} setState={setState} ownArea={defaultArea} />;
}

function Explorer({
  meta,
  state,
  setState,
  ownArea,
}: {
  meta: ExplorerMeta;
  state: ExplorerState;
  setState: (s: ExplorerState) => void;
  /** The plan's own municipality, drawn first and emphasised among its peers. */
  ownArea: string | null;
}) {
  const { messages, language } = useI18n();
  const e = messages.explorer;
  const [format, setFormat] = useState<CsvFormat>('sv');
  const areaName = new Map(meta.areas.map((a) => [a.code, a.name]));
  const result = useJson<ExplorerResult>(
    state.indicator && state.areas.length > 0 ? explorerUrl(state.indicator, state.areas) : null,
  );
  const data = result.data && result.data.indicator.key === state.indicator ? result.data : null;
  const view = buildExplorerView(data, state.breakdowns, (b) => e.breakdowns[b] ?? b);
  const fmt = (v: number) => formatValue(v, { decimals: data?.indicator.decimals ?? 0, locale: language });
  const withData = new Set(view.visible.map((s) => s.areaCode));
  const missingAreas = state.areas.filter((c) => !withData.has(c));

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{e.heading}</h1>
        <p className="mt-1 max-w-prose text-sm text-slate-700">{e.lead}</p>
      </div>
      <ExplorerControls
        meta={meta}
        state={state}
        setState={setState}
        available={view.available}
        breakdowns={view.breakdowns}
        areaName={areaName}
      />
      {!state.indicator ? (
        <StatePanel kind="empty" message={e.pickIndicator} />
      ) : state.areas.length === 0 ? (
        <StatePanel kind="empty" message={e.pickArea} />
      ) : result.state === 'error' ? (
        <StatePanel kind="error" message={result.error.message} onRetry={result.reload} />
      ) : !data ? (
        <StatePanel kind="loading" message={messages.loading} />
      ) : view.visible.length === 0 ? (
        <StatePanel kind="empty" message={e.empty} />
      ) : (
        <>
          <ExplorerChartPanel
            indicator={data.indicator}
            description={meta.indicators.find((i) => i.key === state.indicator)?.description}
            missingAreaNames={missingAreas.map((c) => areaName.get(c) ?? c)}
            view={view}
            formatValue={fmt}
            ownArea={ownArea}
          />
          <ExplorerTable
            indicatorKey={data.indicator.key}
            areas={state.areas}
            view={view}
            format={format}
            onFormatChange={setFormat}
            formatValue={fmt}
          />
        </>
      )}
    </div>
  );
}
