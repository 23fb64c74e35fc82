import { useEffect, useMemo, useState } from 'react';
import { overviewUrl, type PlanOverview, type PlanSummary, plansUrl, useJson } from './api.ts';
import { AppHeader } from './components/app-header.tsx';
import { SelectField } from './components/select-field.tsx';
import { DemoNotice, StatePanel } from './components/state-panel.tsx';
import { formatDate, formatTimestamp } from './i18n/format.ts';
import { I18nProvider, translate, useI18n } from './i18n/i18n.tsx';
import { OverviewPage } from './pages/overview-page.tsx';
import { SOURCES_PATH, SourcesPage } from './pages/sources-page.tsx';
import { readViewState, writeViewState } from './url-state.ts';

export function App() {
  return (
    <I18nProvider>
      {window.location.pathname.startsWith(SOURCES_PATH) ? <SourcesPage /> : <Dashboard />}
    </I18nProvider>
  );
}

function Dashboard() {
  const { language, locale, messages } = useI18n();
  const plans = useJson<PlanSummary[]>(plansUrl());
  const [view, setView] = useState(readViewState);

  const plan = useMemo(() => {
    const list = plans.data ?? [];
    return list.find((p) => p.id === view.planId) ?? list[0] ?? null;
  }, [plans.data, view.planId]);
  const asOf = useMemo(() => {
    if (!plan) return null;
    if (view.asOf && plan.followUps.includes(view.asOf)) return view.asOf;
    return plan.defaultAsOf;
  }, [plan, view.asOf]);

  useEffect(() => {
    if (plan && asOf) writeViewState({ planId: plan.id, asOf });
  }, [plan, asOf]);

  const overview = useJson<PlanOverview>(plan && asOf ? overviewUrl(plan.id, asOf) : null);
  // An answer for another plan or date (still on screen while the next loads) must not pass as current.
  const shown = overview.data && overview.data.plan.id === plan?.id ? overview.data : null;

  const controls = plan && (
    <>
      {(plans.data?.length ?? 0) > 1 && (
        <SelectField
          label={messages.planLabel}
          value={plan.id}
          options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          onChange={(planId) => setView({ planId, asOf: null })}
        />
      )}
      {asOf && plan.followUps.length > 0 && (
        <SelectField
          label={messages.followUpLabel}
          value={asOf}
          options={plan.followUps.map((d) => ({ value: d, label: formatDate(d, language) }))}
          onChange={(next) => setView({ planId: plan.id, asOf: next })}
        />
      )}
      <a href={SOURCES_PATH} className="h-9 py-2 text-sm font-medium text-blue-800 hover:underline">
        {messages.sourcesLink}
      </a>
    </>
  );

  const freshness = shown?.freshness.lastSuccessAt;
  const status = shown && (
    <>
      <div className="border-t border-slate-100 bg-slate-50">
        <p className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 px-4 py-1.5 text-xs text-slate-600 md:px-6">
          <span
            className={`inline-block h-2 w-2 rounded-full ${freshness ? 'bg-emerald-600' : 'bg-slate-400'}`}
          />
          {freshness
            ? translate(messages.updatedAt, { time: formatTimestamp(freshness, locale) })
            : messages.neverUpdated}
          {overview.state === 'loading' && <span className="ml-2">· {messages.loading}</span>}
        </p>
      </div>
      {shown.plan.isDemo && <DemoNotice />}
    </>
  );

  return (
    <div className="min-h-screen bg-slate-100/70 text-slate-900">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-semibold focus:shadow"
      >
        {messages.skipToContent}
      </a>
      <AppHeader
        planName={plan?.name ?? null}
        organisation={plan?.organisation ?? null}
        controls={controls}
        status={status}
      />
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 focus:outline-none md:px-6">
        <Body plans={plans} overview={overview} shown={shown} />
      </main>
    </div>
  );
}

function Body({
  plans,
  overview,
  shown,
}: {
  plans: ReturnType<typeof useJson<PlanSummary[]>>;
  overview: ReturnType<typeof useJson<PlanOverview>>;
  shown: PlanOverview | null;
}) {
  const { messages } = useI18n();
  if (plans.state === 'error') {
    return (
      <StatePanel
        kind="error"
        message={messages.loadPlansError}
        detail={plans.error.message}
        onRetry={plans.reload}
      />
    );
  }
  if (plans.state === 'ok' && plans.data.length === 0)
    return <StatePanel kind="empty" message={messages.noPlans} />;
  if (overview.state === 'error') {
    return (
      <StatePanel
        kind="error"
        message={messages.loadError}
        detail={overview.error.message}
        onRetry={overview.reload}
      />
    );
  }
  if (!shown) return <StatePanel kind="loading" message={messages.loading} />;
  return (
    <div className={overview.state === 'loading' ? 'opacity-60 transition-opacity' : undefined}>
      <OverviewPage overview={shown} />
    </div>
  );
}
