import { newId } from '../../common/ids';
import type { MutationResult } from '../../common/sync/protocol';
import type { ChangeWriter } from './changes';
import type { MutationContext, Overwrite } from './mutations/types';

/**
 * Writes a conflict record as a synced row of the clinic, so every workstation of the clinic
 * shows it on its Conflicts screen with both sides, who and when.
 */
export async function recordConflict(
  changes: ChangeWriter,
  ctx: Pick<MutationContext, 'client' | 'mutation' | 'now'>,
  c: { kind: 'conflict' | 'rejected' | 'forbidden' | 'overwritten'; message: string; entity?: string | null; entityId?: string | null;
    ours?: unknown; theirs?: unknown; handledBy?: string | null; handledAt?: string | null },
): Promise<void> {
  await changes.put('sync_conflict', {
    id: newId(),
    clinic_id: ctx.client.clinicId,
    client_id: ctx.client.clientId,
    mutation_id: ctx.mutation.id,
    kind: c.kind,
    mutation_name: ctx.mutation.name,
    entity: c.entity ?? null,
    entity_id: c.entityId ?? null,
    ours: c.ours === undefined ? null : JSON.stringify(c.ours),
    theirs: c.theirs === undefined ? null : JSON.stringify(c.theirs),
    message: c.message,
    handled_by: c.handledBy ?? null,
    handled_at: c.handledAt ?? null,
    created_at: ctx.now,
    acknowledged_by: null,
    acknowledged_at: null,
    deleted_at: null,
  });
}

export async function recordOverwrite(changes: ChangeWriter, ctx: Pick<MutationContext, 'client' | 'mutation' | 'now'>, o: Overwrite) {
  await recordConflict(changes, ctx, {
    kind: 'overwritten',
    message: `${o.entity} changed at another workstation was replaced by this change`,
    entity: o.entity,
    entityId: o.id,
    ours: o.ours,
    theirs: o.theirs,
    handledBy: o.by,
    handledAt: o.at,
  });
}

export function resultMessage(r: MutationResult): string {
  return r.message ?? r.status;
}
