import { z } from 'zod';
import { LANGUAGES } from '../i18n/types';
import { NOTIFICATION_CHANNELS, REGISTRATION_REJECTION_REASONS, REJECTION_CHOICES, STAFF_NOTIFICATION_KINDS } from '../notifications';
import { MANUAL_REASONS } from '../rules/autoApproval';
import { isClinicSetting, SETTINGS } from '../settings';
import { isEntityName } from './entities';

const cell = z.union([z.string(), z.number(), z.null()]);
export const rowSchema = z.record(z.string(), cell).refine((r) => typeof r.id === 'string', 'a row needs an id');

/** `{ patient: [row, ...], study: [...] }`: whole rows of clinic-owned entities, after the change. */
export const putSchema = z
  .record(z.string(), z.array(rowSchema))
  .refine((p) => Object.keys(p).every(isEntityName), 'unknown entity');

/** Changed clinic settings by key, each valid by its schema in common/settings.ts. */
const settingValues = z.record(z.string(), z.unknown()).superRefine((values, ctx) => {
  for (const [key, value] of Object.entries(values)) {
    const def = Object.prototype.hasOwnProperty.call(SETTINGS, key) ? SETTINGS[key as keyof typeof SETTINGS] : undefined;
    if (!def || !isClinicSetting(key)) ctx.addIssue({ code: 'custom', message: 'not a clinic setting', path: [key] });
    else if (!def.schema.safeParse(value).success) ctx.addIssue({ code: 'custom', message: 'invalid value', path: [key] });
  }
});

/**
 * Every mutation a workstation may push, with the schema of its args. The hub refuses any
 * other name (`rejected`), so a feature declares its mutations here first.
 */
