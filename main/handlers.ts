import type { Handlers } from './dispatcher';
import { auditHandlers } from './services/audit';
import { joinHandlers } from './services/join';
import { authHandlers } from './services/auth';
import { contactHandlers } from './services/contact';
import { issuingHandlers } from './services/issuing';
import { keyHandlers } from './services/keys';
import { keyUnlockHandlers } from './services/keyUnlock';
import { loginRequestHandlers } from './services/loginRequests';
import { patientHandlers } from './services/patients';
import { portalHandlers } from './services/portal';
import { portalPatientHandlers } from './services/portalPatients';
import { risHandlers } from './services/ris';
import { settingsHandlers } from './services/settings';
import { setupHandlers } from './services/setup';
import { staffHandlers } from './services/staff';
import { syncHandlers } from './services/sync';

/** Binds every method of the contract to its service; a missing one fails the type check. */
export const handlers: Handlers = {
  ...authHandlers,
  ...setupHandlers,
  ...patientHandlers,
  ...auditHandlers,
  ...staffHandlers,
  ...syncHandlers,
  ...settingsHandlers,
  ...portalHandlers,
  ...joinHandlers,
  ...contactHandlers,
  ...portalPatientHandlers,
  ...issuingHandlers,
  ...keyHandlers,
  ...keyUnlockHandlers,
  ...risHandlers,
  ...loginRequestHandlers,
};
