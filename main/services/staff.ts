import type { StaffRow } from '../../common/api/staff';
import { DomainError, fieldError } from '../../common/result';
import { normalizeUsername, usernameProblem } from '../../common/rules/username';
import { runCommand } from '../../db/command';
import { getStaff, insertStaff, listStaff, rolesOf, setRoles, syncedStaff, updateStaff, usernameTaken, type StaffUserRow } from '../../db/queries/staff';
import type { Store } from '../../db/store';
import { commandContext, requireSession, type CallContext } from '../context';
import type { Handlers } from '../dispatcher';
import { staffRow } from './setup';
import { assertAnotherAdmin, endSessions, refreshSessions, staffRowOf, temporaryPassword, toStaffRow } from './staffAccounts';

export function staffRowById(ctx: CallContext, id: string): StaffRow {
  return staffRowOf(ctx.app.store, id);
}

function existing(store: Store, id: string): StaffUserRow {
  const s = getStaff(store, id);
  if (!s || s.deleted_at) throw new DomainError('not_found', 'staff member not found', { key: 'errors.staffNotFound' });
  return s;
}

const usernameIsTaken = () => fieldError('username', 'staffAdmin.errors.usernameTaken', 'username is taken');

export const staffHandlers: Pick<
  Handlers,
  'staff.list' | 'staff.unlock' | 'staff.create' | 'staff.update' | 'staff.setDisabled' | 'staff.resetPassword'
> = {
  'staff.list': (_input, ctx) => listStaff(ctx.app.store).map(toStaffRow),

  'staff.unlock': ({ id }, ctx) => {
    runCommand(commandContext(ctx), {
      run: (w) => {
        existing(w.store, id);
        updateStaff(w.store, id, { locked_at: null, failed_attempts: 0, throttle_until: null, updated_at: w.now });
      },
      audit: { action: 'staff.unlock', entityType: 'staff', entityId: id },
    });
    return staffRowById(ctx, id);
  },

  'staff.create': async (input, ctx) => {
    const username = normalizeUsername(input.username);
    const problem = usernameProblem(username);
    if (problem) throw fieldError('username', problem, 'username is not valid');
    if (usernameTaken(ctx.app.store, username)) throw usernameIsTaken();
    const { password, hash } = await temporaryPassword(ctx, input.password, username);
    const clinicId = requireSession(ctx).clinicId;
    const row = runCommand(commandContext(ctx), {
      run: (w) => {
        if (usernameTaken(w.store, username)) throw usernameIsTaken();
        const roles = [...new Set(input.roles)];
        const row = staffRow(
          { clinicId, username, displayName: input.displayName, passwordHash: hash, roles, mustChangePassword: true, portalAuthorised: input.portalAuthorised },
          w.now,
        );
        insertStaff(w.store, row, roles);
        w.mutate('rows.put', syncedStaff(w.store, row.id));
        return row;
      },
      audit: (row) => ({ action: 'staff.create', entityType: 'staff', entityId: row.id, detail: [...new Set(input.roles)].sort().join(',') }),
    });
    return { staff: staffRowById(ctx, row.id), temporaryPassword: password };
  },

  'staff.update': ({ id, displayName, roles, portalAuthorised }, ctx) => {
    const next = [...new Set(roles)].sort();
    const changed = runCommand(commandContext(ctx), {
      run: (w) => {
        const s = existing(w.store, id);
        const before = rolesOf(w.store, id);
        if (!s.disabled && before.includes('portal_admin') && !next.includes('portal_admin')) assertAnotherAdmin(w.store, id, 'roles');
        const changed = [
          s.display_name !== displayName ? 'displayName' : null,
          before.join(',') !== next.join(',') ? 'roles' : null,
          (s.portal_authorised === 1) !== portalAuthorised ? 'portalAuthorised' : null,
        ].filter((c): c is string => c !== null);
        if (changed.length === 0) return changed;
        updateStaff(w.store, id, { display_name: displayName, portal_authorised: portalAuthorised ? 1 : 0, updated_at: w.now });
        setRoles(w.store, id, next);
        w.mutate('rows.put', syncedStaff(w.store, id));
        return changed;
      },
      audit: (changed) => (changed.length ? { action: 'staff.update', entityType: 'staff', entityId: id, detail: changed.join(',') } : []),
    });
    if (changed.length) refreshSessions(ctx, id, next, displayName);
    return staffRowById(ctx, id);
  },

  'staff.setDisabled': ({ id, disabled }, ctx) => {
    const turned = runCommand(commandContext(ctx), {
      run: (w) => {
        const s = existing(w.store, id);
        if ((s.disabled === 1) === disabled) return false;
        if (disabled && rolesOf(w.store, id).includes('portal_admin')) assertAnotherAdmin(w.store, id, 'disabled');
        updateStaff(w.store, id, { disabled: disabled ? 1 : 0, updated_at: w.now });
        w.mutate('rows.put', syncedStaff(w.store, id));
        return true;
      },
      audit: (turned) => (turned ? { action: disabled ? 'staff.disable' : 'staff.enable', entityType: 'staff', entityId: id } : []),
    });
    if (turned && disabled) endSessions(ctx, id, false);
    return staffRowById(ctx, id);
  },

  'staff.resetPassword': async ({ id, password: typed }, ctx) => {
    const s = existing(ctx.app.store, id);
    const { password, hash } = await temporaryPassword(ctx, typed, s.username);
    runCommand(commandContext(ctx), {
      run: (w) => {
        existing(w.store, id);
        // the admin has spoken to the person, so a lockout from forgotten-password attempts ends too
        updateStaff(w.store, id, { password_hash: hash, must_change_password: 1, failed_attempts: 0, throttle_until: null, locked_at: null, updated_at: w.now });
        w.mutate('rows.put', syncedStaff(w.store, id));
      },
      audit: { action: 'staff.resetPassword', entityType: 'staff', entityId: id },
    });
    endSessions(ctx, id, true);
    return { staff: staffRowById(ctx, id), temporaryPassword: password };
  },
};
