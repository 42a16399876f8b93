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
  /** A study in issued keys was validated: its images now have a ready time (seed 003 study delay). */
  'keys.studyReady': z.object({
    put: z.object({ issued_key_study: z.array(rowSchema).min(1) }),
    notify: z.object({ event: z.literal('newStudy'), at: z.iso.datetime(), keyIds: z.array(z.string()).min(1) }).nullable(),
  }),
  /**
   * A command on a hub-owned result request: new → handled, answered by `keyId`. `handledBy` is
   * the Issuer ID (staff username) shown as "handled by … at …"; `staffId` the staff member's id.
   */
  'resultRequests.handle': z.object({
    id: z.string(),
    baseVersion: z.number().int().min(0),
    handledBy: z.string(),
    staffId: z.string(),
    handledAt: z.iso.datetime(),
    keyId: z.string(),
  }),
} satisfies Record<string, z.ZodType>;

export type MutationName = keyof typeof MUTATIONS;
export type MutationArgs<N extends MutationName> = z.infer<(typeof MUTATIONS)[N]>;

export function isMutationName(name: string): name is MutationName {
  return Object.prototype.hasOwnProperty.call(MUTATIONS, name);
}
