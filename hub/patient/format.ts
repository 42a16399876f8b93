import { LOCALES, type Language } from '../../common/i18n/types';

/** Dates as the patient reads them: their language's format, Danish time. */
export function formatDateTime(lang: Language, iso: string): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Copenhagen' }).format(new Date(iso));
}

/** A calendar date (`YYYY-MM-DD`), which has no time zone. */
export function formatDate(lang: Language, date: string): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00.000Z`));
}
