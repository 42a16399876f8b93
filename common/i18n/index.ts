import * as audit from './audit';
import * as auth from './auth';
import * as contact from './contact';
import * as core from './core';
import * as notifications from './notifications';
import * as onboarding from './onboarding';
import * as issuing from './issuing';
import * as keys from './keys';
import * as loginRequests from './loginRequests';
import * as patients from './patients';
import * as patientAccess from './patientAccess';
import * as patientPages from './patientPages';
import * as patientPortal from './patientPortal';
import * as portal from './portal';
import * as portalConfig from './portalConfig';
import * as registrations from './registrations';
import * as shell from './shell';
import * as staff from './staff';
import * as sync from './sync';
import type { Language } from './types';

/** Each domain keeps English and Danish side by side in its own file; they meet here. */
const parts = [core, shell, auth, patients, audit, portalConfig, staff, notifications, portal, onboarding, sync, contact, issuing, keys, patientPortal, patientPages, patientAccess, registrations, loginRequests];

export const catalogs: Record<Language, Record<string, unknown>> = {
  en: Object.assign({}, ...parts.map((p) => p.en)),
  da: Object.assign({}, ...parts.map((p) => p.da)),
};

export { LANGUAGES, LOCALES, type Language, type Messages } from './types';
