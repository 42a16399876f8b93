import type { HistoryKey, PortalConfig, SettingChange } from '../../common/api/settings';
import { newId } from '../../common/ids';
import { DomainError } from '../../common/result';
import { checkPortalConfig, firstConfigError } from '../../common/rules/portalConfig';
import { PORTAL_CONFIG_KEYS, type PortalConfigKey, type PortalConfigValues, type SettingKey, type SettingValue } from '../../common/settings';
import type { MutationArgs } from '../../common/sync/mutations';
import { runCommand, type Writer } from '../../db/command';
import { insertSettingHistory, settingHistory, type SettingHistoryRow } from '../../db/queries/settingHistory';
import { getSetting, putSetting, type SettingRow } from '../../db/queries/settings';
import type { Store } from '../../db/store';
import { commandContext, requireSession, type CallContext } from '../context';
import type { Handlers } from '../dispatcher';
import { disableKeysForPortalOff } from './keys';

export function readPortalConfig(store: Store): PortalConfig {
  const values = Object.fromEntries(PORTAL_CONFIG_KEYS.map((k) => [k, getSetting(store, k)])) as PortalConfigValues;
  return { enabled: getSetting(store, 'portal.enabled'), values };
}

/**
 * Writes one setting with its history row and returns both rows for the hub. The old value is
 * the effective one (the default when the setting had never been written).
 */
function change<K extends SettingKey>(w: Writer, ctx: CallContext, key: K, value: SettingValue<K>, reason: string | null) {
  const old = getSetting(w.store, key);
  const row = putSetting(w.store, key, value, w.actor.staffId, w.now);
  const history: SettingHistoryRow = {
    id: newId(),
    clinic_id: row.clinic_id,
    key,
    old_value: JSON.stringify(old),
    new_value: row.value,
    reason,
    changed_at: w.now,
    changed_by: w.actor.staffId,
    changed_by_name: requireSession(ctx).displayName,
    workstation_id: w.actor.workstationId,
    version: 0,
    deleted_at: null,
  };
  insertSettingHistory(w.store, history);
  return { row, history };
}

function settingsPut(
  rows: Array<{ row: SettingRow; history: SettingHistoryRow }>,
  values: Record<string, unknown>,
  portal?: 'enabled' | 'disabled',
): MutationArgs<'settings.put'> {
  return {
    put: { setting: rows.map((r) => ({ ...r.row })), setting_history: rows.map((r) => ({ ...r.history })) },
    values,
    ...(portal ? { portal } : {}),
  };
}

function toChange(r: SettingHistoryRow): SettingChange {
  return {
    id: r.id,
    key: r.key as HistoryKey,
    at: r.changed_at,
    by: r.changed_by_name,
    oldValue: JSON.parse(r.old_value) as unknown,
    newValue: JSON.parse(r.new_value) as unknown,
    reason: r.reason,
  };
}

export const settingsHandlers: Pick<Handlers, 'settings.get' | 'settings.save' | 'settings.setPortalEnabled' | 'settings.history'> = {
  'settings.get': (_input, ctx) => readPortalConfig(ctx.app.store),

  'settings.save': ({ changes, reason }, ctx) => {
    const changed = runCommand(commandContext(ctx), {
      run: (w) => {
        // checked inside the transaction, against what is on disk now, before anything is written
        const check = checkPortalConfig(readPortalConfig(w.store).values, changes);
        const error = firstConfigError(check.errors);
        if (error) throw new DomainError('invalid_input', error.message, { field: error.field ?? '', key: error.key ?? 'errors.invalid', ...(error.params ? { params: error.params } : {}) });
        if (check.changed.length === 0) return [];
        const written = check.changed.map((key) => change(w, ctx, key, check.next[key] as never, reason || null));
        const values = Object.fromEntries(check.changed.map((k) => [k, check.next[k]]));
        w.mutate('settings.put', settingsPut(written, values));
        return check.changed;
      },
      audit: (keys: PortalConfigKey[]) => keys.map((key) => ({ action: 'settings.change', entityType: 'setting', entityId: key, detail: key })),
    });
    // what reads settings here learns of the change (automatic approval of waiting login requests)
    if (changed.length) ctx.app.events.broadcast('data.changed', { entities: ['setting'] });
    return { ...readPortalConfig(ctx.app.store), changed };
  },

  'settings.setPortalEnabled': ({ enabled, reason }, ctx) => {
    runCommand(commandContext(ctx), {
      run: (w) => {
        if (getSetting(w.store, 'portal.enabled') === enabled) return false;
        const written = change(w, ctx, 'portal.enabled', enabled, reason || null);
        w.mutate('settings.put', settingsPut([written], { 'portal.enabled': enabled }, enabled ? 'enabled' : 'disabled'));
        // seed 003: turning the portal off revokes every link and key; they stay listed with the reason
        if (!enabled) disableKeysForPortalOff(w);
        return true;
      },
      audit: (turned) =>
        turned
          ? { action: enabled ? 'portal.enable' : 'portal.disable', entityType: 'setting', entityId: 'portal.enabled' }
          : [],
    });
    return readPortalConfig(ctx.app.store);
  },

  'settings.history': ({ key }, ctx) => settingHistory(ctx.app.store, key).map(toChange),
};
