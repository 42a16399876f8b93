import type { StaffRow } from '../../common/api/staff';
import type { Role } from '../../common/permissions';
import { DomainError } from '../../common/result';
import { runCommand } from '../../db/command';
import { getStaff, listStaff, updateStaff } from '../../db/queries/staff';
import { commandContext } from '../context';
import type { Handlers } from '../dispatcher';

function toRow(r: ReturnType<typeof listStaff>[number]): StaffRow {
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
  };
}

export function staffRowById(ctx: Parameters<Handlers['staff.list']>[1], id: string): StaffRow {
  const row = listStaff(ctx.app.store).find((r) => r.id === id);
  if (!row) throw new DomainError('not_found', 'staff member not found', { key: 'errors.staffNotFound' });
  return toRow(row);
}

export const staffHandlers: Pick<Handlers, 'staff.list' | 'staff.unlock'> = {
  'staff.list': (_input, ctx) => listStaff(ctx.app.store).map(toRow),

  'staff.unlock': ({ id }, ctx) => {
    runCommand(commandContext(ctx), {
      run: (w) => {
        const staff = getStaff(w.store, id);
        if (!staff) throw new DomainError('not_found', 'staff member not found', { key: 'errors.staffNotFound' });
        updateStaff(w.store, id, { locked_at: null, failed_attempts: 0, throttle_until: null, updated_at: w.now });
      },
      audit: { action: 'staff.unlock', entityType: 'staff', entityId: id },
    });
    return staffRowById(ctx, id);
  },
};
