import { delayInUnits, delayToHours, type DelayUnit } from '../../../common/rules/delay';
import { checkPortalConfig, type ConfigCheck } from '../../../common/rules/portalConfig';
import { PORTAL_CONFIG_KEYS, type PortalConfigKey, type PortalConfigValues } from '../../../common/settings';

/** Settings typed as numbers keep the typed text, so "abc" or "" can be shown and refused at the field. */
export const NUMBER_KEYS = ['portal.sessionMinutes', 'keys.expiryDays', 'portal.tempPasswordDays'] as const;
export const DELAY_KEYS = ['portal.studyAccessDelayHours', 'portal.reportAccessDelayHours'] as const;
type NumberKey = (typeof NUMBER_KEYS)[number];
type DelayKey = (typeof DELAY_KEYS)[number];

export interface DelayDraft {
  amount: string;
  unit: DelayUnit;
}

/** The form's state: the saved values, except numbers as text and delays as an amount with a unit. */
export type Draft = Omit<PortalConfigValues, NumberKey | DelayKey> & Record<NumberKey, string> & Record<DelayKey, DelayDraft>;

const isNumberKey = (k: PortalConfigKey): k is NumberKey => (NUMBER_KEYS as readonly string[]).includes(k);
const isDelayKey = (k: PortalConfigKey): k is DelayKey => (DELAY_KEYS as readonly string[]).includes(k);

export function toDraft(values: PortalConfigValues): Draft {
  const draft: Record<string, unknown> = { ...values };
  for (const k of NUMBER_KEYS) draft[k] = String(values[k]);
  for (const k of DELAY_KEYS) {
    const { amount, unit } = delayInUnits(values[k]);
    draft[k] = { amount: String(amount), unit };
  }
  return draft as Draft;
}

/** Text → number the way the schema will judge it: empty is missing, anything unparsable stays text. */
function number(text: string): unknown {
  const s = text.trim();
  if (s === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : s;
}

export function fromDraft(draft: Draft): Record<PortalConfigKey, unknown> {
  const out: Record<string, unknown> = { ...draft };
  for (const k of NUMBER_KEYS) out[k] = number(draft[k]);
  for (const k of DELAY_KEYS) {
    const n = number(draft[k].amount);
    out[k] = typeof n === 'number' ? delayToHours(n, draft[k].unit) : n;
  }
  return out as Record<PortalConfigKey, unknown>;
}

/** Keys whose field differs from what is saved (typing and untyping a change leaves none). */
export function dirtyKeys(draft: Draft, saved: PortalConfigValues): PortalConfigKey[] {
  const base = toDraft(saved);
  return PORTAL_CONFIG_KEYS.filter((k) => JSON.stringify(draft[k]) !== JSON.stringify(base[k]));
}

/** Validates the dirty fields with the same rules the service applies. */
export function checkDraft(draft: Draft, saved: PortalConfigValues): ConfigCheck {
  const values = fromDraft(draft);
  const changes = Object.fromEntries(dirtyKeys(draft, saved).map((k) => [k, values[k]]));
  return checkPortalConfig(saved, changes);
}

export { isDelayKey, isNumberKey };
