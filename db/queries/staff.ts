import type { Selectable } from 'kysely';
import type { Role } from '../../common/permissions';
import { pickSynced, type EntityRow } from '../../common/sync/entities';
import type { StaffUserTable } from '../schema';
import type { Store } from '../store';

export type StaffUserRow = Selectable<StaffUserTable>;

export function findStaffByUsername(store: Store, username: string): StaffUserRow | undefined {
  return store.first(
    store.k.selectFrom('staff_user').selectAll().where('username', '=', username).where('deleted_at', 'is', null),
  );
}

export function getStaff(store: Store, id: string): StaffUserRow | undefined {
  return store.first(store.k.selectFrom('staff_user').selectAll().where('id', '=', id));
}

export function rolesOf(store: Store, staffId: string): Role[] {
  return store
    .all(store.k.selectFrom('staff_role').select('role').where('staff_id', '=', staffId).orderBy('role'))
    .map((r) => r.role as Role);
}

export function insertStaff(store: Store, row: StaffUserRow, roles: readonly Role[]): void {
  store.run(store.k.insertInto('staff_user').values({ ...row, roles: rolesText(roles) }));
  for (const role of new Set(roles)) store.run(store.k.insertInto('staff_role').values({ staff_id: row.id, role }));
}

/** Roles travel with the staff row (comma-separated, sorted) so every workstation grants the same. */
export const rolesText = (roles: readonly string[]) => [...new Set(roles)].sort().join(',');

export function updateStaff(store: Store, id: string, patch: Partial<StaffUserRow>): void {
  store.run(store.k.updateTable('staff_user').set(patch).where('id', '=', id));
}

export function countStaff(store: Store): number {
  const row = store.first(store.k.selectFrom('staff_user').select((eb) => eb.fn.countAll<number>().as('n')));
  return row?.n ?? 0;
}

export function listStaff(store: Store): Array<StaffUserRow & { roles: string }> {
  return store.all(
    store.k
      .selectFrom('staff_user as s')
      .selectAll('s')
      .select((eb) =>
        eb
          .selectFrom('staff_role as r')
          .whereRef('r.staff_id', '=', 's.id')
          .select((e) => e.fn<string>('group_concat', ['r.role']).as('roles'))
          .as('roles'),
      )
      .where('s.deleted_at', 'is', null)
      .orderBy('s.username'),
  ) as Array<StaffUserRow & { roles: string }>;
}

export function setRoles(store: Store, staffId: string, roles: readonly string[]): void {
  store.run(store.k.deleteFrom('staff_role').where('staff_id', '=', staffId));
  for (const role of new Set(roles)) store.run(store.k.insertInto('staff_role').values({ staff_id: staffId, role }));
  store.run(store.k.updateTable('staff_user').set({ roles: rolesText(roles) }).where('id', '=', staffId));
}

/** Usernames stay taken by deleted staff too, so an old audit trail never points at a new person. */
export function usernameTaken(store: Store, username: string): boolean {
  return !!store.first(store.k.selectFrom('staff_user').select('id').where('username', '=', username));
}

/** Staff who hold the portal admin role and are not disabled: the clinic needs at least one. */
export function activeAdminIds(store: Store): string[] {
  return store
    .all(
      store.k
        .selectFrom('staff_user as s')
        .innerJoin('staff_role as r', 'r.staff_id', 's.id')
        .select('s.id')
        .where('r.role', '=', 'portal_admin')
        .where('s.disabled', '=', 0)
        .where('s.deleted_at', 'is', null),
    )
    .map((r) => r.id);
}

/** The staff row as it syncs to the clinic's other workstations (hash and roles included). */
export function syncedStaff(store: Store, id: string): { put: { staff_user: EntityRow[] } } {
  const row = getStaff(store, id);
  if (!row) throw new Error(`staff ${id} is missing`);
  return { put: { staff_user: [pickSynced('staff_user', row)] } };
}
