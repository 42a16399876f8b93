import { v5, v7 } from 'uuid';

/** Time-ordered UUIDv7, generated where the row is created (workstation or hub). */
export function newId(): string {
  return v7();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export function isId(value: string): boolean {
  return UUID.test(value);
}

const SETTING_NAMESPACE = '3f0b8c5e-6a43-4f0e-9d55-2c1d7e9a4b61';

/**
 * The id of one setting of one clinic. Derived, not random, so that every workstation of the
 * clinic writes the same row on the hub (a random id per workstation would give the hub two
 * competing rows for one setting). Workstation-only settings use `null` as the clinic.
 */
export function settingRowId(clinicId: string | null, key: string): string {
  return v5(`${clinicId ?? 'workstation'}/${key}`, SETTING_NAMESPACE);
}

const LOGIN_REQUEST_NAMESPACE = 'b6a1d0f2-4c7e-4f38-9a15-7e2d3c8b9f40';

/**
 * The id of a row that automatic approval makes for one login request (the account, a new
 * patient). Derived, so that two workstations approving the same request automatically send the
 * same decision and the hub sees one account, not two.
 */
export function loginRequestRowId(requestId: string, what: 'account' | 'patient'): string {
  return v5(`${requestId}/${what}`, LOGIN_REQUEST_NAMESPACE);
}
