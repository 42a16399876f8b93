import type { SessionState, StaffIdentity } from '../../common/api/session';
import { PERMISSIONS } from '../../common/permissions';
import { getSetting } from '../../db/queries/settings';
import type { AppContext, CallContext } from '../context';
import type { StaffSession } from '../sessions';
import { DEMO_ACCOUNTS } from './demo';
import { idleLockMs } from './idle';

export function identityOf(s: StaffSession): StaffIdentity {
  return {
    id: s.staffId,
    username: s.username,
    displayName: s.displayName,
    roles: [...s.roles],
    // listed in the contract's order so screens can rely on it
    permissions: PERMISSIONS.filter((p) => s.permissions.has(p)),
    mustChangePassword: s.mustChangePassword,
  };
}

export function sessionState(app: AppContext, clientId: string): SessionState {
  const { store } = app;
  const clinic = store.first(store.k.selectFrom('clinic').select(['id', 'name']).where('deleted_at', 'is', null).orderBy('created_at'));
  const hasStaff = !!store.first(store.k.selectFrom('staff_user').select('id').limit(1));
  const demo = getSetting(store, 'app.demo');
  const session = app.sessions.get(clientId);
  return {
    setup: clinic && hasStaff ? 'ready' : 'needed',
    demo,
    demoAccounts: demo ? [...DEMO_ACCOUNTS] : [],
    clinic: clinic ?? null,
    // a locked session still says who holds it, so the lock screen can greet them; nothing more
    staff: session ? identityOf(session) : null,
    locked: session?.locked ?? false,
    idleLockSeconds: Math.round(idleLockMs(app) / 1000),
    workstationId: app.workstationId,
    appVersion: app.config.appVersion,
  };
}

export const stateOf = (ctx: CallContext) => sessionState(ctx.app, ctx.client.clientId);
