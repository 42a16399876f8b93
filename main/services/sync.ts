import type { ConflictRow, PendingChange } from '../../common/api/sync';
import { DomainError, fieldError } from '../../common/result';
import { nowTimestamp } from '../../common/time';
import { insertAudit } from '../../db/audit';
import { runCommand } from '../../db/command';
import { TransportError } from '../sync/transport';
import { commandContext, type CallContext } from '../context';
import type { Handlers } from '../dispatcher';

/**
 * What went wrong while enrolling, at the field the person can fix: the address (nothing answers
 * there as a hub) or the code (unknown, used, expired, or the wrong kind of code).
 */
export function enrollmentError(err: unknown): DomainError {
  if (err instanceof TransportError) {
    if (err.status === 403) return fieldError('code', 'errors.enrollmentRefused', 'the hub did not accept this code');
    if (err.status === 400) return fieldError('code', 'errors.joinCodeNeeded', 'this code founds a clinic; a join code is needed');
    if (err.status === 409) return new DomainError('conflict', 'already enrolled at this hub', { field: 'code', key: 'errors.enrollmentConflict' });
    return fieldError('hubUrl', 'errors.hubUnreachable', err.message);
  }
  return new DomainError('conflict', err instanceof Error ? err.message : 'enrollment failed', { field: 'code', key: 'errors.enrollmentConflict' });
}

export async function enrollHere(ctx: CallContext, hubUrl: string, code: string): Promise<void> {
  try {
    await ctx.app.sync.enroll(hubUrl, code, `workstation ${ctx.app.workstationId.slice(-8)}`);
  } catch (err) {
    throw enrollmentError(err);
  }
}

export const syncHandlers: Pick<Handlers, 'sync.status' | 'sync.now' | 'sync.enroll' | 'sync.pending' | 'sync.conflicts' | 'sync.acknowledge'> = {
  'sync.status': (_input, ctx) => ctx.app.sync.status(),

  'sync.now': async (_input, ctx) => {
    ctx.app.sync.nudge();
    await ctx.app.sync.idle();
    return ctx.app.sync.status();
  },

  'sync.enroll': async ({ hubUrl, code }, ctx) => {
    await enrollHere(ctx, hubUrl, code);
    insertAudit(ctx.app.store, ctx.actor, nowTimestamp(ctx.app.clock), { action: 'sync.enroll', detail: new URL(hubUrl).host });
    return ctx.app.sync.status();
  },

  'sync.pending': (_input, ctx) => {
    const { store } = ctx.app;
    const rows = store.all(
      store.k.selectFrom('sync_outbox as o')
        .leftJoin('sync_outbox_row as r', 'r.mutation_id', 'o.mutation_id')
        .select((eb) => ['o.mutation_id', 'o.name', 'o.created_at', 'o.staff_name', eb.fn.min('r.entity').as('entity'), eb.fn.count<number>('r.entity_id').as('rows')])
        .where('o.state', '=', 'pending')
        .groupBy('o.mutation_id')
        .orderBy('o.mutation_id')
        .limit(1000),
    );
    return rows.map((r): PendingChange => ({
      mutationId: r.mutation_id, name: r.name, createdAt: r.created_at, staffName: r.staff_name, entity: r.entity ?? null, rows: Number(r.rows),
    }));
  },

  'sync.conflicts': ({ includeAcknowledged }, ctx) => {
    const { store } = ctx.app;
    let q = store.k.selectFrom('sync_conflict').selectAll().where('deleted_at', 'is', null);
    if (!includeAcknowledged) q = q.where('acknowledged_at', 'is', null);
    const rows = store.all(q.orderBy('created_at', 'desc').limit(2000));
    // both sides of a patient's conflict show the patient's details: a read of each patient shown
    const now = nowTimestamp(ctx.app.clock);
    for (const patientId of new Set(rows.filter((r) => r.entity === 'patient' && r.entity_id).map((r) => r.entity_id as string))) {
      insertAudit(store, ctx.actor, now, { action: 'conflict.read', patientId, entityType: 'patient', entityId: patientId });
    }
    return rows.map(
      (r): ConflictRow => ({
        id: r.id,
        kind: r.kind as ConflictRow['kind'],
        mutationName: r.mutation_name,
        entity: r.entity,
        entityId: r.entity_id,
        ours: r.ours,
        theirs: r.theirs,
        message: r.message,
        handledBy: r.handled_by,
        handledAt: r.handled_at,
        createdAt: r.created_at,
        fromHere: r.client_id === ctx.app.workstationId,
        acknowledgedBy: r.acknowledged_by,
        acknowledgedAt: r.acknowledged_at,
      }),
    );
  },

  'sync.acknowledge': ({ ids }, ctx) =>
    runCommand(commandContext(ctx), {
      run: (w) => {
        const session = ctx.session;
        let n = 0;
        for (const id of ids) {
          n += w.store.run(
            w.store.k.updateTable('sync_conflict')
              .set({ acknowledged_by: session?.displayName ?? null, acknowledged_at: w.now })
              .where('id', '=', id).where('acknowledged_at', 'is', null),
          ).changes as number;
        }
        if (n) w.mutate('conflicts.ack', { ids }, ids.map((id) => ({ entity: 'sync_conflict', id })));
        return { acknowledged: n };
      },
      audit: { action: 'sync.acknowledge', detail: `${ids.length} conflicts` },
    }),
};
