import { loginRequestRowId, newId } from '../../common/ids';
import type { RejectionChoice } from '../../common/notifications';
import { DomainError, fieldError } from '../../common/result';
import type { PortalRight } from '../../common/settings';
import type { Writer } from '../../db/command';
import type { LoginRequestDbRow } from '../../db/queries/loginRequests';
import { getPatientRow, writePatient, type PatientRow } from '../../db/queries/patients';
import { accountState, accountsSharingEmail, hasText, latestFormer, liveAccount, rightColumns, rightsOf } from '../../db/queries/portal';
import { freeUsernameFor } from './portalFacts';
import { writeNewAccount } from './portalAccount';
import { writeAccount, writeContact } from './portalWrite';

/**
 * The writes of a decision on a login request, shared by staff (registrations.approve / reject)
 * and by automatic approval. Each runs inside the caller's runCommand: the local rows change at
 * once (the request shows as decided), and one mutation carries the decision to the hub, where
 * the first decision wins (hub/sync/mutations/loginRequests.ts).
 */
export type PatientChoice = { id: string } | { createNew: true };

export interface Decider {
  /** "Staff name, Clinic" as the hub writes it; null for an automatic decision. */
  decidedBy: string | null;
  automatic: boolean;
}

export interface Approved {
  accountId: string;
  patientId: string;
  newPatient: boolean;
  /** The patient had an account with this email already: it got the rights, no second account was made. */
  linked: boolean;
  rights: PortalRight[];
}

const sameEmail = (a: string | null | undefined, b: string) => (a ?? '').trim().toLowerCase() === b.trim().toLowerCase();

/** The request as still open, or a conflict naming who decided it and when. */
export function requireOpen(r: LoginRequestDbRow | undefined): LoginRequestDbRow {
  if (!r) throw new DomainError('not_found', 'login request not found', { key: 'registrations.errors.notFound' });
  if (r.status !== 'new') {
    const by = r.decided_automatically ? 'automatic approval' : (r.decided_by ?? 'someone else');
    throw new DomainError('conflict', `already handled by ${by} at ${r.decided_at ?? 'an earlier time'}`, {
      key: r.decided_automatically ? 'registrations.errors.handledAutomatically' : 'registrations.errors.handled',
      params: { by: r.decided_by ?? '', at: r.decided_at ?? '' },
    });
  }
  return r;
}

/** A patient made from what the registration says (sex unknown until the clinic records it). */
function newPatientFrom(w: Writer, r: LoginRequestDbRow, id: string): PatientRow {
  const mrn = `W${id.replace(/-/g, '').slice(-8).toUpperCase()}`;
  writePatient(w.store, {
    id, clinic_id: r.clinic_id, mrn, given_name: r.given_name.trim(), family_name: r.family_name.trim(), date_of_birth: r.date_of_birth, sex: 'U',
    email: r.email.trim(), mobile: r.mobile?.trim() || null, postal_code: r.postal_code.trim(), address_line: null, city: null,
    created_at: w.now, updated_at: w.now, version: 0, deleted_at: null,
  });
  const row = getPatientRow(w.store, id);
  if (!row) throw new Error('the new patient vanished inside its own transaction');
  return row;
}

function markDecided(w: Writer, id: string, patch: Partial<LoginRequestDbRow>): void {
  w.store.run(w.store.k.updateTable('login_request').set(patch).where('id', '=', id));
}

/**
 * Approve: the patient (chosen, or made new) gets the portal account exactly as the portal form
 * makes it (`writeNewAccount`); a patient whose live account uses the registration's email keeps
 * it and gains the rights. A returning patient's former association is marked returned.
 */
export function approveWrite(w: Writer, r: LoginRequestDbRow, choice: { patient: PatientChoice; rights: PortalRight[] }, d: Decider): Approved {
  const newPatient = 'createNew' in choice.patient;
  let patient: PatientRow;
  let patientRow: PatientRow | null = null;
  if ('createNew' in choice.patient) {
    patient = newPatientFrom(w, r, d.automatic ? loginRequestRowId(r.id, 'patient') : newId());
    patientRow = patient;
  } else {
    const found = getPatientRow(w.store, choice.patient.id);
    if (!found) throw fieldError('patient', 'errors.patientNotFound', 'patient not found');
    patient = found;
  }
  const existing = liveAccount(w.store, patient.id);
  let args;
  let rights = choice.rights;
  if (existing) {
    if (!sameEmail(existing.email ?? patient.email, r.email)) {
      throw fieldError('patient', 'registrations.errors.otherAccount', 'the patient has a portal account with another email address');
    }
    rights = [...new Set([...rightsOf(existing), ...choice.rights])];
    const row = writeAccount(w, existing.id, { ...rightColumns(rights), access_enabled: 1 });
    const active = accountState(w.store, existing.id)?.status === 'active';
    args = { put: { portal_account: [row] }, accountId: existing.id, patientId: patient.id, activate: false, send: active ? ('welcome' as const) : ('activation' as const) };
  } else {
    // the chart keeps what it has; blanks are filled from what the patient entered and verified
    if (!newPatient) patientRow = writeContact(w, patient, { ...(hasText(patient.email) ? {} : { email: r.email.trim() }), ...(hasText(patient.postal_code) ? {} : { postalCode: r.postal_code.trim() }) });
    const shared = accountsSharingEmail(w.store, r.email, patient.id) > 0;
    const { create } = writeNewAccount(
      w,
      patientRow ?? patient,
      { email: r.email.trim(), username: shared ? freeUsernameFor(w.store, patient) : null, rights, wantsElectronicReply: false, temp: null, send: true },
      patientRow,
      d.automatic ? loginRequestRowId(r.id, 'account') : newId(),
    );
    args = create;
  }
  const put: Record<string, Array<Record<string, string | number | null>>> = { ...args.put };
  const former = r.returning_patient ? latestFormer(w.store, patient.id) : undefined;
  if (former && !former.returned_at) {
    w.store.run(w.store.k.updateTable('portal_former_account').set({ returned_at: w.now }).where('id', '=', former.id));
    put.portal_former_account = [{ ...former, returned_at: w.now }];
  }
  markDecided(w, r.id, { status: 'approved', decided_by: d.decidedBy, decided_at: w.now, account_id: args.accountId, patient_id: patient.id, decided_automatically: d.automatic ? 1 : 0 });
  w.mutate('loginRequests.approve', { ...args, put, id: r.id, baseVersion: r.version, status: 'approved', automatic: d.automatic }, [{ entity: 'login_request', id: r.id }]);
  return { accountId: args.accountId, patientId: patient.id, newPatient, linked: !!existing, rights };
}

/** Reject: a reason from the list, or `other` with a note that only the hub's page shows the patient. */
export function rejectWrite(w: Writer, r: LoginRequestDbRow, reason: RejectionChoice, note: string | null, d: Decider): void {
  markDecided(w, r.id, { status: 'rejected', decided_by: d.decidedBy, decided_at: w.now, reject_reason: reason, reject_note: note, decided_automatically: 0 });
  w.mutate('loginRequests.reject', { id: r.id, baseVersion: r.version, status: 'rejected', reason, note }, [{ entity: 'login_request', id: r.id }]);
}
