import { permissionsOf, type Role } from '../../common/permissions';
import { DomainError, fieldError } from '../../common/result';
import { isCommonPassword } from '../../common/rules/commonPasswords';
import { checkPassword } from '../../common/rules/password';
import { normalizeUsername } from '../../common/rules/username';
import { nowTimestamp, toTimestamp } from '../../common/time';
import { insertAudit } from '../../db/audit';
import { runCommand } from '../../db/command';
import { findStaffByUsername, getStaff, rolesOf, syncedStaff, updateStaff, type StaffUserRow } from '../../db/queries/staff';
import { commandContext, requireSession, type CallContext } from '../context';
import type { Handlers } from '../dispatcher';
import { burnVerify, hashPassword, verifyPassword } from '../passwords';
import type { StaffSession } from '../sessions';
import { stateOf } from './session';

/** After this many failures in a row, each attempt waits longer; at LOCK_AFTER the account locks. */
export const THROTTLE_AFTER = 3;
export const LOCK_AFTER = 10;
const MAX_THROTTLE_S = 60;

export function throttleSeconds(failures: number): number {
  if (failures < THROTTLE_AFTER) return 0;
  return Math.min(MAX_THROTTLE_S, 2 ** (failures - THROTTLE_AFTER));
}

const signInFailed = () => fieldError('password', 'errors.signInFailed', 'wrong username or password');

export function passwordProblem(password: string, username?: string): DomainError | null {
  const problem = checkPassword(password, { isCommon: isCommonPassword, ...(username ? { username } : {}) });
  return problem ? fieldError('password', problem.key, 'password does not meet the policy', problem.params) : null;
}

export function openSession(ctx: CallContext, staff: StaffUserRow): void {
  const roles = rolesOf(ctx.app.store, staff.id) as Role[];
  const session: StaffSession = {
    staffId: staff.id,
    clinicId: staff.clinic_id,
    username: staff.username,
    displayName: staff.display_name,
    roles,
    permissions: permissionsOf(roles),
    mustChangePassword: staff.must_change_password === 1,
    lastActivity: ctx.app.clock.now(),
    locked: false,
  };
  ctx.app.sessions.set(ctx.client.clientId, session);
}

async function signIn(ctx: CallContext, rawUsername: string, password: string) {
  const { app } = ctx;
  const username = normalizeUsername(rawUsername);
  const staff = findStaffByUsername(app.store, username);
  const now = app.clock.now();
  const audit = (staffId: string | null, action: string, outcome: 'ok' | 'denied' | 'failed', detail?: string) =>
    insertAudit(app.store, { staffId, workstationId: app.workstationId }, toTimestamp(now), {
      action,
      outcome,
      ...(detail ? { detail } : {}),
    });

  if (!staff) {
    await burnVerify(password, app.config.scrypt);
    audit(null, 'auth.signIn', 'failed', 'unknown username');
    throw signInFailed();
  }
  if (staff.disabled) {
    audit(staff.id, 'auth.signIn', 'denied', 'account disabled');
    throw fieldError('username', 'errors.accountDisabled', 'account disabled');
  }
  if (staff.locked_at) {
    audit(staff.id, 'auth.signIn', 'denied', 'account locked');
    throw fieldError('password', 'errors.accountLocked', 'account locked');
  }
  if (staff.throttle_until && staff.throttle_until > toTimestamp(now)) {
    const seconds = Math.ceil((Date.parse(staff.throttle_until) - now) / 1000);
    audit(staff.id, 'auth.signIn', 'denied', 'throttled');
    throw fieldError('password', 'errors.tooManyAttempts', 'too many attempts', { seconds });
  }
  if (!(await verifyPassword(password, staff.password_hash))) {
    const failures = staff.failed_attempts + 1;
    const at = toTimestamp(now);
    app.store.tx(() => {
      const wait = throttleSeconds(failures);
      updateStaff(app.store, staff.id, {
        failed_attempts: failures,
        throttle_until: wait ? toTimestamp(now + wait * 1000) : null,
        locked_at: failures >= LOCK_AFTER ? at : null,
      });
      audit(staff.id, 'auth.signIn', 'failed', `failure ${failures}`);
      if (failures >= LOCK_AFTER) audit(staff.id, 'auth.lockout', 'ok', `after ${failures} failures`);
    });
    if (failures >= LOCK_AFTER) throw fieldError('password', 'errors.accountLocked', 'account locked');
    throw signInFailed();
  }
  app.store.tx(() => {
    updateStaff(app.store, staff.id, { failed_attempts: 0, throttle_until: null, last_sign_in_at: toTimestamp(now) });
    audit(staff.id, 'auth.signIn', 'ok');
  });
  openSession(ctx, { ...staff, failed_attempts: 0 });
  app.events.emitTo(ctx.client.clientId, 'session.changed', { reason: 'signedIn' });
  return stateOf(ctx);
}

