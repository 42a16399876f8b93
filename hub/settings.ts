import type { Kysely } from 'kysely';
import { settingRowId } from '../common/ids';
import { SETTINGS, type SettingKey, type SettingValue } from '../common/settings';
import type { HubDB } from './db/schema';
import { entityDb } from './sync/changes';

/**
 * A clinic's setting as its workstations last pushed it (the synced `setting` rows), or the
 * default. This is how the hub obeys the portal configuration: session length, channels,
 * delays, and whether the portal is enabled at all.
 */
export async function clinicSetting<K extends SettingKey>(db: Kysely<HubDB>, clinicId: string, key: K): Promise<SettingValue<K>> {
  const row = (await entityDb(db).selectFrom('e_setting').select('value').where('id', '=', settingRowId(clinicId, key)).where('deleted_at', 'is', null).executeTakeFirst()) as
    | { value: string }
    | undefined;
  const def = SETTINGS[key];
  if (!row) return def.default as SettingValue<K>;
  const parsed = def.schema.safeParse(JSON.parse(row.value));
  return (parsed.success ? parsed.data : def.default) as SettingValue<K>;
}
