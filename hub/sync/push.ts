import { createHash } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import { isMutationName, MUTATIONS } from '../../common/sync/mutations';
import { MAX_PUSH_MUTATIONS, type MutationResult, type PushedMutation, type PushGap, type PushItemResult } from '../../common/sync/protocol';
import { toTimestamp } from '../../common/time';
import type { HubContext } from '../context';
import { ChangeWriter, isEntity, SeqBlock, type Trx } from './changes';
import { recordConflict, recordOverwrite } from './conflicts';
import { HUB_MUTATIONS } from './mutations';
import { MutationOutcome, type MutationContext } from './mutations/types';

export interface AuthedClient {
  clientId: string;
  clinicId: string;
}

export type PushOutcome =
  | { status: 200; body: { results: PushItemResult[] } }
  | { status: 409; body: PushGap }
  | { status: 400; body: { error: string } };

const SAVEPOINT = CompiledQuery.raw('savepoint m');
const RELEASE = CompiledQuery.raw('release savepoint m');
const ROLLBACK = CompiledQuery.raw('rollback to savepoint m');

const hashOf = (m: PushedMutation) => createHash('sha256').update(JSON.stringify([m.name, m.args])).digest('base64url');

/**
 * SYNC.md rules 1-3 for one push: a mutation applies only as last-applied + 1, a lower id gets
 * its stored result back, a gap is refused with 409; effects, the stored result and the new
 * last-applied id commit together. One transaction per push keeps it at one fsync per batch.
 */
export async function handlePush(hub: HubContext, client: AuthedClient, mutations: PushedMutation[]): Promise<PushOutcome> {
  if (!Array.isArray(mutations) || mutations.length === 0 || mutations.length > MAX_PUSH_MUTATIONS) {
    return { status: 400, body: { error: `send 1 to ${MAX_PUSH_MUTATIONS} mutations` } };
  }
  for (let i = 0; i < mutations.length; i++) {
    const m = mutations[i] as PushedMutation;
    if (!Number.isSafeInteger(m.id) || m.id < 1 || typeof m.name !== 'string') return { status: 400, body: { error: 'malformed mutation' } };
    if (i > 0 && m.id !== (mutations[i - 1] as PushedMutation).id + 1) return { status: 400, body: { error: 'mutation ids must be consecutive' } };
  }
  const scopes = new Set<string>();
  const outcome = await hub.store.db.transaction().execute(async (trx): Promise<PushOutcome> => {
    const seqs = new SeqBlock();
    const row = await trx.selectFrom('sync_client').select('last_applied').where('client_id', '=', client.clientId).executeTakeFirstOrThrow();
    let last = Number(row.last_applied);
    const first = (mutations[0] as PushedMutation).id;
    if (first > last + 1) return { status: 409, body: { expected: last + 1, reason: 'gap' } };
    const results: PushItemResult[] = [];
    const now = toTimestamp(hub.clock.now());
    for (const m of mutations) {
      const hash = hashOf(m);
      if (m.id <= last) {
        const stored = (await trx.executeQuery(hub.store.queries.query('push.stored', [client.clientId, m.id], () =>
          trx.selectFrom('mutation_result').select(['args_hash', 'result']).where('client_id', '=', client.clientId).where('mutation_id', '=', m.id)))).rows[0] as
          | { args_hash: string; result: string }
          | undefined;
        // the same id with other content: two installations share one identity (a cloned disk)
        if (!stored || stored.args_hash !== hash) return { status: 409, body: { expected: last + 1, reason: 'clone' } };
        results.push({ id: m.id, status: 'alreadyProcessed', result: JSON.parse(stored.result) as MutationResult });
        continue;
      }
      const result = await applyOne(trx, hub, client, m, now, scopes, seqs);
      const stored = {
        client_id: client.clientId, mutation_id: m.id, name: m.name, args_hash: hash, status: result.status,
        result: JSON.stringify(result), created_at: now,
      };
      await trx.executeQuery(hub.store.queries.query('push.result', Object.values(stored), () => trx.insertInto('mutation_result').values(stored)));
      results.push(result);
      last = m.id;
    }
    await trx.updateTable('sync_client').set({ last_applied: last, last_seen_at: now }).where('client_id', '=', client.clientId).execute();
    await seqs.flush(trx);
    return { status: 200, body: { results } };
  });
  if (outcome.status === 200) hub.pokes.poke(scopes);
  return outcome;
}

