import { z } from 'zod';
import { isEntityName } from './entities';

const cell = z.union([z.string(), z.number(), z.null()]);
export const rowSchema = z.record(z.string(), cell).refine((r) => typeof r.id === 'string', 'a row needs an id');

/** `{ patient: [row, ...], study: [...] }`: whole rows of clinic-owned entities, after the change. */
export const putSchema = z
  .record(z.string(), z.array(rowSchema))
  .refine((p) => Object.keys(p).every(isEntityName), 'unknown entity');

/**
 * Every mutation a workstation may push, with the schema of its args. The hub refuses any
 * other name (`rejected`), so a feature declares its mutations here first.
 */
export const MUTATIONS = {
  /** Clinic-owned rows written by staff or arriving from the RIS: the hub stores them as they are. */
  'rows.put': z.object({ put: putSchema }),

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
} satisfies Record<string, z.ZodType>;

export type MutationName = keyof typeof MUTATIONS;
export type MutationArgs<N extends MutationName> = z.infer<(typeof MUTATIONS)[N]>;

export function isMutationName(name: string): name is MutationName {
  return Object.prototype.hasOwnProperty.call(MUTATIONS, name);
}
