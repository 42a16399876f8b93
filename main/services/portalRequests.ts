import type { CredentialLetter } from '../../common/api/portal';
import type { Language } from '../../common/i18n';
import { newId } from '../../common/ids';
import { DomainError, fieldError } from '../../common/result';
import { nowTimestamp } from '../../common/time';
import { runCommand, type Writer } from '../../db/command';
import type { PatientRow } from '../../db/queries/patients';
import { accountsSharingEmail } from '../../db/queries/portal';
import { getSetting } from '../../db/queries/settings';
import { commandContext, type CallContext } from '../context';
import { portalAddress, prepareTempPassword, tempPasswordExpiry, type TempCredential } from './portalCredentials';
import { freeUsernameFor, loadFacts, requireAccount, requireAction, requirePortalOn } from './portalFacts';
import { buildCredentialLetter, letterFileName } from './portalLetter';
import { viewNow, writeAccount, writeContact } from './portalWrite';

/** Asks the hub to send the activation link (again): seed 002 "Gensend", seed 004 "invitation". */
export function activationWrite(w: Writer, patientId: string) {
  const f = loadFacts(w.store, patientId, w.now);
  const a = requireAccount(f);
  requireAction(f, 'sendActivation');
  const row = writeAccount(w, a.id, { invitation_requested_at: w.now });
  w.mutate('portal.sendActivation', { put: { portal_account: [row] }, accountId: a.id, send: 'activation' });
  return row;
}

export function sendActivation(input: { patientId: string }, ctx: CallContext) {
  requirePortalOn(ctx.app.store);
  runCommand(commandContext(ctx), {
    run: (w) => activationWrite(w, input.patientId),
    audit: (row) => ({ action: 'portal.sendActivation', patientId: input.patientId, entityType: 'portal_account', entityId: row.id }),
  });
  return viewNow(ctx, input.patientId);
}

/** Seed 002 "Ny kode" (Alt+K): the hub mails a single-use reset link; its token is made there, not here. */
export function sendReset(input: { patientId: string }, ctx: CallContext) {
  requirePortalOn(ctx.app.store);
  runCommand(commandContext(ctx), {
    run: (w) => {
      const f = loadFacts(w.store, input.patientId, w.now);
      const a = requireAccount(f);
      requireAction(f, 'sendReset');
      const row = writeAccount(w, a.id, { reset_requested_at: w.now });
      w.mutate('portal.sendReset', { put: { portal_account: [row] }, accountId: a.id, send: 'reset' });
      return row;
    },
    audit: (row) => ({ action: 'portal.sendReset', patientId: input.patientId, entityType: 'portal_account', entityId: row.id }),
  });
  return viewNow(ctx, input.patientId);
}

/** The lock lives in the hub's state; the workstation asks, based on the version it saw. */
export function unlock(input: { patientId: string }, ctx: CallContext) {
  requirePortalOn(ctx.app.store);
  runCommand(commandContext(ctx), {
    run: (w) => {
      const f = loadFacts(w.store, input.patientId, w.now);
      const a = requireAccount(f);
      requireAction(f, 'unlock');
      const state = f.state;
      if (!state) throw new DomainError('conflict', 'no hub state to unlock', { key: 'portal.errors.notNow' });
      const row = writeAccount(w, a.id, { unlock_requested_at: w.now });
      w.mutate('portal.unlock', { put: { portal_account: [row] }, accountId: a.id, stateId: state.id, baseVersion: state.version });
      return { row, failures: state.failed_attempts };
    },
    audit: (r) => ({ action: 'portal.unlock', patientId: input.patientId, entityType: 'portal_account', entityId: r.row.id, detail: `after ${r.failures} failed sign-ins` }),
  });
  return viewNow(ctx, input.patientId);
}

/**
 * Seed 001's privacy note: changing the address of a patient with portal access is how a third
 * party would take the account over. So it needs a reason, is recorded with who and why, tells
 * the old address, and sends activation to the new one.
 */
