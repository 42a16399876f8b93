import { ENTITIES, type EntityName } from '../../common/sync/entities';
import { nowTimestamp, type Clock } from '../../common/time';
import { appendOutbox } from '../../db/command';
import { outgoingRow } from '../../db/queries/synced';
import type { Store } from '../../db/store';

const ROWS_PER_MUTATION = 200;

/**
 * The founding workstation of a clinic brings the clinic's records to the hub: every clinic-owned
 * row the hub has never had (version 0) is queued as `rows.put`, parents before children.
 */
export function queueUnsyncedRows(store: Store, clinicId: string, clock: Clock): number {
  let queued = 0;
  const now = nowTimestamp(clock);
  store.tx(() => {
    for (const entity of Object.keys(ENTITIES) as EntityName[]) {
      const def = ENTITIES[entity];
      if (def.owner !== 'clinic') continue;
      const scope = entity === 'clinic' ? 'id' : 'clinic_id';
      const rows = store.sqlite.prepare(`SELECT * FROM "${def.table}" WHERE version = 0 AND "${scope}" = ? ORDER BY rowid`).all(clinicId) as Array<Record<string, unknown>>;
      for (let i = 0; i < rows.length; i += ROWS_PER_MUTATION) {
        const chunk = rows.slice(i, i + ROWS_PER_MUTATION).map((r) => outgoingRow(store, entity, r));
        appendOutbox(store, now, 'rows.put', { put: { [entity]: chunk } });
        queued += chunk.length;
      }
    }
  });
  return queued;
}
