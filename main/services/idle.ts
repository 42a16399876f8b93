import { getSetting } from '../../db/queries/settings';
import type { AppContext } from '../context';

export function idleLockMs(app: AppContext): number {
  const seconds = app.config.idleLockSeconds ?? getSetting(app.store, 'staff.idleLockMinutes') * 60;
  return seconds * 1000;
}
