import type { Selectable } from 'kysely';
import { settingRowId } from '../../common/ids';
import { isClinicSetting, SETTINGS, type SettingKey, type SettingValue } from '../../common/settings';
import type { Timestamp } from '../../common/time';
import type { SettingTable } from '../schema';
import type { Store } from '../store';

export type SettingRow = Selectable<SettingTable>;

export function getSetting<K extends SettingKey>(store: Store, key: K): SettingValue<K> {
  const row = store.first(store.k.selectFrom('setting').select('value').where('key', '=', key));
  const def = SETTINGS[key];
  if (!row) return def.default as SettingValue<K>;
  const parsed = def.schema.safeParse(JSON.parse(row.value));
  return (parsed.success ? parsed.data : def.default) as SettingValue<K>;
}

/** The clinic this workstation serves (one per data directory), or null before setup. */
export function workstationClinicId(store: Store): string | null {
  const row = store.first(store.k.selectFrom('clinic').select('id').where('deleted_at', 'is', null).orderBy('created_at').limit(1));
  return row?.id ?? null;
}

/** Writes one setting and returns the row as it now is (what a `settings.put` mutation carries). */
export function putSetting<K extends SettingKey>(
  store: Store,
  key: K,
  value: SettingValue<K>,
  by: string | null,
  at: Timestamp,
): SettingRow {
  const json = JSON.stringify(SETTINGS[key].schema.parse(value));
  const clinicId = isClinicSetting(key) ? workstationClinicId(store) : null;
  const row: SettingRow = { key, id: settingRowId(clinicId, key), clinic_id: clinicId, value: json, updated_at: at, updated_by: by, version: 0, deleted_at: null };
  store.run(
    store.k
      .insertInto('setting')
      .values(row)
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: at, updated_by: by })),
  );
  return store.first(store.k.selectFrom('setting').selectAll().where('key', '=', key)) as SettingRow;
}

export function settingRows(store: Store, keys: readonly string[]): SettingRow[] {
  if (keys.length === 0) return [];
  return store.all(store.k.selectFrom('setting').selectAll().where('key', 'in', keys));
}
