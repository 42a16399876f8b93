import { lazy, type ComponentType } from 'react';
import type { ScreenId } from './screens';

/** The component of each screen; screens load on first visit so start-up stays quick. */
export const SCREEN_COMPONENTS: Record<ScreenId, ComponentType> = {
  patients: lazy(() => import('../screens/patients/PatientsScreen')),
  loginRequests: lazy(() => import('../screens/loginRequests/LoginRequestsScreen')),
  portalPatients: lazy(() => import('../screens/portalPatients/PortalPatientsScreen')),
  issuedKeys: lazy(() => import('../screens/issuedKeys/IssuedKeysScreen')),
  onboarding: lazy(() => import('../screens/onboarding/OnboardingScreen')),
  portalConfig: lazy(() => import('../screens/portalConfig/PortalConfigScreen')),
  staff: lazy(() => import('../screens/staff/StaffScreen')),
  audit: lazy(() => import('../screens/audit/AuditScreen')),
  sync: lazy(() => import('../screens/sync/SyncScreen')),
  conflicts: lazy(() => import('../screens/conflicts/ConflictsScreen')),
};
