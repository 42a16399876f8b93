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
  /** Staff decide a patient's result request (hub-owned): first decision wins at the hub. */
  'requests.handle': z.object({ id: z.string().min(1), baseVersion: z.number().int().min(0), status: z.enum(['handled', 'dismissed']) }),
  /** Staff saw these conflicts; every workstation of the clinic stops showing them as new. */
  'conflicts.ack': z.object({ ids: z.array(z.string().min(1)).min(1).max(500) }),
} satisfies Record<string, z.ZodType>;

export type MutationName = keyof typeof MUTATIONS;
export type MutationArgs<N extends MutationName> = z.infer<(typeof MUTATIONS)[N]>;

export function isMutationName(name: string): name is MutationName {
  return Object.prototype.hasOwnProperty.call(MUTATIONS, name);
}
