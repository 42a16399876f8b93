import { DAY_MS, HOUR_MS, type Timestamp, toTimestamp } from '../time';

/**
 * Seed 003 "Study Access Delay" / "Report Access Delay". A delay is a whole number of hours
 * counted on UTC timestamps, so a day is always 24 hours and a daylight-saving change in the
 * clinic's time zone neither shortens nor lengthens it. 0 means ready at the event itself.
 */
export function readyAt(eventAt: Timestamp, delayHours: number): Timestamp {
  return toTimestamp(Date.parse(eventAt) + delayHours * HOUR_MS);
}

/** True from the ready instant on (inclusive): one millisecond before it is still waiting. */
export function isReady(eventAt: Timestamp, delayHours: number, at: Timestamp | number): boolean {
  const t = typeof at === 'number' ? at : Date.parse(at);
  return t >= Date.parse(eventAt) + delayHours * HOUR_MS;
}

export type DelayUnit = 'hours' | 'days';

/** How the settings screen shows a delay: in days when it is a whole number of days. */
export function delayInUnits(hours: number): { amount: number; unit: DelayUnit } {
  if (hours > 0 && (hours * HOUR_MS) % DAY_MS === 0) return { amount: hours / 24, unit: 'days' };
  return { amount: hours, unit: 'hours' };
}

export function delayToHours(amount: number, unit: DelayUnit): number {
  return unit === 'days' ? amount * 24 : amount;
}
