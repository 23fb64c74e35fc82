import type { ReactNode } from 'react';
import { LANGUAGES, type Language, useI18n } from '../i18n/i18n.tsx';
import { UserMenu } from './user-menu.tsx';

/** The bar every page sits under: product name, the plan's name, and the page's controls. */
export function AppHeader({
  planName,
  organisation,
  controls,
  status,
  userMenu = true,
}: {
  planName: string | null;
  organisation: string | null;
  controls: ReactNode;
  status: ReactNode;
  /** Off where the page itself is the sign-in form. */
  userMenu?: boolean;
}) {
  const { messages } = useI18n();
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-end justify-between gap-x-6 gap-y-2 px-4 py-2 md:gap-y-3 md:px-6 md:py-3">
        <div className="w-full min-w-0 sm:w-auto">
          <div className="flex items-center justify-between gap-3">
            <p className="flex items-center gap-2 text-sm font-bold tracking-tight text-blue-800">
              <LogoMark />
              {messages.appName}
            </p>
            {/* Phone: the language beside the name, so the selects below get the whole row. */}
            <div className="sm:hidden">
              <LanguageSwitch compact />
            </div>
          </div>
          {planName && (
            <h1 className="mt-0.5 truncate text-lg font-semibold text-slate-900 md:text-xl" title={planName}>
              {planName}
            </h1>
          )}
          {/* On a phone the plan's name says enough; the organisation costs a line above the first card. */}
          {organisation && <p className="hidden text-sm text-slate-600 sm:block">{organisation}</p>}
        </div>
        {/* Phone: the selects share one row and shrink (their text truncates) instead of a row each. */}
        <div className="flex w-full items-end gap-2 sm:w-auto sm:flex-wrap sm:gap-3 [&>div:has(select):first-child]:min-w-0 [&>div:has(select):first-child]:flex-1 sm:[&>div:has(select):first-child]:flex-none [&>div:first-child_select]:w-full sm:[&>div:first-child_select]:w-auto">
          {controls}
          <div className="hidden sm:block">
            <LanguageSwitch />
          </div>
          {userMenu && <UserMenu />}
        </div>
      </div>
      {status}
    </header>
  );
}

function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { language, setLanguage, messages } = useI18n();
  return (
    <fieldset className="flex shrink-0 flex-col gap-1">
      <legend className={compact ? 'sr-only' : 'mb-1 text-xs font-medium text-slate-600'}>
        {messages.languageLabel}
      </legend>
      <div
        className={`inline-flex rounded-md border border-slate-300 bg-white p-0.5 shadow-sm ${compact ? 'h-8' : 'h-9'}`}
      >
        {LANGUAGES.map((l: Language) => (
          <button
            key={l}
            type="button"
            lang={l}
            aria-pressed={language === l}
            onClick={() => setLanguage(l)}
            // The focus outline sits 2 px outside the button, on the white of the switch: blue-800 on
            // white is 8.6:1 whether the button is pressed (blue) or not; a ring on the pressed blue was
            // about 1.3:1.
            className={`rounded px-2.5 text-sm font-medium focus:outline-none focus-visible:relative focus-visible:z-10 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-800 ${
              language === l ? 'bg-blue-700 text-white' : 'text-slate-700 hover:bg-slate-100'
            }`}
          >
            <abbr title={messages.languageNames[l]} className="no-underline">
              {l.toUpperCase()}
            </abbr>
          </button>
        ))}
      </div>
    </fieldset>
  );
}

function LogoMark() {
  return (
    <svg viewBox="0 0 20 20" className="h-5 w-5" aria-hidden="true" focusable="false">
      <circle cx="10" cy="10" r="8" fill="none" stroke="currentColor" strokeWidth="2" />
      <circle cx="10" cy="10" r="4" fill="none" stroke="currentColor" strokeWidth="2" />
      <circle cx="10" cy="10" r="1.25" fill="currentColor" />
    </svg>
  );
}
