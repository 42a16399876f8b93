/**
 * Permissions are what the dispatcher checks; roles are named sets of them.
 * `portal.manage` is the seed's "Patient Portal > Manage Patient Portal".
 */
export const PERMISSIONS = [
  'patient.read',
  'portal.frontDesk',
  'portal.media',
  'portal.manage',
  'staff.manage',
  'audit.read',
  'sync.view',
  'sync.resolve',
  /** Stands in for the RIS interface (report final, study validated); admins and the future feed. */
  'ris.feed',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['front_desk', 'media_management', 'portal_admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  front_desk: ['patient.read', 'portal.frontDesk', 'sync.view', 'sync.resolve'],
  media_management: ['patient.read', 'portal.media', 'sync.view', 'sync.resolve'],
  portal_admin: PERMISSIONS,
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role]) out.add(p);
  return out;
}
