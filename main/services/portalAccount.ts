import type { CredentialLetter } from '../../common/api/portal';
import type { Language } from '../../common/i18n';
import type { MutationArgs } from '../../common/sync/mutations';
import { newId } from '../../common/ids';
import { DomainError, fieldError } from '../../common/result';
import type { PortalRight } from '../../common/settings';
import { nowTimestamp } from '../../common/time';
import { runCommand, type Writer } from '../../db/command';
import type { PatientRow } from '../../db/queries/patients';
import { rightColumns, rightsOf, statusOf, usernameTaken, type PortalAccountRow } from '../../db/queries/portal';
import { getSetting } from '../../db/queries/settings';
import { commandContext, type CallContext } from '../context';
import { prepareTempPassword, tempPasswordExpiry, type TempCredential } from './portalCredentials';
import { freeUsernameFor, loadFacts, reasonError, requireAccount, requireAction, requirePortalOn } from './portalFacts';
import { issueLetter } from './portalRequests';
import { checkRights, resolveUsername, viewNow, writeAccount, writeContact, yesNo } from './portalWrite';

export interface NewAccount {
  email: string | null;
  username: string | null;
  rights: PortalRight[];
  wantsElectronicReply: boolean;
  temp: { hash: string; expiresAt: string } | null;
  /** Ask the hub for an activation (or welcome) email; onboarding may only enable access. */
  send: boolean;
}

/**
 * Writes a new account and returns it with the `portal.create` args that carry it to the hub:
 * THE one way an account is made, by the portal form (`insertAccount`) and by approving a login
 * request (which sends the same args inside `loginRequests.approve`). With
 * portal.activateWithoutConfirmation the account is active at once and the email is a welcome
 * with a set-password link instead. `id`: automatic approval derives it from the request.
 */
export function writeNewAccount(
  w: Writer,
  patient: PatientRow,
  n: NewAccount,
  patientRow: PatientRow | null,
  id: string = newId(),
): { row: PortalAccountRow; create: MutationArgs<'portal.create'> } {
  const activate = getSetting(w.store, 'portal.activateWithoutConfirmation');
  const send = n.send && n.email ? (activate ? 'welcome' : 'activation') : 'none';
  const row: PortalAccountRow = {
    id,
    clinic_id: patient.clinic_id,
    patient_id: patient.id,
    username: n.username,
    email: n.email,
    ...rightColumns(n.rights),
    wants_electronic_reply: n.wantsElectronicReply ? 1 : 0,
    access_enabled: 1,
    created_by: w.actor.staffId,
    created_at: w.now,
    updated_at: w.now,
    version: 0,
    deleted_at: null,
    invitation_requested_at: send === 'none' ? null : w.now,
    reset_requested_at: null,
    unlock_requested_at: null,
    activated_by_clinic_at: activate ? w.now : null,
    temp_password_hash: n.temp?.hash ?? null,
    temp_password_expires_at: n.temp?.expiresAt ?? null,
    must_change_password: n.temp ? 1 : 0,
    updated_by: w.actor.staffId,
  };
  w.store.run(w.store.k.insertInto('portal_account').values(row));
  const create = {
    put: { portal_account: [row], ...(patientRow ? { patient: [patientRow] } : {}) },
    accountId: row.id,
    patientId: patient.id,
    activate,
    send,
  } satisfies MutationArgs<'portal.create'>;
  return { row, create };
}

/** Inserts the account and queues `portal.create`. */
export function insertAccount(w: Writer, patient: PatientRow, n: NewAccount, patientRow: PatientRow | null): PortalAccountRow {
  const { row, create } = writeNewAccount(w, patient, n, patientRow);
  w.mutate('portal.create', create);
  return row;
}

