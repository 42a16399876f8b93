import type { SyncStatus } from '../sync/status';

/** Events main pushes to the renderer (no PHI in them: ids and names of what changed). */
export interface PortalEvents {
  'sync.status': SyncStatus;
  'session.changed': { reason: 'locked' | 'signedOut' | 'signedIn' | 'unlocked' | 'updated' };
  /** `ids` lists the changed rows when they are few; without it, anything of those entities may have changed. */
  'data.changed': { entities: string[]; ids?: string[] };
}
export type EventName = keyof PortalEvents;
