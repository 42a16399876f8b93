import { SETTINGS, type SettingKey, type SettingValue } from '../../common/settings';
import type { Timestamp } from '../../common/time';
import type { Store } from '../store';

export function getSetting<K extends SettingKey>(store: Store, key: K): SettingValue<K> {
  const row = store.first(store.k.selectFrom('setting').select('value').where('key', '=', key));
  const def = SETTINGS[key];
  if (!row) return def.default as SettingValue<K>;
  const parsed = def.schema.safeParse(JSON.parse(row.value));
  return (parsed.success ? parsed.data : def.default) as SettingValue<K>;
}

export function putSetting<K extends SettingKey>(
  store: Store,
  key: K,
  value: SettingValue<K>,
  by: string | null,
  at: Timestamp,
): void {
  const json = JSON.stringify(SETTINGS[key].schema.parse(value));
  store.run(
    store.k
      .insertInto('setting')
      .values({ key, value: json, updated_at: at, updated_by: by, version: 0 })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: at, updated_by: by })),
  );
}
