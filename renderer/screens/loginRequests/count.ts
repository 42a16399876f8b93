import { create } from 'zustand';
import { call, on } from '../../api';

/** New login requests, for the navigation's badge; null until first asked. */
export const useLoginRequestCount = create<{ open: number | null }>(() => ({ open: null }));

let asking = 0;
/** Asks again; a slower earlier answer never overwrites a later one. */
export function refreshLoginRequestCount(): void {
  const mine = ++asking;
  void call('registrations.count', {}).then((r) => {
    if (r.ok && mine === asking) useLoginRequestCount.setState({ open: r.value.open });
  });
}

let followers = 0;
let off: (() => void) | null = null;

/** While anything shows the count: asked once, then again whenever sync brings login requests. */
export function followLoginRequestCount(): () => void {
  if (followers++ === 0) {
    off = on('data.changed', (e) => {
      if (e.entities.includes('login_request')) refreshLoginRequestCount();
    });
    refreshLoginRequestCount();
  }
  return () => {
    if (--followers === 0) {
      off?.();
      off = null;
    }
  };
}
