import { CHANNELS, type Channel } from '../settings';

export interface ContactOnFile {
  hasEmail: boolean;
  hasMobile: boolean;
}

function reachable(channel: Channel, contact: ContactOnFile): boolean {
  return channel === 'email' ? contact.hasEmail : contact.hasMobile;
}

/**
 * Seed 003 "Notification Preference" and "Authentication Preference": use the preferred channel
 * when the clinic enabled it and the patient has that contact; otherwise the other enabled
 * channel the patient can be reached on; `null` when no enabled channel reaches the patient
 * (nothing is sent, and the screen says why). Used for access links and one-time codes alike.
 */
export function pickChannel(preference: Channel, enabled: readonly Channel[], contact: ContactOnFile): Channel | null {
  const order = [preference, ...CHANNELS.filter((c) => c !== preference)];
  return order.find((c) => enabled.includes(c) && reachable(c, contact)) ?? null;
}
