import type { TFunction } from 'i18next';
import type { SyncStatus } from '../../../common/sync/status';

export type ShownState = SyncStatus['state'];

/**
 * The state worth showing. A round runs every few seconds, so "syncing" alone would flicker:
 * it shows only while a first sync or a resync loads (with progress), or before anything is known.
 */
export function shownState(s: SyncStatus, previous: ShownState | null): ShownState {
  if (s.state !== 'syncing' || s.progress) return s.state;
  return previous ?? 'syncing';
}

export type Problem = 'unreachable' | 'credentialRefused' | 'hubFailed' | 'hubRefused' | 'interrupted' | 'clone' | 'other';

/** The sync client's last error (English, technical) as a kind of problem staff can act on. */
export function problemOf(lastError: string | null): Problem | null {
  if (!lastError) return null;
  if (/another installation uses/i.test(lastError)) return 'clone';
  if (/not reachable|ECONNREFUSED|fetch failed|timed? ?out|abort/i.test(lastError)) return 'unreachable';
  if (/answered 40[13]\b/.test(lastError)) return 'credentialRefused';
  if (/answered 5\d\d\b/.test(lastError)) return 'hubFailed';
  if (/cut off|interrupted|ended early|without a header/i.test(lastError)) return 'interrupted';
  if (/answered 4\d\d\b/.test(lastError)) return 'hubRefused';
  return 'other';
}

/** Mutation names in plain words; a name this version does not know is shown as it is. */
const MUTATION_KEYS: Record<string, string> = {
  'rows.put': 'rowsPut',
  'requests.handle': 'requestsHandle',
  'conflicts.ack': 'conflictsAck',
  'settings.put': 'settingsPut',
  'staff.put': 'staffPut',
};

export function changeWhat(t: TFunction, name: string, entity: string | null): string {
  if (name === 'rows.put' && entity) return t(`sync.what.rows.${entity}`, { defaultValue: t('sync.what.rows.other', { entity }) });
  const key = MUTATION_KEYS[name];
  return key ? t(`sync.what.${key}`) : name;
}
