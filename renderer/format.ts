import { locale } from './i18n';

/**
 * Building an Intl.DateTimeFormat costs far more than using one, and a table renders dozens of
 * dates per key press: keep one formatter per locale and style.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'date' | 'dateTime'): Intl.DateTimeFormat {
  const loc = locale();
  const key = `${kind}:${loc}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      loc,
      kind === 'date' ? { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' } : { dateStyle: 'short', timeStyle: 'medium' },
    );
    formatters.set(key, f);
  }
  return f;
}

/** `YYYY-MM-DD` shown in the locale (24.12.1980 in Danish, 24/12/1980 in English), never shifted by time zone. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '';
  return formatter('date').format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
}

export function formatDateTime(ts: string | null | undefined): string {
  if (!ts) return '';
  return formatter('dateTime').format(new Date(ts));
}

export function ageInYears(dateOfBirth: string, now = new Date()): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = now.getFullYear() - y;
  if (now.getMonth() + 1 < m || (now.getMonth() + 1 === m && now.getDate() < d)) age--;
  return age;
}

/** "2 minutes ago", "i går": how long ago an instant was, in the locale's words. */
export function formatRelative(ts: string | null | undefined, now = Date.now()): string {
  if (!ts) return '';
  const seconds = Math.round((Date.parse(ts) - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 45) return rtf.format(0, 'second');
  if (abs < 45 * 60) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}
