import type { Statement } from 'better-sqlite3';
import { ROLES, type Role } from '../../common/permissions';
import { ENTITIES, isEntityName, type EntityName, type EntityRow } from '../../common/sync/entities';
import { searchTextOf, writeNameTokens } from '../../db/queries/patients';
import { setRoles } from '../../db/queries/staff';
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
  staff_user: writeRoles,
};

/** A staff row carries its roles; without them (null) the local roles stay as they are. */
function writeRoles(store: Store, row: EntityRow): void {
  if (typeof row.roles !== 'string') return;
  setRoles(store, String(row.id), row.roles.split(',').filter((r): r is Role => (ROLES as readonly string[]).includes(r)));
}

/** One prepared upsert per table, column list and version guard: rows arrive by the thousand. */
const upserts = new WeakMap<Store, Map<string, { cols: string[]; stmt: Statement }>>();
function upsertFor(store: Store, table: string, row: EntityRow, guarded: boolean): { cols: string[]; stmt: Statement } {
  let byKey = upserts.get(store);
  if (!byKey) upserts.set(store, (byKey = new Map()));
  const keys = Object.keys(row);
  const key = `${table}|${guarded ? 1 : 0}|${keys.join(',')}`;
  let upsert = byKey.get(key);
  if (!upsert) {
    const have = localColumns(store, table);
    const cols = keys.filter((c) => have.has(c));
    const sets = cols.filter((c) => c !== 'id').map((c) => `"${c}" = excluded."${c}"`).join(', ');
    const guard = guarded ? ` WHERE excluded.version > "${table}".version` : '';
    const stmt = store.sqlite.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})
      ON CONFLICT(id) DO UPDATE SET ${sets}${guard}`);
    byKey.set(key, (upsert = { cols, stmt }));
  }
  return upsert;
}

/**
 * Writes a row that came from the hub. Unless forced, only a higher version wins (SYNC.md rule 4:
 * replaying a page is a no-op) and a row with a local change still on its way to the hub is left
 * alone: the hub's answer to that change brings the row back. Returns whether it wrote.
 * `outboxEmpty` says the caller checked that nothing is pending, so no row needs looking up.
 */
export function applyRow(
  store: Store,
  entity: EntityName,
  data: EntityRow,
  opts: { force?: boolean; ignoreVersion?: boolean; outboxEmpty?: boolean } = {},
): boolean {
  const { table } = ENTITIES[entity];
  const id = String(data.id);
  if (!opts.force && !opts.outboxEmpty && hasPendingChange(store, entity, id)) {
    keepShadow(store, entity, id, data);
    return false;
  }
  const derived = DERIVED[entity];
  const row: EntityRow = derived ? { ...data, ...derived(data) } : data;
  // a snapshot after an epoch change carries the restored hub's (lower) versions: it replaces all
  const { cols, stmt } = upsertFor(store, table, row, !opts.force && !opts.ignoreVersion);
  const changed = stmt.run(...cols.map((c) => row[c] ?? null)).changes > 0;
  if (changed) AFTER_WRITE[entity]?.(store, row);
  return changed;
}

/**
 * The hub has no such row (a local change it refused, or a restored hub that never had it): the
 * local copy is withdrawn, at version 0 so that the row can come back should the hub get it again.
 */
export function withdrawRow(store: Store, entity: EntityName, id: string, now: string): void {
  const { table } = ENTITIES[entity];
  store.prepare(`UPDATE "${table}" SET deleted_at = coalesce(deleted_at, ?), version = 0 WHERE id = ?`).run(now, id);
}

/** Versions belong to an epoch: after a change of epoch none of the old ones may hold back a row. */
export function forgetVersions(store: Store): void {
  for (const { table } of Object.values(ENTITIES)) store.prepare(`UPDATE "${table}" SET version = 0 WHERE version <> 0`).run();
  store.prepare('DELETE FROM sync_shadow').run();
}

/** Remembers the newest hub version of a row held back by a pending local change. */
function keepShadow(store: Store, entity: EntityName, id: string, data: EntityRow): void {
  store
    .prepare(`INSERT INTO sync_shadow (entity, entity_id, version, data) VALUES (?, ?, ?, ?)
      ON CONFLICT(entity, entity_id) DO UPDATE SET version = excluded.version, data = excluded.data WHERE excluded.version > sync_shadow.version`)
    .run(entity, id, Number(data.version ?? 0), JSON.stringify(data));
}

/**
 * Once no change of a row is pending any more, the hub's newest version of it that a pull held
 * back is written (if it is newer than what the row shows), so the row catches up with the hub.
 */
export function releaseShadows(store: Store, rows: Array<{ entity: string; entity_id: string }>): void {
  for (const r of rows) {
    if (!isEntityName(r.entity)) continue;
    // most settled rows have no shadow: look that up first, it is the cheaper question
    const shadow = store.prepare('SELECT version, data FROM sync_shadow WHERE entity = ? AND entity_id = ?').get(r.entity, r.entity_id) as
      | { version: number; data: string }
      | undefined;
    if (!shadow || hasPendingChange(store, r.entity, r.entity_id)) continue;
    store.prepare('DELETE FROM sync_shadow WHERE entity = ? AND entity_id = ?').run(r.entity, r.entity_id);
    const local = store.prepare(`SELECT version FROM "${ENTITIES[r.entity].table}" WHERE id = ?`).get(r.entity_id) as { version: number } | undefined;
    if (!local || shadow.version > local.version) applyRow(store, r.entity, JSON.parse(shadow.data) as EntityRow, { force: true });
  }
}

export function hasPendingChange(store: Store, entity: string, id: string): boolean {
  return !!store
    .prepare(`SELECT 1 FROM sync_outbox_row r JOIN sync_outbox o ON o.mutation_id = r.mutation_id
      WHERE r.entity = ? AND r.entity_id = ? AND o.state = 'pending' LIMIT 1`)
    .get(entity, id);
}

/**
 * Rows a snapshot does not list are gone at the hub, so they go here too, unless a local change
 * of theirs is still on its way (a row created here that the hub has not had yet).
 */
export function sweepUnseen(store: Store, seen: Map<string, Set<string>>, now: string): number {
  let withdrawn = 0;
  for (const entity of Object.keys(ENTITIES) as EntityName[]) {
    const { table } = ENTITIES[entity];
    // rows without a clinic (a workstation's own settings) never came from the hub
    const scoped = entity === 'clinic' ? '' : ' AND clinic_id IS NOT NULL';
    const ids = store.sqlite.prepare(`SELECT id FROM "${table}" WHERE deleted_at IS NULL${scoped}`).pluck().all() as string[];
    const keep = seen.get(entity) ?? new Set<string>();
    for (const id of ids) {
      if (keep.has(id) || hasPendingChange(store, entity, id)) continue;
      withdrawRow(store, entity, id, now);
      withdrawn++;
    }
  }
  return withdrawn;
}
