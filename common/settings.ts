import { z } from 'zod';

export const PORTAL_RIGHTS = ['econsultation', 'ebooking', 'eprescription'] as const;
export type PortalRight = (typeof PORTAL_RIGHTS)[number];
export const CHANNELS = ['email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Delays are whole hours: 0 means at once; the screen offers hours or days. Capped at 90 days. */
const delayHours = z.number().int().min(0).max(90 * 24);

/**
 * Every setting, its schema and its default, declared once. Values are stored one row per key
 * (`setting`), validated with these schemas on every write; the settings screen, the hub and the
 * workstation's own behaviour all read this list. Seed names in comments.
 */
export const SETTINGS = {
  'staff.idleLockMinutes': { schema: z.number().int().min(1).max(480), default: 15 },
  'app.demo': { schema: z.boolean(), default: false },

  /** Seed 003 "Enable Patient Portal". Off until an admin turns it on (the demo clinic starts on). */
  'portal.enabled': { schema: z.boolean(), default: false },
  /** Seed 003 "Portal Display Name": required, at most 100 characters. */
  'portal.displayName': { schema: z.string().trim().min(1).max(100), default: 'Patient portal' },
  /** Seed 003 "Notify On": none selected = manual sends only. */
  'portal.notifyOnNewStudy': { schema: z.boolean(), default: false },
  'portal.notifyOnNewReport': { schema: z.boolean(), default: true },
  /** Seed 003 "Notification Channels" and "Notification Preference" (falls back to the other). */
  'portal.notifyChannels': { schema: z.array(z.enum(CHANNELS)).min(1), default: ['email'] as Channel[] },
  'portal.notifyPreference': { schema: z.enum(CHANNELS), default: 'email' as Channel },
  /** Seed 003 "Authentication Channels" for one-time codes, with the same fallback. */
  'portal.authChannels': { schema: z.array(z.enum(CHANNELS)).min(1), default: ['email'] as Channel[] },
  'portal.authPreference': { schema: z.enum(CHANNELS), default: 'email' as Channel },
  /** Seed 003 "Login Session Duration": default 60, minimum 15 minutes. */
  'portal.sessionMinutes': { schema: z.number().int().min(15).max(24 * 60), default: 60 },
  /** Seed 003 "Study Access Delay" / "Report Access Delay", in hours. */
  'portal.studyAccessDelayHours': { schema: delayHours, default: 0 },
  'portal.reportAccessDelayHours': { schema: delayHours, default: 0 },
  /** Seed 000 PATIENTPORTAL > ENABLE_AUTO_ISSUE. */
  'portal.autoIssue': { schema: z.boolean(), default: false },
  /** Seed 000 PATIENTPORTAL > ENABLE_EMAILNOTI_EVENT: notify the patient when a key is issued. */
  'portal.notifyOnIssue': { schema: z.boolean(), default: true },
  /** Seed 002: self-registrations approved automatically when verified by strong eID, or by staff. */
  'portal.selfRegistration': { schema: z.enum(['manual', 'automaticStrong']), default: 'manual' as 'manual' | 'automaticStrong' },
  /** Seed 002: automatic approval may create the patient when none matches (clinics that allow it). */
  'portal.autoApproveCreatesPatient': { schema: z.boolean(), default: false },
  /** Seed 001 "activate portal without further confirmation" for staff-created accounts. */
  'portal.activateWithoutConfirmation': { schema: z.boolean(), default: false },
  /** Seed 002: the rights this clinic offers (e-consultation, e-booking, e-prescription renewal). */
  'portal.offeredRights': { schema: z.array(z.enum(PORTAL_RIGHTS)), default: [...PORTAL_RIGHTS] as PortalRight[] },
  /** Seed 000: access-code expiry, default 30 days. */
  'keys.expiryDays': { schema: z.number().int().min(1).max(365), default: 30 },
  /** Seed 001: a temporary password the patient never used expires after this many days. */
  'portal.tempPasswordDays': { schema: z.number().int().min(1).max(90), default: 14 },
  /** The address patients open, printed on the credential letter; empty = the hub address the workstation syncs with. */
  'portal.patientUrl': { schema: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(200)]), default: '' },
} satisfies Record<string, { schema: z.ZodType; default: unknown }>;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]['schema']>;

/**
 * Settings the clinic's admins decide and the hub obeys (synced per clinic); the others
 * (`app.*`, `staff.*`) belong to one workstation and never leave it.
 */
export function isClinicSetting(key: string): boolean {
  return key.startsWith('portal.') || key.startsWith('keys.');
}

/**
 * What the Portal configuration screen edits, in the order of seed 003 and then the switches of
 * seeds 000-002. `portal.enabled` is not among them: it has its own confirmed command.
 */
export const PORTAL_CONFIG_KEYS = [
  'portal.displayName',
  'portal.notifyOnNewStudy',
  'portal.notifyOnNewReport',
  'portal.notifyChannels',
  'portal.notifyPreference',
  'portal.authChannels',
  'portal.authPreference',
  'portal.sessionMinutes',
  'portal.studyAccessDelayHours',
  'portal.reportAccessDelayHours',
  'portal.autoIssue',
  'portal.notifyOnIssue',
  'portal.selfRegistration',
  'portal.autoApproveCreatesPatient',
  'portal.activateWithoutConfirmation',
  'portal.offeredRights',
  'keys.expiryDays',
  'portal.tempPasswordDays',
] as const satisfies readonly SettingKey[];
export type PortalConfigKey = (typeof PORTAL_CONFIG_KEYS)[number];
export type PortalConfigValues = { [K in PortalConfigKey]: SettingValue<K> };
