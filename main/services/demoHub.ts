import { ENTITIES, pickSynced, type EntityName } from '../../common/sync/entities';
import type { Writer } from '../../db/command';

/**
 * The demo clinic's hub-owned records (result requests, account states) are made on the
 * workstation by the seed; on a real portal patients make them on the hub. Sent once, to the
 * demo's own hub, which alone accepts them.
 */
export function queueDemoHubRows(w: Writer): void {
  const put: Record<string, ReturnType<typeof pickSynced>[]> = {};
  for (const entity of Object.keys(ENTITIES) as EntityName[]) {
    if (ENTITIES[entity].owner !== 'hub' || entity === 'sync_conflict') continue;
    const rows = w.store.sqlite.prepare(`SELECT * FROM "${ENTITIES[entity].table}" WHERE version = 0 AND deleted_at IS NULL`).all() as Array<Record<string, unknown>>;
    if (rows.length) put[entity] = rows.map((r) => pickSynced(entity, r));
  }
  if (Object.keys(put).length) w.mutate('demo.hubRows', { put });
}
