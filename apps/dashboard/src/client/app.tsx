import { lazy, type ReactNode, Suspense, useEffect, useMemo, useState } from 'react';
import type { Freshness, GoalStatus } from '../shared/api-types.ts';
import { safeNextPath } from '../shared/safe-next.ts';
import { freshnessUrl, overviewUrl, type PlanOverview, type PlanSummary, plansUrl, useJson } from './api.ts';
import { AppHeader } from './components/app-header.tsx';
import { SelectField } from './components/select-field.tsx';
import { DemoNotice, NotFoundPanel, StatePanel } from './components/state-panel.tsx';
import { useDocumentTitle } from './document-title.ts';
import { describeFreshness } from './freshness-text.ts';
import { formatDate } from './i18n/format.ts';
import { I18nProvider, useI18n } from './i18n/i18n.tsx';
import { NO_FILTERS, type OverviewFilters, OverviewPage } from './pages/overview-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import {
  goalHref,
  Link,
  matchRoute,
  navigate,
  type Route,
  reportHref,
  SOURCES_PATH,
  useLocation,
} from './router.tsx';
import { SessionProvider, useSession } from './session.tsx';
import { STATUS_ORDER } from './theme.ts';

// Pages other than the overview load on demand: the first page stays small (see pnpm bench:dashboard).
const GoalPage = lazy(() => import('./pages/goal-page.tsx'));
const ExplorerPage = lazy(() => import('./pages/explorer-page.tsx'));
const ReportPage = lazy(() => import('./pages/report-page.tsx'));
const SourcesPage = lazy(() => import('./pages/sources-page.tsx').then((m) => ({ default: m.SourcesPage })));
const NewSourcePage = lazy(() => import('./pages/new-source-page.tsx'));
const RunPage = lazy(() => import('./pages/run-page.tsx'));
const AdminAccountsPage = lazy(() => import('./pages/admin-accounts-page.tsx'));
const AdminTokensPage = lazy(() => import('./pages/admin-tokens-page.tsx'));

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Titled />
        <Pages />
      </SessionProvider>
    </I18nProvider>
  );
}

function Titled() {
  useDocumentTitle(useI18n().messages.appName);
  return null;
}

/** Who may see what: the sign-in form stands in for a page that needs a signed-in user. */
function Pages() {
  const location = useLocation();
  const { messages } = useI18n();
  const { session, error, reload } = useSession();
  const route = matchRoute(location.pathname);
  const here = location.pathname + location.search;
  const next = new URLSearchParams(location.search).get('next');

  useEffect(() => {
    // Signed in already (or sign-in is off): the sign-in address goes on to where it was meant to.
    if (route.name === 'sign_in' && session && (session.user || session.mode === 'off')) {
      navigate(safeNextPath(next));
    }
  });

  if (!session) {
    return error ? (
      <StatePanel kind="error" message={messages.loadError} detail={error.message} onRetry={reload} />
    ) : (
      <StatePanel kind="loading" message={messages.loading} />
    );
  }
  const signInNeeded =
    session.mode !== 'off' &&
    !session.user &&
    (route.name === 'sign_in' || session.mode === 'required' || isSourcesRoute(route) || isAdminRoute(route));
  if (signInNeeded) {
    return (
      <PageShell>
        <SignInPage
          next={route.name === 'sign_in' ? next : here}
          publicPages={session.mode === 'public-read'}
        />
      </PageShell>
    );
  }
  if (isAdminRoute(route)) {
    return (
      <Suspense fallback={null}>
        {route.name === 'admin_tokens' ? <AdminTokensPage /> : <AdminAccountsPage />}
      </Suspense>
    );
  }
  if (isSourcesRoute(route)) {
    return (
      <Suspense fallback={null}>
        {route.name === 'source_new' ? (
          <NewSourcePage />
        ) : route.name === 'run' ? (
          <RunPage runId={route.runId} />
        ) : (
          <SourcesPage />
        )}
      </Suspense>
    );
  }
  return <Dashboard />;
}

/** The steward's pages: source operations, for signed-in users even where plans are public. */
const isSourcesRoute = (route: Route) =>
  route.name === 'sources' || route.name === 'source_new' || route.name === 'run';

/** Accounts and API tokens: admins only, signed in even where plans are public. */
const isAdminRoute = (route: Route) => route.name === 'admin_accounts' || route.name === 'admin_tokens';

