import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { LANGUAGES, type Language, LOCALES, MESSAGES, type Messages } from './messages.ts';

export type { Language, Messages } from './messages.ts';
export { LANGUAGES } from './messages.ts';
export { translate } from './translate.ts';

const STORAGE_KEY = 'malkoll.language';

interface I18n {
  language: Language;
  locale: string;
  messages: Messages;
  setLanguage: (language: Language) => void;
}

const I18nContext = createContext<I18n | null>(null);

function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return LANGUAGES.find((l) => l === stored) ?? 'sv';
  } catch {
    // Storage can be blocked (private mode, policies); Swedish is the default anyway.
    return 'sv';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(readStoredLanguage);

  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered, still switched.
    }
  }, []);

  useEffect(() => {
    // Screen readers pick pronunciation from lang; the attribute must follow the switch.
    document.documentElement.lang = language;
  }, [language]);

  const value = useMemo<I18n>(
    () => ({ language, locale: LOCALES[language], messages: MESSAGES[language], setLanguage }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n needs an <I18nProvider> above it');
  return value;
}
