import { useEffect } from 'react';
import { can } from '../state/session';
import { activeScopes, type RegisteredCommand, useRegistry } from './commands';

const MODIFIER_KEYS = new Set(['Control', 'Alt', 'Shift', 'Meta']);

/** "Ctrl+Shift+K", "Alt+P", "?", "Escape": the event as our shortcut strings spell it. */
export function comboOf(e: KeyboardEvent): string | null {
  if (MODIFIER_KEYS.has(e.key)) return null;
  const parts: string[] = [];
  if (e.ctrlKey || e.metaKey) parts.push('Ctrl');
  if (e.altKey) parts.push('Alt');
  // letters by physical key, so Alt+P works on layouts where Alt+P types a symbol
  let key = /^Key[A-Z]$/.test(e.code) && (e.altKey || e.ctrlKey || e.metaKey) ? e.code.slice(3) : e.key;
  if (key.length === 1) key = key.toUpperCase();
  if (key === ' ') key = 'Space';
  if (e.shiftKey && key.length > 1 && key !== '?') parts.push('Shift');
  else if (e.shiftKey && (e.ctrlKey || e.altKey || e.metaKey) && /^[A-Z]$/.test(key)) parts.push('Shift');
  parts.push(key);
  return parts.join('+');
}

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

export function findCommand(shortcut: string, typing: boolean): RegisteredCommand | undefined {
  const registry = useRegistry.getState();
  const scopes = activeScopes(registry);
  for (const scope of scopes) {
    for (const c of Object.values(registry.commands)) {
      if (c.scope !== scope || c.shortcut !== shortcut || c.disabled || !can(c.permission)) continue;
      if (typing && !c.inInputs && !shortcut.startsWith('Alt+') && !shortcut.startsWith('Ctrl+') && shortcut !== 'Escape') continue;
      return c;
    }
  }
  return undefined;
}

/** One listener for the whole app: shortcuts, Alt mnemonics and two-key sequences ("G P"). */
export function useGlobalKeys(): void {
  useEffect(() => {
    let pending: string | null = null;
    let pendingTimer: ReturnType<typeof setTimeout> | undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const combo = comboOf(e);
      if (!combo) return;
      const typing = isTyping(e.target);
      if (pending) {
        const seq = `${pending} ${combo}`;
        pending = null;
        clearTimeout(pendingTimer);
        const c = findCommand(seq, typing);
        if (c) {
          e.preventDefault();
          c.run();
          return;
        }
      }
      const c = findCommand(combo, typing);
      if (c) {
        e.preventDefault();
        e.stopPropagation();
        c.run();
        return;
      }
      if (!typing && /^[A-Z]$/.test(combo)) {
        const registry = useRegistry.getState();
        const starts = Object.values(registry.commands).some((x) => x.shortcut?.startsWith(`${combo} `));
        if (starts) {
          pending = combo;
          pendingTimer = setTimeout(() => (pending = null), 1200);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
