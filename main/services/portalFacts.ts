import type { PortalAccountView, PortalView } from '../../common/api/portal';
import { DomainError, fieldError } from '../../common/result';
import type { PortalAction, PortalReason, PortalStatus } from '../../common/rules/portalStatus';
import { suggestUsername } from '../../common/rules/username';
import type { Timestamp } from '../../common/time';
import { getPatientRow, type PatientRow } from '../../db/queries/patients';
import {
  accountState,
  accountsSharingEmail,
  latestFormer,
  liveAccount,
  rightsOf,
  statusOf,
  usernameTaken,
  type PortalAccountRow,
  type PortalFormerRow,
  type PortalStateRow,
} from '../../db/queries/portal';
import { getSetting } from '../../db/queries/settings';
import type { Store } from '../../db/store';

/** Everything one patient's portal decisions rest on, read in the caller's transaction. */
export interface PortalFacts {
  patient: PatientRow;
  account: PortalAccountRow | undefined;
  state: PortalStateRow | undefined;
  former: PortalFormerRow | undefined;
  portalEnabled: boolean;
  status: PortalStatus;
}

export function loadFacts(store: Store, patientId: string, now: Timestamp): PortalFacts {
  const patient = getPatientRow(store, patientId);
  if (!patient) throw new DomainError('not_found', 'patient not found', { key: 'errors.patientNotFound' });
  const account = liveAccount(store, patientId);
  const state = account ? accountState(store, account.id) : undefined;
  const former = latestFormer(store, patientId);
  const portalEnabled = getSetting(store, 'portal.enabled');
  return { patient, account, state, former, portalEnabled, status: statusOf(portalEnabled, patient, account, state, !!former, now) };
}

/** Every portal change needs the clinic's portal to be on (seed 003 "Enable Patient Portal"). */
export function requirePortalOn(store: Store): void {
  if (!getSetting(store, 'portal.enabled')) {
    throw new DomainError('portal_disabled', 'the patient portal is turned off for this clinic', { key: 'errors.portal_disabled' });
  }
}

export function requireAccount(f: PortalFacts): PortalAccountRow {
  if (!f.account) throw new DomainError('not_found', 'the patient has no portal account', { key: 'portal.errors.noAccount' });
  return f.account;
}

/** The field a missing prerequisite belongs to, so the form shows it there. */
const REASON_FIELD: Partial<Record<PortalReason, { field: string; key: string }>> = {
  noEmail: { field: 'email', key: 'portal.errors.emailOrTempPassword' },
  tempPasswordExpired: { field: 'email', key: 'portal.errors.emailOrTempPassword' },
  noPostalCode: { field: 'postalCode', key: 'portal.errors.postalCodeNeeded' },
};

export function reasonError(reasons: readonly PortalReason[]): DomainError | null {
  for (const r of reasons) {
    const at = REASON_FIELD[r];
    if (at) return fieldError(at.field, at.key, `cannot do this: ${r}`);
  }
  if (reasons.includes('portalOff')) return new DomainError('portal_disabled', 'portal off', { key: 'errors.portal_disabled' });
  return null;
}

/** The commands ask the same status function the screens show: no second set of rules. */
export function requireAction(f: PortalFacts, action: PortalAction): void {
  if (f.status.actions.includes(action)) return;
  throw (
    reasonError(f.status.reasons) ??
    new DomainError('conflict', `${action} is not possible while the status is ${f.status.kind}`, {
      key: 'portal.errors.notNow',
    })
  );
}

function accountView(a: PortalAccountRow): PortalAccountView {
  return {
    id: a.id,
    username: a.username,
    email: a.email,
    rights: rightsOf(a),
    wantsElectronicReply: a.wants_electronic_reply === 1,
    accessEnabled: a.access_enabled === 1,
    mustChangePassword: a.must_change_password === 1,
    createdAt: a.created_at,
    updatedAt: a.updated_at,
  };
}

export function freeUsernameFor(store: Store, patient: PatientRow): string {
  return suggestUsername(patient.given_name, patient.family_name, (u) => usernameTaken(store, u));
}

export function toView(store: Store, f: PortalFacts): PortalView {
  return {
    patientId: f.patient.id,
    email: f.patient.email,
    postalCode: f.patient.postal_code,
    portalEnabled: f.portalEnabled,
    offeredRights: getSetting(store, 'portal.offeredRights'),
    activateWithoutConfirmation: getSetting(store, 'portal.activateWithoutConfirmation'),
    tempPasswordDays: getSetting(store, 'portal.tempPasswordDays'),
    account: f.account ? accountView(f.account) : null,
    former: f.former ? { removedAt: f.former.removed_at, username: f.former.username, rights: rightsOf(f.former) } : null,
    status: f.status,
    suggestedUsername: f.account?.username ?? freeUsernameFor(store, f.patient),
    emailSharedWith: f.patient.email ? accountsSharingEmail(store, f.patient.email, f.patient.id) : 0,
  };
}
