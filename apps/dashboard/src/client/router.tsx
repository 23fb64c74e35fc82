import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useState } from 'react';

// A small History-API router: four routes do not need a routing library. Every view is a real URL, so a
// link sent before a meeting opens the same page, and the server answers every path with index.html.

/** The Sources page (run history and freshness per source): a page of its own, with its own header. */
export const SOURCES_PATH = '/kallor';

/** The sign-in form; `?next=` says where to go after. */
export const SIGN_IN_PATH = '/logga-in';

export const signInHref = (next: string): string => `${SIGN_IN_PATH}?next=${encodeURIComponent(next)}`;
/** The steward's "add a source" wizard and a run's detail page (issue 8). */
export const NEW_SOURCE_PATH = '/kallor/ny';
export const runHref = (runId: number): string => `/kallor/korningar/${runId}`;
/** The admin pages (accounts, API tokens); not under /admin/queues, which is Bull Board's. */
export const ADMIN_ACCOUNTS_PATH = '/admin/konton';
export const ADMIN_TOKENS_PATH = '/admin/api-nycklar';
/** The Sources page with one source's runs open. */
export const sourceRunsHref = (sourceId: string): string =>
  `${SOURCES_PATH}?kalla=${encodeURIComponent(sourceId)}#source-${sourceId}`;

export type Route =
  | { name: 'overview' }
  | { name: 'goal'; planId: string; goalKey: string }
  | { name: 'explorer' }
  | { name: 'report'; planId: string }
  | { name: 'sources' }
  | { name: 'sign_in' }
  | { name: 'source_new' }
  | { name: 'run'; runId: number }
  | { name: 'admin_accounts' }
  | { name: 'admin_tokens' }
  | { name: 'not_found' };

export function matchRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'overview' };
  if (pathname === '/explorer') return { name: 'explorer' };
  if (pathname === SOURCES_PATH) return { name: 'sources' };
  if (pathname === SIGN_IN_PATH) return { name: 'sign_in' };
  if (pathname === NEW_SOURCE_PATH) return { name: 'source_new' };
  if (pathname === ADMIN_ACCOUNTS_PATH) return { name: 'admin_accounts' };
  if (pathname === ADMIN_TOKENS_PATH) return { name: 'admin_tokens' };
  const run = /^\/kallor\/korningar\/(\d+)$/.exec(pathname);
  if (run?.[1]) return { name: 'run', runId: Number(run[1]) };
  const goal = /^\/plans\/([^/]+)\/goals\/([^/]+)$/.exec(pathname);
  if (goal?.[1] && goal[2]) {
    return { name: 'goal', planId: decodeURIComponent(goal[1]), goalKey: decodeURIComponent(goal[2]) };
  }
  const report = /^\/plans\/([^/]+)\/report$/.exec(pathname);
  if (report?.[1]) return { name: 'report', planId: decodeURIComponent(report[1]) };
  return { name: 'not_found' };
}

const listeners = new Set<() => void>();

export function navigate(href: string): void {
  window.history.pushState(null, '', href);
  for (const l of listeners) l();
  window.scrollTo(0, 0);
  // Move focus to the new page's main region so keyboard and screen-reader users start there.
  document.getElementById('main')?.focus({ preventScroll: true });
}

/** The current location; re-renders on navigate() and on back/forward. */
export function useLocation(): { pathname: string; search: string } {
  const read = () => ({ pathname: window.location.pathname, search: window.location.search });
  const [location, setLocation] = useState(read);
  useEffect(() => {
    const update = () => setLocation(read());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return location;
}

/** An <a> that navigates in-app on a plain click and behaves as a normal link otherwise. */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}

export const goalHref = (planId: string, goalKey: string, asOf: string): string =>
  `/plans/${encodeURIComponent(planId)}/goals/${encodeURIComponent(goalKey)}?asOf=${asOf}`;

export const reportHref = (planId: string, asOf: string): string =>
  `/plans/${encodeURIComponent(planId)}/report?asOf=${asOf}`;

export const overviewHref = (planId: string, asOf: string): string =>
  `/?plan=${encodeURIComponent(planId)}&asOf=${asOf}`;
