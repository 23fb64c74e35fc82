// The chosen plan and follow-up date live in the address (?plan=…&asOf=…), so a link sent before a
// meeting opens the same view.

export interface ViewState {
  planId: string | null;
  asOf: string | null;
}

export function readViewState(search: string = window.location.search): ViewState {
  const params = new URLSearchParams(search);
  return { planId: params.get('plan'), asOf: params.get('asOf') };
}

export function writeViewState(state: ViewState): void {
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of [
    ['plan', state.planId],
    ['asOf', state.asOf],
  ] as const) {
    if (value) params.set(key, value);
    else params.delete(key);
  }
  const query = params.toString();
  const next = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
  if (next !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.replaceState(null, '', next);
  }
}
