import { createContext, useContext, useEffect, useRef } from 'react';
import { create } from 'zustand';
import type { Permission } from '../../common/permissions';

/**
 * Every action is a command: an id, a label, an optional shortcut, a permission and the scope
 * where it applies (`global`, a screen id, or an open dialog). Buttons, the palette (Ctrl+K),
 * the shortcut list (?) and the keyboard handler all read this one registry.
 */
export interface Command {
  id: string;
  label: string;
  /** 'Ctrl+K', 'Alt+P', '?', 'Escape', or a sequence 'G P'. Ctrl also matches ⌘ on macOS. */
  shortcut?: string;
  permission?: Permission;
  group?: 'screens' | 'actions';
  disabled?: boolean;
  /** Reachable by its key and button, but not listed in the palette. */
  hidden?: boolean;
  /** Also runs while the focus is in a text field (Alt+ mnemonics do by default). */
  inInputs?: boolean;
  run(): void;
}

export interface RegisteredCommand extends Command {
  scope: string;
}

interface Registry {
  commands: Record<string, RegisteredCommand>;
  screen: string;
  dialogs: string[];
  register(list: RegisteredCommand[]): void;
  unregister(ids: string[]): void;
  setScreen(screen: string): void;
  pushDialog(id: string): void;
  popDialog(id: string): void;
}

export const useRegistry = create<Registry>((set) => ({
  commands: {},
  screen: 'global',
  dialogs: [],
  register: (list) =>
    set((s) => {
      const commands = { ...s.commands };
      for (const c of list) commands[c.id] = c;
      return { commands };
    }),
  unregister: (ids) =>
    set((s) => {
      const commands = { ...s.commands };
      for (const id of ids) delete commands[id];
      return { commands };
    }),
  setScreen: (screen) => set({ screen }),
  pushDialog: (id) => set((s) => ({ dialogs: [...s.dialogs, id] })),
  popDialog: (id) => set((s) => ({ dialogs: s.dialogs.filter((d) => d !== id) })),
}));

/** Scopes whose commands are live now: the top dialog alone, or the screen plus global ones. */
export function activeScopes(r: Pick<Registry, 'screen' | 'dialogs'>): string[] {
  const top = r.dialogs[r.dialogs.length - 1];
  return top ? [top] : [r.screen, 'global'];
}

export const ScopeContext = createContext('global');
export const useScope = () => useContext(ScopeContext);

/** Registers commands for as long as the component is mounted; `run` always sees fresh props. */
export function useCommands(commands: Command[]): void {
  const scope = useScope();
  const latest = useRef(commands);
  latest.current = commands;
  const signature = commands
    .map((c) => [c.id, c.label, c.shortcut, c.permission, c.disabled, c.hidden, c.group].join('|'))
    .join(';');
  useEffect(() => {
    const list = latest.current.map(
      (c): RegisteredCommand => ({ ...c, scope, run: () => latest.current.find((x) => x.id === c.id)?.run() }),
    );
    useRegistry.getState().register(list);
    return () => useRegistry.getState().unregister(list.map((c) => c.id));
  }, [signature, scope]);
}
