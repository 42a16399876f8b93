import { foundation } from './001-foundation';
import { portalCore } from './002-portal-core';
import { issuedKeys } from './005-issued-keys';
import type { Migration } from './types';

/** Every migration, in order. Forward-only: never edit one that has shipped; add the next. */
export const migrations: readonly Migration[] = [foundation, portalCore, issuedKeys];

export const LATEST_VERSION = migrations[migrations.length - 1]?.version ?? 0;
export type { Migration } from './types';
