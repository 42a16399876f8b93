import { newId } from '../common/ids';
import { openDatabase, type OpenOptions } from './open';
import { Store } from './store';

/** Opens (creating if needed) the store in `file` and makes sure it has its sync identity. */
export function openStore(file: string, opts: OpenOptions = {}): Store {
  const store = new Store(openDatabase(file, opts));
  store.sqlite.prepare('INSERT OR IGNORE INTO sync_state (id, client_id) VALUES (1, ?)').run(newId());
  return store;
}

export function workstationId(store: Store): string {
  const row = store.first(store.k.selectFrom('sync_state').select('client_id').where('id', '=', 1));
  if (!row) throw new Error('sync_state is missing');
  return row.client_id;
}
