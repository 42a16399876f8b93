import { z } from 'zod';

/**
 * Every setting, its schema and its default, declared once. Values are stored one row per key.
 * Feature issues add their keys here; the settings screen and the hub read the same list.
 */
export const SETTINGS = {
  'staff.idleLockMinutes': { schema: z.number().int().min(1).max(480), default: 15 },
  'app.demo': { schema: z.boolean(), default: false },
} satisfies Record<string, { schema: z.ZodType; default: unknown }>;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]['schema']>;
