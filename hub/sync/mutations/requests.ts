import type { MutationArgs } from '../../../common/sync/mutations';
import { entityDb } from '../changes';
import { MutationOutcome, type MutationContext } from './types';

/** "Staff name, Clinic" for the other side's "handled by ..." */
export async function decidedBy(ctx: MutationContext): Promise<string> {
  const clinic = (await entityDb(ctx.trx).selectFrom('e_clinic').select('name').where('id', '=', ctx.client.clinicId).executeTakeFirst()) as { name?: string } | undefined;
  return [ctx.mutation.staffName, clinic?.name].filter(Boolean).join(', ') || 'another workstation';
}

/**
 * `requests.handle`: a command on a hub-owned record. The first valid transition from `new`
 * wins; a decision based on an older version becomes a conflict naming who decided first.
 */
export async function handleRequest(ctx: MutationContext, args: MutationArgs<'requests.handle'>) {
  const row = await ctx.changes.get('result_request', args.id);
  if (!row || row.clinic_id !== ctx.client.clinicId) {
    throw new MutationOutcome('rejected', 'this request does not exist at the hub', {
      entity: 'result_request',
      entityId: args.id,
      // the workstation's optimistic copy is withdrawn
      current: [{ entity: 'result_request', id: args.id, version: 0, data: null }],
    });
  }
  if (Number(row.version) !== args.baseVersion || row.status !== 'new') {
    throw new MutationOutcome('conflict', `already ${String(row.status)} by ${String(row.handled_by ?? 'someone else')}`, {
      entity: 'result_request',
      entityId: args.id,
      handledBy: (row.handled_by as string | null) ?? null,
      handledAt: (row.handled_at as string | null) ?? null,
      current: [{ entity: 'result_request', id: args.id, version: Number(row.version), data: row }],
    });
  }
  await ctx.changes.update('result_request', args.id, { status: args.status, handled_by: await decidedBy(ctx), handled_at: ctx.now });
}
