import type { Timestamp } from '../time';

/** One turn of the portal switch (seed 003 "Enable / Disable Patient Portal"), from the setting history. */
export interface PortalSwitchEvent {
  /** The setting_history row id: a stable reference a disabled key can point to. */
  id: string;
  at: Timestamp;
  enabled: boolean;
  /** Display name of the admin who turned it, as it was then. */
  by: string | null;
  reason: string | null;
}

/**
 * What switched off something that was active since `since` (a key's issue time, or the last
 * time staff enabled it by hand): the first portal-disable at or after that instant, or null.
 * Enabling the portal again does not undo it: such keys stay disabled, listed with this event
 * as the reason, until staff enable them one by one.
 */
export function disabledBySwitch(since: Timestamp, events: readonly PortalSwitchEvent[]): PortalSwitchEvent | null {
  let first: PortalSwitchEvent | null = null;
  for (const e of events) {
    if (!e.enabled && e.at >= since && (!first || e.at < first.at)) first = e;
  }
  return first;
}
