import type { Selectable } from 'kysely';
import { portalStatus, tempPasswordState, type PortalStatus } from '../../common/rules/portalStatus';
import { PORTAL_RIGHTS, type PortalRight } from '../../common/settings';
import type { Timestamp } from '../../common/time';
import type { PatientTable, PortalAccountStateTable, PortalAccountTable, PortalFormerAccountTable } from '../schema';
import type { Store } from '../store';

export type PortalAccountRow = Selectable<PortalAccountTable>;
export type PortalStateRow = Selectable<PortalAccountStateTable>;
export type PortalFormerRow = Selectable<PortalFormerAccountTable>;

/** The patient's account with this clinic, not counting deleted associations. */
export function liveAccount(store: Store, patientId: string): PortalAccountRow | undefined {
  return store.first(
    store.k.selectFrom('portal_account').selectAll().where('patient_id', '=', patientId).where('deleted_at', 'is', null),
  );
}

export function accountById(store: Store, id: string): PortalAccountRow {
  const row = store.first(store.k.selectFrom('portal_account').selectAll().where('id', '=', id));
  if (!row) throw new Error(`portal_account ${id} vanished inside its own transaction`);
  return row;
}

export function accountState(store: Store, accountId: string): PortalStateRow | undefined {
  return store.first(
    store.k.selectFrom('portal_account_state').selectAll().where('account_id', '=', accountId).where('deleted_at', 'is', null),
  );
}

export function latestFormer(store: Store, patientId: string): PortalFormerRow | undefined {
  return store.first(
    store.k
      .selectFrom('portal_former_account')
      .selectAll()
      .where('patient_id', '=', patientId)
      .where('deleted_at', 'is', null)
      .orderBy('removed_at', 'desc')
      .limit(1),
  );
}

export function usernameTaken(store: Store, username: string, exceptAccountId?: string): boolean {
  let q = store.k
    .selectFrom('portal_account')
    .select('id')
    .where('username', '=', username)
    .where('deleted_at', 'is', null);
  if (exceptAccountId) q = q.where('id', '!=', exceptAccountId);
  return store.first(q.limit(1)) !== undefined;
}

/** Other patients whose live accounts use this email (compared without case). */
export function accountsSharingEmail(store: Store, email: string, exceptPatientId: string): number {
  const row = store.first(
    store.k
      .selectFrom('portal_account')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .where('deleted_at', 'is', null)
      .where('patient_id', '!=', exceptPatientId),
  );
  return row?.n ?? 0;
}

export function rightsOf(row: Pick<PortalAccountRow, 'right_econsultation' | 'right_ebooking' | 'right_eprescription'>): PortalRight[] {
  return PORTAL_RIGHTS.filter((r) => row[`right_${r}`] === 1);
}

export function rightColumns(rights: readonly PortalRight[]) {
  return {
    right_econsultation: rights.includes('econsultation') ? 1 : 0,
    right_ebooking: rights.includes('ebooking') ? 1 : 0,
    right_eprescription: rights.includes('eprescription') ? 1 : 0,
  };
}

export const hasText = (v: string | null | undefined): boolean => !!v && v.trim() !== '';

/** Feeds the one status function from the rows as they are stored. */
export function statusOf(
  portalEnabled: boolean,
  patient: Pick<Selectable<PatientTable>, 'email' | 'postal_code'>,
  account: PortalAccountRow | undefined,
  state: PortalStateRow | undefined,
  formerExists: boolean,
  now: Timestamp,
): PortalStatus {
  return portalStatus({
    portalEnabled,
    hasEmail: hasText(patient.email),
    hasPostalCode: hasText(patient.postal_code),
    account: account
      ? {
          deleted: false,
          accessEnabled: account.access_enabled === 1,
          invitationRequestedAt: account.invitation_requested_at,
          activatedByClinicAt: account.activated_by_clinic_at,
          resetRequestedAt: account.reset_requested_at,
          unlockRequestedAt: account.unlock_requested_at,
          tempPassword: tempPasswordState(account.temp_password_hash, account.temp_password_expires_at, now),
          tempPasswordExpiresAt: account.temp_password_expires_at,
        }
      : formerExists
        ? {
            deleted: true,
            accessEnabled: false,
            invitationRequestedAt: null,
            activatedByClinicAt: null,
            resetRequestedAt: null,
            unlockRequestedAt: null,
            tempPassword: 'none',
            tempPasswordExpiresAt: null,
          }
        : null,
    state: state
      ? {
          invitedAt: state.invited_at,
          activatedAt: state.activated_at,
          lastSignInAt: state.last_sign_in_at,
          locked: state.status === 'locked' || state.locked_at !== null,
          lockedAt: state.locked_at,
          failedAttempts: state.failed_attempts,
        }
      : null,
  });
}
