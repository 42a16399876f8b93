import type { Handlers } from './dispatcher';
import { auditHandlers } from './services/audit';
import { authHandlers } from './services/auth';
import { issuingHandlers } from './services/issuing';
import { keyHandlers } from './services/keys';
import { patientHandlers } from './services/patients';
import { portalPatientHandlers } from './services/portalPatients';
import { risHandlers } from './services/ris';
import { setupHandlers } from './services/setup';
import { staffHandlers } from './services/staff';

/** Binds every method of the contract to its service; a missing one fails the type check. */
export const handlers: Handlers = {
  ...authHandlers,
  ...setupHandlers,
  ...patientHandlers,
  ...auditHandlers,
  ...staffHandlers,
  ...portalPatientHandlers,
  ...issuingHandlers,
  ...keyHandlers,
  ...risHandlers,
};