export async function createAccount(
  input: {
    patientId: string;
    email: string;
    postalCode: string;
    username: string;
    rights: PortalRight[];
    wantsElectronicReply: boolean;
    tempPassword: { mode: 'none' | 'generate' | 'typed'; password: string };
    language: Language;
  },
  ctx: CallContext,
) {
  const { store, clock } = ctx.app;
  requirePortalOn(store);
  const f = loadFacts(store, input.patientId, nowTimestamp(clock));
  if (f.account) throw new DomainError('conflict', 'the patient already has an account', { key: 'portal.errors.alreadyHasAccount' });
  const email = input.email || null;
  const postalCode = input.postalCode || null;
  const withTemp = input.tempPassword.mode !== 'none';
  // seed 001: enabling needs an address to reach the patient (or a temporary password) and a postal code
  if (!email && !withTemp) throw fieldError('email', 'portal.errors.emailOrTempPassword', 'no email and no temporary password');
  if (!postalCode) throw fieldError('postalCode', 'portal.errors.postalCodeNeeded', 'no postal code');
  const username = resolveUsername(store, f.patient, input.username, { email, needed: withTemp });
  const rights = checkRights(store, input.rights, []);
  let temp: TempCredential | null = null;
  if (input.tempPassword.mode !== 'none') {
    temp = await prepareTempPassword(input.tempPassword.mode, input.tempPassword.password, username ?? '', ctx.app.config.scrypt);
  }
  const expiresAt = temp ? tempPasswordExpiry(store, clock.now()) : null;
  const row = runCommand(commandContext(ctx), {
    run: (w) => {
      const g = loadFacts(w.store, input.patientId, w.now);
      if (g.account) throw new DomainError('conflict', 'the patient already has an account', { key: 'portal.errors.alreadyHasAccount' });
      if (username && usernameTaken(w.store, username)) {
        throw fieldError('username', 'portal.errors.usernameTaken', 'taken', { suggestion: freeUsernameFor(w.store, g.patient) });
      }
      const patientRow = writeContact(w, g.patient, { email, postalCode });
      return insertAccount(w, g.patient, { email, username, rights, wantsElectronicReply: input.wantsElectronicReply, temp: temp && expiresAt ? { hash: temp.hash, expiresAt } : null, send: true }, patientRow);
    },
    audit: (r) => ({
      action: 'portal.create',
      patientId: input.patientId,
      entityType: 'portal_account',
      entityId: r.id,
      detail: `rights: ${rightsOf(r).join(',') || 'none'}; reply: ${yesNo(r.wants_electronic_reply)}; ${
        r.invitation_requested_at ? 'link requested' : 'no link'
      }${temp ? `; temporary password ${temp.generated ? 'generated' : 'typed'}` : ''}${r.activated_by_clinic_at ? '; active at once' : ''}`,
    }),
  });
  const letter: CredentialLetter | null =
    temp && expiresAt ? await issueLetter(ctx, f.patient, row.username ?? '', temp, expiresAt, input.language) : null;
  return { view: viewNow(ctx, input.patientId), letter };
}

export function updateAccount(
  input: { patientId: string; username: string; rights: PortalRight[]; wantsElectronicReply: boolean; postalCode: string },
  ctx: CallContext,
) {
  const { store } = ctx.app;
  requirePortalOn(store);
  runCommand(commandContext(ctx), {
    run: (w) => {
      const f = loadFacts(w.store, input.patientId, w.now);
      const a = requireAccount(f);
      requireAction(f, 'edit');
      const postalCode = input.postalCode || null;
      if (!postalCode && a.access_enabled) throw fieldError('postalCode', 'portal.errors.postalCodeNeeded', 'postal code needed while enabled');
      const needsUsername = a.temp_password_hash !== null || !f.patient.email;
      const username = resolveUsername(w.store, f.patient, input.username, { email: f.patient.email, needed: needsUsername, accountId: a.id });
      const had = rightsOf(a);
      const rights = checkRights(w.store, input.rights, had);
      const changed: Array<'rights' | 'wantsElectronicReply' | 'username' | 'postalCode'> = [];
      if ([...rights].sort().join() !== [...had].sort().join()) changed.push('rights');
      if ((a.wants_electronic_reply === 1) !== input.wantsElectronicReply) changed.push('wantsElectronicReply');
      if (username !== a.username) changed.push('username');
      if (postalCode !== f.patient.postal_code) changed.push('postalCode');
      if (changed.length === 0) return null;
      const patientRow = writeContact(w, f.patient, { postalCode });
      const row = writeAccount(w, a.id, { ...rightColumns(rights), wants_electronic_reply: input.wantsElectronicReply ? 1 : 0, username });
      w.mutate('portal.update', { put: { portal_account: [row], ...(patientRow ? { patient: [patientRow] } : {}) }, accountId: a.id, changed });
      return { row, changed };
    },
    // nothing changed, nothing written: the audit trail records changes, not saves
    audit: (r) =>
      r
        ? {
            action: 'portal.update',
            patientId: input.patientId,
            entityType: 'portal_account',
            entityId: r.row.id,
            detail: `changed: ${r.changed.join(',')}; rights: ${rightsOf(r.row).join(',') || 'none'}`,
          }
        : [],
  });
  return viewNow(ctx, input.patientId);
}

