import { foundation } from './001-foundation';
import { portalCore } from './002-portal-core';
import { portalConfig } from './003-portal-config';
import { portalDesk } from './004-portal-desk';
import { issuedKeys } from './005-issued-keys';
import { sync } from './007-sync';
import { patientRequests } from './008-patient-requests';
import { loginRequests } from './009-login-requests';
import type { Migration } from './types';

/** Every migration, in order. Forward-only: never edit one that has shipped; add the next. */
export const migrations: readonly Migration[] = [foundation, portalCore, portalConfig, portalDesk, issuedKeys, sync, patientRequests, loginRequests];

export const LATEST_VERSION = migrations[migrations.length - 1]?.version ?? 0;
export type { Migration } from './types';
