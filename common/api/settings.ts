import { z } from 'zod';
import { PORTAL_CONFIG_KEYS, type PortalConfigKey, type PortalConfigValues } from '../settings';
import type { Timestamp } from '../time';
import { command, out, query } from './define';

/** Every setting with a history: the portal switch and each setting of the configuration screen. */
export const HISTORY_KEYS = ['portal.enabled', ...PORTAL_CONFIG_KEYS] as const;
export type HistoryKey = (typeof HISTORY_KEYS)[number];

export interface PortalConfig {
  /** Seed 003 "Enable Patient Portal". */
  enabled: boolean;
  values: PortalConfigValues;
}

export interface SettingChange {
  id: string;
  key: HistoryKey;
  at: Timestamp;
  /** The admin's display name as it was then (null for changes made by setup). */
  by: string | null;
  oldValue: unknown;
  newValue: unknown;
  reason: string | null;
}

/** Why a change was made: optional, kept in the setting's history (not in the audit detail). */
const reason = z.string().trim().max(500).optional();

export const settingsMethods = {
  'settings.get': query({ input: z.object({}), output: out<PortalConfig>(), access: 'portal.manage' }),
  /**
   * Saves changed settings. Every value is validated with its schema first: one invalid value
   * answers `invalid_input` with `field` = its setting key, and nothing at all is written.
   */
  'settings.save': command({
    input: z.object({ changes: z.partialRecord(z.enum(PORTAL_CONFIG_KEYS), z.unknown()), reason }),
    output: out<PortalConfig & { changed: PortalConfigKey[] }>(),
    access: 'portal.manage',
  }),
  /** The portal switch; the screen asks for confirmation first and says what happens. */
  'settings.setPortalEnabled': command({
    input: z.object({ enabled: z.boolean(), reason }),
    output: out<PortalConfig>(),
    access: 'portal.manage',
  }),
  'settings.history': query({
    input: z.object({ key: z.enum(HISTORY_KEYS) }),
    output: out<SettingChange[]>(),
    access: 'portal.manage',
  }),
};
