import { pickSynced, type EntityName, type EntityRow } from '../../common/sync/entities';
import type { Store } from '../store';
import { rolesOf } from './staff';

/** Columns that travel with a row but live elsewhere on the workstation (in another table). */
const EXTRA: Partial<Record<EntityName, (store: Store, row: Record<string, unknown>) => EntityRow>> = {
  staff_user: (store, row) => ({ roles: rolesOf(store, String(row.id)).join(',') }),
};

/** A local row as it goes to the hub: its synced columns, plus those kept in other tables. */
export function outgoingRow(store: Store, entity: EntityName, row: Record<string, unknown>): EntityRow {
  return { ...pickSynced(entity, row), ...(EXTRA[entity]?.(store, row) ?? {}) };
}