/** The header and main region around a page that belongs to no plan (sign-in). */
function PageShell({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-screen bg-slate-100/70 text-slate-900">
      <AppHeader planName={null} organisation={null} controls={null} status={null} userMenu={false} />
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 focus:outline-none md:px-6">
        {children}
      </main>
    </div>
  );
}

function readQuery(search: string) {
  const p = new URLSearchParams(search);
  const status = p.get('status');
  return {
    planId: p.get('plan'),
    asOf: p.get('asOf'),
    filters: {
      responsible: p.get('responsible'),
      status: STATUS_ORDER.includes(status as GoalStatus) ? (status as GoalStatus) : null,
      order: p.get('order') === 'plan' ? 'plan' : 'status',
    } satisfies OverviewFilters,
  };
}

function overviewSearch(planId: string, asOf: string, f: OverviewFilters): string {
  const p = new URLSearchParams({ plan: planId, asOf });
  if (f.responsible) p.set('responsible', f.responsible);
  if (f.status) p.set('status', f.status);
  if (f.order === 'plan') p.set('order', 'plan');
  return `/?${p.toString()}`;
}

function Dashboard() {
  const { language, messages } = useI18n();
  const location = useLocation();
  const route = matchRoute(location.pathname);
  const query = readQuery(location.search);
  const plans = useJson<PlanSummary[]>(plansUrl());

  const routePlanId = route.name === 'goal' || route.name === 'report' ? route.planId : query.planId;
  const plan = useMemo(() => {
    const list = plans.data ?? [];
    return list.find((p) => p.id === routePlanId) ?? list[0] ?? null;
  }, [plans.data, routePlanId]);
  const asOf = plan
    ? query.asOf && plan.followUps.includes(query.asOf)
      ? query.asOf
      : plan.defaultAsOf
    : null;

  useEffect(() => {
    // The overview's address always names the plan and date, so a link opens the same view.
    if (route.name === 'overview' && plan && asOf && (query.planId !== plan.id || query.asOf !== asOf)) {
      window.history.replaceState(null, '', overviewSearch(plan.id, asOf, query.filters));
    }
  });

  const goTo = (planId: string, date: string) => {
    if (route.name === 'goal') navigate(goalHref(planId, route.goalKey, date));
    else if (route.name === 'report') navigate(reportHref(planId, date));
    else navigate(overviewSearch(planId, date, query.filters));
  };
  const showPlanControls = plan && asOf && route.name !== 'explorer';
  const controls = showPlanControls && (
    <>
      {(plans.data?.length ?? 0) > 1 && (
        <SelectField
          label={messages.planLabel}
          value={plan.id}
          options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          onChange={(planId) => {
            const next = plans.data?.find((p) => p.id === planId);
            if (next) navigate(overviewSearch(next.id, next.defaultAsOf, NO_FILTERS));
          }}
        />
      )}
      {plan.followUps.length > 0 && (
        <SelectField
          label={messages.followUpLabel}
          value={asOf}
          options={plan.followUps.map((d) => ({ value: d, label: formatDate(d, language) }))}
          onChange={(next) => goTo(plan.id, next)}
        />
      )}
    </>
  );

  return (
    <div className="min-h-screen bg-slate-100/70 text-slate-900 print:bg-white">
      <a
        href="#main"
        className="sr-only print:hidden focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-semibold focus:shadow"
      >
        {messages.skipToContent}
      </a>
      <div className="print:hidden">
        <AppHeader
          planName={route.name === 'explorer' ? null : (plan?.name ?? null)}
          organisation={route.name === 'explorer' ? null : (plan?.organisation ?? null)}
          controls={controls}
          status={
            <>
              <NavBar route={route} plan={plan} asOf={asOf} />
              <FreshnessLine planId={plan?.id} asOf={asOf ?? undefined} />
              {plan?.isDemo && route.name !== 'explorer' && <DemoNotice />}
            </>
          }
        />
      </div>
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto max-w-6xl px-4 py-6 focus:outline-none md:px-6 print:max-w-none print:p-0"
      >
        <Suspense fallback={<StatePanel kind="loading" message={messages.loading} />}>
          {plans.state === 'error' ? (
            <StatePanel
              kind="error"
              message={messages.loadPlansError}
              detail={plans.error.message}
              onRetry={plans.reload}
            />
          ) : route.name === 'explorer' ? (
            <ExplorerPage search={location.search} defaultArea={plan?.areaCode ?? null} />
          ) : route.name === 'not_found' ? (
            <NotFoundPanel />
          ) : plans.state === 'ok' && plans.data.length === 0 ? (
            <StatePanel kind="empty" message={messages.noPlans} />
          ) : !plan || !asOf ? (
            <StatePanel kind="loading" message={messages.loading} />
          ) : route.name === 'goal' ? (
            <GoalPage planId={plan.id} goalKey={route.goalKey} asOf={asOf} />
          ) : route.name === 'report' ? (
            <ReportPage planId={plan.id} asOf={asOf} />
          ) : (
            <OverviewBody
              plan={plan}
              asOf={asOf}
              filters={query.filters}
              onFilters={(f) => navigate(overviewSearch(plan.id, asOf, f))}
            />
          )}
        </Suspense>
      </main>
    </div>
  );
}

