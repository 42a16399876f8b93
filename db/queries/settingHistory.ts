import type { Selectable } from 'kysely';
import type { PortalSwitchEvent } from '../../common/rules/portalSwitch';
import type { SettingHistoryTable } from '../schema';
import type { Store } from '../store';

export type SettingHistoryRow = Selectable<SettingHistoryTable>;

export function insertSettingHistory(store: Store, row: SettingHistoryRow): void {
  store.run(store.k.insertInto('setting_history').values(row));
}

/** Every change of one setting, newest first. */
export function settingHistory(store: Store, key: string): SettingHistoryRow[] {
  return store.all(
    store.k
      .selectFrom('setting_history')
      .selectAll()
      .where('key', '=', key)
      .where('deleted_at', 'is', null)
      .orderBy('changed_at', 'desc')
      .orderBy('id', 'desc'),
  );
}

/**
 * Every turn of the portal switch, oldest first: for the issued-keys feature, which lists a key
 * switched off by a disable with that event (who, when, why) as its reason; see
 * common/rules/portalSwitch.ts `disabledBySwitch`.
 */
export function portalSwitchEvents(store: Store): PortalSwitchEvent[] {
  return settingHistory(store, 'portal.enabled')
    .reverse()
    .map((r) => ({ id: r.id, at: r.changed_at, enabled: JSON.parse(r.new_value) === true, by: r.changed_by_name, reason: r.reason }));
}
