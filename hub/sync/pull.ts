import { MAX_PULL_BYTES, MAX_PULL_CHANGES, type Change, type MutationResult, type PullGone, type PullResponse } from '../../common/sync/protocol';
import type { HubContext } from '../context';
import type { AuthedClient } from './push';

export type PullOutcome = { status: 200; body: PullResponse } | { status: 410; body: PullGone };

/**
 * Changes of the client's clinic after its cursor, at most MAX_PULL_CHANGES or MAX_PULL_BYTES,
 * always ending on a hub transaction boundary (a page never holds half of a transaction), plus
 * the results of its mutations it has not acknowledged.
 */
export async function handlePull(hub: HubContext, client: AuthedClient, req: { epoch?: unknown; cursor?: unknown; ack?: unknown }): Promise<PullOutcome> {
  const { db } = hub.store;
  const meta = await db.selectFrom('hub_meta').select(['epoch', 'horizon']).where('id', '=', 1).executeTakeFirstOrThrow();
  if (req.epoch !== meta.epoch) return { status: 410, body: { epoch: meta.epoch, reason: 'epoch' } };
  const cursor = Number(req.cursor ?? 0);
  const ack = Number(req.ack ?? 0);
  if (cursor < Number(meta.horizon)) return { status: 410, body: { epoch: meta.epoch, reason: 'compacted' } };

  const rows = await db.selectFrom('change_log').select(['seq', 'tx', 'entity', 'entity_id', 'op', 'data'])
    .where('scope', '=', client.clinicId).where('seq', '>', cursor).orderBy('seq').limit(MAX_PULL_CHANGES + 1).execute();
  const changes: Change[] = [];
  let bytes = 0;
  let hasMore = false;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as (typeof rows)[number];
    const prev = rows[i - 1];
    const boundary = !prev || Number(prev.tx) !== Number(r.tx);
    if (boundary && (changes.length >= MAX_PULL_CHANGES || bytes >= MAX_PULL_BYTES)) {
      hasMore = true;
      break;
    }
    bytes += (r.data?.length ?? 0) + 64;
    changes.push({
      seq: Number(r.seq), entity: r.entity, id: r.entity_id, op: r.op as Change['op'],
      version: Number(r.seq), data: r.data ? JSON.parse(r.data) : null,
    });
  }
  // a transaction larger than one page: finish it so the page still ends on its boundary
  const last = rows[changes.length - 1];
  if (!hasMore && rows.length > MAX_PULL_CHANGES && last) {
    const rest = await db.selectFrom('change_log').select(['seq', 'entity', 'entity_id', 'op', 'data'])
      .where('scope', '=', client.clinicId).where('tx', '=', last.tx).where('seq', '>', last.seq).orderBy('seq').execute();
    for (const r of rest) {
      changes.push({ seq: Number(r.seq), entity: r.entity, id: r.entity_id, op: r.op as Change['op'], version: Number(r.seq), data: r.data ? JSON.parse(r.data) : null });
    }
    hasMore = true;
  }
  const sc = await db.selectFrom('sync_client').select('last_applied').where('client_id', '=', client.clientId).executeTakeFirstOrThrow();
  const results = await db.selectFrom('mutation_result').select('result')
    .where('client_id', '=', client.clientId).where('mutation_id', '>', ack).orderBy('mutation_id').limit(MAX_PULL_CHANGES).execute();
  return {
    status: 200,
    body: {
      changes,
      cursor: changes.length ? (changes[changes.length - 1] as Change).seq : cursor,
      hasMore,
      lastAppliedMutationId: Number(sc.last_applied),
      results: results.map((r) => JSON.parse(r.result) as MutationResult),
    },
  };
}
