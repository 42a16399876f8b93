import { create } from 'zustand';
import type { SessionState } from '../../common/api/session';
import type { Permission } from '../../common/permissions';
import { call } from '../api';

interface SessionStore {
  state: SessionState | null;
  set(state: SessionState): void;
  refresh(): Promise<void>;
}

export const useSession = create<SessionStore>((set) => ({
  state: null,
  set: (state) => set({ state }),
  refresh: async () => {
    const r = await call('session.state', {});
    if (r.ok) set({ state: r.value });
  },
}));

export function can(permission: Permission | undefined, state = useSession.getState().state): boolean {
  if (!permission) return true;
  return !!state?.staff?.permissions.includes(permission);
}

export function useCan(permission: Permission | undefined): boolean {
  const state = useSession((s) => s.state);
  return can(permission, state);
}
