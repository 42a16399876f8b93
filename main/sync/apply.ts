import { ENTITIES, type EntityName, type EntityRow } from '../../common/sync/entities';
import { searchTextOf, writeNameTokens } from '../../db/queries/patients';
import type { Store } from '../../db/store';

/** Columns of each local table, read once: a row from the hub writes only columns both sides have. */
const columnCache = new WeakMap<Store, Map<string, Set<string>>>();
function localColumns(store: Store, table: string): Set<string> {
  let byTable = columnCache.get(store);
  if (!byTable) columnCache.set(store, (byTable = new Map()));
  let cols = byTable.get(table);
  if (!cols) {
    cols = new Set((store.sqlite.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name));
    byTable.set(table, cols);
  }
  return cols;
}

/** Columns a row fills that the hub does not carry but the workstation needs. */
const DERIVED: Partial<Record<EntityName, (row: EntityRow) => EntityRow>> = {
  patient: (row) => ({ search_text: searchTextOf(String(row.given_name ?? ''), String(row.family_name ?? '')) }),
};
const AFTER_WRITE: Partial<Record<EntityName, (store: Store, row: EntityRow) => void>> = {
  patient: (store, row) =>
    writeNameTokens(store, { id: String(row.id), given_name: String(row.given_name ?? ''), family_name: String(row.family_name ?? ''), mrn: String(row.mrn ?? '') }),
};

/**
 * Writes a row that came from the hub. Unless forced, only a higher version wins (SYNC.md rule 4:
 * replaying a page is a no-op) and a row with a local change still on its way to the hub is left
 * alone: the hub's answer to that change brings the row back. Returns whether it wrote.
 */
export function applyRow(store: Store, entity: EntityName, data: EntityRow, opts: { force?: boolean; ignoreVersion?: boolean } = {}): boolean {
  const { table } = ENTITIES[entity];
  const id = String(data.id);
  if (!opts.force && hasPendingChange(store, entity, id)) return false;
  const have = localColumns(store, table);
  const row: EntityRow = { ...data, ...(DERIVED[entity]?.(data) ?? {}) };
  const cols = Object.keys(row).filter((c) => have.has(c));
  const sets = cols.filter((c) => c !== 'id').map((c) => `"${c}" = excluded."${c}"`).join(', ');
  // a snapshot after an epoch change carries the restored hub's (lower) versions: it replaces all
  const guard = opts.force || opts.ignoreVersion ? '' : ` WHERE excluded.version > "${table}".version`;
  const sql = `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})
    ON CONFLICT(id) DO UPDATE SET ${sets}${guard}`;
  const changed = store.prepare(sql).run(...cols.map((c) => row[c] ?? null)).changes > 0;
  if (changed) AFTER_WRITE[entity]?.(store, row);
  return changed;
}

/** The hub has no such row (a local change it refused): the local copy is withdrawn. */
export function withdrawRow(store: Store, entity: EntityName, id: string, now: string): void {
  const { table } = ENTITIES[entity];
  store.prepare(`UPDATE "${table}" SET deleted_at = coalesce(deleted_at, ?) WHERE id = ?`).run(now, id);
}

export function hasPendingChange(store: Store, entity: string, id: string): boolean {
  return !!store
    .prepare(`SELECT 1 FROM sync_outbox_row r JOIN sync_outbox o ON o.mutation_id = r.mutation_id
      WHERE r.entity = ? AND r.entity_id = ? AND o.state = 'pending' LIMIT 1`)
    .get(entity, id);
}

/** Rows the hub once had (version > 0) that a snapshot no longer lists: gone at the hub, gone here. */
export function sweepUnseen(store: Store, seen: Map<string, Set<string>>, now: string): number {
  let withdrawn = 0;
  for (const entity of Object.keys(ENTITIES) as EntityName[]) {
    const { table } = ENTITIES[entity];
    const ids = store.sqlite.prepare(`SELECT id FROM "${table}" WHERE version > 0 AND deleted_at IS NULL`).pluck().all() as string[];
    const keep = seen.get(entity) ?? new Set<string>();
    for (const id of ids) {
      if (keep.has(id) || hasPendingChange(store, entity, id)) continue;
      withdrawRow(store, entity, id, now);
      withdrawn++;
    }
  }
  return withdrawn;
}
