import { create } from 'zustand';
import type { SyncStatus } from '../../common/sync/status';
import { call, on } from '../api';
import { shownState, type ShownState } from '../screens/sync/words';

interface SyncStore {
  status: SyncStatus | null;
  /** The state the screen shows (see shownState), and the last change of it worth announcing. */
  shown: ShownState | null;
  announce: ShownState | null;
  set(status: SyncStatus): void;
}

export const useSyncStatus = create<SyncStore>((set) => ({
  status: null,
  shown: null,
  announce: null,
  set: (status) =>
    set((prev) => {
      const shown = shownState(status, prev.shown);
      // the first state is what the screen opens with, not news
      const announce = prev.shown !== null && shown !== prev.shown ? shown : prev.announce;
      return { status, shown, announce };
    }),
}));

let followers = 0;
let off: (() => void) | null = null;

/**
 * Follows the workstation's sync status for every part of the screen that shows it (the top
 * bar, the navigation's conflict count, the Sync screen): one request, then main's pushes.
 */
export function followSyncStatus(): () => void {
  if (followers++ === 0) {
    off = on('sync.status', (s) => useSyncStatus.getState().set(s));
    void call('sync.status', {}).then((r) => r.ok && useSyncStatus.getState().set(r.value));
  }
  return () => {
    if (--followers === 0) {
      off?.();
      off = null;
    }
  };
}
