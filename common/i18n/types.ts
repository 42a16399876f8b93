/** The Danish catalog must have exactly the English catalog's keys; the type checker holds it to that. */
export type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

export const LANGUAGES = ['en', 'da'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Intl locale per language: dates as Danes and (British) English readers expect them. */
export const LOCALES: Record<Language, string> = { en: 'en-GB', da: 'da-DK' };