async function applyOne(
  trx: Trx, hub: HubContext, client: AuthedClient, m: PushedMutation, now: string, scopes: Set<string>, seqs: SeqBlock,
): Promise<MutationResult> {
  const changes = new ChangeWriter(trx, now, { clientId: client.clientId, mutationId: m.id, staffName: m.staffName ?? null }, hub.store.queries, seqs);
  const ctx: MutationContext = {
    trx, changes, client, now, demo: hub.demo, publicUrl: hub.publicUrl,
    mutation: { id: m.id, name: m.name, staffId: m.staffId ?? null, staffName: m.staffName ?? null },
  };
  const finish = (result: MutationResult) => {
    for (const w of changes.written) scopes.add(w.scope);
    return result;
  };
  if (!isMutationName(m.name)) {
    await recordConflict(changes, ctx, { kind: 'rejected', message: `unknown mutation ${m.name}`, ours: m.args });
    return finish({ id: m.id, status: 'rejected', message: `unknown mutation ${m.name}` });
  }
  const parsed = MUTATIONS[m.name].safeParse(m.args);
  if (!parsed.success) {
    const message = `invalid arguments: ${parsed.error.issues[0]?.message ?? 'unknown'}`;
    await recordConflict(changes, ctx, { kind: 'rejected', message, ours: m.args });
    return finish({ id: m.id, status: 'rejected', message });
  }
  const before = seqs.mark();
  await trx.executeQuery(SAVEPOINT);
  try {
    const handler = HUB_MUTATIONS[m.name] as (c: MutationContext, a: unknown) => Promise<{ overwrites?: [] } | void>;
    const applied = await handler(ctx, parsed.data);
    await trx.executeQuery(RELEASE);
    for (const o of applied?.overwrites ?? []) await recordOverwrite(changes, ctx, o);
    return finish({ id: m.id, status: 'applied' });
  } catch (err) {
    await trx.executeQuery(ROLLBACK);
    await trx.executeQuery(RELEASE);
    seqs.reset(before);
    changes.written.length = 0;
    if (!(err instanceof MutationOutcome)) {
      hub.log.error('mutation.failed', { name: m.name, error: err instanceof Error ? err.name : 'unknown' });
    }
    const outcome = err instanceof MutationOutcome ? err : new MutationOutcome('rejected', 'the hub could not apply this change');
    await recordConflict(changes, ctx, {
      kind: outcome.status,
      message: outcome.message,
      entity: outcome.detail.entity ?? null,
      entityId: outcome.detail.entityId ?? null,
      ours: m.args,
      theirs: outcome.detail.current?.[0]?.data ?? undefined,
      handledBy: outcome.detail.handledBy ?? null,
      handledAt: outcome.detail.handledAt ?? null,
    });
    const result: MutationResult = { id: m.id, status: outcome.status, message: outcome.message };
    if (outcome.detail.handledBy) result.handledBy = outcome.detail.handledBy;
    if (outcome.detail.handledAt) result.handledAt = outcome.detail.handledAt;
    const current = outcome.detail.current ?? (await currentOfPut(changes, parsed.data));
    if (current.length) result.current = current;
    return finish(result);
  }
}

/**
 * The hub's side of every row a refused mutation carried (null where the hub has none), so the
 * workstation can put its optimistic copy back to what is true.
 */
async function currentOfPut(changes: ChangeWriter, args: unknown): Promise<NonNullable<MutationResult['current']>> {
  const put = (args as { put?: Record<string, Array<{ id: string }>> }).put;
  const out: NonNullable<MutationResult['current']> = [];
  for (const [entity, rows] of Object.entries(put ?? {})) {
    if (!isEntity(entity)) continue;
    for (const r of rows) {
      const data = (await changes.get(entity, r.id)) ?? null;
      out.push({ entity, id: r.id, version: data ? Number(data.version) : 0, data });
    }
  }
  return out;
}
