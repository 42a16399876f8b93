import type { HubContext } from '../../hub/context';
import type { Store } from '../../db/store';
import { hubView, viewOf } from '../helpers/sync';

/**
 * The six properties of SYNC.md "How it is proven", checked at quiescence. Each returns a list of
 * violations (empty when it holds) so a failing schedule says exactly what broke.
 */
export async function checkQuiescence(hub: HubContext, clinicId: string, stations: Array<{ name: string; store: Store }>): Promise<string[]> {
  const problems: string[] = [];
  const want = await hubView({ app: null as never, hub, close: async () => {} }, clinicId);

  for (const s of stations) {
    // 1. every view equals the hub
    const view = viewOf(s.store);
    for (const entity of Object.keys(want)) {
      if (JSON.stringify(view[entity]) !== JSON.stringify(want[entity])) problems.push(`${s.name}: view of ${entity} differs from the hub`);
    }
    // 2. outboxes are empty
    const pending = s.store.sqlite.prepare("SELECT count(*) AS n FROM sync_outbox WHERE state = 'pending'").get() as { n: number };
    if (pending.n) problems.push(`${s.name}: ${pending.n} mutations still pending`);

    // 3. exactly one result per mutation
    const st = s.store.sqlite.prepare('SELECT client_id, next_mutation_id FROM sync_state').get() as { client_id: string; next_mutation_id: number };
    const made = st.next_mutation_id - 1;
    const results = await hub.store.db.selectFrom('mutation_result').select(['mutation_id']).where('client_id', '=', st.client_id).orderBy('mutation_id').execute();
    const ids = results.map((r) => Number(r.mutation_id));
    if (ids.length !== made || ids.some((id, i) => id !== i + 1)) problems.push(`${s.name}: ${made} mutations made, hub holds results for [${ids.join(',')}]`);
    const client = await hub.store.db.selectFrom('sync_client').select('last_applied').where('client_id', '=', st.client_id).executeTakeFirst();
    if (Number(client?.last_applied) !== made) problems.push(`${s.name}: hub last applied ${String(client?.last_applied)} but ${made} made`);

    // 5. every mutation not applied is visible as a conflict or rejection, here and at the hub
    const refused = s.store.sqlite.prepare("SELECT mutation_id, state FROM sync_outbox WHERE state NOT IN ('applied', 'pending')").all() as Array<{ mutation_id: number; state: string }>;
    for (const r of refused) {
      const c = s.store.sqlite.prepare('SELECT kind FROM sync_conflict WHERE client_id = ? AND mutation_id = ?').get(st.client_id, r.mutation_id) as { kind: string } | undefined;
      if (!c) problems.push(`${s.name}: mutation ${r.mutation_id} was ${r.state} but no conflict record shows it`);
    }

    // 6. no acknowledged write lost: each applied mutation left its changes in the hub's log
    const applied = s.store.sqlite.prepare("SELECT mutation_id, name FROM sync_outbox WHERE state = 'applied'").all() as Array<{ mutation_id: number; name: string }>;
    for (const a of applied) {
      const n = await hub.store.db.selectFrom('change_log').select((eb) => eb.fn.countAll().as('n'))
        .where('client_id', '=', st.client_id).where('mutation_id', '=', a.mutation_id).executeTakeFirst();
      if (!Number((n as { n?: number } | undefined)?.n)) problems.push(`${s.name}: applied mutation ${a.mutation_id} (${a.name}) left no change at the hub`);
    }
  }

  // 4. no duplicate effects: each mutation's changes were written in exactly one hub transaction
  const txs = await hub.store.db.selectFrom('change_log').select(['client_id', 'mutation_id', 'tx']).where('client_id', 'is not', null).execute();
  const byMutation = new Map<string, Set<number>>();
  for (const r of txs) {
    const key = `${r.client_id}:${r.mutation_id}`;
    if (!byMutation.has(key)) byMutation.set(key, new Set());
    byMutation.get(key)?.add(Number(r.tx));
  }
  for (const [key, set] of byMutation) if (set.size > 1) problems.push(`mutation ${key} took effect ${set.size} times`);
  return problems;
}
