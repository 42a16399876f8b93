/**
 * One timestamp format everywhere: ISO 8601 in UTC with milliseconds (`2026-11-22T10:32:00.000Z`).
 * It sorts as text, so SQLite indexes and range queries work on it directly.
 * Calendar dates without a time (date of birth, study date) are `YYYY-MM-DD`.
 */
export type Timestamp = string;
export type CalendarDate = string;

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export function toTimestamp(ms: number): Timestamp {
  return new Date(ms).toISOString();
}

export function nowTimestamp(clock: Clock = systemClock): Timestamp {
  return toTimestamp(clock.now());
}

export const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** True when `value` is a real calendar date in `YYYY-MM-DD` form (no 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
