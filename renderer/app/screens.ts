import type { Permission } from '../../common/permissions';

/**
 * Every screen of the app, in navigation order. Feature issues fill in the component in
 * routes.tsx; the id, the permission and the "G x" key are fixed here.
 */
export const SCREEN_IDS = [
  'patients',
  'loginRequests',
  'portalPatients',
  'issuedKeys',
  'onboarding',
  'portalConfig',
  'staff',
  'audit',
  'sync',
  'conflicts',
] as const;
export type ScreenId = (typeof SCREEN_IDS)[number];

export const SCREEN_ACCESS: Record<ScreenId, { permission: Permission; keys: string }> = {
  patients: { permission: 'patient.read', keys: 'G P' },
  loginRequests: { permission: 'portal.frontDesk', keys: 'G L' },
  portalPatients: { permission: 'portal.media', keys: 'G R' },
  issuedKeys: { permission: 'portal.media', keys: 'G K' },
  onboarding: { permission: 'portal.frontDesk', keys: 'G O' },
  portalConfig: { permission: 'portal.manage', keys: 'G C' },
  staff: { permission: 'staff.manage', keys: 'G S' },
  audit: { permission: 'audit.read', keys: 'G A' },
  sync: { permission: 'sync.view', keys: 'G Y' },
  conflicts: { permission: 'sync.view', keys: 'G X' },
};
