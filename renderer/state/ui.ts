import { create } from 'zustand';
import type { ScreenId } from '../app/screens';

interface UiStore {
  screen: ScreenId;
  /** The patient open in the patient header, if any. */
  patientId: string | null;
  paletteOpen: boolean;
  shortcutsOpen: boolean;
  go(screen: ScreenId): void;
  openPatient(id: string | null): void;
  setPalette(open: boolean): void;
  setShortcuts(open: boolean): void;
}

export const useUi = create<UiStore>((set) => ({
  screen: 'patients',
  patientId: null,
  paletteOpen: false,
  shortcutsOpen: false,
  go: (screen) => set({ screen }),
  openPatient: (patientId) => set({ patientId }),
  setPalette: (paletteOpen) => set({ paletteOpen }),
  setShortcuts: (shortcutsOpen) => set({ shortcutsOpen }),
}));
