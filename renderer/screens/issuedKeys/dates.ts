import { isCalendarDate } from '../../../common/time';

/**
 * Dates typed as staff type them: 24-12-2026, 24.12.2026, 24/12/2026, 24122026 or 2026-12-24.
 * Plain text fields rather than date inputs: the browser's date input follows the OS locale
 * and fights the keyboard (segments, a picker button in the tab order).
 * Returns YYYY-MM-DD, '' for an empty field, or null when it is not a real date.
 */
export function parseDay(text: string): string | null {
  const t = text.trim();
  if (!t) return '';
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  let iso: string | null = null;
  if (m) iso = `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}`;
  m = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  if (m) iso = `${m[3]}-${m[2]?.padStart(2, '0')}-${m[1]?.padStart(2, '0')}`;
  return iso && isCalendarDate(iso) ? iso : null;
}

/** A local calendar day → the UTC instant of its start, or of its last millisecond (`end`). */
export function dayBound(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const d = new Date(`${day}T00:00:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  if (end) {
    d.setDate(d.getDate() + 1);
    d.setMilliseconds(-1);
  }
  return d.toISOString();
}

/** Today plus `days` in local time, as staff type it (dd-mm-yyyy). */
export function typedDayFromNow(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${String(d.getDate()).padStart(2, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${d.getFullYear()}`;
}