function NavBar({ route, plan, asOf }: { route: Route; plan: PlanSummary | null; asOf: string | null }) {
  const { messages } = useI18n();
  const items: { key: Route['name']; href: string; label: string }[] = [];
  if (plan && asOf) {
    items.push({
      key: 'overview',
      href: overviewSearch(plan.id, asOf, NO_FILTERS),
      label: messages.nav.overview,
    });
  }
  items.push({ key: 'explorer', href: '/explorer', label: messages.nav.explorer });
  if (plan && asOf)
    items.push({ key: 'report', href: reportHref(plan.id, asOf), label: messages.nav.report });
  items.push({ key: 'sources', href: SOURCES_PATH, label: messages.sourcesLink });
  return (
    <nav aria-label={messages.nav.label} className="border-t border-slate-100">
      {/* One row on a phone too: the tabs scroll inside the bar rather than wrap onto a second line. */}
      <ul className="mx-auto flex max-w-6xl gap-0 overflow-x-auto px-1 sm:flex-wrap sm:gap-1 sm:px-3 md:px-5">
        {items.map((item) => {
          const current = route.name === item.key || (item.key === 'overview' && route.name === 'goal');
          return (
            <li key={item.key}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                className={`inline-block whitespace-nowrap border-b-2 px-2.5 py-2 text-sm font-medium sm:px-3 ${
                  current
                    ? 'border-blue-700 text-blue-800'
                    : 'border-transparent text-slate-700 hover:text-slate-900'
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function FreshnessLine({ planId, asOf }: { planId?: string | undefined; asOf?: string | undefined }) {
  const { language, messages } = useI18n();
  const freshness = useJson<Freshness>(freshnessUrl(planId, asOf));
  const [now] = useState(() => new Date());
  if (!freshness.data) return null;
  const lines = describeFreshness(freshness.data, now, language, messages, (d) => formatDate(d, language));
  const ok = freshness.data.lastSuccessAt !== null;
  return (
    <div className="border-t border-slate-100 bg-slate-50">
      <p
        className="mx-auto flex max-w-6xl items-baseline gap-x-2 px-4 py-1.5 text-xs text-slate-700 md:px-6"
        data-testid="freshness"
      >
        {/* The dot stays beside the words when they wrap on a phone. */}
        <span
          className={`inline-block h-2 w-2 shrink-0 rounded-full ${ok ? 'bg-emerald-600' : 'bg-slate-400'}`}
          aria-hidden="true"
        />
        {lines.length > 0 ? lines.join(' · ') : messages.neverUpdated}
      </p>
    </div>
  );
}

function OverviewBody({
  plan,
  asOf,
  filters,
  onFilters,
}: {
  plan: PlanSummary;
  asOf: string;
  filters: OverviewFilters;
  onFilters: (f: OverviewFilters) => void;
}) {
  const { messages } = useI18n();
  const overview = useJson<PlanOverview>(overviewUrl(plan.id, asOf, 'cards'));
  const shown = overview.data && overview.data.plan.id === plan.id ? overview.data : null;
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
    <Faded loading={overview.state === 'loading'}>
      <OverviewPage overview={shown} filters={filters} onFilters={onFilters} />
    </Faded>
  );
}

function Faded({ loading, children }: { loading: boolean; children: ReactNode }) {
  return <div className={loading ? 'opacity-60 transition-opacity' : undefined}>{children}</div>;
}
