import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { call, on, onFailure } from '../api';
import ChangePassword from '../screens/signin/ChangePassword';
import FirstRun from '../screens/signin/FirstRun';
import LockScreen from '../screens/signin/LockScreen';
import SignIn from '../screens/signin/SignIn';
import { useSession } from '../state/session';
import { useGlobalKeys } from './keyboard';
import { Shell } from './Shell';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const;

/**
 * Locks the screen after the idle time: main is the authority (it refuses PHI calls), this
 * timer makes the screen hide patient data on time even when no call is made. Input is
 * reported to main (throttled) so that reading without clicking does not count as idle.
 */
function useIdleLock(active: boolean, idleSeconds: number): void {
  useEffect(() => {
    if (!active) return;
    let last = Date.now();
    let reported = last;
    const heartbeatEvery = Math.min(15_000, (idleSeconds * 1000) / 3);
    const onActivity = () => {
      last = Date.now();
      if (last - reported >= heartbeatEvery) {
        reported = last;
        void call('session.heartbeat', {});
      }
    };
    ACTIVITY_EVENTS.forEach((e) => window.addEventListener(e, onActivity, { capture: true, passive: true }));
    const timer = setInterval(() => {
      if (Date.now() - last >= idleSeconds * 1000) {
        clearInterval(timer);
        void call('auth.lock', {}).then((r) => r.ok && useSession.getState().set(r.value));
      }
    }, 500);
    return () => {
      clearInterval(timer);
      ACTIVITY_EVENTS.forEach((e) => window.removeEventListener(e, onActivity, { capture: true }));
    };
  }, [active, idleSeconds]);
}

export function App() {
  const { t } = useTranslation();
  const state = useSession((s) => s.state);
  const refresh = useSession((s) => s.refresh);
  useGlobalKeys();

  useEffect(() => {
    void refresh();
    const offEvent = on('session.changed', () => void refresh());
    const offFailure = onFailure((r) => {
      if (!r.ok && r.error.code === 'unauthenticated') void refresh();
    });
    return () => {
      offEvent();
      offFailure();
    };
  }, [refresh]);

  const unlocked = !!state?.staff && !state.locked;
  useIdleLock(unlocked, state?.idleLockSeconds ?? 900);

  if (!state) return <p className="center muted">{t('common.loading')}</p>;
  if (state.setup === 'needed') return <FirstRun />;
  if (!state.staff) return <SignIn />;
  if (state.locked) return <LockScreen />;
  if (state.staff.mustChangePassword) return <ChangePassword />;
  return <Shell />;
}