export const MUTATIONS = {
  /** Clinic-owned rows written by staff or arriving from the RIS: the hub stores them as they are. */
  'rows.put': z.object({ put: putSchema }),
  /**
   * Staff decide a patient's result request (hub-owned): first decision wins at the hub; a later
   * one from a stale version is a conflict naming who decided first and when. `keyId`: the access
   * key that answered it (issue 4's Issuer).
   */
  'requests.handle': z.object({
    id: z.string().min(1),
    baseVersion: z.number().int().min(0),
    status: z.enum(['handled', 'dismissed']),
    keyId: z.string().optional(),
  }),
  /**
   * The demo clinic only: the hub-owned records of the demo (patients' result requests, account
   * states) as if patients had made them on the hub. A hub not started with --demo refuses it.
   */
  'demo.hubRows': z.object({ put: z.record(z.string(), z.array(rowSchema)) }),
  /** Staff saw these conflicts; every workstation of the clinic stops showing them as new. */
  'conflicts.ack': z.object({ ids: z.array(z.string().min(1)).min(1).max(500) }),
  /**
   * Portal configuration saved by an admin (issue 6): the setting rows and their history rows
   * whole, the changed values by key (what the hub obeys: session length, channels, delays...),
   * and `portal` when the switch turned: on 'disabled' the hub refuses every patient sign-in,
   * access link and key of the clinic from then on; 'enabled' restores nothing by itself.
   */
  'settings.put': z.object({
    put: z.object({ setting: z.array(rowSchema).min(1), setting_history: z.array(rowSchema).min(1) }),
    values: settingValues,
    portal: z.enum(['enabled', 'disabled']).optional(),
  }),
  /**
   * Staff ask the hub to email or text a patient (hub/notify/README.md). Sent once per mutation,
   * however often the push is replayed. `id`: the notification's id, so the screen can follow its
   * status (queued → sent / failed / bounced); the hub makes one when absent. Without `channel`
   * the hub takes email when it knows an address, else SMS; without `to`, the account's email,
   * the patient's email or the patient's mobile as the hub has them. Kinds with a link or a code
   * are made by the hub itself (activation, password reset, one-time code), never asked for here.
   */
  'notifications.send': z.object({
    id: z.uuid().optional(),
    patientId: z.string().min(1),
    accountId: z.string().min(1).optional(),
    kind: z.enum(STAFF_NOTIFICATION_KINDS),
    channel: z.enum(NOTIFICATION_CHANNELS).optional(),
    to: z.string().trim().min(3).max(254).optional(),
    language: z.enum(LANGUAGES),
    params: z.strictObject({ displayName: z.string().optional(), reason: z.enum(REGISTRATION_REJECTION_REASONS).optional() }),
  }),

  /*
   * Portal accounts made and changed by front-desk staff (issue 5). Every one carries the
   * changed clinic-owned rows whole under `put` (portal_account, and patient /
   * portal_former_account / portal_email_change where they changed) and the account's id;
   * `send` says which email the hub sends from its own outbox, keyed by this mutation. Tokens
   * are made by the hub; a temporary password travels only as its scrypt hash, inside the row.
   */
  /** A new account (or a new one after a deleted association). `activate`: active at once (portal.activateWithoutConfirmation). */
  'portal.create': z.object({
    put: putSchema,
    accountId: z.string(),
    patientId: z.string(),
    activate: z.boolean(),
    send: z.enum(['activation', 'welcome', 'none']),
  }),
  /** Rights, "wants electronic reply", username or postal code changed. */
  'portal.update': z.object({
    put: putSchema,
    accountId: z.string(),
    changed: z.array(z.enum(['rights', 'wantsElectronicReply', 'username', 'postalCode'])).min(1),
  }),
  /** Access enabled or disabled; disabling ends every session of the patient at this clinic. */
  'portal.setAccess': z.object({ put: putSchema, accountId: z.string(), enabled: z.boolean() }),
  /** Send (again) the activation link to the account's email ("Gensend"). */
  'portal.sendActivation': z.object({ put: putSchema, accountId: z.string(), send: z.literal('activation') }),
  /** "Ny kode" (Alt+K): a single-use reset link to the account's email. */
  'portal.sendReset': z.object({ put: putSchema, accountId: z.string(), send: z.literal('reset') }),
  /** Unlock a locked account; a command on the hub-owned state, based on the version staff saw. */
  'portal.unlock': z.object({
    put: putSchema,
    accountId: z.string(),
    stateId: z.string(),
    baseVersion: z.number().int().min(0),
  }),
  /** The association with this clinic is deleted (deleted_at set); put also holds the portal_former_account row. */
  'portal.delete': z.object({ put: putSchema, accountId: z.string(), patientId: z.string(), formerId: z.string() }),
  /** Guarded email change: notify the old address, send activation to the new one. */
  'portal.changeEmail': z.object({
    put: putSchema,
    accountId: z.string(),
    changeId: z.string(),
    notifyOld: z.email().nullable(),
    send: z.literal('activation'),
  }),
  /** A temporary password (hash and expiry in the row) that must be changed at first sign-in. */
  'portal.setTempPassword': z.object({ put: putSchema, accountId: z.string(), expiresAt: z.string() }),

  /**
   * Issued keys (issue 4). Every key row travels whole; its `version` is the hub version the
   * workstation last saw (0 for a new key), i.e. the base of the change. The code never travels:
   * only `code_lookup` and `code_hash` (common/rules/accessCode.ts ACCESS_CODE_HASH).
   * `notify`: ask the hub to notify the patient (no PHI in the body) from `at` on.
   */
  'keys.issue': z.object({
    put: z.object({ issued_key: z.array(rowSchema).length(1), issued_key_study: z.array(rowSchema).min(1) }),
    notify: z.object({ event: z.enum(['issued', 'newReport']), at: z.iso.datetime() }).nullable(),
  }),
  /** Staff disabled these keys: the hub refuses them from now on, even if the row it holds is newer. */
  'keys.disable': z.object({ put: z.object({ issued_key: z.array(rowSchema).min(1) }), reason: z.enum(['staff', 'portal-disabled']) }),
  /** Staff enabled these keys again (only keys disabled before); a stale base is a conflict. */
  'keys.enable': z.object({ put: z.object({ issued_key: z.array(rowSchema).min(1) }) }),
  /** Staff moved the expiry of these keys; a stale base is a conflict. */
  'keys.extend': z.object({ put: z.object({ issued_key: z.array(rowSchema).min(1) }) }),
  /**
   * Staff unlock a key the hub locked after 5 wrong dates of birth: a command on the hub-owned
   * `issued_key_usage` row (its id is the key's id), based on the version staff saw. The first
   * unlock wins; one from a stale version, or of a key no longer locked, is a conflict.
   */
  'keys.unlock': z.object({ keyId: z.string().min(1), usageId: z.string().min(1), baseVersion: z.number().int().min(0) }),
  /** A study in issued keys was validated: its images now have a ready time (seed 003 study delay). */
  'keys.studyReady': z.object({
    put: z.object({ issued_key_study: z.array(rowSchema).min(1) }),
    notify: z.object({ event: z.literal('newStudy'), at: z.iso.datetime(), keyIds: z.array(z.string()).min(1) }).nullable(),
  }),

  /*
   * Login requests (issue 7): decisions on a patient's self-registration, a hub-owned record, made
   * from the version the workstation saw (`baseVersion`). A decision is valid while the request is
   * still `new`; the first valid one wins and a later one is a conflict naming who decided and when.
   */
  /**
   * Approve: the portal account is created in the same mutation, exactly as `portal.create` makes
   * it (`put`: the new portal_account; the patient when new or when blanks were filled from the
   * request; portal_former_account rows with `returned_at` when the patient returns), so a
   * conflict creates nothing. The hub sends the activation link in the request's language.
   * `automatic`: made by a workstation's automatic approval, with ids derived from the request, so
   * that the same automatic decision arriving from two workstations is one decision, not a conflict.
   */
  'loginRequests.approve': z.object({
    id: z.string().min(1),
    baseVersion: z.number().int().min(0),
    status: z.literal('approved'),
    put: putSchema,
    accountId: z.string(),
    patientId: z.string(),
    activate: z.boolean(),
    send: z.enum(['activation', 'welcome', 'none']),
    automatic: z.boolean(),
  }),
  /** Reject with a reason from the list, or `other` with a typed note (never emailed: see common/notifications.ts). */
  'loginRequests.reject': z
    .object({
      id: z.string().min(1),
      baseVersion: z.number().int().min(0),
      status: z.literal('rejected'),
      reason: z.enum(REJECTION_CHOICES),
      note: z.string().trim().min(1).max(500).nullable(),
    })
    .refine((a) => (a.reason === 'other') === (a.note !== null), 'a typed note goes with the reason "other", and only with it'),
  /** Automatic approval left the request to staff, for this reason; the first workstation to say so is kept. */
  'loginRequests.review': z.object({ id: z.string().min(1), baseVersion: z.number().int().min(0), manualReason: z.enum(MANUAL_REASONS) }),
} satisfies Record<string, z.ZodType>;

export type MutationName = keyof typeof MUTATIONS;
export type MutationArgs<N extends MutationName> = z.infer<(typeof MUTATIONS)[N]>;

export function isMutationName(name: string): name is MutationName {
  return Object.prototype.hasOwnProperty.call(MUTATIONS, name);
}
