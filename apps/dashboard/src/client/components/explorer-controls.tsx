import { useMemo, useState } from 'react';
import type { ExplorerMeta } from '../../shared/api-types.ts';
import type { ExplorerState } from '../explorer-view.ts';
import { translate, useI18n } from '../i18n/i18n.tsx';
import { SelectField } from './select-field.tsx';

interface ControlProps {
  meta: ExplorerMeta;
  state: ExplorerState;
  setState: (s: ExplorerState) => void;
}

/** The explorer's choices: indicator (with a search), areas one by one or a peer group, breakdowns. */
export function ExplorerControls({
  meta,
  state,
  setState,
  available,
  breakdowns,
  areaName,
}: ControlProps & {
  /** Breakdowns the indicator has, and those shown (see buildExplorerView). */
  available: string[];
  breakdowns: string[];
  areaName: ReadonlyMap<string, string>;
}) {
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white px-4 py-3">
      <div className="flex flex-wrap items-end gap-3">
        <IndicatorPicker meta={meta} state={state} setState={setState} />
        <AreaPickers meta={meta} state={state} setState={setState} />
      </div>
      <AreaChips state={state} setState={setState} areaName={areaName} />
      {available.length > 1 && (
        <BreakdownChoice state={state} setState={setState} available={available} breakdowns={breakdowns} />
      )}
    </section>
  );
}

function IndicatorPicker({ meta, state, setState }: ControlProps) {
  const e = useI18n().messages.explorer;
  const [query, setQuery] = useState('');
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
  return (
    <>
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
    </>
  );
}

/** Adds one area, or a whole peer group (at most 50 areas, the API's limit). */
function AreaPickers({ meta, state, setState }: ControlProps) {
  const e = useI18n().messages.explorer;
  return (
    <>
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
    </>
  );
}

/** The chosen areas, each a button that removes it. */
function AreaChips({
  state,
  setState,
  areaName,
}: Omit<ControlProps, 'meta'> & { areaName: ReadonlyMap<string, string> }) {
  const e = useI18n().messages.explorer;
  return (
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
  );
}

function BreakdownChoice({
  state,
  setState,
  available,
  breakdowns,
}: Omit<ControlProps, 'meta'> & { available: string[]; breakdowns: string[] }) {
  const e = useI18n().messages.explorer;
  return (
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
          {e.breakdowns[b] ?? b}
        </label>
      ))}
    </fieldset>
  );
}