export const authHandlers: Pick<
  Handlers,
  'session.state' | 'session.heartbeat' | 'auth.signIn' | 'auth.signOut' | 'auth.lock' | 'auth.unlock' | 'auth.changePassword'
> = {
  'session.state': (_input, ctx) => stateOf(ctx),

  'session.heartbeat': (_input, ctx) => ({ locked: ctx.session?.locked ?? false }),

  'auth.signIn': async ({ username, password }, ctx) => {
    if (ctx.session && !ctx.session.locked) signOutSession(ctx);
    return signIn(ctx, username, password);
  },

  'auth.signOut': (_input, ctx) => {
    if (ctx.session) signOutSession(ctx);
    return stateOf(ctx);
  },

  'auth.lock': (_input, ctx) => {
    const s = ctx.session;
    if (s && !s.locked) {
      s.locked = true;
      insertAudit(ctx.app.store, ctx.actor, nowTimestamp(ctx.app.clock), { action: 'auth.lock', detail: 'by staff' });
      ctx.app.events.emitTo(ctx.client.clientId, 'session.changed', { reason: 'locked' });
    }
    return stateOf(ctx);
  },

  'auth.unlock': async ({ password }, ctx) => {
    const s = ctx.session;
    if (!s) throw new DomainError('unauthenticated', 'no session to unlock', { key: 'errors.unauthenticated' });
    if (!s.locked) return stateOf(ctx);
    // unlocking is a sign-in of the same person, with the same throttling and lockout
    ctx.app.sessions.delete(ctx.client.clientId);
    try {
      return await signIn(ctx, s.username, password);
    } catch (err) {
      ctx.app.sessions.set(ctx.client.clientId, s);
      throw err;
    }
  },

  'auth.changePassword': async ({ current, next }, ctx) => {
    const s = requireSession(ctx);
    const staff = getStaff(ctx.app.store, s.staffId);
    if (!staff) throw new DomainError('not_found', 'staff member not found');
    if (!(await verifyPassword(current, staff.password_hash))) {
      throw fieldError('current', 'errors.wrongPassword', 'current password is wrong');
    }
    const problem = passwordProblem(next, staff.username);
    if (problem) throw fieldError('next', problem.key ?? 'errors.invalid', problem.message, problem.params);
    if (next === current) throw fieldError('next', 'errors.passwordUnchanged', 'new password equals the current one');
    const hash = await hashPassword(next, ctx.app.config.scrypt);
    runCommand(commandContext(ctx), {
      run: (w) => {
        updateStaff(w.store, s.staffId, { password_hash: hash, must_change_password: 0, updated_at: w.now });
        w.mutate('rows.put', syncedStaff(w.store, s.staffId));
      },
      audit: { action: 'auth.passwordChanged', entityType: 'staff', entityId: s.staffId },
    });
    s.mustChangePassword = false;
    return stateOf(ctx);
  },
};

function signOutSession(ctx: CallContext): void {
  const s = ctx.session;
  if (!s) return;
  ctx.app.sessions.delete(ctx.client.clientId);
  insertAudit(ctx.app.store, ctx.actor, nowTimestamp(ctx.app.clock), { action: 'auth.signOut' });
  ctx.app.events.emitTo(ctx.client.clientId, 'session.changed', { reason: 'signedOut' });
}

