import type { ConflictRow } from '../../common/api/sync';
import { DomainError, fieldError } from '../../common/result';
import { runCommand } from '../../db/command';
import { TransportError } from '../sync/transport';
import { commandContext } from '../context';
import type { Handlers } from '../dispatcher';

export const syncHandlers: Pick<Handlers, 'sync.status' | 'sync.now' | 'sync.enroll' | 'sync.pending' | 'sync.conflicts' | 'sync.acknowledge'> = {
  'sync.status': (_input, ctx) => ctx.app.sync.status(),

  'sync.now': async (_input, ctx) => {
    ctx.app.sync.nudge();
    await ctx.app.sync.idle();
    return ctx.app.sync.status();
  },

  'sync.enroll': async ({ hubUrl, code }, ctx) => {
    try {
      await ctx.app.sync.enroll(hubUrl, code, `workstation ${ctx.app.workstationId.slice(-8)}`);
    } catch (err) {
      if (err instanceof TransportError) {
        if (err.status === 403) throw fieldError('code', 'errors.enrollmentRefused', 'the hub did not accept this code');
        throw fieldError('hubUrl', 'errors.hubUnreachable', err.message);
      }
      throw new DomainError('conflict', err instanceof Error ? err.message : 'enrollment failed', { key: 'errors.enrollmentConflict' });
    }
    return ctx.app.sync.status();
  },

  'sync.pending': (_input, ctx) =>
    ctx.app.store
      .all(ctx.app.store.k.selectFrom('sync_outbox').select(['mutation_id', 'name', 'created_at', 'staff_name']).where('state', '=', 'pending').orderBy('mutation_id').limit(1000))
      .map((r) => ({ mutationId: r.mutation_id, name: r.name, createdAt: r.created_at, staffName: r.staff_name })),

  'sync.conflicts': ({ includeAcknowledged }, ctx) => {
    const { store } = ctx.app;
    let q = store.k.selectFrom('sync_conflict').selectAll().where('deleted_at', 'is', null);
    if (!includeAcknowledged) q = q.where('acknowledged_at', 'is', null);
    return store.all(q.orderBy('created_at', 'desc').limit(2000)).map(
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
