/** What the shell's sync indicator shows; pushed to screens as the `sync.status` event. */
export interface SyncStatus {
  /** off: no hub configured; online: last attempt reached the hub; offline: it did not. */
  state: 'off' | 'online' | 'offline' | 'syncing' | 'error';
  hubUrl: string | null;
  pending: number;
  conflicts: number;
  lastSyncedAt: string | null;
  lastError: string | null;
  /** While a first sync or resync loads its snapshot. */
  progress: { done: number; total: number } | null;
  /** Live pokes from the hub; polling otherwise. */
  live: boolean;
}
