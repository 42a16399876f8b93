import type { z } from 'zod';
import type { ApiError } from '../result';
import { PORTAL_CONFIG_KEYS, SETTINGS, type PortalConfigKey, type PortalConfigValues } from '../settings';
import { issueToApiError } from '../validation';

export interface ConfigCheck {
  /** The configuration as it would be after the changes (only valid values applied). */
  next: PortalConfigValues;
  /** Keys whose value really changes, in screen order. */
  changed: PortalConfigKey[];
  /** The first problem of each invalid key, with `field` = the setting key. */
  errors: Partial<Record<PortalConfigKey, ApiError>>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Channel lists compare as sets: ['sms', 'email'] is no change from ['email', 'sms']. */
function normalize(key: PortalConfigKey, value: unknown): unknown {
  if (Array.isArray(value)) {
    const order: readonly unknown[] = key === 'portal.offeredRights' ? (SETTINGS[key].default as unknown[]) : ['email', 'sms'];
    return [...new Set(value)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }
  return value;
}

/** The issue's message key; a wrong type is told apart from a missing value by the value itself. */
function problemOf(issue: z.core.$ZodIssue | undefined, value: unknown): ApiError {
  if (!issue) return { code: 'invalid_input', message: 'invalid', key: 'errors.invalid' };
  if (issue.code !== 'invalid_type') return issueToApiError({ ...issue, path: [] });
  if (value === undefined || value === null || value === '') return { code: 'invalid_input', message: 'required', key: 'errors.required' };
  if (typeof value === 'number' && Number.isFinite(value)) return { code: 'invalid_input', message: 'not a whole number', key: 'portalConfig.errors.wholeNumber' };
  return { code: 'invalid_input', message: issue.message, key: 'errors.invalid' };
}

/**
 * Validates a set of changed settings against their schemas and against each other (a
 * preference must be one of the enabled channels). Used by the screen to show every problem
 * at its field before saving, and by the service, which writes nothing if any key fails.
 */
export function checkPortalConfig(current: PortalConfigValues, changes: Partial<Record<PortalConfigKey, unknown>>): ConfigCheck {
  const next = { ...current } as Record<PortalConfigKey, unknown>;
  const errors: Partial<Record<PortalConfigKey, ApiError>> = {};
  for (const key of PORTAL_CONFIG_KEYS) {
    if (!(key in changes)) continue;
    const parsed = SETTINGS[key].schema.safeParse(changes[key]);
    if (parsed.success) next[key] = normalize(key, parsed.data);
    else {
      errors[key] = { ...problemOf(parsed.error.issues[0], changes[key]), field: key };
    }
  }
  for (const [channels, preference] of [
    ['portal.notifyChannels', 'portal.notifyPreference'],
    ['portal.authChannels', 'portal.authPreference'],
  ] as const) {
    const enabled = next[channels] as string[];
    if (errors[channels] || errors[preference] || enabled.includes(next[preference] as string)) continue;
    errors[preference] = {
      code: 'invalid_input',
      message: `${preference} must be one of ${channels}`,
      field: preference,
      key: 'portalConfig.errors.preferenceNotEnabled',
    };
  }
  const changed = PORTAL_CONFIG_KEYS.filter((k) => !errors[k] && !same(next[k], current[k]));
  return { next: next as PortalConfigValues, changed, errors };
}

/** The first error in screen order, for an API that answers with one field. */
export function firstConfigError(errors: ConfigCheck['errors']): ApiError | undefined {
  for (const key of PORTAL_CONFIG_KEYS) if (errors[key]) return errors[key];
  return undefined;
}
