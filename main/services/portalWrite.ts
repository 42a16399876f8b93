import type { PortalView } from '../../common/api/portal';
import { fieldError } from '../../common/result';
import { normalizeUsername, usernameProblem } from '../../common/rules/username';
import type { PortalRight } from '../../common/settings';
import { nowTimestamp } from '../../common/time';
import type { Writer } from '../../db/command';
import { getPatientRow, type PatientRow } from '../../db/queries/patients';
import { accountById, accountsSharingEmail, usernameTaken, type PortalAccountRow } from '../../db/queries/portal';
import { getSetting } from '../../db/queries/settings';
import type { Store } from '../../db/store';
import type { CallContext } from '../context';
import { freeUsernameFor, loadFacts, toView } from './portalFacts';

/** Updates an account and returns it whole, as the mutation must carry it. */
export function writeAccount(w: Writer, id: string, patch: Partial<PortalAccountRow>): PortalAccountRow {
  w.store.run(
    w.store.k
      .updateTable('portal_account')
      .set({ ...patch, updated_at: w.now, updated_by: w.actor.staffId })
      .where('id', '=', id),
  );
  return accountById(w.store, id);
}

/** Writes the patient's email or postal code when they changed; returns the whole row if it did. */
export function writeContact(
  w: Writer,
  patient: PatientRow,
  contact: { email?: string | null; postalCode?: string | null },
): PatientRow | null {
  const patch: { email?: string | null; postal_code?: string | null } = {};
  if (contact.email !== undefined && contact.email !== patient.email) patch.email = contact.email;
  if (contact.postalCode !== undefined && contact.postalCode !== patient.postal_code) patch.postal_code = contact.postalCode;
  if (Object.keys(patch).length === 0) return null;
  w.store.run(w.store.k.updateTable('patient').set({ ...patch, updated_at: w.now }).where('id', '=', patient.id));
  return getPatientRow(w.store, patient.id) ?? null;
}

/**
 * The username an account gets: the one typed (valid and free), or none, or the suggestion
 * when one is needed (a temporary password signs in by username). Seed 004: patients sharing
 * one email address each need a username of their own.
 */
export function resolveUsername(
  store: Store,
  patient: PatientRow,
  raw: string,
  opts: { email: string | null; needed: boolean; accountId?: string | undefined },
): string | null {
  const username = normalizeUsername(raw);
  const suggestion = () => freeUsernameFor(store, patient);
  if (username) {
    const problem = usernameProblem(username);
    if (problem) throw fieldError('username', problem, 'username is not valid');
    if (usernameTaken(store, username, opts.accountId)) {
      throw fieldError('username', 'portal.errors.usernameTaken', 'username is taken', { suggestion: suggestion() });
    }
    return username;
  }
  if (opts.email && accountsSharingEmail(store, opts.email, patient.id) > 0) {
    throw fieldError('username', 'portal.errors.usernameNeededShared', 'the email is shared: a username is needed', {
      suggestion: suggestion(),
    });
  }
  return opts.needed ? suggestion() : null;
}

/** Only rights the clinic offers may be granted; one no longer offered may still be kept or removed. */
export function checkRights(store: Store, wanted: readonly PortalRight[], had: readonly PortalRight[]): PortalRight[] {
  const offered = getSetting(store, 'portal.offeredRights');
  if (wanted.some((r) => !offered.includes(r) && !had.includes(r))) {
    throw fieldError('rights', 'portal.errors.rightNotOffered', 'right not offered by the clinic');
  }
  return [...new Set(wanted)];
}

export function viewNow(ctx: CallContext, patientId: string): PortalView {
  const { store, clock } = ctx.app;
  ctx.app.events.broadcast('data.changed', { entities: ['portal_account'] });
  return toView(store, loadFacts(store, patientId, nowTimestamp(clock)));
}

export const yesNo = (v: boolean | number) => (v ? 'yes' : 'no');
