import type { Kysely } from 'kysely';
import { isId } from '../../common/ids';
import { NOTIFICATION_PARAMS } from '../../common/notifications';
import { SETTINGS, type SettingKey, type SettingValue } from '../../common/settings';
import type { HubDB } from '../db/schema';
import { entityDb } from '../sync/changes';

const KEYS = [
  'portal.enabled', 'portal.displayName', 'portal.sessionMinutes', 'portal.offeredRights', 'portal.authChannels',
  'portal.authPreference', 'portal.notifyChannels', 'portal.notifyPreference', 'portal.tempPasswordDays',
] as const satisfies readonly SettingKey[];
type PortalSettings = { [K in (typeof KEYS)[number]]: SettingValue<K> };

/** A clinic as its patients' pages need it: its name and the portal configuration its workstations pushed. */
export interface ClinicPortal {
  id: string;
  name: string;
  settings: PortalSettings;
  /** The portal's display name (portal.displayName), else the clinic's name. */
  portalName: string;
}

/**
 * All of a clinic's portal settings in one read of its synced `setting` rows (the same rule as
 * hub/settings.ts `clinicSetting`: an invalid or missing value is the default).
 */
export async function clinicPortal(db: Kysely<HubDB>, clinicId: string): Promise<ClinicPortal | null> {
  if (!isId(clinicId)) return null;
  const clinic = (await entityDb(db).selectFrom('e_clinic').select(['id', 'name']).where('id', '=', clinicId).where('deleted_at', 'is', null).executeTakeFirst()) as
    | { id: string; name: string }
    | undefined;
  if (!clinic) return null;
  const rows = (await entityDb(db).selectFrom('e_setting').select(['key', 'value']).where('clinic_id', '=', clinicId).where('deleted_at', 'is', null)
    .where('key', 'in', KEYS as unknown as string[]).execute()) as Array<{ key: string; value: string }>;
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const settings = {} as Record<string, unknown>;
  for (const key of KEYS) {
    const def = SETTINGS[key];
    const raw = stored.get(key);
    let value: unknown = def.default;
    if (raw !== undefined) {
      try {
        const parsed = def.schema.safeParse(JSON.parse(raw));
        if (parsed.success) value = parsed.data;
      } catch {
        // a row that is not JSON counts as missing
      }
    }
    settings[key] = value;
  }
  const s = settings as PortalSettings;
  const customName = stored.has('portal.displayName') ? s['portal.displayName'] : null;
  return { id: clinic.id, name: clinic.name, settings: s, portalName: customName ?? clinic.name };
}

/** Every clinic on the hub, for the root page. */
export async function listClinics(db: Kysely<HubDB>): Promise<ClinicPortal[]> {
  const ids = (await entityDb(db).selectFrom('e_clinic').select('id').where('deleted_at', 'is', null).orderBy('name').execute()) as Array<{ id: string }>;
  const out: ClinicPortal[] = [];
  for (const { id } of ids) {
    const c = await clinicPortal(db, id);
    if (c) out.push(c);
  }
  return out.sort((a, b) => a.portalName.localeCompare(b.portalName));
}

/** The portal's name as email and SMS may show it (one line, no markup), or none (the template's default). */
export function notificationName(clinic: ClinicPortal): string | undefined {
  const parsed = NOTIFICATION_PARAMS.welcome.safeParse({ displayName: clinic.portalName });
  return parsed.success ? parsed.data.displayName : undefined;
}
