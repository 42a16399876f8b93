import type { z } from 'zod';
import { auditMethods } from './audit';
import { contactMethods } from './contact';
import type { MethodSpec, OutputOf } from './define';
import { issuingMethods } from './issuing';
import { keyMethods } from './keys';
import { loginRequestMethods } from './loginRequests';
import { patientMethods } from './patients';
import { portalMethods } from './portal';
import { risMethods } from './ris';
import { sessionMethods } from './session';
import { settingsMethods } from './settings';
import { staffMethods } from './staff';
import { syncMethods } from './sync';

/** Every method of the API, declared once. Each domain adds its own file and one line here. */
export const methods = {
  ...sessionMethods,
  ...patientMethods,
  ...auditMethods,
  ...staffMethods,
  ...syncMethods,
  ...settingsMethods,
  ...portalMethods,
  ...contactMethods,
  ...issuingMethods,
  ...keyMethods,
  ...risMethods,
  ...loginRequestMethods,
} satisfies Record<string, MethodSpec>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller passes (defaults may be omitted). */
export type InputOf<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives, after parsing. */
export type ParsedInputOf<M extends MethodName> = z.output<Methods[M]['input']>;
export type ResultOf<M extends MethodName> = OutputOf<Methods[M]>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

export type { Access, MethodSpec } from './define';
