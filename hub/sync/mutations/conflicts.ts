import type { MutationArgs } from '../../../common/sync/mutations';
import type { MutationContext } from './types';

/** `conflicts.ack`: idempotent; the first acknowledgement (who, when) is the one kept. */
export async function acknowledgeConflicts(ctx: MutationContext, args: MutationArgs<'conflicts.ack'>) {
  for (const id of args.ids) {
    const row = await ctx.changes.get('sync_conflict', id);
    if (!row || row.clinic_id !== ctx.client.clinicId || row.acknowledged_at) continue;
    await ctx.changes.update('sync_conflict', id, { acknowledged_by: ctx.mutation.staffName ?? 'staff', acknowledged_at: ctx.now });
  }
}
