import { z } from 'zod';

/**
 * What an email or SMS to a patient may say. Every kind declares the only parameters its
 * template can show; none of them can carry a name, a date of birth, a result or a message
 * text, so a body without PHI is a property of the types, not of each caller's care.
 * The texts are in i18n/notifications.ts; the hub renders and sends them (hub/notify/).
 */
export const NOTIFICATION_CHANNELS = ['email', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** queued → sent, or → failed (gave up after retries) / bounced (the address was refused for good). */
export const NOTIFICATION_STATUSES = ['queued', 'sent', 'failed', 'bounced'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** Why staff did not approve a self-registration: the patient reads one of these, never free text. */
export const REGISTRATION_REJECTION_REASONS = ['identityNotConfirmed', 'notAPatient', 'alreadyRegistered', 'incompleteDetails'] as const;
export type RegistrationRejectionReason = (typeof REGISTRATION_REJECTION_REASONS)[number];
/**
 * What staff may choose when rejecting (issue 7): a reason from the list, or `other` with a typed
 * note. A typed note may say anything about the patient, so it never goes into an email: the
 * patient gets `registrationNote`, a link to the hub's page that shows it after they give their
 * date of birth.
 */
export const REJECTION_CHOICES = [...REGISTRATION_REJECTION_REASONS, 'other'] as const;
export type RejectionChoice = (typeof REJECTION_CHOICES)[number];

/** The portal's name as the clinic set it (portal.displayName); one line, so it is safe in a subject. */
const displayName = z.string().trim().min(1).max(100).regex(/^[^\r\n<>]*$/, 'one line without < or >');
/** A link into the hub's pages (activation, password reset): made by the hub, with a token in it. */
const link = z.url({ protocol: /^https?$/ }).max(2000);
const hours = z.number().int().min(1).max(24 * 30);
const minutes = z.number().int().min(1).max(24 * 60);
const code = z.string().regex(/^\d{4,10}$/, 'digits only');

const base = { displayName: displayName.optional() };

export const NOTIFICATION_PARAMS = {
  /** "Activate your account: <link> (valid for N hours)". Link made by the hub. */
  activation: z.strictObject({ ...base, link, hours }),
  /** "Reset your password: <link>". Link made by the hub. */
  passwordReset: z.strictObject({ ...base, link, hours }),
  /** Self-registration with email only: "confirm your address: <link>", before the request reaches the clinic. Link made by the hub. */
  emailConfirmation: z.strictObject({ ...base, link, hours }),
  /** "Your one-time code is 123456". Code made by the hub. */
  oneTimeCode: z.strictObject({ ...base, code, minutes }),
  /** The account is ready (activated by staff without confirmation): sign in. */
  welcome: z.strictObject(base),
  /** A reply from the clinic is waiting: sign in to read it. */
  newMessage: z.strictObject(base),
  /** Results are ready: sign in or use the access code. */
  resultsReady: z.strictObject(base),
  /** A self-registration arrived at the clinic. */
  registrationReceived: z.strictObject(base),
  /** A self-registration was not approved, for a reason staff chose from the list. */
  registrationRejected: z.strictObject({ ...base, reason: z.enum(REGISTRATION_REJECTION_REASONS) }),
  /** A self-registration was not approved and staff wrote why: "read the clinic's note here: <link>". Link made by the hub. */
  registrationNote: z.strictObject({ ...base, link, hours }),
  /** Sent to the OLD address when the account's email address changes. */
  emailChanged: z.strictObject(base),
} satisfies Record<string, z.ZodType>;

export type NotificationKind = keyof typeof NOTIFICATION_PARAMS;
export type NotificationParams<K extends NotificationKind> = z.infer<(typeof NOTIFICATION_PARAMS)[K]>;
export const NOTIFICATION_KINDS = Object.keys(NOTIFICATION_PARAMS) as NotificationKind[];

/**
 * Kinds a workstation may ask for with the `notifications.send` mutation: those without a
 * secret in them. Links and codes are made at the hub, by the hub feature that needs them.
 */
export const STAFF_NOTIFICATION_KINDS = ['welcome', 'newMessage', 'resultsReady', 'registrationReceived', 'registrationRejected', 'emailChanged'] as const satisfies readonly NotificationKind[];

export function isNotificationKind(kind: string): kind is NotificationKind {
  return Object.prototype.hasOwnProperty.call(NOTIFICATION_PARAMS, kind);
}

export const EMAIL_ADDRESS = z.email().max(254);
/** What an SMS gateway takes: an optional +, then 8 to 15 digits (spaces allowed between). */
export const MOBILE_NUMBER = z.string().trim().regex(/^\+?\d(?: ?\d){7,14}$/, 'a mobile number such as +45 12 34 56 78');
