import type { SyncStatus } from '../sync/status';

/** Events main pushes to the renderer (no PHI in them: ids and names of what changed). */
export interface PortalEvents {
  'sync.status': SyncStatus;
  'session.changed': { reason: 'locked' | 'signedOut' | 'signedIn' | 'unlocked' | 'updated' };
  'data.changed': { entities: string[] };
}
export type EventName = keyof PortalEvents;
