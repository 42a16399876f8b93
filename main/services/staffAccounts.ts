import { randomInt } from 'node:crypto';
import type { StaffRow } from '../../common/api/staff';
import { permissionsOf, type Role } from '../../common/permissions';
import { DomainError, fieldError } from '../../common/result';
import { isCommonPassword } from '../../common/rules/commonPasswords';
import { checkPassword } from '../../common/rules/password';
import { activeAdminIds, listStaff } from '../../db/queries/staff';
import type { Store } from '../../db/store';
import type { CallContext } from '../context';
import { hashPassword } from '../passwords';
import { passwordProblem } from './auth';

/** No i, l, o, 0 or 1: the password is read off a screen and typed or spoken without mix-ups. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Four groups of four (about 79 bits), e.g. "k7pq-m3xz-4trw-9hbn": long enough for the policy, easy to type once. */
export function generateTemporaryPassword(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

/** The admin's typed password if it meets the policy (else a field error), or a generated one. */
export async function temporaryPassword(ctx: CallContext, typed: string | undefined, username: string) {
  let password = typed ?? '';
  if (password.length > 0) {
    const problem = passwordProblem(password, username);
    if (problem) throw problem;
  } else {
    do password = generateTemporaryPassword();
    while (checkPassword(password, { isCommon: isCommonPassword, username }));
  }
  return { password, hash: await hashPassword(password, ctx.app.config.scrypt) };
}

export function toStaffRow(r: ReturnType<typeof listStaff>[number]): StaffRow {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: (r.roles ? r.roles.split(',') : []).sort() as Role[],
    disabled: r.disabled === 1,
    locked: r.locked_at !== null,
    failedAttempts: r.failed_attempts,
    lastSignInAt: r.last_sign_in_at,
    portalAuthorised: r.portal_authorised === 1,
    mustChangePassword: r.must_change_password === 1,
  };
}

export function staffRowOf(store: Store, id: string): StaffRow {
  const row = listStaff(store).find((r) => r.id === id);
  if (!row) throw new DomainError('not_found', 'staff member not found', { key: 'errors.staffNotFound' });
  return toStaffRow(row);
}

/**
 * Refuses a change that would leave the clinic without an active portal admin (nobody could
 * then manage staff or the portal). Since only admins reach this, it guards against an admin
 * disabling or demoting themselves when they are the last one.
 */
export function assertAnotherAdmin(store: Store, staffId: string, field: 'roles' | 'disabled'): void {
  if (activeAdminIds(store).some((id) => id !== staffId)) return;
  throw fieldError(field, 'staffAdmin.errors.lastAdmin', 'the clinic would have no active portal admin');
}


/** Signs a staff member out everywhere (disabled, or a new password set), except the calling window. */
export function endSessions(ctx: CallContext, staffId: string, keepCaller: boolean): void {
  for (const [clientId] of ctx.app.sessions.ofStaff(staffId)) {
    if (keepCaller && clientId === ctx.client.clientId) continue;
    ctx.app.sessions.delete(clientId);
    ctx.app.events.emitTo(clientId, 'session.changed', { reason: 'signedOut' });
  }
}

/** New roles or name take effect in open sessions at once: a demoted admin loses the screens now. */
export function refreshSessions(ctx: CallContext, staffId: string, roles: Role[], displayName: string): void {
  for (const [clientId, s] of ctx.app.sessions.ofStaff(staffId)) {
    s.roles = [...roles];
    s.permissions = permissionsOf(roles);
    s.displayName = displayName;
    ctx.app.events.emitTo(clientId, 'session.changed', { reason: 'updated' });
  }
}