export function changeEmail(input: { patientId: string; email: string; reason: string }, ctx: CallContext) {
  requirePortalOn(ctx.app.store);
  runCommand(commandContext(ctx), {
    run: (w) => {
      const f = loadFacts(w.store, input.patientId, w.now);
      const a = requireAccount(f);
      requireAction(f, 'changeEmail');
      const old = f.patient.email;
      if (old && old.toLowerCase() === input.email.toLowerCase()) throw fieldError('email', 'portal.errors.emailUnchanged', 'same email');
      if (!a.username && accountsSharingEmail(w.store, input.email, f.patient.id) > 0) {
        throw fieldError('email', 'portal.errors.usernameNeededShared', 'shared email needs a username', { suggestion: freeUsernameFor(w.store, f.patient) });
      }
      const change = {
        id: newId(),
        clinic_id: a.clinic_id,
        patient_id: a.patient_id,
        account_id: a.id,
        old_email: old,
        new_email: input.email,
        reason: input.reason,
        changed_by: w.actor.staffId ?? 'unknown',
        changed_at: w.now,
        version: 0,
        deleted_at: null,
      };
      w.store.run(w.store.k.insertInto('portal_email_change').values(change));
      const patientRow = writeContact(w, f.patient, { email: input.email });
      const row = writeAccount(w, a.id, { email: input.email, invitation_requested_at: w.now });
      w.mutate('portal.changeEmail', {
        put: { portal_account: [row], portal_email_change: [change], ...(patientRow ? { patient: [patientRow] } : {}) },
        accountId: a.id,
        changeId: change.id,
        notifyOld: old,
        send: 'activation',
      });
      return { row, hadOld: !!old };
    },
    // the addresses and the reason stay in portal_email_change; the audit says that it happened
    audit: (r) => ({
      action: 'portal.changeEmail',
      patientId: input.patientId,
      entityType: 'portal_account',
      entityId: r.row.id,
      detail: r.hadOld ? 'old address notified; activation to the new one' : 'activation to the new address',
    }),
  });
  return viewNow(ctx, input.patientId);
}

/** Builds the one-time letter; nothing of it is stored. */
export async function issueLetter(
  ctx: CallContext,
  patient: PatientRow,
  username: string,
  temp: TempCredential,
  expiresAt: string,
  language: Language,
): Promise<CredentialLetter> {
  const { store, clock } = ctx.app;
  const clinic = store.first(store.k.selectFrom('clinic').select('name').where('id', '=', patient.clinic_id));
  const address = portalAddress(store);
  const pdf = await buildCredentialLetter({
    language,
    clinicName: clinic?.name ?? '',
    portalName: getSetting(store, 'portal.displayName'),
    patientName: `${patient.given_name} ${patient.family_name}`,
    username,
    password: temp.password,
    portalAddress: address,
    expiresAt,
    issuedAt: nowTimestamp(clock),
  });
  return {
    pdfBase64: Buffer.from(pdf).toString('base64'),
    fileName: letterFileName(patient.mrn),
    username,
    password: temp.password,
    generated: temp.generated,
    portalName: getSetting(store, 'portal.displayName'),
    expiresAt,
    portalAddress: address,
  };
}

/** Seed 004 "Manually set the patient's portal password", as a temporary one with a letter. */
export async function setTempPassword(
  input: { patientId: string; mode: 'generate' | 'typed'; password: string; language: Language },
  ctx: CallContext,
) {
  const { store, clock } = ctx.app;
  requirePortalOn(store);
  const f = loadFacts(store, input.patientId, nowTimestamp(clock));
  const a = requireAccount(f);
  requireAction(f, 'tempPassword');
  // a temporary password signs in by username: the account gets the suggested one if it has none
  const username = a.username ?? freeUsernameFor(store, f.patient);
  const temp = await prepareTempPassword(input.mode, input.password, username, ctx.app.config.scrypt);
  const expiresAt = tempPasswordExpiry(store, clock.now());
  const row = runCommand(commandContext(ctx), {
    run: (w) => {
      const g = loadFacts(w.store, input.patientId, w.now);
      const b = requireAccount(g);
      requireAction(g, 'tempPassword');
      const row = writeAccount(w, b.id, {
        username: b.username ?? username,
        temp_password_hash: temp.hash,
        temp_password_expires_at: expiresAt,
        must_change_password: 1,
      });
      w.mutate('portal.setTempPassword', { put: { portal_account: [row] }, accountId: b.id, expiresAt });
      return row;
    },
    audit: (r) => ({
      action: 'portal.setTempPassword',
      patientId: input.patientId,
      entityType: 'portal_account',
      entityId: r.id,
      detail: `${temp.generated ? 'generated' : 'typed'}; expires ${expiresAt.slice(0, 10)}${a.username ? '' : '; username assigned'}`,
    }),
  });
  const letter = await issueLetter(ctx, f.patient, row.username ?? username, temp, expiresAt, input.language);
  return { view: viewNow(ctx, input.patientId), letter };
}

/** Saving or printing the letter asks for nothing more, but it is on the record. */
export function letterUsed(input: { patientId: string; how: 'download' | 'print' }, ctx: CallContext) {
  runCommand(commandContext(ctx), {
    run: (w) => requireAccount(loadFacts(w.store, input.patientId, w.now)),
    audit: (a) => ({ action: 'portal.letter', patientId: input.patientId, entityType: 'portal_account', entityId: a.id, detail: input.how }),
  });
  return { ok: true as const };
}
