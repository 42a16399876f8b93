import i18next, { type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogs, LOCALES, type Language } from '../common/i18n';
import type { ApiError } from '../common/result';

const STORAGE_KEY = 'portal.language';

export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'da') return saved;
  return navigator.language.toLowerCase().startsWith('da') ? 'da' : 'en';
}

export function initI18n(): typeof i18next {
  const lng = initialLanguage();
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: catalogs.en }, da: { translation: catalogs.da } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  document.documentElement.lang = lng;
  return i18next;
}

export function setLanguage(lng: Language): void {
  localStorage.setItem(STORAGE_KEY, lng);
  document.documentElement.lang = lng;
  void i18next.changeLanguage(lng);
}

export function currentLanguage(): Language {
  return i18next.language === 'da' ? 'da' : 'en';
}

export function locale(): string {
  return LOCALES[currentLanguage()];
}

/** The localized message of an API error: its own key if it has one, else its code's. */
export function errorText(t: TFunction, error: ApiError): string {
  return t(error.key ?? `errors.${error.code}`, { ...(error.params ?? {}), defaultValue: t(`errors.${error.code}`) });
}