/** Enable or disable access; enabling asks the status function whether the patient could then use the portal. */
export function enableWrite(w: Writer, patientId: string, enabled: boolean): PortalAccountRow | null {
  const f = loadFacts(w.store, patientId, w.now);
  const a = requireAccount(f);
  if ((a.access_enabled === 1) === enabled) return null;
  if (enabled) {
    const after = statusOf(f.portalEnabled, f.patient, { ...a, access_enabled: 1 }, f.state, !!f.former, w.now);
    const problem = reasonError(after.reasons);
    if (problem) throw problem;
  }
  const row = writeAccount(w, a.id, { access_enabled: enabled ? 1 : 0 });
  w.mutate('portal.setAccess', { put: { portal_account: [row] }, accountId: a.id, enabled });
  return row;
}

export function setAccess(input: { patientId: string; enabled: boolean }, ctx: CallContext) {
  requirePortalOn(ctx.app.store);
  runCommand(commandContext(ctx), {
    run: (w) => enableWrite(w, input.patientId, input.enabled),
    audit: (row) =>
      row
        ? { action: input.enabled ? 'portal.enable' : 'portal.disable', patientId: input.patientId, entityType: 'portal_account', entityId: row.id }
        : [],
  });
  return viewNow(ctx, input.patientId);
}

/**
 * Seed 002 "Slet": deletes the patient's association with this clinic only. The account row
 * is kept, soft-deleted, and the rights it had are kept as a former account, so a patient
 * who registers again can be flagged as returning.
 */
export function deleteAssociation(input: { patientId: string }, ctx: CallContext) {
  requirePortalOn(ctx.app.store);
  runCommand(commandContext(ctx), {
    run: (w) => {
      const f = loadFacts(w.store, input.patientId, w.now);
      const a = requireAccount(f);
      requireAction(f, 'delete');
      const former = {
        id: newId(),
        clinic_id: a.clinic_id,
        patient_id: a.patient_id,
        account_id: a.id,
        username: a.username,
        email: a.email,
        right_econsultation: a.right_econsultation,
        right_ebooking: a.right_ebooking,
        right_eprescription: a.right_eprescription,
        wants_electronic_reply: a.wants_electronic_reply,
        account_created_at: a.created_at,
        removed_at: w.now,
        removed_by: w.actor.staffId,
        returned_at: null,
        version: 0,
        deleted_at: null,
      };
      w.store.run(w.store.k.insertInto('portal_former_account').values(former));
      // no secret outlives the association
      const row = writeAccount(w, a.id, { deleted_at: w.now, temp_password_hash: null, temp_password_expires_at: null });
      w.mutate('portal.delete', { put: { portal_account: [row], portal_former_account: [former] }, accountId: a.id, patientId: a.patient_id, formerId: former.id });
      return row;
    },
    audit: (row) => ({ action: 'portal.delete', patientId: input.patientId, entityType: 'portal_account', entityId: row.id, detail: `rights then: ${rightsOf(row).join(',') || 'none'}` }),
  });
  return viewNow(ctx, input.patientId);
}
